"""Stage "entities": registry matching and within-document linking, one span per mention.

The span attrs are ``{"id", "type"}`` (plus private ``_form``: name, variant, nisba, title,
alias, generic, surname or tagger); ``doc.objects["entities"]`` holds the entity table.
"""

from __future__ import annotations

from functools import lru_cache

from rasid.doc import Document, Span

NAME, VERSION = "entities", "1"
TAG = f"{NAME}@{VERSION}"


def build():  # noqa: ANN201 - a stage factory
    """Compile the registry (shipped files plus the user overlay) and load the tagger once."""
    import os

    from rasid.entities import build_linker

    linker = build_linker(os.environ.get("RASID_OVERLAY") or None)

    def run(doc: Document) -> None:
        mentions, table = linker.annotate(doc)
        spans = [Span(m.start, m.end, "entity", {"id": m.entity_id, "type": m.etype, "_form": m.kind}, TAG)
                 for m in mentions]
        doc.add(NAME, resolve_capitals(doc.text, spans, table, linker))
        doc.objects[NAME] = table

    return run


def resolve_capitals(text: str, spans: list[Span], table: dict, linker) -> list[Span]:  # noqa: ANN001
    """A capital named as a party ("رفضت موسكو", "تعتبر كييف") stands for its country; named
    as a place (after في/إلى/من, or coordinated with such a place) it stays the city."""
    from rasid.stages.actors import locative

    out: list[Span] = []
    previous_place: Span | None = None
    previous: Span | None = None
    for span in sorted(spans, key=lambda s: s.start):
        country = table.get(span.attrs["id"], {}).get("capital_of")
        if country:
            governed = locative(text, span) or named_as_city(text, span, previous) or dateline(text, span)
            if not governed and previous_place is not None:
                between = text[previous_place.end:span.start].strip()
                governed = between in ("و", "،", ",") or between.startswith("و") and len(between) <= 2
            if governed:
                previous_place = span
            else:
                info = linker.registry.get(country)
                if country not in table and info:
                    table[country] = {k: info.get(k) for k in ("id", "type", "name", "name_en") if k in info}
                if country in table:
                    span = Span(span.start, span.end, span.label,
                                {"id": country, "type": table[country].get("type", "GPE"), "_form": "metonym",
                                 "_city": span.attrs["id"]}, span.stage)
                previous_place = None
        else:
            previous_place = span if locative(text, span) and span.attrs.get("type") in (
                "GPE", "LOC") else None
        out.append(span)
        previous = span
    return out


def dateline(text: str, span: Span) -> bool:
    """Whether the capital opens a line as a dateline: "بروكسل (رويترز) -", "موسكو - " (not before a
    colon: a headline's "موسكو: لن نقبل …" is Moscow speaking)."""
    line_start = text.rfind("\n", 0, span.start) + 1
    if text[line_start:span.start].strip():
        return False
    rest = text[span.end:span.end + 3].lstrip(" ")
    if rest[:1] in ("،", ","):  # "عمان، الأردن (CNN) --", not "واشنطن، أعلنت عبر وزارة خارجيتها"
        line_end = text.find("\n", span.end)
        return "(" in text[span.end:line_end if line_end >= 0 else len(text)][:40]
    return rest[:1] in ("(", "-", "–", "—")


def named_as_city(text: str, span: Span, previous: Span | None) -> bool:
    """Whether a city noun (rules/capitals.json) stands before the capital, directly or past a
    nationality adjective: "العاصمة الخرطوم", "العاصمة الأوكرانية كييف"."""
    from rasid.stages.actors import preceded_by

    nouns = city_nouns()
    if preceded_by(text, span, nouns):
        return True
    return previous is not None and previous.attrs.get("_form") == "nisba" \
        and not text[previous.end:span.start].strip() and preceded_by(text, previous, nouns)


@lru_cache(maxsize=1)
def city_nouns() -> frozenset[str]:
    """The folded nouns of rules/capitals.json."""
    import json
    from importlib import resources

    from rasid.arabic.normalise import fold

    raw = json.loads(resources.files("rasid").joinpath("data/entities/rules/capitals.json").read_text("utf-8"))
    return frozenset(fold(w) for w in raw["city_nouns"])
