"""Events: trigger, actor (before, after, coordinated, passive agent), targets, modality, codes."""

from __future__ import annotations

import re

from rasid.doc import Document, Span
from rasid.stages import events, sentences

NAMES = {
    "فرنسا": ("gpe:fr", "GPE"), "المملكة المتحدة": ("gpe:gb", "GPE"), "أوكرانيا": ("gpe:ua", "GPE"),
    "روسيا": ("gpe:ru", "GPE"), "إيران": ("gpe:ir", "GPE"), "كييف": ("loc:kyiv", "GPE"),
    "سامي النجار": ("per:sami", "PER"), "بروكسل": ("loc:brussels", "GPE"),
    "الناتو": ("org:nato", "ORG"), "البيت الأبيض": ("org:wh", "ORG"), "ماكرون": ("per:macron", "PER"),
    "ستارمر": ("per:starmer", "PER"), "ترامب": ("per:trump", "PER"),
}
#: (surface, id, type, form) mentions a test adds: nisbas and titles
FORMS = [("الروسي", "gpe:ru", "GPE", "nisba"), ("البريطاني", "gpe:gb", "GPE", "nisba"),
         ("وزير الدفاع", "per:other", "PER", "title"), ("الرئيس", "per:trump", "PER", "title")]


def _events(text: str, table: dict | None = None) -> list[dict]:
    doc = Document(text, meta={"published": "2025-04-10"})
    sentences.build()(doc)
    doc.add("entities", [Span(m.start(), m.end(), "entity", {"id": eid, "type": etype})
                         for name, (eid, etype) in NAMES.items() for m in re.finditer(name, text)])
    doc.add("entities", [Span(m.start(), m.end(), "entity", {"id": eid, "type": etype, "_form": form})
                         for name, eid, etype, form in FORMS for m in re.finditer(name, text)])
    doc.objects["entities"] = table or {}
    events.build()(doc)
    doc.check_offsets()
    return [dict(e.attrs) for e in doc.spans("events")]


def _pairs(evs: list[dict]) -> list[tuple]:
    return [(e["actor"], e["action"], e["plover"], e["code"], e["target"]) for e in evs]


def test_coordinated_actors_each_get_the_event():
    evs = _events("أرسلت فرنسا والمملكة المتحدة وفدا عسكريا إلى كييف.")
    assert _pairs(evs) == [("gpe:fr", "aid", "AID", "07", "loc:kyiv"), ("gpe:gb", "aid", "AID", "07", "loc:kyiv")]


def test_subject_before_the_verb_and_two_targets():
    evs = _events("زودت إيران روسيا بطائرات مسيرة استخدمت ضد أوكرانيا.")
    assert _pairs(evs) == [("gpe:ir", "aid", "AID", "07", "gpe:ru"), ("gpe:ir", "aid", "AID", "07", "gpe:ua")]


def test_negation_and_future_are_attributes():
    (ev,) = _events("لن ترسل فرنسا قوات إلى أوكرانيا.")
    assert ev["negated"] is True and ev["actor"] == "gpe:fr" and ev["target"] == "gpe:ua"
    (ev,) = _events("من المقرر أن يلتقي سامي النجار نظيره في بروكسل.")
    assert ev["modality"] == "future" and ev["action"] == "meet" and ev["place"] == "loc:brussels"


def test_assault_is_coded_and_without_target_keeps_a_phrase():
    (ev,) = _events("شنت روسيا هجوما واسعا الليلة الماضية.")
    assert (ev["plover"], ev["code"], ev["target"], ev["target_text"]) == ("ASSAULT", "19", None, "هجوما واسعا الليلة")


def test_no_actor_no_event():
    assert _events("جرى توقيع الاتفاق أمس.") == []


def test_relative_clause_resumptive_pronoun_makes_the_antecedent_the_object():
    evs = _events("دخلت القوات كييف التي هاجمتها روسيا.")
    assert _pairs(evs) == [("gpe:ru", "assault", "ASSAULT", "19", "loc:kyiv")]
    (ev,) = _events("هذه هي المدينة التي يزورها سامي النجار كل عام.")
    assert (ev["actor"], ev["action"], ev["target"]) == ("per:sami", "meet", None)


def test_verbal_noun_with_accusative_alif_and_genitive_doer():
    assert _pairs(_events("تابعت أوكرانيا انضماما إلى الناتو.")) == [("gpe:ua", "attend", "CONSULT", "04", "org:nato")]
    # a verbal noun's doer is the genitive right after it, not a name further on
    assert _events("طالبوا بوقف الهجوم إذا لم تقبل روسيا.") == []


