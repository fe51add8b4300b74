"""Input shards for batch runs: JSONL or Parquet files, local paths or fsspec URLs.

A shard is one input file; its records are plain dicts with ``text`` and optional ``title``,
``url``, ``published`` (or ``date``), ``source`` and ``id``.  Shards are split into chunks of
``chunk_size`` records; a chunk is the unit of output and of resumption.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rasid.errors import InputError

SHARD_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".parquet")
_META_KEYS = ("title", "url", "source")


@dataclass(frozen=True)
class Chunk:
    """``count`` records of one shard starting at record ``first``; ``key`` names its output parts."""

    shard: str
    first: int
    count: int

    @property
    def key(self) -> str:
        digest = hashlib.sha1(self.shard.encode("utf-8")).hexdigest()[:10]
        stem = os.path.basename(self.shard.rstrip("/")).split(".")[0][:40] or "shard"
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
        return f"{stem}-{digest}-{self.first:08d}"


def _is_url(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def list_shards(source: str) -> list[str]:
    """The shard files under a file, directory, glob or fsspec URL, sorted."""
    if _is_url(source):
        import fsspec

        fs, root = fsspec.core.url_to_fs(source)
        protocol = source.split("://", 1)[0]
        if fs.isdir(root):
            found = [p for p in fs.find(root) if p.lower().endswith(SHARD_SUFFIXES)]
        elif any(ch in root for ch in "*?["):
            found = fs.glob(root)
        else:
            found = [root]
        return sorted(f"{protocol}://{p}" if "://" not in p else p for p in found)
    local = source[len("file://"):] if source.startswith("file://") else source
    if os.path.isdir(local):
        out = []
        for folder, dirs, files in os.walk(local):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out += [os.path.join(folder, f) for f in files
                    if not f.startswith(".") and f.lower().endswith(SHARD_SUFFIXES)]
        return sorted(out)
    if any(ch in local for ch in "*?["):
        return sorted(glob.glob(local))
    if not os.path.exists(local):
        raise InputError("no such file or directory", path=source)
    return [local]


def _open_bytes(shard: str) -> bytes:
    if _is_url(shard):
        import fsspec

        with fsspec.open(shard, "rb", compression="infer") as fh:
            return fh.read()
    with open(shard, "rb") as fh:
        data = fh.read()
    return gzip.decompress(data) if shard.endswith(".gz") else data


def read_shard(shard: str) -> list[dict[str, Any]]:
    """Every record of a shard; a line that is not a JSON object becomes ``{"_error": ...}``."""
    if shard.lower().endswith(".parquet"):
        import pyarrow.parquet as pq

        if _is_url(shard):
            import fsspec

            with fsspec.open(shard, "rb") as fh:
                table = pq.read_table(io.BytesIO(fh.read()))
        else:
            table = pq.read_table(shard)
        return table.to_pylist()
    text = _open_bytes(shard).decode("utf-8-sig", errors="replace")
    if shard.lower().endswith(".json"):
        loaded = json.loads(text)
        return loaded if isinstance(loaded, list) else [loaded]
    records: list[dict[str, Any]] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            obj = {"_error": f"broken JSON line {lineno}: {err.msg}"}
        records.append(obj if isinstance(obj, dict) else {"_error": f"line {lineno} is not a JSON object"})
    return records


def plan_chunks(shards: list[str], chunk_size: int, limit: int | None = None
                ) -> Iterator[tuple[Chunk, list[dict[str, Any]]]]:
    """Chunks of the shards in order, with their records, stopping after ``limit`` records."""
    left = limit
    for shard in shards:
        if left is not None and left <= 0:
            return
        records = read_shard(shard)
        if left is not None:
            records = records[:left]
            left -= len(records)
        for first in range(0, len(records), chunk_size):
            part = records[first:first + chunk_size]
            yield Chunk(shard, first, len(part)), part


def _rfc822_date(value: str) -> str:
    """``YYYY-MM-DD`` for an RSS-style date ("Wed, 28 Feb 2018 11:34:31 +0400"); else the value as is."""
    if value[:1].isalpha():
        import email.utils

        try:
            return email.utils.parsedate_to_datetime(value).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    return value


def record_to_document(record: dict[str, Any]):
    """A Document from one input record (the same for every engine)."""
    from rasid.pipeline import make_document

    if "_error" in record:
        raise InputError(str(record["_error"]))
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no non-empty string field 'text'")
    meta: dict[str, Any] = {k: str(record[k]) for k in _META_KEYS if record.get(k) is not None}
    published = record.get("published") or record.get("date")
    if published is not None:
        meta["published"] = _rfc822_date(str(published))
    if record.get("id") is not None:
        meta["input_id"] = str(record["id"])
    return make_document(text, **meta)
