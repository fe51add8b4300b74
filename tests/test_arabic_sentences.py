"""Sentence splitting: terminators, quotes, numbers, line breaks, boilerplate boundaries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.arabic.sentences import split_sentences
from rasid.doc import Document, Span


def _surfaces(text: str, breaks=()) -> list[str]:
    spans = split_sentences(text, breaks)
    for a, b in spans:
        assert 0 <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
    return [text[a:b] for a, b in spans]


def test_terminators_and_comma() -> None:
    text = "قال الوزير ، إن الاتفاق مهم. هل يصمد؟ نعم! ربما؛ لا أحد يعرف… انتهى"
    assert _surfaces(text) == ["قال الوزير ، إن الاتفاق مهم.", "هل يصمد؟", "نعم!", "ربما؛",
                               "لا أحد يعرف…", "انتهى"]


def test_closing_quote_before_and_after_period() -> None:
    assert _surfaces("قال: “لن نتراجع”. ثم غادر.") == ["قال: “لن نتراجع”.", "ثم غادر."]
    assert _surfaces("قال: “لن نتراجع.” ثم غادر.") == ["قال: “لن نتراجع.”", "ثم غادر."]
    assert _surfaces("قال: «كفى.» وغادر") == ["قال: «كفى.»", "وغادر"]


def test_numbers_and_abbreviations_do_not_split() -> None:
    text = "ارتفع بنسبة 3.5 في المئة إلى 1,000 دولار و١٢٣٫٥ يورو. قال Mr. Smith ذلك."
    assert _surfaces(text) == ["ارتفع بنسبة 3.5 في المئة إلى 1,000 دولار و١٢٣٫٥ يورو.",
                               "قال Mr. Smith ذلك."]


def test_line_breaks_always_split_and_blank_lines_vanish() -> None:
    text = "عنوان بلا نقطة\n\n   \n  جملة أولى. جملة ثانية\r\nسطر أخير  "
    assert _surfaces(text) == ["عنوان بلا نقطة", "جملة أولى.", "جملة ثانية", "سطر أخير"]


def test_forced_breaks() -> None:
    text = "اقرأ أيضا الخبر وقال الوزير إن الأمر انتهى."
    cut = text.index("وقال")
    assert _surfaces(text, [cut]) == ["اقرأ أيضا الخبر", "وقال الوزير إن الأمر انتهى."]


def test_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t ") == []




def test_stage_never_crosses_boilerplate() -> None:
    from rasid.stages import sentences

    text = "شارك الخبر اقرأ أيضا قال الوزير إن الحرب انتهت. وأضاف أنه متفائل."
    doc = Document(text)
    cut_a, cut_b = text.index("اقرأ"), text.index("قال")
    doc.add("boilerplate", [Span(cut_a, cut_b - 1, "boilerplate", {"kind": "related"}, "test@1")])
    sentences.build()(doc)
    got = [(doc.text[s.start:s.end], s.label, s.stage) for s in doc.spans("sentences")]
    assert got == [
        ("شارك الخبر", "sentence", "sentences@1"),
        ("اقرأ أيضا", "sentence", "sentences@1"),
        ("قال الوزير إن الحرب انتهت.", "sentence", "sentences@1"),
        ("وأضاف أنه متفائل.", "sentence", "sentences@1"),
    ]
    doc.check_offsets()


def test_lone_closing_quote_after_space_stays_with_its_sentence() -> None:
    assert _surfaces("قال إن الحرب ستنتهي. ” وأضاف أنه متفائل.") == [
        "قال إن الحرب ستنتهي. ”", "وأضاف أنه متفائل."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("اب ت.؟!،\n”“«»\"0123٫,… \u200fA")), max_size=60),
       st.lists(st.integers(min_value=0, max_value=60), max_size=3))
def test_spans_ordered_trimmed_and_respect_breaks(text: str, breaks: list[int]) -> None:
    spans = split_sentences(text, breaks)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert "\n" not in text[a:b]
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert not any(a < cut < b for cut in breaks)
        last = b
