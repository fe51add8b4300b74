"""Normalised views of text that map back to original offsets.

``normalise(text)`` returns a :class:`View`: the matching key (presentation forms through
NFKC, bidi controls, tatweel and diacritics removed, alef / ya / ta marbuta / hamza carriers
folded, digits to ASCII, ٪ to %, Latin lower-cased) and, for every view character, the
original range it came from.  The original text is never changed (lesson 2 of DESIGN.md).
``fold(s)`` gives the same key without the map, for lexicon entries.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_PRESENTATION = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """ord(char) -> replacement ('' removes), compiled from arabic/data/charmap.json."""
    raw = json.loads(resources.files("rasid.arabic").joinpath("data/charmap.json").read_text("utf-8"))
    table: dict[int, str] = {}
    for chars in raw["remove"].values():
        for ch in chars:
            table[ord(ch)] = ""
    for src, dst in raw["fold"].items():
        table[ord(src)] = dst
    for digits in raw["digits"].values():
        for i, ch in enumerate(digits):
            table[ord(ch)] = str(i)
    return table


def _map_char(ch: str, table: dict[int, str]) -> str:
    code = ord(ch)
    if code in table:
        return table[code]
    if any(lo <= code <= hi for lo, hi in _PRESENTATION):
        expanded = unicodedata.normalize("NFKC", ch)
        return "".join(table.get(ord(c), c) for c in expanded)
    if "A" <= ch <= "Z":
        return ch.lower()
    if code > 0x7F and not ch.isalnum() and unicodedata.category(ch) == "Mn":
        return ""  # any other combining mark
    if code > 0x7F and ch.isupper():
        return ch.lower()
    return ch


@lru_cache(maxsize=4096)
def _map_cached(ch: str) -> str:
    return _map_char(ch, _table())


@dataclass(frozen=True, slots=True)
class View:
    """A normalised string and, per character, the original [start, end) it stands for."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets for the view range [start, end)."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]


_CHARS: dict[str, str] = {}  # char -> its view string, filled on first sight
_TRANS: dict[int, str] = {}  # the same, keyed by code point, for str.translate
_UNEVEN: set[str] = set()  # chars whose view string is not exactly one character


def _learn(text: str) -> set[str]:
    """Map every char of ``text`` not seen before; the chars of ``text`` as a set."""
    seen = set(text)
    for ch in seen.difference(_CHARS):
        out = _CHARS[ch] = _map_cached(ch)
        _TRANS[ord(ch)] = out
        if len(out) != 1:
            _UNEVEN.add(ch)
    return seen


def normalise(text: str) -> View:
    """The matching view of ``text`` with its offset map."""
    return _normalise_cached(text)


@lru_cache(maxsize=16)
def _normalise_cached(text: str) -> View:
    # the stages of one document normalise the same text several times; a View is immutable
    n = len(text)
    if _UNEVEN.isdisjoint(_learn(text)):  # the common case: one view character per character
        return View(text.translate(_TRANS), tuple(range(n)), tuple(range(1, n + 1)), n)
    starts: list[int] = []
    ends: list[int] = []
    prev = 0
    for m in _uneven_re(len(_UNEVEN)).finditer(text):  # runs of plain chars between the uneven ones
        i = m.start()
        if prev < i:
            starts.extend(range(prev, i))
            ends.extend(range(prev + 1, i + 1))
        width = len(_CHARS[m.group()])
        if width:
            starts.extend([i] * width)
            ends.extend([i + 1] * width)
        prev = i + 1
    if prev < n:
        starts.extend(range(prev, n))
        ends.extend(range(prev + 1, n + 1))
    return View(text.translate(_TRANS), tuple(starts), tuple(ends), n)


@lru_cache(maxsize=8)
def _uneven_re(size: int) -> re.Pattern[str]:
    """One-char pattern of the uneven chars (``size`` keys the cache: the set only grows)."""
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(_UNEVEN)) + "]")


def fold(text: str) -> str:
    """The matching key of ``text`` (what ``normalise(text).text`` would be), without a map."""
    chars = _CHARS
    try:
        return "".join([chars[ch] for ch in text])
    except KeyError:  # a char not seen before
        _learn(text)
        return text.translate(_TRANS)


def strip_bidi(text: str) -> str:
    """Remove bidi and zero-width controls only (for display and matching)."""
    raw = json.loads(resources.files("rasid.arabic").joinpath("data/charmap.json").read_text("utf-8"))
    controls = set(raw["remove"]["bidi_controls"])
    return "".join(ch for ch in text if ch not in controls)
