"""``rasid entities [--db FILE] [list | search Q | show ID]``: entities in the store with mention counts.

``list`` (the default) prints the most mentioned entities; ``search Q`` matches Q against the
name, English name, id and every registry spelling (folded, so روتي finds Mark Rutte);
``show ID`` prints one entity with its spellings, roles and the documents that mention it.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from rasid.arabic.normalise import fold


def register(sub: argparse._SubParsersAction) -> None:
    from rasid.commands.ingest import DEFAULT_DB

    p = sub.add_parser("entities", help="list, search or show entities of the store with mention counts")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("--limit", type=int, default=50, help="rows to print for list/search (default 50)")
    p.add_argument("--overlay", default=None, help="registry overlay JSONL (else $RASID_OVERLAY)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("action", nargs="?", choices=["list", "search", "show"], default="list")
    p.add_argument("query", nargs="?", help="search text, or the entity id for show")
    p.set_defaults(func=run)


def entity_counts(conn: Any) -> list[dict[str, Any]]:
    """Every stored entity with its mention and document counts, most mentioned first."""
    rows = conn.execute(
        'SELECT e.id, e.type, e.name, e.name_en, e.data, count(m.entity_id), count(DISTINCT m.doc_id) '
        "FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id "
        "GROUP BY e.id ORDER BY count(m.entity_id) DESC, e.id").fetchall()
    return [{"id": r[0], "type": r[1], "name": r[2], "name_en": r[3], "data": json.loads(r[4] or "{}"),
             "mentions": r[5], "documents": r[6]} for r in rows]


def search(rows: list[dict[str, Any]], query: str, registry: Any) -> list[dict[str, Any]]:
    """Rows whose id, names or registry spellings contain the folded query."""
    key = fold(query).strip()
    hits = []
    for row in rows:
        forms = [row["id"], row["name"] or "", row["name_en"] or ""]
        entry = registry.get(row["id"]) if registry is not None else None
        if entry:
            forms += [entry["name"], *entry.get("variants", []), *entry.get("aliases", [])]
        if any(key in fold(f) for f in forms):
            hits.append(row)
    return hits


def _registry(overlay: str | None) -> Any:
    from rasid.entities.registry import load_registry

    return load_registry(overlay=overlay)


def _table(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'mentions':>8} {'docs':>5}  {'type':<5} {'id':<32} name"]
    for r in rows:
        en = f" ({r['name_en']})" if r["name_en"] else ""
        lines.append(f"{r['mentions']:>8} {r['documents']:>5}  {r['type'] or '?':<5} {r['id']:<32} {r['name']}{en}")
    return "\n".join(lines)


def describe(row: dict[str, Any], entry: dict[str, Any] | None, docs: list[tuple[str, int]]) -> dict[str, Any]:
    """One entity for ``show``: store row, registry spellings and roles, documents."""
    out = {k: row[k] for k in ("id", "type", "name", "name_en", "mentions", "documents")}
    if entry:
        out["spellings"] = [entry["name"], *entry.get("variants", []), *entry.get("aliases", [])]
        out["roles"] = [{k: r.get(k) for k in ("title_en", "org", "country", "start", "end")} |
                        {"title": (r.get("title") or r.get("generic") or [None])[0]} for r in entry.get("roles", [])]
        for key in ("country", "capital", "capital_of", "wikidata"):
            if entry.get(key):
                out[key] = entry[key]
    elif row["data"].get("roles"):
        out["roles"] = row["data"]["roles"]
    out["in_documents"] = [{"doc_id": d, "mentions": n} for d, n in docs]
    return out


def run(args: argparse.Namespace) -> int:
    from rasid.errors import InputError
    from rasid.store.sqlite import Store

    registry = _registry(args.overlay)
    with Store(args.db, create=False) as store:
        rows = entity_counts(store.conn)
        if args.action == "list":
            shown = rows[: args.limit]
        elif args.action == "search":
            if not args.query:
                raise InputError("search needs a query: rasid entities search روته")
            shown = search(rows, args.query, registry)[: args.limit]
        else:
            if not args.query:
                raise InputError("show needs an entity id: rasid entities show per:mark_rutte")
            wanted = registry.resolve(args.query)
            row = next((r for r in rows if r["id"] in (args.query, wanted)), None)
            if row is None:
                raise InputError(f"no entity {args.query!r} in the store; try `rasid entities search`")
            docs = store.conn.execute(
                "SELECT doc_id, count(*) FROM entity_mentions WHERE entity_id = ? GROUP BY doc_id "
                "ORDER BY count(*) DESC", (row["id"],)).fetchall()
            info = describe(row, registry.get(row["id"]), [(d, n) for d, n in docs])
            info["seen_as"] = surfaces(store.conn, row["id"])
            if args.json:
                print(json.dumps(info, ensure_ascii=False, indent=2))
            else:
                print(_show_text(info))
            return 0
    if args.json:
        print(json.dumps([{k: v for k, v in r.items() if k != "data"} for r in shown], ensure_ascii=False, indent=2))
    else:
        print(_table(shown))
    return 0


def surfaces(conn: Any, entity_id: str) -> dict[str, int]:
    """How the stored texts spell one entity: surface -> count, most frequent first."""
    rows = conn.execute(
        'SELECT substr(d.text, m.start + 1, m."end" - m.start) FROM entity_mentions m '
        "JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ?", (entity_id,)).fetchall()
    counts: dict[str, int] = {}
    for (surface,) in rows:
        counts[surface] = counts.get(surface, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _show_text(info: dict[str, Any]) -> str:
    en = f" ({info['name_en']})" if info.get("name_en") else ""
    lines = [f"{info['id']}  {info['type']}  {info['name']}{en}",
             f"  mentions: {info['mentions']} in {info['documents']} document(s)"]
    if info.get("spellings"):
        lines.append("  spellings: " + " / ".join(dict.fromkeys(info["spellings"])))
    if info.get("seen_as"):
        lines.append("  seen as: " + ", ".join(f"{s} ×{n}" for s, n in info["seen_as"].items()))
    for role in info.get("roles", []):
        span = f"{role.get('start') or '?'} – {role.get('end') or 'now'}"
        lines.append(f"  role: {role.get('title_en') or role.get('title')} ({span})")
    for d in info["in_documents"][:20]:
        lines.append(f"  doc {d['doc_id']}: {d['mentions']} mention(s)")
    return "\n".join(lines)
