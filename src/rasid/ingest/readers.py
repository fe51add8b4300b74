"""Walk paths and turn each input into Documents or typed InputErrors."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from rasid.doc import Document
from rasid.errors import DecodeError, EmptyInputError, InputError, NoTextError, RecordError, TooLargeError
from rasid.ingest.decode import decode_bytes

#: Files over this size are refused (TooLargeError): a news article is a few KB, and a
#: 10 MB JSONL file already holds thousands of them.  Pass ``max_bytes`` to change it.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

#: Suffixes read when walking a directory; a file named explicitly is read whatever its suffix.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".rss", ".atom")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SIDECAR = "meta.json"
_TOO_DEEP = "JSON nested too deeply to read"
_META_FIELDS = ("source", "title", "url", "published")

Item = Document | InputError


def read_inputs(paths: list[str], *, published: str | None = None, source: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Documents (or InputErrors) for files, directories (recursively) and ``-`` (stdin).

    ``published`` and ``source`` override whatever metadata an input carries.
    """
    overrides = {k: v for k, v in (("published", published), ("source", source)) if v is not None}
    sidecars: dict[Path, dict[str, Any] | InputError] = {}
    for entry in iter_paths(paths):
        if isinstance(entry, InputError):
            yield entry
            continue
        if entry == "-":
            yield from _read_stdin(stdin, overrides, max_bytes)
            continue
        yield from _read_file(Path(entry), overrides, max_bytes, sidecars)


def iter_paths(paths: list[str]) -> Iterator[str | InputError]:
    """Each file to read: explicit files as given, directories walked sorted, hidden names skipped."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield str(path)
        else:
            yield InputError("no such file or directory", path=raw)


def _walk(root: Path) -> Iterator[str | InputError]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as err:
        yield InputError(f"cannot list directory: {err.strerror or err}", path=str(root))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(Path(entry.path))
        elif entry.name != SIDECAR and entry.name.lower().endswith(TEXT_SUFFIXES):
            yield entry.path


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing oversized files before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLargeError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit", path=str(path))
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("file vanished before it could be read", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory", path=str(path)) from None
    except PermissionError:
        raise InputError("permission denied", path=str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", path=str(path)) from None
    if len(data) > max_bytes:
        raise TooLargeError(f"file grew over the {max_bytes:,}-byte limit while read", path=str(path))
    return data


def _read_stdin(stdin: BinaryIO | None, overrides: dict[str, Any], max_bytes: int) -> Iterator[Item]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise TooLargeError(f"standard input is over the {max_bytes:,}-byte limit", path="-")
        text, _ = decode_bytes(data, "-")
    except InputError as err:
        yield err
        return
    yield _make(text, {"path": "-"}, overrides, "-")


def _read_file(path: Path, overrides: dict[str, Any], max_bytes: int,
               sidecars: dict[Path, dict[str, Any] | InputError]) -> Iterator[Item]:
    where = str(path)
    suffix = path.suffix.lower()
    try:
        data = _read_bytes(path, max_bytes)
        text, _ = decode_bytes(data, where)
    except DecodeError as err:
        if suffix in (".jsonl", ".ndjson"):  # lines written in different encodings: decode each alone
            yield from _from_jsonl_lines(data, where, overrides)
        else:
            yield err
        return
    except InputError as err:
        yield err
        return
    if suffix in HTML_SUFFIXES:
        yield from _from_html(text, where, overrides)
    elif suffix == ".json":
        yield from _from_json(text, where, overrides)
    elif suffix in (".jsonl", ".ndjson"):
        yield from _from_jsonl(text, where, overrides)
    elif suffix in (".rss", ".atom", ".xml") and _feeds().looks_like_feed(text):
        yield from _feeds().from_feed(text, where, overrides, _make)
    else:
        meta: dict[str, Any] = {"path": where}
        fresh = path.parent not in sidecars
        side = _sidecar(path.parent, sidecars)
        if isinstance(side, InputError):
            if fresh:  # report a broken sidecar once, then read its texts without metadata
                yield side
        elif path.name in side and isinstance(side[path.name], dict):
            entry = side[path.name]
            meta.update({k: entry[k] for k in _META_FIELDS if entry.get(k) is not None})
            extra = {k: v for k, v in entry.items() if k not in _META_FIELDS}
            if extra:
                meta["extra"] = extra
        yield _make(text, meta, overrides, where)


def _feeds():
    from rasid.ingest import feeds  # RSS/Atom files (rasid.ingest.feeds), loaded only when one comes

    return feeds


def _sidecar(folder: Path, cache: dict[Path, dict[str, Any] | InputError]) -> dict[str, Any] | InputError:
    """The folder's meta.json (file name -> metadata), read once; {} when there is none."""
    if folder in cache:
        return cache[folder]
    side_path = folder / SIDECAR
    result: dict[str, Any] | InputError = {}
    if side_path.is_file():
        try:
            loaded = json.loads(decode_bytes(_read_bytes(side_path, DEFAULT_MAX_BYTES), str(side_path))[0])
            if not isinstance(loaded, dict):
                raise RecordError("sidecar must map file names to metadata objects", path=str(side_path))
            result = loaded
        except json.JSONDecodeError as err:
            result = RecordError(f"sidecar is not JSON (line {err.lineno}: {err.msg}); metadata ignored",
                                 path=str(side_path))
        except RecursionError:
            result = RecordError(f"sidecar {_TOO_DEEP}; metadata ignored", path=str(side_path))
        except InputError as err:
            result = err
    cache[folder] = result
    return result


