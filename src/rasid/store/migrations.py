"""Numbered schema migrations.  Each runs in its own transaction and bumps ``schema_version``.

Never edit a released migration; add a new one (a search index, a stories table…) at the
end of ``MIGRATIONS`` with the next number.
"""

from __future__ import annotations

#: (version, statements); statements run in order inside one transaction.
MIGRATIONS: list[tuple[int, tuple[str, ...]]] = [
    (1, (
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source TEXT,
            title TEXT,
            url TEXT,
            published TEXT,
            text TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            objects TEXT NOT NULL DEFAULT '{}',
            layer_names TEXT NOT NULL DEFAULT '[]',
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX documents_published ON documents (published)",
        """CREATE TABLE annotations (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            stage TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX annotations_doc_layer ON annotations (doc_id, layer)",
        """CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            type TEXT,
            name TEXT,
            name_en TEXT,
            data TEXT NOT NULL DEFAULT '{}'
        )""",
        """CREATE TABLE entity_mentions (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL REFERENCES entities (id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL
        )""",
        "CREATE INDEX entity_mentions_entity ON entity_mentions (entity_id)",
        "CREATE INDEX entity_mentions_doc ON entity_mentions (doc_id)",
        """CREATE TABLE failures (
            path TEXT,
            doc_id TEXT,
            stage TEXT,
            code TEXT NOT NULL,
            message TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
    )),
    (2, (  # full-text search over folded stems (rasid.search.index)
        """CREATE TABLE search_units (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            offsets BLOB NOT NULL
        )""",
        "CREATE INDEX search_units_doc ON search_units (doc_id)",
        "CREATE VIRTUAL TABLE sentences_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 0')",
        """CREATE TRIGGER search_units_delete AFTER DELETE ON search_units BEGIN
            DELETE FROM sentences_fts WHERE rowid = old.id;
        END""",
        """CREATE TABLE search_indexed (
            doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            units INTEGER NOT NULL,
            indexed_at TEXT NOT NULL
        )""",
    )),
    (3, (  # near-duplicate links, stories, watched files (rasid.dedup, rasid.stories, rasid watch)
        """CREATE TABLE doc_links (
            doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            duplicate_of TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            score REAL NOT NULL
        )""",
        "CREATE INDEX doc_links_target ON doc_links (duplicate_of)",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT,
            first_date TEXT,
            last_date TEXT,
            size INTEGER NOT NULL,
            central_doc TEXT,
            data TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE story_members (
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            score REAL NOT NULL,
            PRIMARY KEY (doc_id)
        )""",
        "CREATE INDEX story_members_story ON story_members (story_id)",
        """CREATE TABLE watched_files (
            path TEXT PRIMARY KEY,
            mtime_ns INTEGER NOT NULL,
            size INTEGER NOT NULL,
            documents INTEGER NOT NULL,
            seen_at TEXT NOT NULL
        )""",
    )),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]
