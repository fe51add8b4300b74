"""Word vectors learned offline from the unlabelled news, as real-valued CRF features.

The clusters (``rasid.ner.clusters``) cut the same PPMI+SVD space into a few thousand cells; a
name's cell says little when the cell is mixed.  The vector itself, its strongest ``DIMS``
dimensions as unit vectors scaled by ``SCALE``, lets the CRF weigh each direction: on the dev tail
of ANERcorp train the first stage rose from 73.7 to 75.4-75.5 F1 (MODEL.md).  Shipped as int8 rows
with their words (gzip without time stamp: rebuilds are byte-identical).
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import numpy as np

from rasid.errors import RasidError

VECTORS_FILE = "ner_vectors.npy.gz"
DIMS = 50  # the strongest singular directions kept (dev: 50 at scale 3-6 ≥ 100 at scale 4)
SCALE = 4.0  # length of every word's vector: the CRF's L1/L2 penalties see features of this size
#: the views of a word's vector, by the offset of the word from the token that sees it: its own,
#: and the token after it (-1) and before it (+1)
OFFSETS = (0, -1, 1)


def dense_names(offset: int) -> list[str]:
    """The attribute names of one view's dimensions ("v0" … for the word itself, "-1v0" … as the
    token after it sees it)."""
    prefix = f"{offset:+d}" if offset else ""
    return [f"{prefix}v{k}" for k in range(DIMS)]


def quantise(vectors: np.ndarray) -> np.ndarray:
    """Rows made unit length over their first ``DIMS`` columns, as int8 (x 127)."""
    v = vectors[:, :DIMS]
    v = v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
    return np.round(v * 127).astype(np.int8)


def build_vectors(shared: Path, out: Path, seed: int = 13, vocab_size: int = 50_000,
                  contexts: int = 2_000) -> None:
    """The PPMI+SVD vectors of the ``vocab_size`` most frequent folded news words (the same space
    ``build_clusters`` clusters), strongest directions first, into ``out``."""
    from rasid.ner.clusters import news_token_ids, ppmi_svd

    vocab, ids = news_token_ids(shared)
    n_words = min(vocab_size, len(vocab))
    u, s = ppmi_svd(ids, n_words, contexts, 100, seed)
    order = np.argsort(-s, kind="stable")  # svds returns the weakest direction first
    save_vectors(vocab[:n_words], quantise(u[:, order] * np.sqrt(s[order])), out)


def save_vectors(words: list[str], rows: np.ndarray, path: Path) -> None:
    buf = io.BytesIO()
    np.save(buf, np.array(words), allow_pickle=False)
    np.save(buf, rows, allow_pickle=False)
    with open(path, "wb") as raw, gzip.GzipFile(filename=path.name, mode="wb", compresslevel=9,
                                                 mtime=0, fileobj=raw) as fh:
        fh.write(buf.getvalue())


def load_vectors(path: Path) -> dict[str, np.ndarray]:
    """Folded word -> its scaled float vector; empty when the file is missing (a model trained
    without vectors)."""
    if not path.exists():
        return {}
    with gzip.open(path, "rb") as fh:
        stream = io.BytesIO(fh.read())
    words = np.load(stream, allow_pickle=False).tolist()
    rows = np.load(stream, allow_pickle=False)
    if rows.shape != (len(words), DIMS):
        raise RasidError(f"{path}: {rows.shape} vectors for {len(words)} words of {DIMS} dimensions")
    scaled = rows.astype(np.float64) * (SCALE / 127)
    return dict(zip(words, scaled, strict=True))
