"""Duplicate links over a store: read texts and noise spans directly, keep links in ``doc_links``."""

from __future__ import annotations

from collections.abc import Iterator

from rasid.dedup.finder import DuplicateFinder, Link

NOISE_LAYERS = ("boilerplate", "duplicates")


def iter_texts(store) -> Iterator[tuple[str, str, str | None, list[tuple[int, int]]]]:
    """(id, text, published, noise ranges) for every document, oldest first (undated last)."""
    conn = store.conn
    noise: dict[str, list[tuple[int, int]]] = {}
    for doc_id, start, end in conn.execute(
            'SELECT doc_id, start, "end" FROM annotations WHERE layer IN (?, ?)', NOISE_LAYERS):
        noise.setdefault(doc_id, []).append((start, end))
    rows = conn.execute("SELECT id, text, published FROM documents "
                        "ORDER BY published IS NULL, published, id").fetchall()
    for doc_id, text, published in rows:
        yield doc_id, text, published, noise.get(doc_id, [])


def link_store_duplicates(store, **finder_options) -> list[Link]:
    """Recompute every duplicate link of the store (oldest article is the representative)."""
    finder = DuplicateFinder(**finder_options)
    links = [link for doc_id, text, _, noise in iter_texts(store)
             if (link := finder.add(doc_id, text, noise)) is not None]
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM doc_links")
        conn.executemany("INSERT INTO doc_links (doc_id, duplicate_of, kind, score) VALUES (?, ?, ?, ?)",
                         [(x.doc_id, x.duplicate_of, x.kind, x.score) for x in links])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return links


def stored_links(store) -> dict[str, dict]:
    return {d: {"duplicate_of": t, "kind": k, "score": s} for d, t, k, s in
            store.conn.execute("SELECT doc_id, duplicate_of, kind, score FROM doc_links ORDER BY doc_id")}

