#!/usr/bin/env python3
"""Rebuild src/rasid/data/entities/{countries,places}.jsonl from ../shared/data, reproducibly.

usage: .venv/bin/python tools/build_registry.py [--shared ../shared/data] [--out src/rasid/data/entities]

Inputs: mledoze countries (ODbL), GeoNames cities15000 (CC BY), the hand-written rules in
src/rasid/data/entities/rules/, and word frequencies counted over ../shared/data/news (used
to pick the usual Arabic spelling of a place and to drop names that are common words).
The output is sorted and deterministic; PROVENANCE.md describes it.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import ahocorasick

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from rasid.arabic.normalise import fold  # noqa: E402
from rasid.entities.variants import inflect_nisba, nisba_stem  # noqa: E402

ARABIC_WORD = re.compile(r"^[\u0621-\u064A]+( [\u0621-\u064A]+)*$")
HARAKAT = re.compile(r"[\u064B-\u0652\u0670\u0640]")
MIN_CITY_POPULATION = 100_000
#: seats of first-order divisions are kept at any size in the countries of rules/seats.json (درعا،
#: تكريت، الغردقة): Arabic news names a province by its seat
SEAT_CODE = "PPLA"
#: a one-word name W is a common word when "ال"+W is at least this share of W's own count
ARTICLE_RATIO = 0.5
ARTICLE_MIN_COUNT = 20
NISBA_LIKE_RATIO = 2.0
#: a word seen this often in Wikidata person names is a person-name word, not a city name
PERSON_NAME_MIN_COUNT = 50
#: letters that are also proclitics (conjunctions, prepositions)
PROCLITIC_LETTERS = "وفبلك"
#: clitic letter + a word this many times more frequent than the whole: read as clitic + word
CLITIC_REST_RATIO = 10
NEWS_FILES = ("news/ant_multisource/articles.jsonl", "news/saudinewsnet/articles.jsonl")


def rules_dir(out: Path) -> Path:
    return out / "rules"


def load_json(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


class Frequencies:
    """Whole-word counts of chosen folded phrases over the news corpus (one Aho-Corasick pass)."""

    def __init__(self, shared: Path, phrases: set[str]) -> None:
        automaton = ahocorasick.Automaton()
        for phrase in phrases:
            if phrase:
                automaton.add_word(phrase, phrase)
        automaton.make_automaton()
        self.counts: Counter[str] = Counter()
        for rel in NEWS_FILES:
            path = shared / rel
            if not path.exists():
                continue
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    text = " " + fold(json.loads(line).get("text") or "") + " "
                    for end, phrase in automaton.iter(text):
                        start = end - len(phrase) + 1
                        if not text[start - 1].isalnum() and not text[end + 1].isalnum():
                            self.counts[phrase] += 1

    def __getitem__(self, phrase: str) -> int:
        return self.counts[fold(phrase)]

    def is_common_word(self, name: str, clitic_test: bool = True) -> bool:
        """Whether a one-word name reads more often as an ordinary word than as the name.

        Two signs: the press writes it with the article added (سيول "floods" beside السيول), or it
        starts with a proclitic letter and what follows is a far more frequent word (وان, read و+أن).
        """
        key = fold(name)
        if " " in key:
            return False
        if key.startswith("ال"):
            return False  # the bare word tells nothing here (خليل beside الخليل); see place_stopwords.json
        if clitic_test and key[0] in PROCLITIC_LETTERS and len(key) >= 3:
            rest = self.counts[key[1:]]
            if rest >= ARTICLE_MIN_COUNT and rest >= CLITIC_REST_RATIO * self.counts[key]:
                return True
        with_article = self.counts["ال" + key]
        # a name ending in ي is its own nisba, so its article form is expected: ask for a clear excess
        ratio = NISBA_LIKE_RATIO if key.endswith("ي") else ARTICLE_RATIO
        return with_article >= ARTICLE_MIN_COUNT and with_article >= ratio * self.counts[key]


def person_names(shared: Path) -> set[str]:
    """Folded words frequent in Wikidata person names (steveash alignments, CC0): given names and
    surnames such as فلاديمير, which must not be read as the city of the same name."""
    counts: Counter[str] = Counter()
    path = shared / "gazetteers/wikidata_names_steveash/wd_arabic.normalized.aligned.tokens"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[2].isdigit():
                counts[fold(parts[1].replace(" ", ""))] += int(parts[2])
    return {w for w, n in counts.items() if n >= PERSON_NAME_MIN_COUNT}


def read_countries(shared: Path) -> list[dict]:
    return json.loads((shared / "gazetteers/countries_mledoze/countries.json").read_text("utf-8"))


def read_cities(shared: Path) -> list[dict]:
    path = shared / "gazetteers/geonames_cities15000/cities15000_arabic_names.tsv"
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_english_cities(shared: Path, ids: set[str]) -> dict[str, dict]:
    """geonameid -> row of cities15000.txt for places named in places_extra.json."""
    out = {}
    with (shared / "gazetteers/geonames_cities15000/cities15000.txt").open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if cols[0] in ids:
                out[cols[0]] = {"geonameid": cols[0], "name": cols[1], "country_code": cols[8],
                                "feature_code": cols[7], "population": cols[14]}
    return out


def arabic_names(row: dict) -> list[str]:
    names = [n.strip() for n in (row.get("arabic_core_letter_names") or "").split("|")]
    # a few entries of the full list glue a Latin name to the Arabic one ("Khartún - الخرطوم"), and
    # the core-letter list then lacks the usual spelling: take the Arabic half
    for entry in (row.get("arabic_script_names_all") or "").split("|"):
        if " - " in entry:
            names += [part.strip() for part in entry.split(" - ")]
    # vowel marks and tatweel are dropped, not the name: GeoNames writes some only voweled (بُرَيدَة)
    names = list(dict.fromkeys(HARAKAT.sub("", n) for n in names))
    return [n for n in names if n and ARABIC_WORD.match(n) and len(fold(n).replace(" ", "")) >= 3]


def dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def build(shared: Path, out: Path) -> tuple[list[dict], list[dict]]:
    rdir = rules_dir(out)
    overrides = load_json(rdir / "country_overrides.json")["countries"]
    regions = load_json(rdir / "regions.json")["regions"]
    division_rules = load_json(rdir / "divisions.json")
    divisions = division_rules["divisions"]
    places_extra = load_json(rdir / "places_extra.json")
    extra_places = places_extra["places"]
    display_names = places_extra.get("names", {})
    countries = read_countries(shared)
    cities = read_cities(shared)
    by_id = {c["geonameid"]: c for c in cities}
    english_extra = read_english_cities(shared, set(extra_places) - set(by_id))
    for gid, wrong in places_extra.get("wrong_names", {}).items():  # "كسل" for Kassala, "ربك" for Kosti
        row = by_id[gid]
        for field in ("arabic_core_letter_names", "arabic_script_names_all"):
            row[field] = "|".join(n for n in (row.get(field) or "").split("|") if n.strip() not in wrong)
    for gid, names in extra_places.items():
        if gid in by_id:  # a place GeoNames names in Arabic, one spelling short ("بيونغ يانغ")
            row = by_id[gid]
            row["arabic_core_letter_names"] = "|".join([row.get("arabic_core_letter_names") or "", *names])
            continue
        row = english_extra.get(gid)
        if row:
            row["arabic_core_letter_names"] = "|".join(names)
            cities.append(row)

    seat_countries = set(load_json(rdir / "seats.json")["countries"])
    always = set(places_extra.get("always", []))
    chosen_cities = [c for c in cities if c["feature_code"] == "PPLC" or int(c["population"] or 0) >= MIN_CITY_POPULATION
                     or (c["feature_code"] == SEAT_CODE and c["country_code"] in seat_countries)
                     or c["geonameid"] in always]

    # every phrase whose frequency a decision needs
    phrases: set[str] = set()
    for c in chosen_cities:
        for n in arabic_names(c):
            key = fold(n)
            phrases.update({key, "ال" + key, key[2:] if key.startswith("ال") else key, key[1:]})
    for c in countries:
        ara = c["translations"].get("ara", {})
        for n in (ara.get("common"), ara.get("official")):
            if n:
                phrases.update({fold(n), "ال" + fold(n)})
    for d in divisions:
        for n in [d["name"], *d.get("variants", [])]:
            phrases.update({fold(n), "ال" + fold(n), fold(n)[1:]})
    freq = Frequencies(shared, phrases)

    # -- countries ---------------------------------------------------------------------
    capitals = {c["country_code"]: c for c in chosen_cities if c["feature_code"] == "PPLC"}
    country_rows = []
    reserved: set[str] = set()
    for c in sorted(countries, key=lambda c: c["cca2"]):
        iso2 = c["cca2"]
        ov = overrides.get(iso2, {})
        ara = c["translations"].get("ara", {})
        common, official = ara.get("common", ""), ara.get("official", "")
        name = ov.get("name") or common
        variants = dedupe([common, official] + ov.get("variants", []) + [c["name"]["common"], c["name"]["official"]])
        dropped = [v for v in variants if freq.is_common_word(v)]
        variants = [v for v in variants if v not in dropped and v != name]
        if freq.is_common_word(name) and name not in dropped:
            dropped.append(name)
        stems = ov.get("nisba_stems")
        if stems is None:
            stems = [s for s in {nisba_stem(name)} if s]
        if ov.get("no_nisba") or name in dropped:
            stems = []
        nisba = dedupe([f for s in stems for f in inflect_nisba(s)] + ov.get("nisba_extra", []))
        drop = {fold(f) for f in ov.get("nisba_drop", [])}
        nisba = [f for f in nisba if fold(f) not in drop]
        cap = capitals.get(iso2)
        row = {
            "id": f"gpe:{iso2.lower()}", "type": "GPE", "name": name, "name_en": c["name"]["common"],
            "variants": variants, "aliases": ov.get("aliases", []), "nisba": nisba,
            "iso2": iso2, "iso3": c["cca3"], "capital": f"loc:{cap['geonameid']}" if cap else None,
            "region": c.get("region") or None,
        }
        if dropped:
            row["ambiguous_names"] = dropped
        country_rows.append(row)
        reserved.update(fold(v) for v in [name] + variants + nisba)

    # nisba forms claimed by two countries are ambiguous: drop them from both
    owners: Counter[str] = Counter(fold(f) for r in country_rows for f in r["nisba"])
    for r in country_rows:
        r["nisba"] = [f for f in r["nisba"] if owners[fold(f)] == 1]

    # -- places ------------------------------------------------------------------------
    place_rows = []
    best_for_key: dict[str, tuple[int, str]] = {}
    for c in chosen_cities:
        rank = (2 if c["feature_code"] == "PPLC" else 0, int(c["population"] or 0))
        for n in arabic_names(c):
            key = fold(n)
            cur = best_for_key.get(key)
            if cur is None or rank > cur[0]:
                best_for_key[key] = (rank, c["geonameid"])
    given_names = person_names(shared)
    # a division's bare name is its own against a city abroad ("أونتاريو" is Ontario, not Ontario,
    # California); a city of the division's own country keeps it
    division_names = division_bare_names(divisions, freq, reserved)
    division_countries = {fold(n): d["country"].upper() for d in divisions for n in division_names[d["id"]]}
    city_names: dict[str, set[str]] = {}
    stopwords = {fold(w) for w in load_json(rdir / "place_stopwords.json")["words"]}
    for c in sorted(chosen_cities, key=lambda c: int(c["geonameid"])):
        names = [n for n in arabic_names(c)
                 if best_for_key[fold(n)][1] == c["geonameid"] and fold(n) not in reserved
                 and not freq.is_common_word(n, clitic_test=c["feature_code"] != "PPLC")
                 and (c["feature_code"] == "PPLC" or fold(n) not in given_names)
                 and fold(n) not in stopwords
                 and division_countries.get(fold(n), c["country_code"]) == c["country_code"]]
        seen_in_news = [n for n in names if freq[n] > 0]
        names = sorted(dedupe(seen_in_news or names[:1]), key=lambda n: (-freq[n], n))
        shared_name = display_names.get(c["geonameid"])
        if shared_name:  # the usual spelling is another entity's too: the linker decides (homographs.json)
            names = [shared_name] + [n for n in names if n != shared_name]
        if not names:
            continue
        iso2 = c["country_code"]
        city_names.setdefault(iso2.lower(), set()).update(fold(n) for n in names)
        row = {
            "id": f"loc:{c['geonameid']}", "type": "GPE", "name": names[0], "name_en": c["name"],
            "variants": names[1:], "aliases": [], "country": f"gpe:{iso2.lower()}",
            "population": int(c["population"] or 0),
        }
        if shared_name:
            row["ambiguous_names"] = [shared_name]
        if c["feature_code"] == "PPLC":
            row["capital_of"] = f"gpe:{iso2.lower()}"
        place_rows.append(row)
    for r in regions:
        stems = r.get("nisba_stems", [])
        row = {"id": r["id"], "type": "LOC", "name": r["name"], "name_en": r["name_en"],
               "variants": [v for v in r.get("variants", []) if v != r["name"]], "aliases": r.get("aliases", []),
               "nisba": dedupe([f for s in stems for f in inflect_nisba(s)] + r.get("nisba_extra", []))}
        place_rows.append(row)
    place_rows += division_rows(divisions, division_rules["heads"], division_names, city_names)
    return country_rows, place_rows


def division_arabic_names(division: dict) -> list[str]:
    """A division's name and variants in Arabic script (its Latin variants are matched as they are)."""
    return [n for n in [division["name"], *division.get("variants", [])] if ARABIC_WORD.match(n)]


