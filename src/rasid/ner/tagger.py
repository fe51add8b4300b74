"""The shipped CRF NER tagger: BIO labels over tokens and character spans over raw text."""

from __future__ import annotations

import gzip
from pathlib import Path

from rasid.arabic.normalise import fold
from rasid.ner.common_words import COMMON_FILE, load_common_words
from rasid.ner.corpus import spans as bio_spans
from rasid.ner.features import FeatureExtractor, add_rows, document_features
from rasid.ner.resources import MODELS_DIR, Gazetteer, load_clusters, load_triggers
from rasid.ner.scoring import CompiledCrfs, tag_document
from rasid.ner.tokens import name_start, surface_offset, tokenize
from rasid.ner.vectors import VECTORS_FILE, load_vectors

MODEL_FILE = "ner_crf.crfsuite"
LOCAL_MODEL_FILE = "ner_crf_local.crfsuite"  # first stage of the two-stage tagger (local features only)
GAZETTEER_FILE = "ner_gazetteer.tsv.gz"
CLUSTERS_FILE = "ner_clusters.tsv.gz"
KNOWN_FILE = "ner_known.txt.gz"


def load_known(path: Path) -> set[str]:
    if not path.exists():
        return set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {line.rstrip("\n") for line in fh if line.strip()}


def _wordlike(text: str, token: tuple[int, int]) -> bool:
    """Whether a token holds a letter or a digit (not punctuation alone)."""
    return any(ch.isalnum() for ch in text[token[0]:token[1]])


class NerTagger:
    """CRF tagger over folded-word, clitic, gazetteer, trigger and word-cluster features.

    Two stages when ``ner_crf_local.crfsuite`` ships: a CRF with local features labels every sentence
    of a document, then the main CRF sees, besides the same features, what the first one called the
    other occurrences of each word in the sentences around it (``document_features``).  ``tag_document``
    and ``tag_spans`` use both; ``tag`` (one sentence, no document) the first alone.  Without that file
    the main model runs alone on local features everywhere.
    """

    def __init__(self, model_dir: Path = MODELS_DIR, model_file: str = MODEL_FILE,
                 engine: str = "numpy") -> None:
        import pycrfsuite

        from rasid.errors import RasidError

        path = model_dir / model_file
        if not path.exists():
            raise RasidError(f"NER model {path} is missing; run `rasid train ner` to build it")
        self.gazetteer = Gazetteer.load(model_dir / GAZETTEER_FILE)
        self.extractor = FeatureExtractor(self.gazetteer, load_triggers(),
                                          load_clusters(model_dir / CLUSTERS_FILE),
                                          load_vectors(model_dir / VECTORS_FILE))
        #: word keys the news mostly uses outside names (``common_words``): never carried as a lone surname
        self.common_words = load_common_words(model_dir / COMMON_FILE)
        known = load_known(model_dir / KNOWN_FILE)
        known.update(k for k in self.gazetteer.entries if " " not in k)
        self.known = frozenset(known)
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(path))
        self._local = None
        if (model_dir / LOCAL_MODEL_FILE).exists():
            self._local = pycrfsuite.Tagger()
            self._local.open(str(model_dir / LOCAL_MODEL_FILE))
        models = [crf for crf in (self._local, self._crf) if crf is not None]
        #: "numpy" decodes from the models' weights with per-word summed scores (``scoring``);
        #: "crfsuite" (``compiled`` None) hands pycrfsuite each token's strings.  Same labels; numpy is
        #: about twice as fast.
        self.compiled = CompiledCrfs(self.extractor, models) if engine == "numpy" else None
        if engine == "crfsuite":
            # only the attributes either model weighs are built per token (22 % fewer strings, same labels)
            self.extractor.attributes = frozenset(
                a for crf in models for a, _ in crf.info().state_features)
        elif engine != "numpy":
            raise RasidError(f"unknown NER engine {engine!r} (numpy, crfsuite)")

    def clear_cache(self) -> None:
        """Forget every word's cached features (a benchmark measures each mode from cold)."""
        self.extractor.clear_cache()
        if self.compiled is not None:
            self.compiled.clear_cache()

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO labels (PERS, LOC, ORG, MISC) for one sentence of tokens, without document context.

        With two stages this is the first (local) model alone: the second one, given a single
        sentence, sees too little of the document and scores below it (dev 73.2 vs 73.9 F1).
        """
        if not tokens:
            return []
        if self.compiled is not None:
            scores, lengths = self.compiled.scores([tokens])
            return self.compiled.decode(scores, lengths, 0)[0]
        crf = self._local if self._local is not None else self._crf
        return crf.tag(self.extractor.items(tokens, self.extractor.sentence(tokens)))

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO labels for each sentence of a document (sentences in reading order): the second stage
        sees the first stage's labels of the same words in neighbouring sentences."""
        if self.compiled is not None:
            return tag_document(self.compiled, sentences)
        ex = self.extractor
        feats = [ex.sentence(tokens) if tokens else [] for tokens in sentences]
        if self._local is None:
            return [self._crf.tag(ex.items(t, f)) if f else [] for t, f in zip(sentences, feats, strict=True)]
        first = [self._local.tag(ex.items(t, f)) if f else [] for t, f in zip(sentences, feats, strict=True)]
        extra = document_features([ex.stems(tokens) for tokens in sentences], first)
        return [self._crf.tag(ex.items(t, add_rows(f, x))) if f else []
                for t, f, x in zip(sentences, feats, extra, strict=True)]

    def tag_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, type) over ``text``; a leading proclitic of the first token is left out."""
        offsets = tokenize(text)
        found: list[tuple[int, int, str]] = []
        ranges = _sentences(text, offsets)
        all_labels = self.tag_document([[text[s:e] for s, e in offsets[lo:hi]] for lo, hi in ranges])
        for (lo, hi), labels in zip(ranges, all_labels, strict=True):
            chunk = offsets[lo:hi]
            for a, b, kind in bio_spans(labels):
                # a name neither starts nor ends on a punctuation token the model labelled inside it
                while b > a and not _wordlike(text, chunk[b - 1]):
                    b -= 1
                while a < b and not _wordlike(text, chunk[a]):
                    a += 1
                if a == b:
                    continue
                start, end = chunk[a][0], chunk[b - 1][1]
                surface = text[start:chunk[a][1]]
                cut = name_start(surface, fold(surface), self.known, self.extractor.clusters)
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
