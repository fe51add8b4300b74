"""The briefing as terminal text: the stance matrix first, then its evidence, the timeline, the speakers.

Columns line up on the English (ASCII) parts; each Arabic name comes last on its line so
right-to-left runs cannot push the cells out of place.
"""

from __future__ import annotations

from typing import Any

from rasid.brief.data import STANCE_SIGNS

ACTOR_WIDTH = 26
EVIDENCE_CHARS = 140
TIMELINE_EVIDENCE_CHARS = 70


def one_line(text: str | None, limit: int) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def english(info: dict[str, Any] | None) -> str:
    """An entity's English name, else its Arabic name, else '?'."""
    if not info:
        return "?"
    return str(info.get("name_en") or info.get("name") or info.get("id") or "?")


def both_names(info: dict[str, Any] | None) -> str:
    if not info:
        return "?"
    en, ar = info.get("name_en"), info.get("name")
    return f"{en} — {ar}" if en and ar and ar != en else str(en or ar or info.get("id"))


def shown_date(record: dict[str, Any]) -> str:
    """A fact's date as printed: ISO, with ≈ when it is an inferred publication date."""
    if not record.get("date"):
        return "undated"
    return ("≈" if record.get("date_inferred") else "") + record["date"]


def source_label(doc_id: str, title: str | None) -> str:
    return f"{doc_id[:8]} {one_line(title, 50)}" if title else doc_id[:8]


def cell_text(cell: dict[str, Any] | None) -> str:
    """'+ 2025-02-12' (support), '− …' (oppose), '? …' (hesitant); '×N' stances, '!' if they differ."""
    if not cell:
        return "·"
    text = f"{STANCE_SIGNS[cell['stance']]} {shown_date(cell)}"
    if cell["count"] > 1:
        text += f" ×{cell['count']}"
    return text + ("!" if cell["conflict"] else "")


def _header(briefing: dict[str, Any]) -> list[str]:
    topic = briefing.get("topic")
    title = f"{topic['label']} ({topic['id']})" if topic else "all topics"
    c = briefing["counts"]
    span = f"{c['first']} … {c['last']}" if c["first"] else "no dated documents"
    if c.get("inferred"):
        span += f" ({c['inferred']} inferred from the text, marked ≈)"
    rng = briefing.get("range") or {}
    lines = [f"rasid brief — {title}",
             f"{c['documents']} document{'s' if c['documents'] != 1 else ''}, {span}; "
             f"{c['stances']} stances by {c['actors']} actors, {c['events']} events, "
             f"{c['quotes']} quotes by {c['speakers']} speakers"]
    if rng.get("from") or rng.get("to"):
        lines.append(f"limited to {rng.get('from') or '…'} – {rng.get('to') or '…'}")
    return lines


def matrix_lines(briefing: dict[str, Any]) -> list[str]:
    rows = briefing["matrix"]
    if not rows:
        return ["Stance matrix", "  (no stances on this topic in these documents)"]
    props = [p for p in briefing["propositions"] if any(r["cells"].get(p["id"]) for r in rows)]
    empty = [p for p in briefing["propositions"] if p not in props]
    lines = ["Stance matrix  (+ support  − oppose  ? hesitant; ×N stances in the cell, ! they differ;"
             " latest shown)"]
    for i, p in enumerate(props, start=1):
        lines.append(f"  [{i}] {p['label']}")
    if empty:
        lines.append(f"  (no stances: {'; '.join(p['label'] for p in empty)})")
    widths = [max([len(f"[{i}]")] + [len(cell_text(r["cells"].get(p["id"]))) for r in rows])
              for i, p in enumerate(props, start=1)]
    actor_w = min(ACTOR_WIDTH, max(len("Actor"), *(len(english(r["actor"])) for r in rows)))
    head = "  " + "Actor".ljust(actor_w) + "".join(f"  {f'[{i}]':<{w}}" for i, w in enumerate(widths, start=1))
    lines += ["", head.rstrip()]
    for r in rows:
        name = one_line(english(r["actor"]), actor_w).ljust(actor_w)
        cells = "".join(f"  {cell_text(r['cells'].get(p['id'])):<{w}}" for p, w in zip(props, widths, strict=True))
        arabic = r["actor"].get("name") if r["actor"].get("name_en") else None
        lines.append(f"  {name}{cells}" + (f"  {arabic}" if arabic else ""))
    return lines


