"""Read inputs, analyse what is new, and store it in batches: the body of ``rasid ingest``.

A document whose content hash is already stored is not analysed again, so re-running an
interrupted ingest only does the work that was lost.  Each batch is one transaction.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from rasid.doc import Document
from rasid.errors import InputError
from rasid.ingest.readers import DEFAULT_MAX_BYTES, iter_paths, read_inputs
from rasid.pipeline import Pipeline
from rasid.store import Store

DEFAULT_BATCH = 50


@dataclass
class IngestSummary:
    stored: int = 0
    present: int = 0
    failed: int = 0
    stage_failures: int = 0
    doc_ids: list[str] = field(default_factory=list)  # every document read, stored or present

    def line(self) -> str:
        extra = f" ({self.stage_failures} stage failures recorded)" if self.stage_failures else ""
        return f"{self.stored} stored, {self.present} already present, {self.failed} failed{extra}"


def _count_hint(paths: list[str]) -> int | None:
    """How many documents to expect, when every input is one document (no JSON lists, no stdin)."""
    total = 0
    for entry in iter_paths(paths):
        if entry == "-" or (isinstance(entry, str) and entry.lower().endswith((".json", ".jsonl", ".ndjson"))):
            return None
        total += 1
    return total


def ingest(paths: list[str], store: Store, pipeline: Pipeline | Callable[[], Pipeline], *, published: str | None = None,
           source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = DEFAULT_BATCH,
           progress: bool = False, on_error: Callable[[InputError], None] | None = None) -> IngestSummary:
    """Ingest files, directories or ``-`` into ``store``; bad inputs are reported and recorded.

    ``pipeline`` may be a zero-argument factory: it is then built only when a document not yet
    stored needs analysis, so re-running over a stored corpus loads no stage at all.
    """
    summary = IngestSummary()
    built: list[Pipeline] = []

    def analyse(doc: Document) -> None:
        if not built:
            built.append(pipeline if hasattr(pipeline, "run_doc") else pipeline())  # type: ignore[operator]
        built[0].run_doc(doc)

    batch: list[Document] = []
    items = read_inputs(paths, published=published, source=source, max_bytes=max_bytes)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=_count_hint(paths), desc="ingest", unit="doc", file=sys.stderr, disable=None)

    def flush() -> None:
        if batch:
            result = store.write_documents(batch)
            summary.stored += len(result.stored)
            summary.present += len(result.present)
            batch.clear()

    try:
        for item in items:
            if bar is not None:
                bar.update(1)
            if isinstance(item, InputError):
                summary.failed += 1
                store.record_failure(item.path, item.code, str(item))
                if on_error is not None:
                    if bar is not None:
                        bar.clear()
                    on_error(item)
                    if bar is not None:
                        bar.refresh()
                continue
            summary.doc_ids.append(item.id)
            if store.has(item.id) or any(d.id == item.id for d in batch):
                summary.present += 1
                continue
            analyse(item)
            summary.stage_failures += len(item.meta.get("failures", []) or [])
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
        flush()
    finally:
        if bar is not None:
            bar.close()
    return summary
