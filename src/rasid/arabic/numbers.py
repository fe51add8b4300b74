"""Numbers in Arabic text: digit strings with separators and cardinal number words.

Works on the folded view of ``rasid.arabic.normalise`` so spelling variants (hamza, alef,
ta marbuta) need no listing; every result carries original offsets.  The word lexicon lives
in ``rasid/data/amounts/numbers.json``.  Used by the amounts stage and free for others
(``find_numbers``, ``words_to_number``, ``parse_digits``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasid.arabic.normalise import View, fold, normalise
from rasid.arabic.numerals import to_ascii_digits

#: Minimum length of a number word left after removing a clitic (keeps لست, بست out).
_MIN_STRIPPED = 3


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the folded view: a word, a digit run or a single symbol.

    ``vstart``/``vend`` index the view; ``start``/``end`` the original text; ``glued`` is
    True when no whitespace separates it from the previous token.
    """

    kind: str  # "word" | "num" | "sym"
    text: str  # folded text
    vstart: int
    vend: int
    start: int
    end: int
    glued: bool
    raw: str = ""  # original surface (digit tokens: keeps ٫ and ٬ apart from . and ,)


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() and not ch.isdigit()


def _arabic_comma_groups(s: str, i: int, j: int) -> bool:
    """Whether the Arabic comma at ``j`` in the digit run that began at ``i`` groups thousands, as
    Gulf market reports write them ("مستوى 11،750 نقطة"): one to three digits before it, exactly
    three after it and no digit right after those; a list ("2،3") or a sentence's comma before a
    number is none."""
    head = s[i:j].split(",")[-1].split(".")[-1]
    tail = s[j + 1:j + 4]
    return 1 <= len(head) <= 3 and len(tail) == 3 and tail.isdigit() and not (
        j + 4 < len(s) and s[j + 4].isdigit())


def tokenise_view(view: View, text: str) -> list[Token]:
    """Tokens of a folded view in one linear pass; digit runs keep ``.``/``,`` separators
    between digits; an original Arabic comma only where it groups thousands (``_arabic_comma_groups``)."""
    s = view.text
    n = len(s)
    out: list[Token] = []
    i = 0
    glued = False
    while i < n:
        ch = s[i]
        if ch.isspace():
            glued = False
            i += 1
            continue
        j = i + 1
        if "0" <= ch <= "9":
            kind = "num"
            while j < n:
                c = s[j]
                if "0" <= c <= "9":
                    j += 1
                elif c in ".," and j + 1 < n and "0" <= s[j + 1] <= "9" and (
                        text[view.starts[j]] != "\u060c" or _arabic_comma_groups(s, i, j)):
                    j += 2
                else:
                    break
        elif _is_word_char(ch):
            kind = "word"
            while j < n and _is_word_char(s[j]):
                j += 1
        else:
            kind = "sym"
        start, end = view.to_original(i, j)
        out.append(Token(kind, s[i:j], i, j, start, end, glued, text[start:end] if kind == "num" else ""))
        glued = True
        i = j
    return out


def parse_digits(surface: str, scaled: bool = False) -> int | float | None:
    """The value of a digit string such as ``1,500``, ``2.5``, ``٣٫٥``, ``1.500.000``.

    ``٫`` is always a decimal mark and ``٬`` always a thousands mark.  A single ``.`` or
    ``,`` followed by exactly three digits is a thousands mark unless a scale word follows
    (``scaled``), where a decimal reading (``3.500 مليار``) is the likelier one.
    """
    s = "".join(c for c in to_ascii_digits(surface) if c in "0123456789.,\u066b\u066c")
    s = s.replace("\u066c", "").replace("\u066b", "d")
    if not s or not s[0].isdigit():
        return None
    if "d" in s:
        int_part, _, frac = s.partition("d")
        int_part = int_part.replace(",", "").replace(".", "")
        if not int_part.isdigit() or not frac.isdigit():
            return None
        return _clean(float(f"{int_part}.{frac}"))
    seps = [c for c in s if c in ".,"]
    if not seps:
        return int(s) if s.isdigit() else None
    groups = s.replace(",", ".").split(".")
    if not all(g.isdigit() for g in groups):
        return None
    if len(set(seps)) == 2:
        # the last separator is the decimal mark, the other one groups thousands
        dec = seps[-1]
        thousands = "," if dec == "." else "."
        body = s.replace(thousands, "")
        return _clean(float(body.replace(dec, ".")))
    if len(seps) > 1:
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return int("".join(groups))
        return None
    head, tail = groups
    if len(tail) == 3 and not scaled and head != "0" and len(head) <= 3:
        return int(head + tail)
    return _clean(float(f"{head}.{tail}"))


