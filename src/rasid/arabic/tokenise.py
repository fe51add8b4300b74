"""Tokens with clitic pieces, as character ranges of the original text.

``tokenize(text)`` cuts text into words (Arabic letters with their diacritics and tatweel,
Latin words), numbers (ASCII, Arabic-Indic or Persian digits with ``٫ ٬ , .`` inside), ``%``/``٪``
and single punctuation marks.  An Arabic word whose beginning or end is a clitic gets
``pieces``: proclitics (conjunction و ف, preposition ب ل ك, future س), the article ال (``لل`` is
preposition ل + article ل) and pronoun suffixes, each a sub-range of the token (stanza's
Token/Word split, DESIGN lesson 1).

How a word splits is decided per distinct word (cached, ``analyse_word``), first rule that answers:

1. the never-split list (``arabic/data/never_split.txt``: names whose letters look like clitics)
   wins: the word, or the word after a proclitic, is kept whole;
2. the compiled table ``arabic/data/segmentations.tsv`` (qalsadi's analyses of frequent news
   words, made offline by ``python -m rasid.arabic.tokenise compile``) answers at once;
3. the article (``ال``, ``وال``, ``بال``, ``لل``…) before three or more letters splits by rule: an
   article word never carries a pronoun suffix (``الت…`` is left to the analyser: التقى, التزام);
4. a proclitic before a table word, or a table word before a pronoun suffix, reuses the table;
5. any other word goes to the qalsadi morphological analyser (loaded lazily, once); a word it
   does not know splits only where the rest is clearly a word (article, protected name).
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rasid.arabic.normalise import fold

# -- character classes -------------------------------------------------------------------
_AR_LETTER = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
_AR_MARK = "\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
_TOKEN_RE = re.compile(
    rf"(?P<ar>[{_AR_LETTER}][{_AR_LETTER}{_AR_MARK}]*)"
    r"|(?P<num>\d+(?:[.,\u066b\u066c]\d+)*)"
    r"|(?P<lat>[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*)"
    r"|(?P<pct>[%\u066a])"
    r"|(?P<punct>[^\s\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u200b-\u200d\ufeff])"
)
_MARKS = frozenset(chr(c) for c in [0x0640, *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])

#: proclitic letters and the kind of piece each makes
_PROCLITIC_KIND = {"و": "conj", "ف": "conj", "ب": "prep", "ل": "prep", "ك": "prep", "س": "fut"}
#: pronoun suffixes, longest first
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك", "ي")
_ARTICLE_RE = re.compile(r"[وف]?(?:[بك]?ال|لل)")


@dataclass(frozen=True, slots=True)
class Piece:
    start: int
    end: int
    kind: str  # conj | prep | fut | article | stem | suffix

    def as_dict(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``text[start:end] == surface``; ``pieces`` only when the word splits."""

    start: int
    end: int
    surface: str
    kind: str  # word | latin | number | percent | punct
    pieces: tuple[Piece, ...] = field(default=())
    lemma: str | None = None

    @property
    def stem(self) -> tuple[int, int]:
        """The range of the stem piece (the whole token when unsplit)."""
        for p in self.pieces:
            if p.kind == "stem":
                return p.start, p.end
        return self.start, self.end

    def attrs(self) -> dict:
        out: dict = {}
        if self.pieces:
            out["pieces"] = [p.as_dict() for p in self.pieces]
        if self.lemma:
            out["lemma"] = self.lemma
        return out


