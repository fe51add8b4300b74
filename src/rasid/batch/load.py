"""``load_output``: a batch output's Parquet parts into the SQLite store through its one writer."""

from __future__ import annotations

import os
from dataclasses import dataclass

from rasid.batch.engine import read_manifest
from rasid.batch.tables import TABLES, documents_from_tables
from rasid.errors import InputError


@dataclass
class LoadSummary:
    stored: int = 0
    present: int = 0
    failures: int = 0

    def line(self) -> str:
        return f"{self.stored} stored, {self.present} already present, {self.failures} failures recorded"


def load_output(output: str, store, *, batch_docs: int = 200) -> LoadSummary:
    """Rebuild Documents part by part and write them; failures without a document are recorded."""
    import pyarrow.parquet as pq

    manifest = read_manifest(output)
    if not manifest:
        raise InputError("no manifest.json here; is this the OUTPUT of `rasid batch`?", path=output)
    summary = LoadSummary()
    for key in sorted(manifest.get("chunks", {})):
        tables = {}
        for table in TABLES:
            path = os.path.join(output, table, f"part-{key}.parquet")
            if os.path.isfile(path):
                tables[table] = pq.read_table(path)
        if "documents" not in tables:
            continue
        docs = documents_from_tables(tables)
        for start in range(0, len(docs), batch_docs):
            result = store.write_documents(docs[start:start + batch_docs])
            summary.stored += len(result.stored)
            summary.present += len(result.present)
        known = {d.id for d in docs}
        for row in tables.get("failures").to_pylist() if "failures" in tables else []:
            if row["scope"] == "stage" and row["doc_id"] in known:
                continue  # kept with its document (meta["failures"]) by the store
            store.record_failure(row["input"], row["code"], row["message"], doc_id=row["doc_id"],
                                 stage=row["stage"])
            summary.failures += 1
    return summary
