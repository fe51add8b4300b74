"""Stances: proposition + cue + actor in one sentence; negation flips; passive agents; quotes."""

from __future__ import annotations

import re

from rasid.doc import Document, Span
from rasid.stages import quotes, sentences, stances

NAMES = {
    "إيطاليا": ("gpe:it", "GPE"), "الدول الأوروبية": ("loc:europe", "LOC"), "روسيا": ("gpe:ru", "GPE"),
    "بولندا": ("gpe:pl", "GPE"), "المجر": ("gpe:hu", "GPE"), "سلوفاكيا": ("gpe:sk", "GPE"),
    "الولايات المتحدة": ("gpe:us", "GPE"), "سامي النجار": ("per:sami", "PER"), "أوكرانيا": ("gpe:ua", "GPE"),
    "الناتو": ("org:nato", "ORG"), "واشنطن": ("loc:washington", "GPE"),
}


def _analysed(text: str, published: str | None, table: dict, extra: list[Span] = ()) -> Document:
    """The document after sentences, the NAMES mentions (plus ``extra``), quotes and stances."""
    doc = Document(text, meta={"published": published})
    sentences.build()(doc)
    doc.add("entities", list(extra) + [Span(m.start(), m.end(), "entity", {"id": eid, "type": etype})
                                       for name, (eid, etype) in NAMES.items() for m in re.finditer(name, text)])
    doc.objects["entities"] = table
    quotes.build()(doc)
    stances.build()(doc)
    doc.check_offsets()
    return doc


def _run(text: str, published: str | None = "2025-02-12") -> list[tuple[str, str, str]]:
    doc = _analysed(text, published,
                    {"loc:washington": {"id": "loc:washington", "type": "GPE", "capital_of": "gpe:us"}})
    for s in doc.spans("stances"):
        assert s.attrs["date"] == published
        assert doc.text[s.start:s.end].strip()  # the evidence sentence
    return sorted((s.attrs["actor"], s.attrs["proposition"], s.attrs["stance"]) for s in doc.spans("stances"))


def test_passive_agents_support_and_the_next_sentence_opposes():
    text = "يسعى البلد منذ سنوات إلى انضمام أوكرانيا إلى الناتو. الهدف مدعوم من بولندا. المجر وسلوفاكيا معارضة بحزم."
    assert _run(text) == [("gpe:hu", "ukraine_nato_membership", "oppose"),
                          ("gpe:pl", "ukraine_nato_membership", "support"),
                          ("gpe:sk", "ukraine_nato_membership", "oppose")]


def test_negation_flips_a_support_cue():
    text = "الولايات المتحدة لا تؤيد عضوية أوكرانيا في الناتو في الوقت الحالي."
    assert _run(text) == [("gpe:us", "ukraine_nato_membership", "oppose")]


def test_rejecting_verb_with_speaker_after_it():
    text = "استبعد سامي النجار منح عضوية الناتو لأوكرانيا في أي تسوية."
    assert _run(text) == [("per:sami", "ukraine_nato_membership", "oppose")]


def test_a_subject_named_by_title_and_name_stays_between_a_verb_and_its_object():
    extra = [Span(5, 24, "entity", {"id": "per:sami", "type": "PER"})]  # "رئيس الوزراء المجري"
    text = "ورفض رئيس الوزراء المجري سامي النجار فكرة إرسال قوات من الناتو إلى أوكرانيا."
    doc = _analysed(text, "2025-02-12", {}, extra)
    assert text[5:24] == "رئيس الوزراء المجري"
    assert [(s.attrs["actor"], s.attrs["proposition"], s.attrs["stance"]) for s in doc.spans("stances")] == [
        ("per:sami", "western_troops_in_ukraine", "oppose")]


