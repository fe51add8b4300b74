"""Every kind of bad input gives one warning line; the good documents are still stored; exit code 1."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

import rasid.pipeline
from rasid.cli import main
from rasid.doc import Document, Span
from rasid.store import Store

ARABIC = "قال وزير الخارجية المصري إن المفاوضات مستمرة، وإن الحكومة تدعم الاتفاق. وأضاف أن الوضع صعب."


class VanishingPipeline:
    """Marks the first word; while analysing 'a_first.txt' it deletes 'b_vanish.txt' (listed, not yet read)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def run_doc(self, doc: Document) -> Document:
        end = doc.text.find(" ")
        doc.add("tokens", [Span(0, end if end > 0 else len(doc.text), "token", {}, "fake@1")])
        if doc.meta.get("path", "").endswith("a_first.txt"):
            (self.folder / "b_vanish.txt").unlink()
        return doc


def test_every_bad_input_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    d = tmp_path / "in"
    d.mkdir()
    good = {
        "a_first.txt": ARABIC.encode("utf-8"),
        "good_utf8_bom.txt": codecs.BOM_UTF8 + (ARABIC + " 1").encode("utf-8"),
        "good_utf16le_bom.txt": codecs.BOM_UTF16_LE + (ARABIC + " 2").encode("utf-16-le"),
        "good_utf16le_nobom.txt": (ARABIC + " 3").encode("utf-16-le"),
        "good_cp1256.txt": (ARABIC + " 4").encode("cp1256"),
        "good_iso8859_6.txt": (ARABIC + " 5").encode("iso8859_6"),
    }
    bad = {
        "b_vanish.txt": (ARABIC + " 6").encode("utf-8"),
        "bad_empty.txt": b"",
        "bad_space.txt": b" \n\t \n",
        "bad_png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "bad_zip.txt": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        "bad_utf8.txt": ARABIC.encode()[:7] + b"\xc3\x28" + ARABIC.encode()[7:],
        "bad_scripts.html": b"<html><head><style>b{}</style><script>go()</script></head><body><!-- x --></body></html>",
        "bad_deep.html": b"<html><body>" + b"<div>" * 10_000 + "<p>نص</p>".encode() + b"</div>" * 10_000,
        "feed.jsonl": ('{"text": "' + ARABIC + ' 7"}\n{"text": \n').encode(),
    }
    for name, data in {**good, **bad}.items():
        (d / name).write_bytes(data)
    with (d / "bad_big.txt").open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)  # 20 MB (sparse): refused by size before any byte is read
    monkeypatch.setattr(rasid.pipeline, "default_pipeline", lambda: VanishingPipeline(d))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((ARABIC + " 8").encode("utf-16"))))
    db = tmp_path / "all.db"
    assert main(["ingest", str(d), "-", "--db", str(db), "--no-progress"]) == 1
    _, err = capsys.readouterr()
    assert err.splitlines() == [
        f"rasid: warning: {d / 'b_vanish.txt'}: E100 file vanished before it could be read",
        f"rasid: warning: {d / 'bad_big.txt'}: E104 file is 20,971,520 bytes, over the 10,485,760-byte limit",
        f"rasid: warning: {d / 'bad_deep.html'}: E105 HTML holds no readable text (only scripts, styles or "
        "comments, or nested too deep to parse)",
        f"rasid: warning: {d / 'bad_empty.txt'}: E101 empty file",
        f"rasid: warning: {d / 'bad_png.txt'}: E102 binary file (PNG image), not text",
        f"rasid: warning: {d / 'bad_scripts.html'}: E105 HTML holds no readable text (only scripts, styles or "
        "comments, or nested too deep to parse)",
        f"rasid: warning: {d / 'bad_space.txt'}: E101 file holds only whitespace",
        f"rasid: warning: {d / 'bad_utf8.txt'}: E103 invalid UTF-8 (first bad byte at offset 7); "
        "re-save the file as UTF-8",
        f"rasid: warning: {d / 'bad_zip.txt'}: E102 binary file (ZIP archive (or docx/xlsx)), not text",
        f"rasid: warning: {d / 'feed.jsonl'}:2: E106 broken JSON line (Expecting value at column 10)",
        "8 stored, 0 already present, 10 failed",
    ]
    with Store(db) as store:
        texts = sorted(doc.text for doc in store.iter_documents())
        assert texts == sorted([ARABIC] + [f"{ARABIC} {i}" for i in (1, 2, 3, 4, 5, 7, 8)])
        for doc in store.iter_documents():
            [token] = doc.spans("tokens")
            assert doc.text[token.start:token.end] == "قال"  # the offset invariant after the round trip
        assert len(store.failures()) == 10
