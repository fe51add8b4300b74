"""``rasid search QUERY``: Arabic-aware full-text search over a store, with filters."""

from __future__ import annotations

import argparse
import json
import sys

from rasid.commands.ingest import DEFAULT_DB


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="full-text search (diacritics, letter variants and clitics ignored)")
    p.add_argument("query", help='words (all must match) and "quoted phrases"')
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("--entity", help="only documents that mention this entity id (e.g. org:nato)")
    p.add_argument("--source", help="only documents from this source")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after DATE (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before DATE (YYYY-MM-DD)")
    p.add_argument("--has-quote", action="store_true", help="only sentences inside or overlapping a quote")
    p.add_argument("--limit", type=int, default=10, help="documents to show (default 10)")
    p.add_argument("--offset", type=int, default=0, help="skip this many documents (default 0)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.search import Filters, search, sync_index
    from rasid.store import Store

    filters = Filters(entity=args.entity, source=args.source, date_from=args.date_from,
                      date_to=args.date_to, has_quote=args.has_quote)
    with Store(args.db, create=False) as store:
        sync_index(store.conn)
        result = search(store.conn, args.query, filters, limit=max(0, args.limit), offset=max(0, args.offset))
    if args.json:
        out = {"query": args.query, "total": result.total, "limit": args.limit, "offset": args.offset,
               "items": [{k: v for k, v in hit.items()} for hit in result.hits]}
        for hit in out["items"]:
            for snip in hit["snippets"]:
                snip.pop("html", None)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"{result.total} document(s) match {args.query!r}", file=sys.stderr)
    for hit in result.hits:
        head = " · ".join(str(x) for x in (hit["published"], hit["source"]) if x)
        print(f"{hit['id']}  score {hit['score']:.2f}  {head}  {hit['title'] or ''}".rstrip())
        for snip in hit["snippets"]:
            print("    " + _marked(snip))
    return 0


def _marked(snippet: dict) -> str:
    """The snippet text with each highlight between [ and ] (plain text for terminals)."""
    text, lo = snippet["text"], snippet["start"]
    out, pos = [], 0
    for h in snippet["highlights"]:
        a, b = h["start"] - lo, h["end"] - lo
        out += [text[pos:a], "[", text[a:b], "]"]
        pos = b
    out.append(text[pos:])
    return "".join(out).replace("\n", " ")