def test_verbal_noun_with_nisba_names_the_doer():
    assert _pairs(_events("توقف الهجوم الروسي في كييف.")) == [("gpe:ru", "assault", "ASSAULT", "19", "loc:kyiv")]


def test_institution_a_meeting_is_held_in_is_the_counterpart():
    evs = _events("جرت محادثات في البيت الأبيض بين فرنسا وإيران.")
    assert _pairs(evs) == [("gpe:fr", "meet", "CONSULT", "04", "org:wh"), ("gpe:ir", "meet", "CONSULT", "04", "org:wh")]


def test_capital_after_a_locative_preposition_is_the_place():
    table = {"loc:kyiv": {"id": "loc:kyiv", "type": "GPE", "capital_of": "gpe:ua"}}
    assert [e["target"] for e in _events("أرسلت فرنسا وفدا إلى كييف.", table)] == ["loc:kyiv"]
    assert [e["target"] for e in _events("هاجمت روسيا كييف.", table)] == ["gpe:ua"]


def test_membership_phrase_makes_the_organisation_the_actor():
    evs = _events("أرسلت الدول الأعضاء في الناتو أسلحة إلى أوكرانيا.")
    assert _pairs(evs) == [("org:nato", "aid", "AID", "07", "gpe:ua")]


def test_title_and_name_in_apposition_are_one_actor():
    (ev,) = _events("يشارك وزير الدفاع سامي النجار في المناورات.")
    assert ev["actor"] == "per:sami"


def test_counterpart_coordinates_a_second_actor_and_governed_names_are_no_actor():
    evs = _events("التقى ماكرون ونظيره البريطاني ، رئيس الوزراء ستارمر ، مع ترامب.")
    assert _pairs(evs) == [("per:macron", "meet", "CONSULT", "04", "per:trump"),
                           ("per:starmer", "meet", "CONSULT", "04", "per:trump")]
    assert _events("بدأ التفاوض مع الرئيس ترامب.") == []


def test_light_verb_and_its_verbal_noun_are_one_event():
    assert _pairs(_events("شنت روسيا هجوما على أوكرانيا.")) == [("gpe:ru", "assault", "ASSAULT", "19", "gpe:ua")]


def test_clause_opener_after_a_comma_ends_the_targets():
    evs = _events("زودت إيران روسيا بالسلاح، بينما تراقب أوكرانيا.")
    assert _pairs(evs) == [("gpe:ir", "aid", "AID", "07", "gpe:ru")]


def test_a_named_meeting_the_trigger_stands_in_is_the_target():
    doc_text = "جرت محادثات في البيت الأبيض بين فرنسا وإيران."
    doc = Document(doc_text, meta={"published": "2025-04-10"})
    sentences.build()(doc)
    meeting = doc_text.index("محادثات")
    doc.add("entities", [Span(meeting, doc_text.index(" بين"), "entity", {"id": "event:talks", "type": "EVENT"})]
            + [Span(m.start(), m.end(), "entity", {"id": eid, "type": etype})
               for name, (eid, etype) in NAMES.items() for m in re.finditer(name, doc_text)])
    doc.objects["entities"] = {}
    events.build()(doc)
    assert _pairs([dict(e.attrs) for e in doc.spans("events")]) == [
        ("gpe:fr", "meet", "CONSULT", "04", "event:talks"), ("gpe:ir", "meet", "CONSULT", "04", "event:talks")]


def _events_after_quotes(text: str) -> Document:
    """The document after sentences, the NAMES mentions, quotes and events."""
    from rasid.stages import quotes

    doc = Document(text, meta={"published": "2025-04-10"})
    sentences.build()(doc)
    doc.add("entities", [Span(m.start(), m.end(), "entity", {"id": eid, "type": etype})
                         for name, (eid, etype) in NAMES.items() for m in re.finditer(name, text)])
    doc.objects["entities"] = {}
    quotes.build()(doc)
    events.build()(doc)
    return doc


def test_a_purpose_clause_in_reported_speech_is_done_by_the_speaker():
    doc = _events_after_quotes("وقال سامي النجار إنه سيسافر الأسبوع المقبل لحضور اجتماعات الناتو.")
    assert [(e.attrs["actor"], e.attrs["plover"], e.attrs["target"]) for e in doc.spans("events")
            if e.attrs["plover"]] == [("per:sami", "CONSULT", "org:nato")]


def test_without_marks_the_event_negated():
    evs = _events("ناقش الوزراء القدرات المتاحة، ولكن مرة أخرى دون مشاركة فرنسا.")
    assert [(e["actor"], e["action"], e.get("negated", False)) for e in evs if e["action"] == "attend"] == [
        ("gpe:fr", "attend", True)]