def _clean(value: float) -> int | float:
    """Integers stay integers (1.0 -> 1); other values are rounded to 10 places."""
    if value == int(value) and abs(value) < 1e18:
        return int(value)
    return round(value, 10)


@dataclass(frozen=True)
class NumberLexicon:
    """Folded number words by class, compiled from numbers.json."""

    classes: dict[str, tuple[str, float]]
    latin_scales: dict[str, float]
    conjunction: str
    prefixes: tuple[str, ...]

    def classify(self, word: str, first: bool) -> tuple[str, float] | None:
        """(class, value) of a folded word; the first word of a number may carry a clitic."""
        hit = self.classes.get(word)
        if hit is not None or not first:
            return hit
        for p in self.prefixes:
            if word.startswith(p) and len(word) - len(p) >= _MIN_STRIPPED:
                hit = self.classes.get(word[len(p):])
                if hit is not None:
                    return hit
        return None


@lru_cache(maxsize=1)
def number_lexicon() -> NumberLexicon:
    raw = json.loads(resources.files("rasid").joinpath("data/amounts/numbers.json").read_text("utf-8"))
    classes: dict[str, tuple[str, float]] = {}
    for cls, key in (("unit", "units"), ("teen_only", "teen_only"), ("tens", "tens"),
                     ("hund", "hundreds"), ("scale", "scales"), ("scale_dual", "scale_duals"),
                     ("frac", "fractions")):
        for word, value in raw[key].items():
            classes.setdefault(fold(word), (cls, value))
    prefixes = tuple(sorted((fold(p) for p in raw["clitic_prefixes"]), key=len, reverse=True))
    return NumberLexicon(classes, {k.lower(): v for k, v in raw["latin_scales"].items()},
                         fold(raw["conjunction"]), prefixes)


@dataclass(frozen=True, slots=True)
class NumberParse:
    """A number found at tokens[first:last]: value and how it was written."""

    value: int | float
    first: int
    last: int  # exclusive token index
    digits: bool  # the number starts with digits
    scaled: bool  # a scale word (ألف, مليون ...) multiplied it
    words: bool  # at least one number word took part


class _State:
    """Accumulator for one number: ``total`` of finished scale groups plus the open group."""

    __slots__ = ("total", "units", "tens", "hund", "digits", "frac", "last_scale", "pending_teen")

    def __init__(self) -> None:
        self.total = 0.0
        self.units = 0.0
        self.tens = 0.0
        self.hund = 0.0
        self.digits: float | None = None
        self.frac = 0.0
        self.last_scale = float("inf")
        self.pending_teen = False

    def group(self) -> float:
        if self.digits is not None:
            return self.digits
        return self.hund + self.tens + self.units + self.frac

    def group_empty(self) -> bool:
        return self.digits is None and not (self.hund or self.tens or self.units or self.frac)

    def value(self) -> float:
        return self.total + self.group()

    def close(self) -> None:
        self.units = self.tens = self.hund = self.frac = 0.0
        self.digits = None


def parse_number(tokens: list[Token], i: int, lex: NumberLexicon | None = None) -> NumberParse | None:
    """The longest well-formed number starting at ``tokens[i]``, or None.

    Compounds join with و only where Arabic grammar allows (units before tens, smaller groups
    after larger scales), so ``بين 3 و5`` stays two numbers while ``ثلاثة آلاف وخمسمائة`` and
    ``مليار و500 مليون`` are one.
    """
    lex = lex or number_lexicon()
    st = _State()
    best: NumberParse | None = None
    saw_digits_first = tokens[i].kind == "num"
    scaled = False
    words = False
    j = i
    n = len(tokens)
    conj = lex.conjunction
    while j < n:
        tok = tokens[j]
        first = j == i
        joined = False
        step = 1
        kind: str | None = None
        value = 0.0
        # a word or digits, possibly after the conjunction و
        if not first and tok.kind == "word" and tok.text == conj and j + 1 < n and tokens[j + 1].glued:
            nxt = tokens[j + 1]
            joined = True
            step = 2
            tok = nxt
        elif not first and tok.kind == "word" and tok.text.startswith(conj) and len(tok.text) > 1:
            hit = lex.classes.get(tok.text[1:])
            if hit is not None:
                joined = True
                kind, value = hit
        if kind is None:
            if tok.kind == "num":
                if not first and not joined:
                    break
                parsed = parse_digits_token(tokens, j + step - 1)
                if parsed is None:
                    break
                kind, value = "digits", float(parsed)
            elif tok.kind == "word":
                hit = lex.classify(tok.text, first)
                if hit is None and st.digits is not None and not joined:
                    scale = lex.latin_scales.get(tok.text)
                    hit = ("scale", scale) if scale else None
                if hit is None:
                    break
                kind, value = hit
            else:
                break
        ok = _advance(st, kind, value, joined, first)
        if not ok:
            break
        if kind in ("scale", "scale_dual"):
            scaled = True
        if kind != "digits":
            words = True
        j += step
        if not st.pending_teen:
            best = NumberParse(_clean(st.value()), i, j, saw_digits_first, scaled, words)
    return best


