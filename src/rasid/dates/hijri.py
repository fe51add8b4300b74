"""Hijri (Umm al-Qura) dates to Gregorian ones, through the hijridate package."""

from __future__ import annotations

import datetime as dt


def to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a Hijri date; None when out of hijridate's range or invalid."""
    from hijridate import Hijri

    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def from_gregorian(date: dt.date) -> tuple[int, int, int] | None:
    from hijridate import Gregorian

    try:
        h = Gregorian(date.year, date.month, date.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def month_value(year: int, month: int) -> str | None:
    """A Hijri month as the Gregorian month holding its 15th day (a month straddles two)."""
    g = to_gregorian(year, month, 15)
    return f"{g.year:04d}-{g.month:02d}" if g else None


def year_value(year: int) -> str | None:
    """A Hijri year as the Gregorian year holding its middle (1 Rajab)."""
    g = to_gregorian(year, 7, 1)
    return f"{g.year:04d}" if g else None
