"""read_inputs: formats, metadata, sidecars, directories, stdin, and bad inputs that never stop the rest."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rasid.doc import Document
from rasid.errors import InputError, NoTextError, RecordError, TooLargeError
from rasid.ingest import read_inputs

ARTICLE = "قال وزير الخارجية إن المفاوضات مستمرة.\nوأضاف أن الوضع صعب.\n"


def _split(items: list) -> tuple[list[Document], list[InputError]]:
    docs = [x for x in items if isinstance(x, Document)]
    errors = [x for x in items if isinstance(x, InputError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


def test_txt_keeps_text_and_applies_overrides(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    [doc] = list(read_inputs([str(tmp_path / "a.txt")], published="2024-05-06", source="wire"))
    assert doc.text == ARTICLE
    assert doc.meta == {"path": str(tmp_path / "a.txt"), "published": "2024-05-06", "source": "wire"}


def test_sidecar_meta_json_supplies_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"a.txt": {
        "title": "عنوان", "published": "2023-11-02", "source": "agency", "url": "https://x.example/a",
        "lang": "ar"}}), encoding="utf-8")
    [doc] = list(read_inputs([str(tmp_path)]))  # meta.json itself is not a document
    assert doc.meta == {"path": str(tmp_path / "a.txt"), "title": "عنوان", "published": "2023-11-02",
                        "source": "agency", "url": "https://x.example/a", "extra": {"lang": "ar"}}
    [doc] = list(read_inputs([str(tmp_path / "a.txt")], source="override"))
    assert doc.meta["source"] == "override" and doc.meta["title"] == "عنوان"


def test_broken_sidecar_is_reported_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE + name, encoding="utf-8")
    (tmp_path / "meta.json").write_text("{oops", encoding="utf-8")
    docs, errors = _split(list(read_inputs([str(tmp_path)])))
    assert len(docs) == 2
    assert [e.one_line() for e in errors] == [
        f"{tmp_path / 'meta.json'}: E106 sidecar is not JSON (line 1: Expecting property name enclosed "
        "in double quotes); metadata ignored"]


def test_jsonl_broken_line_is_one_record_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": "خبر أول", "title": "t1", "published": "2024-01-02", "lang": "ar"}),
             '{"text": "broken',
             "",
             json.dumps({"text": "خبر ثالث", "url": "u3"}),
             json.dumps({"title": "no text"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = _split(list(read_inputs([str(path)])))
    assert [d.text for d in docs] == ["خبر أول", "خبر ثالث"]
    assert docs[0].meta == {"path": f"{path}:1", "title": "t1", "published": "2024-01-02",
                            "extra": {"lang": "ar"}}
    assert docs[1].meta == {"path": f"{path}:4", "url": "u3"}
    assert [e.one_line() for e in errors] == [
        f"{path}:2: E106 broken JSON line (Unterminated string starting at at column 10)",
        f"{path}:5: E106 record has no string field 'text'"]
    assert all(isinstance(e, RecordError) for e in errors)


def test_json_object_and_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": "نص واحد", "source": "s"}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": "أ"}, 5, {"text": "ب"}]), encoding="utf-8")
    docs, errors = _split(list(read_inputs([str(tmp_path)])))
    assert [d.text for d in docs] == ["أ", "ب", "نص واحد"]  # sorted: many.json before one.json
    assert [e.one_line() for e in errors] == [f"{tmp_path / 'many.json'}[1]: E106 expected a JSON object, got int"]


def test_html_article_with_meta_tags(tmp_path: Path) -> None:
    page = ("<html><head><title>ignored when og:title exists</title>"
            '<meta property="og:title" content="عنوان الخبر">'
            '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
            "<script>var tracking = 1;</script></head><body><nav>الرئيسية</nav><article>"
            "<p>قال وزير الخارجية إن المفاوضات مستمرة بين الطرفين منذ أسابيع، وإن الوفدين سيلتقيان "
            "مجددا الأسبوع المقبل في العاصمة.</p><p>وأضاف أن الوضع صعب جدا لكن الأمل قائم في التوصل "
            "إلى اتفاق ينهي الأزمة قبل نهاية العام.</p></article><footer>جميع الحقوق محفوظة</footer>"
            "</body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    [doc] = list(read_inputs([str(tmp_path / "a.html")]))
    assert doc.text == ("قال وزير الخارجية إن المفاوضات مستمرة بين الطرفين منذ أسابيع، وإن الوفدين "
                        "سيلتقيان مجددا الأسبوع المقبل في العاصمة.\nوأضاف أن الوضع صعب جدا لكن الأمل "
                        "قائم في التوصل إلى اتفاق ينهي الأزمة قبل نهاية العام.")
    assert doc.meta["title"] == "عنوان الخبر" and doc.meta["published"] == "2024-03-05"


def test_pathological_html_is_no_text_error(tmp_path: Path) -> None:
    (tmp_path / "scripts.html").write_text(
        "<html><head><style>p{color:red}</style><script>alert(1)</script></head>"
        "<body><!-- only a comment --><script>var a = 'نص';</script><noscript></noscript></body></html>",
        encoding="utf-8")
    (tmp_path / "deep.htm").write_text("<html><body>" + "<div>" * 10_000 + "<p>نص عميق</p>"
                                       + "</div>" * 10_000 + "</body></html>", encoding="utf-8")
    docs, errors = _split(list(read_inputs([str(tmp_path)])))
    assert docs == []
    assert [type(e) for e in errors] == [NoTextError, NoTextError]
    assert [e.path for e in errors] == [str(tmp_path / "deep.htm"), str(tmp_path / "scripts.html")]


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"a" * (20 * 1024 * 1024))
    [err] = list(read_inputs([str(big)]))
    assert isinstance(err, TooLargeError)
    assert err.one_line() == f"{big}: E104 file is 20,971,520 bytes, over the 10,485,760-byte limit"
    [doc] = list(read_inputs([str(big)], max_bytes=30 * 1024 * 1024))
    assert len(doc.text) == 20 * 1024 * 1024


def test_file_vanishing_mid_run_is_an_input_error(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE + name, encoding="utf-8")
    items = read_inputs([str(tmp_path)])
    first = next(items)
    (tmp_path / "b.txt").unlink()  # after listing, before reading
    rest = list(items)
    assert isinstance(first, Document)
    assert isinstance(rest[0], InputError)
    assert rest[0].one_line() == f"{tmp_path / 'b.txt'}: E100 file vanished before it could be read"
    assert isinstance(rest[1], Document) and rest[1].text.endswith("c.txt")


def test_missing_path_hidden_files_and_unknown_suffixes(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text("سر", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("سر", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.txt").write_text("نص", encoding="utf-8")
    items = list(read_inputs([str(tmp_path), str(tmp_path / "nope.txt")]))
    assert [x.text for x in items if isinstance(x, Document)] == ["نص"]
    assert [x.one_line() for x in items if isinstance(x, InputError)] == [
        f"{tmp_path / 'nope.txt'}: E100 no such file or directory"]


def test_stdin_dash() -> None:
    stream = io.BytesIO(ARTICLE.encode("utf-16"))
    [doc] = list(read_inputs(["-"], stdin=stream, source="pipe"))
    assert doc.text == ARTICLE and doc.meta == {"path": "-", "source": "pipe"}
    [err] = list(read_inputs(["-"], stdin=io.BytesIO(b"  ")))
    assert err.one_line() == "-: E101 file holds only whitespace"


def test_directory_read_sorted_and_recursive(tmp_path: Path) -> None:
    """Sorted by name, sub-folders in place (the 2,000-file case runs through the CLI test)."""
    for i in range(300):
        folder = tmp_path / f"d{i % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"{i:04d}.txt").write_text(f"خبر رقم {i}", encoding="utf-8")
    docs = list(read_inputs([str(tmp_path)]))
    assert len(docs) == 300 and all(isinstance(d, Document) for d in docs)
    assert [d.text for d in docs[:2]] == ["خبر رقم 0", "خبر رقم 3"]
    assert docs[-1].text == "خبر رقم 299" and docs[-1].meta["path"] == str(tmp_path / "d2" / "0299.txt")