def test_a_trigger_read_only_after_taking_off_an_article_is_no_verb():
    # "التقدم" (progress) is not the verb "تقدم" (provides); "التقى" is a verb as it is
    assert _pairs(_events("تواصل روسيا التقدم البطيء في أوكرانيا.")) == []
    assert _pairs(_events("التقى ماكرون مع ترامب.")) == [("per:macron", "meet", "CONSULT", "04", "per:trump")]


def test_after_a_preposition_a_trigger_is_a_verbal_noun_and_its_genitive_the_object():
    # "ترغب في دعم أوكرانيا": Ukraine is supported, not the supporter
    assert [e["actor"] for e in _events("أصدر التقرير نداء إلى الدول التي ترغب في دعم أوكرانيا.")
            if e["plover"]] == []
    assert _pairs(_events("دعمت فرنسا أوكرانيا.")) == [("gpe:fr", "support", "SUPPORT", "05", "gpe:ua")]


def test_a_city_after_fi_is_the_place_and_mutual_acts_pair_their_parties():
    evs = _events("التقى ماكرون بسامي النجار في بروكسل يوم الاثنين.")
    assert [(e["actor"], e["target"], e["place"]) for e in evs] == [("per:macron", "per:sami", "loc:brussels")]
    evs = _events("ووقعت فرنسا وأوكرانيا اتفاقية أمنية ثنائية مدتها عشر سنوات.")
    assert [(e["actor"], e["action"], e["target"]) for e in evs] == [
        ("gpe:fr", "agree", "gpe:ua"), ("gpe:ua", "agree", "gpe:fr")]


def test_a_verbal_noun_of_giving_after_an_announcing_verb_is_aid():
    evs = _events("وأعلنت فرنسا تقديم مساعدات عسكرية جديدة لأوكرانيا بقيمة مليار يورو.")
    assert ("gpe:fr", "aid", "gpe:ua") in [(e["actor"], e["action"], e["target"]) for e in evs]


def test_a_registry_act_named_as_a_verbal_noun_is_that_act():
    # "منذ بداية الغزو": no doer in the sentence, but the registry knows who invaded whom
    text = "منذ بداية الغزو، زودت فرنسا أوكرانيا بالأسلحة."
    doc = Document(text, meta={"published": "2025-02-12"})
    sentences.build()(doc)
    start = text.index("الغزو")
    doc.add("entities", [Span(start, start + len("الغزو"), "entity", {"id": "event:invasion", "type": "EVENT"})]
            + [Span(m.start(), m.end(), "entity", {"id": eid, "type": etype})
               for name, (eid, etype) in NAMES.items() for m in re.finditer(name, text)])
    doc.objects["entities"] = {"event:invasion": {"id": "event:invasion", "type": "EVENT",
                                                  "agent": "gpe:ru", "target": "gpe:ua"}}
    events.build()(doc)
    got = [(e.attrs["actor"], e.attrs["action"], e.attrs["target"]) for e in doc.spans("events")]
    assert ("gpe:ru", "assault", "gpe:ua") in got and ("gpe:fr", "aid", "gpe:ua") in got


def test_a_reporting_verb_after_a_comma_ends_the_clause_of_the_event_before_it():
    doc = _events_after_quotes(
        "رفض سامي النجار فكرة إرسال قوات إلى أوكرانيا، وقال سامي النجار في بروكسل إن روسيا تهدد أوروبا كلها.")
    rejects = [(e.attrs["actor"], e.attrs["target"]) for e in doc.spans("events") if e.attrs["action"] == "reject"]
    assert rejects == [("per:sami", "gpe:ua")]


def test_publishing_a_statement_is_no_deployment():
    assert _pairs(_events("ونشرت روسيا قوات إضافية قرب أوكرانيا.")) == [
        ("gpe:ru", "mobilize", "MOBILIZE", "15", "gpe:ua")]
    assert _events("ونشرت روسيا بيانا عن أوكرانيا.") == []
    assert _events("وقال سامي النجار في بيان نشره عن أوكرانيا إن الوضع صعب.") == []


def test_deploying_needs_troops_or_weapons_as_the_object():
    assert _events("ونشرت روسيا مقابلة مطولة مع مسؤول عن أوكرانيا.") == []
    assert _pairs(_events("ونشرت روسيا نحو 3000 جندي قرب أوكرانيا.")) == [("gpe:ru", "mobilize", "MOBILIZE", "15", "gpe:ua")]
    # an object pronoun points back to the troops named before it
    assert _pairs(_events("وقالت فرنسا إن القوات التي نشرتها فرنسا في أوكرانيا ستبقى.")) == [
        ("gpe:fr", "mobilize", "MOBILIZE", "15", "gpe:ua")]


