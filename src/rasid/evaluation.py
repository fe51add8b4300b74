"""Score the pipeline against the seed gold exactly as the project is judged.

``rasid bench gold`` runs the default pipeline in-process on each article of
``../shared/seeds`` with its gold published date and scores the result with the project's
own scorer (``../shared/tools/eval_gold.py``, loaded from the shared folder, never copied),
so the figures match what ``eval_gold.py --cmd "rasid analyze ..."`` prints.  Beside the
dates row it prints dateparser's ``search_dates`` on the same gold dates, and it reports
published-date inference on the same articles run without a date.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from rasid.errors import InputError


def load_scorer(shared: Path) -> ModuleType:
    path = shared / "tools" / "eval_gold.py"
    if not path.is_file():
        raise InputError("the gold scorer is missing; pass --shared pointing at the shared folder", path=str(path))
    spec = importlib.util.spec_from_file_location("rasid_eval_gold", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_files(shared: Path) -> list[tuple[dict[str, Any], str]]:
    out = []
    for path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        text = (shared / "seeds" / gold["doc"]).read_text("utf-8")
        out.append((gold, text))
    return out


def score_seeds(shared: Path) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """(measure -> (found, total), details) for the default pipeline on the seeds."""
    from rasid.pipeline import default_pipeline, make_document

    scorer = load_scorer(shared)
    pipeline = default_pipeline()
    tally: dict[str, list[bool]] = defaultdict(list)
    details: list[str] = []
    for gold, text in gold_files(shared):
        doc = pipeline.run_doc(make_document(text, published=gold.get("published"), source=gold["doc"]))
        out = doc.to_dict()
        scorer.score_doc(gold, out, unicodedata.normalize("NFC", out["text"]), tally, details)
    return {k: (sum(v), len(v)) for k, v in tally.items()}, details


def dates_baseline(shared: Path) -> dict[str, Any]:
    """The dates benchmark's figures: rasid vs dateparser on gold dates, and date inference."""
    import io

    from rasid.dates.bench import run as dates_run

    return dates_run(shared, out=io.StringIO())


def run(shared: Path, details: bool = False) -> int:
    scores, lines = score_seeds(shared)
    dates = dates_baseline(shared)
    totals = dates["totals"]
    if details:
        print("\n".join(lines))
    print(f"{'measure (seed gold, eval_gold.py rules)':40s} {'rasid':>14s}   {'dateparser':>14s}")
    for name, (found, total) in scores.items():
        rate = 100.0 * found / total if total else 0.0
        extra = ""
        if name == "dates right value" and totals["gold"]:
            extra = f"{totals['dateparser']:5d}/{totals['gold']:<5d} {100.0 * totals['dateparser'] / totals['gold']:5.1f}%"
        print(f"{name:40s} {found:5d}/{total:<5d} {rate:5.1f}%   {extra}")
    print("\npublished date inferred without metadata (gold date for comparison)")
    for row in dates["inference"]:
        print(f"  {row['doc'][:28]:28s} gold {row['gold']}  inferred {str(row.get('value') or '-'):10s} "
              f"{str(row.get('confidence') or ''):8s} {row['verdict']}")
    verdicts = [row["verdict"] for row in dates["inference"]]
    print(f"  {verdicts.count('within 7 days')}/{len(verdicts)} within 7 days, {verdicts.count('WRONG')} wrong, "
          f"{verdicts.count('unknown')} unknown")
    return 0
