"""SIGKILL during `rasid ingest` loses at most the open batch; the store stays whole; a rerun completes.

Also: a locked database and a full disk reach the user as one error line and exit code 2.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import article, check_whole_documents, integrity, popen_cli, run_cli, write_articles

from rasid.doc import content_id

N_DOCS = 60
SEEDS = (1, 2, 3, 4, 5)


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created or not migrated yet
        return 0


@pytest.mark.slow
def test_sigkill_at_random_points_then_resume(tmp_path: Path, expected_annotations) -> None:
    texts = write_articles(tmp_path / "in", N_DOCS)
    db = tmp_path / "kb.db"
    kills = []
    for seed in SEEDS:
        rng = random.Random(seed)
        before = _stored(db)
        # Kill once the store holds `target` documents plus a random few milliseconds: the child is then
        # inside analysis or inside a batch's transaction.
        target = min(N_DOCS - 1, before + rng.randint(1, 12))
        proc = popen_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--batch-size", "3", "--no-progress")
        deadline = time.monotonic() + 60
        while _stored(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        kills.append((seed, proc.returncode, _stored(db)))
        assert integrity(db) == "ok"
        stored = check_whole_documents(db, expected_annotations)  # no half documents
        assert set(stored.values()) <= set(texts)
    print("kills (seed, returncode, documents stored):", kills)
    assert sum(1 for _, rc, _ in kills if rc == -signal.SIGKILL) >= 4, kills  # they really were killed
    assert 0 < kills[0][2] < N_DOCS, kills
    done = run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--batch-size", "3", "--no-progress")
    assert done.returncode == 0, done.stderr
    present = kills[-1][2]
    assert done.stderr.splitlines() == [f"{N_DOCS - present} stored, {present} already present, 0 failed"]
    assert integrity(db) == "ok"
    stored = check_whole_documents(db, expected_annotations)
    assert stored == {content_id(t): t for t in texts}  # nothing missing, nothing twice
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0] == 0
    conn.close()


def test_sigkill_before_the_first_commit_leaves_an_openable_store(tmp_path: Path, expected_annotations) -> None:
    write_articles(tmp_path / "in", 10)
    db = tmp_path / "kb.db"
    proc = popen_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress")
    deadline = time.monotonic() + 30
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)  # somewhere between creating the file and migrating it
    proc.communicate(timeout=30)
    done = run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress")
    assert done.returncode == 0, done.stderr
    assert integrity(db) == "ok"
    assert len(check_whole_documents(db, expected_annotations)) == 10


def test_locked_database_is_reported_and_nothing_half_written(tmp_path: Path, expected_annotations) -> None:
    write_articles(tmp_path / "in", 4)
    db = tmp_path / "kb.db"
    assert run_cli("ingest", str(tmp_path / "in" / "a_00000.txt"), "--db", str(db), "--no-progress").returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock past rasid's 5 s busy timeout
    try:
        proc = run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"rasid: error: {db}: E400 database is locked by another process; "
                                        "wait for it to finish or close it, then retry"]
    assert len(check_whole_documents(db, expected_annotations)) == 1
    again = run_cli("ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress")
    assert again.stderr.splitlines() == ["3 stored, 1 already present, 0 failed"]


def test_disk_full_is_reported_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys,
                                               expected_annotations) -> None:
    """SQLite's max_page_count gives the same SQLITE_FULL a full disk gives, without filling one."""
    import rasid.store.sqlite as sqlite_store
    from rasid.cli import main

    write_articles(tmp_path / "in", 30)
    db = tmp_path / "kb.db"
    real_init = sqlite_store.Store.__init__

    def small_disk(self, *args, **kwargs) -> None:
        real_init(self, *args, **kwargs)
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages + 12}")

    monkeypatch.setattr(sqlite_store.Store, "__init__", small_disk)
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db), "--batch-size", "5", "--no-progress"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"rasid: error: {db}: E400 database or disk is full; free space or choose another --db"]
    assert integrity(db) == "ok"
    kept = check_whole_documents(db, expected_annotations)
    assert len(kept) % 5 == 0 and len(kept) < 30  # whole batches only
    monkeypatch.setattr(sqlite_store.Store, "__init__", real_init)
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress"]) == 0
    assert len(check_whole_documents(db, expected_annotations)) == 30
    assert article(0) in check_whole_documents(db, expected_annotations).values()
