"""Infer an article's publication date from its text when metadata gives none.

Evidence, each general (no rule names a particular article):

- windows: a weekday written next to an explicit date that agrees with it ("الأربعاء 12
  فبراير 2025"), and a dated event of the entity registry (``type`` EVENT with ``start``)
  tied to a weekday of the same weekday or to "هذا الأسبوع" in its sentence.  A past-tense
  tie puts publication within the six days after the date, a future-tense one within the six
  days before, "this week" within six days either side;
- bounds: explicit full dates, months and years told in the past are on or before
  publication; explicit full dates told in the future are on or after it;
- the weekday of publication: "اليوم الثلاثاء", "أمس الاثنين".

The feasible days are the intersection; the estimate is the middle feasible day.  Confidence:
``high`` when one day remains, ``medium`` when the feasible days lie within a week, ``low``
(value None) when only bounds or a wider range remain, ``unknown`` when nothing speaks.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from rasid.arabic.normalise import fold, normalise
from rasid.dates import hijri
from rasid.dates.expressions import Mention, find_mentions
from rasid.doc import Document

_WEEK = dt.timedelta(days=6)
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_MIN_NAME = 5  # folded characters: shorter event names are too ambiguous to search for


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def registry_events() -> tuple[tuple[str, tuple[str, ...], dt.date, dt.date], ...]:
    """(id, folded names, start, end) of every registry EVENT with a day-precise start."""
    entries: list[dict[str, Any]] = []
    try:
        from rasid.entities.registry import load_registry

        entries = list(load_registry(use_default_overlay=False).entries.values())
    except Exception:  # no registry module or an invalid file: read the shipped JSONL directly
        folder = resources.files("rasid").joinpath("data/entities")
        for path in folder.iterdir() if folder.is_dir() else []:
            if not path.name.endswith(".jsonl"):
                continue
            for line in path.read_text("utf-8").splitlines():
                try:
                    raw = json.loads(line)
                except ValueError:
                    continue
                if isinstance(raw, dict):
                    entries.append(raw)
    out = []
    for e in entries:
        if e.get("type") != "EVENT":
            continue
        start = _date(e.get("start"))
        if start is None:
            continue
        end = _date(e.get("end"))
        if end is None and e.get("end") is not None:
            continue  # a month-precise end: too vague to date an article
        end = end or start
        if e.get("end") is None and "end" in e:
            continue  # open-ended (an ongoing war): no anchor
        if (end - start).days > 7:
            continue  # a long event does not fix a week
        names = {fold(n) for key in ("name", "variants", "aliases")
                 for n in ([e[key]] if isinstance(e.get(key), str) else e.get(key) or [])
                 if isinstance(n, str)}
        names = {n for n in names if len(n) >= _MIN_NAME}
        out.append((str(e.get("id")), tuple(sorted(names)), start, end))
    return tuple(out)


def _sentence_of(text: str) -> list[int]:
    """Sentence number of every character offset (ends of sentences at . ! ? ؟ and newlines)."""
    numbers = []
    n = 0
    for ch in text:
        numbers.append(n)
        if _SENTENCE_END.match(ch):
            n += 1
    numbers.append(n)
    return numbers


_STOP = frozenset({"في", "بين", "مع", "من", "الى", "علي", "عن"})


def _content(word: str) -> str:
    """A folded word without a leading conjunction, preposition or article."""
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
    if len(word) > 3 and word[0] in "بلك" and not word.startswith("ال"):
        word = word[1:]
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return word


def _event_mentions(doc: Document, sentence: list[int]) -> list[tuple[frozenset[int], str, dt.date, dt.date]]:
    """(sentence numbers, id, start, end) of registry events the text names: a linked entity
    mention, or every content word of one of the event's names inside two adjacent sentences."""
    events = registry_events()
    if not events:
        return []
    by_id = {eid: (start, end) for eid, _, start, end in events}
    found: list[tuple[frozenset[int], str, dt.date, dt.date]] = []
    for span in doc.spans("entities"):
        eid = span.attrs.get("id")
        if eid in by_id:
            found.append((frozenset({sentence[span.start]}), eid, *by_id[eid]))
    view = normalise(doc.text)
    words_by_sentence: dict[int, set[str]] = {}
    for m in re.finditer(r"[\u0621-\u064a]+|[a-z]+|\d+", view.text):
        words_by_sentence.setdefault(sentence[view.starts[m.start()]], set()).add(_content(m.group()))
    seen = {eid for _, eid, _, _ in found}
    last = max(words_by_sentence, default=-1)
    for eid, names, start, end in events:
        if eid in seen:
            continue
        keys = [frozenset(_content(w) for w in name.split() if w not in _STOP) for name in names]
        keys = [k for k in keys if len(k) >= 3]  # two words ("الحرب الروسية") say too little
        for n in range(last + 1):
            pair = words_by_sentence.get(n, set()) | words_by_sentence.get(n + 1, set())
            if any(k <= pair for k in keys):
                found.append((frozenset({n, n + 1}), eid, start, end))
                break
    return found


