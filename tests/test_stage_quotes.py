"""Quotes: direct and indirect speech, cue before or after, dropped subjects, anonymous sources."""

from __future__ import annotations

import re

import pytest

from rasid.doc import Document, Span
from rasid.stages import quotes, sentences


def _doc(text: str, names: dict[str, tuple[str, str]]) -> Document:
    doc = Document(text)
    sentences.build()(doc)
    spans = [Span(m.start(), m.end(), "entity", {"id": eid, "type": etype})
             for name, (eid, etype) in names.items() for m in re.finditer(name, text)]
    doc.add("entities", spans)
    quotes.build()(doc)
    doc.check_offsets()
    return doc


def _rows(doc: Document) -> list[tuple[str, str | None, str | None, str]]:
    out = []
    for q in doc.spans("quotes"):
        cue = q.attrs["cue"]
        out.append((q.attrs["kind"], q.attrs["speaker"],
                    doc.text[cue["start"]:cue["end"]] if cue else None, doc.text[q.start:q.end]))
    return out


PEOPLE = {"سامي النجار": ("per:sami", "PER"), "النجار": ("per:sami", "PER"), "ليلى حداد": ("per:laila", "PER")}


def test_indirect_speech_with_speaker_after_cue():
    doc = _doc("وقال سامي النجار إن المحادثات ستستأنف الأسبوع المقبل.", PEOPLE)
    assert _rows(doc) == [("indirect", "per:sami", "وقال", "المحادثات ستستأنف الأسبوع المقبل")]


def test_direct_quote_with_colon_and_dropped_subject_carries_the_speaker():
    text = "قالت ليلى حداد إن الاتفاق قريب جدا من الاكتمال.\nوأضافت: “لن نقبل بأقل من انسحاب كامل من المنطقة”."
    rows = _rows(_doc(text, PEOPLE))
    assert rows[0] == ("indirect", "per:laila", "قالت", "الاتفاق قريب جدا من الاكتمال")
    assert rows[1] == ("direct", "per:laila", "وأضافت", "لن نقبل بأقل من انسحاب كامل من المنطقة")


def test_cue_after_the_quote():
    text = "«سنواصل دعم المفاوضات حتى النهاية مهما طال الزمن»، قال النجار للصحفيين."
    assert _rows(_doc(text, PEOPLE)) == [
        ("direct", "per:sami", "قال", "سنواصل دعم المفاوضات حتى النهاية مهما طال الزمن")]


def test_scare_quotes_are_not_statements():
    text = "ناقش الوزراء فكرة نشر “قوة طمأنة” في المنطقة خلال الاجتماع."
    assert _rows(_doc(text, PEOPLE)) == []


def test_unclosed_quote_runs_to_paragraph_end():
    text = "وقال النجار: “نحن مستعدون للحوار مع جميع الأطراف دون شروط\nوانتهى الاجتماع."
    assert _rows(_doc(text, PEOPLE))[0] == (
        "direct", "per:sami", "وقال", "نحن مستعدون للحوار مع جميع الأطراف دون شروط")


def test_anonymous_source_becomes_a_document_local_entity():
    doc = _doc("وقال مسؤول فرنسي إن المفاوضات متقدمة للغاية في هذه المرحلة.", {})
    (kind, speaker, cue, content), = _rows(doc)
    assert (kind, cue, content) == ("indirect", "وقال", "المفاوضات متقدمة للغاية في هذه المرحلة")
    assert speaker == f"x:anon:{doc.id}:مسوول_فرنسي"
    mention, = [s for s in doc.spans("entities") if s.attrs["id"] == speaker]
    assert doc.text[mention.start:mention.end] == "مسؤول فرنسي"


def test_no_speaker_is_none_not_a_guess():
    doc = _doc("ويرى كثيرون أن الحل السياسي ما زال بعيد المنال.", {})
    assert all(q.attrs["speaker"] is None for q in doc.spans("quotes"))


def test_participle_cue_takes_the_sentence_subject():
    text = "أعلن سامي النجار انسحاب وفده من الجلسة، مشيرا إلى أن الشروط المطروحة غير مقبولة."
    rows = _rows(_doc(text, PEOPLE))
    assert ("indirect", "per:sami", "مشيرا", "الشروط المطروحة غير مقبولة") in rows


def test_dropped_subject_refers_to_the_latest_person_named_as_a_subject():
    text = ("قالت ليلى حداد إن الاتفاق قريب جدا من الاكتمال.\n"
            "ومع ذلك أبدى سامي النجار تفاؤلا حذرا يوم الجمعة.\n"
            "وقال: “أنا واثق من أننا سنصل إلى نتيجة واضحة قريبا”.")
    rows = _rows(_doc(text, PEOPLE))
    assert rows[-1] == ("direct", "per:sami", "وقال", "أنا واثق من أننا سنصل إلى نتيجة واضحة قريبا")