def test_in_a_speakers_own_words_only_a_name_opening_its_clause_is_the_subject():
    text = 'وأضاف سامي النجار: "إن طريق أوكرانيا إلى العضوية الكاملة في الناتو لا رجعة فيه".'
    assert _run(text) == [("per:sami", "ukraine_nato_membership", "support")]
    text = 'وأضاف سامي النجار: "ومع ذلك، فإن الولايات المتحدة لا تؤيد عضوية أوكرانيا في الناتو".'
    assert _run(text) == [("gpe:us", "ukraine_nato_membership", "oppose")]


def test_a_capital_acting_stands_for_its_country():
    text = "رفضت واشنطن إرسال قوات أمريكية إلى أوكرانيا."
    assert _run(text) == [("gpe:us", "us_troops_in_ukraine", "oppose")]


def test_a_country_after_a_preposition_is_not_the_actor():
    text = "تعمل الدول على صياغة ضمانات أمنية لأوكرانيا."
    assert _run(text) == []


def test_no_cue_and_no_quote_gives_no_stance():
    assert _run("ناقشت الصحف الإنفاق الدفاعي في أوروبا.") == []


def test_speaker_of_a_direct_quote_holds_the_position_it_states():
    text = "وقال سامي النجار: “علينا زيادة الإنفاق الدفاعي بسرعة في كل دول الناتو”."
    assert _run(text) == [("per:sami", "raise_defense_spending", "support")]


def test_rejecting_alternatives_to_a_proposition_supports_it():
    text = "وقال سامي النجار: “لن نقبل أي بدائل عن عضوية أوكرانيا في الناتو”."
    assert _run(text) == [("per:sami", "ukraine_nato_membership", "support")]


def test_coordinated_people_before_the_cue_each_hold_the_stance():
    NAMES["ليلى حداد"] = ("per:laila", "PER")
    try:
        got = _run("إن سامي النجار وليلى حداد يدعمان تقديم ضمانات أمنية لأوكرانيا.")
    finally:
        NAMES.pop("ليلى حداد")
    assert got == [("per:laila", "security_guarantees_for_ukraine", "support"),
                   ("per:sami", "security_guarantees_for_ukraine", "support")]


def test_working_on_a_measure_supports_it_only_for_that_proposition():
    # "صياغة" counts as support for security guarantees (the profile says so), not for membership
    assert _run("شرعت الولايات المتحدة في صياغة ضمانات أمنية لأوكرانيا.") == [
        ("gpe:us", "security_guarantees_for_ukraine", "support")]
    assert _run("شرعت الولايات المتحدة في صياغة بيان حول عضوية أوكرانيا في الناتو.") == []


def test_nationality_adjective_of_the_subject_holds_the_stance():
    doc_names = dict(NAMES)
    NAMES["الأمريكيين"] = ("gpe:us", "GPE")
    try:
        text = "يعمل عدد من المسؤولين الأمريكيين على صياغة ضمانات أمنية لأوكرانيا."
        doc = Document(text, meta={"published": "2025-02-12"})
        sentences.build()(doc)
        start = text.index("الأمريكيين")
        doc.add("entities", [Span(start, start + len("الأمريكيين"), "entity",
                                  {"id": "gpe:us", "type": "GPE", "_form": "nisba"})])
        quotes.build()(doc)
        stances.build()(doc)
        got = sorted((s.attrs["actor"], s.attrs["proposition"], s.attrs["stance"]) for s in doc.spans("stances"))
    finally:
        NAMES.clear()
        NAMES.update(doc_names)
    assert got == [("gpe:us", "security_guarantees_for_ukraine", "support")]


def test_names_addressed_by_a_demanding_verb_are_not_the_actor():
    NAMES["كندا"] = ("gpe:ca", "GPE")
    try:
        got = _run("وكان سامي النجار قد طالب مرارا الحلفاء الأوروبيين وكندا بزيادة الإنفاق الدفاعي.")
    finally:
        NAMES.pop("كندا")
    assert got == [("per:sami", "raise_defense_spending", "support")]


