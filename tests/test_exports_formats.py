"""Exports: GKG 2.1-style fields with offsets into the original text, Parquet tables, JSON Lines."""

from __future__ import annotations

import io
import json

from rasid.doc import Document, Span
from rasid.exports import write_export
from rasid.exports.gkg import COLUMNS

TEXT = "قال الرئيس ماكرون في باريس يوم 2024-03-05 إن فرنسا ستقدم 3 مليارات يورو لشركة توتال."


def _doc() -> Document:
    doc = Document(text=TEXT, meta={"published": "2024-03-06", "source": "wam", "url": "https://x.test/a"})
    def at(s: str) -> tuple[int, int]:
        i = TEXT.index(s)
        return i, i + len(s)
    ents = [("ماكرون", "per:macron", "PER"), ("باريس", "loc:2988507", "GPE"), ("فرنسا", "gpe:fr", "GPE"),
            ("توتال", "org:total", "ORG")]
    doc.add("entities", [Span(*at(s), "entity", {"id": i, "type": t}) for s, i, t in ents])
    doc.objects["entities"] = {
        "per:macron": {"id": "per:macron", "type": "PER", "name": "ماكرون", "name_en": "Emmanuel Macron"},
        "loc:2988507": {"id": "loc:2988507", "type": "GPE", "name": "باريس", "name_en": "Paris",
                        "country": "gpe:fr"},
        "gpe:fr": {"id": "gpe:fr", "type": "GPE", "name": "فرنسا", "name_en": "France", "iso2": "FR"},
        "org:total": {"id": "org:total", "type": "ORG", "name": "توتال", "name_en": None},
    }
    q0 = TEXT.index("فرنسا")
    doc.add("quotes", [Span(q0, len(TEXT) - 1, "quote", {"kind": "indirect", "speaker": "per:macron",
                                                         "cue": {"start": 0, "end": 3}})])
    doc.add("amounts", [Span(*at("3 مليارات يورو"), "amount", {"value": 3e9, "unit": "EUR"})])
    doc.add("dates", [Span(*at("2024-03-05"), "date", {"value": "2024-03-05", "relative": False})])
    return doc


def test_gkg_record_fields():
    out = io.StringIO()
    assert write_export("gkg", [_doc()], out) == 1
    fields = out.getvalue().rstrip("\n").split("\t")
    assert len(fields) == len(COLUMNS) == 28
    row = dict(zip(COLUMNS, fields, strict=True))
    off = {s: TEXT.index(s) for s in ("ماكرون", "باريس", "فرنسا", "توتال", "3 مليارات", "2024-03-05")}
    assert row["GKGRECORDID"] == "20240306000000-1"
    assert row["V2.1DATE"] == "20240306000000"
    assert row["V2SOURCECOMMONNAME"] == "wam"
    assert row["V2DOCUMENTIDENTIFIER"] == "https://x.test/a"
    assert row["V1PERSONS"] == "Emmanuel Macron"
    assert row["V2ENHANCEDPERSONS"] == f"Emmanuel Macron,{off['ماكرون']}"
    assert row["V2ENHANCEDORGANIZATIONS"] == f"توتال,{off['توتال']}"
    assert row["V2ENHANCEDLOCATIONS"] == f"4#Paris#FR#####2988507#{off['باريس']};1#France#FR#####FR#{off['فرنسا']}"
    assert row["V1LOCATIONS"] == "4#Paris#FR####2988507;1#France#FR####FR"
    assert row["V2.1AMOUNTS"] == f"3e+09,EUR,{off['3 مليارات']}"
    assert row["V2.1ENHANCEDDATES"] == f"4#3#5#2024#{off['2024-03-05']}"
    q0 = off["فرنسا"]
    assert row["V2.1QUOTATIONS"] == f"{q0}|{len(TEXT) - 1 - q0}|قال|{TEXT[q0:len(TEXT) - 1]}"
    assert row["RASIDQUOTESPEAKERS"] == f"{q0}|{len(TEXT) - 1 - q0}|per:macron"
    assert row["V1THEMES"] == "" and row["V1.5TONE"] == ""


def test_parquet_and_jsonl(tmp_path):
    from rasid.batch.engine import read_table
    from rasid.batch.tables import documents_from_tables

    doc = _doc()
    assert write_export("parquet", [doc], str(tmp_path / "pq")) == 1
    tables = {t: read_table(str(tmp_path / "pq"), t) for t in ("documents", "entities", "quotes", "amounts",
                                                              "dates")}
    assert tables["entities"].column("entity_id").to_pylist() == ["per:macron", "loc:2988507", "gpe:fr",
                                                                  "org:total"]
    assert tables["amounts"].column("value").to_pylist() == [3e9]
    (back,) = documents_from_tables(tables)
    assert back.to_dict() == doc.to_dict()
    out = io.StringIO()
    write_export("jsonl", [doc], out)
    assert json.loads(out.getvalue()) == doc.to_dict()
