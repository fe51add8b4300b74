"""Hypothesis over the whole default pipeline: no stage fails, every offset stays inside the text."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.doc import OUTPUT_LAYERS
from rasid.pipeline import default_pipeline, make_document

MAX_EXAMPLES = 2000

WORDS = ["قال", "وزير", "الخارجية", "المصري", "إن", "الحكومة", "ستدفع", "مليون", "دولار", "في", "القاهرة",
         "يوم", "الأحد", "مارس", "٢٠٢٤", "الرئيس", "الأمريكي", "بايدن", "أوكرانيا", "روسيا", "الأمم", "المتحدة",
         "وأضاف", "أكد", "نفى", "بنسبة", "ألف", "شخص", "رمضان", "١٤٤٥هـ", "أمس", "غدا", "حماس", "إسرائيل",
         "Reuters", "said", "UN", "2024", "$5", "Biden", "Kyiv"]
MARKS = ["\u200f", "\u200e", "\u202b", "\u202c", "\u2067", "\u2069", "ـ", "ـــــ", "َ", "ُ", "ِ", "ّ", "ْ", "ً",
         "“", "”", "«", "»", '"', "'", "،", "؛", "؟", ".", ":", "!", "(", ")", "-", "٪", "%", "\n", "\n\n",
         "\r\n", " ", "  ", "\t", "١٢٣", "۴۵۶", "789", "٫", "٬", ",", "3.5", "١٬٠٠٠٬٠٠٠", "\u00a0"]

_piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS),
                   st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=8),
                   st.text(alphabet="abcXYZ019 .,\"'", max_size=6))
texts = st.lists(_piece, min_size=1, max_size=60).map(lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))


@pytest.mark.slow
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_default_pipeline_never_fails_and_keeps_offsets(text: str) -> None:
    doc = make_document(text)
    default_pipeline().run_doc(doc)
    assert doc.text == text  # never rewritten
    assert doc.meta.get("failures") in (None, []), doc.meta.get("failures")
    n = len(text)
    for layer, span in doc.iter_all():
        assert 0 <= span.start <= span.end <= n, (layer, span)
        for key in ("cue",):
            inner = span.attrs.get(key)
            if isinstance(inner, dict):
                assert 0 <= inner["start"] <= inner["end"] <= n, (layer, span)
        for piece in span.attrs.get("pieces", []) or []:
            assert span.start <= piece["start"] <= piece["end"] <= span.end, (layer, span)
    table = doc.objects.get("entities", {})
    for mention in doc.spans("entities"):
        surface = text[mention.start:mention.end]
        assert surface and surface == surface.strip(), mention
        assert mention.attrs["id"] in table, mention
    out = doc.to_dict()
    json.dumps(out, ensure_ascii=False)
    for layer in OUTPUT_LAYERS:
        assert layer in out
    for entity in out["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]], entity


def test_robustness_verdicts_flag_growth_failure_and_timeout() -> None:
    from rasid.bench.pathological import INPUTS, SIZES, verdict

    assert verdict([0.10, 0.20, 0.41]) == ("ok", ["2.0", "2.0"])
    assert verdict([0.10, 0.40, 1.60]) == ("SUPERLINEAR", ["4.0", "4.0"])
    assert verdict([0.005, 0.02, 0.08]) == ("ok", ["4.0", "4.0"])  # too fast to be growth
    assert verdict([1.0, 2.0, 4.0]) == ("SLOW", ["2.0", "2.0"])
    assert verdict([0.1, "RecursionError", None]) == ("FAILED", [])
    assert verdict([0.1, 0.2, None]) == ("TIMEOUT", [])
    for name, make in INPUTS.items():
        assert [len(make(n)) for n in SIZES] == list(SIZES), name
