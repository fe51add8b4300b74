"""``rasid ingest PATH... --db FILE``: analyse inputs and store them, resuming where it stopped."""

from __future__ import annotations

import argparse
import sys

from rasid.commands.analyze import add_input_options, load_pipeline, warn

DEFAULT_DB = "rasid.db"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="analyse inputs and store them in a SQLite database")
    p.add_argument("paths", nargs="+", help="files (.txt .html .json .jsonl), directories, or - for stdin")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("--batch-size", type=int, default=50, help="documents per transaction (default 50)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_input_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.ingest import DEFAULT_MAX_BYTES
    from rasid.ingest.run import ingest
    from rasid.store import Store

    with Store(args.db) as store:
        summary = ingest(args.paths, store, lambda: load_pipeline(args.stages), published=args.published, source=args.source,
                         max_bytes=args.max_bytes or DEFAULT_MAX_BYTES, batch_size=max(1, args.batch_size),
                         progress=not args.no_progress, on_error=warn)
    print(summary.line(), file=sys.stderr)
    return 1 if summary.failed else 0
