"""Who acts: shared rules for reading an entity mention as the actor of a clause.

A capital named as the doer of an action stands for its government ("رفضت واشنطن" is the
United States), so an actor mention of a capital resolves to the country.  Mentions nested
inside a longer mention ("الأمريكي" inside "وزير الدفاع الأمريكي") are not actors of their own.
"""

from __future__ import annotations

from typing import Any

from rasid.doc import Document, Span


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


def actor_mentions(doc: Document, types: tuple[str, ...]) -> list[Span]:
    """Entity mentions of the given types that can be actors: outermost, not adjectives."""
    table = doc.objects.get("entities", {})
    typed = [m for m in doc.spans("entities")
             if (m.attrs.get("type") or table.get(m.attrs.get("id"), {}).get("type")) in types]
    return [m for m in outermost(typed) if m.attrs.get("_form") != "nisba"]
