"""Assemble the briefing: a stance matrix, an event timeline and the most-quoted speakers.

Pure over an iterable of analysed :class:`~rasid.doc.Document` objects (or anything with
``iter_documents()``, such as a :class:`~rasid.store.Store`), so the CLI and the web API
share it.  The result holds only str, int, bool, None, lists and dicts.  A fact's date is
its own ``date`` attribute when that is a calendar date, else its document's published date —
the metadata's, or where there is none the date the dates stage inferred from the text
(``date_inferred`` is then true, and the renderers mark it with ≈).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasid.doc import Document, Span
from rasid.errors import ResourceError

#: One-character sign per stance, as the text table and the HTML legend show it.
STANCE_SIGNS = {"support": "+", "oppose": "−", "hesitant": "?"}
STANCE_ORDER = ("support", "oppose", "hesitant")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@lru_cache(maxsize=4)
def _catalogue(paths: tuple[Path, ...]) -> dict[str, dict[str, Any]]:
    topics: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            raw = json.loads(Path(path).read_text("utf-8"))
            topics[raw["id"]] = {
                "id": raw["id"], "label": raw.get("label") or raw["id"],
                "propositions": [{"id": p["id"], "label": p.get("label") or p["id"], "topic": raw["id"]}
                                 for p in raw["propositions"]],
            }
        except (OSError, KeyError, TypeError, ValueError) as err:
            raise ResourceError(f"topic profile is malformed: {err}", path=str(path)) from err
    return topics


def topic_catalogue() -> dict[str, dict[str, Any]]:
    """Every topic profile the stances stage loads: id -> {id, label, propositions in file order}."""
    from rasid.stages.stances import profile_paths

    return _catalogue(tuple(profile_paths()))


def as_date(value: Any) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from a date-like attribute, else None."""
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    return m.group(0) if m else None