def test_a_person_named_in_what_was_said_is_no_antecedent_of_a_dropped_subject():
    text = ("وقال سامي النجار إن الوفد سيغادر غدا.\n"
            "وذكر أن المبعوثة ليلى حداد وافقت على الحدود.\n"
            "وشدد على أن الاتفاق يجب أن يحترم.")
    rows = _rows(_doc(text, PEOPLE))
    assert [(speaker, said) for _, speaker, _, said in rows] == [
        ("per:sami", "الوفد سيغادر غدا"), ("per:sami", "المبعوثة ليلى حداد وافقت على الحدود"),
        ("per:sami", "الاتفاق يجب أن يحترم")]


def test_a_subject_no_entity_names_before_the_complementiser_is_no_part_of_what_was_said():
    rows = _rows(_doc("أعلن القضاء الأمريكي الجمعة أنه تم توجيه التهم إلى اثني عشر ضابطا.", PEOPLE))
    assert rows == [("indirect", None, "أعلن", "تم توجيه التهم إلى اثني عشر ضابطا")]
    # the إن of a name ("سي إن إن") is no complementiser
    rows = _rows(_doc("وذكرت سي إن إن أن المتحدث رفض التعليق على هذه الأنباء.", {"سي إن إن": ("org:cnn", "ORG")}))
    assert rows == [("indirect", "org:cnn", "وذكرت", "المتحدث رفض التعليق على هذه الأنباء")]


def test_a_subject_with_an_apposition_before_the_complementiser():
    # the person set off by commas after an unknown title is the speaker, and no joint statement
    # with the country named before the comma
    names = {**PEOPLE, "إيران": ("gpe:ir", "GPE")}
    rows = _rows(_doc("وقال مرشد الثورة في إيران، سامي النجار، إن الضربة جريمة واضحة ضد البلاد.", names))
    assert rows == [("indirect", "per:sami", "وقال", "الضربة جريمة واضحة ضد البلاد")]
    # no person in the subject: no speaker, and not the city of its seat either
    rows = _rows(_doc("وقال المرصد المحلي لحقوق الإنسان، ومقره لندن، إن القوات تقدمت في الريف الشرقي.",
                      {"لندن": ("gpe:gb", "GPE")}))
    assert rows == [("indirect", None, "وقال", "القوات تقدمت في الريف الشرقي")]


def test_a_named_subject_that_is_no_entity_carries_no_earlier_speaker():
    names = {**PEOPLE, "روسيا": ("gpe:ru", "GPE"), "إيران": ("gpe:ir", "GPE")}
    text = ("ونفت روسيا مرارا تدخلها في الانتخابات الأخيرة. نقلت وسائل إعلام محلية الأحد، عن مصادر لم "
            "تسمها، أن الرئيس قلق من تبعات القضية على حملته.")
    rows = _rows(_doc(text, names))
    assert rows[-1] == ("indirect", None, "نقلت", "الرئيس قلق من تبعات القضية على حملته")
    # a verb that takes its object first: the name after it is described, not the speaker
    rows = _rows(_doc("إيران تصف سامي النجار بأنه كذاب سيئ السمعة في كل المحافل.", names))
    assert [(r[1], r[3]) for r in rows] == [("gpe:ir", "كذاب سيئ السمعة في كل المحافل")]


def test_after_a_verb_of_relaying_the_one_named_after_an_is_the_speaker():
    rows = _rows(_doc("ونقلت الوكالة عن الناطق باسم الوزارة سامي النجار قوله إن المحادثات ستستأنف الأسبوع المقبل.",
                      PEOPLE))
    assert rows == [("indirect", "per:sami", "ونقلت", "المحادثات ستستأنف الأسبوع المقبل")]
    rows = _rows(_doc("ونقلت الصحيفة عن مصادر دبلوماسية قولها إن الاجتماع تأجل إلى الشهر المقبل.", PEOPLE))
    assert [(r[1].rsplit(":", 1)[-1], r[3]) for r in rows] == [("مصادر_دبلوماسيه", "الاجتماع تأجل إلى الشهر المقبل")]


def test_person_after_an_unknown_title_is_the_speaker():
    text = "قال رئيس الوفد سامي النجار إن المحادثات ستستمر يومين آخرين."
    assert _rows(_doc(text, PEOPLE)) == [("indirect", "per:sami", "قال", "المحادثات ستستمر يومين آخرين")]


def test_cue_after_a_closing_quote_behind_a_modal_phrase_and_a_long_title():
    text = "“لن نتراجع عن دعمنا للمفاوضات الجارية مهما حدث”، من المتوقع أن يخبر وزير المالية في الحكومة سامي النجار الاجتماع."
    assert _rows(_doc(text, PEOPLE)) == [
        ("direct", "per:sami", "يخبر", "لن نتراجع عن دعمنا للمفاوضات الجارية مهما حدث")]


def test_a_joint_statement_is_a_quote_of_each_speaker():
    names = {"بولندا": ("gpe:pl", "GPE"), "اليونان": ("gpe:gr", "GPE")}
    rows = _rows(_doc("بولندا واليونان قالتا إنهما لا تستطيعان إرسال قوات في الوقت الحالي.", names))
    assert [r[1] for r in rows] == ["gpe:pl", "gpe:gr"]


