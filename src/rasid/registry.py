"""A registry of pipeline stages with requires/provides, checked when a pipeline is built.

Stages are registered by name with the module that builds them, so importing the registry
loads no stage code and no model: a stage's module is imported, and its resources loaded,
only when a pipeline that uses it is built (spaCy factories, stanza's PROVIDES/REQUIRES).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from rasid.doc import Document
from rasid.errors import PipelineError


class Stage(Protocol):
    """What a stage factory returns: a callable that adds spans to a document."""

    def __call__(self, doc: Document) -> None: ...


@dataclass(frozen=True)
class StageSpec:
    """How to build one stage and what it needs and gives."""

    name: str
    version: str
    factory: str  # "module:callable", imported lazily; the callable takes no arguments
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    doc: str = ""

    @property
    def tag(self) -> str:
        return f"{self.name}@{self.version}"

    def build(self) -> Stage:
        module_name, _, attr = self.factory.partition(":")
        module = importlib.import_module(module_name)
        factory: Callable[[], Stage] = getattr(module, attr)
        return factory()


class StageRegistry:
    """Named stage specs; an object, not an import-time side effect."""

    def __init__(self) -> None:
        self._specs: dict[str, StageSpec] = {}

    def register(self, spec: StageSpec) -> None:
        if spec.name in self._specs:
            raise PipelineError(f"stage {spec.name!r} registered twice")
        self._specs[spec.name] = spec

    def get(self, name: str) -> StageSpec:
        try:
            return self._specs[name]
        except KeyError:
            known = ", ".join(sorted(self._specs))
            raise PipelineError(f"no stage named {name!r}; known stages: {known}") from None

    def names(self) -> list[str]:
        return list(self._specs)

    def check(self, names: list[str]) -> list[StageSpec]:
        """The specs for ``names`` in order, failing at once on an unmet requirement."""
        provided: set[str] = {"text"}
        specs = []
        for name in names:
            spec = self.get(name)
            missing = [r for r in spec.requires if r not in provided]
            if missing:
                raise PipelineError(
                    f"stage {name!r} requires {', '.join(missing)}; add the stage that provides it earlier"
                )
            provided.update(spec.provides)
            specs.append(spec)
        return specs


def default_registry() -> StageRegistry:
    """The stages rasid ships, in the order the default pipeline runs them."""
    from rasid.stages import STAGE_SPECS

    reg = StageRegistry()
    for spec in STAGE_SPECS:
        reg.register(spec)
    return reg
