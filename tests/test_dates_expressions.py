"""Each date form the dates stage reads, with its exact value and span."""

from __future__ import annotations

import pytest

from rasid.doc import Document
from rasid.stages.dates import build

RUN = build()


def dates(text: str, published: str | None = "2025-02-12") -> list[tuple[str, object, bool]]:
    doc = Document(text, meta={"published": published} if published else {})
    RUN(doc)
    doc.check_offsets()
    return [(s.surface(text), s.attrs["value"], s.attrs["relative"]) for s in doc.spans("dates")]


@pytest.mark.parametrize("text, surface, value", [
    ("وقع الاتفاق في 20 يناير 2025 في القاهرة.", "20 يناير 2025", "2025-01-20"),
    ("وقع الاتفاق في 20 يناير/كانون الثاني 2025.", "20 يناير/كانون الثاني 2025", "2025-01-20"),
    ("وصل الوفد في 20 كانون الثاني (يناير) إلى دمشق.", "20 كانون الثاني (يناير)", "2025-01-20"),
    ("ارتفعت الأسعار في فبراير 2022 بشدة.", "فبراير 2022", "2022-02"),
    ("ارتفعت الأسعار في شباط/فبراير 2022 بشدة.", "شباط/فبراير 2022", "2022-02"),
    ("ضمت روسيا القرم عام 2014 بعد استفتاء.", "عام 2014", "2014"),
    ("ضمت روسيا القرم في 2014 بعد استفتاء.", "2014", "2014"),
    ("جرى ذلك في العام 2014 وسط توتر.", "العام 2014", "2014"),
    ("وقعت المذكرة في ٥ ديسمبر ١٩٩٤ في بودابست.", "٥ ديسمبر ١٩٩٤", "1994-12-05"),
    ("يبدأ التطبيق في الأول من مارس 2024 رسميا.", "الأول من مارس 2024", "2024-03-01"),
    ("انطلقت الحملة في الأول من مارس 2024.", "الأول من مارس 2024", "2024-03-01"),
    ("أعلن ذلك في ١٠ رمضان ١٤٤٥هـ في مكة.", "١٠ رمضان ١٤٤٥هـ", "2024-03-20"),
])
def test_absolute_forms(text: str, surface: str, value: str) -> None:
    assert dates(text)[0][:2] == (surface, value)
    assert dates(text)[0][2] is False


def test_hijri_year_and_calendar_attr() -> None:
    doc = Document("صدر الكتاب سنة 1445 هـ في الرياض.", meta={"published": "2025-02-12"})
    RUN(doc)
    [span] = doc.spans("dates")
    assert span.surface(doc.text) == "سنة 1445 هـ"
    assert dict(span.attrs) == {"value": "2024", "relative": False, "calendar": "hijri"}


def test_range_one_span_with_end() -> None:
    doc = Document("عقدت القمة يومي 11 و12 يوليو في فيلنيوس.", meta={"published": "2025-08-01"})
    RUN(doc)
    [span] = doc.spans("dates")
    assert span.surface(doc.text) == "11 و12 يوليو"
    assert dict(span.attrs) == {"value": "2025-07-11", "relative": False, "value_end": "2025-07-12"}


def test_bare_numbers_are_not_years() -> None:
    assert dates("أرسلت 2014 دولة جنودا و40 دولة أخرى.") == []
    assert dates("شارك أكثر من 40 دولة في الاجتماع.") == []


def test_weak_month_word_needs_a_day_or_year() -> None:
    assert dates("مارس الضغط على روسيا في الاجتماع.") == []
    assert dates("اجتمعوا في 3 مارس 2023.")[0][1] == "2023-03-03"


