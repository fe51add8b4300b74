"""Find date expressions in a text: absolute dates, Hijri dates, weekdays, day words,
periods ("الشهر الماضي"), "ago" expressions and vague ones, as token ranges of the folded view.

The matcher walks the words of ``normalise(text)`` left to right and tries, at each word, the
patterns in a fixed order (an explicit date first, then weekdays, day words, years, periods,
"ago" expressions, vague phrases); the first that matches consumes its words.  Vocabulary
comes from ``rasid/data/dates`` (see :mod:`rasid.dates.lexicon`).  Resolution to a value is
:mod:`rasid.dates.resolve`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rasid.arabic.normalise import View, normalise
from rasid.dates.lexicon import DateLexicon, Phrase, lexicon
from rasid.dates.tokens import CLAUSE_END, split_words

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_TRAILING = frozenset("\u0640" + "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670")


@dataclass
class Mention:
    """One date expression: token range, original offsets and the fields read from it."""

    kind: str  # full | day_month | month_year | month | year | weekday | day_word | period | ago | vague
    start: int = 0  # original offsets
    end: int = 0
    i: int = 0  # word range [i, j) in the view
    j: int = 0
    calendar: str = "gregorian"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_day: int | None = None
    weekday: int | None = None
    shift: str | None = None  # past | next | current
    offset: int | None = None  # day words: days from published
    unit: str | None = None  # ago / period: hour | day | week | month | year
    n: int | None = None
    direction: int = -1  # ago: -1 before, +1 after
    anchored: bool = False  # "قبل 3 أيام من القمة": anchored to an event, not to publication
    tense: str = "past"  # past | future (the scan of the words before)
    extra: dict = field(default_factory=dict)

    @property
    def relative(self) -> bool:
        return self.kind in ("weekday", "day_word", "period", "ago", "vague")


@lru_cache(maxsize=65536)
def _variants(word: str) -> tuple[str, ...]:
    """The word and the word without a conjunction and/or a preposition before it."""
    out = [word]
    w = word
    if len(w) > 2 and w[0] in _CONJ:
        w = w[1:]
        out.append(w)
    if len(w) > 2 and w[0] in _PREP:
        if w.startswith("لل") and len(w) > 3:
            out.append("ال" + w[2:])
        out.append(w[1:])
    return tuple(out)


def _article_core(word: str) -> str | None:
    """The word without its article (and clitics before it), or None when it has none."""
    for v in _variants(word):
        if v.startswith("ال") and len(v) > 3:
            return v[2:]
    return None


_FIRSTS: dict[int, tuple[dict, frozenset[str]]] = {}


def _first_words(table: dict[Phrase, object]) -> frozenset[str]:
    """The first words of the phrases of ``table`` (tables are built once and never changed)."""
    hit = _FIRSTS.get(id(table))
    if hit is None or hit[0] is not table:
        hit = _FIRSTS[id(table)] = (table, frozenset(key[0] for key in table))
    return hit[1]


_STARTERS: list = [None, None]  # (lexicon, test)


def _starters(lex: DateLexicon):  # noqa: ANN202 - a cached predicate
    """A test that is true for every word at which some pattern of :class:`Matcher` can begin
    (a necessary condition, read off the first step of each pattern)."""
    if _STARTERS[0] is not lex:
        firsts: set[str] = set()
        for table in (lex.greg_months, lex.hijri_months, lex.ordinal_days, lex.day_parts, lex.day_words,
                      lex.vague):
            firsts |= _first_words(table)
        firsts |= lex.weekday_heads | lex.year_cues_strong | lex.year_cues_weak | lex.period_prefixes
        firsts |= set(lex.period_nouns) | set(lex.ago_cues) | {"هذا", "هذه"}
        heads = frozenset(firsts)
        weekdays = lex.weekdays

        @lru_cache(maxsize=65536)
        def could_start(word: str) -> bool:
            if word.isdigit() or not heads.isdisjoint(_variants(word)):
                return True
            core = _article_core(word)
            return core is not None and core in weekdays

        _STARTERS[:] = [lex, could_start]
    return _STARTERS[1]


class Matcher:
    """Date expressions of one text; build once per text with :func:`find_mentions`."""

    def __init__(self, text: str, lex: DateLexicon | None = None) -> None:
        self.text = text
        self.lex = lex or lexicon()
        self.view: View = normalise(text)
        self.words = split_words(self.view.text)
        self.w = [t for t, _, _ in self.words]

    # -- helpers ---------------------------------------------------------------------
    def tok(self, k: int) -> str:
        return self.w[k] if 0 <= k < len(self.w) else ""

    def phrase_at(self, table: dict[Phrase, object], k: int, prefix: bool = True,
                  max_len: int = 4) -> tuple[int, object, Phrase] | None:
        """(length, value, key) of the longest entry of ``table`` starting at word k
        (the first word may carry clitics)."""
        if k >= len(self.w):
            return None
        firsts = _variants(self.w[k]) if prefix else (self.w[k],)
        heads = _first_words(table)
        if heads.isdisjoint(firsts):
            return None  # no entry of the table starts with this word
        for length in range(max_len, 0, -1):
            if k + length > len(self.w):
                continue
            rest = tuple(self.w[k + 1:k + length])
            for first in firsts:
                key = (first, *rest)
                if key in table:
                    return length, table[key], key
        return None

    def day_num(self, k: int) -> int | None:
        t = self.tok(k)
        if t.isdigit() and len(t) <= 2 and 1 <= int(t) <= 31:
            return int(t)
        return None

    def year_num(self, k: int, low: int = 1000, high: int = 2100) -> int | None:
        t = self.tok(k)
        if t.isdigit() and 3 <= len(t) <= 4 and low <= int(t) <= high:
            return int(t)
        return None

    def number_at(self, k: int) -> tuple[int, int | None] | None:
        """(words used, value) for a digit run or a number word at k; value None for 'some'."""
        t = self.tok(k)
        if t.isdigit():
            return 1, int(t)
        for v in _variants(t):
            if v in self.lex.number_words:
                return 1, self.lex.number_words[v]
        value = _words_to_number(t)
        if isinstance(value, int):
            return 1, value
        return None

    # -- patterns --------------------------------------------------------------------
    def month_at(self, k: int, prefix: bool = False) -> tuple[int, int, str, Phrase] | None:
        for table, cal in ((self.lex.greg_months, "gregorian"), (self.lex.hijri_months, "hijri")):
            hit = self.phrase_at(table, k, prefix=prefix, max_len=2)
            if hit:
                length, month, key = hit
                return length, int(month), cal, key  # type: ignore[arg-type]
        return None

    def absolute(self, i: int) -> Mention | None:
        lex = self.lex
        k = i
        day = end_day = None
        if self.day_num(k) is not None:
            day = self.day_num(k)
            k += 1
            if self.tok(k) in lex.range_joiners and self.day_num(k + 1) is not None:
                end_day = self.day_num(k + 1)
                k += 2
        else:
            hit = self.phrase_at(lex.ordinal_days, k, prefix=True, max_len=2)
            if hit and self.tok(k + hit[0]) == "من":
                day = int(hit[1])  # type: ignore[arg-type]
                k += hit[0] + 1
        month_hit = self.month_at(k, prefix=day is None)
        if month_hit is None:
            return None
        length, month, cal, key = month_hit
        weak = key in lex.weak_months
        k += length
        # an alternative name of the same month: "يناير/كانون الثاني", "كانون الثاني (يناير)"
        if self.tok(k) in ("/", "(", "-"):
            alt = self.month_at(k + 1)
            if alt and alt[1] == month:
                k += 1 + alt[0]
                if self.tok(k) == ")":
                    k += 1
        year = None
        y = k
        if self.tok(y) == "من":
            y += 1
        if self.tok(y) in lex.year_cues_strong:
            y += 1
        if self.year_num(y) is not None:
            year = self.year_num(y)
            k = y + 1
            if self.tok(k) in lex.era_hijri:
                cal = "hijri"
                k += 1
            elif self.tok(k) in lex.era_gregorian:
                k += 1
        # "أكتوبر الماضي", "15 مارس المقبل": a yearless date with a shift word is the last one
        # before publication or the first one after it
        shift = lex.shifts.get(self.tok(k)) if year is None else None
        if shift == "current" and not self.tok(k).startswith("ال"):
            shift = None  # "مارس هذا العام" is read by the year patterns, not as "this March"
        if shift is not None:
            k += 1
        if day is not None and year is not None:
            m = Mention("full", i=i, j=k, calendar=cal, year=year, month=month, day=day, end_day=end_day)
        elif day is not None:
            m = Mention("day_month", i=i, j=k, calendar=cal, month=month, day=day, end_day=end_day,
                        shift=shift)
        elif year is not None:
            m = Mention("month_year", i=i, j=k, calendar=cal, year=year, month=month)
        else:
            cued = shift is not None or any(v in lex.month_cues for v in _variants(self.tok(i - 1)))
            if not cued or (weak and shift is None):
                return None
            m = Mention("month", i=i, j=k, calendar=cal, month=month, shift=shift)
        return m

    def numeric(self, i: int) -> Mention | None:
        """A date in digits: "24/2/2022", "2022-02-24", "24.02.2022" (calendar.json numeric_separators)."""
        if i + 5 > len(self.w):
            return None
        a, sep, b, sep2, c = (self.tok(i + n) for n in range(5))
        if sep not in self.lex.numeric_separators or sep2 != sep \
                or any(self.words[i + n][2] != self.words[i + n + 1][1] for n in range(4)):
            return None  # one mark, twice, glued: not "3 - 4" nor a fraction
        if i + 6 < len(self.w) and self.tok(i + 5) == sep and self.tok(i + 6).isdigit() \
                and self.words[i + 5][1] == self.words[i + 4][2] == self.words[i + 5][2] - 1:
            return None  # a longer run of numbers (a phone number, a version)
        if not (a.isdigit() and b.isdigit() and c.isdigit()):
            return None
        if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
            year, month, day = int(a), int(b), int(c)
        elif len(c) == 4 and len(a) <= 2 and len(b) <= 2:
            day, month, year = int(a), int(b), int(c)
            if month > 12 and day <= 12:
                day, month = month, day  # "2/24/2022": the second field cannot be a month
        else:
            return None
        if not (1000 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
            return None
        j, era = i + 5, self.tok(i + 5)
        hijri = era in self.lex.era_hijri or (year < 1600 and era not in self.lex.era_gregorian)
        if era in self.lex.era_hijri or era in self.lex.era_gregorian:
            j += 1  # "09/10/1436هـ", "4-6-2015م"
        return Mention("full", i=i, j=j, calendar="hijri" if hijri else "gregorian", year=year, month=month, day=day)

    def weekday_name(self, k: int, headed: bool) -> int | None:
        t = self.tok(k)
        core = _article_core(t)
        if core is not None and core in self.lex.weekdays:
            return self.lex.weekdays[core]
        if headed and t in self.lex.weekdays:
            return self.lex.weekdays[t]
        return None

    def past_day_part(self, i: int) -> int:
        """The token after a part of the day that opens at i ("صباح", "مساء"), else i."""
        part = self.phrase_at(self.lex.day_parts, i, prefix=True, max_len=3)
        return i + part[0] if part else i

    def weekday(self, i: int) -> Mention | None:
        lex = self.lex
        k = self.past_day_part(i)
        headed = any(v in lex.weekday_heads for v in _variants(self.tok(k)))
        if headed:
            k += 1
        wd = self.weekday_name(k, headed)
        if wd is None:
            return None
        k += 1
        shift = lex.shifts.get(self.tok(k))
        if shift in ("past", "next"):
            k += 1
        else:
            shift = None
        after = k + 1 if self.tok(k) == "," else k
        explicit = self.absolute(after)
        if explicit is not None and explicit.kind in ("full", "day_month"):
            explicit.i = i
            explicit.weekday = wd
            return explicit
        return Mention("weekday", i=i, j=k, weekday=wd, shift=shift)

    def day_word(self, i: int) -> Mention | None:
        lex = self.lex
        k = self.past_day_part(i)
        hit = self.phrase_at(lex.day_words, k, prefix=True, max_len=3)
        if hit is None:
            return None
        length, offset, _ = hit
        if offset == 0 and length == 1:
            before = _variants(self.tok(k - 1)) if k == i else []
            if any(v in lex.today_prefix_blockers for v in before):
                return None
            if self.tok(k + 1) in lex.today_blockers:
                return None
        k += length
        m = Mention("day_word", i=i, j=k, offset=int(offset))  # type: ignore[arg-type]
        wd = self.weekday_name(k, headed=True)
        if wd is not None:
            m.weekday = wd
            m.j = k + 1
        return m

    def year(self, i: int) -> Mention | None:
        lex = self.lex
        t = self.tok(i)
        cues = _variants(t)
        start = i
        if any(v in lex.year_cues_strong for v in cues):
            k, strong = i + 1, True
        elif any(v in lex.year_cues_weak for v in cues):
            k, strong = i + 1, False
            start = i + 1
        else:
            k, strong = i, False
        era_tok = self.tok(k + 1)
        hijri = era_tok in lex.era_hijri
        greg_era = era_tok in lex.era_gregorian
        if k == i and not (hijri or greg_era):
            return None
        if strong or hijri or greg_era:
            value = self.year_num(k, 1, 2100)
        else:
            value = self.year_num(k, 1900, 2100)
            if value is not None and len(self.tok(k)) != 4:
                value = None
        if value is None or self.numeric(k) is not None:
            return None  # "في 2022/02/24": the whole date, found at its first number
        end = k + 1 + (1 if hijri or greg_era else 0)
        return Mention("year", i=start, j=end, year=value, calendar="hijri" if hijri else "gregorian")

    def period(self, i: int) -> Mention | None:
        lex = self.lex
        k = i
        for _ in range(2):
            if any(v in lex.period_prefixes for v in _variants(self.tok(k))):
                k += 1
        t = self.tok(k)
        if t in ("هذا", "هذه") or (len(t) > 3 and t[0] in _CONJ and t[1:] in ("هذا", "هذه")):
            unit = self.period_noun(k + 1)
            if unit is None:
                return None
            return Mention("period", i=i, j=k + 2, unit=unit, shift="current")
        unit = self.period_noun(k)
        if unit is None:
            return None
        shift = lex.shifts.get(self.tok(k + 1))
        if shift is None:
            return None
        return Mention("period", i=i, j=k + 2, unit=unit, shift=shift)

    def period_noun(self, k: int) -> str | None:
        for v in _variants(self.tok(k)):
            if v.startswith("ال") and v in self.lex.period_nouns:
                return self.lex.period_nouns[v]
        return None

    def ago(self, i: int) -> Mention | None:
        lex = self.lex
        cue = next((v for v in _variants(self.tok(i)) if v in lex.ago_cues), None)
        if cue is None:
            return None
        k = i + 1
        n: int | None
        num = self.number_at(k)
        unit_form = lex.units.get(self.tok(k + 1)) if num else None
        if num and unit_form:
            n = num[1]
            unit = unit_form[0]
            k += 2
        else:
            unit_form = lex.units.get(self.tok(k))
            if unit_form is None:
                return None
            unit, form = unit_form
            n = {"one": 1, "two": 2}.get(form)
            k += 1
            if form == "many":
                n = None
        if self.year_num(k) is not None:
            return None  # "قبل عام 2014": a year, not "a year ago"
        if unit == "day" and n == 1 and self.weekday_name(k, headed=True) is not None:
            return None  # "منذ يوم الأربعاء": since Wednesday, not "a day ago"
        anchored = self.tok(k) == "من"
        return Mention("ago", i=i, j=k, unit=unit, n=n, direction=lex.ago_cues[cue], anchored=anchored)

    def vague(self, i: int) -> Mention | None:
        hit = self.phrase_at(self.lex.vague, i, prefix=True, max_len=4)
        if hit is None:
            return None
        return Mention("vague", i=i, j=i + hit[0])

    # -- tense -------------------------------------------------------------------------
    def tense_before(self, i: int, window: int = 20, taken: frozenset[int] = frozenset()) -> str:
        """'future' or 'past': the first tense cue found walking left from word i in its clause.
        Words of the ``taken`` positions (earlier date expressions) are skipped: the "المقبل" of
        "يوم الأربعاء المقبل" dates that Wednesday, not a Saturday named later in the clause."""
        lex = self.lex
        for k in range(i - 1, max(-1, i - 1 - window), -1):
            if k in taken:
                continue
            t = self.w[k]
            if t in CLAUSE_END:
                break
            if t in lex.clause_openers and k + 1 < len(self.w) and not self.w[k + 1].startswith(lex.imperfect_prefixes):
                # "الذي خسر في نوفمبر": a relative clause with a perfect verb has its own (past) tense;
                # after "الذي يستمر يومين" the date may be the main clause's ("يبدأ … يوم الثلاثاء")
                break
            for length in (3, 2, 1):
                if k - length + 1 < 0:
                    continue
                key = tuple(self.w[k - length + 1:k + 1])
                if key in lex.future_phrases:
                    return "future"
                # "وستكون مباراة الأحد": a joining و/ف before the phrase's first word
                if key[0][:1] in ("و", "ف") and (key[0][1:], *key[1:]) in lex.future_phrases:
                    return "future"
            if t in lex.future_verbs:
                return "future"
            if t in lex.past_verbs:
                return "past"
        return "past"

    def same_year(self, m: Mention, before: list[Mention]) -> None:
        """"في ديسمبر من العام نفسه": the year of the last date with a year named before; the
        phrase joins the expression's words (the caller then computes its offsets)."""
        hit = self.phrase_at(self.lex.same_year, m.j, prefix=True, max_len=3)
        years = [b.year for b in before if b.year is not None and b.calendar == m.calendar]
        if hit is None or not years:
            return
        m.year = years[-1]
        m.kind = "full" if m.kind == "day_month" else "month_year"
        m.j += hit[0]
        m.extra["anaphoric_year"] = True

    # -- driver ------------------------------------------------------------------------
    def mentions(self) -> list[Mention]:
        out: list[Mention] = []
        i = 0
        patterns = (self.numeric, self.absolute, self.weekday, self.day_word, self.year, self.period, self.ago, self.vague)
        could_start = _starters(self.lex)
        while i < len(self.w):
            if not could_start(self.w[i]):
                i += 1  # no pattern can begin at this word
                continue
            found = None
            for pattern in patterns:
                found = pattern(i)
                if found is not None and found.j > found.i:
                    break
                found = None
            if found is None:
                i += 1
                continue
            if found.kind in ("day_month", "month"):
                self.same_year(found, out)
            found.start, found.end = self.view.to_original(self.words[found.i][1], self.words[found.j - 1][2])
            while found.end < len(self.text) and self.text[found.end] in _TRAILING:
                found.end += 1  # tatweel and marks that the view dropped ("1445هـ")
            if found.kind in ("weekday", "day_month", "month", "full", "month_year"):
                found.tense = self.tense_before(found.i, taken=frozenset(
                    k for m in out[-3:] for k in range(m.i, m.j)))
            out.append(found)
            i = max(found.j, i + 1)
        return out


def find_mentions(text: str) -> list[Mention]:
    """All date expressions of ``text`` (noise included; the stage decides what to keep)."""
    return Matcher(text).mentions()


@lru_cache(maxsize=4096)
def _words_to_number(word: str) -> int | float | None:
    try:
        from rasid.arabic.numbers import words_to_number
    except ImportError:  # the shared number parser is optional here
        return None
    try:
        return words_to_number(word)
    except Exception:  # a parser bug must not cost a date
        return None
