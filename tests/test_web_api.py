"""The JSON API and pages over a small store built in code: shapes, pagination, errors, safety."""

from __future__ import annotations

import warnings

import pytest

from rasid.doc import Document, Span
from rasid.store import Store

warnings.filterwarnings("ignore", category=DeprecationWarning)
fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from rasid.web.app import create_app  # noqa: E402

NATO_TEXT = "قال الأمين العام لحلف شمال الأطلسي مارك روته إن الدعم مستمر."
XSS_TITLE = "<img src=x onerror=alert(1)>"
XSS_TEXT = 'خبر <script>alert("x")</script> و<a href="javascript:alert(2)">رابط</a> <b onerror=alert(3)>نص</b>'


def _nato_doc() -> Document:
    doc = Document(NATO_TEXT, meta={"source": "test", "title": "اجتماع", "published": "2024-12-03"})
    a = NATO_TEXT.index("مارك روته")
    doc.add("sentences", [Span(0, len(NATO_TEXT), "sentence")])
    doc.add("entities", [Span(a, a + len("مارك روته"), "PER", {"id": "per:mark_rutte", "type": "PER"})])
    doc.objects["entities"] = {"per:mark_rutte": {"id": "per:mark_rutte", "type": "PER", "name": "مارك روته",
                                                  "name_en": "Mark Rutte"}}
    doc.add("quotes", [Span(NATO_TEXT.index("إن"), len(NATO_TEXT), "quote",
                            {"kind": "indirect", "speaker": "per:mark_rutte"})])
    doc.add("stances", [Span(0, 3, "stance", {"actor": "per:mark_rutte", "proposition": "ukraine_nato_membership",
                                              "stance": "support", "date": "2024-12-03"})])
    return doc


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("web") / "web.db"
    docs = [_nato_doc(), Document(XSS_TEXT, meta={"source": "evil", "title": XSS_TITLE,
                                                  "url": "javascript:alert(4)", "published": "2024-12-04"})]
    docs += [Document(f"مقال رقم {i} عن الاقتصاد.", meta={"source": "filler", "published": f"2024-01-{i + 1:02d}"})
             for i in range(5)]
    with Store(db) as store:
        store.write_documents(docs)
    return TestClient(create_app(db), raise_server_exceptions=False)


def _doc_id(text: str) -> str:
    return Document(text).id


def test_documents_list_is_paginated(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 3, "offset": 0}).json()
    second = client.get("/api/documents", params={"limit": 3, "offset": 3}).json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (7, 3, 0, 3)
    assert (second["total"], len(second["items"])) == (7, 3)
    assert not {d["id"] for d in first["items"]} & {d["id"] for d in second["items"]}
    last = client.get("/api/documents", params={"limit": 3, "offset": 6}).json()
    assert len(last["items"]) == 1


def test_one_document_has_its_annotations(client: TestClient) -> None:
    doc = client.get(f"/api/documents/{_doc_id(NATO_TEXT)}").json()
    assert doc["text"] == NATO_TEXT
    assert doc["entities"][0]["id"] == "per:mark_rutte"
    m = doc["entities"][0]["mentions"][0]
    assert NATO_TEXT[m["start"]:m["end"]] == "مارك روته"
    assert doc["quotes"][0]["speaker"] == "per:mark_rutte"
    assert client.get(f"/documents/{_doc_id(NATO_TEXT)}.json").json() == doc
    assert client.get(f"/documents/{_doc_id(NATO_TEXT)}", params={"format": "json"}).json() == doc


def test_entity_page_and_api(client: TestClient) -> None:
    ent = client.get("/api/entities/per:mark_rutte").json()
    assert (ent["name"], ent["mention_count"], ent["documents"]) == ("مارك روته", 1, 1)
    assert ent["variants"] == [{"text": "مارك روته", "count": 1}]
    assert ent["mentions_by_date"] == [{"date": "2024-12-03", "count": 1}]
    assert [q["speaker"] for q in ent["quotes"]] == ["per:mark_rutte"]
    assert ent["stances"][0]["stance"] == "support"
    html = client.get("/entities/per:mark_rutte").text
    assert 'dir="rtl"' in html and 'lang="ar"' in html and "<svg" in html
    listing = client.get("/api/entities").json()
    assert listing["total"] == 1 and listing["items"][0]["mentions"] == 1


def test_reader_links_entities(client: TestClient) -> None:
    html = client.get(f"/documents/{_doc_id(NATO_TEXT)}").text
    assert '<a class="ent ent-per" href="/entities/per:mark_rutte" data-entity="per:mark_rutte"' in html


