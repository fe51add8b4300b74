"""Events: trigger, actor (before, after, coordinated, passive agent), targets, modality, codes."""

from __future__ import annotations

import re

from rasid.doc import Document, Span
from rasid.stages import events, sentences

NAMES = {
    "فرنسا": ("gpe:fr", "GPE"), "المملكة المتحدة": ("gpe:gb", "GPE"), "أوكرانيا": ("gpe:ua", "GPE"),
    "روسيا": ("gpe:ru", "GPE"), "إيران": ("gpe:ir", "GPE"), "كييف": ("loc:kyiv", "GPE"),
    "سامي النجار": ("per:sami", "PER"), "بروكسل": ("loc:brussels", "GPE"),
}


def _events(text: str) -> list[dict]:
    doc = Document(text, meta={"published": "2025-04-10"})
    sentences.build()(doc)
    doc.add("entities", [Span(m.start(), m.end(), "entity", {"id": eid, "type": etype})
                         for name, (eid, etype) in NAMES.items() for m in re.finditer(name, text)])
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
