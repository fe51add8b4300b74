"""Bytes to text without changing the text: BOMs first, then strict UTF-8, then a guess.

The order matters.  A byte-order mark is proof of the encoding; strict UTF-8 that decodes
is almost never wrong; only then is charset-normalizer asked, and only about encodings an
Arabic news text plausibly uses (Windows-1256, ISO-8859-6, and Latin-1 family for Latin
text).  The decoded text is returned as it is, only the BOM dropped.
"""

from __future__ import annotations

import codecs
import re

from rasid.errors import BinaryInputError, DecodeError, EmptyInputError

#: Signatures of common binary formats a news folder may hold by accident.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx)"),
    (b"PK\x05\x06", "empty ZIP archive"),
    (b"\x7fELF", "ELF executable"),
    (b"%PDF", "PDF file"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
    (b"MZ", "Windows executable"),
)

#: BOMs, longest first (a UTF-32 LE BOM begins with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Single-byte encodings charset-normalizer may choose among.
GUESS_ENCODINGS = ["cp1256", "iso8859_6", "cp1252", "latin_1"]

#: Characters a real text almost never holds: C0/C1 controls (bar tab, newlines, form feed and
#: the separators), private-use and non-characters.  Many of them mean a wrong decoding.
_SUSPECT = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ue000-\uf8ff\ufffe\uffff]")


def plausible_text(text: str) -> bool:
    """True unless the text is full of control or private-use characters (a wrong decoding)."""
    bad = 0
    limit = max(2, len(text) // 200)
    for _ in _SUSPECT.finditer(text):
        bad += 1
        if bad > limit:
            return False
    return True


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Text when the bytes read as BOM-less UTF-16 (LE or BE); None otherwise."""
    if len(data) % 2:
        return None
    odd_nuls = data[1::2].count(0)
    even_nuls = data[0::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd_nuls >= even_nuls else ("utf-16-be", "utf-16-le")
    for encoding in order:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if plausible_text(text):
            return text
    return None


def _looks_like_broken_utf8(data: bytes) -> tuple[bool, int]:
    """(True, first bad offset) when the bytes are mostly valid UTF-8 multibyte text with errors."""
    data = data[:65536]  # a sample decides; the scan is pure Python
    valid_multibyte = invalid = 0
    first_bad = -1
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        need = 1 if 0xC2 <= b <= 0xDF else 2 if 0xE0 <= b <= 0xEF else 3 if 0xF0 <= b <= 0xF4 else -1
        tail = data[i + 1:i + 1 + need] if need > 0 else b""
        if need > 0 and len(tail) == need and all(0x80 <= c <= 0xBF for c in tail):
            valid_multibyte += 1
            i += need + 1
        else:
            invalid += 1
            if first_bad < 0:
                first_bad = i
            i += 1
    return valid_multibyte > 0 and valid_multibyte >= invalid, first_bad


def decode_bytes(data: bytes, path: str | None = None) -> tuple[str, str]:
    """(text, encoding) for a file's bytes; raises a typed InputError naming the cause."""
    if not data:
        raise EmptyInputError("empty file", path=path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise DecodeError(f"{encoding} byte-order mark but undecodable bytes at {err.start}",
                                  path=path) from None
            return _non_empty(text, path), encoding
    kind = _binary_kind(data)
    if kind:
        raise BinaryInputError(f"binary file ({kind}), not text", path=path)
    if b"\x00" in data:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            encoding = "utf-16-le" if data[1::2].count(0) >= data[0::2].count(0) else "utf-16-be"
            return _non_empty(text16, path), encoding
        raise BinaryInputError("binary file (NUL bytes), not text", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if plausible_text(text):
            return _non_empty(text, path), "utf-8"
    broken, first_bad = _looks_like_broken_utf8(data)
    if broken:
        raise DecodeError(f"invalid UTF-8 (first bad byte at offset {first_bad}); re-save the file as UTF-8",
                          path=path)
    return _guess(data, path)


def _guess(data: bytes, path: str | None) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=GUESS_ENCODINGS).best()
    if best is None:
        raise DecodeError("unknown text encoding (tried UTF-8, UTF-16, Windows-1256, ISO-8859-6)", path=path)
    encoding = codecs.lookup(best.encoding).name
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise DecodeError(f"bytes do not decode as the guessed {encoding}", path=path) from None
    if not plausible_text(text):
        raise BinaryInputError("binary or control characters, not text", path=path)
    return _non_empty(text, path), encoding


def _non_empty(text: str, path: str | None) -> str:
    if not text.strip():
        raise EmptyInputError("file holds only whitespace", path=path)
    return text
