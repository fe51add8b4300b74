"""Word clusters learned offline from the unlabelled news in ../shared/data/news.

Each of the most frequent folded words gets a vector of positive PMI with its left and right
neighbours (separately for offset 1 and 2), reduced by truncated SVD; k-means (seeded) over the unit
vectors at several k gives cluster ids, used by the tagger as features so that a name never seen in
the labelled data still looks like its neighbours in the news.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import numpy as np

from rasid.arabic.normalise import fold
from rasid.ner.resources import gzip_writer
from rasid.ner.tokens import tokenize

log = logging.getLogger(__name__)

NEWS = ("saudinewsnet", "ant_multisource")


def news_token_ids(shared: Path) -> tuple[list[str], np.ndarray]:
    """Folded vocabulary (by descending frequency) and the whole corpus as ids (-1 = sentence break)."""
    folded_of: dict[str, int] = {}
    words: list[str] = []
    stream: list[int] = []
    for name in NEWS:
        with open(shared / "data" / "news" / name / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                for para in text.split("\n"):
                    for s, e in tokenize(para):
                        w = para[s:e]
                        idx = folded_of.get(w)
                        if idx is None:
                            f = fold(w)
                            idx = len(words)
                            words.append(f)
                            folded_of[w] = idx
                        stream.append(idx)
                    stream.append(-1)
    # merge surface variants that fold to the same key
    key_id: dict[str, int] = {}
    remap = np.empty(len(words), dtype=np.int64)
    for i, f in enumerate(words):
        remap[i] = key_id.setdefault(f, len(key_id))
    ids = np.asarray(stream, dtype=np.int64)
    ids = np.where(ids >= 0, remap[np.maximum(ids, 0)], -1)
    counts = np.bincount(ids[ids >= 0], minlength=len(key_id))
    order = np.argsort(-counts, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    keys = list(key_id)
    vocab = [keys[i] for i in order]
    return vocab, np.where(ids >= 0, rank[np.maximum(ids, 0)], -1)


def _kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iterations: int = 15) -> np.ndarray:
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        assign = np.argmax(x @ centres.T, axis=1)  # unit vectors: cosine
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = x[rng.choice(len(x), size=int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centres = sums / norms
    return assign


def ppmi_svd(ids: np.ndarray, n_words: int, contexts: int, dims: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(u, s) of the truncated SVD of the positive-PMI matrix of the ``n_words`` most frequent words
    against the ``contexts`` most frequent ones at offsets -2, -1, +1, +2 (context counts smoothed by
    the 0.75 power); ``ids`` is the corpus as frequency ranks, -1 at sentence breaks."""
    import scipy.sparse as sp
    from scipy.sparse.linalg import svds

    rows_all, cols_all = [], []
    for block, offset in enumerate((-2, -1, 1, 2)):
        a = ids[max(0, -offset): len(ids) - max(0, offset)]
        b = ids[max(0, offset): len(ids) - max(0, -offset)]
        keep = (a >= 0) & (a < n_words) & (b >= 0) & (b < contexts)
        if abs(offset) == 2:  # do not look across a sentence break
            keep &= ids[1:-1] >= 0
        rows_all.append(a[keep])
        cols_all.append(b[keep] + block * contexts)
    rows = np.concatenate(rows_all)
    cols = np.concatenate(cols_all)
    counts = sp.coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                           shape=(n_words, 4 * contexts)).tocsr()
    total = counts.sum()
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    col_sum = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    col_sum = col_sum / col_sum.sum() * total
    coo = counts.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    pos = pmi > 0
    ppmi = sp.csr_matrix((pmi[pos], (coo.row[pos], coo.col[pos])), shape=counts.shape)
    u, s, _ = svds(ppmi, k=dims, random_state=seed)
    return u, s


def build_clusters(shared: Path, out: Path, seed: int = 13, vocab_size: int = 50_000, contexts: int = 2_000,
                   dims: int = 100, ks: tuple[int, ...] = (64, 256, 1024)) -> None:
    start = time.time()
    vocab, ids = news_token_ids(shared)
    log.info("news: %d tokens, %d types (%.0fs)", int((ids >= 0).sum()), len(vocab), time.time() - start)
    n_words = min(vocab_size, len(vocab))
    u, s = ppmi_svd(ids, n_words, contexts, dims, seed)
    vecs = u * np.sqrt(s)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    rng = np.random.default_rng(seed)
    assignments = [_kmeans(vecs.astype(np.float32), k, rng) for k in ks]
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip_writer(out) as fh:
        for i in range(n_words):
            fh.write(vocab[i] + "\t" + "\t".join(str(int(a[i])) for a in assignments) + "\n")
    log.info("clusters: %d words, k=%s (%.0fs)", n_words, ks, time.time() - start)

