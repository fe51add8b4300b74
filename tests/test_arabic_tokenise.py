"""Tokenisation: words, numbers, punctuation, clitic pieces with exact offsets, and the stages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.arabic.tokenise import Token, tokenize, word_key
from rasid.doc import Document


def _pieces(text: str, tok: Token) -> list[tuple[str, str]]:
    return [(text[p.start:p.end], p.kind) for p in tok.pieces]


def _check(text: str, tokens: list[Token]) -> None:
    for t in tokens:
        assert text[t.start:t.end] == t.surface
        if t.pieces:
            assert t.pieces[0].start == t.start and t.pieces[-1].end == t.end
            for p, q in zip(t.pieces, t.pieces[1:], strict=False):
                assert p.end == q.start and p.start < p.end


@pytest.mark.parametrize(("word", "pieces"), [
    ("لأوكرانيا", [("ل", "prep"), ("أوكرانيا", "stem")]),
    ("والحلف", [("و", "conj"), ("ال", "article"), ("حلف", "stem")]),
    ("للحلف", [("ل", "prep"), ("ل", "article"), ("حلف", "stem")]),
    ("بالمدينة", [("ب", "prep"), ("ال", "article"), ("مدينة", "stem")]),
    ("وزيرها", [("وزير", "stem"), ("ها", "suffix")]),
    ("سيذهب", [("س", "fut"), ("يذهب", "stem")]),
    ("فقال", [("ف", "conj"), ("قال", "stem")]),
    ("وأوكرانيا", [("و", "conj"), ("أوكرانيا", "stem")]),
    ("أوكرانيا", []),
    ("مارك", []),
    ("لندن", []),
    ("بولندا", []),
    ("فرنسا", []),
    ("ليتوانيا", []),
    ("بروكسل", []),
])
def test_clitic_pieces(word: str, pieces: list[tuple[str, str]]) -> None:
    text = f"قال {word} اليوم"
    toks = tokenize(text)
    _check(text, toks)
    assert [t.surface for t in toks] == ["قال", word, "اليوم"]
    assert _pieces(text, toks[1]) == pieces


def test_diacritics_and_tatweel_stay_inside_pieces() -> None:
    text = "وَالْحِلْفِ وبالمـــدينة"
    toks = tokenize(text)
    _check(text, toks)
    assert _pieces(text, toks[0]) == [("وَ", "conj"), ("الْ", "article"), ("حِلْفِ", "stem")]
    assert _pieces(text, toks[1]) == [("و", "conj"), ("ب", "prep"), ("ال", "article"), ("مـــدينة", "stem")]


def test_numbers_percent_latin_and_punctuation() -> None:
    text = "ارتفع ١٢٣٫٥ إلى 1,000.5 (3.5%) و۴۵٪، COVID-19 «نعم»؟"
    toks = tokenize(text)
    _check(text, toks)
    assert [(t.surface, t.kind) for t in toks] == [
        ("ارتفع", "word"), ("١٢٣٫٥", "number"), ("إلى", "word"), ("1,000.5", "number"),
        ("(", "punct"), ("3.5", "number"), ("%", "percent"), (")", "punct"),
        ("و", "word"), ("۴۵", "number"), ("٪", "percent"), ("،", "punct"),
        ("COVID", "latin"), ("-", "punct"), ("19", "number"),
        ("«", "punct"), ("نعم", "word"), ("»", "punct"), ("؟", "punct"),
    ]


def test_bidi_controls_are_not_tokens_and_range_is_respected() -> None:
    text = "\u200fقال\u200f الوزير"
    toks = tokenize(text)
    assert [t.surface for t in toks] == ["قال", "الوزير"]
    assert [t.surface for t in tokenize(text, 5, len(text))] == ["الوزير"]


def test_attrs_and_word_key() -> None:
    tok = tokenize("والحلف")[0]
    assert tok.attrs()["pieces"] == [
        {"start": 0, "end": 1, "kind": "conj"},
        {"start": 1, "end": 3, "kind": "article"},
        {"start": 3, "end": 6, "kind": "stem"},
    ]
    assert tok.stem == (3, 6)
    assert tokenize("مارك")[0].attrs().get("pieces") is None
    assert word_key("أُوكرانـيا") == "اوكرانيا"
    assert word_key("مدينة") == "مدينه"


def test_pipeline_boilerplate_sentences_tokens() -> None:
    from rasid.pipeline import Pipeline

    text = "منذ 7 ساعات\nقال الوزير لأوكرانيا: “لن نتراجع”. وأضاف أن النمو بلغ ٣٫٥٪.\n"
    doc = Pipeline(["boilerplate", "sentences", "tokens"]).run_doc(Document(text))
    assert not doc.meta.get("failures")
    assert [text[s.start:s.end] for s in doc.spans("sentences")] == [
        "منذ 7 ساعات", "قال الوزير لأوكرانيا: “لن نتراجع”.", "وأضاف أن النمو بلغ ٣٫٥٪.",
    ]
    toks = doc.spans("tokens")
    assert all(t.label == "token" and t.stage == "tokens@1" for t in toks)
    assert [text[t.start:t.end] for t in toks][:8] == ["منذ", "7", "ساعات", "قال", "الوزير", "لأوكرانيا", ":", "“"]
    by_surface = {text[t.start:t.end]: t for t in toks}
    assert [(text[p["start"]:p["end"]], p["kind"]) for p in by_surface["لأوكرانيا"].attrs["pieces"]] == [
        ("ل", "prep"), ("أوكرانيا", "stem")]
    assert "pieces" not in by_surface["٣٫٥"].attrs
    for t in toks:
        for p in t.attrs.get("pieces", []):
            assert t.start <= p["start"] < p["end"] <= t.end
    doc.check_offsets()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("والحلفبكسمهيأة ًُـ٫٬.,%٪١٢3«»،؟\u200fAb-")), max_size=50))
def test_offsets_reproduce_surfaces(text: str) -> None:
    toks = tokenize(text)
    _check(text, toks)
    for t, u in zip(toks, toks[1:], strict=False):
        assert t.end <= u.start
    assert all(not text[t.start].isspace() for t in toks)