def _absolute_date(m: Mention) -> dt.date | None:
    if m.kind != "full":
        return None
    if m.calendar == "hijri":
        return hijri.to_gregorian(m.year or 0, m.month or 0, m.day or 0)
    try:
        return dt.date(m.year or 0, m.month or 0, m.day or 0)
    except ValueError:
        return None


def infer_published(doc: Document, mentions: list[Mention] | None = None
                    ) -> tuple[str | None, str, list[str]]:
    """(YYYY-MM-DD or None, confidence, evidence) for the document's publication date."""
    if mentions is None:
        mentions = find_mentions(doc.text)
    sentence = _sentence_of(doc.text)
    evidence: list[str] = []
    windows: list[tuple[dt.date, dt.date]] = []
    lo: dt.date | None = None
    hi: dt.date | None = None
    weekdays: set[int] = set()

    def surface(m: Mention) -> str:
        return doc.text[m.start:m.end]

    for m in mentions:
        d = _absolute_date(m)
        if d is not None:
            if m.weekday is not None and m.weekday == d.weekday():
                win = (d, d + _WEEK) if m.tense == "past" else (d - _WEEK, d)
                windows.append(win)
                evidence.append(f"weekday and date agree: «{surface(m)}» ({m.tense})")
            if m.tense == "future":
                hi = d if hi is None else min(hi, d)
            else:
                lo = d if lo is None else max(lo, d)
        elif m.kind == "month_year" and m.calendar == "gregorian" and m.tense == "past":
            first = dt.date(m.year or 1, m.month or 1, 1)
            lo = first if lo is None else max(lo, first)
        elif m.kind == "year" and m.calendar == "gregorian" and 1900 <= (m.year or 0) <= 2100:
            first = dt.date(m.year or 1900, 1, 1)
            lo = first if lo is None else max(lo, first)
        elif m.kind == "day_word" and m.weekday is not None:
            weekdays.add((m.weekday - (m.offset or 0)) % 7)
            evidence.append(f"day word with weekday: «{surface(m)}»")

    for where, eid, start, end in _event_mentions(doc, sentence):
        tied = False
        for m in mentions:
            if m.kind == "weekday" and m.shift is None and m.weekday in (start.weekday(), end.weekday()):
                anchor = start if m.weekday == start.weekday() else end
                if sentence[m.start] not in where and m.tense != "future":
                    continue  # a past weekday elsewhere in the text may be any other day
                win = (anchor, anchor + _WEEK) if m.tense == "past" else (anchor - _WEEK, anchor)
                windows.append(win)
                evidence.append(f"event {eid} ({anchor}) on «{surface(m)}» ({m.tense})")
                tied = True
            elif m.kind == "period" and m.unit == "week" and m.shift == "current" and sentence[m.start] in where:
                windows.append((start - _WEEK, end + _WEEK))
                evidence.append(f"event {eid} ({start}) «{surface(m)}»")
                tied = True
        if not tied:
            evidence.append(f"mentions event {eid} ({start}), no tie to a weekday")

    if lo is not None:
        evidence.append(f"not before {lo}")
    if hi is not None:
        evidence.append(f"not after {hi}")
    if not windows:
        return None, ("low" if evidence else "unknown"), evidence

    a = max(w[0] for w in windows)
    b = min(w[1] for w in windows)
    if a > b:
        return None, "low", evidence + ["the windows disagree"]
    if lo is not None and lo <= b:
        a = max(a, lo)
    if hi is not None and hi >= a:
        b = min(b, hi)
    days = [a + dt.timedelta(days=k) for k in range((b - a).days + 1)]
    if weekdays:
        days = [d for d in days if d.weekday() in weekdays]
    if not days:
        return None, "low", evidence + ["no day fits every clue"]
    estimate = days[len(days) // 2]
    spread = (days[-1] - days[0]).days
    confidence = "high" if spread == 0 else "medium" if spread <= 7 else "low"
    return (estimate.isoformat() if confidence != "low" else None), confidence, evidence
