"""Word vectors from the unlabelled news: PPMI (offsets -2,-1,1,2) + truncated SVD, rasid's cluster
recipe with a larger vocabulary and kept as real vectors. Run with rasid's venv (numpy+scipy)."""
import time

import numpy as np
import scipy.sparse as sp
from nnpaths import SHARED, WORK
from scipy.sparse.linalg import svds

from rasid.ner.clusters import news_token_ids


def main(shared=SHARED, out=WORK / "data" / "vectors.npz", vocab_size=100_000,
         contexts=5_000, dims=100, seed=13):
    t = time.time()
    out.parent.mkdir(parents=True, exist_ok=True)
    vocab, ids = news_token_ids(shared)
    print("tokens", int((ids >= 0).sum()), "types", len(vocab), f"{time.time()-t:.0f}s", flush=True)
    n_words = min(vocab_size, len(vocab))
    rows_all, cols_all = [], []
    for block, offset in enumerate((-2, -1, 1, 2)):
        a = ids[max(0, -offset): len(ids) - max(0, offset)]
        b = ids[max(0, offset): len(ids) - max(0, -offset)]
        keep = (a >= 0) & (a < n_words) & (b >= 0) & (b < contexts)
        if abs(offset) == 2:
            keep &= ids[1:-1] >= 0
        rows_all.append(a[keep])
        cols_all.append(b[keep] + block * contexts)
    rows = np.concatenate(rows_all)
    cols = np.concatenate(cols_all)
    counts = sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_words, 4 * contexts)).tocsr()
    total = counts.sum()
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    col_sum = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    col_sum = col_sum / col_sum.sum() * total
    coo = counts.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    pos = pmi > 0
    ppmi = sp.csr_matrix((pmi[pos], (coo.row[pos], coo.col[pos])), shape=counts.shape)
    u, s, _ = svds(ppmi, k=dims, random_state=seed)
    order = np.argsort(-s)
    vecs = u[:, order] * np.sqrt(s[order])
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    freq = np.bincount(ids[(ids >= 0) & (ids < n_words)], minlength=n_words)
    np.savez(out, words=np.array(vocab[:n_words]), vecs=vecs.astype(np.float32), freq=freq)
    print("done", vecs.shape, f"{time.time()-t:.0f}s")

if __name__ == "__main__":
    main()
