"""``rasid bench dedup``: recall on perturbed copies of real articles, false pairs among unrelated ones."""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path
from typing import Any

CORPORA = ("data/news/saudinewsnet/articles.jsonl", "data/news/ant_multisource/articles.jsonl")
#: Lines news sites add around an article (used to perturb copies; not a rule of the finder).
NOISE_LINES = (
    "اقرأ أيضاً: آخر الأخبار العاجلة على موقعنا",
    "تابعونا على تويتر وفيسبوك لمزيد من الأخبار",
    "جميع الحقوق محفوظة © 2024",
    "شارك هذا الخبر مع أصدقائك",
    "للاشتراك في النشرة البريدية اضغط هنا",
)
_SPELLING = {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ي": "ى", "ة": "ه"}
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")
KINDS = ("reorder", "boilerplate", "spelling", "drop_sentence", "all")


def load_articles(shared: Path, min_chars: int = 300) -> list[dict[str, Any]]:
    out = []
    for rel in CORPORA:
        with open(shared / rel, encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                if len(obj.get("text", "")) >= min_chars:
                    out.append(obj)
    return out


def perturb(text: str, kind: str, rng: random.Random) -> str:
    if kind in ("reorder", "all"):
        paras = [p for p in text.split("\n") if p.strip()]
        if len(paras) > 1:
            while True:
                shuffled = paras[:]
                rng.shuffle(shuffled)
                if shuffled != paras or len(set(paras)) == 1:
                    break
            paras = shuffled
        text = "\n".join(paras)
    if kind in ("drop_sentence", "all"):
        sentences = _SENTENCE_END.split(text)
        if len(sentences) > 2:
            del sentences[rng.randrange(len(sentences))]
            text = " ".join(sentences)
    if kind in ("spelling", "all"):
        text = "".join(_SPELLING[ch] if ch in _SPELLING and rng.random() < 0.5 else ch for ch in text)
    if kind in ("boilerplate", "all"):
        lines = text.split("\n")
        for noise in rng.sample(NOISE_LINES, 3):
            lines.insert(rng.randrange(len(lines) + 1), noise)
        text = "\n".join(lines)
    return text


def copied_text(a: str, b: str, n: int = 8) -> float:
    """Share of the shorter text's word n-grams found verbatim in the other (independent of the finder)."""
    def grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text)
        return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}

    ga, gb = grams(a), grams(b)
    return len(ga & gb) / min(len(ga), len(gb)) if ga and gb else 0.0


def run_bench(shared: Path, originals: int = 200, unrelated: int = 1000, seed: int = 13) -> dict[str, Any]:
    from rasid.dedup.finder import DuplicateFinder

    rng = random.Random(seed)
    articles = load_articles(shared)
    rng.shuffle(articles)
    seen, picked = set(), []
    for art in articles:  # distinct texts only: the corpora hold some true wire duplicates
        key = art["text"][:200]
        if key not in seen:
            seen.add(key)
            picked.append(art)
        if len(picked) == originals + unrelated:
            break
    base, others = picked[:originals], picked[originals:]
    finder = DuplicateFinder()
    started = time.perf_counter()
    everything = base + others
    false_pairs: list[tuple[str, str, float]] = []
    copied_pairs: list[tuple[str, str, float]] = []
    for i, art in enumerate(everything):
        link = finder.add(f"o{i}", art["text"])
        if link:
            other = everything[int(link.duplicate_of[1:])]
            pair = (art.get("id", ""), other.get("id", ""), link.score)
            # pairs of corpus articles that share verbatim passages are true duplicates (wire copies)
            (copied_pairs if copied_text(art["text"], other["text"]) >= 0.3 else false_pairs).append(pair)
    found = {k: 0 for k in KINDS}
    wrong = 0
    for i, art in enumerate(base):
        for kind in KINDS:
            copy = perturb(art["text"], kind, rng)
            link = finder.find(f"c{i}-{kind}", copy)  # not indexed: copies must not match each other
            if link and link.duplicate_of == f"o{i}":
                found[kind] += 1
            elif link and copied_text(everything[int(link.duplicate_of[1:])]["text"], art["text"]) < 0.3:
                wrong += 1
    seconds = time.perf_counter() - started
    return {"originals": len(base), "unrelated": len(others), "found": found, "wrong_target": wrong,
            "false_pairs": false_pairs, "copied_pairs": copied_pairs, "seconds": seconds,
            "docs": len(base) + len(others) + len(base) * len(KINDS)}


def bench(args: argparse.Namespace) -> int:
    result = run_bench(Path(args.shared), originals=getattr(args, "n", None) or 200)
    n = result["originals"]
    print(f"Near-duplicates: {n} real articles x {len(KINDS)} perturbations, "
          f"{result['unrelated']} unrelated articles (goal: recall >= 95 %, 0 false pairs)")
    print(f"{'perturbation':<15}{'found':>7}{'recall':>9}")
    for kind in KINDS:
        print(f"{kind:<15}{result['found'][kind]:>7}{100 * result['found'][kind] / n:>8.1f}%")
    total = sum(result["found"].values())
    print(f"{'total':<15}{total:>7}{100 * total / (n * len(KINDS)):>8.1f}%")
    print(f"copies linked to an unrelated article: {result['wrong_target']}")
    print(f"pairs found among the {n + result['unrelated']} corpus articles that share verbatim text "
          f"(>= 30 % of word 8-grams, true wire copies): {len(result['copied_pairs'])}")
    print(f"false pairs (linked without shared passages): {len(result['false_pairs'])}")
    for pair in result["false_pairs"][:10]:
        print("  ", pair)
    print(f"{result['docs']} texts indexed in {result['seconds']:.1f}s "
          f"= {result['docs'] / result['seconds']:.0f} texts/s (one core)")
    ok = total >= 0.95 * n * len(KINDS) and not result["false_pairs"] and not result["wrong_target"]
    return 0 if ok else 1