def test_a_plural_source_named_again_without_an_adjective_is_the_group_named_before():
    text = ("تجري الدول مفاوضات متقدمة حول البيان، وفقا لأربعة مسؤولين مطلعين على المحادثات. "
            "وتهدف الدول إلى إعلان الإطار في القمة، وفقا لمسؤولين في برلين وباريس. "
            "ولا يتوقع أحد اتفاقا سريعا، وفقا لمسؤولين أمريكيين.")
    doc = _doc(text, {})
    speakers = [q.attrs["speaker"] for q in doc.spans("quotes")]
    informed = f"x:anon:{doc.id}:مسوولين_مطلعين"
    # the unmodified "لمسؤولين في برلين" refers back; "لمسؤولين أمريكيين" is another group
    assert speakers == [informed, informed, f"x:anon:{doc.id}:مسوولين_امريكيين"]


def test_a_verb_joined_by_wa_shares_the_first_verbs_subject():
    # the nearest name before "ووعدت" is a genitive ("مخاوف ليلى حداد"); the subject is the first verb's
    text = "أعرب سامي النجار عن تعاطفه مع مخاوف ليلى حداد ووعدت بزيادة الدعم للمنطقة."
    rows = _rows(_doc(text, PEOPLE))
    assert rows == [("indirect", "per:sami", "ووعدت", "بزيادة الدعم للمنطقة")]


def test_reported_content_ends_where_the_writers_comment_begins():
    text = "وزعم سامي النجار أنه قادر على وقف الحرب خلال أيام، مما أثار مخاوف في العواصم الأوروبية."
    assert _rows(_doc(text, PEOPLE)) == [("indirect", "per:sami", "وزعم", "قادر على وقف الحرب خلال أيام")]


def test_an_unknown_organisation_after_the_cue_speaks_instead_of_the_last_speaker():
    text = ("قال سامي النجار إن الحكومة لن تسحب القانون. "
            "ودعا مجلس النقابات المهنية للمرة الثانية إلى إضراب عام عن العمل.")
    doc = _doc(text, PEOPLE)
    assert [row[1] for row in _rows(doc)] == ["per:sami", "x:org:مجلس_النقابات_المهنيه"]
    mention, = [s for s in doc.spans("entities") if s.attrs["id"].startswith("x:org:")]
    assert doc.text[mention.start:mention.end] == "مجلس النقابات المهنية"
    # a bare head noun names no entity, but it is a subject: the last speaker is not borrowed
    doc = _doc("قال سامي النجار إن الحكومة لن تسحب القانون. ودعا مجلس إلى إضراب عام عن العمل.", PEOPLE)
    assert [row[1] for row in _rows(doc)] == ["per:sami", None]


def test_a_subject_named_but_unknown_is_not_replaced_by_the_last_speaker():
    text = ("قال سامي النجار إن التحقيق بدأ منذ أيام. وقالت والدة الطفلة إن الممرضة أخطأت في إعطاء الإبرة، "
            "مضيفة أن المستشفى لم يتحرك بعد ذلك.")
    assert [row[1] for row in _rows(_doc(text, PEOPLE))] == ["per:sami", None, None]
    # after a verb that takes an object (وصف), a noun is its object: the subject is still dropped
    text = "قال سامي النجار إن التحقيق بدأ منذ أيام. ووصف اللقاء في الوزارة بأنه “يوم ناجح للغاية ومثمر”."
    assert [row[1] for row in _rows(_doc(text, PEOPLE))] == ["per:sami", "per:sami"]


def test_moving_is_not_reporting_and_a_city_never_speaks():
    # "نقل" reports only with a complementiser after it; otherwise it moves something
    assert _rows(_doc("ونقلت الطفلة في ذلك الحين للعلاج في المستشفى التخصصي بالعاصمة.", PEOPLE)) == []
    text = "تدخلت مستشفيات كثيرة في الحالة، مثل مستشفى الدمام المركزي، وأكدت أن المشكلة معقدة للغاية."
    assert [row[1] for row in _rows(_doc(text, {"الدمام": ("loc:110336", "GPE")}))] == [None]


COUNTRIES = {**PEOPLE, "تركيا": ("gpe:tr", "GPE"), "الولايات المتحدة": ("gpe:us", "GPE"),
             "أنقرة": ("gpe:tr", "GPE"), "غولن": ("per:gulen", "PER"), "فيليب كونسيت": ("per:kosnett", "PER")}


def test_a_participle_takes_the_first_free_name_or_the_main_verbs_subject():
    # "في تركيا" is governed by a preposition: the participle's subject is the person
    text = "وعبر القائم بالأعمال في تركيا، فيليب كونسيت، عن خيبة أمله، مشددا على أنه لا يرى أي مؤشر على جريمة."
    assert [row[1] for row in _rows(_doc(text, COUNTRIES))] == ["per:kosnett"]
    # after an earlier cue, the subject of the sentence's first verb, not a genitive after it
    text = "وقد رفضت الولايات المتحدة مقترح سامي النجار مشددة على أنها ترفض دوما فكرة المساومة بشأن القس."
    assert [row[1] for row in _rows(_doc(text, COUNTRIES))] == ["gpe:us"]