def test_search_finds_clitic_form(client: TestClient) -> None:
    got = client.get("/api/search", params={"q": "حلف"}).json()
    assert got["total"] == 1
    hit = got["items"][0]
    assert hit["id"] == _doc_id(NATO_TEXT)
    h = hit["snippets"][0]["highlights"][0]
    assert NATO_TEXT[h["start"]:h["end"]] == "لحلف"
    assert "<mark>لحلف</mark>" in hit["snippets"][0]["html"]
    page = client.get("/search", params={"q": "حلف"}).text
    assert "<mark>لحلف</mark>" in page


def test_search_filters(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "حلف", "entity": "per:mark_rutte"}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "حلف", "entity": "gpe:ua"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "حلف", "source": "evil"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "حلف", "from": "2024-12-04"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "حلف", "to": "2024-12"}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "الدعم", "has_quote": "true"}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "الاقتصاد", "has_quote": "true"}).json()["total"] == 0
    filler = client.get("/api/search", params={"q": "الاقتصاد", "limit": 2, "offset": 4}).json()
    assert (filler["total"], len(filler["items"])) == (5, 1)


def test_error_shape(client: TestClient) -> None:
    cases = [("/api/documents/0000000000000000", 404, "not_found"),
             ("/api/documents?limit=0", 400, "invalid_parameter"),
             ("/api/documents?limit=abc", 400, "invalid_parameter"),
             ("/api/search?q=%22%22", 400, "bad_query"),
             ("/api/search?q=x&from=yesterday", 400, "bad_query"),
             ("/api/nothing-here", 404, "not_found")]
    for url, status, code in cases:
        r = client.get(url)
        assert r.status_code == status, url
        body = r.json()
        assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"], url


@pytest.mark.parametrize("bad", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "0815ffd45e893bed/../x",
                                 "0815FFD45E893BED", "%00"])
def test_traversal_ids_rejected(client: TestClient, bad: str) -> None:
    r = client.get(f"/api/documents/{bad}")
    assert r.status_code in (400, 404)
    assert "root:" not in r.text
    r = client.get(f"/api/entities/per:{bad}")
    assert r.status_code in (400, 404)


def test_entity_id_traversal_rejected(client: TestClient) -> None:
    r = client.get("/api/entities/per:..")
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"


def test_xss_article_renders_inert(client: TestClient) -> None:
    r = client.get(f"/documents/{_doc_id(XSS_TEXT)}")
    html = r.text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onerror" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "script-src" not in r.headers["content-security-policy"]  # default-src 'none' forbids scripts
    listing = client.get("/documents").text
    assert "<img src=x" not in listing


def test_sql_injection_is_harmless(client: TestClient) -> None:
    evil = "'; DROP TABLE documents; --"
    for url, params in [("/api/search", {"q": evil}), ("/api/search", {"q": "حلف", "source": evil}),
                        ("/api/entities", {"q": evil}), ("/api/documents", {"source": evil}),
                        ("/api/quotes", {"text": evil}), ("/api/search", {"q": 'حلف" OR "*'})]:
        r = client.get(url, params=params)
        assert r.status_code in (200, 400), url
    assert client.get("/api/documents").json()["total"] == 7
    assert client.get("/api/search", params={"q": "حلف"}).json()["total"] == 1


def test_quotes_timeline_briefing_network(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"text": "دعم"}).json()
    assert quotes["total"] == 1 and quotes["items"][0]["speaker_name"] == "مارك روته"
    assert client.get("/api/quotes", params={"text": "الاقتصاد"}).json()["total"] == 0
    timeline = client.get("/api/timeline").json()
    assert timeline["total"] == 0 and timeline["items"] == []
    brief = client.get("/api/briefing").json()
    assert brief["actors"] == [{"id": "per:mark_rutte", "name": "مارك روته"}]
    assert [(c["actor"], c["proposition"], c["stance"], c["date"]) for c in brief["cells"]] == [
        ("per:mark_rutte", "ukraine_nato_membership", "support", "2024-12-03")]
    assert client.get("/api/network").json()["nodes"][0]["id"] == "per:mark_rutte"
    for page in ("/", "/entities", "/quotes", "/timeline", "/network", "/briefing", "/search"):
        r = client.get(page)
        assert r.status_code == 200 and '<html lang="ar" dir="rtl">' in r.text, page
        assert client.get(page.rstrip("/") + ".json" if page != "/" else "/documents.json").status_code == 200


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/entities", "/api/entities/{entity_id}",
                 "/api/quotes", "/api/search", "/api/timeline", "/api/briefing"):
        assert path in paths


def test_empty_store_degrades(tmp_path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    empty = TestClient(create_app(db), raise_server_exceptions=False)
    assert empty.get("/api/briefing").json() == {"actors": [], "propositions": [], "cells": [], "stances": 0}
    assert "لا مواقف" in empty.get("/briefing").text
    assert empty.get("/api/documents").json() == {"items": [], "total": 0, "limit": 20, "offset": 0}
    assert empty.get("/api/search", params={"q": "حلف"}).json()["total"] == 0
    assert empty.get("/network").status_code == 200
