"""``rasid batch INPUT OUTPUT``: analyse JSONL/Parquet shards into Parquet tables (local or Ray)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("batch", help="analyse JSONL/Parquet shards into Parquet tables (local processes or Ray)")
    p.add_argument("input", help="a shard file, a folder of shards, a glob or an fsspec URL")
    p.add_argument("output", help="output folder (one Parquet folder per table, manifest.json); resumable")
    p.add_argument("--engine", choices=["local", "ray"], default="local", help="local processes or Ray Data")
    p.add_argument("--workers", type=int, default=1, help="worker processes or Ray actors (default 1)")
    p.add_argument("--limit", type=int, help="analyse at most N records")
    p.add_argument("--chunk-size", type=int, default=500, help="records per output part (default 500)")
    p.add_argument("--ray-address", help="address of an existing Ray cluster (default: start a local one)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.batch import run_batch

    if args.workers < 1:
        print("rasid: error: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.engine == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            print('rasid: error: the ray engine needs Ray: pip install "rasid[ray]"', file=sys.stderr)
            return 2
    manifest = run_batch(args.input, args.output, engine=args.engine, workers=args.workers, limit=args.limit,
                         chunk_size=args.chunk_size, address=args.ray_address, progress=not args.no_progress)
    timing = manifest["timing"]
    print(json.dumps({"counts": manifest["counts"], "records": manifest["records"],
                      "skipped_records": manifest["skipped_records"], "seconds": timing["seconds"],
                      "docs_per_second": timing["docs_per_second"]}, ensure_ascii=False))
    return 1 if manifest["counts"].get("failures") else 0
