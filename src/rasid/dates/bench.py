"""Dates benchmark: rasid's values against the seeds' gold dates, side by side with
dateparser's ``search_dates`` (languages=["ar"], RELATIVE_BASE = the gold published date),
and the published-date inference table (run without the published date).

Run: ``rasid bench dates`` or ``python -m rasid.dates.bench [SHARED_DIR]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

DEFAULT_SHARED = Path(__file__).resolve().parents[4] / "shared"


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def load_seeds(shared: Path) -> list[tuple[dict[str, Any], str]]:
    out = []
    for path in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        text = (shared / "seeds" / gold["doc"]).read_text("utf-8")
        out.append((gold, unicodedata.normalize("NFC", text)))
    return out


def rasid_dates(text: str, published: str | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Date spans (as dicts) and the document meta from the pipeline up to the dates stage."""
    from rasid.pipeline import make_document

    names = ["boilerplate", "sentences", "duplicates", "dates"]
    pipe = _pipeline(tuple(names))
    doc = make_document(text, published=published)
    pipe.run_doc(doc)
    return [{"start": s.start, "end": s.end, **s.attrs} for s in doc.spans("dates")], doc.meta


_PIPES: dict[tuple[str, ...], Any] = {}


def _pipeline(names: tuple[str, ...]) -> Any:
    from rasid.pipeline import Pipeline

    if names not in _PIPES:
        _PIPES[names] = Pipeline(list(names))
    return _PIPES[names]


def dateparser_dates(text: str, published: str) -> list[dict[str, Any]]:
    """dateparser's finds as spans, each with the value at day precision."""
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(published)
    try:
        found = search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
    except Exception:  # dateparser raises on some inputs; count that as finding nothing
        found = []
    out = []
    cursor = 0
    for surface, when in found:
        pos = text.find(surface, cursor)
        if pos < 0:
            pos = text.find(surface)
        if pos < 0:
            continue
        cursor = pos + len(surface)
        out.append({"start": pos, "end": pos + len(surface), "value": when.date().isoformat()})
    return out


def _right(hits: list[dict[str, Any]], want: str, prefix_ok: bool) -> bool:
    for h in hits:
        got = h.get("value")
        if got is None:
            continue
        if str(got) == want or (prefix_ok and str(got)[:len(want)] == want):
            return True
    return False


def run(shared: Path, out=sys.stdout) -> dict[str, Any]:
    seeds = load_seeds(shared)
    rows = []
    totals = {"gold": 0, "rasid": 0, "dateparser": 0}
    t_rasid = t_dp = 0.0
    for gold, text in seeds:
        pub = gold["published"]
        t0 = time.perf_counter()
        ours, _ = rasid_dates(text, pub)
        t1 = time.perf_counter()
        theirs = dateparser_dates(text, pub)
        t2 = time.perf_counter()
        t_rasid += t1 - t0
        t_dp += t2 - t1
        for d in gold["dates"]:
            if d.get("value") is None:
                continue
            o = text.find(d["text"])
            if o < 0:
                continue
            e = o + len(d["text"])
            ok_r = _right([h for h in ours if _overlaps(o, e, h["start"], h["end"])], d["value"], False)
            # dateparser always gives a full date: accept it at the gold's precision
            ok_d = _right([h for h in theirs if _overlaps(o, e, h["start"], h["end"])], d["value"], True)
            totals["gold"] += 1
            totals["rasid"] += ok_r
            totals["dateparser"] += ok_d
            rows.append((gold["doc"][:3], d["text"], d["value"], ok_r, ok_d))
    print("Dates with a gold value (published date given)", file=out)
    print(f"{'doc':<4} {'gold text':<26} {'value':<11} {'rasid':>5} {'dateparser':>10}", file=out)
    for doc, surface, value, ok_r, ok_d in rows:
        print(f"{doc:<4} {surface[:26]:<26} {value:<11} {'ok' if ok_r else '-':>5} {'ok' if ok_d else '-':>10}",
              file=out)
    n = totals["gold"] or 1
    print(f"right value: rasid {totals['rasid']}/{totals['gold']} ({100 * totals['rasid'] / n:.0f} %), "
          f"dateparser {totals['dateparser']}/{totals['gold']} ({100 * totals['dateparser'] / n:.0f} %)", file=out)
    print(f"time: rasid {t_rasid:.2f}s (boilerplate+sentences+duplicates+dates), dateparser {t_dp:.2f}s\n",
          file=out)

    print("Published-date inference (no published date given)", file=out)
    print(f"{'doc':<4} {'gold':<11} {'inferred':<11} {'confidence':<10} {'days':>5}  verdict", file=out)
    inference = []
    for gold, text in seeds:
        _, meta = rasid_dates(text, None)
        inf = meta.get("published_inferred") or {}
        value = inf.get("value")
        diff = None
        if value:
            diff = abs((dt.date.fromisoformat(value) - dt.date.fromisoformat(gold["published"])).days)
        verdict = "unknown" if value is None else ("within 7 days" if diff <= 7 else "WRONG")
        inference.append({"doc": gold["doc"], "gold": gold["published"], **inf, "days": diff, "verdict": verdict})
        print(f"{gold['doc'][:3]:<4} {gold['published']:<11} {str(value):<11} {inf.get('confidence', ''):<10} "
              f"{'' if diff is None else diff:>5}  {verdict}", file=out)
        for line in inf.get("evidence", [])[:4]:
            print(f"     - {line}", file=out)
    return {"totals": totals, "rows": rows, "inference": inference}


def bench(args: argparse.Namespace) -> int:
    """The ``rasid bench dates`` target."""
    run(Path(getattr(args, "shared", None) or DEFAULT_SHARED))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    run(Path(argv[0]) if argv else DEFAULT_SHARED)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
