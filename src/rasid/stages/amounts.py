"""Amounts: numbers with what they measure (money, percent, counted nouns), as standoff spans.

Each span (layer ``amounts``, label ``amount``) covers the whole expression — approximation
cue, number, scale, unit — and carries ``value``, ``unit`` (ISO 4217 code, ``percent`` or an
English plural noun), ``counts``, and ``approx``/``range_to`` where the text says so.  Years,
dates, times, designators (``المادة 5``) and names (``F-16``) are left out.  Matching runs on
the folded view (rasid.arabic.normalise); all lexicons are data in ``rasid/data/amounts``.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rasid.arabic.normalise import fold, normalise
from rasid.arabic.numbers import (
    NumberLexicon,
    NumberParse,
    Token,
    number_lexicon,
    parse_digits,
    parse_number,
    tokenise_view,
)
from rasid.doc import Document, Span

STAGE = "amounts@1"
_NOUN_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
#: Words that may stick to digits without making them part of a name (الـ32، و5، بـ10).
_GLUE_OK = frozenset(("ال", "و", "ب", "ل", "ف", "ك", "وال", "بال", "لل", "وب", "ول", "فب", "فل"))
_CUE_REACH = 8  # tokens looked at before a number for a cue


def _phrase(text: str) -> tuple[str, ...]:
    """A cue phrase as a tuple of folded tokens."""
    return tuple(t.text for t in tokenise_view(normalise(text), text))


@dataclass(frozen=True)
class Currency:
    default: str | None
    fallback: str | None
    qualifiers: dict[str, str]


@dataclass(frozen=True)
class AmountLexicon:
    """Everything the stage matches, compiled once from data/amounts."""

    nouns: dict[tuple[str, ...], tuple[str, bool]]  # phrase -> (unit, singular?)
    duals: dict[str, str]
    noun_len: int
    currencies: dict[str, Currency]
    symbols: dict[str, str]
    codes: frozenset[str]
    approx_before: dict[tuple[str, ...], str]
    approx_after: dict[tuple[str, ...], str]
    fillers: frozenset[str]
    range_join: dict[tuple[str, ...], frozenset[str]]
    dash: frozenset[str]
    partitive: frozenset[str]
    of_total: frozenset[tuple[str, ...]]
    percent_after: frozenset[tuple[str, ...]]
    rate_after: dict[tuple[str, ...], str]
    postposed: frozenset[str]
    year_before: frozenset[tuple[str, ...]]
    designators: frozenset[tuple[str, ...]]
    months: frozenset[str]
    year_min: int
    year_max: int
    hijri_year_min: int = 1300
    hijri_year_max: int = 1500
    hijri_markers: frozenset[str] = frozenset()
    others: frozenset[str] = frozenset()  # "وأصيب 30 آخرون": the count of the amount before


def _read_json(name: str) -> dict[str, Any]:
    return json.loads(resources.files("rasid").joinpath(f"data/amounts/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def amount_lexicon() -> AmountLexicon:
    nouns: dict[tuple[str, ...], tuple[str, bool]] = {}
    duals: dict[str, str] = {}
    tsv = resources.files("rasid").joinpath("data/amounts/counted_nouns.tsv").read_text("utf-8")
    for line in tsv.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + ["", "", ""]
        unit, singular, plural, dual = cols[0], cols[1], cols[2], cols[3]
        for forms, is_singular in ((singular, True), (plural, False)):
            for form in filter(None, forms.split("|")):
                nouns.setdefault(_phrase(form), (unit, is_singular))
        for form in filter(None, dual.split("|")):
            duals.setdefault(fold(form), unit)
    cur = _read_json("currencies.json")
    currencies: dict[str, Currency] = {}
    for entry in cur["currencies"]:
        c = Currency(entry.get("default"), entry.get("fallback"),
                     {fold(q): code for q, code in entry.get("qualifiers", {}).items()})
        for name in entry["names"]:
            currencies.setdefault(fold(name), c)
    cues = _read_json("cues.json")
    excl = _read_json("exclusions.json")
    return AmountLexicon(
        nouns=nouns,
        duals=duals,
        noun_len=max(len(k) for k in nouns),
        currencies=currencies,
        symbols={fold(k).lower(): v for k, v in cur["symbols"].items()},
        codes=frozenset(c.lower() for c in cur["codes"]),
        approx_before={_phrase(k): v for k, v in cues["approx_before"].items()},
        approx_after={_phrase(k): v for k, v in cues["approx_after"].items()},
        fillers=frozenset(fold(w) for w in cues["approx_fillers"] if " " not in w),
        range_join={_phrase(k): frozenset(fold(w) for w in v) for k, v in cues["range_join"].items()},
        dash=frozenset(fold(w) for w in cues["dash_join"]),
        partitive=frozenset(fold(w) for w in cues["partitive"]),
        of_total=frozenset(_phrase(p) for p in cues["of_total"]),
        percent_after=frozenset(_phrase(p) for p in cues["percent_after"]),
        rate_after={_phrase(k): v for k, v in cues["rate_after"].items()},
        postposed=frozenset(fold(w) for w in cues["postposed_numbers"]),
        year_before=frozenset(_phrase(p) for p in excl["year_before"]),
        designators=frozenset(_phrase(p) for p in excl["designators_before"]),
        months=frozenset(fold(m).lower() for m in excl["months"]),
        year_min=int(excl["year_min"]),
        year_max=int(excl["year_max"]),
        hijri_year_min=int(excl["hijri_year_min"]),
        hijri_year_max=int(excl["hijri_year_max"]),
        hijri_markers=frozenset(fold(m) for m in excl["hijri_markers"]),
        others=frozenset(fold(w) for w in cues.get("others_after", [])),
    )


@lru_cache(maxsize=65536)
def _strip_variants(word: str) -> tuple[str, ...]:
    """The word, then the word without each clitic prefix it carries (longest first)."""
    return (word, *(word[len(p):] for p in _NOUN_PREFIXES if word.startswith(p) and len(word) - len(p) >= 2))


class _CueIndex:
    """What a cue table's phrases end with, to rule most positions out before the full scan."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        phrases = list(phrases)
        self.empty = any(not ph for ph in phrases)  # an empty phrase matches anywhere
        self.lasts = frozenset(ph[-1] for ph in phrases if ph)
        self.single = frozenset(ph[0] for ph in phrases if len(ph) == 1)
        self.firsts = frozenset(ph[0] for ph in phrases if ph)

    def may_end_with(self, word: str) -> bool:
        """Whether some phrase can end at a word ``word`` (single-word phrases also match its stripped forms)."""
        return self.empty or word in self.lasts or not self.single.isdisjoint(_strip_variants(word))


