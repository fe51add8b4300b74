"""Number words and digit strings: exact values, offsets of find_numbers."""

from __future__ import annotations

import pytest

from rasid.arabic.numbers import find_numbers, parse_digits, words_to_number


@pytest.mark.parametrize("phrase,value", [
    ("ثلاثة", 3), ("ثلاث", 3), ("ثلاثين", 30), ("ثلاثون", 30), ("أحد عشر", 11), ("إحدى عشرة", 11),
    ("تسعة عشر", 19), ("عشرون", 20), ("خمسة وعشرون", 25), ("مئة", 100), ("مائة", 100), ("مئتان", 200),
    ("مئتين", 200), ("ثلاث مائة", 300), ("خمسمائة", 500), ("مئة وخمسون", 150), ("ألف", 1000),
    ("ألفين", 2000), ("ثلاثة آلاف", 3000), ("ثلاثة آلاف وخمسمائة", 3500), ("مليون", 1_000_000),
    ("ملايين", 1_000_000), ("مليارين", 2_000_000_000), ("ترليون", 10**12), ("نصف مليون", 500_000),
    ("3 ملايين ونصف", 3_500_000), ("مليار و500 مليون", 1_500_000_000), ("5 مليارات", 5_000_000_000),
    ("10 آلاف", 10_000), ("٣٫٥ مليار", 3_500_000_000), ("بخمسة", 5),
])
def test_words_to_number(phrase: str, value: float) -> None:
    assert words_to_number(phrase) == value


@pytest.mark.parametrize("phrase", ["أحد", "لست", "3 و5", "عشرات", "الأعضاء"])
def test_not_one_number(phrase: str) -> None:
    assert words_to_number(phrase) is None


@pytest.mark.parametrize("surface,value", [
    ("1,500", 1500), ("1.500", 1500), ("1.500.000", 1_500_000), ("2.5", 2.5), ("2,5", 2.5), ("0.500", 0.5),
    ("1,500.25", 1500.25), ("1.500,25", 1500.25), ("٣٫٥", 3.5), ("١٬٥٠٠", 1500), ("١٫٥٠٠", 1.5),
    ("۱۲", 12), ("12345", 12345),
])
def test_parse_digits(surface: str, value: float) -> None:
    assert parse_digits(surface) == value


def test_scale_makes_three_digits_decimal() -> None:
    assert parse_digits("3.500", scaled=True) == 3.5


def test_find_numbers_offsets() -> None:
    text = "بين 3 و5 مليارات، ثم ثلاثة آلاف"
    found = find_numbers(text)
    assert [(text[m.start:m.end], m.value) for m in found] == [
        ("3", 3), ("5 مليارات", 5_000_000_000), ("ثلاثة آلاف", 3000)]
