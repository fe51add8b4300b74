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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rasid.arabic.normalise import fold, normalise
from rasid.dates import hijri
from rasid.dates.expressions import Mention, find_mentions
from rasid.doc import Document

_WEEK = dt.timedelta(days=6)
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_MIN_WORDS = 3  # a shorter piece between sentence ends is a fragment of the one before
_MIN_NAME = 5  # folded characters: shorter event names are too ambiguous to search for


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _registry_entries() -> tuple[dict[str, Any], ...]:
    """Every entry of the shipped registry (all ``*.jsonl`` under ``rasid/data/entities``)."""
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
    return tuple(entries)


def _strings(e: dict[str, Any], *keys: str) -> list[str]:
    return [n for key in keys for n in ([e[key]] if isinstance(e.get(key), str) else e.get(key) or [])
            if isinstance(n, str)]


def _short_event(e: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """(start, end) of a day-precise EVENT of at most a week, else None."""
    if e.get("type") != "EVENT":
        return None
    start = _date(e.get("start"))
    if start is None or "end" in e and e.get("end") is None:
        return None  # open-ended (an ongoing war): no anchor
    end = _date(e.get("end")) if e.get("end") is not None else start
    if end is None or (end - start).days > 7:
        return None  # a month-precise end or a long event does not fix a week
    return start, end


@lru_cache(maxsize=1)
def registry_events() -> tuple[tuple[str, tuple[str, ...], dt.date, dt.date], ...]:
    """(id, folded names, start, end) of every registry EVENT with a day-precise start."""
    out = []
    for e in _registry_entries():
        span = _short_event(e)
        if span is None:
            continue
        names = {fold(n) for n in _strings(e, "name", "variants", "aliases")}
        names = {n for n in names if len(n) >= _MIN_NAME}
        out.append((str(e.get("id")), tuple(sorted(names)), *span))
    return tuple(out)


@dataclass(frozen=True)
class Meeting:
    """A dated registry EVENT that has generic names (a recurring meeting)."""

    id: str
    generic: tuple[frozenset[str], ...]  # content words of each generic name
    start: dt.date
    end: dt.date
    places: tuple[str, ...]  # folded names of its city and country


@lru_cache(maxsize=1)
def registry_meetings() -> tuple[Meeting, ...]:
    """Dated registry EVENTs with generic names of two content words or more."""
    entries = _registry_entries()
    by_id = {e.get("id"): e for e in entries}
    out = []
    for e in entries:
        span = _short_event(e)
        if span is None:
            continue
        keys = {_key(fold(g)) for g in _strings(e, "generic")}
        keys = {k for k in keys if len(k) >= 2}  # "القمة" alone names every summit
        if not keys:
            continue
        places = {fold(n) for pid in (e.get("city"), e.get("place")) if pid in by_id
                  for n in _strings(by_id[pid], "name", "variants")}
        out.append(Meeting(str(e["id"]), tuple(sorted(keys, key=sorted)), *span, tuple(sorted(places))))
    return tuple(out)


@dataclass(frozen=True)
class Role:
    titles: tuple[str, ...]  # folded full titles (unambiguous given the date)
    generic: tuple[str, ...]  # folded bare titles
    start: dt.date
    end: dt.date


@lru_cache(maxsize=1)
def registry_people() -> tuple[tuple[str, tuple[str, ...], tuple[Role, ...]], ...]:
    """(id, folded full names, dated roles) of every registry person with a role."""
    out = []
    for e in _registry_entries():
        if e.get("type") != "PER":
            continue
        roles = []
        for r in e.get("roles") or []:
            start = _date(r.get("start")) or dt.date.min
            end = _date(r.get("end")) or dt.date.max
            if r.get("start") is not None and start == dt.date.min or r.get("end") is not None and end == dt.date.max:
                continue  # a month- or year-precise bound: not used
            titles = tuple(sorted({fold(t) for t in _strings(r, "title")}))
            generic = tuple(sorted({fold(t) for t in _strings(r, "generic")}))
            if titles or generic:
                roles.append(Role(titles, generic, start, end))
        names = tuple(sorted({fold(n) for n in _strings(e, "name", "variants")} - {""}))
        if roles and names:
            out.append((str(e["id"]), names, tuple(roles)))
    return tuple(out)


def _sentence_of(text: str) -> list[int]:
    """Sentence number of every character offset.  A sentence ends at . ! ? ؟ or a newline
    (a run of them ends one sentence); a piece of fewer than three words (a stray fragment
    such as «بواسطة الدبلوماسية».) joins the sentence before it."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"(?:[.!?؟\n]\s*)+", text):
        pieces.append((start, m.end()))
        start = m.end()
    if start < len(text) or not pieces:
        pieces.append((start, len(text)))
    numbers: list[int] = []
    n = -1
    for a, b in pieces:
        if n < 0 or len(re.findall(r"\w+", text[a:b])) >= _MIN_WORDS:
            n += 1
        numbers.extend([n] * (b - a))
    numbers.append(max(n, 0))
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


def _key(folded_name: str) -> frozenset[str]:
    """The content words of a folded name (the bag matched against two adjacent sentences)."""
    return frozenset(_content(w) for w in folded_name.split() if w not in _STOP)


def _words_by_sentence(view_text: str, starts: tuple[int, ...], sentence: list[int]) -> dict[int, set[str]]:
    words: dict[int, set[str]] = {}
    for m in re.finditer(r"[\u0621-\u064a]+|[a-z]+|\d+", view_text):
        words.setdefault(sentence[starts[m.start()]], set()).add(_content(m.group()))
    return words


def _find_bag(key: frozenset[str], words: dict[int, set[str]]) -> frozenset[int] | None:
    """The first sentence, or pair of adjacent sentences, holding every word of ``key``."""
    for n in sorted(words):
        if key <= words[n]:
            return frozenset({n})
        if key <= words[n] | words.get(n + 1, set()):
            return frozenset({n, n + 1})
    return None


def _event_mentions(doc: Document, sentence: list[int], words_by_sentence: dict[int, set[str]] | None = None
                    ) -> list[tuple[frozenset[int], str, dt.date, dt.date]]:
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
    if words_by_sentence is None:
        view = normalise(doc.text)
        words_by_sentence = _words_by_sentence(view.text, view.starts, sentence)
    seen = {eid for _, eid, _, _ in found}
    last = max(words_by_sentence, default=-1)
    every = set().union(*words_by_sentence.values())
    pairs: list[set[str]] | None = None
    for (eid, start, end), keys in _event_keys(events):
        if eid in seen:
            continue
        keys = [k for k in keys if k <= every]  # a key with a word absent from the text matches nowhere
        if not keys:
            continue
        if pairs is None:
            pairs = [words_by_sentence.get(n, set()) | words_by_sentence.get(n + 1, set()) for n in range(last + 1)]
        for n, pair in enumerate(pairs):
            if any(k <= pair for k in keys):
                found.append((frozenset({n, n + 1}), eid, start, end))
                break
    return found


_EVENT_KEYS: list = [None, None]  # (events tuple, its keys): registry_events() is built once


def _event_keys(events: tuple) -> list[tuple[tuple[str, dt.date, dt.date], list[frozenset[str]]]]:
    """((id, start, end), content-word keys of its names of three words or more) per event."""
    if _EVENT_KEYS[0] is not events:
        out = []
        for eid, names, start, end in events:
            keys = [frozenset(_content(w) for w in name.split() if w not in _STOP) for name in names]
            keys = [k for k in keys if len(k) >= 3]  # two words ("الحرب الروسية") say too little
            out.append(((eid, start, end), keys))
        _EVENT_KEYS[:] = [events, out]
    return _EVENT_KEYS[1]


_TITLE_GAP = 30  # folded characters allowed between a title and the name it introduces
_NEW = 90  # days: a "new" office holder ("وزير الدفاع الأمريكي الجديد") took office at most this long ago
_NEW_WORDS = ("الجديد", "الجديده")
_FORMER_WORDS = ("السابق", "السابقه", "الاسبق", "الاسبقه", "المنتخب", "المنتخبه", "المكلف", "المرشح")


def _bounded(text: str, a: int, b: int) -> bool:
    """text[a:b] is a whole word sequence (no letter glued on either side)."""
    return (a == 0 or not text[a - 1].isalpha()) and (b >= len(text) or not text[b].isalpha())


@dataclass(frozen=True)
class RoleWindow:
    person: str
    title: str  # the folded title found before (or after) the name
    start: dt.date
    end: dt.date
    new: bool  # the text calls the holder of one of these titles new


def _role_windows(view_text: str) -> list[RoleWindow]:
    """Every registry person named with one of their dated role titles next to the name: the
    date lies inside that role (the union of the person's roles carrying that title).  A title
    marked former, elect or designate says nothing about the date and is skipped."""
    out: list[RoleWindow] = []
    called_new: dict[str, bool] = {}  # title -> whether the text calls its holder new anywhere

    def is_new(t: str) -> bool:
        if t not in called_new:  # once per title: a text naming one person 5,000 times stays linear
            called_new[t] = any(_bounded(view_text, k, k + len(t)) and
                                view_text[k + len(t):k + len(t) + 9].strip().startswith(_NEW_WORDS)
                                for k in [m.start() for m in re.finditer(re.escape(t), view_text)])
        return called_new[t]

    for pid, names, roles in registry_people():
        for name in names:
            at = view_text.find(name)
            while at >= 0:
                end = at + len(name)
                if _bounded(view_text, at, end):
                    found = _titled(view_text, at, end, roles)
                    if found is not None:
                        title, matched = found
                        new = any(is_new(t) for r in matched for t in r.titles)
                        out.append(RoleWindow(pid, title, min(r.start for r in matched),
                                              max(r.end for r in matched), new))
                at = view_text.find(name, end)
    return out


def _titled(text: str, at: int, end: int, roles: tuple[Role, ...]) -> tuple[str, list[Role]] | None:
    """(title, roles with it) when a title of ``roles`` stands just before the name at
    text[at:end] (at most _TITLE_GAP characters, same sentence) or right after it behind a
    comma; None when there is none or the title is marked former / elect."""
    before = text[max(0, at - _TITLE_GAP - 60):at]
    cut = max(before.rfind(c) for c in ".!?؟\n")
    before = before[cut + 1:]
    after = text[end:end + 80]
    best: tuple[str, list[Role]] | None = None
    for r in roles:
        for t in r.titles + r.generic:
            k = before.rfind(t)
            ok = k >= 0 and _bounded(before, k, k + len(t)) and len(before) - (k + len(t)) <= _TITLE_GAP
            if ok and any(w in before[k + len(t):].split() for w in _FORMER_WORDS):
                return None
            if not ok:
                tail = after.lstrip()
                ok = tail[:1] in ("،", ",") and tail[1:].lstrip().startswith(t)
            if ok:
                if best is None or len(t) > len(best[0]):
                    best = (t, [r])
                elif t == best[0]:
                    best[1].append(r)
    if best is not None and any(w in after[:12].split() for w in _FORMER_WORDS):
        return None
    return best


_MEETING_KINDS: list = [None, None]  # (meetings tuple, kinds): registry_meetings() is built once


def _meeting_kinds(meetings: tuple[Meeting, ...]) -> dict[frozenset[str], list[Meeting]]:
    """The meetings of each generic key, keys in first-seen order."""
    if _MEETING_KINDS[0] is not meetings:
        kinds: dict[frozenset[str], list[Meeting]] = {}
        for mt in meetings:
            for key in mt.generic:
                kinds.setdefault(key, []).append(mt)
        _MEETING_KINDS[:] = [meetings, kinds]
    return _MEETING_KINDS[1]


def _meeting_windows(doc: Document, mentions: list[Mention], sentence: list[int],
                     specific: set[str], bound: tuple[dt.date, dt.date], new: list[RoleWindow],
                     lo: dt.date | None, words: dict[int, set[str]] | None = None
                     ) -> tuple[list[tuple[dt.date, dt.date]], list[str]]:
    """Windows from generic meeting names ("اجتماع وزراء دفاع الناتو") tied to a weekday in the
    same or an adjacent sentence: the registry meetings of that kind with a day of that weekday,
    narrowed by the role windows (``bound``), "new" office holders, the not-before bound ``lo``,
    a city or country named nearby and months or years told nearby.  One window when a single
    meeting day remains; ambiguity is reported, never guessed."""
    meetings = registry_meetings()
    if not meetings:
        return [], []
    if words is None:
        view = normalise(doc.text)
        words = _words_by_sentence(view.text, view.starts, sentence)
    kinds = _meeting_kinds(meetings)
    every = set().union(*words.values())
    found = [(where, key) for key in kinds if key <= every and (where := _find_bag(key, words)) is not None]
    if not found:
        return [], []
    # a longer name found over the same sentences is the more specific description
    near_of = {key: set(range(min(w) - 1, max(w) + 2)) for w, key in found}
    found = [(w, key) for w, key in found
             if not any(len(k2) > len(key) and not k2 > key and near_of[k2] & set(w) and
                        {m.id for m in kinds[k2]} != {m.id for m in kinds[key]} for _, k2 in found)
             and not any(k2 > key for _, k2 in found)]
    seen_kinds: set[frozenset[str]] = set()
    windows: list[tuple[dt.date, dt.date]] = []
    evidence: list[str] = []
    for where, key in found:
        ids = frozenset(m.id for m in kinds[key])
        if ids in seen_kinds:
            continue
        seen_kinds.add(ids)
        if ids & specific:
            continue  # the text names the meeting itself: handled with the registry's events
        near = set(range(min(where) - 1, max(where) + 2))
        a0 = min(i for i, n in enumerate(sentence[:-1]) if n in near)
        a1 = max(i for i, n in enumerate(sentence[:-1]) if n in near) + 1
        near_text = normalise(doc.text[a0:a1]).text
        label = " ".join(sorted(key))
        for m in mentions:
            if m.weekday is None or sentence[m.start] not in near:
                continue
            if not (m.kind == "weekday" and m.shift is None or m.kind == "day_word"):
                continue
            cands = []
            for mt in kinds[key]:
                days = [mt.start + dt.timedelta(days=k) for k in range((mt.end - mt.start).days + 1)]
                day = next((d for d in days if d.weekday() == m.weekday), None)
                if day is not None:
                    cands.append((mt, day))
            if not cands:
                continue
            steps = [f"{len(cands)} with that weekday"]
            cands = [(mt, d) for mt, d in cands if bound[0] <= d + _WEEK and d - _WEEK <= bound[1]]
            if bound != (dt.date.min, dt.date.max):
                steps.append(f"{len(cands)} in the office holders' window {_span(bound)}")
            if new:
                cands = [(mt, d) for mt, d in cands
                         if all(w.start <= d <= w.start + dt.timedelta(days=_NEW) for w in new)]
                steps.append(f"{len(cands)} while {', '.join(sorted({w.person for w in new}))} new in office")
            if lo is not None:
                cands = [(mt, d) for mt, d in cands if d >= lo - _WEEK]
            placed = [(mt, d) for mt, d in cands if any(
                (k := near_text.find(p)) >= 0 and _bounded(near_text, k, k + len(p)) for p in mt.places)]
            if placed and len(placed) < len(cands):
                cands = placed
                steps.append(f"{len(cands)} at the place named")
            told = [x for x in mentions if sentence[x.start] in near and x.calendar == "gregorian"
                    and x.kind in ("month", "month_year", "year")]
            agree = [(mt, d) for mt, d in cands if any(
                (x.month is None or x.month == d.month) and (x.year is None or x.year == d.year) for x in told)]
            if agree and len(agree) < len(cands):
                cands = agree
                steps.append(f"{len(cands)} in the month/year told")
            anchors = sorted({d for _, d in cands})
            head = f"meeting «{label}» on «{doc.text[m.start:m.end]}»: " + ", ".join(steps)
            if any(e.startswith(head) for e in evidence):
                continue  # the same weekday written twice
            if len(anchors) != 1:
                if anchors:
                    evidence.append(head + " — ambiguous: " + ", ".join(
                        f"{mt.id} ({d})" for mt, d in sorted(cands, key=lambda c: c[1])))
                continue
            day = anchors[0]
            if m.kind == "day_word":
                pub = day - dt.timedelta(days=m.offset or 0)
                windows.append((pub, pub))
            elif m.tense == "future":
                windows.append((day - _WEEK, day))
            else:
                windows.append((day, day + _WEEK))
            evidence.append(head + f" → {cands[0][0].id} ({day}, {m.tense if m.kind == 'weekday' else 'that day'})")
    return windows, evidence


def _span(w: tuple[dt.date, dt.date]) -> str:
    return f"{'…' if w[0] == dt.date.min else w[0]}–{'…' if w[1] == dt.date.max else w[1]}"


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

    view = normalise(doc.text)
    words = _words_by_sentence(view.text, view.starts, sentence)
    events_found = _event_mentions(doc, sentence, words)
    for where, eid, start, end in events_found:
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

    roles = _role_windows(view.text)
    bound = (dt.date.min, dt.date.max)
    if roles:
        a0 = max(r.start for r in roles)
        b0 = min(r.end for r in roles)
        for r in roles:
            evidence.append(f"office: {r.person} «{r.title}» {_span((r.start, r.end))}" + (" (new)" * r.new))
        if a0 <= b0:
            bound = (a0, b0)
        else:
            evidence.append("the office windows disagree")
    new_roles = [r for r in roles if r.new] if bound != (dt.date.min, dt.date.max) else []
    specific = {eid for _, eid, _, _ in events_found}
    more, notes = _meeting_windows(doc, mentions, sentence, specific, bound, new_roles, lo, words)
    windows.extend(more)
    evidence.extend(notes)
    if bound[0] != dt.date.min:
        lo = bound[0] if lo is None else max(lo, bound[0])
    if bound[1] != dt.date.max:
        hi = bound[1] if hi is None else min(hi, bound[1])

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
