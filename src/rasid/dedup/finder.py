"""MinHash LSH candidates (datasketch), verified with exact Jaccard and containment."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from rasid.arabic.normalise import fold

_NON_WORD = re.compile(r"[^\w]+|_+")


@dataclass(frozen=True)
class Link:
    doc_id: str
    duplicate_of: str
    kind: str  # "exact" | "near"
    score: float


def clean_key(text: str, drop: Iterable[tuple[int, int]] = ()) -> str:
    """Folded text with the ``drop`` ranges (boilerplate, repeated sentences) cut out, words single-spaced."""
    pieces, at = [], 0
    for start, end in sorted(drop):
        if start > at:
            pieces.append(text[at:start])
        at = max(at, end)
    pieces.append(text[at:])
    return " ".join(_NON_WORD.sub(" ", fold(" ".join(pieces))).split())


def shingle_hashes(key: str, k: int = 5) -> np.ndarray:
    """Sorted unique CRC32s of the key's character k-grams."""
    data = key.encode("utf-8")
    if len(key) <= k:
        grams = [data] if data else []
    else:
        grams = [key[i:i + k].encode("utf-8") for i in range(len(key) - k + 1)]
    return np.unique(np.fromiter((zlib.crc32(g) for g in grams), dtype=np.uint32, count=len(grams)))


class DuplicateFinder:
    """Add texts oldest first; each gets a Link to an earlier text, or None.

    An exact copy links to the first text with its content; a near copy links to the indexed
    text it overlaps most (no transitive chains: A~B and B~C never makes A a copy of C).
    """

    def __init__(self, *, num_perm: int = 128, lsh_threshold: float = 0.3, jaccard: float = 0.6,
                 containment: float = 0.85, min_shingles: int = 150, k: int = 5) -> None:
        from datasketch import MinHashLSH

        self.num_perm, self.k = num_perm, k
        self.jaccard, self.containment, self.min_shingles = jaccard, containment, min_shingles
        self.lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
        self.shingles: dict[str, np.ndarray] = {}
        self.by_hash: dict[str, str] = {}
        self.representative: dict[str, str] = {}

    def _minhash(self, hashes: np.ndarray):
        from datasketch import MinHash

        mh = MinHash(num_perm=self.num_perm)
        mh.update_batch(h.tobytes() for h in hashes)
        return mh

    def score(self, a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
        """(Jaccard, containment of the smaller in the larger) of two shingle sets."""
        if not len(a) or not len(b):
            return 0.0, 0.0
        inter = len(np.intersect1d(a, b, assume_unique=True))
        return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))

    def find(self, doc_id: str, text: str, drop: Iterable[tuple[int, int]] = ()) -> Link | None:
        """The Link ``text`` would get, without indexing it."""
        return self._match(doc_id, *self._features(text, drop))[0]

    def add(self, doc_id: str, text: str, drop: Iterable[tuple[int, int]] = ()) -> Link | None:
        """Link ``text`` to an earlier representative (or None) and index it."""
        digest, hashes, mh = self._features(text, drop)
        link, _ = self._match(doc_id, digest, hashes, mh)
        if link is None or link.kind != "exact":
            self.by_hash.setdefault(digest, doc_id)
            self.shingles[doc_id] = hashes
            self.lsh.insert(doc_id, mh)
        self.representative[doc_id] = link.duplicate_of if link else doc_id
        return link

    def _features(self, text: str, drop: Iterable[tuple[int, int]]):
        key = clean_key(text, drop)
        hashes = shingle_hashes(key, self.k)
        return hashlib.sha256(key.encode("utf-8")).hexdigest(), hashes, self._minhash(hashes)

    def _match(self, doc_id: str, digest: str, hashes: np.ndarray, mh) -> tuple[Link | None, None]:
        if digest in self.by_hash:
            first = self.by_hash[digest]
            return Link(doc_id, self.representative.get(first, first), "exact", 1.0), None
        best: tuple[float, str] | None = None
        for cand in self.lsh.query(mh):
            jac, cont = self.score(hashes, self.shingles[cand])
            small = min(len(hashes), len(self.shingles[cand]))
            if jac >= self.jaccard or (cont >= self.containment and small >= self.min_shingles):
                value = max(jac, cont)
                if best is None or (value, cand) > best:
                    best = (value, cand)
        if best is None:
            return None, None
        return Link(doc_id, best[1], "near", round(best[0], 4)), None
