"""Word vectors from the unlabelled news: PPMI (offsets -2,-1,1,2) + truncated SVD, rasid's cluster
recipe with a larger vocabulary and kept as real vectors. Run with rasid's venv (numpy+scipy)."""
import time

import numpy as np
from nnpaths import SHARED, WORK

from rasid.ner.clusters import news_token_ids, ppmi_svd


def main(shared=SHARED, out=WORK / "data" / "vectors.npz", vocab_size=100_000,
         contexts=5_000, dims=100, seed=13):
    t = time.time()
    out.parent.mkdir(parents=True, exist_ok=True)
    vocab, ids = news_token_ids(shared)
    print("tokens", int((ids >= 0).sum()), "types", len(vocab), f"{time.time()-t:.0f}s", flush=True)
    n_words = min(vocab_size, len(vocab))
    u, s = ppmi_svd(ids, n_words, contexts, dims, seed)  # rasid's cluster recipe, more words and contexts
    order = np.argsort(-s)
    vecs = u[:, order] * np.sqrt(s[order])
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    freq = np.bincount(ids[(ids >= 0) & (ids < n_words)], minlength=n_words)
    np.savez(out, words=np.array(vocab[:n_words]), vecs=vecs.astype(np.float32), freq=freq)
    print("done", vecs.shape, f"{time.time()-t:.0f}s")

if __name__ == "__main__":
    main()
