"""Batch inputs: Parquet and JSONL shards, RSS dates, --limit, resumption after a larger limit, CLI."""

from __future__ import annotations

import json

import pytest

from rasid.batch.engine import read_table, run_batch
from rasid.batch.inputs import list_shards, record_to_document

FACTORY = "test_batch_helpers:light_pipeline"
RECORDS = [{"id": f"r{i}", "title": f"t{i}", "text": f"هذا خبر رقم {i}. وفيه جملة ثانية.",
            "date": "Wed, 28 Feb 2018 11:34:31 +0400"} for i in range(7)]


def test_record_to_document_fields():
    doc = record_to_document({"id": "x1", "text": "نص", "title": "ع", "date": "2015-07-21 02:51:38",
                              "source": "sabq"})
    assert doc.meta == {"title": "ع", "source": "sabq", "published": "2015-07-21", "input_id": "x1"}
    assert record_to_document(RECORDS[0]).meta["published"] == "2018-02-28"


def test_parquet_and_jsonl_shards_limit_and_resume(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    folder = tmp_path / "in"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(RECORDS[:4]), folder / "a.parquet")
    (folder / "b.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS[4:]) + "\n",
                                    encoding="utf-8")
    assert [p.rsplit("/", 1)[1] for p in list_shards(str(folder))] == ["a.parquet", "b.jsonl"]
    out = tmp_path / "out"
    first = run_batch(str(folder), str(out), limit=5, chunk_size=3, factory=FACTORY)
    assert (first["records"], first["counts"]["documents"], first["counts"]["sentences"]) == (5, 5, 10)
    second = run_batch(str(folder), str(out), chunk_size=3, factory=FACTORY)
    # chunks a#0 (3) and a#3 (1) were complete; b#0 grew from 1 to 3 records and is redone
    assert (second["records"], second["skipped_records"], second["timing"]["analysed"]) == (7, 4, 3)
    ids = read_table(str(out), "documents").column("input_id").to_pylist()
    assert sorted(ids) == [f"r{i}" for i in range(7)]


def test_cli_batch_and_load(tmp_path, capsys):
    from rasid.cli import main

    shard = tmp_path / "s.jsonl"
    shard.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS[:2]) + "\n{broken\n",
                     encoding="utf-8")
    # the CLI runs the default pipeline; keep it tiny: two short records and one broken line
    assert main(["batch", str(shard), str(tmp_path / "o"), "--no-progress"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert (summary["counts"]["documents"], summary["counts"]["failures"]) == (2, 1)
    assert main(["load", str(tmp_path / "o"), "--db", str(tmp_path / "k.db")]) == 0
    assert "2 stored, 0 already present, 1 failures recorded" in capsys.readouterr().err