def division_bare_names(divisions: list[dict], freq: Frequencies, reserved: set[str]) -> dict[str, list[str]]:
    """Division id -> the Arabic names it is matched by alone: none where 'bare' is false; not a
    country's name or nisba, nor a one-word name the news uses as an ordinary word."""
    return {d["id"]: [n for n in division_arabic_names(d) if d.get("bare", True) and fold(n) not in reserved
                      and not (" " not in n and freq.is_common_word(n))]
            for d in divisions}


def division_rows(divisions: list[dict], heads: dict[str, list[str]], bare_names: dict[str, list[str]],
                  city_names: dict[str, set[str]]) -> list[dict]:
    """Registry rows of rules/divisions.json: each division's bare names (less those of a city of its
    own country, which keeps them: منطقة الرياض is left to Riyadh) and its names after each head noun
    of its country, or of its own 'heads' ("ولاية بنسلفانيا", "جزيرة صقلية").  A division with no name
    of its own to match keeps its name as an ambiguous one, for its 'generic' forms alone."""
    rows = []
    for d in divisions:
        country = d["country"]
        arabic = division_arabic_names(d)
        latin = [n for n in d.get("variants", []) if not ARABIC_WORD.match(n)]
        bare = [n for n in bare_names[d["id"]] if fold(n) not in city_names.get(country, set())]
        headed = [f"{head} {n}" for n in arabic for head in d.get("heads", heads[country])]
        names = dedupe(bare + headed + latin)
        if not names:
            dropped = [d["name"]]
        else:
            dropped = [n for n in arabic if n not in names] if d.get("bare", True) else []
        row = {"id": d["id"], "type": "GPE", "name": names[0] if names else d["name"], "name_en": d["name_en"],
               "variants": names[1:], "aliases": [], "country": f"gpe:{country}"}
        if d.get("generic"):
            row["generic"] = d["generic"]
        if dropped:
            row["ambiguous_names"] = dropped
        rows.append(row)
    return rows


