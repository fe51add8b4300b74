"""Feature extraction for the CRF tagger.

Features of a word that do not depend on its position are computed once per word type and cached,
together with the shorter views its neighbours see (offsets ±1, ±2), so a sentence's features are a
few list concatenations per token plus the position-dependent ones (gazetteer BIO, bigrams).

``document_features`` adds the non-local evidence of a two-stage tagger (after Krishnan & Manning
2006): what the first-stage tagger called the other occurrences of a token's stem in the sentences
around it, so that a name tagged confidently in one sentence pulls its weaker mentions along.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasid.arabic.normalise import fold
from rasid.ner.resources import Gazetteer
from rasid.ner.tokens import strip_proclitics
from rasid.ner.vectors import OFFSETS as VECTOR_OFFSETS
from rasid.ner.vectors import dense_names

if TYPE_CHECKING:
    import numpy as np

OFFSETS = (-2, -1, 1, 2)
DOC_WINDOW = 5  # sentences either side whose first-stage labels a token sees (dev: 5 ≥ 10 ≥ 25)


def shape(word: str) -> str:
    if word.isdigit():
        return "D"
    if all(not c.isalnum() for c in word):
        return "P"
    if word.isascii():
        return "L" if word.isalpha() else "LD"
    if any(c.isdigit() for c in word):
        return "AD"
    return "A"


class FeatureExtractor:
    def __init__(self, gazetteer: Gazetteer, triggers: dict[str, str],
                 clusters: dict[str, tuple[str, ...]], vectors: dict[str, np.ndarray] | None = None) -> None:
        self.gazetteer = gazetteer
        self.triggers = triggers
        self.clusters = clusters
        #: folded word -> its news vector (``rasid.ner.vectors``), real-valued features of a word and
        #: of its neighbours at -1 and +1; empty for a model trained without them
        self.vectors = vectors or {}
        self._dense_names = {offset: dense_names(offset) for offset in VECTOR_OFFSETS}
        #: when set (at tagging time), the attributes the models weigh: no other string is built for
        #: crfsuite, which would only look it up and ignore it (labels are the same either way)
        self.attributes: frozenset[str] | None = None
        self._cache: dict[str, tuple[str, str, list[str], dict[int, list[str]]]] = {}

    def clear_cache(self) -> None:
        """Forget the per-word features (a benchmark measures each mode from cold)."""
        self._cache.clear()

    def _word(self, word: str) -> tuple[str, str, list[str], dict[int, list[str]]]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        hit = self.word_features(word, self.attributes)
        if len(self._cache) < 100_000:  # bounded: memory stays flat as a corpus grows
            self._cache[word] = hit
        return hit

    def word_features(self, word: str, weighed: frozenset[str] | None = None,
                      ) -> tuple[str, str, list[str], dict[int, list[str]]]:
        """A word's folded form, stem, own attributes and the views its neighbours at -2, -1, +1, +2
        see (uncached); with ``weighed``, only those attributes."""
        f = fold(word)
        stem = strip_proclitics(f)
        gaz = self.gazetteer.entries
        trig = self.triggers.get(f) or self.triggers.get(stem)
        sh = shape(f)
        own = ["b", "w=" + f, "s=" + stem, "sh=" + sh, "p2=" + f[:2], "p3=" + f[:3],
               "x2=" + f[-2:], "x3=" + f[-3:], "sp1=" + stem[:1], "sx1=" + stem[-1:],
               "len=" + str(min(len(stem), 8))]
        if f != stem:
            own.append("cl=" + f[: len(f) - len(stem)])
        if trig:
            own.append("t=" + trig)
        g = gaz.get(f) or gaz.get(stem)
        if g:
            own.append("g1=" + g)
        cl = self.clusters.get(f) or self.clusters.get(stem)
        if cl:
            own.extend(f"c{i}={c}" for i, c in enumerate(cl))
        else:
            own.append("c=none")
        near = ["w=" + f, "s=" + stem, "x2=" + stem[-2:], "sh=" + sh]
        if f != stem:
            near.append("cl=" + f[: len(f) - len(stem)])
        if trig:
            near.append("t=" + trig)
        if g:
            near.append("g1=" + g)
        if cl:
            near.extend(f"c{i}={c}" for i, c in enumerate(cl[:2]))
        far = ["w=" + f]
        if trig:
            far.append("t=" + trig)
        if cl:
            far.append("c0=" + cl[0])
        nb = {-1: ["-1" + x for x in near], 1: ["+1" + x for x in near],
              -2: ["-2" + x for x in far], 2: ["+2" + x for x in far]}
        if weighed is not None:
            own = [x for x in own if x in weighed]
            nb = {k: [x for x in v if x in weighed] for k, v in nb.items()}
        return f, stem, own, nb

    def vector(self, folded: str, stem: str) -> np.ndarray | None:
        """The news vector of a word: of its folded form, else of its clitic-free stem."""
        v = self.vectors.get(folded)
        return v if v is not None else self.vectors.get(stem)

    def items(self, words: list[str], feats: list[list[str]]) -> list[list[str]] | list[dict[str, float]]:
        """crfsuite items of a sentence: ``feats`` as they are without vectors, else each token's
        attributes with weight 1 plus the vectors of the token and its neighbours at -1 and +1."""
        if not self.vectors:
            return feats
        infos = [self._word(w) for w in words]
        vecs = [self.vector(f, stem) for f, stem, _, _ in infos]
        out: list[dict[str, float]] = []
        for i, tokens in enumerate(feats):
            item = dict.fromkeys(tokens, 1.0)
            for offset, dims in self._dense_names.items():
                j = i + offset
                if 0 <= j < len(words) and vecs[j] is not None:
                    item.update(zip(dims, vecs[j].tolist(), strict=True))
            out.append(item)
        return out

    def stems(self, words: list[str]) -> list[str]:
        """Clitic-free folded stems of ``words`` (the keys ``document_features`` groups by)."""
        return [self._word(w)[1] for w in words]

    def sentence(self, words: list[str]) -> list[list[str]]:
        weighed = self.attributes
        infos = [self._word(w) for w in words]
        folded = [x[0] for x in infos]
        stems = [x[1] for x in infos]
        gaz = self.gazetteer.match(folded, stems)
        n = len(words)
        out: list[list[str]] = []
        for i, (f, _stem, own, _nb) in enumerate(infos):
            feats = list(own)
            if i >= 2:
                feats += infos[i - 2][3][-2]
            if i >= 1:
                prev = infos[i - 1]
                feats += prev[3][-1]
                bigram = "bg-=" + prev[0] + "|" + f
                if weighed is None or bigram in weighed:
                    feats.append(bigram)
            else:
                feats.append("BOS")
            if i + 1 < n:
                nxt = infos[i + 1]
                feats += nxt[3][1]
                bigram = "bg+=" + f + "|" + nxt[0]
                if weighed is None or bigram in weighed:
                    feats.append(bigram)
            else:
                feats.append("EOS")
            if i + 2 < n:
                feats += infos[i + 2][3][2]
            g = gaz[i]
            if g:
                feats.append("G=" + g)
                feats.append("G" + g[0])
            if i >= 1 and gaz[i - 1]:
                feats.append("-1G=" + gaz[i - 1])
            if i + 1 < n and gaz[i + 1]:
                feats.append("+1G=" + gaz[i + 1])
            out.append(feats)
        return out


def _sentence_counts(keys: list[str], labels: list[str]) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Occurrences of each key (of 2+ characters) in a sentence, and of each key tagged as each type."""
    seen: dict[str, int] = {}
    typed: dict[str, dict[str, int]] = {}
    for key, label in zip(keys, labels, strict=True):
        if len(key) > 1:
            seen[key] = seen.get(key, 0) + 1
            if label != "O":
                per = typed.setdefault(key, {})
                per[label[2:]] = per.get(label[2:], 0) + 1
    return seen, typed


