"""``rasid analyze PATH... --json``: annotate inputs and print JSON Lines; no database needed."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="annotate inputs and print one JSON object per document")
    p.add_argument("paths", nargs="+", help="files, directories, or - for stdin")
    p.add_argument("--json", action="store_true", help="print JSON Lines (the default and only format for now)")
    p.add_argument("--published", help="publication date YYYY-MM-DD for every input (overrides metadata)")
    p.add_argument("--source", help="source name for every input (overrides metadata)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.pipeline import default_pipeline, make_document

    failed = 0
    pipeline = default_pipeline()
    for path in args.paths:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
        doc = make_document(text, published=args.published, source=args.source or path)
        pipeline.run_doc(doc)
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    return 1 if failed else 0
