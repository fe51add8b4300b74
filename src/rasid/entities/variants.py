"""Spelling variation of names as data: nisba forms, proclitics and transliteration skeletons.

The rules live in ``rasid/data/entities/rules/*.json``; this module only applies them.  The
same functions serve the registry build (tools/build_registry.py) and the stage at run time.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from rasid.arabic.normalise import fold


def _rules(name: str) -> dict[str, Any]:
    path = resources.files("rasid").joinpath(f"data/entities/rules/{name}")
    return json.loads(path.read_text("utf-8"))


@lru_cache(maxsize=1)
def nisba_rules() -> dict[str, Any]:
    return _rules("nisba.json")


@lru_cache(maxsize=1)
def variant_rules() -> dict[str, Any]:
    return _rules("variant_rules.json")


@lru_cache(maxsize=1)
def title_rules() -> dict[str, Any]:
    """Former-holder adjectives and the counterpart noun (data/entities/rules/titles.json), folded."""
    raw = _rules("titles.json")
    counterpart = raw["counterpart"]
    calques = [{"form": fold(c["form"]),
                "title_en": tuple([c["title_en"]] if isinstance(c["title_en"], str) else c["title_en"]),
                "unless_en": tuple(c.get("unless_en", [])),
                "unless_next": {fold(w) for w in c.get("unless_next", [])}} for c in raw.get("calques", [])]
    return {"former": [fold(w) for w in raw["former"]], "incoming": [fold(w) for w in raw.get("incoming", [])],
            "new": [fold(w) for w in raw.get("new", [])], "leaders": {fold(w) for w in raw["leaders"]},
            "counterpart": {fold(counterpart["noun"]) + fold(s) for s in counterpart["suffixes"]},
            "calques": calques, "deputies": frozenset(fold(w) for w in raw.get("deputies", [])),
            "owned_by": frozenset(fold(w) for w in raw.get("owned_by", [])),
            "named_after": frozenset(fold(w) for w in raw.get("named_after", [])),
            "named_after_places": frozenset(fold(w) for w in raw.get("named_after_places", [])),
            "named_after_idioms": frozenset(" ".join(fold(w).split()) for w in raw.get("named_after_idioms", []))}


@lru_cache(maxsize=1)
def head_noun_classes() -> dict[str, dict[str, Any]]:
    """Folded head noun -> its class (``types``, folded ``nouns`` and ``anaphors``, optional
    ``paraphrase_with``)."""
    out: dict[str, dict[str, Any]] = {}
    for cls in _rules("head_nouns.json")["classes"].values():
        folded = {**cls, "nouns": [fold(n) for n in cls["nouns"]], "anaphors": [fold(n) for n in cls.get("anaphors", [])]}
        if folded.get("paraphrase_with"):
            folded["paraphrase_with"] = fold(folded["paraphrase_with"])
        for noun in folded["nouns"]:
            out[noun] = folded
    return out


@lru_cache(maxsize=1)
def homographs() -> dict[str, dict[str, Any]]:
    """Folded form -> {"default": id, "default_marked": set, "alternatives": [{"id", "marked": set}]}
    (data/entities/rules/homographs.json); marked spellings keep their diacritics, tatweel removed."""
    out: dict[str, dict[str, Any]] = {}
    for h in _rules("homographs.json")["homographs"]:
        out[fold(h["form"])] = {
            "default": h["default"], "default_marked": {w.replace("\u0640", "") for w in h.get("default_marked", [])},
            "alternatives": [{"id": a["id"], "marked": {w.replace("\u0640", "") for w in a.get("marked", [])}}
                             for a in h["alternatives"]]}
    return out


@lru_cache(maxsize=1)
def near_countries() -> frozenset[str]:
    """Ids of the countries whose towns Arabic news names without naming the country (the Arab League
    states and their neighbours, data/entities/rules/seats.json): elsewhere a small town's one-word
    name needs the country beside it, or the tagger's word that it is a place."""
    return frozenset(f"gpe:{code.lower()}" for code in _rules("seats.json")["countries"])


@lru_cache(maxsize=1)
def world_cities() -> frozenset[str]:
    """Ids of far cities that Arabic news names without their country (data/entities/rules/world_cities.json:
    جنيف، لاهاي، نيويورك)."""
    return frozenset(_rules("world_cities.json")["cities"])


@lru_cache(maxsize=1)
def not_modifiers() -> frozenset[str]:
    """Folded words with the article that do not modify the head noun before them (relative pronouns,
    evaluative adjectives: "الاتفاقية المشؤومة" still points back)."""
    rules = _rules("head_nouns.json")
    return frozenset(fold(w) for w in rules.get("not_modifiers", []) + rules.get("evaluative_adjectives", []))


