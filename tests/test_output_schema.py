"""`rasid analyze --json` output checked against schema/analyze.schema.json, on the bundled sample,
the seeds, and texts that exercise the optional attributes (a date range, a Hijri date)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from rasid.doc import Span
from rasid.output import span_to_dict
from rasid.pipeline import default_pipeline, make_document

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "schema" / "analyze.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def _errors(text: str, published: str | None = None) -> list[str]:
    doc = default_pipeline().run_doc(make_document(text, published=published))
    out = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in VALIDATOR.iter_errors(out)]


def test_a_date_range_keeps_integer_offsets_and_its_last_day_in_value_end() -> None:
    text = "تعقد اللجنة اجتماعها التالي يومي 28 و29 يوليو تموز، ويصادف ذلك 12 شوال 1436هـ."
    doc = default_pipeline().run_doc(make_document(text, published="2015-07-21"))
    first = doc.to_dict()["dates"][0]
    assert (text[first["start"]:first["end"]], first["value"], first["value_end"]) == (
        "28 و29 يوليو", "2015-07-28", "2015-07-29")
    assert _errors(text, "2015-07-21") == []


def test_an_attribute_named_like_an_offset_is_refused() -> None:
    with pytest.raises(ValueError, match="overwrite"):
        span_to_dict(Span(0, 3, "date", {"end": "2015-07-29"}, "dates"))


def test_the_bundled_sample_matches_the_schema() -> None:
    for path in sorted((REPO / "src" / "rasid" / "data" / "sample").glob("*.txt")):
        assert _errors(path.read_text("utf-8")) == [], path.name


def test_the_seeds_match_the_schema(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        assert _errors(path.read_text("utf-8")) == [], path.name
