"""Duplicates stage: later near-copies flagged with of_start; distinct sentences left alone."""

from __future__ import annotations

import re

import pytest

from rasid.doc import Document, Span
from rasid.stages import boilerplate, duplicates


def _standin_sentences(doc: Document) -> None:
    """A stand-in for the sentences stage: split after . ! ? ؟ and at line breaks."""
    spans = [Span(m.start(), m.end(), "sentence", {}, "standin@0")
             for m in re.finditer(r"[^\n.!?؟]+[.!?؟]*", doc.text) if m.group().strip()]
    doc.add("sentences", spans)


def _run(text: str) -> Document:
    doc = Document(text)
    boilerplate.build()(doc)
    _standin_sentences(doc)
    duplicates.build()(doc)
    doc.check_offsets()
    return doc


def _found(doc: Document) -> list[tuple[str, str]]:
    out = []
    for s in doc.spans("duplicates"):
        assert s.label == "duplicate" and s.stage == "duplicates@1"
        of = s.attrs["of_start"]
        assert of < s.start
        out.append((doc.text[s.start:s.end], doc.text[of:of + 12]))
    return out


FIRST = "وقال وزير الخارجية إن المحادثات مع الجانب الآخر كانت صريحة وبناءة للغاية."
TEXT = (
    FIRST + "\n"
    "وأضاف أن الجولة المقبلة ستعقد في جنيف الشهر القادم بحضور الوسطاء.\n"
    "شارك\n"
    "شارك\n"
    "وقال وزير الخارجية إن المحادثات مع الجانب الآخر كانت صريحة وبنّاءة جداً.\n"
    "الجولة المقبلة ستعقد في جنيف الشهر القادم.\n"
)


def test_near_repeat_and_contained_sentence_flagged() -> None:
    doc = _run(TEXT)
    assert _found(doc) == [
        ("وقال وزير الخارجية إن المحادثات مع الجانب الآخر كانت صريحة وبنّاءة جداً.", FIRST[:12]),
        ("الجولة المقبلة ستعقد في جنيف الشهر القادم.", "وأضاف أن الج"),
    ]


def test_repeat_inside_one_sentence_flagged() -> None:
    text = ("أكد الوزير أن الحكومة ستخفض الضرائب على الشركات الصغيرة العام المقبل ، "
            "كما أكد الوزير أن الحكومة ستخفض الضرائب على الشركات الصغيرة في العام المقبل.")
    doc = _run(text)
    assert _found(doc) == [
        ("كما أكد الوزير أن الحكومة ستخفض الضرائب على الشركات الصغيرة في العام المقبل.", "أكد الوزير أ"),
    ]


@pytest.mark.parametrize("text", [
    # distinct sentences sharing a frame
    "وقال وزير الخارجية إن المحادثات كانت صريحة. وقال وزير الدفاع إن التدريبات ستبدأ غدا في الشمال.",
    # the same frame with a different figure is a different fact
    "وأسقطت الدفاعات الجوية 20 طائرة مسيرة فوق المنطقة الشرقية ليلا.\n"
    "وأسقطت الدفاعات الجوية 15 طائرة مسيرة فوق المنطقة الشرقية ليلا.",
    # short sentences repeat naturally
    "لا تعليق.\nلا تعليق.",
    # a paraphrase with other verbs is not a copy
    "وأشار إلى أن الحكومة تنوي أيضا المشاركة في هذه المبادرة الدولية.\n"
    "وأوضح أن الحكومة أعربت أيضا عن نيتها المشاركة في هذه المبادرة الدولية.",
])
def test_distinct_sentences_not_flagged(text: str) -> None:
    assert _run(text).spans("duplicates") == []


def test_boilerplate_not_compared() -> None:
    doc = _run("اقرأ أيضا: الحكومة تعلن خطة جديدة للنقل العام في المدن الكبرى\n"
               "اقرأ أيضا: الحكومة تعلن خطة جديدة للنقل العام في المدن الكبرى")
    assert doc.spans("duplicates") == []


def test_many_sentences_near_linear() -> None:
    # 3,000 distinct sentences sharing a common frame, then three exact repeats
    lines = [f"وقال المتحدث باسم الوزارة إن البند {i} يشمل مدينة{i} وقرية{i} ونهر{i} وجبل{i}."
             for i in range(3000)]
    lines += [lines[10], lines[20], lines[30]]
    doc = _run("\n".join(lines))
    assert len(doc.spans("sentences")) == 3003
    starts = [s.start for s in doc.spans("sentences")]
    got = [(s.start, s.attrs["of_start"]) for s in doc.spans("duplicates")]
    assert got == [(starts[3000], starts[10]), (starts[3001], starts[20]), (starts[3002], starts[30])]


def test_seed_000_repeat_flagged(shared_dir) -> None:
    pytest.importorskip("rasid.stages.sentences")
    from rasid.stages import sentences

    path = shared_dir / "seeds" / "000_47c694e0cb4d5381.txt"
    if not path.exists():
        pytest.skip("seed 000 absent")
    doc = Document(path.read_text("utf-8"))
    for stage in (boilerplate, sentences, duplicates):
        stage.build()(doc)
    got = [(doc.text[s.start:s.end], s.attrs["of_start"]) for s in doc.spans("duplicates")]
    assert len(got) == 1
    surface, of_start = got[0]
    assert surface.startswith("كما صرح وزير الدفاع الأمريكي في حلفاء الحلفاء")
    assert surface.endswith("في المستقبل.")
    assert doc.text[of_start:].startswith("صرح وزير الدفاع الأمريكي بيت هيغسيث")
