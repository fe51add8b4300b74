"""The date vocabulary (``rasid/data/dates/*.json``) compiled once into folded lookup tables."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rasid.arabic.normalise import fold

Phrase = tuple[str, ...]


def _load(name: str) -> dict[str, Any]:
    return json.loads(resources.files("rasid").joinpath(f"data/dates/{name}").read_text("utf-8"))


def phrase_key(text: str) -> Phrase:
    """A lexicon entry as a tuple of folded words (``/`` and ``-`` stay words of their own)."""
    from rasid.dates.tokens import split_words

    return tuple(w for w, _, _ in split_words(fold(text)))


def _phrases(mapping: dict[str, Any]) -> dict[Phrase, Any]:
    out: dict[Phrase, Any] = {}
    for text, value in mapping.items():
        key = phrase_key(text)
        if key:
            out[key] = value
    return out


def _set(words: list[str]) -> dict[Phrase, bool]:
    return _phrases({w: True for w in words})


@dataclass(frozen=True)
class DateLexicon:
    """Folded phrase tables: each maps a tuple of words to its value."""

    greg_months: dict[Phrase, int]
    weak_months: frozenset[Phrase]
    hijri_months: dict[Phrase, int]
    weekdays: dict[str, int]  # bare folded name (without the article) -> weekday
    weekday_heads: frozenset[str]
    day_parts: dict[Phrase, bool]
    ordinal_days: dict[Phrase, int]
    year_cues_strong: frozenset[str]
    year_cues_weak: frozenset[str]
    month_cues: frozenset[str]
    era_hijri: frozenset[str]
    era_gregorian: frozenset[str]
    range_joiners: frozenset[str]
    numeric_separators: frozenset[str]
    day_words: dict[Phrase, int]
    today_blockers: frozenset[str]
    today_prefix_blockers: frozenset[str]
    shifts: dict[str, str]  # folded word -> past | next | current
    period_nouns: dict[str, str]  # folded word -> week | month | year
    period_prefixes: frozenset[str]
    ago_cues: dict[str, int]
    units: dict[str, tuple[str, str]]  # folded word -> (unit, one | two | many)
    number_words: dict[str, int | None]
    vague: dict[Phrase, bool]
    future_phrases: dict[Phrase, bool]
    same_year: dict[Phrase, bool]
    future_verbs: frozenset[str]
    past_verbs: frozenset[str]
    clause_openers: frozenset[str] = frozenset()  # relative pronouns: a tense cue before them is another clause's
    imperfect_prefixes: tuple[str, ...] = ()  # a verb opening with one is imperfect (the relative clause shares the tense)


def _f(words: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _prefixed(verbs: list[str], prefixes: tuple[str, ...]) -> set[str]:
    """Folded verbs with each of the particles that may stand glued before them."""
    return {pre + fold(verb) for verb in verbs for pre in prefixes}


@lru_cache(maxsize=1)
def lexicon() -> DateLexicon:
    cal = _load("calendar.json")
    rel = _load("relative.json")
    tense = _load("tense.json")
    greg = _phrases({name: int(m) for m, names in cal["gregorian_months"].items() for name in names})
    hijri = _phrases({name: int(m) for m, names in cal["hijri_months"].items() for name in names})
    weekdays = {fold(name): int(d) for d, names in cal["weekdays"].items() for name in names}
    shifts = {fold(w): kind for kind, words in rel["shift_words"].items() for w in words}
    periods = {fold(w): kind for kind, words in rel["period_nouns"].items() for w in words}
    units: dict[str, tuple[str, str]] = {}
    for unit, forms in rel["units"].items():
        for form in ("many", "one", "two"):  # later forms win: a dual is a dual
            for w in forms[form]:
                units[fold(w)] = (unit, form)
    future_verbs = _prefixed(tense["future_verbs"], ("", "و", "ف", "س", "وس", "فس", "ل", "ول"))
    past_verbs = _prefixed(tense["past_verbs"], ("", "و", "ف", "وقد", "قد"))
    return DateLexicon(
        greg_months=greg,
        weak_months=frozenset(phrase_key(w) for w in cal["weak_month_names"]),
        hijri_months=hijri,
        weekdays=weekdays,
        weekday_heads=_f(cal["weekday_heads"]),
        day_parts=_set(cal["day_parts"]),
        ordinal_days=_phrases(cal["ordinal_days"]),
        year_cues_strong=_f(cal["year_cues_strong"]),
        year_cues_weak=_f(cal["year_cues_weak"]),
        month_cues=_f(cal["month_cues"]),
        era_hijri=_f(cal["era_hijri"]),
        era_gregorian=_f(cal["era_gregorian"]),
        range_joiners=_f(cal["range_joiners"]),
        numeric_separators=frozenset(cal["numeric_separators"]),
        day_words=_phrases(rel["day_words"]),
        today_blockers=_f(rel["today_blockers"]),
        today_prefix_blockers=_f(rel["today_prefix_blockers"]),
        shifts=shifts,
        period_nouns=periods,
        period_prefixes=_f(rel["period_prefixes"]),
        ago_cues={fold(k): v for k, v in rel["ago_cues"].items()},
        units=units,
        number_words={fold(k): v for k, v in rel["number_words"].items()},
        vague=_set(rel["vague"]),
        future_phrases=_set(tense["future_phrases"]),
        same_year=_set(rel.get("same_year", [])),
        future_verbs=frozenset(future_verbs),
        past_verbs=frozenset(past_verbs),
        clause_openers=_f(tense.get("clause_openers", [])),
        imperfect_prefixes=tuple(fold(p) for p in tense.get("imperfect_prefixes", [])),
    )
