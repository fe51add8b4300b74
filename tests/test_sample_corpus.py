"""The bundled sample corpus: present, UTF-8, 8-15 files, metadata complete, noise detectable."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from rasid.doc import Document
from rasid.stages import boilerplate

SAMPLE = Path(str(resources.files("rasid.data").joinpath("sample")))
ARTICLE_SUFFIXES = {".txt", ".html", ".jsonl"}


def _articles() -> list[Path]:
    return sorted(p for p in SAMPLE.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def test_sample_files_exist_and_decode() -> None:
    files = _articles()
    assert 8 <= len(files) <= 15
    assert {p.suffix for p in files} == ARTICLE_SUFFIXES
    for p in files:
        text = p.read_bytes().decode("utf-8")
        assert re.search(r"[\u0600-\u06ff]{20}", text.replace(" ", "")), p.name
    assert (SAMPLE / "README").is_file()  # no suffix: ingesting the folder must not read it as an article


def test_meta_covers_every_txt_file() -> None:
    meta = json.loads((SAMPLE / "meta.json").read_text("utf-8"))
    txt = sorted(p.name for p in _articles() if p.suffix == ".txt")
    assert sorted(k for k in meta if not k.startswith("_")) == txt
    for name in txt:
        entry = meta[name]
        assert set(entry) == {"title", "published", "source"}
        assert re.fullmatch(r"20(22|23|24|25)-\d\d-\d\d", entry["published"])
        assert (SAMPLE / name).read_text("utf-8").splitlines()[0] == entry["title"]


def test_jsonl_and_html_carry_dates() -> None:
    records = [json.loads(line) for line in (SAMPLE / "world_briefs.jsonl").read_text("utf-8").splitlines()]
    assert 2 <= len(records) <= 3
    for r in records:
        assert set(r) == {"text", "title", "url", "published", "source"}
        assert r["text"].startswith(r["title"])
    html = (SAMPLE / "washington_2024.html").read_text("utf-8")
    for marker in ('property="og:title"', 'property="article:published_time"', "<nav>", "<script>"):
        assert marker in html


def test_sample_noise_is_flagged() -> None:
    text = (SAMPLE / "vilnius_2023.txt").read_text("utf-8")
    doc = Document(text)
    boilerplate.build()(doc)
    got = [(text[s.start:s.end], s.attrs["kind"]) for s in doc.spans("boilerplate")]
    assert got == [
        ("منذ 3 ساعات", "timestamp"),
        ("شارك", "share"),
        ("اقرأ أيضا: فنلندا تصبح العضو الحادي والثلاثين في حلف الناتو", "related"),
    ]
