"""Stage registry: requirements are checked when a pipeline is built; failures are recorded."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rasid.doc import Document, Span
from rasid.errors import PipelineError
from rasid.pipeline import Pipeline
from rasid.registry import StageRegistry, StageSpec


def build_marker():
    def stage(doc: Document) -> None:
        doc.add("marks", [Span(0, min(1, len(doc.text)), "mark", stage="marker@1")])
    return stage


def build_broken():
    def stage(doc: Document) -> None:
        raise ValueError("boom")
    return stage


def _registry() -> StageRegistry:
    reg = StageRegistry()
    reg.register(StageSpec("marker", "1", f"{__name__}:build_marker", (), ("marks",)))
    reg.register(StageSpec("needs", "1", f"{__name__}:build_marker", ("missing",), ()))
    reg.register(StageSpec("broken", "1", f"{__name__}:build_broken", (), ()))
    return reg


def test_unmet_requirement_fails_when_built():
    with pytest.raises(PipelineError, match="requires missing"):
        Pipeline(["needs"], registry=_registry())


def test_unknown_stage_names_the_known_ones():
    with pytest.raises(PipelineError, match="known stages: broken, marker, needs"):
        Pipeline(["nope"], registry=_registry())


def test_duplicate_registration_is_refused():
    reg = _registry()
    with pytest.raises(PipelineError):
        reg.register(StageSpec("marker", "2", f"{__name__}:build_marker"))


def test_a_failing_stage_is_recorded_and_later_stages_still_run():
    doc = Pipeline(["broken", "marker"], registry=_registry()).run_doc(Document("نص"))
    assert doc.meta["failures"] == [{"stage": "broken@1", "code": "E201", "message": "ValueError: boom"}]
    assert len(doc.spans("marks")) == 1


def test_import_rasid_loads_no_heavy_module():
    code = ("import sys, rasid; heavy = [m for m in ('qalsadi', 'pycrfsuite', 'trafilatura', 'ray', 'tqdm',"
            " 'dateparser', 'ahocorasick', 'rapidfuzz', 'fastapi', 'matplotlib') if m in sys.modules];"
            " print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
