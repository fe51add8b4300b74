"""The full-text index: one FTS5 row per sentence (and one per title) of folded stem keys.

``search_units`` holds, for each indexed unit, its document, its field (``text`` or ``title``),
its original range and a packed offset map: the original ``(start, end)`` of every key, in the
order the keys appear in ``sentences_fts``.  A highlight is found on the keys and mapped back
through that map, so it always points into the original, unchanged text.

Documents are indexed by :func:`sync_index`, which indexes every stored document the index
lacks (documents are immutable in the store: keyed by content hash, never updated).  It is
cheap when nothing is missing, so ``rasid search`` and ``rasid serve`` call it before reading.
Boilerplate and duplicated sentences are not indexed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rasid.arabic.sentences import split_sentences
from rasid.search.keys import keyed_words

NOISE_LAYERS = ("boilerplate", "duplicates")


@dataclass(frozen=True, slots=True)
class Unit:
    """One indexed piece: a sentence of the text or the title, with its keys and their offsets."""

    field: str  # "text" | "title"
    start: int
    end: int
    keys: list[tuple[int, int, str]]


def pack_offsets(keys: Iterable[tuple[int, int, str]]) -> bytes:
    flat = array("I")
    for a, b, _ in keys:
        flat.append(a)
        flat.append(b)
    return flat.tobytes()


def unpack_offsets(blob: bytes) -> list[tuple[int, int]]:
    flat = array("I")
    flat.frombytes(blob)
    return list(zip(flat[0::2], flat[1::2], strict=True))


def document_units(text: str, title: str | None, sentences: list[tuple[int, int]] | None,
                   noise: list[tuple[int, int]]) -> list[Unit]:
    """The units of one document: its title, then every sentence that is not noise."""
    units: list[Unit] = []
    if title:
        keys = keyed_words(title)
        if keys:
            units.append(Unit("title", 0, len(title), keys))
    if sentences is None:
        sentences = split_sentences(text)
    for a, b in sentences:
        if any(na <= a and b <= nb for na, nb in noise):
            continue
        keys = keyed_words(text, a, b)
        if keys:
            units.append(Unit("text", a, b, keys))
    return units


def write_units(conn: sqlite3.Connection, doc_id: str, units: list[Unit]) -> None:
    """Insert one document's units (the caller holds the transaction)."""
    for u in units:
        cur = conn.execute('INSERT INTO search_units (doc_id, field, start, "end", offsets) VALUES (?, ?, ?, ?, ?)',
                           (doc_id, u.field, u.start, u.end, pack_offsets(u.keys)))
        joined = " ".join(k for _, _, k in u.keys)
        title_keys, body_keys = (joined, "") if u.field == "title" else ("", joined)
        conn.execute("INSERT INTO sentences_fts (rowid, title, body) VALUES (?, ?, ?)",
                     (cur.lastrowid, title_keys, body_keys))
    conn.execute("INSERT OR REPLACE INTO search_indexed (doc_id, units, indexed_at) VALUES (?, ?, ?)",
                 (doc_id, len(units), dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))


def _layer_ranges(conn: sqlite3.Connection, doc_id: str, layers: tuple[str, ...]) -> list[tuple[int, int]]:
    marks = ",".join("?" for _ in layers)
    rows = conn.execute(f'SELECT start, "end" FROM annotations WHERE doc_id = ? AND layer IN ({marks}) '
                        "ORDER BY start", (doc_id, *layers)).fetchall()
    return [(int(a), int(b)) for a, b in rows]


def missing_ids(conn: sqlite3.Connection) -> list[str]:
    """Stored documents the index lacks."""
    rows = conn.execute("SELECT d.id FROM documents d LEFT JOIN search_indexed s ON s.doc_id = d.id "
                        "WHERE s.doc_id IS NULL ORDER BY d.rowid").fetchall()
    return [r[0] for r in rows]


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def sync_index(conn: sqlite3.Connection, *, batch_size: int = 200) -> int:
    """Index every stored document the index lacks; returns how many were indexed."""
    todo = missing_ids(conn)
    done = 0
    for batch in _batches(todo, batch_size):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for doc_id in batch:
                row = conn.execute("SELECT title, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
                if row is None or conn.execute("SELECT 1 FROM search_indexed WHERE doc_id = ?",
                                               (doc_id,)).fetchone():
                    continue
                title, text = row
                sentences = _layer_ranges(conn, doc_id, ("sentences",)) or None
                noise = _layer_ranges(conn, doc_id, NOISE_LAYERS)
                write_units(conn, doc_id, document_units(text, title, sentences, noise))
                done += 1
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return done


def index_stats(conn: sqlite3.Connection) -> dict[str, int]:
    docs = conn.execute("SELECT COUNT(*), COALESCE(SUM(units), 0) FROM search_indexed").fetchone()
    return {"documents": int(docs[0]), "units": int(docs[1])}