def in_range(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Whether a (possibly partial) date overlaps [date_from, date_to]; undated passes only unfiltered."""
    if date_from is None and date_to is None:
        return True
    if date is None:
        return False
    period_end = date + "-99" * (2 - date.count("-"))  # "2025-02" lasts until "2025-02-99"
    if date_from is not None and period_end < date_from:
        return False
    return date_to is None or date[:len(date_to)] <= date_to  # "--to 2025-02" takes all of February


def _fact_date(span: Span, published: str | None) -> str | None:
    return as_date(span.attrs.get("date")) or published


def published_of(doc: Document) -> tuple[str | None, bool]:
    """(published date, whether it was inferred from the text): metadata first, then inference."""
    given = as_date(doc.meta.get("published"))
    if given:
        return given, False
    inferred = as_date((doc.meta.get("published_inferred") or {}).get("value"))
    return inferred, inferred is not None


def _order_key(date: str | None, published: str | None, doc_id: str, start: int) -> tuple[str, str, str, int]:
    return (date or "", published or "", doc_id, start)


def _one_of(value: Any) -> str | None:
    """An entity id from an attribute value (a plain id or an {"id": ...} object)."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


class _Names:
    """Entity names gathered from every document's entity table (first non-empty value wins)."""

    def __init__(self) -> None:
        self.table: dict[str, dict[str, Any]] = {}

    def learn(self, doc: Document) -> None:
        for eid, info in (doc.objects.get("entities") or {}).items():
            if not isinstance(info, dict):
                continue
            known = self.table.setdefault(eid, {})
            for key in ("name", "name_en", "type"):
                if not known.get(key) and info.get(key):
                    known[key] = info[key]

    def info(self, eid: str | None) -> dict[str, Any] | None:
        if eid is None:
            return None
        known = self.table.get(eid, {})
        return {"id": eid, "name": known.get("name") or eid, "name_en": known.get("name_en"),
                "type": known.get("type")}


def _doc_record(doc: Document) -> dict[str, Any]:
    meta = doc.meta
    published, inferred = published_of(doc)
    return {"id": doc.id, "title": meta.get("title"), "published": published, "published_inferred": inferred,
            "source": meta.get("source"), "url": meta.get("url")}


def build_briefing(docs: Iterable[Document] | Any, topic: str | None = None, *,
                   date_from: str | None = None, date_to: str | None = None,
                   top_speakers: int | None = 10) -> dict[str, Any]:
    """The briefing over ``docs`` (Documents, or a Store), limited to one topic profile if given.

    Documents whose published date falls outside [date_from, date_to] are left out, and so
    are facts dated outside it.  ``top_speakers=None`` keeps every speaker.
    """
    if hasattr(docs, "iter_documents"):
        docs = docs.iter_documents()
    catalogue = topic_catalogue()
    if topic is not None and topic not in catalogue:
        known = ", ".join(sorted(catalogue)) or "none"
        raise ResourceError(f"no topic profile {topic!r}; known topics: {known}")
    topics = [catalogue[topic]] if topic is not None else list(catalogue.values())
    propositions = [p for t in topics for p in t["propositions"]]
    wanted = {p["id"] for p in propositions}

    names = _Names()
    documents: list[dict[str, Any]] = []
    stances: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    seen_events: set[tuple[Any, ...]] = set()
    for doc in docs:
        published, inferred = published_of(doc)
        if not in_range(published, date_from, date_to):
            continue
        names.learn(doc)
        record = _doc_record(doc)
        documents.append(record)
        title = record["title"]
        for s in doc.spans("stances"):
            prop, stance, actor = s.attrs.get("proposition"), s.attrs.get("stance"), _one_of(s.attrs.get("actor"))
            date = _fact_date(s, published)
            if actor is None or stance not in STANCE_SIGNS or not in_range(date, date_from, date_to):
                continue
            if topic is not None and prop not in wanted:
                continue
            cue = s.attrs.get("cue")
            stances.append({"actor": actor, "proposition": prop, "stance": stance, "date": date,
                            "date_inferred": inferred and not as_date(s.attrs.get("date")),
                            "doc_id": doc.id, "title": title, "published": published,
                            "evidence": s.surface(doc.text), "start": s.start, "end": s.end,
                            "cue": {"start": cue["start"], "end": cue["end"]} if isinstance(cue, dict) else None})
        for s in doc.spans("events"):
            a = s.attrs
            actor, target = _one_of(a.get("actor")), _one_of(a.get("target"))
            trigger = a.get("trigger") if isinstance(a.get("trigger"), dict) else {}
            key = (doc.id, s.start, s.end, actor, a.get("action"), target, trigger.get("start"))
            own = as_date(a.get("date"))
            date = own or published
            if actor is None or key in seen_events or not in_range(date, date_from, date_to):
                continue
            seen_events.add(key)
            events.append({"date": date, "date_from": "event" if own else "published",
                           "date_inferred": inferred and not own, "doc_id": doc.id,
                           "title": title, "published": published, "actor": actor,
                           "action": a.get("action"), "plover": a.get("plover"), "code": a.get("code"),
                           "target": target, "target_text": a.get("target_text"),
                           "place": _one_of(a.get("place")), "negated": bool(a.get("negated")),
                           "modality": a.get("modality"), "evidence": s.surface(doc.text),
                           "start": s.start, "end": s.end})
        for s in doc.spans("quotes"):
            speaker = _one_of(s.attrs.get("speaker"))
            date = _fact_date(s, published)
            if speaker is None or not in_range(date, date_from, date_to):
                continue
            quotes.append({"speaker": speaker, "kind": s.attrs.get("kind"), "date": date,
                           "date_inferred": inferred and not as_date(s.attrs.get("date")), "doc_id": doc.id,
                           "title": title, "published": published, "text": s.surface(doc.text),
                           "start": s.start, "end": s.end})

    if topic is None:  # stances on propositions no loaded profile knows still get a column
        known_ids = {p["id"] for p in propositions}
        for st in stances:
            if st["proposition"] not in known_ids:
                known_ids.add(st["proposition"])
                propositions.append({"id": st["proposition"], "label": str(st["proposition"]), "topic": None})

    matrix = _matrix(stances, propositions, names)
    timeline = sorted(events, key=lambda e: (*_order_key(e["date"], e["published"], e["doc_id"], e["start"]),
                                               e["actor"]))
    for e in timeline:
        e["actor"] = names.info(e["actor"])
        e["target"] = names.info(e["target"])
        e["place"] = names.info(e["place"])
    speakers = _speakers(quotes, names, top_speakers)
    dates = sorted(d["published"] for d in documents if d["published"])
    documents.sort(key=lambda d: (d["published"] or "", d["id"]))
    return {
        "topic": {"id": topics[0]["id"], "label": topics[0]["label"]} if topic is not None else None,
        "topics": [{"id": t["id"], "label": t["label"]} for t in topics],
        "range": {"from": date_from, "to": date_to},
        "counts": {"documents": len(documents), "first": dates[0] if dates else None,
                   "last": dates[-1] if dates else None,
                   "inferred": sum(1 for d in documents if d["published_inferred"]), "stances": len(stances), "events": len(timeline),
                   "quotes": len(quotes), "actors": len(matrix), "speakers": len({q["speaker"] for q in quotes})},
        "propositions": propositions,
        "matrix": matrix,
        "stances": [{k: st[k] for k in ("actor", "proposition", "stance", "date", "date_inferred", "doc_id",
                                        "start", "end")}
                    for st in sorted(stances, key=lambda st: _order_key(st["date"], st["published"],
                                                                        st["doc_id"], st["start"]))],
        "timeline": timeline,
        "speakers": speakers,
        "documents": documents,
    }


def _matrix(stances: list[dict[str, Any]], propositions: list[dict[str, Any]],
            names: _Names) -> list[dict[str, Any]]:
    """One row per actor: per proposition the latest stance, how many there were, whether they differ."""
    by_cell: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for st in stances:
        by_cell[(st["actor"], st["proposition"])].append(st)
    per_actor: Counter[str] = Counter(st["actor"] for st in stances)
    rows = []
    for actor in per_actor:
        info = names.info(actor)
        cells: dict[str, Any] = {}
        for p in propositions:
            found = by_cell.get((actor, p["id"]))
            if not found:
                cells[p["id"]] = None
                continue
            latest = max(found, key=lambda st: _order_key(st["date"], st["published"], st["doc_id"], st["start"]))
            counts = Counter(st["stance"] for st in found)
            cells[p["id"]] = {
                "stance": latest["stance"], "date": latest["date"], "date_inferred": latest["date_inferred"],
                "doc_id": latest["doc_id"],
                "title": latest["title"], "evidence": latest["evidence"], "start": latest["start"],
                "end": latest["end"], "cue": latest["cue"], "count": len(found),
                "counts": {k: counts.get(k, 0) for k in STANCE_ORDER}, "conflict": len(counts) > 1,
            }
        rows.append({"actor": info, "stances": per_actor[actor], "cells": cells})
    rows.sort(key=lambda r: (-r["stances"], (r["actor"]["name_en"] or r["actor"]["name"]).casefold(),
                             r["actor"]["id"]))
    return rows


def _speakers(quotes: list[dict[str, Any]], names: _Names, top: int | None) -> list[dict[str, Any]]:
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in quotes:
        by_speaker[q["speaker"]].append(q)
    out = []
    for speaker, found in by_speaker.items():
        latest = max(found, key=lambda q: _order_key(q["date"], q["published"], q["doc_id"], q["start"]))
        out.append({"speaker": names.info(speaker), "count": len(found),
                    "documents": len({q["doc_id"] for q in found}),
                    "latest": {k: latest[k] for k in ("text", "date", "date_inferred", "kind", "doc_id", "title",
                                                      "start", "end")}})
    out.sort(key=lambda s: (-s["count"], _neg(s["latest"]["date"]), s["speaker"]["id"]))
    return out if top is None else out[:top]


def _neg(date: str | None) -> tuple[int, ...]:
    """A sort key that puts later dates first (dates are digit strings or None)."""
    digits = [int(x) for x in (date or "").split("-") if x.isdigit()]
    return tuple(-d for d in digits) + (1,) if digits else (2,)
