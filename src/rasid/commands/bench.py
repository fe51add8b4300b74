"""``rasid bench TARGET``: accuracy and speed tables against held-out gold (targets: ner)."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from rasid.bench.pathological import bench as bench_robustness

DEFAULT_SHARED = Path(__file__).resolve().parents[4] / "shared"


def format_table(title: str, table: dict[str, dict[str, float]]) -> str:
    lines = [title, f"{'type':<7}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for kind, row in table.items():
        lines.append(f"{kind:<7}{row['p']:7.1f}{row['r']:7.1f}{row['f1']:7.1f}{row['gold']:7d}{row['pred']:7d}")
    return "\n".join(lines)


def bench_ner(args: argparse.Namespace) -> int:
    from rasid.ner.corpus import score
    from rasid.ner.tagger import NerTagger
    from rasid.ner.training import anercorp, aqmar_test

    shared = Path(args.shared)
    tagger = NerTagger(Path(args.model_dir)) if args.model_dir else NerTagger()
    # "document": the test file read as running text, both CRF stages (what the pipeline does with
    # an article); "sentence": each sentence alone, first stage only
    modes: tuple[tuple[str, Callable[[list[list[str]]], list[list[str]]]], ...] = (
        ("document, two stages", tagger.tag_document),
        ("sentence by sentence, first stage", lambda sents: [tagger.tag(words) for words in sents]))
    for name, sentences in (("ANERcorp test (CAMeL split)", anercorp(shared, "test")),
                            ("AQMAR test", aqmar_test(shared))):
        tokens = sum(len(words) for words, _ in sentences)
        for mode, run in modes:
            tagger.clear_cache()  # each mode pays for its own per-word features
            speeds = []
            for _ in ("cold", "warm"):  # cold: first sight of every word; warm: the per-word cache full,
                start, cpu_start = time.perf_counter(), time.process_time()  # as in a long ingest
                predicted = run([words for words, _ in sentences])
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
                speeds.append((tokens / seconds, tokens / max(cpu, 1e-9)))
            print(format_table(f"{name}, {mode}: exact-span P/R/F1 (CoNLL)",
                               score([y for _, y in sentences], predicted)))
            (cold_wall, cold_cpu), (warm_wall, warm_cpu) = speeds
            print(f"{tokens} tokens, one thread: {cold_cpu:,.0f} tokens/s CPU cold ({cold_wall:,.0f} wall), "
                  f"{warm_cpu:,.0f} warm ({warm_wall:,.0f} wall)\n")
    return 0


def bench_dates(args: argparse.Namespace) -> int:
    from rasid.dates.bench import bench

    return bench(args)


def bench_search(args: argparse.Namespace) -> int:
    from rasid.search.bench import bench

    return bench(args)


def bench_gold(args: argparse.Namespace) -> int:
    from rasid.evaluation import run as run_gold

    return run_gold(Path(args.shared), details=getattr(args, "details", False))


TARGETS: dict[str, Callable[[argparse.Namespace], int]] = {
    "ner": bench_ner,
    "dates": bench_dates,
    "search": bench_search,
    "gold": bench_gold,
    "robustness": bench_robustness,
    "dedup": lambda args: __import__("rasid.dedup.bench", fromlist=["bench"]).bench(args),
    "speed": lambda args: __import__("rasid.batch.bench", fromlist=["bench"]).bench(args),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="accuracy and speed against held-out gold")
    p.add_argument("target", choices=sorted(TARGETS), help="what to measure")
    p.add_argument("--shared", default=str(DEFAULT_SHARED), help="the shared folder (default: ../shared)")
    p.add_argument("--model-dir", help="model folder to measure (default: the shipped one)")
    p.add_argument("--details", action="store_true", help="gold: print each miss")
    p.add_argument("--n", type=int, help="speed: articles (default 1000); dedup: originals (default 200)")
    p.add_argument("--sizes", help="speed: corpus sizes for the memory table, e.g. 1000,5000,10000")
    p.add_argument("--no-scaling", action="store_true", help="speed: skip the 1-vs-2-worker runs")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return TARGETS[args.target](args)
