"""The one writer to the SQLite store, and readers that rebuild Documents.

SQLite runs in WAL mode so readers (``rasid show``, the web UI) never block the writer.
Each call of :meth:`Store.write_documents` is ONE transaction: a batch of documents with all
their annotations, entities and failures lands whole or not at all.  Documents are keyed by
content hash, so writing the same text twice stores it once; an interrupted ingest resumes
by writing everything again, skipping what is already there.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.doc import Document, Span
from rasid.errors import StoreError
from rasid.output import jsonable
from rasid.store.migrations import MIGRATIONS

_DOC_COLUMNS = ("source", "title", "url", "published")


@dataclass
class WriteResult:
    """What one ``write_documents`` call did."""

    stored: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=jsonable, sort_keys=False)


def store_error(err: sqlite3.Error, path: str) -> StoreError:
    """One clear line for an sqlite3 error: locked, read-only, disk full, not a database."""
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        msg = "database is locked by another process; wait for it to finish or close it, then retry"
    elif "readonly" in text or "read-only" in text:
        msg = "database is read-only; check the file's permissions or choose another --db"
    elif "disk is full" in text or "disk full" in text or "full" in text:
        msg = "database or disk is full; free space or choose another --db"
    elif "unable to open" in text:
        msg = "cannot open the database file; does its folder exist and is it writable?"
    elif "not a database" in text or "malformed" in text:
        msg = "file is not a rasid database (or is corrupt)"
    else:
        msg = f"database error: {err}"
    return StoreError(msg, path=path)


class Store:
    """An open rasid database: migrated on open, one transaction per written batch."""

    def __init__(self, path: str | Path, *, create: bool = True, timeout: float = 5.0) -> None:
        self.path = str(path)
        if not create and self.path != ":memory:" and not Path(self.path).is_file():
            raise StoreError("no database here; run `rasid ingest PATH --db FILE` first", path=self.path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self.conn.execute("PRAGMA foreign_keys = ON")
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()
            self.journal_mode = str(mode[0]) if mode else ""
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.migrate()
        except sqlite3.Error as err:
            raise store_error(err, self.path) from None

    # -- lifecycle ----------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
        if not row:
            return 0
        found = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(found[0] or 0)

    def migrate(self) -> int:
        """Apply the migrations this database lacks, each in its own transaction."""
        current = self.schema_version()
        for version, statements in MIGRATIONS:
            if version <= current:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self.schema_version() >= version:  # another process migrated meanwhile
                    self.conn.execute("ROLLBACK")
                    continue
                self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                                  "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
                for statement in statements:
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                                  (version, _now()))
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        return self.schema_version()

    def _rollback(self) -> None:
        """Roll back if a transaction is open (SQLite ends some failed ones, disk full for one)."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- writing ------------------------------------------------------------------
    def write_documents(self, docs: Iterable[Document]) -> WriteResult:
        """Store a batch in one transaction; documents already stored (same content) are skipped."""
        result = WriteResult()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for doc in docs:
                    if self._exists(doc.id):
                        result.present.append(doc.id)
                        continue
                    self._insert(doc)
                    result.stored.append(doc.id)
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        except sqlite3.Error as err:
            raise store_error(err, self.path) from None
        return result

    def _exists(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def _insert(self, doc: Document) -> None:
        c = self.conn
        meta = {k: v for k, v in doc.meta.items() if k not in _DOC_COLUMNS}
        c.execute(
            "INSERT INTO documents (id, source, title, url, published, text, meta, objects, layer_names, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.id, *(_text_or_none(doc.meta.get(k)) for k in _DOC_COLUMNS), doc.text, _dumps(meta),
             _dumps(doc.objects), _dumps(list(doc.layers)), _now()),  # layer_names keeps empty layers
        )
        rows = [(doc.id, layer, s.start, s.end, s.label, _dumps(dict(s.attrs)), s.stage)
                for layer, s in doc.iter_all()]
        c.executemany('INSERT INTO annotations (doc_id, layer, start, "end", label, attrs, stage) '
                      "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        table = doc.objects.get("entities", {}) or {}
        mentions = []
        seen: set[str] = set()
        for s in doc.spans("entities"):
            eid = s.attrs.get("id")
            if eid is None:
                continue
            eid = str(eid)
            if eid not in seen:
                seen.add(eid)
                self._upsert_entity(eid, table.get(eid) or {}, s, doc.text)
            mentions.append((doc.id, eid, s.start, s.end))
        c.executemany('INSERT INTO entity_mentions (doc_id, entity_id, start, "end") VALUES (?, ?, ?, ?)',
                      mentions)
        for failure in doc.meta.get("failures", []) or []:
            c.execute("INSERT INTO failures (path, doc_id, stage, code, message, at) VALUES (?, ?, ?, ?, ?, ?)",
                      (doc.meta.get("path"), doc.id, failure.get("stage"), failure.get("code", "E201"),
                       failure.get("message", ""), _now()))

    def _upsert_entity(self, eid: str, info: dict[str, Any], mention: Span, text: str) -> None:
        data = {k: v for k, v in info.items() if k not in ("id", "type", "name", "name_en", "mentions")}
        self.conn.execute(
            "INSERT INTO entities (id, type, name, name_en, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET type = coalesce(entities.type, excluded.type), "
            "name = coalesce(entities.name, excluded.name), "
            "name_en = coalesce(entities.name_en, excluded.name_en)",
            (eid, info.get("type", mention.attrs.get("type")), info.get("name", mention.surface(text)),
             info.get("name_en"), _dumps(data)),
        )

    def record_failure(self, path: str | None, code: str, message: str, *, doc_id: str | None = None,
                       stage: str | None = None) -> None:
        """Keep one input's or stage's failure (its own small transaction)."""
        try:
            self.conn.execute("INSERT INTO failures (path, doc_id, stage, code, message, at) "
                              "VALUES (?, ?, ?, ?, ?, ?)", (path, doc_id, stage, code, message, _now()))
        except sqlite3.Error as err:
            raise store_error(err, self.path) from None

    # -- reading ------------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        try:
            return self._exists(doc_id)
        except sqlite3.Error as err:
            raise store_error(err, self.path) from None

    def count(self) -> int:
        try:
            return int(self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        except sqlite3.Error as err:
            raise store_error(err, self.path) from None

    def ids(self) -> list[str]:
        return [row[0] for row in self._query("SELECT id FROM documents ORDER BY published, id")]

    def resolve_id(self, prefix: str) -> str:
        """The full id for an id or a unique prefix of one (like git's short hashes)."""
        rows = self._query("SELECT id FROM documents WHERE id LIKE ? || '%' ORDER BY id LIMIT 2",
                           (prefix.replace("%", "").replace("_", ""),))
        if not rows:
            raise StoreError(f"no document with id {prefix!r}", path=self.path)
        if len(rows) > 1 and rows[0][0] != prefix:
            raise StoreError(f"id prefix {prefix!r} is ambiguous; give more characters", path=self.path)
        return str(rows[0][0])

    def get_document(self, doc_id: str) -> Document:
        """The stored Document with its layers and objects, as it was written."""
        row = self._query("SELECT id, source, title, url, published, text, meta, objects, layer_names "
                          "FROM documents WHERE id = ?", (doc_id,))
        if not row:
            raise StoreError(f"no document with id {doc_id!r}", path=self.path)
        return self._rebuild(row[0])

    def iter_documents(self, batch: int = 100) -> Iterator[Document]:
        """Every stored Document, by published date then id."""
        for start in range(0, len(ids := self.ids()), batch):
            for doc_id in ids[start:start + batch]:
                yield self.get_document(doc_id)

    def failures(self) -> list[dict[str, Any]]:
        rows = self._query("SELECT path, doc_id, stage, code, message, at FROM failures ORDER BY rowid")
        return [dict(zip(("path", "doc_id", "stage", "code", "message", "at"), r, strict=True)) for r in rows]

    def _rebuild(self, row: tuple[Any, ...]) -> Document:
        doc_id, source, title, url, published, text, meta_json, objects_json, layer_names = row
        meta = json.loads(meta_json)
        for key, value in zip(_DOC_COLUMNS, (source, title, url, published), strict=True):
            if value is not None:
                meta[key] = value
        layers: dict[str, list[Span]] = {name: [] for name in json.loads(layer_names)}
        for layer, start, end, label, attrs, stage in self._query(
                'SELECT layer, start, "end", label, attrs, stage FROM annotations WHERE doc_id = ? '
                "ORDER BY rowid", (doc_id,)):
            parsed = json.loads(attrs) if attrs != "{}" else {}
            layers.setdefault(layer, []).append(Span(start, end, label, parsed, stage))
        return Document(text=text, meta=meta, layers=layers, objects=json.loads(objects_json), id=doc_id)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise store_error(err, self.path) from None


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
