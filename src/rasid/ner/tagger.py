"""The shipped CRF NER tagger: BIO labels over tokens and character spans over raw text."""

from __future__ import annotations

import gzip
from pathlib import Path

from rasid.arabic.normalise import fold
from rasid.ner.corpus import spans as bio_spans
from rasid.ner.features import FeatureExtractor
from rasid.ner.resources import MODELS_DIR, Gazetteer, load_clusters, load_triggers
from rasid.ner.tokens import name_start, surface_offset, tokenize

MODEL_FILE = "ner_crf.crfsuite"
GAZETTEER_FILE = "ner_gazetteer.tsv.gz"
CLUSTERS_FILE = "ner_clusters.tsv.gz"
KNOWN_FILE = "ner_known.txt.gz"


def load_known(path: Path) -> set[str]:
    if not path.exists():
        return set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {line.rstrip("\n") for line in fh if line.strip()}


class NerTagger:
    """CRF tagger over folded-word, clitic, gazetteer, trigger and word-cluster features."""

    def __init__(self, model_dir: Path = MODELS_DIR, model_file: str = MODEL_FILE) -> None:
        import pycrfsuite

        from rasid.errors import RasidError

        path = model_dir / model_file
        if not path.exists():
            raise RasidError(f"NER model {path} is missing; run `rasid train ner` to build it")
        self.gazetteer = Gazetteer.load(model_dir / GAZETTEER_FILE)
        self.extractor = FeatureExtractor(self.gazetteer, load_triggers(),
                                          load_clusters(model_dir / CLUSTERS_FILE))
        known = load_known(model_dir / KNOWN_FILE)
        known.update(k for k in self.gazetteer.entries if " " not in k)
        self.known = frozenset(known)
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(path))

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO labels (PERS, LOC, ORG, MISC) for a sentence of tokens."""
        if not tokens:
            return []
        return self._crf.tag(self.extractor.sentence(tokens))

    def tag_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, type) over ``text``; a leading proclitic of the first token is left out."""
        offsets = tokenize(text)
        found: list[tuple[int, int, str]] = []
        for lo, hi in _sentences(text, offsets):
            chunk = offsets[lo:hi]
            labels = self.tag([text[s:e] for s, e in chunk])
            for a, b, kind in bio_spans(labels):
                start, end = chunk[a][0], chunk[b - 1][1]
                surface = text[start:chunk[a][1]]
                cut = name_start(surface, fold(surface), self.known)
                if cut:
                    start += surface_offset(surface, cut)
                if start < end:
                    found.append((start, end, kind))
        return found


_STOPS = {".", "!", "?", "؟", "\n"}


def _sentences(text: str, offsets: list[tuple[int, int]], limit: int = 120) -> list[tuple[int, int]]:
    """Token index ranges of sentences: split after . ! ? ؟ and at line breaks, at most ``limit`` tokens."""
    ranges: list[tuple[int, int]] = []
    lo = 0
    for i, (s, e) in enumerate(offsets):
        gap_break = i + 1 < len(offsets) and "\n" in text[e:offsets[i + 1][0]]
        if text[s:e] in _STOPS or gap_break or i + 1 - lo >= limit:
            ranges.append((lo, i + 1))
            lo = i + 1
    if lo < len(offsets):
        ranges.append((lo, len(offsets)))
    return ranges