def test_a_balanced_quoted_title_between_actor_and_cue_stays_in_the_clause():
    text = ("تحدث سامي النجار عن الحرب في أوكرانيا. "
            "ردد سامي النجار رسائل الحملة، مثل شعار “السلام من خلال القوة” والانفتاح على التفاوض مع بوتين.")
    assert _run(text) == [("per:sami", "negotiate_with_putin", "support")]


def test_word_groups_take_their_nearest_hits_not_the_first_ones():
    # "الدفاع" of the title comes first; the group pair is "إنفاقها الدفاعي" further on
    text = "قال وزير الدفاع الأمريكي إن بولندا تريد زيادة إنفاقها الدفاعي في الناتو."
    assert _run(text) == [("gpe:pl", "raise_defense_spending", "support")]


def test_an_organisation_after_a_membership_phrase_is_the_actor():
    text = "تتفق معظم البلدان في الناتو على أن هناك حاجة إلى انضمام أوكرانيا."
    assert _run(text) == [("org:nato", "ukraine_nato_membership", "support")]


def test_a_near_rule_is_cancelled_by_its_unless_words():
    assert _run("تدعم بولندا أوكرانيا وعضويتها.") == [("gpe:pl", "ukraine_nato_membership", "support")]
    assert _run("تدعم بولندا أوكرانيا وعضويتها في الاتحاد الأوروبي.") == []


def test_the_venue_of_a_summit_is_neither_actor_nor_speaker():
    assert _run("خلال قمة واشنطن أكدوا دعم انضمام أوكرانيا إلى الناتو.") == []
    assert _run("أكدت واشنطن دعم انضمام أوكرانيا إلى الناتو.") == [("gpe:us", "ukraine_nato_membership", "support")]


def test_we_in_the_quote_of_an_organisations_officer_is_the_organisation_too():
    text = "وقال سامي النجار للصحفيين عن أوكرانيا: “اتفقنا على المسار الذي لا رجعة فيه نحو الناتو”."
    sami = {"id": "per:sami", "type": "PER", "roles": [{"org": "org:nato", "title_en": "Secretary General"}]}
    doc = _analysed(text, "2024-12-03", {"per:sami": sami})
    assert sorted((s.attrs["actor"], s.attrs["proposition"], s.attrs["stance"]) for s in doc.spans("stances")) == [
        ("org:nato", "ukraine_nato_membership", "support"), ("per:sami", "ukraine_nato_membership", "support")]
    doc.objects["entities"] = {"per:sami": {**sami, "roles": []}}
    doc.layers.pop("stances", None)
    stances.build()(doc)
    assert [s.attrs["actor"] for s in doc.spans("stances")] == ["per:sami"]


def test_a_verb_coordinated_after_a_comma_keeps_the_first_clauses_subject():
    text = "تواصل المجر الضغط على جارتها بولندا، وترفض انضمام أوكرانيا إلى الناتو."
    assert _run(text) == [("gpe:hu", "ukraine_nato_membership", "oppose")]
    # without the comma the nearest name before the verb is its subject
    assert _run("قالت المجر إن بولندا ترفض انضمام أوكرانيا إلى الناتو.") == [
        ("gpe:pl", "ukraine_nato_membership", "oppose")]


def test_a_person_named_before_an_addressing_verb_is_its_subject():
    # "سامي النجار أقنع الولايات المتحدة بـ…": the one named before the verb persuades, the one after is persuaded
    text = "قال التقرير إن سامي النجار أقنع الولايات المتحدة بدعم انضمام أوكرانيا إلى الناتو."
    assert _run(text) == [("per:sami", "ukraine_nato_membership", "support")]


def test_a_general_cue_governs_the_propositions_own_verbal_noun():
    # "إرسال" alone would read as support; "تحفظات على" before it decides
    assert _run("أبدت إيطاليا تحفظات على إرسال قوات أوروبية إلى أوكرانيا.") == [
        ("gpe:it", "western_troops_in_ukraine", "hesitant")]
    assert _run("تؤيد إيطاليا إرسال قوات أوروبية إلى أوكرانيا.") == [
        ("gpe:it", "western_troops_in_ukraine", "support")]


