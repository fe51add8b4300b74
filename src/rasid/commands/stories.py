"""``rasid stories``: group stored articles into stories (incrementally) and list them."""

from __future__ import annotations

import argparse
import json
import sys

from rasid.commands.ingest import DEFAULT_DB


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stories", help="group stored articles about the same happening, and list the stories")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("--json", action="store_true", help="print the stories as JSON")
    p.add_argument("--min-size", type=int, default=2, help="list stories with at least N articles (default 2)")
    p.add_argument("--threshold", type=float, default=0.35, help="similarity an article needs to join (0.35)")
    p.add_argument("--window", type=int, default=3, help="days between an article and a story's dates (3)")
    p.add_argument("--no-update", action="store_true", help="list only; do not place new articles")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.dedup import link_store_duplicates
    from rasid.store import Store
    from rasid.stories import list_stories, update_stories

    with Store(args.db, create=False) as store:
        if not args.no_update:
            links = link_store_duplicates(store)
            counts = update_stories(store, threshold=args.threshold, window_days=args.window)
            print(f"{counts['placed']} articles placed, {counts['stories']} stories, "
                  f"{len(links)} duplicate links", file=sys.stderr)
        stories = list_stories(store, min_size=args.min_size)
    if args.json:
        print(json.dumps(stories, ensure_ascii=False, indent=1))
        return 0
    for s in stories:
        dates = s["first_date"] if s["first_date"] == s["last_date"] else f"{s['first_date']}..{s['last_date']}"
        top = ", ".join(e["id"] for e in s["entities"][:4])
        print(f"{s['id']}\t{s['size']}\t{dates}\t{s['title'] or ''}\t{top}")
    return 0
