"""Time every stage of the default pipeline on adversarial strings at 10k, 20k and 40k characters.

Catastrophic backtracking or a quadratic loop shows as a growth ratio per doubling well above 2
(linear is about 2).  Each input runs in a child process with a wall-clock limit, so a stage that
hangs is reported instead of hanging the benchmark.  ``rasid bench robustness`` prints the table.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable

SIZES = (10_000, 20_000, 40_000)
#: A stage over budget at 40k characters, or growing faster than this per doubling, is flagged.
BUDGET_S = 2.0
MAX_RATIO = 3.0
#: Ratios of timings under this many seconds are noise, not growth.
NOISE_S = 0.1
REPEATS = 2
CHILD_LIMIT_S = 120.0

_SENTENCE = "قال وزير الخارجية المصري إن المفاوضات مستمرة في القاهرة، وإن الحكومة ستدفع 5 ملايين دولار. "


def _fill(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


#: name -> size -> text.  Each one aims at a kind of loop or pattern that may blow up.
INPUTS: dict[str, Callable[[int], str]] = {
    "tatweel": _fill("ـ"),
    "waw": _fill("و"),
    "waw words": _fill("و "),
    "diacritics": _fill("بَّ"),
    "quotes open": _fill("«"),
    "quotes nested": lambda n: ("«" * (n // 4) + "نص" + "»" * (n // 4)).ljust(n, "»")[:n],
    "quotes straight": _fill('"قال" '),
    "digits grouped": _fill("1,000,"),
    "arabic digits": _fill("١٢٣٬٤٥٦٫"),
    "one line no space": _fill("قالالوزير"),
    "bidi marks": _fill("\u200fو\u202b"),
    "newlines": _fill("\n"),
    "dots": _fill("."),
    "news text": _fill(_SENTENCE),
    "names": _fill("الرئيس الأمريكي جو بايدن "),
    "amount words": _fill("مليون ألف دولار "),
}


def _time_one(name: str, sizes: tuple[int, ...], queue: mp.Queue) -> None:
    """In the child: per size, the seconds each stage took (or its failure)."""
    from rasid.pipeline import default_pipeline, make_document

    pipeline = default_pipeline()
    pipeline.run_doc(make_document(INPUTS[name](1000)))  # warm caches and lazy loads first
    for size in sizes:
        row: dict[str, float | str] = {}
        for _ in range(REPEATS):  # the best of a few runs: the machine may be shared
            doc = make_document(INPUTS[name](size))
            for spec, stage in pipeline.stages:
                t0 = time.perf_counter()
                try:
                    stage(doc)
                except Exception as err:  # reported, not raised: the benchmark goes on
                    row[spec.name] = f"{type(err).__name__}"
                    continue
                seconds = time.perf_counter() - t0
                previous = row.get(spec.name)
                if not isinstance(previous, str):
                    row[spec.name] = seconds if previous is None else min(previous, seconds)
        queue.put((size, row))
    queue.put(None)


def measure(name: str, sizes: tuple[int, ...] = SIZES, limit_s: float = CHILD_LIMIT_S) -> dict[int, dict]:
    """{size: {stage: seconds | error name}}; sizes not reached within the limit are missing."""
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    child = ctx.Process(target=_time_one, args=(name, sizes, queue), daemon=True)
    child.start()
    results: dict[int, dict] = {}
    deadline = time.monotonic() + limit_s
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            item = queue.get(timeout=left)
        except Exception:
            break
        if item is None:
            break
        size, row = item
        results[size] = row
    if child.is_alive():
        child.kill()
    child.join(5)
    return results


def verdict(row: list[float | str | None]) -> tuple[str, list[str]]:
    """('ok' | 'SLOW' | 'SUPERLINEAR' | 'FAILED' | 'TIMEOUT', ratio strings) for one stage's timings."""
    if any(isinstance(v, str) for v in row):
        return "FAILED", []
    if row[-1] is None:
        return "TIMEOUT", []
    ratios = []
    flag = "ok"
    for a, b in zip(row, row[1:], strict=False):
        if a is None or b is None:
            ratios.append("-")
            continue
        ratio = b / max(a, 1e-6)
        ratios.append(f"{ratio:.1f}")
        if ratio > MAX_RATIO and b > NOISE_S:
            flag = "SUPERLINEAR"
    if row[-1] > BUDGET_S:
        flag = "SLOW" if flag == "ok" else flag
    return flag, ratios


def run(names: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    """Print one table row per (input, stage) worth showing; 1 when any stage is flagged."""
    from rasid.stages import DEFAULT_PIPELINE

    flagged = 0
    head = "".join(f"{f'{s // 1000}k s':>9}" for s in SIZES)
    out(f"{'input':<18}{'stage':<13}{head}{'x/doubling':>14}  verdict (budget {BUDGET_S:g}s at "
        f"{SIZES[-1] // 1000}k, ratio <= {MAX_RATIO:g})")
    for name in names or list(INPUTS):
        results = measure(name)
        total = []
        for stage in DEFAULT_PIPELINE:
            row = [results.get(size, {}).get(stage) for size in SIZES]
            flag, ratios = verdict(row)
            total.append(flag)
            slowest = max((v for v in row if isinstance(v, float)), default=0.0)
            if flag == "ok" and slowest < NOISE_S:
                continue  # too fast to matter
            cells = "".join(f"{v:9.3f}" if isinstance(v, float) else f"{(v or '-'):>9}" for v in row)
            out(f"{name:<18}{stage:<13}{cells}{' '.join(ratios):>14}  {flag}")
            flagged += flag != "ok"
        if all(f == "ok" for f in total):
            whole = [sum(v for v in results.get(size, {}).values() if isinstance(v, float)) for size in SIZES]
            out(f"{name:<18}{'(all)':<13}" + "".join(f"{v:9.3f}" for v in whole) + f"{'':>14}  ok")
    out(f"{flagged} stage/input pairs flagged")
    return 1 if flagged else 0


def bench(args: object = None) -> int:
    """``rasid bench robustness``."""
    return run()
