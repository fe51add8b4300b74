"""Countries' state institutions (rules/institutions.json -> institutions.jsonl): generated for every
country, never duplicating a curated entity, and linked as one entity per country and kind."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from rasid.arabic.normalise import fold
from rasid.doc import Document
from rasid.pipeline import default_pipeline

ROOT = Path(__file__).resolve().parent.parent
ENTITIES = ROOT / "src" / "rasid" / "data" / "entities"


def _rows(name: str) -> list[dict]:
    with (ENTITIES / name).open(encoding="utf-8") as fh:
        return [row for row in map(json.loads, fh) if "id" in row]


def _build_registry_module():
    spec = importlib.util.spec_from_file_location("build_registry", ROOT / "tools" / "build_registry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_institutions_are_unique_and_never_a_curated_name() -> None:
    rows = _rows("institutions.jsonl")
    countries = {row["id"] for row in _rows("countries.jsonl")}
    curated = _rows("curated.jsonl")
    curated_names = {fold(n) for r in curated for n in [r["name"], *r.get("variants", []), *r.get("aliases", [])]}
    names = [fold(n) for r in rows for n in [r["name"], *r["variants"]]]
    assert len(rows) > 1000 and len({r["id"] for r in rows}) == len(rows)
    assert len(names) == len(set(names)) and not set(names) & curated_names
    assert {r["country"] for r in rows} <= countries
    assert not {r["id"] for r in rows} & {r["id"] for r in curated}
    by_id = {r["id"]: r for r in rows}
    assert by_id["org:tr_government"]["variants"] == ["السلطات التركية"]
    assert by_id["org:il_mfa"]["name_en"] == "Ministry of Foreign Affairs of Israel"
    assert "org:us_mfa" not in by_id  # curated as org:us_state_department
    assert "org:us_finance" not in by_id  # curated as org:us_treasury, under other names
    assert by_id["org:eg_central_bank"]["variants"] == ["المصرف المركزي المصري"]
    # "القوات اللبنانية" is the Lebanese Forces party first: never the army's name
    assert by_id["org:lb_army"]["variants"] == ["القوات المسلحة اللبنانية"]


def test_generation_agrees_the_adjective_and_skips_curated_kinds(tmp_path: Path) -> None:
    build = _build_registry_module()
    (tmp_path / "rules").mkdir()
    shutil.copy(ENTITIES / "rules" / "institutions.json", tmp_path / "rules")
    curated = {"id": "org:xa_state_office", "type": "ORG", "name": "وزارة الخارجية الزامبية",
               "variants": [], "aliases": []}
    (tmp_path / "curated.jsonl").write_text(json.dumps(curated, ensure_ascii=False) + "\n", encoding="utf-8")
    countries = [{"id": "gpe:xa", "iso2": "XA", "name_en": "Zambia",
                  "nisba": ["الزامبي", "زامبي", "الزامبية", "زامبية", "الزامبيون", "الزامبيات"]},
                 {"id": "gpe:xb", "iso2": "XB", "name_en": "Twin", "nisba": ["الزامبي"]}]
    rows = {r["id"]: r for r in build.institution_rows(countries, tmp_path)}
    assert "org:xa_mfa" not in rows  # one of its names is curated
    # "الجيش الزامبي" is claimed by both countries: neither keeps it
    assert rows["org:xa_army"]["name"] == "القوات المسلحة الزامبية"
    assert rows["org:xa_army"]["variants"] == ["القوات الزامبية"]
    assert "org:xb_army" not in rows and "org:xb_parliament" not in rows
    assert rows["org:xa_government"] == {
        "id": "org:xa_government", "type": "ORG", "name": "الحكومة الزامبية", "name_en": "Government of Zambia",
        "variants": ["السلطات الزامبية"], "aliases": [], "country": "gpe:xa", "institution": "government"}


@pytest.fixture(scope="module")
def pipeline():
    return default_pipeline()


def _mentions(pipeline, text: str) -> list[tuple[str, str]]:
    doc = Document(text=text, meta={"published": "2018-05-01"})
    pipeline.run_doc(doc)
    return [(text[m["start"]:m["end"]], e["id"]) for e in doc.to_dict()["entities"] for m in e["mentions"]]


def test_institutions_link_to_one_id_per_country_and_kind(pipeline) -> None:
    found = _mentions(pipeline, "وأعلنت السلطات التركية اعتقال ثلاثة أشخاص، وقالت الحكومة التركية إن "
                                "وزارة الخارجية الإسرائيلية والقوات المصرية لم تعلقا.")
    assert ("السلطات التركية", "org:tr_government") in found
    assert ("الحكومة التركية", "org:tr_government") in found
    assert ("وزارة الخارجية الإسرائيلية", "org:il_mfa") in found
    assert ("القوات المصرية", "org:eg_army") in found
    assert ("التركية", "gpe:tr") in found  # the adjective still names the country


def test_an_adjective_that_makes_another_body_drops_the_institution(pipeline) -> None:
    found = _mentions(pipeline, "وقال الجيش السوري الحر إن الحكومة الليبية المؤقتة لم ترد، وأكد الجيش السوري ذلك.")
    assert [eid for _, eid in found].count("org:sy_army") == 1
    assert not any(eid == "org:ly_government" for _, eid in found)
    assert ("السوري", "gpe:sy") in found
    # the same after "لل", where the article merges into the preposition
    found = _mentions(pipeline, "واستهدفت كتيبة تابعة للجيش السوري الحر مواقع، وقال مصدر للجيش السوري إن الهجوم فشل.")
    assert [eid for _, eid in found].count("org:sy_army") == 1


def test_an_institution_inside_a_persons_title_is_the_title_and_its_country(pipeline) -> None:
    found = _mentions(pipeline, "وشدد وزير الخارجية الإيرانية على الاتفاق، وقال المتحدث باسم الخارجية التركية إن "
                                "رئيس البرلمان التركي سيزور طهران.")
    assert not any(eid in ("org:ir_mfa", "org:tr_parliament") for _, eid in found)
    assert ("الإيرانية", "gpe:ir") in found and ("التركي", "gpe:tr") in found
    assert ("الخارجية التركية", "org:tr_mfa") in found  # "باسم" is no title word


def test_a_resolved_title_keeps_the_adjective_of_the_institution_inside_it(pipeline) -> None:
    text = "ووجه خطابا إلى رئيس الحكومة العراقية والادعاء العام."
    doc = Document(text=text, meta={"published": "2015-07-21"})
    pipeline.run_doc(doc)
    found = [(text[m["start"]:m["end"]], e["id"]) for e in doc.to_dict()["entities"] for m in e["mentions"]]
    assert found == [("رئيس الحكومة العراقية", "per:haider_al_abadi"), ("العراقية", "gpe:iq")]


def test_the_lebanese_forces_are_a_party_and_the_lebanese_army_the_army(pipeline) -> None:
    found = _mentions(pipeline, "واجتمع برئيس حزب القوات اللبنانية، وقال إن القوات اللبنانية ستشارك في "
                                "الحكومة، فيما انتشر الجيش اللبناني في المدينة.")
    assert [(t, eid) for t, eid in found if eid.startswith("org:")] == [
        ("حزب القوات اللبنانية", "org:lebanese_forces"), ("القوات اللبنانية", "org:lebanese_forces"),
        ("الجيش اللبناني", "org:lb_army")]


def test_foreign_and_interior_after_a_definite_noun_are_adjectives(pipeline) -> None:
    found = _mentions(pipeline, "وانتقد السياسة الخارجية الإيرانية وللسياسة الخارجية الأميركية والتدخل في "
                                "الشؤون الداخلية التركية، فيما قالت الخارجية التركية إن الداخلية العراقية ستحقق.")
    orgs = [(t, eid) for t, eid in found if eid.startswith("org:")]
    assert orgs == [("الخارجية التركية", "org:tr_mfa"), ("الداخلية العراقية", "org:iq_moi")]
    assert ("الإيرانية", "gpe:ir") in found and ("الأميركية", "gpe:us") in found


def test_curated_ministries_follow_the_same_rules_as_generated_ones(pipeline) -> None:
    text = ("وقال وزير الخارجية الأمريكية مايك بومبيو إن المتحدثة باسم الخارجية الأمريكية هيذر نويرت "
            "ستوضح الموقف.")
    doc = Document(text=text, meta={"published": "2018-05-01"})
    pipeline.run_doc(doc)
    found = [(text[m["start"]:m["end"]], e["id"], m["start"]) for e in doc.to_dict()["entities"] for m in e["mentions"]]
    assert ("وزير الخارجية الأمريكية", "per:mike_pompeo", 5) in found
    assert [(t, start) for t, eid, start in found if eid == "org:us_state_department"] == [
        ("الخارجية الأمريكية", text.index("الخارجية الأمريكية هيذر"))]
