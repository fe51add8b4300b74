"""Digits: Arabic-Indic and Persian digits to ASCII for parsing (same length, offsets kept)."""

from __future__ import annotations

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
_DIGITS = str.maketrans(_ARABIC_INDIC + _PERSIAN, "0123456789" * 2)


def to_ascii_digits(text: str) -> str:
    """Replace Arabic-Indic and Persian digits by ASCII ones; every other character stays."""
    return text.translate(_DIGITS)


def is_digit_char(ch: str) -> bool:
    return ch.isdigit() and (ch in "0123456789" or ch in _ARABIC_INDIC or ch in _PERSIAN)
