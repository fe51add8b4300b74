"""Entity registry, recognition and within-document linking (see rasid.entities.linking)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasid.entities.linking import Linker

__all__ = ["build_linker", "load_tagger_or_none"]


def load_tagger_or_none():  # noqa: ANN201 - the tagger type lives in an optional module
    """The statistical NER tagger if it is installed and its model ships; else None (registry only)."""
    import logging

    try:
        from rasid.ner import load_tagger
    except ImportError:
        return None
    try:
        return load_tagger()
    except Exception as err:  # no model shipped yet, or a broken one: the registry still works
        logging.getLogger(__name__).info("NER tagger unavailable (%s); registry matching only", err)
        return None


@lru_cache(maxsize=4)
def build_linker(overlay: str | None = None, use_tagger: bool = True) -> Linker:
    """The registry (plus overlay) compiled into a Linker, once per process and overlay."""
    from rasid.entities.linking import Linker
    from rasid.entities.registry import load_registry

    registry = load_registry(overlay=Path(overlay) if overlay else None)
    return Linker(registry, tagger=load_tagger_or_none() if use_tagger else None)