# published 2025-02-12 is a Wednesday
@pytest.mark.parametrize("text, surface, value", [
    ("قال الوزير يوم الأربعاء إن الهدف غير واقعي.", "يوم الأربعاء", "2025-02-12"),
    ("قال الوزير الأربعاء إن الهدف غير واقعي.", "الأربعاء", "2025-02-12"),
    ("قال الوزير يوم الاثنين إن الهدف غير واقعي.", "يوم الاثنين", "2025-02-10"),
    ("قال الوزير الأربعاء الماضي إن الهدف غير واقعي.", "الأربعاء الماضي", "2025-02-05"),
    ("يلتقي الوزيران الأربعاء المقبل في جنيف.", "الأربعاء المقبل", "2025-02-19"),
    ("يلتقي الوزيران الأربعاء القادم في جنيف.", "الأربعاء القادم", "2025-02-19"),
    ("سيزور الوزير باريس يوم الجمعة لإجراء محادثات.", "يوم الجمعة", "2025-02-14"),
    ("من المقرر أن يلتقي الرئيسان في لندن يوم الاثنين.", "يوم الاثنين", "2025-02-17"),
    ("سوف يجتمع الوزراء بعد ظهر يوم الأربعاء في بروكسل.", "بعد ظهر يوم الأربعاء", "2025-02-12"),
    ("اعتبارًا من اليوم لا يفي ثمانية أعضاء بالهدف.", "اليوم", "2025-02-12"),
    ("قال الأمين العام اليوم الأربعاء إن الحلف موحد.", "اليوم الأربعاء", "2025-02-12"),
    ("وصل الوفد أمس إلى القاهرة.", "أمس", "2025-02-11"),
    ("وصل الوفد أول أمس إلى القاهرة.", "أول أمس", "2025-02-10"),
    ("يصل الوفد غدًا إلى القاهرة.", "غدًا", "2025-02-13"),
    ("يصل الوفد بعد غد إلى القاهرة.", "بعد غد", "2025-02-14"),
    ("ارتفعت الأسعار الشهر الماضي بشدة.", "الشهر الماضي", "2025-01"),
    ("تعقد القمة في أواخر الشهر المقبل.", "في أواخر الشهر المقبل", "2025-03"),
    ("تراجع النمو العام الماضي.", "العام الماضي", "2024"),
    ("يتوقع النمو العام المقبل.", "العام المقبل", "2026"),
    ("يتوقع النمو خلال العام الحالي.", "خلال العام الحالي", "2025"),
    ("منذ 7 ساعات", "منذ 7 ساعات", "2025-02-12"),
    ("قتل جنديان قبل ثلاثة أيام في الجنوب.", "قبل ثلاثة أيام", "2025-02-09"),
    ("قتل جنديان قبل ٣ أيام في الجنوب.", "قبل ٣ أيام", "2025-02-09"),
    ("وصل الوفد قبل يومين إلى القاهرة.", "قبل يومين", "2025-02-10"),
    ("وصل الوفد منذ يوم إلى القاهرة.", "منذ يوم", "2025-02-11"),
    ("تتواصل الاحتجاجات منذ يوم الأربعاء الماضي.", "يوم الأربعاء الماضي", "2025-02-05"),
    ("أصدر الحلف بيانا الأسبوع الماضي.", "الأسبوع الماضي", None),
    ("تعقد القمة هذا الأسبوع في ليتوانيا.", "هذا الأسبوع", None),
    ("قال إن الوقت قد حان الآن للسلام.", "الآن", None),
    ("عقد الاجتماع قبل ساعات من بدء القمة.", "قبل ساعات", None),
    ("عقد الاجتماع قبل ثلاثة أيام من القمة.", "قبل ثلاثة أيام", None),
])
def test_relative_forms(text: str, surface: str, value: str | None) -> None:
    assert dates(text)[0] == (surface, value, True)


def test_future_cue_moves_a_yearless_date_forward() -> None:
    doc = Document("تعقد القمة يومي 11 و12 يوليو في فيلنيوس.", meta={"published": "2025-08-01"})
    RUN(doc)
    assert doc.spans("dates")[0].attrs["value"] == "2026-07-11"


def test_day_month_without_year_takes_nearest_year() -> None:
    # told in the future: the first such day on or after publication
    assert dates("من المقرر أن تتولى الإدارة مهامها في 20 يناير.", "2024-12-03")[0][1] == "2025-01-20"
    # no tense cue: the nearest, so a date some weeks back stays in the same year
    assert dates("وقع الحادث في 30 نوفمبر.", "2024-12-03")[0][1] == "2024-11-30"


def test_no_published_date_gives_null_relative_values() -> None:
    got = dates("قال الوزير يوم الأربعاء إن الاتفاق وقع عام 2014.", None)
    assert got == [("يوم الأربعاء", None, True), ("عام 2014", "2014", False)]


def test_today_blockers() -> None:
    assert dates("في اليوم التالي غادر الوفد.") == []


def test_the_shift_word_of_an_earlier_date_is_no_tense_cue_for_a_later_one() -> None:
    text = "دعا المجلس إلى إضراب يوم الأربعاء المقبل، بعد رفض الحكومة سحب القانون خلال اجتماعها مع النقابات السبت."
    assert dates(text, "2018-06-04") == [("يوم الأربعاء المقبل", "2018-06-06", True), ("السبت", "2018-06-02", True)]
    # a future verb of the later date's own clause still counts
    assert dates("تعقد القمة الأسبوع المقبل ويصل الوفد السبت.", "2018-06-04")[1] == ("السبت", "2018-06-09", True)


def test_a_month_of_the_same_year_takes_the_last_year_named() -> None:
    text = "اعتقل في أكتوبر/تشرين الأول 2016، وأطلق سراح زوجته في ديسمبر/كانون الأول من العام نفسه."
    assert dates(text, "2018-07-18") == [("أكتوبر/تشرين الأول 2016", "2016-10", False),
                                         ("ديسمبر/كانون الأول من العام نفسه", "2016-12", False)]
    assert dates("وقع الاتفاق عام 2014 ثم انهار في 5 مارس من العام ذاته.", "2018-07-18")[1] == (
        "5 مارس من العام ذاته", "2014-03-05", False)


