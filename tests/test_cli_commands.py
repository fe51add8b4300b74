"""rasid analyze / ingest / show / export / demo through rasid.cli.main, with a small fake pipeline."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import rasid.pipeline
from rasid.cli import main
from rasid.doc import Document, Span
from rasid.store import Store

ARTICLE = "قال وزير الخارجية سامح شكري إن القاهرة تدعم الاتفاق."


class FakePipeline:
    """Marks every occurrence of two names as entities and 'قال' as a date, enough to exercise output."""

    names = {"سامح شكري": ("per:shoukry", "PER", "Sameh Shoukry"), "القاهرة": ("loc:cairo", "LOC", "Cairo")}

    def run_doc(self, doc: Document) -> Document:
        table = {}
        for surface, (eid, etype, name_en) in self.names.items():
            start = doc.text.find(surface)
            while start >= 0:
                doc.add("entities", [Span(start, start + len(surface), etype, {"id": eid, "type": etype}, "fake@1")])
                table[eid] = {"id": eid, "type": etype, "name": surface, "name_en": name_en}
                start = doc.text.find(surface, start + 1)
        if table:
            doc.objects["entities"] = table
        cue = doc.text.find("قال")
        if cue >= 0:
            doc.add("quotes", [Span(cue, len(doc.text.rstrip()), "quote",
                                    {"kind": "indirect", "speaker": "per:shoukry", "cue": None}, "fake@1")])
        return doc


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    fake = FakePipeline()
    monkeypatch.setattr(rasid.pipeline, "default_pipeline", lambda: fake)
    return fake


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two good articles and four bad inputs."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_bytes(("وأضاف أن القاهرة ترحب بالاتفاق بين الطرفين.").encode("cp1256"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "feed.jsonl").write_text('{"text": "' + ARTICLE + ' مجددا"}\n{broken\n', encoding="utf-8")
    (folder / "page.html").write_text("<html><script>x()</script><!-- c --></html>", encoding="utf-8")
    return folder


def _expected_warnings(folder: Path) -> list[str]:
    return [
        f"rasid: warning: {folder / 'empty.txt'}: E101 empty file",
        f"rasid: warning: {folder / 'feed.jsonl'}:2: E106 broken JSON line "
        "(Expecting property name enclosed in double quotes at column 2)",
        f"rasid: warning: {folder / 'image.txt'}: E102 binary file (PNG image), not text",
        f"rasid: warning: {folder / 'page.html'}: E105 HTML holds no readable text (only scripts, styles or "
        "comments, or nested too deep to parse)",
    ]


def test_analyze_prints_json_lines_and_exits_1_on_bad_inputs(corpus: Path, capsys) -> None:
    assert main(["analyze", str(corpus), "--json", "--published", "2024-02-03"]) == 1
    out, err = capsys.readouterr()
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["text"] for d in docs] == [ARTICLE, "وأضاف أن القاهرة ترحب بالاتفاق بين الطرفين.",
                                         ARTICLE + " مجددا"]
    assert all(d["published"] == "2024-02-03" for d in docs)
    assert docs[0]["entities"] == [
        {"id": "per:shoukry", "type": "PER", "name": "سامح شكري", "name_en": "Sameh Shoukry",
         "mentions": [{"start": 18, "end": 27}]},
        {"id": "loc:cairo", "type": "LOC", "name": "القاهرة", "name_en": "Cairo",
         "mentions": [{"start": 31, "end": 38}]},
    ]
    for d in docs:  # the offset invariant, through the JSON
        for ent in d["entities"]:
            for m in ent["mentions"]:
                assert d["text"][m["start"]:m["end"]] == ent["name"]
    assert err.splitlines() == _expected_warnings(corpus)


def test_analyze_all_good_exits_0_and_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    assert main(["analyze", "-", "--json", "--source", "pipe"]) == 0
    out, err = capsys.readouterr()
    [doc] = [json.loads(line) for line in out.splitlines()]
    assert doc["text"] == ARTICLE and doc["source"] == "pipe" and err == ""


def test_ingest_stores_reports_and_is_idempotent(corpus: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "r.db"
    assert main(["ingest", str(corpus), "--db", str(db), "--no-progress"]) == 1
    _, err = capsys.readouterr()
    assert err.splitlines() == _expected_warnings(corpus) + ["3 stored, 0 already present, 4 failed"]
    assert main(["ingest", str(corpus), "--db", str(db), "--no-progress"]) == 1
    _, err = capsys.readouterr()
    assert err.splitlines()[-1] == "0 stored, 3 already present, 4 failed"
    with Store(db) as store:
        assert store.count() == 3
        assert len(store.failures()) == 8  # every attempt's failures are kept
        assert {f["code"] for f in store.failures()} == {"E101", "E102", "E105", "E106"}
    assert main(["ingest", str(corpus / "a.txt"), "--db", str(db), "--no-progress"]) == 0


def test_ingest_two_thousand_files_in_batches(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"{i:04d}.txt").write_text(f"{ARTICLE} رقم {i}", encoding="utf-8")
    (folder / "0500.txt").unlink()
    (folder / "0500.txt").write_bytes(b"PK\x03\x04zip")
    db = tmp_path / "many.db"
    assert main(["ingest", str(folder), "--db", str(db), "--no-progress", "--batch-size", "50"]) == 1
    _, err = capsys.readouterr()
    assert err.splitlines() == [
        f"rasid: warning: {folder / '0500.txt'}: E102 binary file (ZIP archive (or docx/xlsx)), not text",
        "1999 stored, 0 already present, 1 failed"]
    with Store(db) as store:
        assert store.count() == 1999
        assert store.conn.execute("SELECT COUNT(*) FROM entity_mentions").fetchone()[0] == 2 * 1999


def test_show_marks_annotations(corpus: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.db"
    main(["ingest", str(corpus / "a.txt"), "--db", str(db), "--no-progress", "--published", "2024-02-03"])
    capsys.readouterr()
    doc_id = Document(ARTICLE).id
    assert main(["show", doc_id[:7], "--db", str(db)]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        f"{doc_id}  2024-02-03  -",
        "(untitled)",
        "-" * 60,
        "[قال وزير الخارجية [سامح شكري]{PER:per:shoukry} إن [القاهرة]{LOC:loc:cairo} تدعم الاتفاق.]"
        "{quote سامح شكري (Sameh Shoukry)}",
        "-" * 60,
        "Entities",
        "  القاهرة (Cairo) [LOC] ×1",  # ties: by id
        "  سامح شكري (Sameh Shoukry) [PER] ×1",
        "Quotes",
        f"  سامح شكري (Sameh Shoukry) [indirect]: «{ARTICLE}»",
    ]
    assert main(["show", doc_id, "--db", str(db), "--color", "always"]) == 0
    out, _ = capsys.readouterr()
    assert "\x1b[0m\x1b[35;36m[سامح شكري]{PER:per:shoukry}\x1b[0m\x1b[35m إن" in out


def test_show_unknown_id_and_missing_db_exit_2(tmp_path: Path, corpus: Path, capsys) -> None:
    assert main(["show", "abc", "--db", str(tmp_path / "none.db")]) == 2
    _, err = capsys.readouterr()
    assert err == (f"rasid: error: {tmp_path / 'none.db'}: E400 no database here; "
                   "run `rasid ingest PATH --db FILE` first\n")
    db = tmp_path / "x.db"
    main(["ingest", str(corpus / "a.txt"), "--db", str(db), "--no-progress"])
    capsys.readouterr()
    assert main(["show", "ffff", "--db", str(db)]) == 2
    assert capsys.readouterr().err == f"rasid: error: {db}: E400 no document with id 'ffff'\n"


def test_export_jsonl_round_trips(corpus: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "e.db"
    main(["analyze", str(corpus), "--json"])
    analysed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    main(["ingest", str(corpus), "--db", str(db), "--no-progress"])
    capsys.readouterr()
    out_file = tmp_path / "out.jsonl"
    assert main(["export", "--format", "jsonl", "--db", str(db), "-o", str(out_file)]) == 0
    assert capsys.readouterr().err == f"3 documents written to {out_file}\n"
    exported = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert sorted(exported, key=lambda d: d["id"]) == sorted(analysed, key=lambda d: d["id"])


def test_demo_ingests_sample_and_prints_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys) -> None:
    import rasid.commands.demo as demo

    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (sample / "two.txt").write_text("وأضاف سامح شكري أن القاهرة ترحب.", encoding="utf-8")
    (sample / "meta.json").write_text(json.dumps({
        "one.txt": {"title": "الخبر الأول", "published": "2024-02-03", "source": "wire"},
        "two.txt": {"title": "الخبر الثاني", "published": "2024-02-04", "source": "wire"}}), encoding="utf-8")
    monkeypatch.setattr(demo, "sample_corpus", lambda: sample)
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--no-progress"]) == 0
    out, err = capsys.readouterr()
    one, two = Document(ARTICLE).id[:8], Document("وأضاف سامح شكري أن القاهرة ترحب.").id[:8]
    assert out.splitlines()[:9] == [
        "rasid report — 2 documents",
        "",
        "Documents",
        f"   1. 2024-02-03  wire           الخبر الأول  [{one}, 52 chars]",
        f"   2. 2024-02-04  wire           الخبر الثاني  [{two}, 32 chars]",
        "",
        "Top entities (2 distinct)",
        "     2 mentions in 2 docs  القاهرة (Cairo) [LOC]",
        "     2 mentions in 2 docs  سامح شكري (Sameh Shoukry) [PER]",
    ]
    assert "Quotes (1)" in out and "(not analysed by this pipeline: amounts, dates, events, stances)" in out
    assert err == f"2 stored, 0 already present, 0 failed; stored in {db}. Look closer with: rasid show ID --db {db}\n"
    assert main(["demo", "--db", str(db), "--no-progress"]) == 0  # a second run reads what is stored
    assert capsys.readouterr().out == out
