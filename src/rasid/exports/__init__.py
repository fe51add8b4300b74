"""Writers of stored Documents: GDELT GKG 2.1-style TSV, Parquet tables, JSON Lines.

Each writer takes an iterable of Documents and a destination; ``write_export`` picks one by
format name for ``rasid export --format``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMATS = ("jsonl", "gkg", "parquet")


def write_export(fmt: str, docs: Iterable[Any], destination: Any) -> int:
    """Write ``docs`` in format ``fmt`` to ``destination`` (a text stream, or a folder for parquet)."""
    if fmt == "gkg":
        from rasid.exports.gkg import write_gkg

        return write_gkg(docs, destination)
    if fmt == "parquet":
        from rasid.exports.parquet import write_parquet

        return write_parquet(docs, destination)
    if fmt == "jsonl":
        from rasid.exports.jsonl import write_jsonl

        return write_jsonl(docs, destination)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "write_export"]
