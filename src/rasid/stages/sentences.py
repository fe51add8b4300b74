"""Stage ``sentences@1``: sentence spans that never cross a boilerplate span's boundary."""

from __future__ import annotations

from collections.abc import Callable

from rasid.arabic.sentences import split_sentences
from rasid.doc import Document, Span

STAGE = "sentences@1"


def build() -> Callable[[Document], None]:
    def run(doc: Document) -> None:
        breaks: set[int] = set()
        for s in doc.spans("boilerplate"):
            breaks.add(s.start)
            breaks.add(s.end)
        ranges = split_sentences(doc.text, breaks)
        doc.add("sentences", [Span(a, b, "sentence", {}, STAGE) for a, b in ranges])

    return run
