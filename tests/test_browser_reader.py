"""End to end in real headless Chromium: seeds ingested, `rasid serve` running, reader and search used."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
REPO = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("playwright.sync_api")
    db = tmp_path_factory.mktemp("browser") / "seeds.db"
    rasid = [sys.executable, "-m", "rasid.cli"]
    subprocess.run([*rasid, "ingest", str(shared_dir / "seeds"), "--db", str(db), "--no-progress"],
                   check=True, capture_output=True, timeout=300)
    port = _free_port()
    proc = subprocess.Popen([*rasid, "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/api/documents", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError("rasid serve did not start: " + proc.stderr.read().decode()[-2000:]) from None
            time.sleep(0.3)
    yield base, shared_dir
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        yield tab
        browser.close()


def _seed_id(shared_dir: Path, name: str) -> str:
    from rasid.doc import Document

    return Document((shared_dir / "seeds" / name).read_text("utf-8")).id


def test_reader_marks_rutte_and_links_him(server, page, tmp_path: Path) -> None:
    base, shared = server
    doc_id = _seed_id(shared, "002_8f44c79a0d8c46fc.txt")
    page.goto(f"{base}/documents/{doc_id}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    link = page.locator('#article a.ent[data-entity="per:mark_rutte"]').filter(has_text="مارك روت").first
    assert link.is_visible()
    assert link.inner_text().startswith("مارك روت")
    assert link.get_attribute("href") == "/entities/per:mark_rutte"
    page.screenshot(path=str(tmp_path / "reader.png"), full_page=False)
    docs_dir = REPO / "docs"
    if docs_dir.is_dir() and os.environ.get("RASID_UPDATE_SCREENSHOT"):  # the README's picture, on request
        page.screenshot(path=str(docs_dir / "screenshot-reader.png"), full_page=False)
    link.click()
    page.wait_for_url(f"{base}/entities/per:mark_rutte")
    assert "Mark Rutte" in page.locator("h1").inner_text()
    assert page.locator("svg.chart").count() == 1


def test_search_finds_clitic_only_article(server, page, tmp_path: Path) -> None:
    base, shared = server
    only_clitic = _seed_id(shared, "000_47c694e0cb4d5381.txt")  # has لحلف but never a bare حلف
    page.goto(f"{base}/search")
    page.fill("form.filters input[name=q]", "حلف")
    page.click("form.filters button")
    page.wait_for_selector("ol.results li.hit")
    hit = page.locator(f'li.hit[data-doc="{only_clitic}"]')
    assert hit.count() == 1
    assert "لحلف" in [m.inner_text() for m in hit.locator("mark").all()]
    page.screenshot(path=str(tmp_path / "search.png"))
