"""The briefing's data: stance matrix, timeline, speakers, over documents built in code.

The helpers at the top (``make_doc``, ``corpus``) are shared by the other test_brief_* files.
"""

from __future__ import annotations

from typing import Any

import pytest

from rasid.brief import build_briefing
from rasid.doc import Document, Span
from rasid.errors import ResourceError

ENTITIES = {
    "gpe:us": {"id": "gpe:us", "type": "GPE", "name": "الولايات المتحدة", "name_en": "United States"},
    "per:mark_rutte": {"id": "per:mark_rutte", "type": "PER", "name": "مارك روته", "name_en": "Mark Rutte"},
    "gpe:ua": {"id": "gpe:ua", "type": "GPE", "name": "أوكرانيا", "name_en": "Ukraine"},
}


def make_doc(sentences: list[str], published: str | None, title: str | None = None,
             stances: list[tuple[int, dict[str, Any]]] = (),
             events: list[tuple[int, dict[str, Any]]] = (),
             quotes: list[tuple[int, dict[str, Any]]] = ()) -> Document:
    """A document whose layers point at whole sentences (index into ``sentences``)."""
    text = " ".join(sentences)
    bounds, pos = [], 0
    for s in sentences:
        bounds.append((pos, pos + len(s)))
        pos += len(s) + 1
    meta: dict[str, Any] = {"published": published}
    if title:
        meta["title"] = title
    doc = Document(text=text, meta=meta, objects={"entities": {k: dict(v) for k, v in ENTITIES.items()}})
    doc.add("sentences", [Span(a, b, "sentence") for a, b in bounds])
    doc.add("stances", [Span(*bounds[i], "stance", attrs, "stances@1") for i, attrs in stances])
    doc.add("events", [Span(*bounds[i], "event", attrs, "events@1") for i, attrs in events])
    doc.add("quotes", [Span(*bounds[i], "quote", attrs, "quotes@1") for i, attrs in quotes])
    return doc


def stance(actor: str, proposition: str, value: str, date: str | None = None) -> dict[str, Any]:
    return {"actor": actor, "proposition": proposition, "stance": value, "date": date, "cue": None}


def event(actor: str, action: str, plover: str | None, code: str, target: str | None = None,
          date: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"actor": actor, "action": action, "plover": plover, "code": code, "target": target,
            "place": None, "date": date, **extra}


def corpus() -> list[Document]:
    """Three documents: the US changes its mind on NATO membership; Rutte is quoted twice."""
    doc_a = make_doc(
        ["رفضت واشنطن عضوية أوكرانيا في الناتو.", "وقال روته إن الحلف سيبقى موحدا.",
         "لن ترسل الولايات المتحدة قوات.", "<script>alert(1)</script> دعم روته الانضمام."],
        "2025-01-10", title="Article A",
        stances=[(0, stance("gpe:us", "ukraine_nato_membership", "oppose")),
                 (3, stance("per:mark_rutte", "ukraine_nato_membership", "support"))],
        events=[(0, event("gpe:us", "reject", "REJECT", "12", target="gpe:ua", date="2025-01-05")),
                (0, event("gpe:us", "reject", "REJECT", "12", target="gpe:ua", date="2025-01-05")),
                (2, event("gpe:us", "deploy", "MOBILIZE", "15", negated=True, modality="future",
                          target_text="قوات"))],
        quotes=[(1, {"kind": "indirect", "speaker": "per:mark_rutte", "cue": None}),
                (2, {"kind": "indirect", "speaker": None, "cue": None})])
    doc_b = make_doc(
        ["أيدت الولايات المتحدة انضمام أوكرانيا.", "قال روته إن الضمانات الأمنية قادمة."],
        "2025-03-01",
        stances=[(0, stance("gpe:us", "ukraine_nato_membership", "support"))],
        events=[(1, event("per:mark_rutte", "statement", None, "01"))],
        quotes=[(1, {"kind": "direct", "speaker": "per:mark_rutte", "cue": None}),
                (0, {"kind": "indirect", "speaker": "gpe:us", "cue": None})])
    doc_c = make_doc(
        ["أعلنت واشنطن في الأول من أبريل رفض إرسال القوات الأمريكية."],
        "2024-12-01",
        stances=[(0, stance("gpe:us", "us_troops_in_ukraine", "oppose", date="2025-04-01"))])
    return [doc_a, doc_b, doc_c]


# -- tests ------------------------------------------------------------------------------------


def _cells(briefing: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str, int, bool]]:
    return {(r["actor"]["id"], pid): (c["stance"], c["date"], c["count"], c["conflict"])
            for r in briefing["matrix"] for pid, c in r["cells"].items() if c}


def test_matrix_latest_stance_wins_and_conflicts_are_flagged() -> None:
    docs = corpus()
    b = build_briefing(docs, "ukraine_security")
    assert _cells(b) == {
        ("gpe:us", "ukraine_nato_membership"): ("support", "2025-03-01", 2, True),
        # the stance's own date (2025-04-01) counts, not its document's (2024-12-01)
        ("gpe:us", "us_troops_in_ukraine"): ("oppose", "2025-04-01", 1, False),
        ("per:mark_rutte", "ukraine_nato_membership"): ("support", "2025-01-10", 1, False),
    }
    us = b["matrix"][0]
    assert us["actor"] == {"id": "gpe:us", "name": "الولايات المتحدة", "name_en": "United States", "type": "GPE"}
    cell = us["cells"]["ukraine_nato_membership"]
    assert cell["evidence"] == "أيدت الولايات المتحدة انضمام أوكرانيا."
    assert cell["doc_id"] == docs[1].id
    assert cell["counts"] == {"support": 1, "oppose": 1, "hesitant": 0}
    assert docs[1].text[cell["start"]:cell["end"]] == cell["evidence"]
    assert [p["id"] for p in b["propositions"]][:3] == [
        "ukraine_nato_membership", "western_troops_in_ukraine", "us_troops_in_ukraine"]
    assert b["propositions"][0]["label"] == "Ukraine joins NATO"
    assert b["topic"] == {"id": "ukraine_security", "label": "Ukraine's security after 2022"}