def evidence_lines(briefing: dict[str, Any]) -> list[str]:
    labels = {p["id"]: p["label"] for p in briefing["propositions"]}
    lines = ["Evidence (latest stance per cell)"]
    for r in briefing["matrix"]:
        for pid, cell in r["cells"].items():
            if not cell:
                continue
            lines.append(f"  {english(r['actor'])} · {labels.get(pid, pid)}: {STANCE_SIGNS[cell['stance']]} "
                         f"{cell['stance']}, {shown_date(cell)}, {source_label(cell['doc_id'], cell['title'])}")
            if cell["count"] > 1:
                tally = ", ".join(f"{n} {k}" for k, n in cell["counts"].items() if n)
                lines.append(f"      {cell['count']} stances: {tally}" + ("  — positions differ" if cell["conflict"]
                                                                           else ""))
            lines.append(f"      «{one_line(cell['evidence'], EVIDENCE_CHARS)}»")
    return lines


def event_line(e: dict[str, Any]) -> str:
    verb = ("NOT " if e["negated"] else "") + str(e["action"] or "?")
    if e.get("modality"):
        verb += f" ({e['modality']})"
    target = english(e["target"]) if e["target"] else (f"“{one_line(e['target_text'], 30)}”"
                                                          if e.get("target_text") else "")
    code = "/".join(x for x in (e.get("plover"), e.get("code")) if x)
    parts = [f"  {shown_date(e):<10}", english(e["actor"]), verb]
    if target:
        parts.append(f"→ {target}")
    if e.get("place"):
        parts.append(f"in {english(e['place'])}")
    if code:
        parts.append(f"[{code}]")
    parts.append(e["doc_id"][:8])
    return " ".join(parts) + f"  «{one_line(e['evidence'], TIMELINE_EVIDENCE_CHARS)}»"


def timeline_lines(briefing: dict[str, Any], max_events: int | None) -> list[str]:
    events = briefing["timeline"]
    if not events:
        return ["Timeline", "  (no events)"]
    shown = events if not max_events or len(events) <= max_events else events[-max_events:]
    note = f"; the latest {len(shown)} shown" if len(shown) < len(events) else ""
    return [f"Timeline ({len(events)} events{note})"] + [event_line(e) for e in shown]


def speaker_lines(briefing: dict[str, Any]) -> list[str]:
    speakers = briefing["speakers"]
    if not speakers:
        return ["Most-quoted speakers", "  (no attributed quotes)"]
    lines = ["Most-quoted speakers"]
    for s in speakers:
        latest = s["latest"]
        docs = f"{s['documents']} doc{'s' if s['documents'] != 1 else ''}"
        lines.append(f"  {s['count']:>4}  {both_names(s['speaker'])}  ({docs})")
        lines.append(f"        latest {shown_date(latest)}, {source_label(latest['doc_id'], latest['title'])}: "
                     f"«{one_line(latest['text'], EVIDENCE_CHARS - 30)}»")
    return lines


def render_text(briefing: dict[str, Any], *, max_events: int | None = 40) -> str:
    """The whole briefing as text; ``max_events`` keeps the latest N timeline entries (None: all)."""
    sections = [_header(briefing), matrix_lines(briefing)]
    if briefing["matrix"]:
        sections.append(evidence_lines(briefing))
    sections += [timeline_lines(briefing, max_events), speaker_lines(briefing)]
    return "\n\n".join("\n".join(s) for s in sections) + "\n"
