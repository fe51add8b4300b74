"""The body of ``rasid export``: every format goes through ``rasid.exports.write_export``."""

from __future__ import annotations

import argparse
import sys


def run_export(args: argparse.Namespace) -> int:
    from rasid.exports import write_export
    from rasid.store import Store

    with Store(args.db, create=False) as store:
        if args.format == "parquet":
            if not args.output:
                print("rasid: error: --format parquet needs -o FOLDER", file=sys.stderr)
                return 2
            n = write_export("parquet", store.iter_documents(), args.output)
        else:
            try:
                out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
            except OSError as err:
                print(f"rasid: error: {args.output}: cannot write: {err.strerror or err}", file=sys.stderr)
                return 2
            try:
                n = write_export(args.format, store.iter_documents(), out)
            finally:
                if args.output:
                    out.close()
    if args.output:
        print(f"{n} documents written to {args.output}", file=sys.stderr)
    return 0