def parse_digits_token(tokens: list[Token], j: int) -> int | float | None:
    """Value of the digit token at ``j``, reading ``.``/``,`` in the light of a following scale."""
    tok = tokens[j]
    scaled = False
    if j + 1 < len(tokens) and tokens[j + 1].kind == "word":
        hit = number_lexicon().classes.get(tokens[j + 1].text)
        scaled = hit is not None and hit[0] == "scale"
    return parse_digits(tok.raw or tok.text, scaled=scaled)


def _advance(st: _State, kind: str, value: float, joined: bool, first: bool) -> bool:
    """Apply one number piece to the state; False when it cannot continue this number."""
    if st.pending_teen:
        if kind == "unit" and value == 10 and not joined:
            st.units += 10
            st.pending_teen = False
            return True
        return False
    if first:
        if kind == "teen_only":
            st.units = value
            st.pending_teen = True
        elif kind == "digits":
            st.digits = value
        elif kind in ("unit", "tens", "hund"):
            setattr(st, {"unit": "units", "tens": "tens", "hund": "hund"}[kind], value)
        elif kind == "frac":
            st.frac = value
        elif kind in ("scale", "scale_dual"):
            st.total = value
            st.last_scale = value / 2 if kind == "scale_dual" else value
        return True
    if not joined:
        if kind == "unit" and value == 10 and 1 <= st.units <= 9 and not st.tens and not st.hund \
                and st.digits is None and st.total == 0:
            st.units += 10  # ثلاثة عشر
            return True
        if kind == "hund" and value == 100 and 3 <= st.units <= 9 and not st.tens and not st.hund:
            st.hund = st.units * 100  # ثلاث مائة
            st.units = 0
            return True
        if kind == "scale":
            group = st.group() if not st.group_empty() else 1.0
            if value >= st.last_scale:
                return False
            st.total += group * value
            st.last_scale = value
            st.close()
            return True
        return False
    # joined with و
    if kind == "frac":
        if st.group_empty() and st.total and st.last_scale != float("inf"):
            st.total += value * st.last_scale  # مليون ونصف
            st.last_scale = 1.0
            return True
        return False
    if st.digits is not None:
        return False
    if kind == "tens" and 1 <= st.units <= 9 and not st.tens and not st.frac:
        st.tens = value
        return True
    if st.hund and not st.units and not st.tens:
        if kind in ("unit", "tens") or (kind == "digits" and value < 100):
            if kind == "digits":
                st.digits = st.hund + value
                st.hund = 0
            elif kind == "unit":
                st.units = value
            else:
                st.tens = value
            return True
        return False
    if st.group_empty() and st.total and st.last_scale != float("inf"):
        if kind in ("unit", "tens", "hund", "digits") and value < st.last_scale:
            if kind == "digits":
                st.digits = value
            elif kind == "unit":
                st.units = value
            elif kind == "tens":
                st.tens = value
            else:
                st.hund = value
            return True
    return False


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number in the original text."""

    start: int
    end: int
    value: int | float
    digits: bool
    scaled: bool


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number (digits or words, with scales) in ``text``, left to right, no overlaps."""
    view = normalise(text)
    tokens = tokenise_view(view, text)
    lex = number_lexicon()
    out: list[NumberMatch] = []
    i = 0
    while i < len(tokens):
        parsed = parse_number(tokens, i, lex) if tokens[i].kind in ("num", "word") else None
        if parsed is None:
            i += 1
            continue
        out.append(NumberMatch(tokens[parsed.first].start, tokens[parsed.last - 1].end, parsed.value,
                               parsed.digits, parsed.scaled))
        i = parsed.last
    return out


def words_to_number(phrase: str) -> int | float | None:
    """The value of a phrase that is wholly one number (``خمسة وعشرون`` -> 25), else None."""
    view = normalise(phrase)
    tokens = tokenise_view(view, phrase)
    if not tokens:
        return None
    parsed = parse_number(tokens, 0)
    if parsed is None or parsed.last != len(tokens):
        return None
    return parsed.value
