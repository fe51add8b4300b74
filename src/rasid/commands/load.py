"""``rasid load OUTPUT``: load a ``rasid batch`` output into the SQLite store (one writer)."""

from __future__ import annotations

import argparse
import sys

from rasid.commands.ingest import DEFAULT_DB


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("load", help="load the Parquet output of `rasid batch` into the database")
    p.add_argument("output", help="the OUTPUT folder of `rasid batch`")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.batch import load_output
    from rasid.store import Store

    with Store(args.db) as store:
        summary = load_output(args.output, store)
    print(summary.line(), file=sys.stderr)
    return 0
