"""The amounts stage: exact spans and attributes, exclusions, offsets, robustness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.doc import Document, Span
from rasid.stages.amounts import build, find_amounts

STAGE = build()


def amounts(text: str) -> list[tuple]:
    doc = Document(text)
    STAGE(doc)
    doc.check_offsets()
    out = []
    for s in doc.spans("amounts"):
        assert s.label == "amount" and s.stage == "amounts@1"
        a = s.attrs
        out.append((text[s.start:s.end], a["value"], a["unit"], a.get("counts"), a.get("approx"), a.get("range_to")))
    return out


@pytest.mark.parametrize("text,want", [
    ("تم تمثيل أكثر من 40 دولة.", ("أكثر من 40 دولة", 40, "countries", None, "more_than", None)),
    ("إلى 5 ٪ من الناتج", ("5 ٪", 5, "percent", None, None, None)),
    ("قدمت 134 مليار يورو لكييف", ("134 مليار يورو", 134_000_000_000, "EUR", None, None, None)),
    ("أرسلت 10 آلاف جندي", ("10 آلاف جندي", 10_000, "troops", None, None, None)),
    ("وجهت الاتهام إلى 11 حارسا", ("11 حارسا", 11, "guards", None, None, None)),
    ("اعتقلت الشرطة 25 مشتبها به", ("25 مشتبها به", 25, "suspects", None, None, None)),
    ("استمر ثلاثة أيام", ("ثلاثة أيام", 3, "days", None, None, None)),
    ("قمة تستمر يومين", ("يومين", 2, "days", None, None, None)),
    ("بعد ألف يوم", ("ألف يوم", 1000, "days", None, None, None)),
    ("بلغت ٣٫٥ مليار دولار", ("٣٫٥ مليار دولار", 3_500_000_000, "USD", None, None, None)),
    ("ارتفع بنسبة 2.5%", ("2.5%", 2.5, "percent", None, None, None)),
    ("نمو 4 في المائة", ("4 في المائة", 4, "percent", None, None, None)),
    ("ارتفع 7 بالمئة", ("7 بالمئة", 7, "percent", None, None, None)),
    ("$5 مليارات", ("$5 مليارات", 5_000_000_000, "USD", None, None, None)),
    ("دفع 20 مليون جنيه إسترليني", ("20 مليون جنيه إسترليني", 20_000_000, "GBP", None, None, None)),
    ("تبرعت بـ5 ملايين ريال سعودي", ("5 ملايين ريال سعودي", 5_000_000, "SAR", None, None, None)),
    ("بين 3 و5 مليارات دولار", ("بين 3 و5 مليارات دولار", 3_000_000_000, "USD", None, None, 5_000_000_000)),
    ("تتراوح بين 3-5 مليارات دولار", ("بين 3-5 مليارات دولار", 3_000_000_000, "USD", None, None, 5_000_000_000)),
    ("من 10 إلى 20 دولة", ("من 10 إلى 20 دولة", 10, "countries", None, None, 20)),
    ("ما لا يقل عن 200 شخص", ("ما لا يقل عن 200 شخص", 200, "people", None, "at_least", None)),
    ("زهاء خمسة وعشرين ألف لاجئ", ("زهاء خمسة وعشرين ألف لاجئ", 25_000, "refugees", None, "about", None)),
    ("ثلاثة آلاف وخمسمائة جندي", ("ثلاثة آلاف وخمسمائة جندي", 3500, "troops", None, None, None)),
    ("200 ألف برميل يوميا", ("200 ألف برميل يوميا", 200_000, "barrels per day", None, None, None)),
    ("نحو 1,500,000 نسمة", ("نحو 1,500,000 نسمة", 1_500_000, "people", None, "about", None)),
    ("وقع 1.500 قتيل", ("1.500 قتيل", 1500, "killed", None, None, None)),
    ("۱۲ شهرا", ("۱۲ شهرا", 12, "months", None, None, None)),
    ("قرابة مليوني شخص", ("قرابة مليوني شخص", 2_000_000, "people", None, "about", None)),
    ("لمدة أسبوعين", ("أسبوعين", 2, "weeks", None, None, None)),
    ("سيجتمع فريقان", ("فريقان", 2, "teams", None, None, None)),
    ("وعلى مدى عامين", ("عامين", 2, "years", None, None, None)),
    ("للدول الـ 33", ("للدول الـ 33", 33, "countries", None, None, None)),
    ("خلال اليومين المقبلين", ("اليومين", 2, "days", None, None, None)),
    ("يوم واحد فقط", ("يوم واحد", 1, "days", None, None, None)),
    ("على أحد الأعضاء الـ32 هجوما", ("الأعضاء الـ32", 32, "members", None, None, None)),
    ("لم يتفق الوفود الـ 33", ("الوفود الـ 33", 33, "delegations", None, None, None)),
    ("ما يزيد قليلاً عن شهر", ("ما يزيد قليلاً عن شهر", 1, "months", None, "more_than", None)),
    ("وفقا لأربعة مسؤولين", ("أربعة مسؤولين", 4, "officials", None, None, None)),
    ("حوالي 50 دولة", ("حوالي 50 دولة", 50, "countries", None, "about", None)),
    ("أكثر من دولتين", ("أكثر من دولتين", 2, "countries", None, "more_than", None)),
    ("تمتلك نحو 275 كيلوغراما من اليورانيوم", ("نحو 275 كيلوغراما", 275, "kilograms", None, "about", None)),
    ("أسفر عن مقتل 26 سائحا", ("26 سائحا", 26, "tourists", None, None, None)),
    ("اعتقلت 3 صحفيين", ("3 صحفيين", 3, "journalists", None, None, None)),
    ("غرق 40 مهاجرا", ("40 مهاجرا", 40, "migrants", None, None, None)),
    ("هجوم بـ 574 طائرة مسيرة", ("574 طائرة مسيرة", 574, "drones", None, None, None)),
    ("أسقطت 12 طائرة بدون طيار", ("12 طائرة بدون طيار", 12, "drones", None, None, None)),
])
def test_one_amount(text: str, want: tuple) -> None:
    assert amounts(text) == [want]


def test_of_total_without_noun() -> None:
    assert amounts("لا يفي ثمانية من أصل 32 بالهدف") == [
        ("ثمانية من أصل 32", 8, None, "of 32", None, None), ("32", 32, None, None, None, None)]


def test_partitive_counts_and_unit() -> None:
    got = amounts("لا يفي ثمانية من أصل 32 من أعضاء الناتو بالهدف")
    assert got == [
        ("ثمانية من أصل 32", 8, "members", "of 32", None, None),
        ("32 من أعضاء", 32, "members", "أعضاء الناتو", None, None),
    ]


@pytest.mark.parametrize("text", [
    "قبل عام 2014 هي", "في 20 يناير/كانون الثاني", "يومي 11 و12 يوليو", "الساعة 10:30", "المادة 5 من الميثاق",
    "يجب ألا يكون هذا مينسك 3.0", "طائرات F-16 الأمريكية", "جائحة كوفيد-19", "اتصل على 0123456789",
    "في 5 ديسمبر 1994", "خلال 2014-2015", "بين 2014 و2016", "منذ 24/2/2022", "أحد الأعضاء", "لست أدري",
    "بتاريخ 24-02-2022", "في 24.02.2022",
    "هاتف +966 555 1234", "الأربعاء 13 شعبان 1446 هـ", "في عام 1443 هـ", "منذ يونيو 2023",
])
def test_not_amounts(text: str) -> None:
    assert amounts(text) == []


def test_a_number_in_the_hijri_range_is_still_an_amount_of_something() -> None:
    assert amounts("أرسلت 1446 دبابة") == [("1446 دبابة", 1446, "tanks", None, None, None)]


def test_noise_is_skipped() -> None:
    text = "اشترك الآن 5 دولارات\nقدمت 134 مليار يورو"
    doc = Document(text)
    doc.add("boilerplate", [Span(0, text.index("\n"), "boilerplate", {}, "test@1")])
    got = [(text[s.start:s.end], s.attrs["value"]) for s in find_amounts(doc)]
    assert got == [("134 مليار يورو", 134_000_000_000)]


def test_context_stays_in_its_sentence() -> None:
    text = "انتهى عام 2014. دولة جديدة"
    doc = Document(text)
    doc.add("sentences", [Span(0, 15, "sentence", {}, "t@1"), Span(16, len(text), "sentence", {}, "t@1")])
    assert find_amounts(doc) == []


_ALPHABET = "0123456789٠١٢٣٤٥٦٧٨٩۱۲.,٫٬٪%$€ -/:+وبالـ ثلاثةآلافمليوندولةيومينأكثرمنبينإلىنحوعام\u200f\u0640\u064e"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_random_text_keeps_offsets(text: str) -> None:
    doc = Document(text)
    STAGE(doc)
    doc.check_offsets()
    for s in doc.spans("amounts"):
        assert 0 <= s.start < s.end <= len(text)
        assert isinstance(s.attrs["value"], int | float)
        assert text[s.start:s.end].strip() == text[s.start:s.end]


def test_others_count_what_the_amount_before_them_counted():
    from rasid.pipeline import default_pipeline, make_document

    def found(text: str) -> list[tuple[str, object, object]]:
        doc = default_pipeline().run_doc(make_document(text, published="2025-02-12"))
        return [(text[a.start:a.end], a.attrs["value"], a.attrs["unit"]) for a in doc.spans("amounts")]

    assert found("قتل 12 شخصا وأصيب 30 آخرون في الهجوم.") == [("12 شخصا", 12, "people"), ("30 آخرون", 30, "people")]
    assert found("قتل ثلاثة أشخاص وأصيب خمسة آخرون.")[1] == ("خمسة آخرون", 5, "people")
    # not money, and not across a sentence
    assert found("خصصت 5 ملايين دولار و3 أخرى للإعمار.")[1] == ("3", 3, None)
    assert found("قتل 12 شخصا. وأصيب 30 آخرون.")[1] == ("30", 30, None)


def test_an_arabic_comma_groups_thousands_only_before_exactly_three_digits():
    from rasid.pipeline import default_pipeline, make_document

    def found(text: str) -> list[tuple[str, object]]:
        doc = make_document(text)
        default_pipeline().run_doc(doc)
        return [(text[a.start:a.end], a.attrs["value"]) for a in doc.spans("amounts")]

    assert found("أما العودة فوق مستوى 11،750 نقطة فسيفتح المجال للصعود.") == [("11،750 نقطة", 11750)]
    # a list, or a sentence's comma after a number, is no thousands mark
    assert found("أصيب 3،4 أشخاص.") == [("3", 3), ("4 أشخاص", 4)]
    assert found("وبلغ عدد المصابين 120، وتوفي 15 شخصا.") == [("120", 120), ("15 شخصا", 15)]