class InstitutionWords(NamedTuple):
    """The words around a country's state bodies that the linker reads (rules/institutions.json)."""

    heads: tuple[str, ...]  # folded head nouns, longest first ("وزارة الخارجية" before "الخارجية")
    adjective_heads: frozenset[str]  # heads that are adjectives ("الخارجية")
    offices: frozenset[str]  # offices that take a body as complement ("وزير")
    other_body_after: frozenset[str]  # adjectives that make the body another ("الحر": "الجيش السوري الحر")


@lru_cache(maxsize=1)
def institution_words() -> InstitutionWords:
    rules = _rules("institutions.json")
    heads = {fold(head) for kind in rules["kinds"] for head, _gender in kind["heads"]}
    return InstitutionWords(tuple(sorted(heads, key=lambda h: (-len(h), h))),
                            frozenset(fold(w) for w in rules["adjective_heads"]),
                            frozenset(fold(w) for w in rules["office_words"]),
                            frozenset(fold(w) for w in rules["other_body_after"]))


@lru_cache(maxsize=1)
def clitic_prefixes() -> frozenset[str]:
    """Every folded proclitic sequence allowed before a name inside one word (without "")."""
    raw = _rules("clitics.json")
    conj = [""] + [fold(c) for c in raw["conjunctions"]]
    preps = [""] + [fold(p) for p in raw["prepositions"]]
    article = fold(raw["article"])
    contractions = {fold(k): fold(v) for k, v in raw["preposition_article_contractions"].items()}
    out: set[str] = set()
    for c in conj:
        for p in preps:
            out.add(c + p)
            out.add(c + contractions.get(p, p + article))
    out.discard("")
    return frozenset(out)


@lru_cache(maxsize=1)
def clitic_letters() -> frozenset[str]:
    """The one-letter proclitics (conjunctions and prepositions of data/entities/rules/clitics.json), folded."""
    raw = _rules("clitics.json")
    return frozenset(fold(c) for c in raw["conjunctions"] + raw["prepositions"] if len(fold(c)) == 1)


@lru_cache(maxsize=64)
def article_of_prefix(prefix: str) -> bool:
    """Whether a clitic prefix ends in the article (ال, or the contracted لل)."""
    raw = _rules("clitics.json")
    article = fold(raw["article"])
    contracted = {fold(v) for v in raw["preposition_article_contractions"].values()}
    return prefix.endswith(article) or any(prefix.endswith(c) for c in contracted)


def nisba_stem(name: str) -> str | None:
    """The nisba stem derived from a one-word place name by the suffix rules (None if too short)."""
    rules = nisba_rules()
    article = rules["article"]
    word = name.strip()
    if " " in word:
        return None
    if word.startswith(article):
        word = word[len(article):]
    for suffix, replacement in rules["strip_suffixes"]:
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)] if suffix else word
            if len(stem) < rules["min_stem_letters"]:
                return None
            return stem + replacement
    return None


def inflect_nisba(stem: str) -> list[str]:
    """All inflected forms of a (possibly multi-word) nisba stem, with and without the article.

    Each word of the stem takes the same ending ("كوري شمالي" -> "الكورية الشمالية").
    """
    rules = nisba_rules()
    article = rules["article"]
    words = stem.split()
    forms: list[str] = []
    for ending in rules["inflections"]:
        bare = " ".join(w + ending for w in words)
        definite = " ".join(article + w + ending for w in words)
        forms.extend([definite, bare])
    return forms


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """The consonant skeleton of a folded name for comparing transliterations."""
    rules = variant_rules()
    key = fold(text)
    words = []
    for word in key.split():
        for seq, symbol in rules["multi_letter"]:
            word = word.replace(seq, symbol)
        if not word:
            continue
        kept = [word[0]] + [ch for ch in word[1:] if ch not in rules["drop_inside"]]
        while len(kept) > 1 and kept[-1] in rules["drop_final"]:
            kept.pop()
        mapped = [_class_of(ch) for ch in kept]
        collapsed: list[str] = []
        for ch in mapped:
            if not collapsed or collapsed[-1] != ch:
                collapsed.append(ch)
        words.append("".join(collapsed))
    return " ".join(words)


def phrase_skeleton(words: list[str]) -> str:
    """``skeleton(" ".join(words))`` from the words' cached skeletons (folding and the skeleton
    work word by word, so the phrase's is the join of its words' non-empty ones)."""
    return " ".join(sk for sk in map(skeleton, words) if sk)


@lru_cache(maxsize=1)
def _class_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for symbol, letters in variant_rules()["classes"].items():
        for letter in letters:
            table[fold(letter)] = symbol
    return table


def _class_of(ch: str) -> str:
    return _class_table().get(ch, ch)
