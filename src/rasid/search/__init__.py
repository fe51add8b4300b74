"""Arabic-aware full-text search over the store: SQLite FTS5 over folded, clitic-split stems.

``sync_index(conn)`` indexes the stored documents the index lacks; ``search(conn, query,
Filters(...))`` returns ranked documents with snippets whose highlights are original offsets.
"""

from rasid.search.index import index_stats, sync_index
from rasid.search.query import Filters, SearchError, SearchResult, parse_query, search

__all__ = ["Filters", "SearchError", "SearchResult", "index_stats", "parse_query", "search", "sync_index"]