def test_a_name_right_after_the_verb_is_its_subject_and_inner_cues_stay_content():
    text = "وتطالب أنقرة بتسليمها غولن لمحاكمته بالمسؤولية عن محاولة الانقلاب الفاشلة."
    assert [row[1] for row in _rows(_doc(text, COUNTRIES))] == ["gpe:tr"]
    text = "ويقول غولن إن حركة خدمة التي يرأسها تدعو إلى شكل سلمي من الإسلام."
    assert [(row[1], row[3]) for row in _rows(_doc(text, COUNTRIES))] == [
        ("per:gulen", "حركة خدمة التي يرأسها تدعو إلى شكل سلمي من الإسلام")]


def test_members_of_a_body_are_an_anonymous_source():
    doc = _doc("ودعا أعضاء في مجلس الشيوخ إلى تعليق مبيعات الأسلحة حتى يتم إطلاق سراح القس.", PEOPLE)
    (kind, speaker, cue, content), = _rows(doc)
    assert speaker == f"x:anon:{doc.id}:اعضاء_في" and content == "تعليق مبيعات الأسلحة حتى يتم إطلاق سراح القس"


def test_a_speaker_noun_or_a_title_in_apposition_after_any_cue():
    text = ("قال سامي النجار إن الاقتصاد سيتحسن في العام المقبل. "
            "أعلنت الشرطة الهولندية، الجمعة، إطلاقها النار على مشتبه به في المحطة المركزية. "
            "اعترف الرقيب بالجيش الأمريكي، ليلى حداد، الأربعاء، بمحاولة تقديم مساعدات مادية للتنظيم.")
    names = {**PEOPLE, "الجيش الأمريكي": ("org:army", "ORG")}
    # the police is a body the registry does not know; the comma after the army opens an apposition
    assert [row[1] for row in _rows(_doc(text, names))] == ["per:sami", "x:org:الشرطه_الهولنديه", "per:laila"]


def test_an_unknown_organisation_named_with_the_article_and_a_genitive():
    doc = _doc("حذرت المنظمة الأوروبية للسلامة الجوية شركات الطيران من احتمال شن ضربات جوية خلال أيام.", {})
    assert [row[1] for row in _rows(doc)] == ["x:org:المنظمه_الاوروبيه_للسلامه_الجويه"]


def test_what_was_not_said_and_a_clause_with_its_own_subject():
    # "لم يذكر": no statement; after "، لكن البيان الختامي" the sentence's subject does not speak
    text = "وحضر سامي النجار عشاء القادة، لكن البيان الختامي لم يذكر عضوية أوكرانيا في الحلف بأي كلمة."
    assert _rows(_doc(text, PEOPLE)) == []
    text = "وحضر سامي النجار عشاء القادة، لكن البيان الختامي ذكر أن عضوية أوكرانيا في الحلف مؤجلة."
    assert [row[1] for row in _rows(_doc(text, PEOPLE))] == []  # a subject that is no entity, before the cue
    # a linking word is no subject: "، حيث جادل" is the sentence's subject again
    text = "تابع سامي النجار الملف منذ فترة طويلة، حيث جادل بأن الدفاع الجماعي هو الضمان الأكثر فعالية."
    assert [row[1] for row in _rows(_doc(text, PEOPLE))] == ["per:sami"]


def test_yuadd_is_considered_unless_a_complementiser_follows():
    # unvocalised يعد is "is considered" as often as "promises": no statement without أن/إن after it
    assert _rows(_doc("ويعد المسلسل جزءا من خطة الشبكة لاجتذاب الزبائن في البلد.", PEOPLE)) == []
    assert [row[1] for row in _rows(_doc("ويعد سامي النجار بأن الحكومة ستخفض الضرائب قريبا.", PEOPLE))] == [
        "per:sami"]


@pytest.mark.parametrize("text,row", [
    ("وقال سامي النجار لشبكة سي إن إن، إن المحادثات ستستأنف الأسبوع المقبل.",
     ("indirect", "per:sami", "وقال", "المحادثات ستستأنف الأسبوع المقبل")),
    ("وقالت ليلى حداد في مقابلة مع قناة فرانس 24، الثلاثاء، إن الحكومة ستدعم الجيش.",
     ("indirect", "per:laila", "وقالت", "الحكومة ستدعم الجيش")),
    ("وقال سامي النجار لدى وصوله: إن بلاده ستدعم الاتفاق بلا تردد.",
     ("indirect", "per:sami", "وقال", "بلاده ستدعم الاتفاق بلا تردد")),
    ("وقال سامي النجار في مقابلة: الحكومة ستدعم الجيش بكل قوة.",
     ("indirect", "per:sami", "وقال", "الحكومة ستدعم الجيش بكل قوة")),
    ("وقال سامي النجار لاحقا إن الولايات المتحدة لن ترسل قوات.",
     ("indirect", "per:sami", "وقال", "الولايات المتحدة لن ترسل قوات")),
    ("وقال سامي النجار ردا على سؤال إن الإدارة تدرس الخيارات.",
     ("indirect", "per:sami", "وقال", "الإدارة تدرس الخيارات")),
])
def test_adjuncts_between_speaker_and_complementiser_are_not_content(text, row):
    names = {**PEOPLE, "سي إن إن": ("org:cnn", "ORG"), "فرانس 24": ("org:france24", "ORG")}
    assert _rows(_doc(text, names)) == [row]


