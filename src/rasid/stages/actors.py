"""Who acts: shared rules for reading an entity mention as the actor of a clause.

A capital named as the doer of an action stands for its government ("رفضت واشنطن" is the
United States), so an actor mention of a capital resolves to the country.  Mentions nested
inside a longer mention ("الأمريكي" inside "وزير الدفاع الأمريكي") are not actors of their own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rasid.arabic.normalise import fold
from rasid.arabic.wordmatch import PhraseMatcher, words
from rasid.doc import Document, Span
from rasid.entities.variants import head_noun_classes

#: prepositions whose object is not the doer of the clause ("ضمانات أمنية لأوكرانيا")
_PREPOSITIONS = frozenset(fold(w) for w in "في إلى الى على عن مع ضد حول بين لدى تجاه نحو عبر بشأن داخل".split())
_GLUED_PREPOSITION = "لبك"
_PREV_WORD = re.compile(r"([\w\u064B-\u065F]+)[\s\u0640]*$")


def actor_id(mention: Span, table: dict[str, dict[str, Any]]) -> str:
    """The id an actor mention stands for: a capital's country, else the mention's own id."""
    eid = mention.attrs["id"]
    return table.get(eid, {}).get("capital_of") or eid


def outermost(mentions: list[Span]) -> list[Span]:
    """Mentions sorted by start, without those nested in a longer one."""
    out: list[Span] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if out and out[-1].start <= m.start and m.end <= out[-1].end:
            continue
        out.append(m)
    return out


def actor_mentions(doc: Document, types: tuple[str, ...], subjects_only: bool = False) -> list[Span]:
    """Entity mentions of the given types that can be actors: outermost, not adjectives,
    and (``subjects_only``) not the object of a preposition."""
    table = doc.objects.get("entities", {})
    # nesting is judged over all mentions: "بودابست" inside "مذكرة بودابست" is no actor
    out = [m for m in outermost(doc.spans("entities"))
           if (m.attrs.get("type") or table.get(m.attrs.get("id"), {}).get("type")) in types
           and m.attrs.get("_form") != "nisba"]
    if subjects_only:
        out = [m for m in out if not governed_by_preposition(doc.text, m) or membership_start(doc.text, m) is not None]
    return out


@lru_cache(maxsize=1)
def _membership() -> PhraseMatcher:
    """"الدول الأعضاء في", "البلدان في": phrases after which an organisation stands for its members
    (kept with the events lexicon, data/events/verbs.json)."""
    import json
    from importlib import resources

    raw = json.loads(resources.files("rasid").joinpath("data/events/verbs.json").read_text("utf-8"))
    return PhraseMatcher((p, True) for p in raw.get("membership", []))


def membership_start(text: str, mention: Span) -> int | None:
    """Where a membership phrase standing right before the mention begins ("معظم البلدان في
    الائتلاف"), else None: the organisation then stands for its members and can be an actor
    though "في" governs it."""
    lo = max(0, mention.start - 40)
    while lo > 0 and not text[lo - 1].isspace():  # never start inside a word
        lo -= 1
    ws = words(text[lo:mention.start])
    if not ws or text[lo + ws[-1].end:mention.start].strip():
        return None
    for match in _membership().find(ws, max(0, len(ws) - 3)):
        if match.last == len(ws) - 1:
            return lo + ws[match.first].start
    return None


#: prepositions that make a capital a place rather than a party (لكييف "for Kyiv" stays a party)
LOCATIVE_PREPOSITIONS = frozenset(fold(w) for w in "في إلى الى من عبر داخل نحو قرب بالقرب".split())


def _after_preposition(text: str, mention: Span, glued: str, words: frozenset[str],
                       glued_article: bool) -> bool:
    """Whether a preposition governs the mention: one of ``glued`` attached to it (or لل when
    ``glued_article``), or a word of ``words`` standing just before it."""
    start = mention.start
    if start > 0 and text[start - 1] in glued and (start < 2 or not text[start - 2].isalpha()):
        return True
    if glued_article and start > 1 and text[start - 2:start] == "لل":
        return True
    match = _PREV_WORD.search(text, max(0, start - 20), start)
    if not match:
        return False
    word = fold(match.group(1))
    return word in words or (word[:1] in "وف" and word[1:] in words)  # "وفي نيامي"


def preceded_by(text: str, mention: Span, words: frozenset[str]) -> bool:
    """Whether one of the folded ``words`` stands just before the mention, as a word of its own."""
    return _after_preposition(text, mention, "", words, glued_article=False)


def locative(text: str, mention: Span) -> bool:
    """True when the mention names a place: في بروكسل, إلى كييف, بموسكو."""
    return _after_preposition(text, mention, "ب", LOCATIVE_PREPOSITIONS, glued_article=False)


@lru_cache(maxsize=1)
def _meeting_nouns() -> frozenset[str]:
    return frozenset(noun for noun, cls in head_noun_classes().items() if "EVENT" in cls["types"])


def governed_by_preposition(text: str, mention: Span) -> bool:
    """True when the mention is the object of a preposition (لأوكرانيا, في بروكسل, مع روسيا), or
    a place in the genitive of a meeting noun ("قمة واشنطن": it names the venue, it does nothing;
    "لقاء ترامب" keeps its doer)."""
    return _after_preposition(text, mention, _GLUED_PREPOSITION, _PREPOSITIONS, glued_article=True) \
        or names_a_venue(text, mention)


def names_a_venue(text: str, mention: Span) -> bool:
    """True for a place in the genitive of a meeting noun: "قمة واشنطن", "مؤتمر ميونيخ"."""
    return mention.attrs.get("type") in ("GPE", "LOC") and preceded_by(text, mention, _meeting_nouns())
