"""``run_batch``: shards in, one Parquet table per annotation kind out, resumable by chunk.

Layout of OUTPUT::

    manifest.json                      counts, engine, stage versions, inputs, chunks, timing
    <table>/part-<chunk key>.parquet   one part per input chunk, rows sorted by doc id, start

A chunk whose parts are all written and listed in the manifest with the same record count
is skipped on a rerun, so an interrupted job resumes where it stopped.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from typing import Any

from rasid.batch.inputs import Chunk, list_shards, plan_chunks
from rasid.batch.tables import TABLES, rows_for_results, to_arrow

DEFAULT_CHUNK = 500
MANIFEST = "manifest.json"


def _atomic_write_bytes(path: str, data: bytes) -> None:
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def read_manifest(output: str) -> dict[str, Any]:
    path = os.path.join(output, MANIFEST)
    if not os.path.isfile(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _write_manifest(output: str, manifest: dict[str, Any]) -> None:
    _atomic_write_bytes(os.path.join(output, MANIFEST),
                        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def _part_path(output: str, table: str, key: str) -> str:
    return os.path.join(output, table, f"part-{key}.parquet")


def _chunk_done(output: str, manifest: dict[str, Any], chunk: Chunk) -> bool:
    entry = manifest.get("chunks", {}).get(chunk.key)
    return bool(entry and entry.get("records") == chunk.count
                and all(os.path.isfile(_part_path(output, t, chunk.key)) for t in TABLES))


def write_chunk(output: str, chunk: Chunk, results: list[dict[str, Any]]) -> dict[str, int]:
    """Write one chunk's parts (atomically, each) and return its row counts per table."""
    import pyarrow.parquet as pq

    rows = rows_for_results(results)
    counts = {}
    for table in TABLES:
        os.makedirs(os.path.join(output, table), exist_ok=True)
        path = _part_path(output, table, chunk.key)
        tmp = f"{path}.tmp-{os.getpid()}"
        pq.write_table(to_arrow(table, rows[table]), tmp, compression="zstd")
        os.replace(tmp, path)
        counts[table] = len(rows[table])
    return counts


def _stage_tags(factory: str | None) -> list[str]:
    if factory:
        return [f"factory:{factory}"]
    from rasid.registry import default_registry
    from rasid.stages import DEFAULT_PIPELINE

    return [spec.tag for spec in default_registry().check(list(DEFAULT_PIPELINE))]


def _items(chunk: Chunk, records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    return [(record, f"{chunk.shard}#{chunk.first + i}") for i, record in enumerate(records)]


def _run_local(pending: list[tuple[Chunk, list[dict[str, Any]]]], workers: int, factory: str | None,
               batch_size: int) -> Iterator[tuple[Chunk, list[dict[str, Any]]]]:
    from rasid.batch import worker

    if workers <= 1:
        worker.init_local_worker(factory)
        for chunk, records in pending:
            yield chunk, worker.run_local_items(_items(chunk, records))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=worker.init_local_worker,
                             initargs=(factory,)) as pool:
        for chunk, records in pending:
            items = _items(chunk, records)
            groups = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
            results: list[dict[str, Any]] = []
            for part in pool.map(worker.run_local_items, groups):
                results += part
            yield chunk, results


def _run_ray(pending: list[tuple[Chunk, list[dict[str, Any]]]], workers: int, factory: str | None,
             batch_size: int, address: str | None) -> Iterator[tuple[Chunk, list[dict[str, Any]]]]:
    import ray

    from rasid.batch.worker import RayBatchWorker

    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    items = []
    for chunk, records in pending:
        for i, (record, where) in enumerate(_items(chunk, records)):
            items.append({"chunk": chunk.key, "ordinal": i, "where": where,
                          "record": json.dumps(record, ensure_ascii=False, default=str)})
    if not items:
        return
    ds = ray.data.from_items(items, override_num_blocks=max(1, min(len(items) // batch_size, 4 * workers * 8)))
    ds = ds.map_batches(RayBatchWorker, fn_constructor_kwargs={"factory": factory}, batch_size=batch_size,
                        concurrency=workers, num_cpus=1, batch_format="numpy")
    order = iter(pending)
    chunk, _ = next(order)
    buffer: list[dict[str, Any]] = []
    for row in ds.iter_rows():
        if row["chunk"] != chunk.key:  # preserve_order: a new chunk starts only after the last ended
            raise RuntimeError(f"ray returned rows out of order ({row['chunk']} while {chunk.key} open)")
        buffer.append(json.loads(row["result"]))
        if len(buffer) == chunk.count:
            yield chunk, buffer
            buffer = []
            nxt = next(order, None)
            if nxt is None:
                break
            chunk = nxt[0]


def run_batch(source: str, output: str, *, engine: str = "local", workers: int = 1, limit: int | None = None,
              chunk_size: int = DEFAULT_CHUNK, factory: str | None = None, batch_size: int = 8,
              address: str | None = None, progress: bool = False) -> dict[str, Any]:
    """Analyse every record of ``source`` into Parquet tables under ``output``; return the manifest."""
    started = time.perf_counter()
    os.makedirs(output, exist_ok=True)
    shards = list_shards(source)
    manifest = read_manifest(output)
    manifest.setdefault("chunks", {})
    plan = list(plan_chunks(shards, chunk_size, limit))
    pending = [(c, r) for c, r in plan if not _chunk_done(output, manifest, c)]
    total = sum(c.count for c, _ in pending)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, desc=f"batch ({engine})", unit="doc", disable=None)
    if engine == "local":
        runs = _run_local(pending, workers, factory, batch_size)
    elif engine == "ray":
        runs = _run_ray(pending, workers, factory, batch_size, address)
    else:
        raise ValueError(f"unknown engine {engine!r}; use local or ray")
    analysed = 0
    for chunk, results in runs:
        t0 = time.perf_counter()
        counts = write_chunk(output, chunk, results)
        manifest["chunks"][chunk.key] = {"input": chunk.shard, "first": chunk.first, "records": chunk.count,
                                         "rows": counts, "write_seconds": round(time.perf_counter() - t0, 3)}
        _write_manifest(output, manifest)
        analysed += chunk.count
        if bar is not None:
            bar.update(chunk.count)
    if bar is not None:
        bar.close()
    seconds = time.perf_counter() - started
    live = {c.key for c, _ in plan}
    counts = {t: sum(e["rows"][t] for k, e in manifest["chunks"].items() if k in live) for t in TABLES}
    manifest.update({
        "engine": engine, "workers": workers, "pipeline": _stage_tags(factory), "inputs": shards,
        "limit": limit, "chunk_size": chunk_size, "counts": counts,
        "records": sum(c.count for c, _ in plan), "skipped_records": sum(c.count for c, _ in plan) - total,
        "timing": {"seconds": round(seconds, 3), "analysed": analysed,
                   "docs_per_second": round(analysed / seconds, 2) if seconds and analysed else None},
    })
    _write_manifest(output, manifest)
    return manifest


def read_table(output: str, table: str):
    """One table of a batch output as a single Arrow table (parts in chunk-key order)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from rasid.batch.tables import schema

    folder = os.path.join(output, table)
    if not os.path.isdir(folder):
        return schema(table).empty_table()
    parts = sorted(f for f in os.listdir(folder) if f.endswith(".parquet"))
    if not parts:
        return schema(table).empty_table()
    return pa.concat_tables([pq.read_table(os.path.join(folder, f)) for f in parts])
