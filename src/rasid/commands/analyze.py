"""``rasid analyze PATH... --json``: annotate inputs and print JSON Lines; no database needed."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from rasid.errors import InputError, PipelineError

if TYPE_CHECKING:
    from rasid.pipeline import Pipeline


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="annotate inputs and print one JSON object per document")
    p.add_argument("paths", nargs="+", help="files (.txt .html .json .jsonl), directories, or - for stdin")
    p.add_argument("--json", action="store_true", help="print JSON Lines (the default and only format for now)")
    add_input_options(p)
    p.set_defaults(func=run)


def add_input_options(p: argparse.ArgumentParser) -> None:
    """Options shared by the commands that read inputs (analyze, ingest)."""
    p.add_argument("--published", help="publication date YYYY-MM-DD for every input (overrides metadata)")
    p.add_argument("--source", help="source name for every input (overrides metadata)")
    p.add_argument("--stages", help="comma-separated stage names to run instead of the default pipeline")
    p.add_argument("--max-bytes", type=int, default=None,
                   help="refuse input files larger than this (default 10 MB)")


def load_pipeline(stages: str | None = None) -> Pipeline:
    """The default pipeline, or the named stages; a missing stage module becomes a PipelineError."""
    from rasid.pipeline import Pipeline, default_pipeline

    try:
        if stages:
            return Pipeline([name.strip() for name in stages.split(",") if name.strip()])
        return default_pipeline()
    except ModuleNotFoundError as err:
        raise PipelineError(f"stage module {err.name} is not installed; choose stages with --stages") from None


def warn(err: InputError | str) -> None:
    """One line on stderr for one failed input."""
    line = err.one_line() if isinstance(err, InputError) else err
    print(f"rasid: warning: {line}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from rasid.ingest import DEFAULT_MAX_BYTES, read_inputs

    pipeline = load_pipeline(args.stages)
    failed = 0
    out = sys.stdout
    for item in read_inputs(args.paths, published=args.published, source=args.source,
                            max_bytes=args.max_bytes or DEFAULT_MAX_BYTES):
        if isinstance(item, InputError):
            failed += 1
            warn(item)
            continue
        pipeline.run_doc(item)
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failed else 0
