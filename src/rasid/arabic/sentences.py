"""Sentence splitting for Arabic news text, as character ranges of the original.

A sentence ends at ``. ؟ ? ! ؛ …`` (and runs of them) and always at a line break.  It never
ends at ``،``, inside a number (``3.5``, ``1,000``, ``٣٫٥``) or after a common Latin
abbreviation (data file ``arabic/data/abbreviations.txt``).  Closing quotation marks that follow
the terminator belong to the sentence (``.”`` ends after the quote); a quote that closes before
the terminator (``”.``) is simply part of it.  Spans are trimmed of surrounding whitespace;
blank lines give no sentence.  ``breaks`` lets a caller force extra boundaries (boilerplate).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

#: characters that end a sentence
TERMINATORS = frozenset(".؟?!؛…")
#: closing quotation marks and brackets that stay with the sentence they close
_CLOSERS = frozenset("”»\"’')]}›")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
_SPACE = frozenset(" \t\u00a0\u202f\u2009\u200f\u200e\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                   "\u200b\u200c\u200d\ufeff")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-cased Latin abbreviations (without their final period) after which '.' is no end."""
    raw = resources.files("rasid.arabic").joinpath("data/abbreviations.txt").read_text("utf-8")
    words = set()
    for line in raw.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.rstrip(".").lower())
    return frozenset(words)


def _is_digit(ch: str) -> bool:
    return ch.isdigit()


def _period_is_not_end(text: str, i: int) -> bool:
    """True when the '.' at i is a decimal point, an abbreviation's period or an initial."""
    n = len(text)
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < n else ""
    if prev and nxt and _is_digit(prev) and _is_digit(nxt):
        return True  # 3.5
    # the Latin word just before the period
    j = i
    while j > 0 and (text[j - 1].isascii() and (text[j - 1].isalpha() or text[j - 1] == ".")):
        j -= 1
    word = text[j:i]
    if not word:
        return False
    if word.lower() in abbreviations():
        return True
    # a single Latin capital (an initial, "J. Smith") or dotted acronym ("U.S.")
    if len(word) == 1 and word.isupper():
        return True
    if "." in word and all(len(p) <= 2 for p in word.split(".")):
        return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _SPACE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _SPACE):
        end -= 1
    return start, end


def split_sentences(text: str, breaks: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Sentence ranges ``(start, end)`` of ``text``; ``breaks`` are offsets that force a boundary."""
    forced = sorted(set(b for b in breaks if 0 < b < len(text)))
    out: list[tuple[int, int]] = []

    def emit(a: int, b: int) -> None:
        a, b = _trim(text, a, b)
        if a < b and any(not (ch in _SPACE or ch.isspace()) for ch in text[a:b]):
            out.append((a, b))

    # cut the text into segments at forced breaks, then split each segment
    bounds = [0, *forced, len(text)]
    for seg_start, seg_end in zip(bounds, bounds[1:], strict=False):
        _split_segment(text, seg_start, seg_end, emit)
    return out


def _split_segment(text: str, lo: int, hi: int, emit) -> None:
    start = lo
    i = lo
    while i < hi:
        ch = text[i]
        if ch in _LINE_BREAKS:
            emit(start, i)
            start = i + 1
            i += 1
            continue
        if ch in TERMINATORS:
            if ch == "." and _period_is_not_end(text, i):
                i += 1
                continue
            j = i + 1
            # a run of terminators ("?!", "...")
            while j < hi and text[j] in TERMINATORS:
                j += 1
            # closing quotes / brackets right after the terminator belong to this sentence
            while j < hi and text[j] in _CLOSERS:
                j += 1
            # so does a lone closing ” or » after a space ("... انتهى. ”"), a common typing slip
            k = j
            while k < hi and text[k] in " \t\u00a0":
                k += 1
            if k > j and k < hi and text[k] in "”»" and (k + 1 >= hi or text[k + 1].isspace()):
                j = k + 1
            # a terminator glued to the following letter (no space) is usually not an end,
            # except for Arabic ؟ ؛ and after a closing quote
            if j < hi and text[j].isalnum() and text[j - 1] in ".!" and ch == ".":
                nxt = text[j]
                if nxt.isascii():  # "e.g.x", "www.site.com"
                    i = j
                    continue
            emit(start, j)
            start = j
            i = j
            continue
        i += 1
    emit(start, hi)
