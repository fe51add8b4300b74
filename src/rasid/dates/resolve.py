"""Values for date mentions: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` at the expression's own
precision, resolved against the publication date where the expression is relative.

Choices (documented in the package README of the stage):
- a bare weekday reports an event: the most recent such day on or before publication (the
  same day counts); with a future cue before it (see ``data/dates/tense.json``) it is the
  first such day on or after publication.  "الأربعاء الماضي" is strictly before,
  "الأربعاء المقبل/القادم" strictly after.
- a day and month without year: the nearest such date, a tie going to the past; with a future
  cue the first one on or after publication.  A shift word after it decides instead:
  "أكتوبر الماضي" is the last October before publication's month, "مارس المقبل" the next March,
  "أغسطس الجاري" this year's (Hijri months count in Hijri months and years).
- weeks, intervals, vague and event-anchored expressions have value None.
- without a publication date, every relative expression has value None; nothing is invented.
"""

from __future__ import annotations

import datetime as dt

from rasid.dates import hijri
from rasid.dates.expressions import Mention


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _shifted(published: dt.date, unit: str | None, n: int) -> str | None:
    """The month or year n units from the published date, at that precision (None for other units)."""
    if unit == "month":
        y, mo = _add_months(published.year, published.month, n)
        return f"{y:04d}-{mo:02d}"
    if unit == "year":
        return f"{published.year + n:04d}"
    return None


def weekday_date(published: dt.date, weekday: int, shift: str | None, tense: str) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if shift == "past":
        return published - dt.timedelta(days=back or 7)
    ahead = (weekday - published.weekday()) % 7
    if shift == "next":
        return published + dt.timedelta(days=ahead or 7)
    if tense == "future":
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _nearest(candidates: list[dt.date], published: dt.date, tense: str,
             shift: str | None = None) -> dt.date | None:
    """The candidate nearest publication; a shift word ("الماضي", "المقبل", "الجاري") takes the
    last one strictly before, the first one strictly after, or the one of the same year."""
    if shift == "past":
        return max((c for c in candidates if c < published), default=None)
    if shift == "next":
        return min((c for c in candidates if c > published), default=None)
    if shift == "current":
        return next((c for c in candidates if c.year == published.year), None)
    if not candidates:
        return None
    if tense == "future":
        later = [c for c in candidates if c >= published]
        if later:
            return min(later)
    return min(candidates, key=lambda c: (abs((c - published).days), c > published))


def resolve(m: Mention, published: dt.date | None) -> dict[str, object]:
    """The public attrs of a mention's span: value, relative and, where they apply, calendar and
    value_end (the last day of a range such as "يومي 11 و12 يوليو")."""
    attrs: dict[str, object] = {"value": None, "relative": m.relative}
    if m.calendar == "hijri":
        attrs["calendar"] = "hijri"
    value, end = _value(m, published)
    attrs["value"] = value
    if end is not None:
        attrs["value_end"] = end
    return attrs


def _value(m: Mention, published: dt.date | None) -> tuple[str | None, str | None]:
    kind = m.kind
    if m.calendar == "hijri":
        return _hijri_value(m, published), None
    if kind == "full":
        d = _valid(m.year or 0, m.month or 0, m.day or 0)
        if d is None:
            return None, None
        end = _valid(d.year, d.month, m.end_day) if m.end_day else None
        return _iso(d), (_iso(end) if end and end > d else None)
    if kind == "month_year":
        return f"{m.year:04d}-{m.month:02d}", None
    if kind == "year":
        return f"{m.year:04d}", None
    if published is None:
        return None, None
    if kind == "day_month":
        cands = [d for y in (published.year - 1, published.year, published.year + 1)
                 if (d := _valid(y, m.month or 0, m.day or 0)) is not None]
        d = _nearest(cands, published, m.tense, m.shift)
        if d is None:
            return None, None
        end = _valid(d.year, d.month, m.end_day) if m.end_day else None
        return _iso(d), (_iso(end) if end and end > d else None)
    if kind == "month":
        cands = [dt.date(y, m.month or 1, 15) for y in (published.year - 1, published.year, published.year + 1)]
        d = _nearest(cands, published.replace(day=15), m.tense, m.shift)
        return (f"{d.year:04d}-{d.month:02d}" if d else None), None
    if kind == "weekday":
        return _iso(weekday_date(published, m.weekday or 0, m.shift, m.tense)), None
    if kind == "day_word":
        return _iso(published + dt.timedelta(days=m.offset or 0)), None
    if kind == "period":
        return _shifted(published, m.unit, {"past": -1, "next": 1}.get(m.shift or "", 0)), None
    if kind == "ago":
        if m.n is None or m.anchored:
            return None, None
        n = m.n * m.direction
        if m.unit == "hour":
            days = -((-n) // 24) if n < 0 else n // 24  # whole days only
            return _iso(published + dt.timedelta(days=days)), None
        if m.unit == "day":
            return _iso(published + dt.timedelta(days=n)), None
        return _shifted(published, m.unit, n), None
    return None, None


def _hijri_value(m: Mention, published: dt.date | None) -> str | None:
    if m.kind == "full":
        d = hijri.to_gregorian(m.year or 0, m.month or 0, m.day or 0)
        return _iso(d) if d else None
    if m.kind == "month_year":
        return hijri.month_value(m.year or 0, m.month or 0)
    if m.kind == "year":
        return hijri.year_value(m.year or 0)
    if published is None:
        return None
    today = hijri.from_gregorian(published)
    if today is None:
        return None
    day = m.day if m.kind == "day_month" else 15
    if m.kind not in ("day_month", "month"):
        return None
    if m.shift == "current":  # "7 شوال الجاري": this Hijri year's
        d = hijri.to_gregorian(today[0], m.month or 0, day or 0)
    else:
        cands = [d for y in (today[0] - 1, today[0], today[0] + 1)
                 if (d := hijri.to_gregorian(y, m.month or 0, day or 0)) is not None]
        # a month is compared with the middle of the current Hijri month, so "الماضي" is never it
        ref = published if m.kind == "day_month" else hijri.to_gregorian(today[0], today[1], 15) or published
        d = _nearest(cands, ref, m.tense, m.shift)
    if d is None:
        return None
    return _iso(d) if m.kind == "day_month" else f"{d.year:04d}-{d.month:02d}"