def _shift(seen: dict[str, int], typed: dict[str, dict[str, int]],
           counts: tuple[dict[str, int], dict[str, dict[str, int]]], sign: int) -> None:
    """Add (sign 1) or remove (sign -1) one sentence's counts from the window's; zeros are dropped."""
    for key, n in counts[0].items():
        left = seen.get(key, 0) + sign * n
        if left:
            seen[key] = left
        else:
            del seen[key]
    for key, per in counts[1].items():
        into = typed.setdefault(key, {})
        for typ, n in per.items():
            left = into.get(typ, 0) + sign * n
            if left:
                into[typ] = left
            else:
                del into[typ]
        if not into:
            del typed[key]


def document_features(keys: list[list[str]], labels: list[list[str]],
                      window: int = DOC_WINDOW) -> list[list[list[str]]]:
    """Per sentence and token, features from the first-stage ``labels`` of the *other* occurrences
    of the token's key (stem) within ``window`` sentences either side.

    ``dt=TYPE`` for every entity type seen, ``dm=TYPE`` the most frequent one (ties: the
    alphabetically first), ``df=0..4`` the share of the other occurrences tagged as any entity, in
    quarters, ``dO`` when every other occurrence was tagged O; nothing for a key seen nowhere else or
    of one character.  The window's counts slide with the sentence, so a document costs one pass.
    """
    per_sentence = [_sentence_counts(k, y) for k, y in zip(keys, labels, strict=True)]
    seen: dict[str, int] = {}
    typed: dict[str, dict[str, int]] = {}
    n = len(keys)
    for s in range(min(window + 1, n)):
        _shift(seen, typed, per_sentence[s], 1)
    out: list[list[list[str]]] = []
    for s in range(n):
        if s - window - 1 >= 0:
            _shift(seen, typed, per_sentence[s - window - 1], -1)
        if s >= 1 and s + window < n:
            _shift(seen, typed, per_sentence[s + window], 1)
        rows: list[list[str]] = []
        for key, own in zip(keys[s], labels[s], strict=True):
            others = seen.get(key, 0) - 1 if len(key) > 1 else 0
            if others <= 0:
                rows.append([])
                continue
            per = typed.get(key)
            if per is None:
                rows.append(["dO"])
                continue
            types = dict(per)
            if own != "O":
                types[own[2:]] -= 1
            types = {t: c for t, c in sorted(types.items()) if c > 0}
            if not types:
                rows.append(["dO"])
                continue
            row = ["dt=" + t for t in types]
            row.append("dm=" + max(types, key=types.__getitem__))
            row.append("df=" + str(4 * sum(types.values()) // others))
            rows.append(row)
        out.append(rows)
    return out


def add_rows(feats: list[list[str]], extra: list[list[str]]) -> list[list[str]]:
    """``feats`` (fresh lists from ``FeatureExtractor.sentence``) with each token's ``extra`` appended
    in place: no list per token is copied, which keeps the garbage collector quiet."""
    for row, more in zip(feats, extra, strict=True):
        if more:
            row.extend(more)
    return feats
