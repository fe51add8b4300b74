"""``rasid demo``: ingest the bundled sample corpus, store it, and print a readable report."""

from __future__ import annotations

import argparse
import sys
from importlib.resources.abc import Traversable

DEFAULT_DEMO_DB = "rasid-demo.db"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="analyse the bundled sample articles and print a report")
    p.add_argument("--db", default=DEFAULT_DEMO_DB, help=f"database file (default {DEFAULT_DEMO_DB})")
    p.add_argument("--stages", help="comma-separated stage names to run instead of the default pipeline")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def sample_corpus() -> Traversable:
    """The bundled sample articles (rasid/data/sample: .txt files plus a meta.json sidecar)."""
    from importlib.resources import files

    return files("rasid").joinpath("data", "sample")


def run(args: argparse.Namespace) -> int:
    from importlib.resources import as_file

    from rasid.commands.analyze import load_pipeline, warn
    from rasid.errors import InputError
    from rasid.ingest.run import ingest
    from rasid.report import build_report
    from rasid.store import Store

    sample = sample_corpus()
    if not sample.is_dir() or not any(entry.name.endswith(".txt") for entry in sample.iterdir()):
        raise InputError("the bundled sample corpus is missing from this installation",
                         path="rasid/data/sample")
    with as_file(sample) as folder, Store(args.db) as store:
        summary = ingest([str(folder)], store, lambda: load_pipeline(args.stages), progress=not args.no_progress, on_error=warn)
        docs = [store.get_document(doc_id) for doc_id in dict.fromkeys(summary.doc_ids)]
    docs.sort(key=lambda d: (d.meta.get("published") or "9999", d.id))  # chronological
    print(build_report(docs))
    print(f"{summary.line()}; stored in {args.db}. Look closer with: rasid show ID --db {args.db}",
          file=sys.stderr)
    return 1 if summary.failed else 0
