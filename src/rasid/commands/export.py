"""``rasid export --format jsonl``: every stored document as the JSON of ``rasid analyze``."""

from __future__ import annotations

import argparse
import json
import sys

from rasid.commands.ingest import DEFAULT_DB


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the stored documents as JSON Lines")
    p.add_argument("--format", choices=["jsonl", "gkg", "parquet"], default="jsonl",
                   help="jsonl, gkg (GDELT GKG 2.1-style TSV) or parquet (-o FOLDER); see docs/scale.md")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.store import Store

    if args.format != "jsonl":
        from rasid.exports.command import run_export

        return run_export(args)

    with Store(args.db, create=False) as store:
        try:
            out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
        except OSError as err:
            print(f"rasid: error: {args.output}: cannot write: {err.strerror or err}", file=sys.stderr)
            return 2
        try:
            n = 0
            for doc in store.iter_documents():
                out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
                n += 1
        finally:
            if args.output:
                out.close()
    if args.output:
        print(f"{n} documents written to {args.output}", file=sys.stderr)
    return 0
