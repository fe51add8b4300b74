"""Registry loading: shipped files validate, the overlay adds aliases, merges and entries, and
malformed lines fail with file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.doc import Document
from rasid.entities.linking import Linker
from rasid.entities.registry import load_registry
from rasid.entities.variants import inflect_nisba, nisba_stem, skeleton
from rasid.errors import ResourceError

PEOPLE = [
    {"id": "per:mark_rutte", "type": "PER", "name": "مارك روته", "name_en": "Mark Rutte",
     "variants": ["مارك روتي", "مارك روت"], "aliases": ["روته", "روتي"],
     "roles": [{"title": ["الأمين العام لحلف الناتو"], "generic": ["الأمين العام"], "title_en": "Secretary General of NATO",
                "org": "org:nato", "country": None, "start": "2024-10-01", "end": None}], "country": "gpe:nl"},
    {"id": "org:nato", "type": "ORG", "name": "حلف شمال الأطلسي", "name_en": "NATO", "aliases": ["الناتو"]},
]


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


def test_shipped_registry_loads_countries_places_and_nisba() -> None:
    reg = load_registry(use_default_overlay=False)
    us = reg.get("gpe:us")
    assert us["name_en"] == "United States" and us["iso3"] == "USA"
    assert {"الأمريكي", "الأميركي", "الأمريكية", "الأمريكيون", "الأمريكيين", "الأميركيان"} <= set(us["nisba"])
    assert reg.get("gpe:ua")["capital"] == "loc:703448"
    assert reg.get("loc:703448")["capital_of"] == "gpe:ua"


def test_places_take_the_arabic_half_of_glued_names_and_provincial_seats() -> None:
    reg = load_registry(use_default_overlay=False)
    assert reg.get("loc:379252")["name"] == "الخرطوم"  # GeoNames: "Khartún - الخرطوم|خارطوم|خرطوم"
    assert reg.get("loc:170905")["name"] == "درعا"  # a provincial seat of under 100,000 people
    assert reg.get("loc:170905")["country"] == "gpe:sy"
    names = {n for e in reg.entries.values() if e["type"] in ("GPE", "LOC") for n in [e["name"], *e["variants"]]}
    assert not names & {"ميلة", "العقبة", "الحزم", "البيضاء"}  # ordinary words: rules/place_stopwords.json


def test_nisba_rules() -> None:
    assert [nisba_stem(n) for n in ("روسيا", "فرنسا", "الصين", "السعودية", "إيران")] == \
        ["روسي", "فرنسي", "صيني", "سعودي", "إيراني"]
    assert inflect_nisba("كوري شمالي")[:3] == ["الكوري الشمالي", "كوري شمالي", "الكورية الشمالية"]


def test_transliteration_skeletons_agree() -> None:
    for a, b in [("هيغسيث", "هيجسيث"), ("روتي", "روته"), ("روت", "روته"), ("زيلنسكي", "زيلينسكي"),
                 ("ترامب", "ترمب"), ("ميرز", "ميرتس")]:
        assert skeleton(a) == skeleton(b), (a, b)
    assert skeleton("بوتين") != skeleton("ترامب")


def test_overlay_alias_merge_and_new_entry(tmp_path: Path) -> None:
    base = write_jsonl(tmp_path / "base.jsonl", PEOPLE + [
        {"id": "per:rutte_dup", "type": "PER", "name": "م. روتة", "variants": ["ماركوس روتة"]}])
    overlay = write_jsonl(tmp_path / "overlay.jsonl", [
        {"alias": "السيد الناتو", "id": "per:mark_rutte"},
        {"merge": ["per:mark_rutte", "per:rutte_dup"]},
        {"id": "per:new_person", "type": "PER", "name": "سلمى حداد", "name_en": "Salma Haddad"},
    ])
    reg = load_registry([base], overlay=overlay)
    assert "السيد الناتو" in reg.get("per:mark_rutte")["aliases"]
    assert reg.resolve("per:rutte_dup") == "per:mark_rutte"
    assert "ماركوس روتة" in reg.get("per:mark_rutte")["variants"]
    assert reg.get("per:new_person")["name_en"] == "Salma Haddad"
    linker = Linker(reg)
    text = "قال ماركوس روتة وسلمى حداد والسيد الناتو"
    mentions, _ = linker.annotate(Document(text, meta={"published": "2025-01-01"}))
    assert [(text[m.start:m.end], m.entity_id) for m in mentions] == [
        ("ماركوس روتة", "per:mark_rutte"), ("سلمى حداد", "per:new_person"), ("السيد الناتو", "per:mark_rutte")]


@pytest.mark.parametrize("bad, reason", [
    ('{"id": "per:x", "type": "PER"', "not valid JSON"),
    ('{"id": "per:x", "type": "PERSON", "name": "س"}', "'type' must be one of"),
    ('{"id": "per:x", "type": "ORG", "name": "س"}', "does not fit prefix"),
    ('{"id": "per:x", "type": "PER", "name": "س", "variants": "س"}', "'variants' must be a list"),
    ('{"id": "per:x", "type": "PER", "name": "س", "roles": [{"start": "2024"}]}', None),
    ('{"id": "per:x", "type": "PER", "name": "س", "roles": [{"start": "May 2024"}]}', "not YYYY-MM-DD"),
])
def test_malformed_lines_name_file_and_line(tmp_path: Path, bad: str, reason: str | None) -> None:
    path = write_jsonl(tmp_path / "reg.jsonl", [PEOPLE[1], "", bad])
    if reason is None:
        assert "per:x" in load_registry([path])
        return
    with pytest.raises(ResourceError) as err:
        load_registry([path])
    assert err.value.path == str(path)
    assert str(err.value).startswith("line 3: ") and reason in str(err.value)


def test_malformed_overlay_line(tmp_path: Path) -> None:
    base = write_jsonl(tmp_path / "base.jsonl", PEOPLE)
    overlay = write_jsonl(tmp_path / "overlay.jsonl", [{"alias": "روتا", "id": "per:mark_rutte"},
                                                       {"alias": "س", "id": "per:nobody"}])
    with pytest.raises(ResourceError, match="line 2: alias for unknown id 'per:nobody'"):
        load_registry([base], overlay=overlay)
    dup = write_jsonl(tmp_path / "dup.jsonl", [PEOPLE[0], PEOPLE[0]])
    with pytest.raises(ResourceError, match="line 2: duplicate id per:mark_rutte"):
        load_registry([dup])


def test_overlay_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = write_jsonl(tmp_path / "base.jsonl", PEOPLE)
    overlay = write_jsonl(tmp_path / "o.jsonl", [{"alias": "روتا", "id": "per:mark_rutte"}])
    monkeypatch.setenv("RASID_OVERLAY", str(overlay))
    assert "روتا" in load_registry([base]).get("per:mark_rutte")["aliases"]


def test_homographs_name_registry_entries_and_only_the_default_is_indexed() -> None:
    from rasid.arabic.normalise import fold
    from rasid.entities.matcher import Matcher
    from rasid.entities.registry import shipped_files
    from rasid.entities.variants import homographs

    registry = load_registry(shipped_files(), use_default_overlay=False)
    matcher = Matcher(registry)
    for form, rule in homographs().items():
        ids = [rule["default"]] + [a["id"] for a in rule["alternatives"]]
        assert all(eid in registry.entries for eid in ids), ids
        assert {f.entity_id for f in matcher.forms[form] if f.kind == "variant"} == {rule["default"]}
    # Amman is displayed by its usual spelling, which the matcher leaves to the homograph rules
    assert fold(registry.entries["loc:250441"]["name"]) == "عمان"
