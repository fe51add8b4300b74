"""rasid (راصد): offline Arabic news intelligence with character-exact standoff annotations.

Importing rasid is cheap: no stage, lexicon or model loads until a pipeline is built.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rasid.doc import Document, Span

__version__ = "0.1.0"
__all__ = ["Document", "Span", "analyze", "analyze_many", "__version__"]


def analyze(text: str, published: str | None = None, **meta: Any) -> Document:
    """Run the default pipeline over one text and return the annotated Document."""
    from rasid.pipeline import default_pipeline, make_document

    return default_pipeline().run_doc(make_document(text, published=published, **meta))


def analyze_many(items: Iterable[str | dict[str, Any] | Document], progress: bool = False) -> Iterator[Document]:
    """Stream annotated Documents from texts, dicts (text, title, url, published, source) or Documents."""
    from rasid.pipeline import default_pipeline, make_document

    def as_docs() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Document):
                yield item
            elif isinstance(item, str):
                yield make_document(item)
            else:
                fields = dict(item)
                text = fields.pop("text")
                yield make_document(text, **fields)

    yield from default_pipeline().run_many(as_docs(), progress=progress)
