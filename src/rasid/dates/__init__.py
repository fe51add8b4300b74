"""Dates: expression matching, resolution against the publication date, Hijri conversion,
published-date inference and a benchmark against dateparser.

Public API: :func:`find_mentions`, :func:`resolve`, :func:`infer_published`.
"""

from rasid.dates.expressions import Mention, find_mentions
from rasid.dates.published import infer_published
from rasid.dates.resolve import resolve

__all__ = ["Mention", "find_mentions", "infer_published", "resolve"]