_INDEXES: dict[int, tuple[object, _CueIndex]] = {}


def _index(phrases: Iterable[tuple[str, ...]]) -> _CueIndex:
    """The index of a lexicon table (tables are compiled once and never changed)."""
    hit = _INDEXES.get(id(phrases))
    if hit is None or hit[0] is not phrases:
        hit = _INDEXES[id(phrases)] = (phrases, _CueIndex(phrases))
    return hit[1]


@dataclass
class _Found:
    """An amount under construction: token bounds and attributes."""

    first: int
    last: int
    value: float | int
    unit: str | None = None
    counts: str | None = None
    approx: str | None = None
    range_to: float | int | None = None
    counts_tokens: tuple[int, int] | None = None  # token range of an Arabic counted phrase


class AmountFinder:
    """Finds amounts in a token sequence (one sentence at a time)."""

    def __init__(self, lex: AmountLexicon | None = None, numbers: NumberLexicon | None = None) -> None:
        self.lex = lex or amount_lexicon()
        self.numbers = numbers or number_lexicon()
        heads = set(self.numbers.classes) | set(self.lex.duals) | set(self.lex.currencies)
        heads |= {k[0] for k in self.lex.nouns} | {k[0] for k in self.lex.approx_before}
        heads |= {k[0] for k in self.lex.range_join}
        self._heads = frozenset(heads)

    def clitic_length(self, tok: Token) -> int:
        """Folded length of a clitic prefix on the first word of an amount (لأربعة -> 1)."""
        if tok.kind != "word" or tok.text in self._heads:
            return 0
        for p in _NOUN_PREFIXES:
            if tok.text.startswith(p) and tok.text[len(p):] in self._heads:
                if p == "لل":
                    return 0  # ل + ال written لل: nothing separable to cut
                return len(p) - 2 if p.endswith("ال") else len(p)
        return 0

    # -- small matchers -------------------------------------------------------------
    def _words_at(self, toks: list[Token], j: int, phrases: Iterable[tuple[str, ...]] | dict,
                  strip_first: bool = False) -> tuple[tuple[str, ...], int] | None:
        """The longest phrase of ``phrases`` starting at ``toks[j]``: (phrase, end index)."""
        best: tuple[tuple[str, ...], int] | None = None
        for phrase in phrases:
            k = len(phrase)
            if j + k > len(toks):
                continue
            ok = True
            for m, word in enumerate(phrase):
                got = toks[j + m].text.lower()
                if got == word:
                    continue
                if m == 0 and strip_first and any(v == word for v in _strip_variants(got)):
                    continue
                ok = False
                break
            if ok and (best is None or k > len(best[0])):
                best = (phrase, j + k)
        return best

    def _cue_before(self, toks: list[Token], i: int, phrases: Iterable[tuple[str, ...]] | dict,
                    skip_fillers: bool = False) -> tuple[tuple[str, ...], int] | None:
        """The longest phrase that ends right before ``toks[i]``: (phrase, start index).

        Fillers such as قليلا may sit inside the cue (ما يزيد قليلاً عن)."""
        if i <= 0 or toks[i - 1].kind != "word":
            if not _index(phrases).empty:
                return None  # no word before: no phrase can end here
        elif not _index(phrases).may_end_with(toks[i - 1].text):
            return None
        idx: list[int] = []
        k = i - 1
        while k >= 0 and len(idx) < 5 and i - k <= _CUE_REACH:
            t = toks[k]
            if t.kind != "word":
                break
            if not (skip_fillers and t.text in self.lex.fillers and idx):
                idx.append(k)
            k -= 1
        best: tuple[tuple[str, ...], int] | None = None
        for phrase in phrases:
            n = len(phrase)
            if n > len(idx):
                continue
            ok = True
            for m in range(n):
                got = toks[idx[m]].text
                want = phrase[n - 1 - m]
                if got == want:
                    continue
                if m == n - 1 and any(v == want for v in _strip_variants(got)):
                    continue
                ok = False
                break
            if ok and (best is None or n > len(best[0])):
                best = (phrase, idx[n - 1])
        return best

    def _noun_at(self, toks: list[Token], j: int) -> tuple[str, bool, int] | None:
        """(unit, singular?, end index) of a counted noun starting at ``toks[j]``."""
        if j >= len(toks) or toks[j].kind != "word":
            return None
        if _index(self.lex.nouns).firsts.isdisjoint(_strip_variants(toks[j].text)):
            return None  # no counted noun starts with this word
        for k in range(min(self.lex.noun_len, len(toks) - j), 0, -1):
            rest = tuple(t.text for t in toks[j + 1:j + k])
            if any(t.kind != "word" for t in toks[j:j + k]):
                continue
            for head in _strip_variants(toks[j].text):
                hit = self.lex.nouns.get((head,) + rest)
                if hit is not None:
                    return hit[0], hit[1], j + k
        return None

    def _dual_at(self, toks: list[Token], j: int) -> str | None:
        if toks[j].kind != "word":
            return None
        for head in _strip_variants(toks[j].text):
            unit = self.lex.duals.get(head)
            if unit is not None:
                return unit
        return None

    def _currency_at(self, toks: list[Token], j: int) -> tuple[str, int] | None:
        if j >= len(toks):
            return None
        t = toks[j]
        low = t.text.lower()
        if t.kind == "sym" and low in self.lex.symbols:
            return self.lex.symbols[low], j + 1
        if t.kind == "word" and low in self.lex.codes:
            return low.upper(), j + 1
        if t.kind != "word":
            return None
        for head in _strip_variants(t.text):
            cur = self.lex.currencies.get(head)
            if cur is None:
                continue
            if j + 1 < len(toks) and toks[j + 1].kind == "word":
                for q in _strip_variants(toks[j + 1].text):
                    if q in cur.qualifiers:
                        return cur.qualifiers[q], j + 2
            unit = cur.default or cur.fallback
            if unit:
                return unit, j + 1
        return None

    def _is_month(self, toks: list[Token], j: int) -> bool:
        if j >= len(toks) or toks[j].kind != "word":
            return False
        return any(v.lower() in self.lex.months for v in _strip_variants(toks[j].text))

    # -- exclusions ------------------------------------------------------------------
    def _chain_end(self, toks: list[Token], b: int) -> int:
        """End of a list of bare numbers joined by و / - / , after ``b`` (11 و12 يوليو)."""
        k = b
        n = len(toks)
        while k + 1 < n:
            t = toks[k]
            if (t.text == "و" or t.text in self.lex.dash or t.text in (",", "/")) and toks[k + 1].kind == "num":
                k += 2
            else:
                break
        return k

    def _is_name_or_code(self, toks: list[Token], a: int, b: int) -> bool:
        """Digits glued to letters or dashes (F-16, كوفيد-19, G7), times and slashed dates."""
        first = toks[a]
        if first.glued and a > 0:
            prev = toks[a - 1]
            if prev.kind == "word" and prev.text not in _GLUE_OK:
                return True
            if prev.kind == "sym" and prev.text in "-/:+." and (prev.glued or prev.text == "+"):
                return True
        if a > 0 and toks[a - 1].text == "+":
            return True
        last = toks[b - 1]
        if last.kind == "num" and b < len(toks) and toks[b].glued:
            nxt = toks[b]
            if nxt.kind == "word" and nxt.text.isascii() and nxt.text.lower() not in self.numbers.latin_scales \
                    and nxt.text.lower() not in self.lex.codes:
                return True
            if nxt.kind == "sym" and nxt.text in "/:" and b + 1 < len(toks) and toks[b + 1].kind == "num":
                return True
            if nxt.kind == "sym" and nxt.text in "-." and b + 3 < len(toks) and toks[b + 1].kind == "num" \
                    and toks[b + 2].text == nxt.text and toks[b + 3].kind == "num" \
                    and all(toks[n].glued for n in range(b + 1, b + 4)):
                return True  # "24-02-2022": a date in digits
            if nxt.kind == "sym" and nxt.text in self.lex.dash and b + 1 < len(toks) \
                    and toks[b + 1].kind == "word" and toks[b + 1].glued:
                return True
        return False

    def _dated_year(self, toks: list[Token], p: NumberParse) -> bool:
        """"شعبان 1446 هـ", "يونيو 2023": four digits after a month name are its year (Hijri too), and
        a number before a Hijri marker is a year."""
        if not p.digits or p.scaled or p.last - p.first != 1:
            return False
        raw = toks[p.first].text
        if p.last < len(toks) and fold(toks[p.last].text) in self.lex.hijri_markers:
            return True
        hijri = raw.isdigit() and self.lex.hijri_year_min <= int(raw) <= self.lex.hijri_year_max
        return p.first > 0 and self._is_month(toks, p.first - 1) and len(raw) == 4 and (
            hijri or self._year_like(toks, p))

    def _year_like(self, toks: list[Token], p: NumberParse) -> bool:
        if not p.digits or p.scaled or p.last - p.first != 1:
            return False
        raw = toks[p.first].text
        return raw.isdigit() and len(raw) == 4 and self.lex.year_min <= int(raw) <= self.lex.year_max

    # -- the main matcher ----------------------------------------------------------------
    def find(self, toks: list[Token]) -> list[_Found]:
        out: list[_Found] = []
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            p = parse_number(toks, i, self.numbers) if t.kind in ("num", "word") else None
            if p is None:
                single = self._without_number(toks, i)
                if single is not None:
                    out.append(single)
                i += 1
                continue
            found, nxt = self._amount_at(toks, p)
            if found is None or found.unit is None:
                others = self._others(toks, p, out)
                if others is not None:
                    found, nxt = others, others.last
            if found is not None:
                out.append(found)
            i = max(nxt, i + 1)
        return out

    def _others(self, toks: list[Token], p: NumberParse, before: list[_Found]) -> _Found | None:
        """"قتل 12 شخصا وأصيب 30 آخرون": a bare number followed by "others" counts what the last
        amount of the sentence counted (people, not money or a percentage)."""
        a, b = p.first, p.last
        if not before or b >= len(toks) or toks[b].text not in self.lex.others:
            return None
        last = before[-1]
        if last.unit is None or last.unit == "percent" or last.unit.isupper() or last.last > a:
            return None
        return _Found(a, b + 1, p.value, unit=last.unit, counts=last.counts)

    def _without_number(self, toks: list[Token], i: int) -> _Found | None:
        """Duals (يومين = 2 days) and a bare singular after a cue (أكثر من شهر = 1 month)."""
        if toks[i].kind != "word":
            return None
        unit = self._dual_at(toks, i)
        value = 2
        end = i + 1
        if unit is None:
            noun = self._noun_at(toks, i)
            if noun is None or not noun[1]:
                return None
            cue = self._cue_before(toks, i, self.lex.approx_before, skip_fillers=True)
            if cue is None:
                return None
            unit, value, end = noun[0], 1, noun[2]
        elif end < len(toks) and toks[end].text in self.lex.postposed:
            end += 1  # يومين اثنين
        found = _Found(i, end, value, unit)
        cue = self._cue_before(toks, i, self.lex.approx_before, skip_fillers=True)
        if cue is not None:
            found.approx = self.lex.approx_before[cue[0]]
            found.first = cue[1]
        return found

    def _amount_at(self, toks: list[Token], p: NumberParse) -> tuple[_Found | None, int]:
        lex = self.lex
        a, b = p.first, p.last
        n = len(toks)
        if p.digits and self._is_name_or_code(toks, a, b):
            return None, b
        before = a - 1 if a > 0 and toks[a - 1].text == "ال" else a
        if self._cue_before(toks, before, lex.designators) or self._cue_before(toks, a, lex.year_before):
            return None, self._chain_end(toks, b)
        chain = self._chain_end(toks, b)
        if self._dated_year(toks, p):
            return None, chain
        if self._is_month(toks, chain) or (chain > b and all(
                toks[k].kind == "num" and toks[k].text.isdigit() and len(toks[k].text) == 4
                for k in range(b + 1, chain, 2)) and self._year_like(toks, p)):
            return None, chain
        f = _Found(a, b, p.value)
        nxt = b
        # currency or percent before the number ($5, US$ 5, USD 5, %5)
        if a > 0:
            cur = self._currency_at(toks, a - 1)
            if cur is not None and cur[1] == a and (toks[a - 1].kind == "sym" or toks[a - 1].text.isascii()):
                f.unit, f.first = cur[0], a - 1
                if a > 1 and toks[a - 2].text == "us" and toks[a - 1].glued:
                    f.first = a - 2
            elif toks[a - 1].text == "%" and toks[a].glued and not (a > 1 and toks[a - 2].kind == "num"):
                f.unit, f.first = "percent", a - 1
        # ranges: بين 3 و5 / من 10 إلى 20 / 10-20
        opener = self._cue_before(toks, f.first, lex.range_join)
        second: NumberParse | None = None
        if opener is not None and b < n:
            joins = lex.range_join[opener[0]]
            j = b
            if toks[j].text in joins and j + 1 < n:
                second = parse_number(toks, j + 1, self.numbers)
            elif toks[j].kind == "word" and toks[j].text[:1] in joins:
                second = parse_number(toks, j, self.numbers)  # وخمسة: the clitic و joins
            if second is not None:
                f.first = opener[1]
        if second is None and b + 1 < n and toks[b].text in lex.dash and toks[b + 1].kind == "num" and p.digits:
            cand = parse_number(toks, b + 1, self.numbers)
            if cand is not None and not (self._year_like(toks, p) and self._year_like(toks, cand)):
                second = cand
                if opener is not None:
                    f.first = opener[1]  # "بين 3-5 مليارات دولار"
        if second is not None:
            if second.value <= p.value and not (second.scaled and not p.scaled):
                second = None
        if second is not None:
            if second.scaled and not p.scaled:
                hit = self.numbers.classes.get(toks[second.last - 1].text)
                if hit is not None and hit[0] == "scale":
                    f.value = _num(p.value * hit[1])
            f.range_to = second.value
            b = second.last
            nxt = b
        f.last = b
        # what follows: percent, currency, counted noun, "of M", partitive
        k = b
        if f.unit is None and a > 0 and toks[a - 1].text == "ال":
            self._noun_before(toks, f, a)  # الأعضاء الـ32: the noun before is the counted one
        if f.unit is None:
            pct = self._words_at(toks, k, lex.percent_after, strip_first=False)
            cur = self._currency_at(toks, k)
            if pct is not None:
                f.unit, f.last = "percent", pct[1]
            elif cur is not None:
                f.unit, f.last = cur
            else:
                self._counted(toks, f, k)
        if f.unit is None and a > 0:
            self._noun_before(toks, f, a)
        # rates and trailing cues
        if f.unit is not None and f.unit not in ("percent",) and not f.unit.isupper():
            rate = self._words_at(toks, f.last, lex.rate_after)
            if rate is not None:
                f.unit = f"{f.unit} {lex.rate_after[rate[0]]}"
                f.last = rate[1]
        after = self._words_at(toks, f.last, lex.approx_after)
        if after is not None:
            f.approx, f.last = lex.approx_after[after[0]], after[1]
        cue = self._cue_before(toks, f.first, lex.approx_before, skip_fillers=True)
        if cue is not None:
            f.approx, f.first = lex.approx_before[cue[0]], cue[1]
        # keep or drop
        if f.unit is None:
            if p.digits:
                raw = toks[a].text
                if self._year_like(toks, p) and f.approx is None:
                    return None, nxt
                if _has_decimal(raw) and not p.scaled and f.range_to is None:
                    return None, nxt  # bare decimals are versions and names (مينسك 3.0)
                if raw.isdigit() and (len(raw) >= 7 or (raw.startswith("0") and len(raw) > 1)):
                    return None, nxt  # phone numbers and codes
                if (a > 0 and toks[a - 1].kind == "num") or (b < n and toks[b].kind == "num"):
                    return None, nxt  # digit groups in a row: a phone number or a code
            elif not (p.scaled or f.approx or f.range_to is not None or f.counts) or p.value < 1:
                return None, nxt
        return f, nxt

    def _counted(self, toks: list[Token], f: _Found, k: int) -> None:
        """Counted noun after the number, directly or through من / من أصل M."""
        lex = self.lex
        noun = self._noun_at(toks, k)
        if noun is not None:
            f.unit, f.last = noun[0], noun[2]
            return
        total = self._words_at(toks, k, lex.of_total)
        if total is not None:
            q = parse_number(toks, total[1], self.numbers)
            if q is not None:
                f.counts = f"of {_fmt(q.value)}"
                f.last = q.last
                noun = self._noun_at(toks, q.last)
                if noun is None and q.last < len(toks) and toks[q.last].text in lex.partitive:
                    noun = self._noun_at(toks, q.last + 1)
                if noun is not None:
                    f.unit = noun[0]
                return
        if k + 1 < len(toks) and toks[k].text in lex.partitive and toks[k + 1].kind in ("num", "word"):
            q = parse_number(toks, k + 1, self.numbers)
            noun = self._noun_at(toks, q.last) if q is not None else None
            if q is not None and noun is not None:
                f.counts, f.unit, f.last = f"of {_fmt(q.value)}", noun[0], noun[2]  # أربع من خمس سنوات
                return
        if k < len(toks) and toks[k].text in lex.partitive:
            noun = self._noun_at(toks, k + 1)
            if noun is not None and not noun[1]:
                f.unit, f.last = noun[0], noun[2]
                end = noun[2]
                if end < len(toks) and toks[end].kind == "word" and toks[end].text.startswith("ال"):
                    end += 1  # أعضاء الناتو
                f.counts_tokens = (k + 1, end)

    def _noun_before(self, toks: list[Token], f: _Found, a: int) -> None:
        """الأعضاء الـ32 / يوم واحد: the counted noun stands before the number."""
        j = a - 1
        marker = toks[j].text == "ال"
        if marker:
            j -= 1
        elif not (toks[a].kind == "word" and toks[a].text in self.lex.postposed):
            return
        if j < 0:
            return
        noun = self._noun_at(toks, j)
        if noun is not None and noun[2] == j + 1:
            f.unit, f.first = noun[0], j


