"""Stage ``duplicates@1``: repeated or near-repeated sentences inside one article.

Machine translation and scraping repeat text: a headline printed twice, a sentence echoed
with small changes ("X، كما X'").  Units are the sentences of the ``sentences`` layer and,
inside a sentence, its comma-separated clauses; boilerplate sentences are skipped.  Units
are compared on their normalised word sequence; the later copy is the duplicate and points
at the first occurrence with ``of_start``.

Candidates come from an inverted index of word-bigram shingles, so an article of thousands
of sentences costs a few comparisons per sentence instead of all pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from rasid.arabic.normalise import fold
from rasid.doc import Document, Span

STAGE = "duplicates@1"

#: Units shorter than this many words are never duplicates (short sentences repeat naturally).
MIN_WORDS = 6
#: Clauses must be longer than whole sentences to count on their own.
MIN_CLAUSE_WORDS = 8
#: rapidfuzz ratio (0-100) of the two normalised WORD sequences for a near repeat: about
#: three words in four shared in the same order.  Word level, so a paraphrase that keeps the
#: nouns but changes the verbs ("تنوي" / "أعربت عن نيتها") is not a copy.
NEAR_RATIO = 75.0
#: Share of the later unit's words found in the earlier one, and the ordered partial
#: ratio, for a later unit wholly contained in an earlier one.
CONTAINED_SHARE = 0.9
CONTAINED_PARTIAL = 90.0
#: Shared shingles a candidate needs, and the posting size above which a shingle is too
#: common to be a useful key (keeps the search near-linear).
MIN_SHARED = 2
MAX_POSTING = 64

_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"\s*[،,;؛]\s+")


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    words: tuple[str, ...]
    key: str
    numbers: frozenset[str]
    shingles: frozenset[tuple[str, str]]


def _unit(text: str, start: int, end: int) -> _Unit | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    words = tuple(_WORD.findall(fold(text[start:end])))
    return _Unit(
        start, end, words, " ".join(words),
        frozenset(w for w in words if w.isdigit()),
        frozenset(zip(words, words[1:], strict=False)),
    )


def _units(doc: Document) -> list[_Unit]:
    noise = [(s.start, s.end) for s in doc.spans("boilerplate")]
    text = doc.text
    units: list[_Unit] = []
    for sent in doc.spans("sentences"):
        if any(a < sent.end and sent.start < b for a, b in noise):
            continue
        whole = _unit(text, sent.start, sent.end)
        if whole is None:
            continue
        units.append(whole)
        pos = sent.start
        clauses: list[_Unit] = []
        for m in _CLAUSE_BREAK.finditer(text, sent.start, sent.end):
            part = _unit(text, pos, m.start())
            if part is not None:
                clauses.append(part)
            pos = m.end()
        if clauses:
            last = _unit(text, pos, sent.end)
            if last is not None:
                clauses.append(last)
            units += [c for c in clauses if len(c.words) >= MIN_CLAUSE_WORDS]
    units.sort(key=lambda u: (u.start, -u.end))
    return units


def _same(earlier: _Unit, later: _Unit) -> bool:
    """Whether ``later`` repeats ``earlier`` (nearly, or wholly contained in it)."""
    if not later.numbers <= earlier.numbers:
        return False  # a different figure makes a different fact
    if earlier.numbers == later.numbers and fuzz.ratio(earlier.words, later.words) >= NEAR_RATIO:
        return True
    if len(later.words) > len(earlier.words):
        return False
    vocab = set(earlier.words)
    share = sum(w in vocab for w in later.words) / len(later.words)
    return share >= CONTAINED_SHARE and fuzz.partial_ratio(later.key, earlier.key) >= CONTAINED_PARTIAL


def find_duplicates(doc: Document) -> list[tuple[int, int, int]]:
    """(start, end, of_start) for every later copy of an earlier sentence or clause."""
    units = _units(doc)
    index: dict[tuple[str, str], list[int]] = {}
    root: dict[int, int] = {}  # unit number -> start of the first occurrence
    flagged_until = -1  # largest end of a flagged unit; units come sorted by start
    found: list[tuple[int, int, int]] = []
    for i, unit in enumerate(units):
        if len(unit.words) < MIN_WORDS:
            continue
        if unit.end <= flagged_until:
            continue  # a clause of a sentence already flagged
        shared: Counter[int] = Counter()
        for sh in unit.shingles:
            posting = index.get(sh)
            if posting and len(posting) <= MAX_POSTING:
                shared.update(posting)
        match = None
        for j, count in shared.most_common():
            if count < MIN_SHARED:
                break
            other = units[j]
            if other.end > unit.start:
                continue  # overlapping (a sentence and its own clause) or not earlier
            if _same(other, unit):
                match = j
                break
        if match is not None:
            of_start = root.get(match, units[match].start)
            root[i] = of_start
            flagged_until = max(flagged_until, unit.end)
            found.append((unit.start, unit.end, of_start))
            continue
        for sh in unit.shingles:
            index.setdefault(sh, []).append(i)
    return found


def build() -> Callable[[Document], None]:
    def run(doc: Document) -> None:
        doc.add("duplicates", [
            Span(a, b, "duplicate", {"of_start": of}, STAGE) for a, b, of in find_duplicates(doc)
        ])

    return run
