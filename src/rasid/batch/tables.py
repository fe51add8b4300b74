"""Documents as plain payload dicts, and payloads as Parquet tables (one per annotation kind).

A payload is what crosses a process boundary: ``doc.to_dict()`` fields plus the full meta,
objects and every span (label, stage, all attrs), so ``rasid load`` rebuilds the very
Document the worker made.  Rows are sorted by doc id, then start, end, label, attrs: the
same documents give byte-identical tables whatever engine made them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rasid.doc import OUTPUT_LAYERS, Document, Span
from rasid.output import jsonable

#: Typed convenience columns per layer, beside the full ``attrs`` JSON.
LAYER_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "sentences": (),
    "tokens": (("lemma", "string"),),
    "boilerplate": (),
    "duplicates": (("of_start", "int64"),),
    "entities": (("id", "string"), ("type", "string")),
    "quotes": (("kind", "string"), ("speaker", "string")),
    "amounts": (("value", "float64"), ("unit", "string")),
    "dates": (("value", "string"), ("relative", "bool")),
    "events": (("actor", "string"), ("action", "string"), ("code", "string"), ("target", "string"),
               ("place", "string"), ("date", "string")),
    "stances": (("actor", "string"), ("proposition", "string"), ("stance", "string")),
}
OTHER_LAYERS = "other_spans"
TABLES = ("documents", *OUTPUT_LAYERS, OTHER_LAYERS, "failures")
_DOC_FIELDS = ("source", "title", "url", "published")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=jsonable, sort_keys=True)


def document_payload(doc: Document) -> dict[str, Any]:
    """The plain dict a worker sends back: to_dict()'s fields plus meta, objects, full spans."""
    return json.loads(dumps({
        "id": doc.id,
        "text": doc.text,
        "meta": doc.meta,
        "objects": doc.objects,
        "layer_names": list(doc.layers),
        "layers": {name: [[s.start, s.end, s.label, s.stage, dict(s.attrs)] for s in spans]
                   for name, spans in doc.layers.items()},
    }))


def payload_to_document(payload: dict[str, Any]) -> Document:
    layers = {name: [Span(a, b, label, attrs, stage) for a, b, label, stage, attrs in spans]
              for name, spans in payload["layers"].items()}
    for name in payload.get("layer_names", []):
        layers.setdefault(name, [])
    return Document(text=payload["text"], meta=payload["meta"], layers=layers,
                    objects=payload["objects"], id=payload["id"])


def _typed(kind: str, value: Any) -> Any:
    if value is None:
        return None
    try:
        if kind == "float64":
            return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if kind == "int64":
            return int(value) if isinstance(value, int) else None
        if kind == "bool":
            return bool(value)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, str) else dumps(value)


def rows_for_results(results: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Table rows for worker results ({"payload": ... | None, "failures": [...]}), sorted."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for result in results:
        rows["failures"] += result.get("failures", [])
        payload = result.get("payload")
        if payload is None:
            continue
        meta = payload["meta"]
        doc_id = payload["id"]
        rows["documents"].append({
            "doc_id": doc_id, **{k: _typed("string", meta.get(k)) for k in _DOC_FIELDS},
            "input_id": _typed("string", meta.get("input_id")), "chars": len(payload["text"]),
            "text": payload["text"], "meta": dumps(meta), "objects": dumps(payload["objects"]),
            "layer_names": dumps(payload.get("layer_names", [])),
        })
        for layer, spans in payload["layers"].items():
            table = layer if layer in LAYER_COLUMNS else OTHER_LAYERS
            for start, end, label, stage, attrs in spans:
                row = {"doc_id": doc_id, "start": start, "end": end, "label": label, "stage": stage,
                       "attrs": dumps(attrs)}
                if table == OTHER_LAYERS:
                    row = {"layer": layer, **row}
                else:
                    for col, kind in LAYER_COLUMNS[layer]:
                        row[col] = _typed(kind, attrs.get(col))
                if layer == "entities":
                    row["entity_id"] = row.pop("id")
                rows[table].append(row)
    for name, table_rows in rows.items():
        if name == "failures":
            table_rows.sort(key=lambda r: (r.get("doc_id") or "", r.get("input") or "", r.get("stage") or "",
                                           r.get("message") or ""))
        elif name == "documents":
            table_rows.sort(key=lambda r: (r["doc_id"], r.get("input_id") or ""))
        else:
            table_rows.sort(key=lambda r: (r["doc_id"], r.get("layer", ""), r["start"], r["end"], r["label"],
                                           r["attrs"]))
    return rows


def schema(name: str):
    """The Arrow schema of table ``name`` (fixed, so empty parts have the same columns)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    if name == "documents":
        fields = [("doc_id", "string"), *((k, "string") for k in _DOC_FIELDS), ("input_id", "string"),
                  ("chars", "int64"), ("text", "string"), ("meta", "string"), ("objects", "string"),
                  ("layer_names", "string")]
    elif name == "failures":
        fields = [("doc_id", "string"), ("source", "string"), ("input", "string"), ("scope", "string"),
                  ("stage", "string"), ("code", "string"), ("message", "string")]
    else:
        fields = [("doc_id", "string"), ("start", "int64"), ("end", "int64"), ("label", "string"),
                  ("stage", "string"), ("attrs", "string")]
        if name == OTHER_LAYERS:
            fields.insert(0, ("layer", "string"))
        else:
            extra = [("entity_id" if c == "id" and name == "entities" else c, k) for c, k in LAYER_COLUMNS[name]]
            fields += extra
    return pa.schema([(n, types[t]) for n, t in fields])


def to_arrow(name: str, rows: list[dict[str, Any]]):
    import pyarrow as pa

    sch = schema(name)
    return pa.Table.from_pylist([{f: r.get(f) for f in sch.names} for r in rows], schema=sch)


def documents_from_tables(tables: dict[str, Any]) -> list[Document]:
    """Rebuild Documents from Arrow tables of one part (documents + span tables)."""
    spans: dict[str, dict[str, list[Span]]] = {}
    for name, table in tables.items():
        if name in ("documents", "failures"):
            continue
        for row in table.to_pylist():
            layer = row.get("layer") or name
            span = Span(row["start"], row["end"], row["label"], json.loads(row["attrs"]), row["stage"])
            spans.setdefault(row["doc_id"], {}).setdefault(layer, []).append(span)
    docs = []
    for row in tables["documents"].to_pylist():
        layers: dict[str, list[Span]] = {n: [] for n in json.loads(row["layer_names"])}
        for layer, found in spans.get(row["doc_id"], {}).items():
            layers.setdefault(layer, []).extend(found)
        docs.append(Document(text=row["text"], meta=json.loads(row["meta"]), layers=layers,
                             objects=json.loads(row["objects"]), id=row["doc_id"]))
    return docs
