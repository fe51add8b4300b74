"""The JSON shape of ``rasid analyze --json``; see schema/analyze.schema.json."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasid.doc import Document, Span


def jsonable(value: Any) -> Any:
    """JSON fallback for the values spans' attrs may hold (sets, dates, nested spans):
    shared by the store and the Parquet tables so both write the same JSON."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Span):
        return {"start": value.start, "end": value.end, "label": value.label, "attrs": dict(value.attrs)}
    return str(value)

_SIMPLE_LAYERS = ("sentences", "tokens", "boilerplate", "duplicates", "quotes", "amounts", "dates",
                  "events", "stances")


def span_to_dict(span: Span) -> dict[str, Any]:
    """start/end plus the span's public attributes (those not starting with ``_``)."""
    out: dict[str, Any] = {"start": span.start, "end": span.end}
    for key, value in span.attrs.items():
        if key in out:  # an attribute must never overwrite the offsets
            raise ValueError(f"{span.stage or span.label}: attribute {key!r} would overwrite the span's offset")
        if not key.startswith("_"):
            out[key] = value
    return out


def entities_to_list(doc: Document) -> list[dict[str, Any]]:
    """Group the ``entities`` mention layer by entity id, with the entity table's fields."""
    table = doc.objects.get("entities", {})
    grouped: dict[str, dict[str, Any]] = {}
    for mention in sorted(doc.spans("entities"), key=lambda s: (s.start, s.end)):
        eid = mention.attrs.get("id")
        if eid is None:
            continue
        if eid not in grouped:
            info = table.get(eid, {})
            grouped[eid] = {
                "id": eid,
                "type": info.get("type", mention.attrs.get("type")),
                "name": info.get("name", mention.surface(doc.text)),
                "name_en": info.get("name_en"),
                "mentions": [],
            }
        m: dict[str, Any] = {"start": mention.start, "end": mention.end}
        grouped[eid]["mentions"].append(m)
    return list(grouped.values())


def document_to_dict(doc: Document) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": doc.id,
        "source": doc.meta.get("source"),
        "title": doc.meta.get("title"),
        "url": doc.meta.get("url"),
        "published": doc.meta.get("published"),
        "text": doc.text,
    }
    for layer in _SIMPLE_LAYERS:
        out[layer] = [span_to_dict(s) for s in sorted(doc.spans(layer), key=lambda s: (s.start, s.end))]
    out["entities"] = entities_to_list(doc)
    if doc.meta.get("published_inferred"):
        out["published_inferred"] = doc.meta["published_inferred"]
    if doc.meta.get("failures"):
        out["failures"] = doc.meta["failures"]
    return out