@pytest.mark.parametrize("text, surface, value", [
    # published 2024-08-20: the nearest October would be two months ahead; "الماضي" is the last one
    ("منذ اندلاع الحرب في أكتوبر الماضي قتل الآلاف.", "أكتوبر الماضي", "2023-10"),
    ("وقع الاتفاق في 7 أكتوبر الماضي.", "7 أكتوبر الماضي", "2023-10-07"),
    ("تنتهي المهلة في فبراير المقبل.", "فبراير المقبل", "2025-02"),
    ("أعلن ذلك في مارس القادم.", "مارس القادم", "2025-03"),
    # the nearest March is five months back, but "المقبل" points ahead
    ("تعقد الانتخابات في 15 مارس المقبل.", "15 مارس المقبل", "2025-03-15"),
    ("تستمر الاجتماعات حتى نهاية أغسطس الجاري.", "أغسطس الجاري", "2024-08"),
    # with no cue before it, a shift word alone marks a month
    ("أكتوبر الماضي كان شهرا داميا.", "أكتوبر الماضي", "2023-10"),
])
def test_a_shift_word_after_a_yearless_month(text: str, surface: str, value: str) -> None:
    found = dates(text, "2024-08-20")
    assert (found[0][0], found[0][1]) == (surface, value)


def test_a_shift_word_after_a_hijri_month_counts_hijri_months() -> None:
    # published 2015-07-22, in Shawwal 1436: next Shawwal is 1437's, last Shawwal 1435's
    assert dates("يبدأ شوال القادم بعد أيام.", "2015-07-22")[0][:2] == ("شوال القادم", "2016-07")
    assert dates("في شوال الماضي.", "2015-07-22")[0][:2] == ("شوال الماضي", "2014-08")
    assert dates("في 7 شوال الجاري.", "2015-07-22")[0][:2] == ("7 شوال الجاري", "2015-07-23")


def test_a_future_phrase_behind_a_joining_waw_and_the_day_before_yesterday_with_the_article() -> None:
    # published on a Saturday: "وستكون مباراة الأحد" is the Sunday to come
    assert dates("وستكون مباراة الأحد الأخيرة للاعب مع الفريق.", "2018-05-05") == [("الأحد", "2018-05-06", True)]
    assert dates("أبطل المجلس الدستوري الأول من أمس تسع مواد من القانون.", "2018-05-16") == [
        ("الأول من أمس", "2018-05-14", True)]
    # a relative clause has its own tense: the future before it does not reach into it
    assert dates("وسيكون هدف المدرب إعادة بناء الفريق، الذي خسر في نوفمبر مباراة فاصلة.", "2018-05-26") == [
        ("نوفمبر", "2017-11", False)]
    # after a relative clause in the imperfect the date may be the main verb's: the scan goes on
    assert dates("تبدأ القمة التي تستمر يومين يوم الثلاثاء في العاصمة.", "2023-07-08") == [
        ("يوم الثلاثاء", "2023-07-11", True)]


@pytest.mark.parametrize("text, surface, value", [
    ("ومنذ 24/2/2022 تدور الحرب.", "24/2/2022", "2022-02-24"),
    ("وفي 2022/02/24 بدأ الغزو.", "2022/02/24", "2022-02-24"),
    ("صدر القرار بتاريخ 24-02-2022 رسميا.", "24-02-2022", "2022-02-24"),
    ("صدر القرار في 24.02.2022 رسميا.", "24.02.2022", "2022-02-24"),
    ("وفي ٢٤/٢/٢٠٢٢ كذلك.", "٢٤/٢/٢٠٢٢", "2022-02-24"),
    ("وفي 2/24/2022 أيضا.", "2/24/2022", "2022-02-24"),  # the second field cannot be a month
    ("صدر التعميم بتاريخ 12/5/1445 هـ.", "12/5/1445 هـ", "2023-11-26"),
    ("نشرت بتاريخ 09/10/1436هـ في الصحيفة.", "09/10/1436هـ", "2015-07-25"),
    ("وفي 4-6-2015م رفض الحشد.", "4-6-2015م", "2015-06-04"),
    ("والثالثة مع صربيا بتاريخ 27-6-2018.", "27-6-2018", "2018-06-27"),  # a full stop ends it
])
def test_dates_in_digits(text: str, surface: str, value: str) -> None:
    assert dates(text) == [(surface, value, False)]


def test_numbers_with_slashes_that_are_no_dates() -> None:
    assert dates("ارتفع السعر 3/4 مرات. اتصل على 12/34/5678/90 أو حدث النسخة 1.2.3 أو 40/13/2020.") == []
    assert dates("اتصل على 12/10/2020/55 أو حدث النسخة 1.2.2020.4") == []
