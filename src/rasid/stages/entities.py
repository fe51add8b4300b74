"""Stage "entities": registry matching and within-document linking, one span per mention.

The span attrs are ``{"id", "type"}`` (plus private ``_form``: name, variant, nisba, title,
alias, generic, surname or tagger); ``doc.objects["entities"]`` holds the entity table.
"""

from __future__ import annotations

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
        doc.add(NAME, [Span(m.start, m.end, "entity", {"id": m.entity_id, "type": m.etype, "_form": m.kind}, TAG)
                       for m in mentions])
        doc.objects[NAME] = table

    return run
