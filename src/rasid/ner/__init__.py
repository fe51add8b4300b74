"""Statistical NER for names the entity registry does not know (CRF over folded words, clitics,
gazetteers, trigger words and word clusters).  Nothing loads until ``load_tagger()`` is called."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasid.ner.tagger import NerTagger

__all__ = ["load_tagger"]


@lru_cache(maxsize=1)
def load_tagger() -> NerTagger:
    """The shipped tagger (model and resources from rasid/models), loaded once."""
    from rasid.ner.tagger import NerTagger

    return NerTagger()
