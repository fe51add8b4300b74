"""Search keys: the folded stem of every word, with its original character range.

Indexing must be fast (tens of thousands of articles) and the index and the query must cut
words the same way, so search does not call the morphological analyser.  A word is split by:

1. the never-split list (names that start like a clitic) and a proclitic in front of such a name;
2. the compiled segmentation table (``arabic/data/segmentations.tsv``, qalsadi's answers for
   frequent words);
3. the article (``ال``, ``لل``, with ``و ف ب ك`` in front) before at least three letters;
4. one or two proclitic letters in front of a word the table knows (``وحلف`` -> ``حلف``).

Everything else is kept whole.  A query word becomes the set of its stem key and its whole-word
key, so a query word that the rules over-split still finds the text word (see ``query_keys``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from rasid.arabic.normalise import fold
from rasid.arabic.tokenise import never_split

_AR_LETTER = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
_AR_MARK = "\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
#: words (Arabic with marks and tatweel, Latin) and numbers, the things worth indexing
_WORD_RE = re.compile(
    rf"(?P<ar>[{_AR_LETTER}][{_AR_LETTER}{_AR_MARK}]*)"
    r"|(?P<num>[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*)"
    r"|(?P<lat>[^\W\d_]+)"
)
_MARKS = frozenset(chr(c) for c in [0x0640, *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])
_ARTICLE_RE = re.compile(r"[وف]?(?:[بك]?ال|لل)")
_PROCLITIC_RE = re.compile(r"[وف]?[بلك]?")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], frozenset[str]]:
    """word -> length of its proclitic (from the segmentation table), and the set of known stems."""
    splits: dict[str, int] = {}
    known: set[str] = set()
    try:
        raw = resources.files("rasid.arabic").joinpath("data/segmentations.tsv").read_text("utf-8")
    except FileNotFoundError:
        return splits, frozenset()
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        word, pro, suf = parts[0], parts[1], parts[2]
        if not word.startswith(pro) or (suf and not word.endswith(suf)):
            continue
        splits[word] = len(pro) * 1000 + len(suf)  # packed: proclitic length, suffix length
        known.add(fold(word[len(pro):len(word) - len(suf)]))
        known.add(fold(word))
    return splits, frozenset(known)


@lru_cache(maxsize=500_000)
def word_key(bare: str) -> str:
    """The folded stem of an Arabic word without diacritics (clitics cut off)."""
    names = never_split()
    key = fold(bare)
    if key in names:
        return key
    for n in (1, 2, 3):
        if len(bare) > n + 1 and _PROCLITIC_RE.fullmatch(bare[:n]) and fold(bare[n:]) in names:
            return fold(bare[n:])
    splits, known = _table()
    packed = splits.get(bare)
    if packed is not None:
        pro, suf = divmod(packed, 1000)
        return fold(bare[pro:len(bare) - suf])
    m = _ARTICLE_RE.match(bare)
    if m and len(bare) - m.end() >= 3:
        return fold(bare[m.end():])
    m = _PROCLITIC_RE.match(bare)
    if m and m.end() and len(bare) - m.end() >= 3 and fold(bare[m.end():]) in known:
        return fold(bare[m.end():])
    return key


def _number_key(surface: str) -> str:
    return "".join(ch for ch in fold(surface) if ch.isalnum())


def keyed_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` for every word and number of ``text[start:end]``; offsets into ``text``."""
    end = len(text) if end is None else end
    out: list[tuple[int, int, str]] = []
    for m in _WORD_RE.finditer(text, start, end):
        kind = m.lastgroup
        surface = m.group()
        if kind == "ar":
            bare = "".join(ch for ch in surface if ch not in _MARKS)
            key = word_key(bare)
        elif kind == "num":
            key = _number_key(surface)
        else:
            key = surface.lower()
        if key:
            out.append((m.start(), m.end(), key))
    return out


def query_keys(word: str) -> tuple[str, ...]:
    """The keys a query word may match: its stem and, if different, the whole folded word."""
    found = keyed_words(word)
    if len(found) != 1:
        return tuple(k for _, _, k in found)
    stem = found[0][2]
    whole = "".join(ch for ch in fold(word) if ch.isalnum())
    return (stem,) if whole in ("", stem) else (stem, whole)