def _has_decimal(raw: str) -> bool:
    """Whether a digit token has a decimal part (``3.0``, ``2,5``), not just grouping marks."""
    if raw.isdigit():
        return False
    plain = "".join(c for c in raw if c.isdigit())
    return parse_digits(raw) != int(plain)


def _num(value: float | int) -> float | int:
    if isinstance(value, float) and value == int(value):
        return int(value)
    return value


def _fmt(value: float | int) -> str:
    return str(_num(value))


def _skip_folded(text: str, start: int, count: int) -> int:
    """The original offset after ``count`` folded characters from ``start`` (and any marks)."""
    if count <= 0:
        return start
    i = start
    seen = 0
    while i < len(text) and seen < count:
        seen += len(fold(text[i]))
        i += 1
    while i < len(text) and not fold(text[i]):
        i += 1
    return i


def _segments(tokens: list[Token], bounds: list[int]) -> list[list[Token]]:
    """Split tokens at sentence starts so no context crosses a sentence boundary."""
    if not bounds:
        return [tokens]
    out: list[list[Token]] = []
    current: list[Token] = []
    last_seg = -1
    for t in tokens:
        seg = bisect.bisect_right(bounds, t.start)
        if seg != last_seg and current:
            out.append(current)
            current = []
        last_seg = seg
        current.append(t)
    if current:
        out.append(current)
    return out