# -- data -------------------------------------------------------------------------------
def _read_lines(name: str) -> list[str]:
    raw = resources.files("rasid.arabic").joinpath(f"data/{name}").read_text("utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def never_split() -> frozenset[str]:
    """Folded keys of words that must stay whole (names that start like a clitic)."""
    return frozenset(fold(w) for w in _read_lines("never_split.txt"))


@lru_cache(maxsize=1)
def _segmentations() -> dict[str, tuple[str, str, str]]:
    """bare word -> (proclitic, suffix, lemma) from the compiled table."""
    table: dict[str, tuple[str, str, str]] = {}
    try:
        lines = _read_lines("segmentations.tsv")
    except FileNotFoundError:
        return table
    for line in lines:
        parts = line.split("\t")
        if len(parts) >= 3:
            word, pro, suf = parts[0], parts[1], parts[2]
            lemma = parts[3] if len(parts) > 3 else ""
            table[word] = (pro, suf, lemma)
    return table


_analyser = None
_analyser_lock = threading.Lock()


def _qalsadi():
    global _analyser
    if _analyser is None:
        with _analyser_lock:
            if _analyser is None:
                import qalsadi.analex

                _analyser = qalsadi.analex.Analex()
    return _analyser


# -- splitting one bare word ----------------------------------------------------------------
def _strip_marks(s: str) -> str:
    return "".join(ch for ch in s if ch not in _MARKS)


def _valid_proclitic(pro: str) -> bool:
    """A proclitic string qalsadi may give that we accept: [وف]? ([بلك]|س)? (ال)? or ...لل."""
    return re.fullmatch(r"[وف]?(?:[بك]?ال|لل|[بلك]|س)?", pro) is not None


def _qalsadi_split(bare: str) -> tuple[str, str, str] | None:
    """(proclitic, suffix, lemma) from qalsadi, or None when the word is unknown to it."""
    try:
        analyses = _qalsadi().check_word(bare)
    except Exception:  # noqa: BLE001 - the analyser must never take the tokeniser down
        return None
    cands = []
    for a in analyses:
        typ = str(a.type or "")
        if typ.startswith("unknown") or not isinstance(a.affix, tuple | list) or len(a.affix) < 4:
            continue
        pro = _strip_marks(a.affix[0] or "")
        suf = _strip_marks(a.affix[3] or "")
        if not _valid_proclitic(pro) or not bare.startswith(pro):
            continue
        if suf and (suf not in _SUFFIXES or not bare.endswith(suf)):
            suf = ""
        if len(bare) - len(pro) - len(suf) < 2:
            continue
        stop = typ.startswith("STOPWORD")
        rest = bare[len(pro):]
        if suf and (pro.endswith(("ال", "لل")) or (_ARTICLE_RE.match(rest) and not rest.startswith("الت"))):
            continue  # the article never takes a pronoun suffix (الحكم is not الح + كم)
        if suf == "ي" and not (stop and len(bare) - len(pro) <= 3):
            continue  # final ي is mostly the nisba ending (غربي, كونتي); split it off short particles only
        lemma = _strip_marks(a.lemma or "")
        stem = _strip_marks(a.stem or "")
        # prefer function words, then the fewest clitics (a proclitic before a suffix), then the
        # longest stem (مدينة over مدين)
        n_clitics = len(_proclitic_pieces(pro)) + (1 if suf else 0)
        cands.append((0 if stop else 1, n_clitics, len(suf), len(pro), -len(stem), lemma != stem, pro, suf, lemma))
    if not cands:
        return None
    cands.sort()  # the whole tuple: qalsadi may list analyses in set order, ties must not depend on it
    pro, suf, lemma = cands[0][6:]
    return pro, suf, lemma


def _rule_split(bare: str, names: frozenset[str]) -> tuple[str, str, str]:
    """Split an unknown word only where the rest is clearly a word."""
    key = fold(bare)
    if key in names:
        return "", "", ""
    # proclitic(s) in front of a never-split name: لأوكرانيا, وبولندا, وبلندن
    for n in (1, 2):
        pro = bare[:n]
        if len(bare) > n and _valid_proclitic(pro) and fold(bare[n:]) in names:
            return pro, "", ""
    # the article before at least three letters: الإسرائيلي, والبريطانية, للكرملين
    m = _ARTICLE_RE.match(bare)
    if m and len(bare) - m.end() >= 3:
        return m.group(), "", ""
    return "", "", ""


@lru_cache(maxsize=100_000)
def analyse_word(bare: str) -> tuple[str, str, str]:
    """(proclitic, suffix, lemma) for a word without diacritics; '' where there is none."""
    names = never_split()
    key = fold(bare)
    if key in names:
        return "", "", ""
    for n in (1, 2, 3):
        # a proclitic in front of a protected name: the name stays whole
        if len(bare) > n + 1 and _valid_proclitic(bare[:n]) and fold(bare[n:]) in names:
            return bare[:n], "", ""
    hit = _segmentations().get(bare)
    if hit is not None:
        return hit
    if len(bare) < 3 or not _may_split(bare):
        return "", "", ""
    m = _ARTICLE_RE.match(bare)
    if m and len(bare) - m.end() >= 3 and not bare[m.end() - 2:].startswith("الت"):
        # the article never takes a pronoun suffix, so the split is known without the analyser;
        # "الت..." may be a form VIII verb or noun of a root in ل (التقى, التزام): ask qalsadi
        return m.group(), "", ""
    got = _known_rest_split(bare)
    if got is not None:
        return got
    got = _qalsadi_split(bare)
    if got is None:
        return _rule_split(bare, names)
    return got


#: proclitic strings tried in front of a known word, longest first
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "وس", "فس", "و", "ف", "ب", "ل", "ك", "س")