def test_an_adjunct_of_its_own_keeps_the_content_whole():
    # "بعد أن" and "حيث" open clauses of their own: nothing is skipped
    rows = _rows(_doc("وقال سامي النجار بعد أن التقى الوفد في العاصمة إن المحادثات ستستأنف قريبا.", PEOPLE))
    assert rows == [("indirect", "per:sami", "وقال",
                     "بعد أن التقى الوفد في العاصمة إن المحادثات ستستأنف قريبا")]


def test_a_describing_verb_after_its_named_subject_takes_the_next_name_as_object():
    names = {**PEOPLE, "الحلف": ("org:nato", "ORG")}
    rows = _rows(_doc('وكان سامي النجار قد وصف الحلف بأنه "أقوى من أي وقت مضى في تاريخه الطويل".', names))
    assert rows == [("direct", "per:sami", "وصف", "أقوى من أي وقت مضى في تاريخه الطويل")]


@pytest.mark.parametrize("text,speaker", [
    ("وقال المتحدث باسم الخارجية ماثيو ميلر للصحفيين إن واشنطن تشعر بخيبة أمل كبيرة.", "x:per:miller"),
    ("وقال مستشار الرئيس الأمريكي سامي النجار إن الخطة ستعلن قريبا جدا.", "per:sami"),
    ("وقالت أسرة سامي النجار إن المستشفى لم يقدم له العلاج اللازم.", None),
    ("ونقلت الوكالة على لسان سامي النجار قوله إن الحكم مسيس ولا أساس له.", "per:sami"),
])
def test_a_person_after_a_title_is_the_speaker_but_not_a_genitive_after_a_construct_noun(text, speaker):
    names = {**PEOPLE, "الرئيس الأمريكي": ("per:president", "PER"), "ماثيو ميلر": ("x:per:miller", "PER")}
    assert [r[1] for r in _rows(_doc(text, names))] == [speaker]


def test_a_warning_through_a_spokeswomans_tongue_reports_what_follows_min_anna():
    names = {**PEOPLE, "وزارة الخارجية": ("org:mfa", "ORG")}
    rows = _rows(_doc("وكانت وزارة الخارجية قد حذرت على لسان ليلى حداد من أن أي قوات أجنبية ستعتبر أهدافا.",
                      names))
    assert [(r[1], r[3]) for r in rows] == [("org:mfa", "أي قوات أجنبية ستعتبر أهدافا")]


def test_whom_a_warning_is_addressed_to_before_a_colon_is_not_content():
    rows = _rows(_doc("سامي النجار يحذر الأوروبيين: لن نبقى في أوروبا إلى الأبد", PEOPLE))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "لن نبقى في أوروبا إلى الأبد")]


def test_a_clause_link_and_a_reporting_verb_after_a_comma_open_another_report():
    names = {**PEOPLE, "الأمم المتحدة": ("org:un", "ORG")}
    rows = _rows(_doc("وقال سامي النجار إن عدد القتلى تجاوز أربعين ألفا، فيما قالت الأمم المتحدة إن معظم السكان "
                      "نزحوا مرة واحدة.", names))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "عدد القتلى تجاوز أربعين ألفا"),
                                            ("org:un", "معظم السكان نزحوا مرة واحدة")]
    rows = _rows(_doc("وقال سامي النجار الأسبوع الماضي إن المحادثات ستستأنف قريبا.", names))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "المحادثات ستستأنف قريبا")]


def test_a_reporting_verb_after_a_comma_shares_the_subject_of_the_verb_opening_its_sentence():
    names = {"ليلى حداد": ("per:laila", "PER"), "وزير الخارجية الإيراني": ("per:minister", "PER")}
    rows = _rows(_doc("وقالت ليلى حداد إن المحادثات متعثرة منذ أشهر. في المقابل، اتهم وزير الخارجية الإيراني "
                      "الوكالة بالانحياز، وقال إن بلاده علقت تعاونها مع المفتشين.", names))[1:]
    assert [(r[1], r[3]) for r in rows] == [("per:minister", "بلاده علقت تعاونها مع المفتشين")]