def find_amounts(doc: Document, finder: AmountFinder | None = None) -> list[Span]:
    """The amount spans of a document (noise ranges skipped)."""
    finder = finder or AmountFinder()
    view = normalise(doc.text)
    tokens = tokenise_view(view, doc.text)
    bounds = sorted({s.start for s in doc.spans("sentences")})
    noise = doc.noise_ranges()
    spans: list[Span] = []
    for seg in _segments(tokens, bounds):
        for f in finder.find(seg):
            start, end = seg[f.first].start, seg[f.last - 1].end
            start = _skip_folded(doc.text, start, finder.clitic_length(seg[f.first]))
            if any(s <= start and end <= e for s, e in noise):
                continue
            counts = f.counts
            if f.counts_tokens is not None:
                counts = doc.text[seg[f.counts_tokens[0]].start:seg[f.counts_tokens[1] - 1].end]
            attrs: dict[str, Any] = {"value": _num(f.value), "unit": f.unit, "counts": counts}
            if f.approx:
                attrs["approx"] = f.approx
            if f.range_to is not None:
                attrs["range_to"] = _num(f.range_to)
            spans.append(Span(start, end, "amount", attrs, STAGE))
    return spans


def build() -> Callable[[Document], None]:
    """The stage callable; lexicons load here, once."""
    finder = AmountFinder()

    def amounts(doc: Document) -> None:
        doc.add("amounts", find_amounts(doc, finder))

    return amounts
