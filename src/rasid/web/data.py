"""Read-only queries behind the API and the pages: every function returns plain JSON-able data.

Every query is parameterised; ids are checked against patterns before they reach SQL or a URL.
Lists return ``{"items", "total", "limit", "offset"}``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from typing import Any

from rasid.errors import RasidError

DOC_ID_RE = re.compile(r"[0-9a-f]{16}")
#: entity ids: type prefix and a name of letters, digits, _ . - (any script), parts joined by ':'
ENTITY_ID_RE = re.compile(r"[A-Za-z]+(?::[\w\-.]+)+")
SPAN_LAYERS = ("sentences", "boilerplate", "duplicates", "quotes", "amounts", "dates", "events", "stances")


class NotFound(RasidError):
    code = "E404"


class BadRequest(RasidError):
    code = "E400"


def check_doc_id(doc_id: str) -> str:
    if not DOC_ID_RE.fullmatch(doc_id):
        raise BadRequest(f"not a document id (16 hex digits): {doc_id[:40]!r}")
    return doc_id


def check_entity_id(entity_id: str) -> str:
    if len(entity_id) > 200 or ".." in entity_id or not ENTITY_ID_RE.fullmatch(entity_id):
        raise BadRequest(f"not an entity id (like org:nato): {entity_id[:40]!r}")
    return entity_id


def connect(path: str) -> sqlite3.Connection:
    """A read-only connection for one request."""
    conn = sqlite3.connect(path, timeout=5.0, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    return conn


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@lru_cache(maxsize=1)
def proposition_labels() -> dict[str, str]:
    """Proposition id -> label from the shipped topic profiles."""
    labels: dict[str, str] = {}
    folder = resources.files("rasid").joinpath("data/topics")
    if not folder.is_dir():
        return labels
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            try:
                profile = json.loads(entry.read_text("utf-8"))
            except ValueError:
                continue
            for prop in profile.get("propositions", []):
                if isinstance(prop, dict) and "id" in prop:
                    labels[str(prop["id"])] = str(prop.get("label") or prop["id"])
    return labels


def _attrs(raw: str) -> dict[str, Any]:
    data = json.loads(raw) if raw else {}
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _names(conn: sqlite3.Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    ids = {i for i in ids if isinstance(i, str)}
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    rows = conn.execute(f"SELECT id, type, name, name_en FROM entities WHERE id IN ({marks})", tuple(ids))
    return {r[0]: {"id": r[0], "type": r[1], "name": r[2], "name_en": r[3]} for r in rows}


def _doc_head(row: tuple[Any, ...]) -> dict[str, Any]:
    doc_id, source, title, url, published, meta = row
    meta_data = json.loads(meta or "{}")
    inferred = (meta_data.get("published_inferred") or {}).get("value")
    return {"id": doc_id, "source": source, "title": title, "url": url, "published": published or inferred}


_HEAD = "SELECT id, source, title, url, published, meta FROM documents"


# -- documents ---------------------------------------------------------------------------------
def list_documents(conn: sqlite3.Connection, limit: int, offset: int, source: str | None = None) -> dict:
    where, params = ("WHERE source = ?", (source,)) if source else ("", ())
    total = conn.execute(f"SELECT COUNT(*) FROM documents {where}", params).fetchone()[0]
    rows = conn.execute(f"{_HEAD} {where} ORDER BY published DESC, id LIMIT ? OFFSET ?",
                        (*params, limit, offset)).fetchall()
    items = []
    for row in rows:
        head = _doc_head(row)
        head["entities"] = conn.execute("SELECT COUNT(DISTINCT entity_id) FROM entity_mentions WHERE doc_id = ?",
                                        (head["id"],)).fetchone()[0]
        head["quotes"] = conn.execute("SELECT COUNT(*) FROM annotations WHERE doc_id = ? AND layer = 'quotes'",
                                      (head["id"],)).fetchone()[0]
        items.append(head)
    return page(items, total, limit, offset)


def get_document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any]:
    """One document with its text, annotation layers and entity table."""
    check_doc_id(doc_id)
    row = conn.execute(f"{_HEAD} WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(f"no document with id {doc_id!r}")
    out = _doc_head(row)
    out["text"] = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    layers: dict[str, list[dict[str, Any]]] = {name: [] for name in SPAN_LAYERS}
    for layer, start, end, attrs in conn.execute(
            'SELECT layer, start, "end", attrs FROM annotations WHERE doc_id = ? AND layer != \'tokens\' '
            "ORDER BY start, \"end\"", (doc_id,)):
        if layer == "entities":
            continue
        layers.setdefault(layer, []).append({"start": start, "end": end, **_attrs(attrs)})
    out.update(layers)
    mentions = conn.execute('SELECT entity_id, start, "end" FROM entity_mentions WHERE doc_id = ? '
                            "ORDER BY start", (doc_id,)).fetchall()
    names = _names(conn, {m[0] for m in mentions})
    grouped: dict[str, dict[str, Any]] = {}
    for eid, start, end in mentions:
        entry = grouped.setdefault(eid, {**names.get(eid, {"id": eid, "type": None, "name": eid,
                                                           "name_en": None}), "mentions": []})
        entry["mentions"].append({"start": start, "end": end})
    out["entities"] = sorted(grouped.values(), key=lambda e: (-len(e["mentions"]), e["mentions"][0]["start"]))
    out["names"] = {**names}
    return out


# -- entities ----------------------------------------------------------------------------------
def list_entities(conn: sqlite3.Connection, limit: int, offset: int, type_: str | None = None,
                  q: str | None = None) -> dict:
    where, params = [], []
    if type_:
        where.append("e.type = ?")
        params.append(type_)
    if q:
        where.append("(e.name LIKE ? ESCAPE '\\' OR e.name_en LIKE ? ESCAPE '\\' OR e.id LIKE ? ESCAPE '\\')")
        like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [like, like, like]
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT COUNT(*) FROM entities e {clause}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT e.id, e.type, e.name, e.name_en, COUNT(m.entity_id), COUNT(DISTINCT m.doc_id) "
        f"FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id {clause} "
        "GROUP BY e.id ORDER BY COUNT(m.entity_id) DESC, e.id LIMIT ? OFFSET ?", (*params, limit, offset))
    items = [{"id": r[0], "type": r[1], "name": r[2], "name_en": r[3], "mentions": r[4], "documents": r[5]}
             for r in rows]
    return page(items, total, limit, offset)


def get_entity(conn: sqlite3.Connection, entity_id: str, mention_limit: int = 50) -> dict[str, Any]:
    """An entity with its name variants, mentions, mentions by date, quotes, stances and neighbours."""
    check_entity_id(entity_id)
    row = conn.execute("SELECT id, type, name, name_en, data FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise NotFound(f"no entity with id {entity_id!r}")
    data = json.loads(row[4] or "{}")
    out: dict[str, Any] = {"id": row[0], "type": row[1], "name": row[2], "name_en": row[3],
                           "roles": data.get("roles") or [],
                           "info": {k: v for k, v in data.items() if k != "roles"}}
    mentions = conn.execute(
        'SELECT m.doc_id, m.start, m."end", substr(d.text, m.start + 1, m."end" - m.start), d.published, '
        "d.title, d.meta FROM entity_mentions m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ? "
        "ORDER BY d.published, m.doc_id, m.start", (entity_id,)).fetchall()
    out["mention_count"] = len(mentions)
    out["variants"] = [{"text": t, "count": n} for t, n in Counter(m[3] for m in mentions).most_common()]
    by_date: Counter[str] = Counter()
    for m in mentions:
        published = m[4] or (json.loads(m[6] or "{}").get("published_inferred") or {}).get("value")
        by_date[(published or "undated")[:10]] += 1
    out["mentions_by_date"] = [{"date": d, "count": n} for d, n in sorted(by_date.items())]
    out["mentions"] = [{"doc_id": m[0], "start": m[1], "end": m[2], "text": m[3], "title": m[5]}
                       for m in mentions[:mention_limit]]
    out["documents"] = len({m[0] for m in mentions})
    out["quotes"] = quotes(conn, 50, 0, speaker=entity_id)["items"]
    out["stances"] = [s for s in _stance_rows(conn, actor=entity_id)]
    out["cooccurring"] = cooccurring(conn, entity_id, 20)
    return out


def cooccurring(conn: sqlite3.Connection, entity_id: str, limit: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT o.entity_id, COUNT(DISTINCT o.doc_id) AS docs, e.type, e.name, e.name_en "
        "FROM entity_mentions o JOIN entities e ON e.id = o.entity_id "
        "WHERE o.doc_id IN (SELECT doc_id FROM entity_mentions WHERE entity_id = ?) AND o.entity_id != ? "
        "GROUP BY o.entity_id ORDER BY docs DESC, o.entity_id LIMIT ?", (entity_id, entity_id, limit)).fetchall()
    return [{"id": r[0], "documents": r[1], "type": r[2], "name": r[3], "name_en": r[4]} for r in rows]


# -- quotes ------------------------------------------------------------------------------------
def quotes(conn: sqlite3.Connection, limit: int, offset: int, speaker: str | None = None,
           text: str | None = None) -> dict:
    """Quotes, by speaker id and/or words of the quote (matched like search: clitics, variants ignored)."""
    where, params = ["a.layer = 'quotes'"], []
    if speaker:
        check_entity_id(speaker)
        where.append("json_extract(a.attrs, '$.speaker') = ?")
        params.append(speaker)
    rows = conn.execute(
        'SELECT a.doc_id, a.start, a."end", a.attrs, substr(d.text, a.start + 1, a."end" - a.start), '
        "d.title, d.published FROM annotations a JOIN documents d ON d.id = a.doc_id WHERE "
        + " AND ".join(where) + " ORDER BY d.published DESC, a.doc_id, a.start", params).fetchall()
    if text:
        from rasid.search.keys import keyed_words, query_keys

        wanted = [set(query_keys(w)) for _, _, w in keyed_words(text)]
        wanted = [w for w in wanted if w]

        def keep(surface: str) -> bool:
            keys = {k for _, _, k in keyed_words(surface)}
            return all(keys & w for w in wanted)

        rows = [r for r in rows if keep(r[4])]
    names = _names(conn, {json.loads(r[3]).get("speaker") for r in rows[offset:offset + limit]})
    items = []
    for doc_id, start, end, attrs, surface, title, published in rows[offset:offset + limit]:
        a = _attrs(attrs)
        items.append({"doc_id": doc_id, "start": start, "end": end, "text": surface, "kind": a.get("kind"),
                      "speaker": a.get("speaker"), "speaker_name": names.get(a.get("speaker"), {}).get("name"),
                      "title": title, "published": published})
    return page(items, len(rows), limit, offset)


# -- stances and briefing ----------------------------------------------------------------------
def _stance_rows(conn: sqlite3.Connection, actor: str | None = None) -> list[dict[str, Any]]:
    where, params = "a.layer = 'stances'", []
    if actor:
        where += " AND json_extract(a.attrs, '$.actor') = ?"
        params.append(actor)
    rows = conn.execute(
        'SELECT a.doc_id, a.start, a."end", a.attrs, substr(d.text, a.start + 1, a."end" - a.start), '
        f"d.published, d.meta FROM annotations a JOIN documents d ON d.id = a.doc_id WHERE {where} "
        "ORDER BY a.doc_id, a.start", params).fetchall()
    labels = proposition_labels()
    out = []
    for doc_id, start, end, attrs, surface, published, meta in rows:
        a = _attrs(attrs)
        inferred = (json.loads(meta or "{}").get("published_inferred") or {}).get("value")
        out.append({"actor": a.get("actor"), "proposition": a.get("proposition"),
                    "proposition_label": labels.get(str(a.get("proposition")), a.get("proposition")),
                    "stance": a.get("stance"), "date": a.get("date") or published or inferred,
                    "doc_id": doc_id, "start": start, "end": end, "evidence": surface})
    return out


def briefing(conn: sqlite3.Connection) -> dict[str, Any]:
    """The stance matrix: actors x propositions, each cell the latest stance with its date and evidence."""
    rows = _stance_rows(conn)
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for r in rows:
        key = (str(r["actor"]), str(r["proposition"]))
        counts[key] += 1
        old = cells.get(key)
        if old is None or (r["date"] or "") >= (old["date"] or ""):
            cells[key] = r
    actors = sorted({k[0] for k in cells}, key=lambda a: (-sum(v for k, v in counts.items() if k[0] == a), a))
    props = sorted({k[1] for k in cells})
    names = _names(conn, set(actors))
    labels = proposition_labels()
    return {
        "actors": [{"id": a, "name": names.get(a, {}).get("name") or a} for a in actors],
        "propositions": [{"id": p, "label": labels.get(p, p)} for p in props],
        "cells": [{**cells[(a, p)], "count": counts[(a, p)]} for a in actors for p in props if (a, p) in cells],
        "stances": len(rows),
    }


# -- timeline and network ----------------------------------------------------------------------
def timeline(conn: sqlite3.Connection, limit: int, offset: int, date_from: str | None = None,
             date_to: str | None = None) -> dict:
    """Events and dated facts (resolved date expressions), by date."""
    rows = conn.execute(
        'SELECT a.layer, a.doc_id, a.start, a."end", a.attrs, substr(d.text, a.start + 1, a."end" - a.start), '
        "d.title FROM annotations a JOIN documents d ON d.id = a.doc_id "
        "WHERE a.layer IN ('events', 'dates') ORDER BY a.doc_id, a.start").fetchall()
    items = []
    actor_ids: set[str] = set()
    for layer, doc_id, start, end, attrs, surface, title in rows:
        a = _attrs(attrs)
        date = a.get("date") if layer == "events" else a.get("value")
        if not isinstance(date, str) or not date:
            continue
        if (date_from and date[:len(date_from)] < date_from) or (date_to and date[:len(date_to)] > date_to):
            continue
        item = {"date": date, "kind": "event" if layer == "events" else "date", "doc_id": doc_id,
                "start": start, "end": end, "text": surface, "title": title}
        if layer == "events":
            item.update(actor=a.get("actor"), action=a.get("action"), target=a.get("target"))
            actor_ids.update(x for x in (a.get("actor"), a.get("target")) if isinstance(x, str))
        items.append(item)
    items.sort(key=lambda i: (i["date"], i["doc_id"], i["start"]))
    names = _names(conn, actor_ids)
    for i in items:
        for key in ("actor", "target"):
            if i.get(key):
                i[key + "_name"] = names.get(i[key], {}).get("name")
    return page(items[offset:offset + limit], len(items), limit, offset)


def network(conn: sqlite3.Connection, limit: int = 40) -> dict[str, Any]:
    """The most mentioned entities and how many documents each pair shares."""
    top = conn.execute("SELECT m.entity_id, COUNT(DISTINCT m.doc_id) AS docs, e.type, e.name FROM entity_mentions m "
                       "JOIN entities e ON e.id = m.entity_id GROUP BY m.entity_id "
                       "ORDER BY docs DESC, COUNT(*) DESC, m.entity_id LIMIT ?", (limit,)).fetchall()
    ids = [r[0] for r in top]
    docs_of: dict[str, set[str]] = defaultdict(set)
    if ids:
        marks = ",".join("?" for _ in ids)
        for eid, doc_id in conn.execute(
                f"SELECT DISTINCT entity_id, doc_id FROM entity_mentions WHERE entity_id IN ({marks})", ids):
            docs_of[eid].add(doc_id)
    edges = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            shared = len(docs_of[a] & docs_of[b])
            if shared:
                edges.append({"source": a, "target": b, "documents": shared})
    nodes = [{"id": r[0], "documents": r[1], "type": r[2], "name": r[3]} for r in top]
    return {"nodes": nodes, "edges": edges}