def test_an_anonymous_source_after_fi_ends_with_the_definite_nouns_adjectives():
    text = "ورفض مسؤولون في الشرطة المحلية تسليم قادة الكونغرس أي دليل. وقال مسؤول في وزارة الخارجية الأمريكية إن التحقيق مستمر."
    doc = _doc(text, {})
    anonymous = [text[s.start:s.end] for s in doc.spans("entities") if s.attrs.get("_form") == "anonymous"]
    assert anonymous == ["مسؤولون في الشرطة المحلية", "مسؤول في وزارة الخارجية الأمريكية"]


def test_an_anonymous_source_ends_before_the_occasion_of_speaking():
    rows = _rows(_doc("وقال مسؤول في تصريحات لوكالة الأنباء إن الاتفاق قريب جدا من الاكتمال.", PEOPLE))
    assert [(r[1].rsplit(":", 1)[-1], r[3]) for r in rows] == [("مسوول", "الاتفاق قريب جدا من الاكتمال")]
    rows = _rows(_doc("وقال مسؤول في الخارجية إن الاتفاق قريب جدا من الاكتمال.", PEOPLE))
    assert [r[1].rsplit(":", 1)[-1] for r in rows] == ["مسوول_في"]


def test_an_adjunct_holding_ila_before_a_colon_leaves_a_direct_quote():
    rows = _rows(_doc('وقالت ليلى حداد في رسالة إلى قادة الدول الأعضاء: "نحن في عصر جديد ومستعدون للإنفاق أكثر".',
                      PEOPLE))
    assert rows == [("direct", "per:laila", "وقالت", "نحن في عصر جديد ومستعدون للإنفاق أكثر")]
    # without the colon, a quoted phrase after إلى stays a named thing, not a statement
    rows = _rows(_doc('وأعلنت ليلى حداد نجاح إطلاق القمر إلى الفضاء بالتعاون مع "الجامعة الأميركية في الشارقة".',
                      PEOPLE))
    assert all(r[0] != "direct" for r in rows)


def test_ala_after_inna_is_part_of_what_was_said():
    rows = _rows(_doc("وقالت ليلى حداد إن على الاتحاد أن يتحرك بسرعة قبل فوات الأوان.", PEOPLE))
    assert [(r[1], r[3]) for r in rows] == [("per:laila", "على الاتحاد أن يتحرك بسرعة قبل فوات الأوان")]


def test_a_relative_clause_after_the_speaker_is_not_what_was_said():
    names = {"فرنسا": ("gpe:fr", "GPE"), "النيجر": ("gpe:ne", "GPE")}
    rows = _rows(_doc("وأعلنت فرنسا، التي تنشر نحو 1500 جندي في النيجر، أنها ستجلي رعاياها من البلاد.", names))
    assert [(r[1], r[3]) for r in rows] == [("gpe:fr", "ستجلي رعاياها من البلاد")]
    # no comma and complementiser close the clause: nothing is skipped, the next report stays its own
    rows = _rows(_doc("وينفي سامي النجار الذي يعيش في المنفى الضلوع في المحاولة، ويقول إن حركته سلمية تماما.",
                      PEOPLE))
    assert ("per:sami", "حركته سلمية تماما") in [(r[1], r[3]) for r in rows]


def test_a_place_after_a_preposition_opening_the_sentence_is_no_subject():
    names = {"نيامي": ("gpe:ne", "GPE"), "سامي النجار": ("per:sami", "PER")}
    rows = _rows(_doc("وفي نيامي، رفض الجنرال سامي النجار العقوبات، وقال في خطاب متلفز إن المجلس لن يتراجع.", names))
    assert ("per:sami", "المجلس لن يتراجع") in [(r[1], r[3]) for r in rows]


def test_the_speaker_phrase_stops_before_a_place_a_preposition_governs():
    names = {"روسيا": ("gpe:ru", "GPE"), "النيجر": ("gpe:ne", "GPE")}
    rows = _rows(_doc("وحذرت روسيا من أي تدخل عسكري في النيجر، ودعت الأطراف إلى الحوار.", names))
    assert [(r[1], r[3]) for r in rows][:1] == [("gpe:ru", "من أي تدخل عسكري في النيجر")]


def test_an_anonymous_head_the_entity_stage_named_is_that_person():
    names = {"المتحدث باسم الكرملين": ("per:peskov", "PER"), "ديمتري بيسكوف": ("per:peskov", "PER")}
    rows = _rows(_doc("ودعا المتحدث باسم الكرملين ديمتري بيسكوف إلى ضبط النفس وعدم التصعيد العسكري.", names))
    assert [(r[1], r[3]) for r in rows] == [("per:peskov", "ضبط النفس وعدم التصعيد العسكري")]


def test_the_place_and_agency_of_a_dateline_are_no_subject():
    names = {"لاهاي": ("loc:hague", "LOC"), "أ ف ب": ("org:afp", "ORG"), "سامي النجار": ("per:sami", "PER")}
    rows = _rows(_doc("لاهاي (أ ف ب) – ألقى سامي النجار بظلال من الشك على الاتفاق، قائلا للصحفيين إن “هناك "
                      "تعريفات عديدة للمادة الخامسة”.", names))
    assert [r[1] for r in rows] == ["per:sami"]