def _known_rest_split(bare: str) -> tuple[str, str, str] | None:
    """Split an unseen word as proclitic + a word of the compiled table, or word + suffix.

    Cheap and conservative: the rest must be a table word of at least three letters, so that
    only the analyser's own earlier decisions are reused; None leaves the word to qalsadi.
    """
    table = _segmentations()
    for pro in _PROCLITICS:
        if not bare.startswith(pro) or len(bare) - len(pro) < 3:
            continue
        rest = bare[len(pro):]
        if pro.endswith("س") and rest[0] not in "يتنأ":
            continue
        hit = table.get(rest)
        if hit is not None and _valid_proclitic(pro + hit[0]):
            return pro + hit[0], hit[1], hit[2]
    for suf in _SUFFIXES:
        if suf != "ي" and bare.endswith(suf) and len(bare) - len(suf) >= 3:
            rest = bare[: -len(suf)]
            for cand in (rest, rest[:-1] + "ة" if rest.endswith("ت") else None):
                hit = table.get(cand) if cand else None
                if hit is not None and not hit[0] and not hit[1]:
                    return "", suf, hit[2]
    # a stem the table has seen inside another word (تحرك in والتحرك), with a proclitic and/or
    # a suffix around it; هن and كن are left out (verbs end in ن: تمتهن)
    stems = _known_stems()
    for pro in (*_PROCLITICS, ""):
        if not bare.startswith(pro):
            continue
        rest = bare[len(pro):]
        if pro.endswith("س") and rest[:1] not in ("ي", "ت", "ن", "أ"):
            continue
        for suf in ("", *_STEM_SUFFIXES):
            if (pro or suf) and rest.endswith(suf) and len(rest) - len(suf) >= 3:
                if rest[: len(rest) - len(suf)] in stems:
                    return pro, suf, ""
    return None


_STEM_SUFFIXES = ("هما", "كما", "هم", "ها", "كم", "نا", "ه", "ك")


@lru_cache(maxsize=1)
def _known_stems() -> frozenset[str]:
    """Stems of the compiled table's words (the word less its proclitic and suffix)."""
    out = set()
    for word, (pro, suf, _lemma) in _segmentations().items():
        stem = word[len(pro): len(word) - len(suf)]
        if len(stem) >= 3:
            out.add(stem)
    return frozenset(out)


_SUFFIXES_NO_YA = tuple(x for x in _SUFFIXES if x != "ي")


def _may_split(bare: str) -> bool:
    """Whether a clitic is possible at all (cheap test before any lookup)."""
    first = bare[0]
    if first in "وفبلك" or bare.startswith("ال"):
        return True
    if first == "س" and len(bare) > 1 and bare[1] in "يتنأ":
        return True  # future س before an imperfect prefix
    return bare.endswith(_SUFFIXES_NO_YA) or (len(bare) <= 3 and bare.endswith("ي"))


def _proclitic_pieces(pro: str) -> list[str]:
    """Piece kinds for the letters of a proclitic: 'وال' -> conj, article(2 letters)."""
    kinds: list[str] = []
    i = 0
    if pro and pro[0] in "وف":
        kinds.append("conj")
        i = 1
    rest = pro[i:]
    if rest == "لل":
        kinds += ["prep", "article1"]
    elif rest.endswith("ال"):
        kinds += [_PROCLITIC_KIND[c] for c in rest[:-2]] + ["article"]
    else:
        kinds += [_PROCLITIC_KIND[c] for c in rest]
    return kinds


