"""Batch engines over ``Pipeline.run_doc``: local processes or Ray Data, Parquet out, then load.

Heavy modules (ray, pyarrow) load only inside the functions that need them.
"""

from __future__ import annotations

from typing import Any


def run_batch(*args: Any, **kwargs: Any) -> dict[str, Any]:
    from rasid.batch.engine import run_batch as _run

    return _run(*args, **kwargs)


def load_output(*args: Any, **kwargs: Any):
    from rasid.batch.load import load_output as _load

    return _load(*args, **kwargs)


__all__ = ["load_output", "run_batch"]