def test_an_impersonal_passive_reports_no_one():
    rows = _rows(_doc("وقال سامي النجار إن الاجتماع انتهى دون اتفاق. يذكر أن الاجتماع المقبل سيعقد في ديسمبر.",
                      PEOPLE))
    assert [r[3] for r in rows] == ["الاجتماع انتهى دون اتفاق"]
    # an active verb with its own subject still reports
    rows = _rows(_doc("ويذكر سامي النجار أن أغلب المتسوقين لا يهتمون بالجودة.", PEOPLE))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "أغلب المتسوقين لا يهتمون بالجودة")]


def test_a_name_between_commas_after_the_speakers_title_is_not_what_was_said():
    names = {"الرئيس السوري": ("per:assad", "PER"), "بشار الأسد": ("per:assad", "PER")}
    rows = _rows(_doc("قال الرئيس السوري، بشار الأسد، إن العملية في الغوطة الشرقية ستستمر.", names))
    assert [(r[1], r[3]) for r in rows] == [("per:assad", "العملية في الغوطة الشرقية ستستمر")]


def test_a_long_name_right_after_the_speakers_title_is_not_what_was_said():
    # title and name run past the speaker window of eight words
    names = {"رئيس الوزراء القطري": ("per:al_thani", "PER"), "الشيخ محمد بن عبد الرحمن آل ثاني": ("per:al_thani", "PER")}
    rows = _rows(_doc("قال رئيس الوزراء القطري الشيخ محمد بن عبد الرحمن آل ثاني إن المفاوضات ستستأنف في الدوحة.", names))
    assert [(r[1], r[3]) for r in rows] == [("per:al_thani", "المفاوضات ستستأنف في الدوحة")]


def test_a_quoted_channel_name_is_no_quote_and_its_an_is_no_complementiser():
    names = {**PEOPLE, "سي أن بي سي": ("org:cnbc", "ORG")}
    rows = _rows(_doc('وقال سامي النجار في لقاء مع شبكة "سي أن بي سي" الاثنين "قلنا ذلك سابقا، الرئيس يريد أن '
                      'يلتقي بهم".', names))
    assert rows == [("direct", "per:sami", "وقال", "قلنا ذلك سابقا، الرئيس يريد أن يلتقي بهم")]


def test_a_description_of_the_speaker_between_commas_is_not_what_was_said():
    rows = _rows(_doc("قال سامي النجار، المفوض السامي لشؤون اللاجئين في المنظمة، إن البلاد باتت مصيدة موت.",
                      PEOPLE))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "البلاد باتت مصيدة موت")]


def test_quotation_marks_around_a_name_in_an_adjunct_do_not_end_it():
    names = {**PEOPLE, "إي بي سي": ("org:abc", "ORG")}
    rows = _rows(_doc('وقال سامي النجار لشبكة "إي بي سي" هذا الشهر إن ولاءه لأسرته أهم من كل شيء.', names))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "ولاءه لأسرته أهم من كل شيء")]


def test_a_bare_definite_head_noun_speaks_for_the_body_named_before():
    doc = _doc("أعلنت لجنة الانتخابات المركزية في العراق النتائج. وقالت اللجنة إن نسبة المشاركة بلغت 44 بالمئة.", {})
    rows = _rows(doc)
    assert (rows[-1][1], rows[-1][3]) == ("x:org:لجنه_الانتخابات_المركزيه", "نسبة المشاركة بلغت 44 بالمئة")
    # a bare head noun with no body of that kind named before names nothing
    rows = _rows(_doc("وقالت اللجنة إن نسبة المشاركة بلغت 44 بالمئة.", {}))
    assert rows[0][1] is None


def test_a_dateline_closed_by_a_dash_glued_to_the_agency_is_no_subject():
    names = {"دبي": ("loc:dubai", "LOC"), "الإمارات العربية المتحدة": ("gpe:ae", "GPE"), "CNN": ("org:cnn", "ORG"),
             "قطر": ("gpe:qa", "GPE")}
    rows = _rows(_doc("دبي، الإمارات العربية المتحدة (CNN)— أدانت قطر الهجمات، مؤكدة أنها ترفض أي هجمات عسكرية ضد "
                      "المدنيين.", names))
    assert [r[1] for r in rows] == ["gpe:qa"]


def test_a_statement_speaks_for_whoever_issued_it():
    names = {"وزارة الخارجية الروسية": ("org:ru_mfa", "ORG"), "الكرملين": ("org:kremlin", "ORG")}
    for text, speaker in (("وقال بيان صادر عن وزارة الخارجية الروسية إن موسكو ستتخذ إجراءات.", "org:ru_mfa"),
                          ("وقال بيان لوزارة الخارجية الروسية إن موسكو ستتخذ إجراءات.", "org:ru_mfa"),
                          ("وقال بيان الكرملين إن موسكو ستتخذ إجراءات.", "org:kremlin")):
        assert [(r[1], r[3]) for r in _rows(_doc(text, names))] == [(speaker, "موسكو ستتخذ إجراءات")]
    # an issuer the text does not name: the statement is still not what was said
    assert [(r[1], r[3]) for r in _rows(_doc("وقال بيان مشترك إن الطرفين اتفقا على التهدئة.", names))] == [
        (None, "الطرفين اتفقا على التهدئة")]


