"""Stage ``boilerplate@1``: web/UI noise lines annotated (never deleted).

Cues live in ``rasid/data/noise/boilerplate.json`` and are matched on the normalised view
(``rasid.arabic.normalise``), line by line.  Four modes keep real news safe:

* ``line``: a line made only of cues (``شارك``, ``فيسبوك | تويتر``) is noise, but the same
  word inside a sentence (``شارك الرئيس في القمة``) is not;
* ``prefix``: a short line that begins with a cue (``اقرأ أيضا: ...``, ``المصدر: ...``);
* ``sentence``: a complete UI sentence (``تم تحديث هذه القصة.``), flagged even at the end
  of a longer line, but only as a sentence of its own;
* ``tail``: a source link or credit appended after the last sentence of a line
  (``… . رابط الخبر بصحيفة الوئام: …``), from the cue to the end of the line.

Whole-line patterns (relative timestamps such as ``منذ 7 ساعات``) are assembled from word
lists in the same file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasid.arabic.normalise import fold, normalise
from rasid.doc import Document, Span

STAGE = "boilerplate@1"

#: Characters that separate cues on a UI line (after folding: quotes are ASCII).
_SEPARATORS = " \t\u00a0-–—•·|/\\*_:;,.!?\"'()[]{}<>…+=#~^"
_SENTENCE_END = ".!?…"
_BEFORE_OK = ".!?…:|•-"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Compiled:
    cover: re.Pattern[str]          # line and sentence cues, with optional attached و
    cover_kinds: dict[str, str]     # folded cue -> kind
    fillers: frozenset[str]
    prefix: list[tuple[re.Pattern[str], str, int]]  # (pattern, kind, max_tokens)
    sentence: re.Pattern[str]
    sentence_kinds: dict[str, str]
    patterns: list[tuple[re.Pattern[str], str]]
    tail: list[tuple[re.Pattern[str], str, int]]  # (pattern, kind, max_tokens)


def _cue_regex(phrase: str) -> str:
    """Regex for one folded phrase: words joined by whitespace, punctuation by optional space."""
    tokens = re.findall(r"\w+|[^\w\s]", phrase)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if i:
            both_words = tokens[i - 1][-1].isalnum() and tok[0].isalnum()
            out.append(r"\s+" if both_words else r"\s*")
        out.append(re.escape(tok))
    return "".join(out)


def _key(phrase: str) -> str:
    return " ".join(re.findall(r"\w+|[^\w\s]", fold(phrase)))


def _alternation(phrases: Iterable[str]) -> str:
    folded = sorted({fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(_cue_regex(p) for p in folded)


def _words(items: Iterable[str]) -> str:
    return _alternation(items)


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    raw = json.loads(
        resources.files("rasid.data").joinpath("noise/boilerplate.json").read_text("utf-8")
    )
    cover_phr: list[str] = []
    cover_kinds: dict[str, str] = {}
    sent_phr: list[str] = []
    sent_kinds: dict[str, str] = {}
    prefix: list[tuple[re.Pattern[str], str, int]] = []
    tail: list[tuple[re.Pattern[str], str, int]] = []
    for group in raw["groups"]:
        kind, mode, phrases = group["kind"], group["mode"], group["phrases"]
        if mode in ("line", "sentence"):
            cover_phr += phrases
            for p in phrases:
                cover_kinds.setdefault(_key(p), kind)
        if mode == "sentence":
            sent_phr += phrases
            for p in phrases:
                sent_kinds.setdefault(_key(p), kind)
        if mode == "prefix":
            pat = re.compile(r"(?:" + _alternation(phrases) + r")(?!\w)")
            prefix.append((pat, kind, int(group.get("max_tokens", 20))))
        if mode == "tail":
            pat = re.compile(r"(?<=[" + re.escape(_SENTENCE_END) + r"])\s+(?:" + _alternation(phrases) + r")(?!\w)")
            tail.append((pat, kind, int(group.get("max_tokens", 20))))
    cover = re.compile(r"(?<!\w)و?(" + _alternation(cover_phr) + r")(?!\w)")
    sentence = re.compile(r"(?<!\w)(?:" + _alternation(sent_phr) + r")(?!\w)")

    pw = raw["patterns"]
    num = r"(?:\d+|" + _words(pw["number_words"]) + r")"
    unit = r"(?:" + _words(pw["units"]) + r")"
    ago = r"(?:" + _words(pw["ago_words"]) + r")"
    lead = r"(?:(?:" + _words(pw["lead_words"]) + r")\s*:?\s*)?"
    rel_ar = rf"{lead}{ago}\s+(?:{num}\s+)?{unit}(?:\s+و\s*(?:{num}\s+)?{unit})?"
    num_en = r"(?:\d+|" + _words(pw["number_words_en"]) + r")"
    unit_en = r"(?:" + _words(pw["units_en"]) + r")"
    lead_en = r"(?:(?:" + _words(pw["lead_words_en"]) + r")\s*:?\s*)?"
    rel_en = rf"{lead_en}{num_en}\s*{unit_en}\s+ago"
    reading = rf"(?:{num}\s+)?{unit}\s+(?:{_words(pw['reading_words'])})"
    reading_en = rf"{num_en}\s*{unit_en}\s+(?:{_words(pw['reading_words_en'])})"
    patterns = [
        (re.compile(rel_ar), "timestamp"),
        (re.compile(rel_en), "timestamp"),
        (re.compile(reading), "reading_time"),
        (re.compile(reading_en), "reading_time"),
    ]
    return _Compiled(cover, cover_kinds, frozenset(fold(f) for f in raw["fillers"]), prefix,
                     sentence, sent_kinds, patterns, tail)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each non-empty line, trimmed of surrounding whitespace."""
    pos = 0
    for raw_line in text.splitlines(keepends=True):
        body = raw_line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        start, end = pos, pos + len(body)
        pos += len(raw_line)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            yield start, end


