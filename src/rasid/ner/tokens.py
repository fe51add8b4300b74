"""Tokens with offsets and proclitic handling for the NER tagger.

The tokenizer keeps runs of word characters (letters, digits, Arabic marks and tatweel) together and
makes every other non-space character its own token, so ``text[start:end]`` is always the token.
Proclitics (و ف ب ل ك and the article ال) stay attached to the token, as in ANERcorp; ``strip_proclitics``
gives the stem the features use and ``name_start`` tells how many characters to drop from a span's
first token so that "لأوكرانيا" is reported as "أوكرانيا".
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]+|[^\w\s]",
                    re.UNICODE)
_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")

CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك")


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token of ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


def strip_proclitics(word: str) -> str:
    """Folded ``word`` without conjunction, preposition and article prefixes (keeps at least 2 letters)."""
    stem = word
    if len(stem) > 3 and stem[0] in CONJ:
        stem = stem[1:]
    if len(stem) > 3 and stem.startswith("لل"):
        return stem[2:]
    if len(stem) > 3 and stem[0] in PREP:
        stem = stem[1:]
    if len(stem) > 3 and stem.startswith("ال"):
        stem = stem[2:]
    return stem


def name_start(surface: str, folded: str, known: frozenset[str] | set[str],
               vocabulary: frozenset[str] | set[str] | dict[str, object] = frozenset()) -> int:
    """How many leading characters of a span's first token are a proclitic, not part of the name.

    ``known`` holds folded words known as names (gazetteer, training entities); a known word is kept
    whole.  Conjunctions are dropped before 3+ letters, unless ``vocabulary`` (words frequent in the
    news) has the whole word and not what is left ("فيسبوك" is no "و" + "يسبوك"); prepositions only
    when what follows is known or starts with the article.  The count is in folded characters, mapped
    back by the caller.
    """
    if folded in known or len(folded) < 4:
        return 0
    cut = 0
    rest = folded
    if rest[0] in CONJ and len(rest) > 3:
        if folded in vocabulary and rest[1:] not in vocabulary:
            return 0
        cut, rest = 1, rest[1:]
        if rest in known:
            return cut
    if rest.startswith("لل") and len(rest) > 3:
        return cut + 2
    if rest[0] in PREP and len(rest) > 3:
        tail = rest[1:]
        if tail in known or tail.startswith("ال"):
            return cut + 1
    return cut


def surface_offset(surface: str, folded_chars: int) -> int:
    """Offset in ``surface`` after its first ``folded_chars`` letters (skipping marks and tatweel)."""
    if folded_chars == 0:
        return 0
    seen = 0
    for i, ch in enumerate(surface):
        if _MARKS.match(ch):
            continue
        seen += 1
        if seen == folded_chars:
            j = i + 1
            while j < len(surface) and _MARKS.match(surface[j]):
                j += 1
            return j
    return 0