def test_a_verb_after_a_comma_shares_the_subject_of_the_reporting_verb_before_it_in_the_sentence():
    names = {"أشتون كارتر": ("per:carter", "PER"), "الكونغرس": ("org:congress", "ORG")}
    text = ("ورغم أسئلة الجمهوريين الصارمة، دعا وزير الدفاع أشتون كارتر الكونغرس لدعم الاتفاق، وقال إنه «يمثل "
            "خطوة هامة للدبلوماسية».")
    assert _rows(_doc(text, names)) == [("direct", "per:carter", "وقال", "يمثل خطوة هامة للدبلوماسية")]


def test_a_company_or_university_speaks_by_its_head_noun():
    names = {"لوكهيد مارتن": ("x:org:lockheed", "ORG")}
    rows = _rows(_doc("وقالت شركة لوكهيد مارتن الأمريكية إنها ستشتري قطاع الطائرات مقابل تسعة مليارات دولار.", names))
    assert [r[1] for r in rows] == ["x:org:lockheed"]
    rows = _rows(_doc("ودعت جامعة الجوف من تنطبق عليهم الشروط إلى تقديم طلباتهم إلكترونيا عبر الموقع.", {}))
    assert [r[1] for r in rows] == ["x:org:جامعه_الجوف"]


def test_an_anonymous_source_found_by_two_cues_is_one_mention() -> None:
    from rasid.pipeline import default_pipeline, make_document

    text = ("فاز إيفان دوكي بالجولة الأولى. وقال محلل إن \"الاستقطاب سيكون واضحا\" وإن النتائج "
            "\"تظهر الأهمية التي لا يزال يتمتع بها تيار دوكي\".")
    doc = make_document(text)
    default_pipeline().run_doc(doc)
    anon = [(m.start, m.end) for m in doc.layers["entities"] if m.attrs["id"].startswith("x:anon:")]
    assert anon == [(36, 40)]


def test_an_attribution_phrase_ending_in_lam_glued_to_the_name_and_fa_inna():
    names = {"صحيفة وول ستريت جورنال": ("org:wsj", "ORG"), **PEOPLE}
    rows = _rows(_doc("ووفقًا لصحيفة وول ستريت جورنال، فإن الإدارة تدرس تقديم دعم جوي.", names))
    assert [(r[1], r[3]) for r in rows] == [("org:wsj", "الإدارة تدرس تقديم دعم جوي")]
    # after a verb the glued ل names whom it was said to, not who said it
    rows = _rows(_doc("وقال سامي النجار لصحيفة وول ستريت جورنال إن الإدارة تدرس تقديم دعم جوي.", names))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "الإدارة تدرس تقديم دعم جوي")]


def test_the_rest_of_a_title_in_apposition_after_a_comma_is_not_what_was_said():
    names = {**PEOPLE, "القائد الأعلى": ("per:sami", "PER")}
    rows = _rows(_doc("وقال سامي النجار، القائد الأعلى لقوات الحلف في أوروبا، إن الجيش أعاد بناء قوته.", names))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "الجيش أعاد بناء قوته")]


def test_a_spokesman_on_behalf_of_someone_is_not_what_was_said():
    rows = _rows(_doc("وقال المتحدث العسكري باسم الجماعة يحيى سريع إن الهجوم استهدف سفينة في البحر.", {}))
    assert [r[3] for r in rows] == ["الهجوم استهدف سفينة في البحر"]


def test_a_report_in_a_relative_clause_after_a_comma_is_its_antecedents():
    rows = _rows(_doc("واستقبل الوزير سامي النجار، الذي قال إن بلاده تدعم وحدة الأراضي السورية.", PEOPLE))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "بلاده تدعم وحدة الأراضي السورية")]
    rows = _rows(_doc('وانتقد الخطة سامي النجار، الذي قال إن "المعلومات التي لدينا تفيد بأن الخطة ستفشل".', PEOPLE))
    assert [(r[0], r[1]) for r in rows] == [("direct", "per:sami")]
    # a restrictive clause with a weak verb reports nothing: "الدراسة التي تشير إلى"
    assert _rows(_doc("وتوقف سامي النجار عند الدراسة التي تشير إلى أن الأسعار سترتفع كثيرا.", PEOPLE)) == []


def test_a_time_adjunct_before_the_ila_of_a_call():
    rows = _rows(_doc("دعا سامي النجار يوم الأحد إلى حصر السلاح بيد الدولة.", PEOPLE))
    assert [(r[1], r[3]) for r in rows] == [("per:sami", "حصر السلاح بيد الدولة")]
