"""The dates stage inside a pipeline: layer, stage tag, noise, offsets, property test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.doc import Document, Span
from rasid.pipeline import Pipeline
from rasid.stages.dates import STAGE, build

RUN = build()


def test_registered_after_sentences_and_in_the_default_pipeline() -> None:
    pipe = Pipeline(["boilerplate", "sentences", "dates"])
    doc = Document("قال الوزير يوم الأربعاء إن الاتفاق وقع في 5 ديسمبر 1994.", meta={"published": "2025-02-12"})
    pipe.run_doc(doc)
    spans = doc.spans("dates")
    assert [(s.surface(doc.text), s.label, s.stage, dict(s.attrs)) for s in spans] == [
        ("يوم الأربعاء", "date", STAGE, {"value": "2025-02-12", "relative": True}),
        ("5 ديسمبر 1994", "date", STAGE, {"value": "1994-12-05", "relative": False}),
    ]
    doc.check_offsets()


def test_noise_is_skipped_but_a_dateline_is_kept() -> None:
    text = "منذ 7 ساعات\nاشترك الآن في النشرة منذ 3 أيام\nقال الوزير أمس إن الحرب طويلة."
    doc = Document(text, meta={"published": "2025-08-19"})
    first = text.index("\n")
    second = text.index("\n", first + 1)
    doc.add("boilerplate", [Span(0, first, "boilerplate"), Span(first + 1, second, "boilerplate")])
    RUN(doc)
    assert [(s.surface(text), s.attrs["value"]) for s in doc.spans("dates")] == [
        ("منذ 7 ساعات", "2025-08-19"), ("أمس", "2025-08-18")]


_ALPHABET = st.sampled_from(list("٠١٢٣٤٥0123456789 ،.هـ/()-") + [
    "يوم ", "الأربعاء", "يناير", "كانون الثاني", "رمضان", "عام ", "منذ ", "ساعات", "اليوم", "أمس",
    "الماضي", "المقبل", "الشهر", "قبل ", "يومي ", " و", "الأول من ", "سوف ", "\n", "ـ", "\u064e"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=30), st.sampled_from([None, "2024-02-29", "2025-12-31"]))
def test_never_raises_and_offsets_hold(pieces: list[str], published: str | None) -> None:
    text = "".join(pieces)
    doc = Document(text, meta={"published": published} if published else {})
    RUN(doc)
    doc.check_offsets()
    for s in doc.spans("dates"):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end].strip() == text[s.start:s.end]
        value = s.attrs["value"]
        assert value is None or len(str(value)) in (4, 7, 10)
