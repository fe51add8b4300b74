"""normalise(): the view maps back inside the original text, and fold() is the view's text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.arabic.normalise import fold, normalise

# characters the folding has to cope with: Arabic letters and marks, RTL controls, tatweel,
# presentation forms, Arabic-Indic digits, Latin and anything else Unicode offers
_SPECIAL = st.sampled_from(
    list("\u200f\u202b\u202c\u200e\u0640\u064b\u064e\u0650\u0651\u0652\u0670\ufefb\ufe8d\ufef7\ufdf2\ufb50"
         "\u0623\u0625\u0622\u0649\u0629\u0624\u0626\u0660\u0669\u066b\u066a\u06f5«»“” ABCé")
)
_TEXT = st.lists(st.one_of(_SPECIAL, st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
                           st.characters()), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_view_maps_inside_text_and_fold_agrees(text: str) -> None:
    view = normalise(text)
    assert fold(text) == view.text
    assert len(view.starts) == len(view.ends) == len(view.text)
    for i in range(len(view.text)):
        a, b = view.to_original(i, i + 1)
        assert 0 <= a < b <= len(text)
    if view.text:
        a, b = view.to_original(0, len(view.text))
        assert 0 <= a <= b <= len(text)
    # offsets never go backwards
    assert list(view.starts) == sorted(view.starts)


def test_fold_examples() -> None:
    assert fold("أُوكْرانـــيا") == "اوكرانيا"
    assert fold("\u200fمدرسة\u202b") == "مدرسه"
    assert fold("١٢٣٫٥٪") == "123.5%"
    assert fold("\ufefb") == "لا"  # presentation-form lam-alef


def test_view_maps_diacritised_word_back() -> None:
    text = "قال الرئيسُ: «أَوْكرانيا»"
    view = normalise(text)
    i = view.text.index("اوكرانيا")
    a, b = view.to_original(i, i + len("اوكرانيا"))
    assert text[a:b] == "أَوْكرانيا"
