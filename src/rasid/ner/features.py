"""Feature extraction for the CRF tagger.

Features of a word that do not depend on its position are computed once per word type and cached,
together with the shorter views its neighbours see (offsets ±1, ±2), so a sentence's features are a
few list concatenations per token plus the position-dependent ones (gazetteer BIO, bigrams).
"""

from __future__ import annotations

from rasid.arabic.normalise import fold
from rasid.ner.resources import Gazetteer
from rasid.ner.tokens import strip_proclitics

OFFSETS = (-2, -1, 1, 2)


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
                 clusters: dict[str, tuple[str, ...]]) -> None:
        self.gazetteer = gazetteer
        self.triggers = triggers
        self.clusters = clusters
        self._cache: dict[str, tuple[str, str, list[str], dict[int, list[str]]]] = {}

    def _word(self, word: str) -> tuple[str, str, list[str], dict[int, list[str]]]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
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
        hit = (f, stem, own, nb)
        if len(self._cache) < 100_000:  # bounded: memory stays flat as a corpus grows
            self._cache[word] = hit
        return hit

    def sentence(self, words: list[str]) -> list[list[str]]:
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
                feats.append("bg-=" + prev[0] + "|" + f)
            else:
                feats.append("BOS")
            if i + 1 < n:
                nxt = infos[i + 1]
                feats += nxt[3][1]
                feats.append("bg+=" + f + "|" + nxt[0])
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
