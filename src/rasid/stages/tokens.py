"""Stage ``tokens@1``: one span per token, with clitic pieces and lemmas (rasid.arabic.tokenise).

Tokens are cut inside sentences where the ``sentences`` layer exists (so no token crosses a
sentence or boilerplate boundary), else over the whole text.
"""

from __future__ import annotations

from collections.abc import Callable

from rasid.arabic.tokenise import preload, tokenize
from rasid.doc import Document, Span

STAGE = "tokens@1"


def build() -> Callable[[Document], None]:
    preload()  # load the data once, here, not per document

    def run(doc: Document) -> None:
        text = doc.text
        sentences = doc.spans("sentences")
        ranges = [(s.start, s.end) for s in sentences] if sentences else [(0, len(text))]
        spans: list[Span] = []
        for a, b in ranges:
            for tok in tokenize(text, a, b):
                spans.append(Span(tok.start, tok.end, "token", tok.attrs(), STAGE))
        doc.add("tokens", spans)

    return run
