"""The stages rasid ships.  One module per stage; each exposes a factory ``build()``.

The list order is the default pipeline order.  Adding a stage is one line here.
"""

from rasid.registry import StageSpec

STAGE_SPECS: list[StageSpec] = [
    StageSpec("boilerplate", "1", "rasid.stages.boilerplate:build", (), ("boilerplate",),
              "web/UI noise lines, annotated, never deleted"),
    StageSpec("sentences", "1", "rasid.stages.sentences:build", ("boilerplate",), ("sentences",),
              "sentence splitting on Arabic punctuation and quotation marks"),
    StageSpec("duplicates", "1", "rasid.stages.duplicates:build", ("sentences",), ("duplicates",),
              "repeated or near-repeated sentences inside one article"),
    StageSpec("tokens", "1", "rasid.stages.tokens:build", ("sentences",), ("tokens",),
              "words with clitic pieces and lemmas"),
    StageSpec("entities", "1", "rasid.stages.entities:build", ("tokens",), ("entities",),
              "registry names, nisba, titles and transliteration variants linked to one id"),
    StageSpec("amounts", "1", "rasid.stages.amounts:build", ("sentences",), ("amounts",),
              "numbers with currency, percent or counted noun, approximations and ranges"),
    StageSpec("dates", "1", "rasid.stages.dates:build", ("sentences",), ("dates",),
              "absolute, Hijri and relative dates resolved against the (inferred) publication date"),
    StageSpec("quotes", "1", "rasid.stages.quotes:build", ("sentences", "entities"), ("quotes",),
              "direct and indirect speech with cue and speaker entity"),
    StageSpec("events", "1", "rasid.stages.events:build", ("sentences", "entities", "quotes"), ("events",),
              "actor-action-target with PLOVER type and CAMEO root"),
    StageSpec("stances", "1", "rasid.stages.stances:build", ("sentences", "entities", "quotes"), ("stances",),
              "actors' support/opposition/hesitation on a topic profile's propositions"),
]

DEFAULT_PIPELINE: list[str] = [spec.name for spec in STAGE_SPECS]
