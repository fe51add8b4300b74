"""A pipeline factory for the batch tests: the default stages plus one that raises on a marker."""

from __future__ import annotations

MARKER = "XFAILMARKX"


def build_boom():
    def boom(doc) -> None:
        if MARKER in doc.text:
            raise RuntimeError("planted failure")
    return boom


def failing_pipeline():
    from rasid.pipeline import Pipeline
    from rasid.registry import StageSpec, default_registry
    from rasid.stages import DEFAULT_PIPELINE

    registry = default_registry()
    registry.register(StageSpec("boom", "1", "test_batch_helpers:build_boom", (), (), "raises on a marker"))
    return Pipeline([*DEFAULT_PIPELINE, "boom"], registry=registry)


def light_pipeline():
    from rasid.pipeline import Pipeline

    return Pipeline(["boilerplate", "sentences"])
