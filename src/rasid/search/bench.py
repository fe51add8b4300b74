"""``rasid bench search``: index news articles (no analysis pipeline) and time 100 queries.

Queries are drawn with a fixed seed from the articles' own titles: 60 single words, 25 pairs
of words and 15 two-word phrases, so they hit both rare and common terms.  Each query asks
for the first page (10 documents, 3 snippets each), as the web UI does.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rasid.doc import Document

CORPORA = ("saudinewsnet", "ant_multisource")


def _articles(shared: Path, limit: int) -> Iterator[Document]:
    n = 0
    for name in CORPORA:
        path = shared / "data" / "news" / name / "articles.jsonl"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if n >= limit:
                    return
                rec = json.loads(line)
                text = rec.get("text") or ""
                if not text.strip():
                    continue
                published = str(rec.get("date") or "")[:10] or None
                yield Document(text, meta={"source": rec.get("source") or name, "title": rec.get("title"),
                                           "published": published})
                n += 1


def _queries(titles: list[str], count: int, seed: int = 7) -> list[str]:
    from rasid.search.keys import keyed_words

    rng = random.Random(seed)
    words_of = [[t[a:b] for a, b, k in keyed_words(t) if len(k) >= 4] for t in titles]
    words_of = [w for w in words_of if len(w) >= 2]
    out: list[str] = []
    while len(out) < count and words_of:
        words = rng.choice(words_of)
        kind = len(out) % 20
        if kind < 12:
            out.append(rng.choice(words))
        elif kind < 17:
            out.append(" ".join(rng.sample(words, 2)))
        else:
            i = rng.randrange(len(words) - 1)
            out.append(f'"{words[i]} {words[i + 1]}"')
    return out


def bench(args: argparse.Namespace) -> int:
    from rasid.search import search, sync_index
    from rasid.search.index import index_stats
    from rasid.store import Store

    shared = Path(args.shared)
    limit = int(getattr(args, "docs", None) or 20_000)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        docs = list(_articles(shared, limit))
        if not docs:
            print(f"no articles under {shared}/data/news/{{{','.join(CORPORA)}}}")
            return 2
        start = time.perf_counter()
        for i in range(0, len(docs), 1000):
            store.write_documents(docs[i:i + 1000])
        stored = time.perf_counter() - start
        start = time.perf_counter()
        sync_index(store.conn, batch_size=1000)
        indexed = time.perf_counter() - start
        stats = index_stats(store.conn)
        size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
        queries = _queries([d.meta.get("title") or d.text[:120] for d in docs], 100)
        for q in queries[:5]:  # warm the page cache
            search(store.conn, q, limit=10)
        times, totals = [], []
        for q in queries:
            t0 = time.perf_counter()
            result = search(store.conn, q, limit=10, snippets=3)
            times.append((time.perf_counter() - t0) * 1000)
            totals.append(result.total)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(round(0.95 * (len(times) - 1)))]
    print(f"search bench: {stats['documents']:,} documents, {stats['units']:,} indexed units, db {size:.0f} MiB")
    print(f"store write {stored:.1f}s; index {indexed:.1f}s = {stats['documents'] / indexed:,.0f} docs/s (one core)")
    print(f"{len(queries)} queries (first page, 10 docs x 3 snippets): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"max {times[-1]:.1f} ms; median hits {statistics.median(totals):,.0f}, max hits {max(totals):,}")
    print(f"goal p95 < 50 ms: {'met' if p95 < 50 else 'NOT met'}")
    return 0
