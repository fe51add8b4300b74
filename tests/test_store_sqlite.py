"""The SQLite store: migrations, round trips, idempotency, atomic batches, resume, clear errors."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from rasid.doc import Document, Span
from rasid.errors import StoreError
from rasid.pipeline import make_document
from rasid.store import SCHEMA_VERSION, Store

TEXT = "قال وزير الخارجية المصري سامح شكري إن القاهرة تدعم الاتفاق."


def annotated(text: str = TEXT, **meta: str) -> Document:
    """A document with entity mentions, a quote with a nested attr and a private attr."""
    doc = make_document(text, **meta)
    for surface, eid, etype in (("سامح شكري", "per:shoukry", "PER"), ("القاهرة", "loc:cairo", "LOC")):
        i = text.find(surface)
        if i >= 0:
            doc.add("entities", [Span(i, i + len(surface), etype, {"id": eid, "type": etype}, "fake@1")])
    doc.objects["entities"] = {
        "per:shoukry": {"id": "per:shoukry", "type": "PER", "name": "سامح شكري", "name_en": "Sameh Shoukry",
                        "role": "minister"},
        "loc:cairo": {"id": "loc:cairo", "type": "LOC", "name": "القاهرة", "name_en": "Cairo"},
    }
    doc.add("quotes", [Span(0, len(text), "quote", {"kind": "indirect", "speaker": "per:shoukry",
                                                     "cue": {"start": 0, "end": 3}, "_score": 0.5}, "q@1")])
    return doc


def test_migrations_from_an_empty_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.journal_mode == "wal"
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"schema_version", "documents", "annotations", "entities", "entity_mentions", "failures"} <= tables
    with Store(db) as store:  # reopening runs no migration twice
        assert store.conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_round_trip_rebuilds_layers_and_objects(tmp_path: Path) -> None:
    doc = annotated(title="t", published="2024-01-02", source="s", url="u", path="a.txt")
    doc.meta["extra"] = {"lang": "ar"}
    with Store(tmp_path / "r.db") as store:
        result = store.write_documents([doc])
        assert result.stored == [doc.id] and result.present == []
        back = store.get_document(doc.id)
        mentions = store.conn.execute(
            'SELECT entity_id, start, "end" FROM entity_mentions ORDER BY start').fetchall()
        entities = store.conn.execute("SELECT id, type, name, name_en, data FROM entities ORDER BY id").fetchall()
    assert back.text == doc.text and back.id == doc.id
    assert back.meta == doc.meta
    assert back.layers == doc.layers
    assert back.objects == doc.objects
    assert back.to_dict() == doc.to_dict()
    back.check_offsets()
    for s in back.spans("entities"):
        assert back.text[s.start:s.end] in ("سامح شكري", "القاهرة")
    assert mentions == [("per:shoukry", 25, 34), ("loc:cairo", 38, 45)]
    assert [TEXT[a:b] for _, a, b in mentions] == ["سامح شكري", "القاهرة"]
    assert entities == [("loc:cairo", "LOC", "القاهرة", "Cairo", "{}"),
                        ("per:shoukry", "PER", "سامح شكري", "Sameh Shoukry", '{"role": "minister"}')]


def test_writing_twice_is_idempotent(tmp_path: Path) -> None:
    docs = [annotated(), annotated(TEXT + " وأضاف."), annotated()]  # the third repeats the first's text
    with Store(tmp_path / "i.db") as store:
        first = store.write_documents(docs)
        second = store.write_documents(docs)
        assert (len(first.stored), len(first.present)) == (2, 1)
        assert (len(second.stored), len(second.present)) == (0, 3)
        assert store.count() == 2
        assert store.conn.execute("SELECT COUNT(*) FROM entity_mentions").fetchone()[0] == 4


def test_a_failure_inside_a_batch_leaves_no_half_document(tmp_path: Path) -> None:
    good = annotated()
    bad = annotated(TEXT + " ثم غادر.")
    bad.layers["quotes"] = [Span(0, 3, "quote", {"speaker": object.__new__(_Unserialisable)}, "q@1")]
    with Store(tmp_path / "a.db") as store:
        with pytest.raises(RuntimeError):
            store.write_documents([good, bad])
        assert store.count() == 0
        for table in ("annotations", "entities", "entity_mentions", "failures"):
            assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
        store.write_documents([good])
        assert store.count() == 1


class _Unserialisable:
    def __str__(self) -> str:
        raise RuntimeError("cannot serialise this attribute")


def test_resume_after_interruption(tmp_path: Path) -> None:
    docs = [annotated(f"{TEXT} رقم {i}") for i in range(10)]
    db = tmp_path / "resume.db"
    with Store(db) as store:
        store.write_documents(docs[:4])  # then the process "dies"
    with Store(db) as store:
        result = store.write_documents(docs)
        assert len(result.stored) == 6 and len(result.present) == 4
        assert store.count() == 10
        assert sorted(store.ids()) == sorted(d.id for d in docs)
        assert [d.id for d in store.iter_documents(batch=3)] == store.ids()


def test_failures_and_stage_failures_are_recorded(tmp_path: Path) -> None:
    doc = annotated()
    doc.meta["failures"] = [{"stage": "quotes@1", "code": "E201", "message": "ValueError: x"}]
    doc.meta["path"] = "in/a.txt"
    with Store(tmp_path / "f.db") as store:
        store.record_failure("in/b.png", "E102", "binary file (PNG image), not text")
        store.write_documents([doc])
        rows = [{k: v for k, v in f.items() if k != "at"} for f in store.failures()]
    assert rows == [
        {"path": "in/b.png", "doc_id": None, "stage": None, "code": "E102",
         "message": "binary file (PNG image), not text"},
        {"path": "in/a.txt", "doc_id": doc.id, "stage": "quotes@1", "code": "E201", "message": "ValueError: x"},
    ]


def test_resolve_id_prefix_and_missing(tmp_path: Path) -> None:
    doc = annotated()
    with Store(tmp_path / "p.db") as store:
        store.write_documents([doc])
        assert store.resolve_id(doc.id[:6]) == doc.id
        with pytest.raises(StoreError) as info:
            store.get_document("0" * 16)
    assert info.value.one_line() == f"{tmp_path / 'p.db'}: E400 no document with id '0000000000000000'"


def test_missing_database_is_not_created_for_readers(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "none.db", create=False)
    assert "run `rasid ingest PATH --db FILE` first" in info.value.one_line()
    assert not (tmp_path / "none.db").exists()


def test_locked_database_is_one_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Store(db).close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Store(db, timeout=0.05) as store, pytest.raises(StoreError) as info:
            store.write_documents([annotated()])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert info.value.one_line() == (f"{db}: E400 database is locked by another process; "
                                     "wait for it to finish or close it, then retry")


def test_disk_full_is_one_clear_error(tmp_path: Path) -> None:
    with Store(tmp_path / "full.db") as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 1}")
        big = annotated(TEXT * 2000)
        with pytest.raises(StoreError) as info:
            store.write_documents([big])
        assert store.count() == 0
    assert info.value.one_line().endswith("E400 database or disk is full; free space or choose another --db")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_database_is_one_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    Store(db).close()
    for name in os.listdir(tmp_path):
        os.chmod(tmp_path / name, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        with pytest.raises(StoreError) as info:
            with Store(db) as store:
                store.write_documents([annotated()])
    finally:
        os.chmod(tmp_path, 0o755)
    assert "read-only" in info.value.one_line() or "cannot open" in info.value.one_line()


def test_read_only_uri_is_one_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "ro2.db"
    Store(db).close()
    store = Store(db)
    store.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError) as info:
        store.write_documents([annotated()])
    store.close()
    assert info.value.one_line() == (f"{db}: E400 database is read-only; check the file's permissions "
                                     "or choose another --db")
