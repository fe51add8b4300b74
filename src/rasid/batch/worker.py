"""The per-document function every engine runs, and the Ray Data callable class around it.

Workers receive records as plain dicts (or JSON strings) and return plain result dicts
``{"payload": document_payload | None, "failures": [failure rows]}``; no Document object
ever crosses a process boundary.  A document that makes the pipeline raise becomes a
failure row; the job goes on.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from rasid.batch.inputs import record_to_document
from rasid.batch.tables import document_payload
from rasid.errors import RasidError


def build_pipeline(factory: str | None = None):
    """The default pipeline, or the one a ``module:callable`` factory returns."""
    if not factory:
        from rasid.pipeline import Pipeline

        return Pipeline()
    module, _, attr = factory.partition(":")
    return getattr(importlib.import_module(module), attr)()


def _failure(doc_id: str | None, source: Any, where: str, scope: str, stage: str, code: str,
             message: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "source": None if source is None else str(source), "input": where,
            "scope": scope, "stage": stage, "code": code, "message": message}


def process_record(pipeline: Any, record: dict[str, Any], where: str) -> dict[str, Any]:
    """Analyse one record: its payload plus failure rows (input, whole-document, per-stage)."""
    try:
        doc = record_to_document(record)
    except RasidError as err:
        return {"payload": None, "failures": [_failure(None, record.get("source"), where, "input", "input",
                                                       err.code, str(err))]}
    try:
        pipeline.run_doc(doc)
    except Exception as err:  # one document must never abort the job
        code = getattr(err, "code", "E201")
        return {"payload": None, "failures": [_failure(doc.id, doc.meta.get("source"), where, "document",
                                                       "pipeline", code, f"{type(err).__name__}: {err}")]}
    failures = [_failure(doc.id, doc.meta.get("source"), where, "stage", f.get("stage") or "", f.get("code", "E201"),
                         f.get("message", "")) for f in doc.meta.get("failures", []) or []]
    return {"payload": document_payload(doc), "failures": failures}


# -- local processes -------------------------------------------------------------------
_LOCAL: dict[str, Any] = {}


def init_local_worker(factory: str | None) -> None:
    """Process-pool initializer: build the pipeline once per worker process."""
    _LOCAL["pipeline"] = build_pipeline(factory)


def run_local_items(items: list[tuple[dict[str, Any], str]]) -> list[dict[str, Any]]:
    pipeline = _LOCAL["pipeline"]
    return [process_record(pipeline, record, where) for record, where in items]


# -- Ray Data ----------------------------------------------------------------------------
class RayBatchWorker:
    """Callable class for ``map_batches``: the pipeline loads once per actor."""

    def __init__(self, factory: str | None = None) -> None:
        self.pipeline = build_pipeline(factory)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        results = []
        for record_json, where in zip(batch["record"], batch["where"], strict=True):
            results.append(json.dumps(process_record(self.pipeline, json.loads(record_json), str(where)),
                                      ensure_ascii=False))
        return {"chunk": list(batch["chunk"]), "ordinal": list(batch["ordinal"]), "result": results}
