"""``rasid bench speed``: articles/s and words/s per stage and end to end, baselines, scaling, memory.

Everything runs on the same articles (half SaudiNewsNet, half ANT multisource, in file
order).  Goals printed beside the figures: >= 200 articles/s into the store on 2 cores, peak
RSS < 1 GB, Ray speed-up >= 0.8 x workers.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CORPORA = ("data/news/saudinewsnet/articles.jsonl", "data/news/ant_multisource/articles.jsonl")
GOAL_STORE_RATE, GOAL_RSS_MB, GOAL_RAY = 200.0, 1024.0, 0.8


def load_records(shared: Path, n: int) -> list[dict[str, Any]]:
    """n articles alternating between the two corpora (file order, deterministic)."""
    handles = [open(shared / rel, encoding="utf-8") for rel in CORPORA]  # noqa: SIM115
    out: list[dict[str, Any]] = []
    try:
        while len(out) < n:
            progressed = False
            for fh in handles:
                line = fh.readline()
                if line and len(out) < n:
                    out.append(json.loads(line))
                    progressed = True
            if not progressed:
                break
    finally:
        for fh in handles:
            fh.close()
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _rate(count: float, seconds: float) -> str:
    return f"{count / seconds:10.1f}" if seconds > 0 else f"{'-':>10}"


def stage_table(records: list[dict[str, Any]], store) -> tuple[int, dict[str, float], float, int]:
    """Each stage timed separately, documents streamed into ``store`` in batches of 50 (timed too).

    Returns (documents, seconds per stage incl. "store write", pipeline build seconds, words).
    """
    from rasid.batch.inputs import record_to_document
    from rasid.pipeline import Pipeline

    t0 = time.perf_counter()
    pipeline = Pipeline()
    build = time.perf_counter() - t0
    per_stage = {"make_document": 0.0, **{spec.tag: 0.0 for spec, _ in pipeline.stages}, "store write": 0.0}
    batch, words, count = [], 0, 0

    def flush() -> None:
        t = time.perf_counter()
        store.write_documents(batch)
        per_stage["store write"] += time.perf_counter() - t
        batch.clear()

    for record in records:
        t = time.perf_counter()
        doc = record_to_document(record)
        per_stage["make_document"] += time.perf_counter() - t
        words += len(doc.text.split())
        for spec, stage in pipeline.stages:
            t = time.perf_counter()
            try:
                stage(doc)
            except Exception as err:  # measured like run_doc: a failure is recorded, not fatal
                doc.meta.setdefault("failures", []).append({"stage": spec.tag, "code": "E201", "message": str(err)})
            per_stage[spec.tag] += time.perf_counter() - t
        batch.append(doc)
        count += 1
        if len(batch) == 50:
            flush()
    if batch:
        flush()
    return count, per_stage, build, words


def baselines(records: list[dict[str, Any]], per_doc: dict[str, float]) -> list[tuple[str, str, float, float]]:
    """(what, compared with, baseline s/doc, rasid s/doc) on the same texts; a baseline whose
    library is not installed is left out."""
    rows = []
    texts = [r["text"] for r in records]

    def timed(label: str, stage: str, run: Callable[[str], object], inputs: list[str]) -> None:
        t = time.perf_counter()
        for item in inputs:
            run(item)
        rows.append((label, stage, (time.perf_counter() - t) / len(texts), per_doc.get(stage, 0.0)))

    try:
        from dateparser.search import search_dates

        timed("dateparser search_dates", "dates@1", lambda text: search_dates(text, languages=["ar"]), texts)
    except ImportError:
        pass
    try:
        import html

        import trafilatura

        pages = ["<html><head><title>t</title></head><body><article>" +
                 "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip()) +
                 "</article><footer>جميع الحقوق محفوظة</footer></body></html>" for text in texts]
        timed("trafilatura extract (HTML)", "boilerplate@1", trafilatura.extract, pages)
    except ImportError:
        pass
    try:
        import spacy

        timed("spaCy blank('ar') tokeniser", "tokens@1", spacy.blank("ar").make_doc, texts)
    except ImportError:
        pass
    return rows


def scaling(shared: Path, n: int, workers: list[int], engines: list[str]) -> list[tuple[str, int, float]]:
    """(engine, workers, docs/s) of ``run_batch`` over n articles, each in a fresh output folder."""
    from rasid.batch.engine import run_batch

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        shard = os.path.join(tmp, "in.jsonl")
        with open(shard, "w", encoding="utf-8") as fh:
            for record in load_records(shared, n):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        for engine in engines:
            if engine == "ray":
                try:
                    import ray
                except ImportError:
                    continue
            for w in workers:
                if engine == "ray":
                    ray.init(num_cpus=w, include_dashboard=False, log_to_driver=False)
                try:
                    t = time.perf_counter()
                    run_batch(shard, os.path.join(tmp, f"{engine}{w}"), engine=engine, workers=w, chunk_size=n)
                    rows.append((engine, w, n / (time.perf_counter() - t)))
                finally:
                    if engine == "ray":
                        ray.shutdown()
    return rows


def growth_child(shared: str, size: int) -> None:
    """Subprocess body: analyse ``size`` articles into a fresh store, then dedup and stories; print RSS."""
    from rasid.batch.inputs import record_to_document
    from rasid.dedup import link_store_duplicates
    from rasid.pipeline import Pipeline
    from rasid.store import Store
    from rasid.stories import update_stories

    pipeline = Pipeline()
    with tempfile.TemporaryDirectory() as tmp, Store(os.path.join(tmp, "g.db")) as store:
        t = time.perf_counter()
        batch = []
        for record in load_records(Path(shared), size):
            batch.append(pipeline.run_doc(record_to_document(record)))
            if len(batch) == 50:
                store.write_documents(batch)
                batch.clear()
        store.write_documents(batch)
        analyse = time.perf_counter() - t
        rss_store = peak_rss_mb()
        t = time.perf_counter()
        link_store_duplicates(store)
        update_stories(store)
        post = time.perf_counter() - t
    print(json.dumps({"size": size, "store_seconds": analyse, "rss_after_store_mb": rss_store,
                      "dedup_stories_seconds": post, "peak_rss_mb": peak_rss_mb()}))


def bench(args: argparse.Namespace) -> int:
    shared = Path(args.shared)
    n = getattr(args, "n", None) or 1000
    records = load_records(shared, n)
    print(f"rasid bench speed: {len(records)} articles ({CORPORA[0].split('/')[2]} + {CORPORA[1].split('/')[2]}), "
          f"one process, {os.cpu_count()} CPUs visible")
    from rasid.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(os.path.join(tmp, "b.db")) as store:
        n_docs, per_stage, build, words = stage_table(records, store)
    write = per_stage.pop("store write")
    total = sum(per_stage.values())
    print(f"pipeline build (lexicons, models): {build:.2f}s")
    print(f"{'stage':<18}{'s total':>9}{'ms/doc':>9}{'art/s':>10}{'words/s':>12}")
    for tag, seconds in per_stage.items():
        print(f"{tag:<18}{seconds:9.2f}{1000 * seconds / n_docs:9.2f}{_rate(n_docs, seconds)}"
              f"{_rate(words, seconds):>12}")
    print(f"{'analyse (all)':<18}{total:9.2f}{1000 * total / n_docs:9.2f}{_rate(n_docs, total)}"
          f"{_rate(words, total):>12}")
    rate = n_docs / (total + write)
    print(f"{'store write':<18}{write:9.2f}{1000 * write / n_docs:9.2f}{_rate(n_docs, write)}"
          f"{_rate(words, write):>12}")
    print(f"{'into store (e2e)':<18}{total + write:9.2f}{1000 * (total + write) / n_docs:9.2f}"
          f"{_rate(n_docs, total + write)}{_rate(words, total + write):>12}")
    cores = 2
    print(f"goal: >= {GOAL_STORE_RATE:.0f} articles/s into the store on {cores} cores; "
          f"estimate {rate * cores:.1f} articles/s on {cores} cores (x{cores} at perfect scaling) "
          f"-> {'MET' if rate * cores >= GOAL_STORE_RATE else 'NOT MET'}")
    rss = peak_rss_mb()
    print(f"peak RSS {rss:.0f} MB (goal < {GOAL_RSS_MB:.0f} MB) -> {'MET' if rss < GOAL_RSS_MB else 'NOT MET'}")
    per_doc = {tag: s / n_docs for tag, s in per_stage.items()}
    base_n = min(len(records), getattr(args, "baseline_n", None) or 100)
    print(f"\nbaselines on the first {base_n} of the same articles (ms/doc; ratio = baseline / rasid stage)")
    print(f"{'baseline':<30}{'ms/doc':>9}{'rasid stage':>16}{'ms/doc':>9}{'ratio':>8}")
    for name, ours, theirs, mine in baselines(records[:base_n], per_doc):
        ratio = theirs / mine if mine else float("inf")
        print(f"{name:<30}{1000 * theirs:9.2f}{ours:>16}{1000 * mine:9.2f}{ratio:8.2f}")
    scale_n = min(len(records), getattr(args, "scale_n", None) or 200)
    if scale_n and not getattr(args, "no_scaling", False):
        print(f"\nscaling on {scale_n} articles (run_batch, pipeline build included; goal Ray >= "
              f"{GOAL_RAY} x workers)")
        rows = scaling(shared, scale_n, [1, 2], ["local", "ray"])
        base = {e: r for e, w, r in rows if w == 1}
        print(f"{'engine':<8}{'workers':>8}{'art/s':>9}{'speed-up':>10}{'goal':>7}")
        for engine, w, r in rows:
            up = r / base[engine] if base.get(engine) else 0.0
            print(f"{engine:<8}{w:8d}{r:9.2f}{up:10.2f}{GOAL_RAY * w:7.1f}")
    sizes = [int(s) for s in (getattr(args, "sizes", None) or "").split(",") if s.strip()]
    if sizes:
        print("\nmemory as the corpus grows (fresh process per size: analyse into a store, then dedup + stories)")
        print(f"{'articles':>9}{'art/s':>9}{'RSS store MB':>14}{'dedup+stories s':>17}{'peak RSS MB':>13}")
        for size in sizes:
            out = subprocess.run([sys.executable, "-c", "import sys; from rasid.batch.bench import growth_child; "
                                  "growth_child(sys.argv[1], int(sys.argv[2]))", str(shared), str(size)],
                                 capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{size:9d}{size / row['store_seconds']:9.2f}{row['rss_after_store_mb']:14.0f}"
                  f"{row['dedup_stories_seconds']:17.2f}{row['peak_rss_mb']:13.0f}")
    return 0
