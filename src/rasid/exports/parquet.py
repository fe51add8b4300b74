"""Parquet: the tables of ``rasid batch`` (one folder per annotation kind) for stored documents."""

from __future__ import annotations

import os
from collections.abc import Iterable

from rasid.doc import Document


def write_parquet(docs: Iterable[Document], folder: str, *, part_size: int = 1000) -> int:
    """Write ``folder/<table>/part-NNNNN.parquet`` plus a manifest, like a batch output."""
    from rasid.batch.engine import _write_manifest, write_chunk
    from rasid.batch.inputs import Chunk
    from rasid.batch.tables import TABLES, document_payload

    os.makedirs(folder, exist_ok=True)
    manifest: dict = {"engine": "export", "chunks": {}}
    n, buffer, part = 0, [], 0

    def flush() -> None:
        nonlocal part
        chunk = Chunk("export", part * part_size, len(buffer))
        rows = write_chunk(folder, chunk, buffer)
        manifest["chunks"][chunk.key] = {"input": "export", "first": chunk.first, "records": len(buffer),
                                         "rows": rows}
        part += 1
        buffer.clear()

    for doc in docs:
        failures = [{"doc_id": doc.id, "source": doc.meta.get("source"), "input": doc.meta.get("path"),
                     "scope": "stage", "stage": f.get("stage"), "code": f.get("code", "E201"),
                     "message": f.get("message", "")} for f in doc.meta.get("failures", []) or []]
        buffer.append({"payload": document_payload(doc), "failures": failures})
        n += 1
        if len(buffer) >= part_size:
            flush()
    if buffer:
        flush()
    manifest["counts"] = {t: sum(e["rows"][t] for e in manifest["chunks"].values()) for t in TABLES}
    _write_manifest(folder, manifest)
    return n
