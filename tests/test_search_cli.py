"""`rasid search` over a store: plain output marks highlights, --json gives offsets, filters apply."""

from __future__ import annotations

import json

from rasid.cli import main
from rasid.doc import Document
from rasid.store import Store

TEXT = "أكد الأمين العام لحلف شمال الأطلسي دعم أوكرانيا."


def test_search_command(tmp_path, capsys) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.write_documents([Document(TEXT, meta={"source": "x", "published": "2024-05-01"})])
    assert main(["search", "حلف", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == "    أكد الأمين العام [لحلف] شمال الأطلسي دعم أوكرانيا."
    assert main(["search", "اوكرانيا", "--db", str(db), "--json", "--source", "x", "--from", "2024-05"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["total"] == 1
    h = got["items"][0]["snippets"][0]["highlights"][0]
    assert TEXT[h["start"]:h["end"]] == "أوكرانيا"
    assert main(["search", "حلف", "--db", str(db), "--to", "2024-04-30"]) == 0
    assert "0 document(s)" in capsys.readouterr().err
    assert main(["search", "حلف", "--db", str(db), "--from", "soon"]) == 2
    assert main(["search", "حلف", "--db", str(tmp_path / "missing.db")]) == 2
