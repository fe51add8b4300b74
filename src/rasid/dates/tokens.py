"""Words of a folded view with their view offsets: the units the date matcher walks over."""

from __future__ import annotations

import re

# Arabic letter runs, digit runs, Latin runs, a newline, or any other single visible mark.
_WORD_RE = re.compile(r"[\u0621-\u064a\u066e-\u06d3]+|\d+|[a-z]+|\n|[^\s\w]")

#: marks that end a clause for the tense scan
CLAUSE_END = frozenset({".", "!", "?", "\n", ":", ";"})


def split_words(view_text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for each word of an already folded text."""
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(view_text)]