# -- tokens -------------------------------------------------------------------------------
def _word_token(text: str, start: int, end: int) -> Token:
    surface = text[start:end]
    # bare letters and their original positions (diacritics and tatweel dropped)
    idx = [i for i, ch in enumerate(surface) if ch not in _MARKS]
    bare = "".join(surface[i] for i in idx)
    if any("\ufb50" <= ch for ch in bare):  # presentation forms: no analysis
        return Token(start, end, surface, "word")
    pro, suf, lemma = analyse_word(bare)
    if not pro and not suf:
        return Token(start, end, surface, "word", (), lemma or None)
    pieces: list[Piece] = []
    pos = 0  # position in bare
    for kind in _proclitic_pieces(pro):
        width = 2 if kind == "article" else 1
        a = start + idx[pos]
        b = start + (idx[pos + width] if pos + width < len(idx) else len(surface))
        pieces.append(Piece(a, b, "article" if kind == "article1" else kind))
        pos += width
    stem_end = len(bare) - len(suf)
    a = start + idx[pos]
    b = start + (idx[stem_end] if stem_end < len(idx) else len(surface))
    pieces.append(Piece(a, b, "stem"))
    if suf:
        pieces.append(Piece(b, end, "suffix"))
    return Token(start, end, surface, "word", tuple(pieces), lemma or None)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text, start, end):
        kind = m.lastgroup
        a, b = m.span()
        if kind == "ar":
            out.append(_word_token(text, a, b))
        elif kind == "num":
            out.append(Token(a, b, m.group(), "number"))
        elif kind == "lat":
            out.append(Token(a, b, m.group(), "latin"))
        elif kind == "pct":
            out.append(Token(a, b, m.group(), "percent"))
        else:
            out.append(Token(a, b, m.group(), "punct"))
    return out


def preload() -> None:
    """Load the word lists and the compiled table now (a stage's ``build()``), not on first use."""
    never_split()
    _known_stems()


def word_key(piece_text: str) -> str:
    """The folded matching key of a stem (diacritics, tatweel gone; alef/ya/ta marbuta folded)."""
    return fold(piece_text)


# -- offline compilation of the segmentation table ---------------------------------------------
def _compile_one(word: str) -> tuple[str, str, str]:
    got = _qalsadi_split(word)
    return got if got is not None else _rule_split(word, never_split())


def compile_table(words: Iterable[str], min_count: int, out_path: str, jobs: int = 1) -> int:
    """Write ``segmentations.tsv`` for words seen at least ``min_count`` times (qalsadi + rules)."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for w in words:
        counts[w] += 1
    names = never_split()
    todo = [w for w, c in counts.most_common() if c >= min_count and len(w) >= 3
            and fold(w) not in names and _may_split(w)]
    if jobs > 1:
        from multiprocessing import Pool

        with Pool(jobs) as pool:
            results = pool.map(_compile_one, todo, chunksize=500)
    else:
        results = [_compile_one(w) for w in todo]
    rows = [f"{w}\t{pro}\t{suf}\t{lemma}" for w, (pro, suf, lemma) in zip(todo, results, strict=True)]
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("# word\tproclitic\tsuffix\tlemma - compiled by `python -m rasid.arabic.tokenise compile`\n")
        fh.write("# from qalsadi analyses of frequent words; see arabic/data/PROVENANCE.md\n")
        fh.write("\n".join(rows) + "\n")
    return len(rows)


def _main(argv: list[str]) -> int:
    """``compile OUT.tsv MIN_COUNT JOBS FILE.jsonl[@SKIP] ...``: SKIP leading records are left out."""
    import json

    if len(argv) < 5 or argv[0] != "compile":
        print("usage: python -m rasid.arabic.tokenise compile OUT.tsv MIN_COUNT JOBS ARTICLES.jsonl[@SKIP] ...")
        return 2
    out, min_count, jobs, sources = argv[1], int(argv[2]), int(argv[3]), argv[4:]

    def words() -> Iterable[str]:
        for src in sources:
            path, _, skip = src.partition("@")
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh):
                    if n < int(skip or 0):
                        continue
                    text = json.loads(line).get("text") or ""
                    for m in _TOKEN_RE.finditer(text):
                        if m.lastgroup == "ar":
                            bare = _strip_marks(m.group())
                            if not any("\ufb50" <= ch for ch in bare):
                                yield bare

    n = compile_table(words(), min_count, out, jobs=jobs)
    print(f"wrote {n} rows to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
