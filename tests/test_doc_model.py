"""The document model: spans are checked against the text, the output shape is fixed."""

from __future__ import annotations

import pytest

from rasid.doc import OUTPUT_LAYERS, Document, Span, content_id
from rasid.errors import OffsetError


def test_content_id_is_stable_and_content_based():
    assert content_id("نص") == content_id("نص")
    assert content_id("نص") != content_id("نص ")
    assert len(content_id("x")) == 16


def test_add_rejects_span_outside_text():
    doc = Document("أوكرانيا")
    with pytest.raises(OffsetError):
        doc.add("entities", [Span(0, 99, "entity")])


def test_check_offsets_catches_wrong_surface():
    doc = Document("حلف الناتو")
    doc.add("x", [Span(4, 10, "org", {"surface": "الناتو"})])
    doc.check_offsets()
    doc.add("x", [Span(0, 3, "org", {"surface": "ناتو"})])
    with pytest.raises(OffsetError):
        doc.check_offsets()


def test_to_dict_has_every_output_layer_and_groups_entity_mentions():
    doc = Document("روته وروتي", meta={"published": "2025-02-12", "source": "t"})
    doc.add("entities", [Span(0, 4, "entity", {"id": "per:mark_rutte", "type": "PER"}),
                         Span(6, 10, "entity", {"id": "per:mark_rutte", "type": "PER"})])
    doc.objects["entities"] = {"per:mark_rutte": {"id": "per:mark_rutte", "type": "PER",
                                                  "name": "مارك روته", "name_en": "Mark Rutte"}}
    out = doc.to_dict()
    for layer in OUTPUT_LAYERS:
        assert isinstance(out[layer], list)
    assert out["published"] == "2025-02-12"
    assert out["entities"] == [{"id": "per:mark_rutte", "type": "PER", "name": "مارك روته",
                                "name_en": "Mark Rutte",
                                "mentions": [{"start": 0, "end": 4}, {"start": 6, "end": 10}]}]


def test_private_attrs_do_not_reach_output():
    doc = Document("نص")
    doc.add("dates", [Span(0, 2, "date", {"value": None, "relative": True, "_rule": "x"})])
    assert doc.to_dict()["dates"] == [{"start": 0, "end": 2, "value": None, "relative": True}]


def test_noise_ranges_cover_boilerplate_and_duplicates():
    doc = Document("شارك\nنص نص")
    doc.add("boilerplate", [Span(0, 4, "boilerplate")])
    assert doc.is_noise(0, 4)
    assert not doc.is_noise(5, 7)