ABOUT = {
    "countries.jsonl": "Countries for rasid, built by tools/build_registry.py from mledoze/countries "
                       "(c) mledoze/countries contributors, ODbL 1.0, with capitals from GeoNames (CC BY) "
                       "and rasid's rules/; see PROVENANCE.md.",
    "places.jsonl": "Cities (population >= 100,000, capitals, and provincial seats in the countries of "
                    "rules/seats.json) for rasid, built by tools/build_registry.py "
                    "from GeoNames cities15000 (CC BY, geonames.org) plus rasid's rules/regions.json and "
                    "rules/divisions.json; "
                    "see PROVENANCE.md.",
    "institutions.jsonl": "State institutions of each country (ministries, armed forces, government, "
                          "parliament, police, central bank) named by a head noun and the "
                          "country's adjective, built by tools/build_registry.py from countries.jsonl and "
                          "rasid's rules/institutions.json; see PROVENANCE.md.",
}


def institution_rows(countries: list[dict], out: Path) -> list[dict]:
    """Every country's state institutions named by head noun + adjective (rules/institutions.json),
    except those curated.jsonl already holds (same id, a name it already gives another id, or an id
    rules/institutions.json 'curated_as' maps to a curated one) and names of other bodies first."""
    rules = load_json(rules_dir(out) / "institutions.json")
    curated_ids: set[str] = set()
    curated_names: set[str] = set()
    with (out / "curated.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if "id" in entry:
                curated_ids.add(entry["id"])
                curated_names.update(fold(n) for n in [entry["name"], *entry.get("variants", []),
                                                       *entry.get("aliases", [])])
    others = {fold(n) for n in rules["names_of_other_bodies"]}  # another body's name first
    rows = []
    for country in countries:
        # the definite singular adjective of each gender, every word inflected ("الكورية الشمالية")
        adjectives = {gender: [f for f in country["nisba"]
                               if all(x.startswith("ال") and x.endswith(ending) for x in f.split())]
                      for gender, ending in (("m", "ي"), ("f", "ية"))}
        for kind in rules["kinds"]:
            entity_id = f"org:{country['iso2'].lower()}_{kind['kind']}"
            names = [n for n in dedupe([f"{head} {adjective}" for head, gender in kind["heads"]
                                        for adjective in adjectives[gender]]) if fold(n) not in others]
            if not names or entity_id in curated_ids or entity_id in rules["curated_as"] \
                    or any(fold(n) in curated_names for n in names):
                continue
            rows.append({"id": entity_id, "type": "ORG", "name": names[0],
                         "name_en": kind["name_en"].format(country=country["name_en"]),
                         "variants": names[1:], "aliases": [], "country": country["id"],
                         "institution": kind["kind"]})
    # a name two countries' adjectives give (none today) belongs to neither
    owners = Counter(fold(n) for r in rows for n in [r["name"], *r["variants"]])
    kept = []
    for r in rows:
        names = [n for n in [r["name"], *r["variants"]] if owners[fold(n)] == 1]
        if names:
            kept.append({**r, "name": names[0], "variants": names[1:]})
    return kept


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"_about": ABOUT[path.name], "version": 1}, ensure_ascii=False) + "\n")
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "rasid" / "data" / "entities")
    args = parser.parse_args()
    countries, places = build(args.shared, args.out)
    write_jsonl(args.out / "countries.jsonl", countries)
    write_jsonl(args.out / "places.jsonl", places)
    institutions = institution_rows(countries, args.out)
    write_jsonl(args.out / "institutions.jsonl", institutions)
    print(f"countries: {len(countries)}  places: {len(places)}  institutions: {len(institutions)}  -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
