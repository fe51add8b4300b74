"""Parse the published date that metadata or the user gives into ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
import re

from rasid.arabic.numerals import to_ascii_digits

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def clean_published(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO-like string or date; None when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    match = _ISO.search(to_ascii_digits(str(value)))
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    try:
        import dateparser

        parsed = dateparser.parse(str(value), settings={"PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # dateparser raises on odd input; a bad date is just unknown
        return None
    return parsed.date().isoformat() if parsed else None