def test_a_negated_sending_verb_opposes_troops():
    assert _run("أعلنت بولندا أنها لن ترسل قوات إلى أوكرانيا.") == [("gpe:pl", "western_troops_in_ukraine", "oppose")]


def test_a_clause_opened_by_a_conjunction_has_its_own_subject():
    text = ("رفضت الولايات المتحدة إرسال قوات أمريكية إلى أوكرانيا، بينما تطالب الدول الأوروبية بدعم أمريكي "
            "للقوة.")
    assert _run(text) == [("gpe:us", "us_troops_in_ukraine", "oppose"), ("loc:europe", "us_backstop", "support")]


def test_a_proposition_needs_its_topics_context_in_the_document():
    # "القوات الأمريكية" in a story that never names Ukraine is not this topic's proposition
    assert _run("رفضت الولايات المتحدة سحب القوات الأمريكية من سوريا.") == []
    assert _run("تحدث التقرير عن أوكرانيا. رفضت الولايات المتحدة إرسال القوات الأمريكية.") == [
        ("gpe:us", "us_troops_in_ukraine", "oppose")]


def test_a_denial_governs_the_proposition_without_a_stance():
    assert _run("تنفي روسيا إرسال جنود إلى داخل أوكرانيا.") == []
    assert _run("تؤيد بولندا إرسال جنود إلى داخل أوكرانيا.") == [("gpe:pl", "western_troops_in_ukraine", "support")]


def test_a_nisba_stands_for_its_country_only_in_a_plural_of_people():
    # the West's plural adjective is the subject; a feminine singular adjective of a trip is no one
    def nisba(text: str, surface: str, eid: str) -> Span:
        at = text.index(surface)
        return Span(at, at + len(surface), "entity", {"id": eid, "type": "LOC", "_form": "nisba"})

    text = "تحدث التقرير عن أوكرانيا. مجموعة من الحلفاء الغربيين في مفاوضات لوضع اللمسات الأخيرة على ضمانات أمنية."
    doc = _analysed(text, "2023-07-09", {}, [nisba(text, "الغربيين", "loc:the_west")])
    assert [(s.attrs["actor"], s.attrs["proposition"]) for s in doc.spans("stances")] == [
        ("loc:the_west", "security_guarantees_for_ukraine")]
    text = "تحدث التقرير عن أوكرانيا. بعد رحلة أوروبية طويلة بدأت مفاوضات لوضع اللمسات الأخيرة على ضمانات أمنية."
    doc = _analysed(text, "2023-07-09", {}, [nisba(text, "أوروبية", "loc:europe")])
    assert [s.attrs["actor"] for s in doc.spans("stances")] == []


def test_an_addressing_verb_takes_the_subject_the_quotes_stage_found():
    text = "أعرب سامي النجار عن تعاطفه مع مخاوف بولندا ووعدت أوروبا بتكثيف إنفاقها الدفاعي في الناتو."
    assert _run(text) == [("per:sami", "raise_defense_spending", "support")]


def test_a_speaker_who_brings_up_a_proposition_in_reported_speech_supports_it():
    text = "وأضاف سامي النجار أن الحل، من خلال الحوار مع الرئيس الروسي عن أوكرانيا، أنقذ الوضع."
    assert _run(text) == [("per:sami", "negotiate_with_putin", "support")]
    # the writer's comment after "، مما" is not the speaker's
    text = "وزعم سامي النجار أنه قادر على وقف الحرب في أوكرانيا، مما أثار مخاوف من تنازلات إقليمية مؤلمة."
    assert _run(text) == []


def test_a_sending_verb_both_troop_propositions_list_counts_for_us_troops():
    text = "وقال سامي النجار إن الولايات المتحدة لن ترسل جنودا أمريكيين إلى أوكرانيا."
    assert ("gpe:us", "us_troops_in_ukraine", "oppose") in _run(text)


