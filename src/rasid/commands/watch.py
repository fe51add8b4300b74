"""``rasid watch DIR``: ingest files as they arrive; restarts never re-ingest.

Each round walks DIR, skips files whose (mtime, size) the store already remembers in
``watched_files`` and files modified in the last ``settle`` seconds (maybe still being
written), and ingests the rest.  Documents are keyed by content hash, so even a file that
is seen again after a crash stores nothing twice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rasid.commands.ingest import DEFAULT_DB

log = logging.getLogger(__name__)


@dataclass
class RoundSummary:
    files: list[str] = field(default_factory=list)
    stored: int = 0
    present: int = 0
    failed: int = 0
    unchanged: int = 0
    settling: int = 0

    def line(self) -> str:
        return (f"{len(self.files)} new or changed files: {self.stored} stored, {self.present} already present, "
                f"{self.failed} failed; {self.unchanged} unchanged, {self.settling} still settling")


def watch_once(folder: str, store, pipeline: Any | Callable[[], Any], *, settle: float = 1.0,
               now: float | None = None) -> RoundSummary:
    """One round over ``folder``: ingest what is new or changed since the store last saw it."""
    from rasid.errors import InputError
    from rasid.ingest.readers import iter_paths
    from rasid.ingest.run import ingest

    summary = RoundSummary()
    now = time.time() if now is None else now
    seen = {p: (m, s) for p, m, s in store.conn.execute("SELECT path, mtime_ns, size FROM watched_files")}
    for entry in iter_paths([folder]):
        if isinstance(entry, InputError):
            log.warning("%s", entry.one_line())
            continue
        try:
            st = os.stat(entry)
        except OSError:
            continue  # vanished between listing and stat
        key = os.path.abspath(entry)
        if seen.get(key) == (st.st_mtime_ns, st.st_size):
            summary.unchanged += 1
            continue
        if now - st.st_mtime < settle:
            summary.settling += 1
            continue
        result = ingest([entry], store, pipeline)
        summary.files.append(entry)
        summary.stored += result.stored
        summary.present += result.present
        summary.failed += result.failed
        store.conn.execute(
            "INSERT INTO watched_files (path, mtime_ns, size, documents, seen_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET mtime_ns = excluded.mtime_ns, size = excluded.size, "
            "documents = excluded.documents, seen_at = excluded.seen_at",
            (key, st.st_mtime_ns, st.st_size, len(result.doc_ids),
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
    return summary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("watch", help="ingest files (text, HTML, JSON, JSONL, RSS/Atom) as they arrive in DIR")
    p.add_argument("dir", help="folder to watch (walked recursively)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("--interval", type=float, default=10.0, help="seconds between rounds (default 10)")
    p.add_argument("--settle", type=float, default=1.0,
                   help="skip files modified less than S seconds ago (default 1)")
    p.add_argument("--once", action="store_true", help="one round, then exit")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.pipeline import default_pipeline
    from rasid.store import Store

    if not os.path.isdir(args.dir):
        print(f"rasid: error: {args.dir}: not a folder", file=sys.stderr)
        return 2
    failed = 0
    with Store(args.db) as store:
        while True:
            summary = watch_once(args.dir, store, default_pipeline, settle=args.settle)
            failed += summary.failed
            if summary.files or args.once:
                print(summary.line(), file=sys.stderr, flush=True)
            if args.once:
                break
            time.sleep(args.interval)
    return 1 if failed else 0
