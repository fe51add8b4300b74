"""First-order divisions (rules/divisions.json -> places.jsonl): states, provinces and governorates
with their country, matched bare or after their country's head noun; Ukrainian and Russian towns of
the war news by their press spellings (rules/places_extra.json); and a place that names an
institution ("جامعة ماساتشوستس", rules/titles.json 'named_after_places')."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from rasid.entities.registry import load_registry
from rasid.pipeline import default_pipeline, make_document

ROOT = Path(__file__).resolve().parent.parent


def _build_registry_module():
    spec = importlib.util.spec_from_file_location("build_registry", ROOT / "tools" / "build_registry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Words:
    """A stand-in for the news frequencies: these words are ordinary words."""

    def __init__(self, *common: str) -> None:
        self.common = set(common)

    def is_common_word(self, name: str, clitic_test: bool = True) -> bool:
        return name in self.common


def test_division_rows_name_a_division_bare_and_after_its_head_nouns() -> None:
    build = _build_registry_module()
    divisions = [
        {"id": "loc:ohio", "country": "us", "name": "أوهايو", "name_en": "Ohio", "variants": ["اوهايو", "Ohio"]},
        {"id": "loc:georgia_us", "country": "us", "name": "جورجيا", "name_en": "Georgia", "variants": [], "bare": False},
        {"id": "loc:sicily", "country": "it", "name": "صقلية", "name_en": "Sicily", "variants": [], "heads": ["جزيرة"]},
        {"id": "loc:riyadh_region", "country": "sa", "name": "الرياض", "name_en": "Riyadh Region", "variants": []},
        {"id": "loc:hajjah", "country": "ye", "name": "حجة", "name_en": "Hajjah", "variants": []},
        {"id": "loc:east", "country": "sa", "name": "المنطقة الشرقية", "name_en": "Eastern Province", "variants": [],
         "bare": False, "heads": [], "generic": ["المنطقة الشرقية"]},
    ]
    heads = {"us": ["ولاية"], "it": ["إقليم"], "sa": ["منطقة"], "ye": ["محافظة"]}
    bare = build.division_bare_names(divisions, _Words("حجة"), reserved={"جورجيا"})
    assert bare == {"loc:ohio": ["أوهايو", "اوهايو"], "loc:georgia_us": [], "loc:sicily": ["صقلية"],
                    "loc:riyadh_region": ["الرياض"], "loc:hajjah": [], "loc:east": []}
    rows = {r["id"]: r for r in build.division_rows(divisions, heads, bare, {"sa": {"الرياض"}})}
    assert rows["loc:ohio"] == {"id": "loc:ohio", "type": "GPE", "name": "أوهايو", "name_en": "Ohio",
                                "variants": ["اوهايو", "ولاية أوهايو", "ولاية اوهايو", "Ohio"], "aliases": [],
                                "country": "gpe:us"}
    assert (rows["loc:georgia_us"]["name"], rows["loc:georgia_us"]["variants"]) == ("ولاية جورجيا", [])
    assert "ambiguous_names" not in rows["loc:georgia_us"]
    assert [rows["loc:sicily"]["name"], *rows["loc:sicily"]["variants"]] == ["صقلية", "جزيرة صقلية"]
    # a city of the division's own country keeps the bare name; the head noun form is the division's
    assert (rows["loc:riyadh_region"]["name"], rows["loc:riyadh_region"]["ambiguous_names"]) == ("منطقة الرياض", ["الرياض"])
    assert (rows["loc:hajjah"]["name"], rows["loc:hajjah"]["ambiguous_names"]) == ("محافظة حجة", ["حجة"])
    # no name of its own to match: the name is kept, as an ambiguous one, for the generic form alone
    assert rows["loc:east"]["ambiguous_names"] == ["المنطقة الشرقية"]
    assert rows["loc:east"]["generic"] == ["المنطقة الشرقية"]


def test_shipped_divisions_carry_their_country_and_a_division_abroad_takes_a_citys_name() -> None:
    reg = load_registry(use_default_overlay=False)
    assert {k: reg.get("loc:pennsylvania")[k] for k in ("type", "name", "country")} == {
        "type": "GPE", "name": "بنسلفانيا", "country": "gpe:us"}
    assert reg.get("loc:california")["country"] == "gpe:us"  # moved from regions.json with its id
    ontario = [e["id"] for e in reg.entries.values() if "أونتاريو" in [e["name"], *e["variants"]]]
    assert ontario == ["loc:ontario"]  # not Ontario, California
    assert reg.get("loc:713174")["name"] == "باخموت" and reg.get("loc:713174")["country"] == "gpe:ua"


def mentions(text: str, published: str = "2024-06-01") -> list[tuple[str, str]]:
    doc = make_document(text, published=published)
    default_pipeline().run_doc(doc)
    assert not doc.meta.get("failures")
    found = [(m["start"], text[m["start"]:m["end"]], e["id"]) for e in doc.to_dict()["entities"] for m in e["mentions"]]
    return [(surface, eid) for _, surface, eid in sorted(found)]


def test_states_are_matched_bare_and_after_the_head_noun() -> None:
    assert mentions("وقال حاكم ولاية بنسلفانيا إن ناخبي أوهايو وميشيغان صوتوا.") == [
        ("ولاية بنسلفانيا", "loc:pennsylvania"), ("أوهايو", "loc:ohio"), ("ميشيغان", "loc:michigan")]
    # a state named like a country or a city only after its head noun
    assert mentions("وضرب الإعصار ولاية جورجيا أمس.") == [("ولاية جورجيا", "loc:georgia_us")]
    assert mentions("وزار الرئيس جورجيا ثم نيويورك.") == [("جورجيا", "gpe:ge"), ("نيويورك", "loc:5128581")]
    assert mentions("وكان حاكما سابقا لولاية نيويورك.") == [("ولاية نيويورك", "loc:new_york_state")]


def test_a_generic_division_name_needs_a_story_about_its_country() -> None:
    assert mentions("هطلت أمطار غزيرة على المنطقة الشرقية في السعودية.") == [
        ("المنطقة الشرقية", "loc:eastern_province_sa"), ("السعودية", "gpe:sa")]
    assert mentions("شهدت المنطقة الشرقية من ليبيا أمطارا غزيرة.") == [("ليبيا", "gpe:ly")]
    # two divisions share "الجوف": the country the story names decides
    assert mentions("اشتبكت القوات اليمنية في مأرب والجوف.") == [
        ("القوات اليمنية", "org:ye_army"), ("اليمنية", "gpe:ye"), ("مأرب", "loc:72968"), ("الجوف", "loc:al_jawf_ye")]


def test_towns_of_the_war_in_ukraine_by_their_press_spellings() -> None:
    assert mentions("وتقدمت القوات نحو باخموت وأفدييفكا وبوكروفسك شرق أوكرانيا، وقصفت خاركيف وزابوريجيا.") == [
        ("باخموت", "loc:713174"), ("أفدييفكا", "loc:713122"), ("بوكروفسك", "loc:704422"), ("أوكرانيا", "gpe:ua"),
        ("خاركيف", "loc:706483"), ("زابوريجيا", "loc:687700")]


def test_a_place_after_an_institutions_noun_names_the_institution_the_tagger_reads() -> None:
    assert mentions("وقال أستاذ التاريخ في جامعة ماساتشوستس إن الرسالة واضحة.") == [
        ("جامعة ماساتشوستس", "x:org:جامعه_ماساتشوستس")]
    assert mentions("قرر بنك إنجلترا رفع الفائدة.") == [("بنك إنجلترا", "x:org:بنك_انجلترا")]
    # the tagger reads the club alone; it keeps the first letter of the registry name ("ليفربول", not ل + يفربول)
    text = "وقاد صلاح نادي ليفربول إلى الفوز. وكان صلاح قد انتقل لليفربول قادما من روما."
    assert [m for m in mentions(text, "2018-04-25") if m[1].startswith("x:org:")] == [("ليفربول", "x:org:ليفربول")]
    # a facility still tells where: the port is in Hodeidah
    assert mentions("ووصلت السفينة إلى ميناء الحديدة.") == [("الحديدة", "loc:79415")]
