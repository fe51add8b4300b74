"""Bytes to text: BOMs, strict UTF-8, guessed Arabic code pages, and every kind of bad input."""

from __future__ import annotations

import codecs

import pytest

from rasid.errors import BinaryInputError, DecodeError, EmptyInputError
from rasid.ingest.decode import decode_bytes

ARABIC = "قال وزير الخارجية المصري إن المفاوضات مستمرة، وإن الحكومة تدعم الاتفاق. وأضاف أن الوضع صعب."


@pytest.mark.parametrize(("data", "encoding"), [
    (ARABIC.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16-be"),
    (ARABIC.encode("utf-16-le"), "utf-16-le"),
    (ARABIC.encode("utf-16-be"), "utf-16-be"),
    (ARABIC.encode("cp1256"), "cp1256"),
    (ARABIC.encode("iso8859_6"), "iso8859-6"),
])
def test_decodes_to_the_original_text(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data, "a.txt")
    assert text == ARABIC  # exactly: only the BOM is dropped
    assert found == encoding


def test_keeps_text_unmodified_including_crlf_and_tatweel() -> None:
    raw = "  سطر أول\r\nالـــوزير\u200f  \n"
    assert decode_bytes(raw.encode("utf-8"))[0] == raw


@pytest.mark.parametrize(("data", "error", "message"), [
    (b"", EmptyInputError, "a.txt: E101 empty file"),
    (b" \n\t\r\n  ", EmptyInputError, "a.txt: E101 file holds only whitespace"),
    ("\u00a0\n".encode(), EmptyInputError, "a.txt: E101 file holds only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, "a.txt: E102 binary file (PNG image), not text"),
    (b"PK\x03\x04\x14\x00\x00\x00", BinaryInputError,
     "a.txt: E102 binary file (ZIP archive (or docx/xlsx)), not text"),
    (b"\x7fELF\x02\x01\x01", BinaryInputError, "a.txt: E102 binary file (ELF executable), not text"),
    (b"%PDF-1.7\n", BinaryInputError, "a.txt: E102 binary file (PDF file), not text"),
    (b"\x01\x00\x00\x07\xff\x00\x13", BinaryInputError, "a.txt: E102 binary file (NUL bytes), not text"),
    (ARABIC.encode()[:20] + b"\xff" + ARABIC.encode()[20:], DecodeError,
     "a.txt: E103 invalid UTF-8 (first bad byte at offset 20); re-save the file as UTF-8"),
])
def test_bad_bytes_give_one_typed_error(data: bytes, error: type, message: str) -> None:
    with pytest.raises(error) as info:
        decode_bytes(data, "a.txt")
    assert info.value.one_line() == message
    assert info.value.path == "a.txt"


def test_bom_with_broken_body_is_a_decode_error() -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(codecs.BOM_UTF8 + b"ok \xff", "b.txt")
    assert info.value.one_line() == "b.txt: E103 utf-8 byte-order mark but undecodable bytes at 3"


def test_latin_text_in_a_western_code_page() -> None:
    assert decode_bytes("café au lait, crème brûlée et à bientôt".encode("cp1252")) == (
        "café au lait, crème brûlée et à bientôt", "cp1252")