def test_a_second_reported_clause_after_a_comma_has_its_own_targets():
    evs = _events("وقالت فرنسا إنها لن ترسل جنودا إلى أوكرانيا، وإنها تفضل التفاوض مع روسيا بشأن الناتو.")
    assert [(e["actor"], e["action"], e["target"]) for e in evs if e["action"] == "aid"] == [
        ("gpe:fr", "aid", "gpe:ua")]


def test_a_nationality_before_any_name_is_the_subjects_or_ends_the_next_persons_title():
    # the nationality ends a title the registry lacks: the person after it is the subject
    evs = _events("والتقى نائب وزير الخارجية الروسي سامي النجار نظيره في بروكسل.")
    assert [(e["actor"], e["action"]) for e in evs] == [("per:sami", "meet")]
    # "رجل الدين الشيعي البريطاني، سامي النجار": a comma and two words may stand between
    evs = _events("دعا رجل الدين البريطاني، سامي النجار، الخميس، إلى عقد اجتماع طارئ.")
    assert [e["actor"] for e in evs] == ["per:sami"]
    # with no person after it, the nationality is the subject's own; the place after it the object
    evs = _events("وزار الوفد الروسي كييف أمس.")
    assert [(e["actor"], e["target"]) for e in evs] == [("gpe:ru", "loc:kyiv")]


def test_a_reporting_verbs_event_and_its_quotes_statement_are_one_event():
    from rasid.pipeline import default_pipeline, make_document

    doc = make_document("وصرح نائب وزير العدل الأمريكي رود روزينشتاين للصحافيين أن الضباط متهمون بالتآمر على الانتخابات.",
                        published="2018-07-13")
    default_pipeline().run_doc(doc)
    assert [(e.attrs["actor"], e.attrs["action"], e.attrs["target"]) for e in doc.spans("events")] == [
        ("x:per:رود_روزينشتاين", "statement", None)]


def test_a_title_and_the_name_set_off_by_commas_are_one_actor_and_the_comma_after_closes_it():
    from rasid.pipeline import default_pipeline, make_document

    doc = make_document("اتهمت وزيرة الدفاع الفرنسية، فلورنس بارلي، روسيا بمحاولة اعتراض الاتصالات العسكرية.",
                        published="2018-09-07")
    default_pipeline().run_doc(doc)
    assert [(e.attrs["actor"], e.attrs["target"]) for e in doc.spans("events")] == [("per:florence_parly", "gpe:ru")]
    # "، و" joins coordinated actors like a comma or و alone
    evs = _events("أرسلت فرنسا، والمملكة المتحدة، وأوكرانيا رسالة إلى روسيا.")
    assert sorted({e["actor"] for e in evs}) == ["gpe:fr", "gpe:gb", "gpe:ua"]


def test_waqa_with_an_incident_is_occurred_not_signed():
    assert _pairs(_events("ووقعت اشتباكات بين روسيا وأوكرانيا في كييف.")) == []
    assert _pairs(_events("ووقع الهجوم الروسي على كييف ليلا.")) == [("gpe:ru", "assault", "ASSAULT", "19", "loc:kyiv")]
    assert _pairs(_events("وقع سامي النجار الاتفاق مع فرنسا.")) == [("per:sami", "agree", "AGREE", "05", "gpe:fr")]


def test_commenting_is_no_suspension_and_being_considered_no_pledge():
    assert _events("وعلق سامي النجار على قرار روسيا بالقول إنه متوقع.") == []
    assert _events("وعلق عليه سامي النجار من خلال حسابه في فرنسا.") == []
    assert _pairs(_events("وعلقت فرنسا مشاركتها في المحادثات مع روسيا."))[0] == (
        "gpe:fr", "sanction", "SANCTION", "16", "gpe:ru")
    assert _events("ويعد سامي النجار من أبرز المسؤولين في فرنسا.") == []


def test_presenting_thanks_or_an_apology_is_no_aid():
    assert _events("وقدم سامي النجار شكره لفرنسا على حسن الاستقبال.") == []
    assert _events("وقدمت فرنسا اعتذارها لروسيا عن الحادث.") == []
    assert _pairs(_events("وقدمت فرنسا مساعدات عسكرية إضافية لأوكرانيا.")) == [("gpe:fr", "aid", "AID", "07", "gpe:ua")]
    assert _pairs(_events("وقدمت فرنسا لأوكرانيا 500 مليون يورو.")) == [("gpe:fr", "aid", "AID", "07", "gpe:ua")]