def test_refusing_to_accept_troops_opposes_them():
    text = "قالت روسيا إنها لن تقبل بوجود قوات أوروبية في أوكرانيا تحت أي ظرف."
    assert _run(text) == [("gpe:ru", "western_troops_in_ukraine", "oppose")]


def test_a_cue_of_the_other_polarity_right_after_a_verb_is_its_object():
    # "رفضت بولندا الالتزام": the commitment is what is rejected, not a second, supporting cue
    text = "رفعت ألمانيا إنفاقها الدفاعي. ورفضت بولندا الالتزام بزيادة الإنفاق الدفاعي إلى خمسة في المئة من أجل أوكرانيا."
    assert [s for s in _run(text) if s[0] == "gpe:pl"] == [("gpe:pl", "raise_defense_spending", "oppose")]


def test_warning_against_a_measure_opposes_it():
    text = "وحذرت روسيا من أن أي قوات أجنبية في أوكرانيا ستعتبر أهدافا مشروعة."
    assert _run(text) == [("gpe:ru", "western_troops_in_ukraine", "oppose")]


def test_still_hoping_to_join_supports_membership():
    # "لا تزال" is 'still', no negation; the cue stands between the words of the proposition
    text = "وقال سامي النجار إن أوكرانيا لا تزال تأمل في الانضمام إلى الحلف."
    assert ("per:sami", "ukraine_nato_membership", "support") in _run(text)


def test_a_country_that_will_raise_its_spending_supports_raising_it():
    text = "قال سامي النجار إن بولندا سترفع إنفاقها الدفاعي إلى أربعة في المئة لمواجهة روسيا."
    assert ("gpe:pl", "raise_defense_spending", "support") in _run(text)


def test_a_harm_ascribed_to_a_measure_opposes_it():
    text = "وقال سامي النجار إن عضوية أوكرانيا “ستجلب الحرب إلى الناتو”."
    assert _run(text) == [("per:sami", "ukraine_nato_membership", "oppose")]


def test_support_for_something_without_the_proposition_opposes_it():
    text = "وقالت إيطاليا إنها تؤيد توسيع الضمانات لتشمل كييف دون عضويتها في الناتو."
    assert _run(text) == [("gpe:it", "ukraine_nato_membership", "oppose")]


def test_a_plural_hesitant_adjective_is_hesitant():
    text = "وقال سامي النجار إن حلفاء كثيرين ما زالوا مترددين بشأن انضمام أوكرانيا إلى الناتو."
    assert _run(text) == [("per:sami", "ukraine_nato_membership", "hesitant")]


def test_troops_the_united_states_sends_are_us_troops():
    assert _run("وقال سامي النجار إن الولايات المتحدة لن ترسل قوات إلى أوكرانيا.") == [
        ("gpe:us", "us_troops_in_ukraine", "oppose")]
    assert _run("وقال سامي النجار إن إيطاليا لن ترسل قوات إلى أوكرانيا.") == [
        ("gpe:it", "western_troops_in_ukraine", "oppose")]


def test_a_rejection_with_its_pronoun_and_a_noun_of_talk_before_the_proposal():
    assert _run("وجددت روسيا رفضها القاطع لانضمام أوكرانيا إلى حلف الناتو.") == [
        ("gpe:ru", "ukraine_nato_membership", "oppose")]
    assert _run("ورفضت إيطاليا الحديث عن إرسال قوات أوروبية إلى أوكرانيا.") == [
        ("gpe:it", "western_troops_in_ukraine", "oppose")]


def test_those_a_participle_calls_on_take_no_stance():
    text = "وأكد سامي النجار أن أوكرانيا تحتاج إلى الحماية، داعيا الناتو إلى تقديم ضمانات أمنية ملزمة لأوكرانيا."
    assert [actor for actor, _, _ in _run(text)] == ["per:sami"]
