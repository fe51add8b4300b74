"""Match multi-word Arabic phrases from a lexicon against running text, clitics allowed.

Stages that look for cue phrases (stance cues, topic expressions, event verbs) share this:
words are folded (rasid.arabic.normalise.fold) and a phrase word matches a text word that
is the same or carries proclitics (و ف ب ل ك س, ال, لل) in front.  Phrases are indexed by
their first word, so matching is one dictionary look-up per text word and prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rasid.arabic.normalise import fold

#: an Arabic or Latin word with its diacritics and tatweel inside it
WORD = re.compile(r"[\w\u0640\u064B-\u065F\u0670]+")
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "فال", "بال", "كال", "لل", "ول", "وب", "فب", "فل",
               "ولل", "وبال", "وس", "فس")
#: the proclitic sequences that carry the article (ال, وال, بال, لل …)
ARTICLE_PROCLITICS = tuple(p for p in _PROCLITICS if "ال" in p or p.endswith("لل"))


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    key: str  # folded surface


def words(text: str) -> list[Word]:
    """The words of text with their folded keys and original offsets."""
    return [Word(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]


@lru_cache(maxsize=65536)
def stems(key: str) -> tuple[str, ...]:
    """The folded word and its forms with leading clitics removed (cached: news vocabulary repeats)."""
    out = [key]
    for prefix in _PROCLITICS[1:]:
        if key.startswith(prefix) and len(key) - len(prefix) >= 2:
            out.append(key[len(prefix):])
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Match:
    first: int  # index of the first word
    last: int  # index of the last word (inclusive)
    value: object
    prefix: str = ""  # the proclitics removed from the first word to match ("و" in "وأكدت")


class PhraseMatcher:
    """A compiled lexicon of phrases; each phrase carries a value returned with its matches."""

    def __init__(self, entries: Iterable[tuple[str, object]]) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for phrase, value in entries:
            parts = tuple(fold(phrase).split())
            if parts:
                self._index.setdefault(parts[0], []).append((parts[1:], value))
        for options in self._index.values():
            options.sort(key=lambda o: -len(o[0]))  # longest phrase first

    def first_words(self) -> list[str]:
        """The folded first word of every phrase."""
        return list(self._index)

    def _word_is(self, key: str, want: str) -> bool:
        return want in stems(key)

    def find(self, ws: list[Word], lo: int = 0, hi: int | None = None) -> list[Match]:
        """Non-overlapping longest matches among ws[lo:hi], left to right."""
        hi = len(ws) if hi is None else hi
        out: list[Match] = []
        i = lo
        while i < hi:
            best: Match | None = None
            for stem in stems(ws[i].key):
                for rest, value in self._index.get(stem, ()):
                    end = i + len(rest)
                    if end >= hi:
                        continue
                    if all(self._word_is(ws[i + 1 + k].key, r) for k, r in enumerate(rest)):
                        if best is None or end > best.last:
                            best = Match(i, end, value, ws[i].key[:len(ws[i].key) - len(stem)])
                        break
            if best is not None:
                out.append(best)
                i = best.last + 1
            else:
                i += 1
        return out
