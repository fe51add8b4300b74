"""The web UI against hostile data and hostile requests; loopback only; a bounded load while ingesting.

tests/test_web_api.py checks one XSS article, one injection and id traversal; these tests sweep every
page and every query parameter, put payloads in titles, sources, entity names and speakers, and
measure the server under load while `rasid ingest` writes into the same database.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import statistics
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")
from conftest import article, popen_cli, write_articles  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from rasid.doc import Document, Span  # noqa: E402
from rasid.pipeline import default_pipeline, make_document  # noqa: E402
from rasid.store import Store  # noqa: E402
from rasid.web.app import create_app  # noqa: E402

XSS = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>',
       "javascript:alert(1)", "</textarea><script>alert(2)</script>", "<a href='javascript:alert(3)'>ا</a>"]
RAW_MARKERS = ["<script>alert", "<img src=x", "<svg onload", "</textarea><script", "href='javascript:",
               'href="javascript:']
SQLI = ["' OR '1'='1", "1; DROP TABLE documents; --", "\" OR 1=1 --", "%' UNION SELECT text FROM documents --",
        "') OR ('a'='a", "*", "NEAR(", "title:x OR body:y", "\\", "%00", "''''", "-1"]
PAGES = ["/", "/documents", "/entities", "/quotes", "/search", "/timeline", "/network", "/briefing"]
PARAMS = ["q", "limit", "offset", "source", "type", "speaker", "text", "entity", "from", "to", "format"]


def hostile_documents() -> list[Document]:
    docs = []
    for i, payload in enumerate(XSS):
        text = f"{article(40 + i)} {payload} وقال المتحدث «{payload}»."
        docs.append(default_pipeline().run_doc(make_document(text, title=payload, source=payload,
                                                              url=f"javascript:alert({i})")))
    # An entity whose registry name and a quote speaker are payloads (as a bad overlay could make them).
    text = "قال فلان إن <b>الأمر</b> خطير. «هذا <script>alert(9)</script> مرفوض»"
    doc = Document(text=text, meta={"title": "entity payload"})
    doc.add("sentences", [Span(0, len(text), "sentence", {}, "t@1")])
    doc.add("entities", [Span(4, 8, "entity", {"id": "per:<script>x</script>", "type": "PER"}, "t@1")])
    doc.add("quotes", [Span(text.index("«") + 1, len(text) - 1, "quote",
                            {"kind": "direct", "speaker": "per:<script>x</script>", "cue": {"start": 0, "end": 3}},
                            "t@1")])
    doc.objects["entities"] = {"per:<script>x</script>": {
        "id": "per:<script>x</script>", "type": "PER", "name": '<script>alert("name")</script>',
        "name_en": "<img src=x onerror=alert(1)>"}}
    docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path, list[Document]]:
    db = tmp_path_factory.mktemp("web") / "kb.db"
    docs = hostile_documents()
    with Store(db) as store:
        store.write_documents(docs)
    return TestClient(create_app(db), raise_server_exceptions=False), db, docs


def _inert(body: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in body, marker


def test_stored_payloads_render_inert_on_every_page(hostile) -> None:
    client, _, docs = hostile
    urls = list(PAGES) + [f"/documents/{d.id}" for d in docs] + ["/entities/per:<script>x</script>",
                                                                  "/quotes?speaker=per:<script>x</script>"]
    urls += [f"/search?q={q}" for q in ("المتحدث", "alert", "script")]
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        assert "script-src" not in response.headers["content-security-policy"]  # no script may run at all
        assert response.headers["x-content-type-options"] == "nosniff"
        if response.headers["content-type"].startswith("text/html"):
            _inert(response.text)
    page = client.get(f"/documents/{docs[0].id}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page or "&lt;script&gt;alert(&quot;x&quot;)" in page


def test_search_query_reflection_is_inert(hostile) -> None:
    client, _, _ = hostile
    for payload in XSS:
        for url in ("/search", "/entities", "/quotes", "/documents"):
            response = client.get(url, params={"q": payload, "text": payload, "source": payload,
                                               "speaker": payload})
            assert response.status_code < 500, (url, payload)
            _inert(response.text)


def test_injection_in_every_parameter_of_every_page_is_harmless(hostile) -> None:
    client, db, docs = hostile
    seen_statuses = set()
    for page in PAGES + [f"/api{p}" for p in PAGES if p != "/"]:
        for name in PARAMS:
            for payload in SQLI:
                response = client.get(page, params={name: payload})
                seen_statuses.add(response.status_code)
                assert response.status_code < 500, (page, name, payload, response.text[:200])
                assert "sqlite" not in response.text.lower() and "syntax error" not in response.text.lower()
    assert seen_statuses <= {200, 400, 404}, seen_statuses
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(docs)  # nothing dropped
    conn.close()
    # A tautology does not widen a search: it is searched for as words, found nowhere.
    body = client.get("/api/search", params={"q": "' OR '1'='1"}).json()
    assert body.get("total", 0) == 0 or "error" in body


@pytest.mark.parametrize("url", [
    "/documents/..%2F..%2F..%2Fetc%2Fpasswd", "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/documents/%2e%2e%2f%2e%2e%2fpyproject.toml", "/static/../../../../etc/passwd",
    "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/static/%2e%2e/%2e%2e/store/sqlite.py",
    "/entities/..%2F..%2Fetc%2Fpasswd", "/static//etc/passwd", "/documents/....//....//etc/passwd",
])
def test_path_traversal_is_rejected(hostile, url: str) -> None:
    client, _, _ = hostile
    response = client.get(url)
    assert response.status_code in (400, 404), (url, response.status_code)
    assert "root:x:0" not in response.text and "import sqlite3" not in response.text
    assert "[project]" not in response.text


def test_serve_binds_to_loopback_by_default(tmp_path: Path) -> None:
    from rasid.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    db = tmp_path / "kb.db"
    with Store(db) as store:
        store.write_documents([make_document(article(1))])
    port = _free_port()
    server = popen_cli("serve", "--db", str(db), "--port", str(port))
    try:
        _wait_up(port)
        listening = _listening_addresses(port)
        assert listening == {"127.0.0.1"}, listening
    finally:
        server.terminate()
        server.communicate(timeout=20)


@pytest.mark.slow
def test_load_while_ingesting_into_the_same_store(tmp_path: Path) -> None:
    """About 2,000 requests from 8 threads over loopback for at most 25 s while an ingest writes."""
    db = tmp_path / "kb.db"
    write_articles(tmp_path / "first", 20)
    write_articles(tmp_path / "more", 120, start=20)
    ingest = popen_cli("ingest", str(tmp_path / "first"), "--db", str(db), "--no-progress")
    assert ingest.wait(timeout=120) == 0
    with Store(db) as store:
        ids = store.ids()
    port = _free_port()
    server = popen_cli("serve", "--db", str(db), "--port", str(port))
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    urls = ["/api/documents", "/documents", "/api/search?q=الحكومة", "/search?q=دولار", "/api/entities",
            "/entities", "/api/quotes", "/api/timeline", "/timeline"] + [f"/documents/{i}" for i in ids[:10]]
    budget, total = 25.0, 2000
    try:
        _wait_up(port)
        writer = popen_cli("ingest", str(tmp_path / "more"), "--db", str(db), "--batch-size", "2", "--no-progress")
        start = time.monotonic()
        counter = iter(range(total))

        def worker() -> None:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                for n in counter:
                    if time.monotonic() - start > budget:
                        return
                    url = urls[n % len(urls)]
                    t0 = time.perf_counter()
                    try:
                        response = client.get(url)
                    except httpx.HTTPError as err:
                        with lock:
                            failures.append(f"{url}: {type(err).__name__}")
                        continue
                    elapsed = time.perf_counter() - t0
                    with lock:
                        latencies.append(elapsed)
                        if response.status_code >= 500 or "locked" in response.text:
                            failures.append(f"{url}: {response.status_code} {response.text[:120]}")

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=budget + 60)
        wall = time.monotonic() - start
        writer_rc = writer.wait(timeout=180)
        _, writer_err = writer.communicate()
    finally:
        server.terminate()
        server.communicate(timeout=20)
    assert failures == [], failures[:5]
    assert writer_rc == 0, writer_err
    assert len(latencies) >= 300, len(latencies)
    cuts = statistics.quantiles(latencies, n=100)
    print(f"load: {len(latencies)} requests in {wall:.1f}s ({len(latencies) / wall:.0f}/s) while ingesting; "
          f"p50 {cuts[49] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms")
    with Store(db) as store:
        assert store.count() == 140


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/documents", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError(f"server on port {port} did not come up")


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port``, from /proc/net/tcp and tcp6."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(name):
            continue
        with open(name) as fh:
            next(fh)
            for line in fh:
                local, state = line.split()[1], line.split()[3]
                address, hexport = local.split(":")
                if state != "0A" or int(hexport, 16) != port:
                    continue
                if len(address) == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    words = bytes.fromhex(address)
                    raw = b"".join(words[i:i + 4][::-1] for i in range(0, 16, 4))
                    found.add(socket.inet_ntop(socket.AF_INET6, raw))
    return found