def _is_cover(key: str, c: _Compiled) -> str | None:
    """The kind when the line consists only of cover cues, fillers and separators."""
    kinds: list[str] = []

    def repl(m: re.Match[str]) -> str:
        kinds.append(c.cover_kinds.get(" ".join(re.findall(r"\w+|[^\w\s]", m.group(1))), "ui"))
        return " "

    residue = c.cover.sub(repl, key)
    if not kinds:
        return None
    if any(w not in c.fillers for w in _WORD.findall(residue)):
        return None
    return kinds[0]


def _classify_line(key: str, c: _Compiled) -> str | None:
    core = key.strip(_SEPARATORS)
    if not core:
        return None
    for pat, kind in c.patterns:
        if pat.fullmatch(core):
            return kind
    kind = _is_cover(core, c)
    if kind:
        return kind
    n_words = len(_WORD.findall(core))
    for pat, kind, max_tokens in c.prefix:
        if n_words <= max_tokens and pat.match(core):
            return kind
    return None


def _ui_sentences(key: str, c: _Compiled) -> Iterator[tuple[int, int, str]]:
    """View ranges of complete UI sentences inside a longer line."""
    for m in c.sentence.finditer(key):
        before = key[: m.start()].rstrip(" \t\"'")
        if before and before[-1] not in _BEFORE_OK:
            continue
        end = m.end()
        rest = key[end:]
        stripped = rest.lstrip(" \t")
        if stripped and stripped[0] not in _SENTENCE_END:
            continue
        end += len(rest) - len(stripped)
        while end < len(key) and key[end] in _SENTENCE_END + "\"'":
            end += 1
        kind = c.sentence_kinds.get(" ".join(re.findall(r"\w+|[^\w\s]", m.group(0))), "ui")
        yield m.start(), end, kind


def _tails(key: str, c: _Compiled) -> Iterator[tuple[int, int, str]]:
    """View range of a source link or credit after the last sentence of a line, to the line's end."""
    for pat, kind, max_tokens in c.tail:
        m = pat.search(key)
        if m and len(_WORD.findall(key[m.start():])) <= max_tokens:
            yield m.start() + len(m.group(0)) - len(m.group(0).lstrip()), len(key), kind
            return


def find_boilerplate(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every noise line or UI sentence of ``text``, in order."""
    c = _compiled()
    found: list[tuple[int, int, str]] = []
    for start, end in _lines(text):
        line = text[start:end]
        view = normalise(line)
        kind = _classify_line(view.text, c)
        if kind:
            found.append((start, end, kind))
            continue
        for a, b, k in [*_ui_sentences(view.text, c), *_tails(view.text, c)]:
            oa, ob = view.to_original(a, b)
            while ob > oa and line[ob - 1].isspace():
                ob -= 1
            found.append((start + oa, start + ob, k))
    return found


def build() -> Callable[[Document], None]:
    _compiled()  # compile the cues once, when the pipeline is built

    def run(doc: Document) -> None:
        doc.add("boilerplate", [
            Span(a, b, "boilerplate", {"kind": kind}, STAGE) for a, b, kind in find_boilerplate(doc.text)
        ])

    return run
