"""Near-duplicate articles: MinHash LSH over folded character shingles, verified by real overlap.

``DuplicateFinder`` indexes texts one by one (oldest first) and links each new text to the
representative it duplicates: ``exact`` when the folded text (noise dropped) hashes the same,
``near`` when an LSH candidate passes a true Jaccard or containment threshold.
``link_store_duplicates(store)`` runs it over a database and keeps the links in ``doc_links``.
"""

from __future__ import annotations

from rasid.dedup.finder import DuplicateFinder, Link, clean_key, shingle_hashes

__all__ = ["DuplicateFinder", "Link", "clean_key", "link_store_duplicates", "shingle_hashes"]


def link_store_duplicates(store, **kwargs):
    from rasid.dedup.store import link_store_duplicates as _link

    return _link(store, **kwargs)
