"""``rasid export --format jsonl|gkg|parquet``: the stored documents in an exchange format."""

from __future__ import annotations

import argparse

from rasid.commands.ingest import DEFAULT_DB


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the stored documents as JSON Lines")
    p.add_argument("--format", choices=["jsonl", "gkg", "parquet"], default="jsonl",
                   help="jsonl, gkg (GDELT GKG 2.1-style TSV) or parquet (-o FOLDER); see docs/scale.md")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.exports.command import run_export

    return run_export(args)