def _make(text: str, meta: dict[str, Any], overrides: dict[str, Any], where: str) -> Item:
    from rasid.pipeline import make_document

    meta = {**meta, **overrides}
    try:
        return make_document(text, **meta)
    except InputError as err:
        return err
    except (TypeError, ValueError) as err:
        return InputError(f"bad metadata: {err}", path=where)


def _from_html(markup: str, where: str, overrides: dict[str, Any]) -> Iterator[Item]:
    from rasid.ingest.html import read_html

    try:
        page = read_html(markup, where)
    except InputError as err:
        yield err
        return
    meta = {"path": where, "title": page["title"], "published": page["published"]}
    yield _make(page["text"], meta, overrides, where)


def _record(obj: Any, where: str, overrides: dict[str, Any]) -> Item:
    """A Document from one JSON object with a ``text`` field (other fields kept in ``extra``)."""
    if not isinstance(obj, dict):
        return RecordError(f"expected a JSON object, got {type(obj).__name__}", path=where)
    text = obj.get("text")
    if not isinstance(text, str):
        return RecordError("record has no string field 'text'", path=where)
    try:  # a \ud800 escape is valid JSON but no UTF-8 text: the store could not hold it
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as err:
        return RecordError(f"record holds an unpaired UTF-16 surrogate ({err.object[err.start]!r})", path=where)
    if not text.strip():
        return EmptyInputError("record's text is empty", path=where)
    meta: dict[str, Any] = {"path": where}
    for key in _META_FIELDS:
        value = obj.get(key)
        if value is not None:
            meta[key] = value if isinstance(value, str) else str(value)
    extra = {k: v for k, v in obj.items() if k not in _META_FIELDS and k != "text"}
    if extra:
        meta["extra"] = extra
    return _make(text, meta, overrides, where)


def _from_json(text: str, where: str, overrides: dict[str, Any]) -> Iterator[Item]:
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as err:
        yield RecordError(f"not valid JSON (line {err.lineno} column {err.colno}: {err.msg})", path=where)
        return
    except RecursionError:
        yield RecordError(_TOO_DEEP, path=where)
        return
    if isinstance(loaded, list):
        if not loaded:
            yield NoTextError("JSON list is empty", path=where)
        for index, obj in enumerate(loaded):
            yield _record(obj, f"{where}[{index}]", overrides)
    else:
        yield _record(loaded, where, overrides)


def _from_jsonl(text: str, where: str, overrides: dict[str, Any]) -> Iterator[Item]:
    seen = False
    for lineno, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 is valid JSON
        if not line.strip():
            continue
        seen = True
        yield _jsonl_line(line, f"{where}:{lineno}", overrides)
    if not seen:
        yield EmptyInputError("JSON Lines file holds no records", path=where)


def _jsonl_line(line: str, where: str, overrides: dict[str, Any]) -> Item:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        return RecordError(f"broken JSON line ({err.msg} at column {err.colno})", path=where)
    except RecursionError:
        return RecordError(_TOO_DEEP, path=where)
    return _record(obj, where, overrides)


def _from_jsonl_lines(data: bytes, where: str, overrides: dict[str, Any]) -> Iterator[Item]:
    """A JSON Lines file whose bytes do not decode as a whole: each line is decoded on its own."""
    seen = False
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        seen = True
        try:
            line, _ = decode_bytes(raw, f"{where}:{lineno}")
        except InputError as err:
            yield err
            continue
        yield _jsonl_line(line, f"{where}:{lineno}", overrides)
    if not seen:
        yield EmptyInputError("JSON Lines file holds no records", path=where)
