"""Boilerplate stage: UI lines flagged, the same words inside news left alone, offsets exact."""

from __future__ import annotations

import json

import pytest

from rasid.doc import Document
from rasid.stages import boilerplate

TEXT = (
    "منذ 7 ساعات\n"
    "شارك الرئيس في القمة التي عقدت في القاهرة.\n"
    "اقرأ أيضاً: الرئيس يزور القاهرة\n"
    "فيسبوك | تويتر | واتساب\n"
    "وقال الوزير إن الاتفاق مهم. تم تحديث هذه القصة.\n"
    "منذ 24 فبراير/شباط 2022، تشن روسيا هجوما على أوكرانيا.\n"
    "  شـــارك  \n"
    "إعلان\n"
    "أعلنت الشركة عن إعلان جديد.\n"
    "المصدر: وكالات\n"
    "Advertisement\n"
    "منذ ثلاثة أيام\n"
)


def _run(text: str) -> Document:
    doc = Document(text)
    boilerplate.build()(doc)
    return doc


def test_boilerplate_lines_flagged_exactly() -> None:
    doc = _run(TEXT)
    got = [(doc.text[s.start:s.end], s.attrs["kind"]) for s in doc.spans("boilerplate")]
    assert got == [
        ("منذ 7 ساعات", "timestamp"),
        ("اقرأ أيضاً: الرئيس يزور القاهرة", "related"),
        ("فيسبوك | تويتر | واتساب", "share"),
        ("تم تحديث هذه القصة.", "updated"),
        ("شـــارك", "share"),
        ("إعلان", "ad"),
        ("المصدر: وكالات", "source"),
        ("Advertisement", "ad"),
        ("منذ ثلاثة أيام", "timestamp"),
    ]
    for s in doc.spans("boilerplate"):
        assert s.stage == "boilerplate@1" and s.label == "boilerplate"
        assert doc.text[s.start:s.end] == doc.text[s.start:s.end].strip()
    doc.check_offsets()


@pytest.mark.parametrize("line", [
    "شارك الرئيس في القمة",
    "أعلنت الشركة عن إعلان جديد.",
    "منذ 24 فبراير/شباط 2022، تشن روسيا هجوما على أوكرانيا.",
    "قتل ثلاثة أشخاص منذ 7 ساعات في القصف.",
    "قال إن تحديث هذه القصة سيتم لاحقا.",
])
def test_cue_inside_news_not_flagged(line: str) -> None:
    assert _run(line).spans("boilerplate") == []


def test_diacritics_and_alef_variants_match() -> None:
    doc = _run("إقرأ ايضا: خبر\nشَارِكْ")
    assert [doc.text[s.start:s.end] for s in doc.spans("boilerplate")] == ["إقرأ ايضا: خبر", "شَارِكْ"]


def test_gold_boilerplate_of_seeds_flagged(shared_dir) -> None:
    gold_dir, seeds = shared_dir / "gold", shared_dir / "seeds"
    checked = 0
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        text = (seeds / f"{gold_file.stem}.txt").read_text("utf-8")
        doc = _run(text)
        surfaces = [text[s.start:s.end] for s in doc.spans("boilerplate")]
        for phrase in gold.get("boilerplate", []):
            assert phrase in surfaces, (gold_file.stem, phrase)
            checked += 1
        # nothing beyond the gold is flagged in these articles
        assert sorted(surfaces) == sorted(gold.get("boilerplate", [])), gold_file.stem
    assert checked == 5


def test_a_source_link_appended_after_the_last_sentence_is_flagged_to_the_line_end() -> None:
    text = ("وصل الوزير إلى الرياض اليوم للقاء المسؤولين. رابط الخبر بصحيفة الوئام: الوزير يصل الرياض\n"
            "وقال المتحدث إن رابط الخبر كان معطلا لساعات في الموقع.")
    found = boilerplate.find_boilerplate(text)
    assert [(text[a:b], kind) for a, b, kind in found] == [
        ("رابط الخبر بصحيفة الوئام: الوزير يصل الرياض", "source_link")]


def test_breadcrumbs_font_size_and_keyword_lines_are_page_furniture() -> None:
    text = ("الرئيسية / أخبار العالم\nالرئيسية » سياسة » عربي ودولي\nحجم الخط\n"
            "قال الرئيس إن الاقتصاد والسياسة والرياضة أولويات الحكومة هذا العام.\n"
            "الكلمات المفتاحية: أوكرانيا، فرنسا، الناتو")
    doc = _run(text)
    assert [(doc.text[s.start:s.end], s.attrs["kind"]) for s in doc.spans("boilerplate")] == [
        ("الرئيسية / أخبار العالم", "navigation"), ("الرئيسية » سياسة » عربي ودولي", "navigation"),
        ("حجم الخط", "navigation"), ("الكلمات المفتاحية: أوكرانيا، فرنسا، الناتو", "tags")]
