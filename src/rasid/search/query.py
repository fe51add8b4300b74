"""Parse a query, run it on the FTS5 index with filters, rank by bm25 and build highlighted snippets.

Query syntax: words (all must match, in any order, each regardless of diacritics, tatweel,
letter variants and attached clitics) and phrases in double quotes (``"حلف شمال الأطلسي"``,
also ``“…”`` and ``«…»``) whose words must follow each other.  The query text never reaches
FTS5's own syntax: every key is quoted, so ``OR``, ``*``, ``NEAR`` or a stray quote are words.

Results are documents ranked by the bm25 score of their best unit (titles weigh double), each
with up to ``snippets`` best sentences; highlights are original character offsets.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from html import escape
from typing import Any

from rasid.errors import RasidError
from rasid.search.keys import keyed_words, query_keys

_PHRASE_RE = re.compile(r'"([^"]*)"|“([^”]*)”|«([^»]*)»')
_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
SNIPPET_CHARS = 240
TITLE_WEIGHT, BODY_WEIGHT = 2.0, 1.0


class SearchError(RasidError):
    """A query or a filter that cannot be searched (empty query, malformed date)."""

    code = "E500"


@dataclass(frozen=True, slots=True)
class Term:
    kind: str  # "word": keys are alternatives | "phrase": keys follow each other
    keys: tuple[str, ...]
    text: str


@dataclass
class Filters:
    entity: str | None = None
    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    has_quote: bool = False

    def check(self) -> None:
        for name, value in (("from", self.date_from), ("to", self.date_to)):
            if value is not None and not _DATE_RE.fullmatch(value):
                raise SearchError(f"--{name} must be a date like 2024-12-31 (or 2024-12, 2024), not {value!r}")


@dataclass
class SearchResult:
    total: int
    hits: list[dict[str, Any]] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


def parse_query(query: str) -> list[Term]:
    """Words and quoted phrases of a query, as index keys."""
    terms: list[Term] = []
    pos = 0
    for m in _PHRASE_RE.finditer(query):
        terms += _word_terms(query[pos:m.start()])
        inner = next(g for g in m.groups() if g is not None)
        keys = tuple(k for _, _, k in keyed_words(inner))
        if len(keys) == 1:
            terms.append(Term("word", query_keys(inner.strip()), inner.strip()))
        elif keys:
            terms.append(Term("phrase", keys, inner.strip()))
        pos = m.end()
    terms += _word_terms(query[pos:])
    return terms


def _word_terms(chunk: str) -> list[Term]:
    out = []
    for a, b, _ in keyed_words(chunk):
        word = chunk[a:b]
        out.append(Term("word", query_keys(word), word))
    return out


def _quote(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'


def match_expression(terms: list[Term]) -> str:
    """The FTS5 MATCH string for parsed terms (every key quoted)."""
    parts = []
    for t in terms:
        if t.kind == "phrase":
            parts.append(_quote(" ".join(t.keys)))
        elif len(t.keys) == 1:
            parts.append(_quote(t.keys[0]))
        else:
            parts.append("(" + " OR ".join(_quote(k) for k in t.keys) + ")")
    return " AND ".join(parts)


def _filter_sql(filters: Filters) -> tuple[str, list[Any]]:
    sql, params = [], []
    if filters.entity:
        sql.append("EXISTS (SELECT 1 FROM entity_mentions m WHERE m.doc_id = u.doc_id AND m.entity_id = ?)")
        params.append(filters.entity)
    if filters.source:
        sql.append("d.source = ?")
        params.append(filters.source)
    if filters.date_from:
        sql.append("substr(d.published, 1, ?) >= ?")
        params += [len(filters.date_from), filters.date_from]
    if filters.date_to:
        sql.append("substr(d.published, 1, ?) <= ?")
        params += [len(filters.date_to), filters.date_to]
    if filters.has_quote:
        sql.append("u.field = 'text' AND EXISTS (SELECT 1 FROM annotations a WHERE a.doc_id = u.doc_id "
                   "AND a.layer = 'quotes' AND a.start < u.\"end\" AND a.\"end\" > u.start)")
    return "".join(f" AND {s}" for s in sql), params


def search(conn: sqlite3.Connection, query: str, filters: Filters | None = None, *, limit: int = 20,
           offset: int = 0, snippets: int = 3) -> SearchResult:
    """Documents matching ``query`` (best first) with highlighted snippets; ``total`` counts all."""
    filters = filters or Filters()
    filters.check()
    terms = parse_query(query)
    if not terms:
        raise SearchError("the query has no words to search for")
    where, params = _filter_sql(filters)
    ctes = f"""
    WITH hits AS MATERIALIZED (
        SELECT u.id AS unit_id, u.doc_id AS doc_id, bm25(sentences_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score
        FROM sentences_fts JOIN search_units u ON u.id = sentences_fts.rowid
        JOIN documents d ON d.id = u.doc_id
        WHERE sentences_fts MATCH ?{where}
    ),
    docs AS MATERIALIZED (SELECT doc_id, MIN(score) AS best, COUNT(*) AS n FROM hits GROUP BY doc_id)"""
    sql = ctes + """,
    page AS MATERIALIZED (SELECT doc_id, best, n FROM docs ORDER BY best, doc_id LIMIT ? OFFSET ?),
    ranked AS (
        SELECT h.unit_id, h.doc_id, h.score,
               ROW_NUMBER() OVER (PARTITION BY h.doc_id ORDER BY h.score, h.unit_id) AS rn
        FROM hits h WHERE h.doc_id IN (SELECT doc_id FROM page)
    )
    SELECT p.doc_id, p.best, p.n, (SELECT COUNT(*) FROM docs), r.unit_id, r.score
    FROM page p JOIN ranked r ON r.doc_id = p.doc_id AND r.rn <= ?
    ORDER BY p.best, p.doc_id, r.score, r.unit_id
    """
    expression = match_expression(terms)
    try:
        rows = conn.execute(sql, (expression, *params, max(0, limit), max(0, offset),
                                  max(1, snippets))).fetchall()
        if not rows:  # past the last page (or nothing found): still say how many there are
            total = conn.execute(ctes + " SELECT COUNT(*) FROM docs", (expression, *params)).fetchone()[0]
            return SearchResult(int(total), [], terms)
    except sqlite3.OperationalError as err:
        if "no such table" in str(err):
            raise SearchError("this database has no search index; open it with rasid (it migrates) "
                              "and run `rasid search` once") from None
        raise
    result = SearchResult(int(rows[0][3]), [], terms)
    by_doc: dict[str, dict[str, Any]] = {}
    for doc_id, best, n, _total, unit_id, _score in rows:
        hit = by_doc.get(doc_id)
        if hit is None:
            hit = by_doc[doc_id] = {"id": doc_id, "score": round(-float(best), 4), "matches": int(n),
                                    "snippets": []}
            result.hits.append(hit)
        hit["snippets"].append(unit_id)
    _fill(conn, result, terms)
    return result


def _fill(conn: sqlite3.Connection, result: SearchResult, terms: list[Term]) -> None:
    """Replace unit ids by snippets and add each hit's document fields."""
    for hit in result.hits:
        row = conn.execute("SELECT title, source, url, published, text FROM documents WHERE id = ?",
                           (hit["id"],)).fetchone()
        title, source, url, published, text = row
        hit.update(title=title, source=source, url=url, published=published)
        snippets = []
        for unit_id in hit["snippets"]:
            unit = conn.execute('SELECT u.field, u.start, u.end, u.offsets, f.title, f.body FROM search_units u '
                                "JOIN sentences_fts f ON f.rowid = u.id WHERE u.id = ?", (unit_id,)).fetchone()
            field_name, start, end, offsets, title_keys, body_keys = unit
            keys = (title_keys if field_name == "title" else body_keys).split()
            source_text = (title or "") if field_name == "title" else text
            spans = highlight_ranges(keys, _offsets(offsets), terms)
            snippets.append(make_snippet(source_text, field_name, start, end, spans))
        hit["snippets"] = snippets


def _offsets(blob: bytes) -> list[tuple[int, int]]:
    from rasid.search.index import unpack_offsets

    return unpack_offsets(blob)


def highlight_ranges(keys: list[str], offsets: list[tuple[int, int]],
                     terms: list[Term]) -> list[tuple[int, int]]:
    """Original ranges of the unit's words that match a term (phrases only where whole)."""
    marked = [False] * len(keys)
    for t in terms:
        if t.kind == "word":
            wanted = set(t.keys)
            for i, k in enumerate(keys):
                if k in wanted:
                    marked[i] = True
        else:
            n = len(t.keys)
            for i in range(len(keys) - n + 1):
                if tuple(keys[i:i + n]) == t.keys:
                    for j in range(i, i + n):
                        marked[j] = True
    spans: list[tuple[int, int]] = []
    for i, on in enumerate(marked):
        if not on or i >= len(offsets):
            continue
        a, b = offsets[i]
        if i > 0 and marked[i - 1] and spans and _joinable(spans[-1], a):
            spans[-1] = (spans[-1][0], b)  # a phrase or neighbouring words: one mark
        else:
            spans.append((a, b))
    return spans


def _joinable(prev: tuple[int, int], start: int) -> bool:
    return start - prev[1] <= 2


def make_snippet(text: str, field_name: str, start: int, end: int,
                 spans: list[tuple[int, int]]) -> dict[str, Any]:
    """A window of the unit around its first highlight, as text, offsets and escaped HTML."""
    lo, hi = start, end
    if hi - lo > SNIPPET_CHARS:
        first = spans[0][0] if spans else lo
        lo = max(start, first - SNIPPET_CHARS // 3)
        hi = min(end, lo + SNIPPET_CHARS)
        while lo > start and not text[lo - 1].isspace():
            lo -= 1
        while hi < end and not text[hi].isspace():
            hi += 1
    inside = [(a, b) for a, b in spans if a >= lo and b <= hi]
    pieces, pos = [], lo
    for a, b in inside:
        pieces.append(escape(text[pos:a]))
        pieces.append("<mark>" + escape(text[a:b]) + "</mark>")
        pos = b
    pieces.append(escape(text[pos:hi]))
    html = ("… " if lo > start else "") + "".join(pieces) + (" …" if hi < end else "")
    return {"field": field_name, "start": lo, "end": hi, "text": text[lo:hi],
            "highlights": [{"start": a, "end": b} for a, b in inside], "html": html}
