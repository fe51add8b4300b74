"""Batch runs: local and Ray give identical tables; failures are rows; reruns resume; load counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.batch.engine import read_table, run_batch
from rasid.batch.tables import TABLES

HERE = Path(__file__).resolve().parent
FACTORY = "test_batch_helpers:failing_pipeline"
N_REAL = 48


def _write_corpus(folder: Path, shared: Path) -> Path:
    lines = (shared / "data/news/saudinewsnet/articles.jsonl").read_text(encoding="utf-8").split("\n")[:N_REAL]
    records = [json.loads(line) for line in lines]
    base = dict(records[0])
    records.append({**base, "id": "planted-stage", "text": base["text"] + "\nXFAILMARKX"})
    records.append({"id": "no-text", "title": "empty", "text": "   "})
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records[:30]) + "\n",
                                    encoding="utf-8")
    (folder / "b.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records[30:]) + "\n",
                                    encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, shared_dir):
    root = tmp_path_factory.mktemp("batch")
    corpus = _write_corpus(root / "in", shared_dir)
    out = root / "local"
    manifest = run_batch(str(corpus), str(out), engine="local", workers=1, chunk_size=16, factory=FACTORY)
    return corpus, out, manifest


def test_local_tables_counts_and_failures(local_run):
    _, out, manifest = local_run
    assert manifest["records"] == N_REAL + 2
    assert manifest["counts"]["documents"] == N_REAL + 1
    failures = read_table(str(out), "failures").to_pylist()
    assert [(f["scope"], f["stage"], f["code"], f["message"]) for f in failures] == [
        ("input", "input", "E100", "record has no non-empty string field 'text'"),
        ("stage", "boom@1", "E201", "RuntimeError: planted failure"),
    ]
    import pyarrow.parquet as pq

    for part in (out / "documents").iterdir():  # each part sorted by doc id
        ids = pq.read_table(part).column("doc_id").to_pylist()
        assert ids == sorted(ids)
    docs = read_table(str(out), "documents")
    ents = read_table(str(out), "entities").to_pylist()
    texts = {r["doc_id"]: r["text"] for r in docs.to_pylist()}
    assert ents and all(0 <= e["start"] < e["end"] <= len(texts[e["doc_id"]]) for e in ents)
    assert sorted(manifest["chunks"]) == sorted(p.name[5:-8] for p in (out / "documents").iterdir())


def test_rerun_skips_written_chunks(local_run):
    corpus, out, _ = local_run
    again = run_batch(str(corpus), str(out), engine="local", workers=1, chunk_size=16, factory=FACTORY)
    assert again["skipped_records"] == N_REAL + 2
    assert again["timing"]["analysed"] == 0
    assert again["counts"]["documents"] == N_REAL + 1


def test_load_into_store(local_run, tmp_path):
    from rasid.batch import load_output
    from rasid.store import Store

    _, out, manifest = local_run
    with Store(tmp_path / "k.db") as store:
        summary = load_output(str(out), store)
        assert (summary.stored, summary.failures) == (N_REAL + 1, 1)
        assert store.count() == N_REAL + 1
        stored = {f["stage"] for f in store.failures()}
        assert stored == {"input", "boom@1"}
        doc_id = read_table(str(out), "documents").column("doc_id")[0].as_py()
        doc = store.get_document(doc_id)
        n_ent = sum(1 for r in read_table(str(out), "entities").to_pylist() if r["doc_id"] == doc_id)
        assert len(doc.spans("entities")) == n_ent
        again = load_output(str(out), store)
        assert again.present == N_REAL + 1 and store.count() == N_REAL + 1


def test_ray_matches_local(local_run, tmp_path):
    ray = pytest.importorskip("ray")
    corpus, out, _ = local_run
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(HERE)}})
    try:
        ray_out = tmp_path / "ray"
        manifest = run_batch(str(corpus), str(ray_out), engine="ray", workers=2, chunk_size=16, factory=FACTORY)
    finally:
        ray.shutdown()
    assert manifest["engine"] == "ray"
    for table in TABLES:
        local_table = read_table(str(out), table)
        ray_table = read_table(str(ray_out), table)
        if not ray_table.equals(local_table):
            a, b = local_table.to_pylist(), ray_table.to_pylist()
            first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            x, y = (a[first] if first < len(a) else {}), (b[first] if first < len(b) else {})
            cols = {k: (str(x.get(k))[:400], str(y.get(k))[:400]) for k in set(x) | set(y) if x.get(k) != y.get(k)}
            raise AssertionError(f"{table}: {len(a)} local rows, {len(b)} ray rows; row {first} differs: {cols}")
    for part in sorted((out / "entities").iterdir()):
        assert (ray_out / "entities" / part.name).read_bytes() == part.read_bytes()