def test_timeline_is_ordered_by_event_date_then_published_and_deduplicated() -> None:
    b = build_briefing(corpus(), "ukraine_security")
    rows = [(e["date"], e["date_from"], e["actor"]["id"], e["action"], e["plover"], e["code"],
             e["target"]["id"] if e["target"] else e["target_text"], e["negated"], e["modality"])
            for e in b["timeline"]]
    assert rows == [
        ("2025-01-05", "event", "gpe:us", "reject", "REJECT", "12", "gpe:ua", False, None),
        ("2025-01-10", "published", "gpe:us", "deploy", "MOBILIZE", "15", "قوات", True, "future"),
        ("2025-03-01", "published", "per:mark_rutte", "statement", None, "01", None, False, None),
    ]
    assert b["timeline"][0]["evidence"] == "رفضت واشنطن عضوية أوكرانيا في الناتو."


def test_top_speakers_count_and_latest_quote() -> None:
    b = build_briefing(corpus())
    assert [(s["speaker"]["id"], s["count"], s["documents"], s["latest"]["date"], s["latest"]["text"])
            for s in b["speakers"]] == [
        ("per:mark_rutte", 2, 2, "2025-03-01", "قال روته إن الضمانات الأمنية قادمة."),
        ("gpe:us", 1, 1, "2025-03-01", "أيدت الولايات المتحدة انضمام أوكرانيا."),
    ]
    assert build_briefing(corpus(), top_speakers=1)["speakers"][0]["speaker"]["id"] == "per:mark_rutte"
    assert len(build_briefing(corpus(), top_speakers=1)["speakers"]) == 1


def test_counts_and_json_round_trip() -> None:
    import json

    b = build_briefing(corpus(), "ukraine_security")
    assert b["counts"] == {"documents": 3, "first": "2024-12-01", "last": "2025-03-01", "inferred": 0,
                           "stances": 4, "events": 3, "quotes": 3, "actors": 2, "speakers": 2}
    assert json.loads(json.dumps(b)) == b


def test_date_range_filters_documents_and_facts() -> None:
    b = build_briefing(corpus(), "ukraine_security", date_from="2025-02", date_to="2025-03")
    assert b["counts"]["documents"] == 1  # only the document published 2025-03-01
    assert _cells(b) == {("gpe:us", "ukraine_nato_membership"): ("support", "2025-03-01", 1, False)}
    assert [e["date"] for e in b["timeline"]] == ["2025-03-01"]
    assert b["range"] == {"from": "2025-02", "to": "2025-03"}


def test_unknown_topic_is_a_typed_error() -> None:
    with pytest.raises(ResourceError, match="no topic profile 'nope'"):
        build_briefing(corpus(), "nope")


def test_stances_of_other_topics_are_left_out_and_unknown_propositions_get_a_column() -> None:
    doc = make_doc(["جملة."], "2025-05-05", stances=[(0, stance("gpe:ua", "moon_landing", "support"))])
    assert build_briefing([doc], "ukraine_security")["matrix"] == []
    b = build_briefing([doc])
    assert b["propositions"][-1] == {"id": "moon_landing", "label": "moon_landing", "topic": None}
    assert _cells(b) == {("gpe:ua", "moon_landing"): ("support", "2025-05-05", 1, False)}


def test_store_is_accepted_in_place_of_documents(tmp_path) -> None:
    from rasid.store import Store

    with Store(tmp_path / "b.db") as store:
        store.write_documents(corpus())
        b = build_briefing(store, "ukraine_security")
    assert _cells(b) == _cells(build_briefing(corpus(), "ukraine_security"))


def test_an_inferred_publication_date_dates_the_facts_and_is_marked() -> None:
    from rasid.brief.text import render_text

    doc = make_doc(["رفضت واشنطن عضوية أوكرانيا في الناتو."], None,
                   stances=[(0, stance("gpe:us", "ukraine_nato_membership", "oppose"))])
    doc.meta["published_inferred"] = {"value": "2025-02-15", "confidence": "medium", "evidence": []}
    b = build_briefing([doc], "ukraine_security")
    assert b["counts"]["first"] == "2025-02-15" and b["counts"]["inferred"] == 1
    assert b["documents"][0]["published_inferred"] is True
    cell = b["matrix"][0]["cells"]["ukraine_nato_membership"]
    assert (cell["date"], cell["date_inferred"]) == ("2025-02-15", True)
    text = render_text(b)
    assert "(1 inferred from the text, marked ≈)" in text
    assert "− ≈2025-02-15" in text
    # metadata wins over inference, and is not marked
    doc.meta["published"] = "2025-02-12"
    cell = build_briefing([doc], "ukraine_security")["matrix"][0]["cells"]["ukraine_nato_membership"]
    assert (cell["date"], cell["date_inferred"]) == ("2025-02-12", False)
