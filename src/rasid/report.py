"""A readable plain-text report over analysed documents (``rasid demo``, ``rasid show``).

Every section reads one layer and is left out when no document has that layer, so the
report works with whatever stages the pipeline ran.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from rasid.doc import Document, Span

SNIPPET = 90


def _one_line(text: str, limit: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def entity_name(doc: Document, value: Any) -> str:
    """A readable name for an attribute value: an entity id, a {start,end} span, or a literal."""
    if value is None:
        return "?"
    if isinstance(value, dict):
        if "start" in value and "end" in value:
            return _one_line(doc.text[int(value["start"]):int(value["end"])], 40)
        if "name" in value:
            return str(value["name"])
        if "id" in value:
            value = value["id"]
    table = doc.objects.get("entities", {}) or {}
    info = table.get(value) if isinstance(value, str) else None
    if info:
        name = info.get("name") or value
        return f"{name} ({info['name_en']})" if info.get("name_en") else str(name)
    return str(value)


def doc_label(doc: Document) -> str:
    title = doc.meta.get("title") or _one_line(doc.text, 50)
    return _one_line(str(title), 60)


def quote_line(doc: Document, span: Span) -> str:
    kind = span.attrs.get("kind", "quote")
    return f"{entity_name(doc, span.attrs.get('speaker'))} [{kind}]: «{_one_line(span.surface(doc.text))}»"


def amount_line(doc: Document, span: Span) -> str:
    a = span.attrs
    what = " ".join(str(x) for x in (a.get("value"), a.get("unit")) if x is not None)
    counts = f" ({a['counts']})" if a.get("counts") else ""
    approx = " approx." if a.get("approx") else ""
    return f"{span.surface(doc.text)} = {what}{approx}{counts}"


def date_line(doc: Document, span: Span) -> str:
    value = span.attrs.get("value")
    rel = " (relative)" if span.attrs.get("relative") else ""
    return f"{span.surface(doc.text)} → {value if value is not None else '?'}{rel}"


def event_line(doc: Document, span: Span) -> str:
    a = span.attrs
    parts = [entity_name(doc, a.get("actor")), str(a.get("action") or span.label)]
    if a.get("target") is not None:
        parts.append(f"→ {entity_name(doc, a.get('target'))}")
    if a.get("place") is not None:
        parts.append(f"in {entity_name(doc, a.get('place'))}")
    if a.get("date") is not None:
        parts.append(f"on {entity_name(doc, a.get('date'))}")
    code = f" [{a['code']}]" if a.get("code") else ""
    return " ".join(parts) + code


def stance_line(doc: Document, span: Span) -> str:
    a = span.attrs
    return (f"{entity_name(doc, a.get('actor'))} {a.get('stance', '?')} "
            f"{a.get('proposition', '?')}: «{_one_line(span.surface(doc.text), 60)}»")


#: (layer, heading, formatter) for the fact sections, in report order.
FACT_LAYERS = (
    ("quotes", "Quotes", quote_line),
    ("amounts", "Amounts", amount_line),
    ("dates", "Dates", date_line),
    ("events", "Events", event_line),
    ("stances", "Stances", stance_line),
)


def entity_counts(docs: Iterable[Document]) -> list[tuple[str, str, str, int, int]]:
    """(id, name, type, mentions, documents) per entity, most mentioned first."""
    mentions: Counter[str] = Counter()
    in_docs: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for doc in docs:
        seen = set()
        for s in doc.spans("entities"):
            eid = s.attrs.get("id")
            if eid is None or doc.is_noise(s.start, s.end):
                continue
            mentions[eid] += 1
            if eid not in seen:
                seen.add(eid)
                in_docs[eid] += 1
            if eid not in names:
                names[eid] = (entity_name(doc, eid) if eid in (doc.objects.get("entities") or {})
                              else s.surface(doc.text), str(s.attrs.get("type") or "?"))
    ranked = sorted(mentions, key=lambda e: (-mentions[e], -in_docs[e], e))
    return [(e, names[e][0], names[e][1], mentions[e], in_docs[e]) for e in ranked]


def document_facts(doc: Document, limit: int | None = None) -> list[str]:
    """The facts of one document as indented lines, one section per layer that has spans."""
    lines: list[str] = []
    ents = entity_counts([doc])
    if ents:
        lines.append("Entities")
        for _, name, etype, n, _ in ents[:limit]:
            lines.append(f"  {name} [{etype}] ×{n}")
    for layer, heading, fmt in FACT_LAYERS:
        spans = sorted(doc.spans(layer), key=lambda s: (s.start, s.end))
        if not spans:
            continue
        lines.append(heading)
        lines.extend(f"  {fmt(doc, s)}" for s in spans[:limit])
        if limit is not None and len(spans) > limit:
            lines.append(f"  … and {len(spans) - limit} more")
    failures = doc.meta.get("failures") or []
    if failures:
        lines.append("Stage failures")
        lines.extend(f"  {f.get('stage')}: {f.get('code')} {f.get('message')}" for f in failures)
    return lines


def build_report(docs: list[Document], *, top_entities: int = 15, per_section: int = 8) -> str:
    """The multi-document report: documents, top entities, then each fact layer."""
    out: list[str] = [f"rasid report — {len(docs)} document{'s' if len(docs) != 1 else ''}", ""]
    out.append("Documents")
    for i, doc in enumerate(docs, start=1):
        date = doc.meta.get("published") or "????-??-??"
        source = doc.meta.get("source") or "-"
        out.append(f"  {i:>2}. {date}  {source:<14} {doc_label(doc)}  [{doc.id[:8]}, {len(doc.text):,} chars]")
    ents = entity_counts(docs)
    if ents:
        out += ["", f"Top entities ({len(ents)} distinct)"]
        for _, name, etype, n, nd in ents[:top_entities]:
            out.append(f"  {n:>4} mentions in {nd} doc{'s' if nd != 1 else ' '}  {name} [{etype}]")
    for layer, heading, fmt in FACT_LAYERS:
        rows = [(doc, s) for doc in docs for s in sorted(doc.spans(layer), key=lambda s: s.start)]
        if not rows:
            continue
        out += ["", f"{heading} ({len(rows)})"]
        for doc, span in rows[:per_section]:
            out.append(f"  {fmt(doc, span)}   — {doc.id[:8]}")
        if len(rows) > per_section:
            out.append(f"  … and {len(rows) - per_section} more")
    missing = [h for layer, h, _ in FACT_LAYERS if not any(d.has(layer) for d in docs)]
    if missing:
        out += ["", f"(not analysed by this pipeline: {', '.join(h.lower() for h in missing)})"]
    failed = sum(len(d.meta.get("failures") or []) for d in docs)
    if failed:
        out += ["", f"{failed} stage failures recorded; see `rasid show DOC_ID`"]
    return "\n".join(out) + "\n"
