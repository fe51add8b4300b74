"""``rasid entities``: list, search and show over a small store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.cli import main
from rasid.doc import Document, Span

RUTTE = {"id": "per:mark_rutte", "type": "PER", "name": "مارك روته", "name_en": "Mark Rutte",
         "roles": [{"title_en": "Secretary General of NATO", "start": "2024-10-01", "end": None}]}


def make_db(path: Path) -> None:
    from rasid.store.sqlite import Store

    docs = []
    for text in ("قال مارك روتي إن روتي يرى", "أكد روته في كييف", "قال روت"):
        doc = Document(text, meta={"published": "2025-01-01"})
        spans = []
        for surface in ("مارك روتي", "روتي", "روته", "روت"):
            start = text.find(surface)
            if start >= 0 and not any(s.start <= start < s.end for s in spans):
                spans.append(Span(start, start + len(surface), "entity", {"id": "per:mark_rutte", "type": "PER"}))
        if "كييف" in text:
            start = text.find("كييف")
            spans.append(Span(start, start + 4, "entity", {"id": "loc:703448", "type": "GPE"}))
        for s in spans:
            assert text[s.start:s.end] in ("مارك روتي", "روتي", "روته", "روت", "كييف")
        doc.add("entities", spans)
        doc.objects["entities"] = {"per:mark_rutte": RUTTE,
                                   "loc:703448": {"id": "loc:703448", "type": "GPE", "name": "كييف", "name_en": "Kyiv"}}
        docs.append(doc)
    with Store(path) as store:
        store.write_documents(docs)


def test_list_search_show(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASID_OVERLAY", raising=False)
    db = tmp_path / "t.db"
    make_db(db)
    assert main(["entities", "--db", str(db), "--json", "list"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["mentions"], r["documents"]) for r in rows] == [("per:mark_rutte", 3, 3), ("loc:703448", 1, 1)]
    assert main(["entities", "--db", str(db), "--json", "search", "Rutte"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["per:mark_rutte"]
    assert main(["entities", "--db", str(db), "show", "per:mark_rutte"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "per:mark_rutte  PER  مارك روته (Mark Rutte)"
    assert "seen as: روت ×1, روته ×1, مارك روتي ×1" in out
    assert "Secretary General of NATO (2024-10-01 – now)" in out
    assert main(["entities", "--db", str(db), "show", "per:nobody"]) == 2
