"""Build a pipeline from stage names and run it over documents.

``run_doc`` is the one per-document function: the CLI, the tests and the batch engines
(local processes, Ray Data) all call it.  A stage that fails on a document is recorded in
``doc.meta["failures"]`` with its stage, code and message; the later stages still run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from rasid.doc import Document
from rasid.errors import OffsetError, RasidError
from rasid.registry import Stage, StageRegistry, StageSpec, default_registry

log = logging.getLogger(__name__)


class Pipeline:
    """Stages built once (models and lexicons load here), then applied per document."""

    def __init__(self, names: list[str] | None = None, registry: StageRegistry | None = None) -> None:
        from rasid.stages import DEFAULT_PIPELINE

        self.registry = registry or default_registry()
        self.names = list(names) if names is not None else list(DEFAULT_PIPELINE)
        self.specs: list[StageSpec] = self.registry.check(self.names)
        self.stages: list[tuple[StageSpec, Stage]] = [(spec, spec.build()) for spec in self.specs]

    def run_doc(self, doc: Document) -> Document:
        for spec, stage in self.stages:
            try:
                stage(doc)
            except OffsetError:
                raise  # a stage bug: never hide it
            except RasidError as err:
                _record_failure(doc, spec, err.code, str(err))
            except Exception as err:  # one stage's bug must not lose the document
                log.warning("stage %s failed on %s: %s", spec.tag, doc.id, err)
                _record_failure(doc, spec, "E201", f"{type(err).__name__}: {err}")
        return doc

    def run_many(self, docs: Iterable[Document], progress: bool = False, total: int | None = None,
                 desc: str = "analyse") -> Iterator[Document]:
        iterator: Iterable[Document] = docs
        if progress:
            from tqdm import tqdm

            iterator = tqdm(docs, total=total, desc=desc, unit="doc", disable=None)
        for doc in iterator:
            yield self.run_doc(doc)


def _record_failure(doc: Document, spec: StageSpec, code: str, message: str) -> None:
    doc.meta.setdefault("failures", []).append({"stage": spec.tag, "code": code, "message": message})


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The shipped pipeline, built once per process."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def make_document(text: str, **meta: Any) -> Document:
    """A Document from text and metadata, with ``published`` checked as YYYY-MM-DD."""
    from rasid.dates_meta import clean_published

    meta = {k: v for k, v in meta.items() if v is not None}
    if "published" in meta:
        meta["published"] = clean_published(meta["published"])
    return Document(text=text, meta=meta)
