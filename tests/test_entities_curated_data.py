"""Integrity checks for the curated entity registry (src/rasid/data/entities/curated.jsonl)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parent.parent / "src" / "rasid" / "data" / "entities" / "curated.jsonl"

ID_RE = re.compile(r"^(per|org|event|law):[a-z0-9]+(?:_[a-z0-9]+)*$")
GPE_RE = re.compile(r"^gpe:[a-z]{2}$")
LOC_RE = re.compile(r"^loc:[0-9]+$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
PREFIX_TYPE = {"per": "PER", "org": "ORG", "event": "EVENT", "law": "LAW"}
ARABIC = re.compile(r"[\u0600-\u06FF]")
OTHER_LETTERS = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF]")

COMMON = {"id", "type", "name", "name_en", "variants", "aliases", "generic", "country", "wikidata"}
ALLOWED = {
    "PER": COMMON | {"roles"},
    "ORG": COMMON | {"members", "kind"},
    "EVENT": COMMON | {"start", "end", "place", "city", "org", "parties", "agent", "target"},
    "LAW": COMMON | {"start", "end", "place", "city", "parties"},
}
ROLE_KEYS = {"title", "generic", "title_en", "org", "country", "start", "end"}


def _load() -> list[dict]:
    out = []
    with PATH.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            assert line.strip(), f"blank line {n}"
            obj = json.loads(line)
            assert isinstance(obj, dict), f"line {n} is not an object"
            out.append(obj)
    return out


ENTRIES = _load()
BY_ID = {e["id"]: e for e in ENTRIES}


def _bounds(value: str) -> tuple[date, date]:
    """Earliest and latest day a (possibly reduced-precision) ISO date can denote."""
    assert DATE_RE.match(value), value
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        y, m = parts
        assert 1 <= m <= 12, value
        last = date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1
        return date(y, m, 1), date.fromordinal(last)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _check_span(start, end, where: str) -> None:
    if start is not None:
        _bounds(start)
    if end is not None:
        _bounds(end)
    if start is not None and end is not None:
        assert _bounds(start)[0] <= _bounds(end)[1], f"{where}: start {start} after end {end}"


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def test_enough_entries_and_unique_ids():
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert len(ENTRIES) >= 250


@pytest.mark.parametrize("e", ENTRIES, ids=lambda e: e.get("id", "?"))
def test_entry_shape(e):
    assert ID_RE.match(e["id"]), e["id"]
    assert e["type"] == PREFIX_TYPE[e["id"].split(":")[0]]
    assert set(e) <= ALLOWED[e["type"]], set(e) - ALLOWED[e["type"]]
    assert isinstance(e["name"], str) and ARABIC.search(e["name"])
    assert isinstance(e["name_en"], str) and e["name_en"].strip()
    for key in ("variants", "aliases", "generic"):
        assert isinstance(e.get(key, []), list)
        assert len(e.get(key, [])) == len(set(e.get(key, []))), f"duplicates in {key}"
    assert e["name"] in e["variants"]
    if e["country"] is not None:
        assert GPE_RE.match(e["country"]), e["country"]
    if e["wikidata"] is not None:
        assert QID_RE.match(e["wikidata"]), e["wikidata"]
    for s in _strings(e):
        assert s == s.strip() and s, f"empty or padded string {s!r}"
        assert "  " not in s, s
        assert not (ARABIC.search(s) and OTHER_LETTERS.search(s)), f"mixed scripts in {s!r}"


@pytest.mark.parametrize("e", [e for e in ENTRIES if e["type"] == "PER"], ids=lambda e: e["id"])
def test_person_roles(e):
    assert isinstance(e["roles"], list)
    for r in e["roles"]:
        assert set(r) == ROLE_KEYS, set(r) ^ ROLE_KEYS
        assert r["title"] and all(ARABIC.search(t) for t in r["title"])
        assert isinstance(r["generic"], list)
        assert r["title_en"]
        if r["org"] is not None:
            assert r["org"] in BY_ID and BY_ID[r["org"]]["type"] == "ORG", r["org"]
        if r["country"] is not None:
            assert GPE_RE.match(r["country"]), r["country"]
        assert r["org"] is not None or r["country"] is not None or r["title_en"] == "Pope"
        _check_span(r["start"], r["end"], f"{e['id']} {r['title_en']}")


@pytest.mark.parametrize("e", [e for e in ENTRIES if e["type"] in ("EVENT", "LAW")], ids=lambda e: e["id"])
def test_event_and_law_fields(e):
    assert e["start"] is not None
    _check_span(e["start"], e["end"], e["id"])
    if e.get("place") is not None:
        assert GPE_RE.match(e["place"]), e["place"]
    if "city" in e:
        assert LOC_RE.match(e["city"]), e["city"]
    if e.get("org") is not None:
        assert BY_ID[e["org"]]["type"] == "ORG"
    for p in e.get("parties", []):
        assert GPE_RE.match(p) or BY_ID[p]["type"] == "ORG", p
    # who did it to whom, for acts the registry names (an invasion, an incursion): both or neither
    assert ("agent" in e) == ("target" in e), e["id"]
    for p in (e.get("agent"), e.get("target")):
        assert p is None or GPE_RE.match(p) or BY_ID[p]["type"] == "ORG", p


@pytest.mark.parametrize("e", [e for e in ENTRIES if e["type"] == "ORG"], ids=lambda e: e["id"])
def test_org_members(e):
    members = e.get("members", [])
    assert len(members) == len(set(members))
    for m in members:
        assert GPE_RE.match(m) or (m in BY_ID and BY_ID[m]["type"] == "ORG"), m


def test_no_surface_form_shared_by_two_entities():
    owner: dict[str, set[str]] = defaultdict(set)
    for e in ENTRIES:
        for s in e["variants"] + e["aliases"]:
            owner["".join(s.split()).casefold()].add(e["id"])
    clashes = {k: sorted(v) for k, v in owner.items() if len(v) > 1}
    assert clashes == {}


def test_single_holder_offices_do_not_overlap():
    spans = defaultdict(list)
    for e in ENTRIES:
        for r in e.get("roles", []):
            spans[(r["title_en"], r["country"], r["org"])].append((r["start"], r["end"], e["id"]))
    far = date(9999, 12, 31)
    bad = []
    for key, rows in spans.items():
        rows = sorted(rows, key=lambda x: _bounds(x[0])[0])
        for i, (s2, _e2, p2) in enumerate(rows):
            for _s1, e1, p1 in rows[:i]:
                if p1 != p2 and _bounds(s2)[1] < (_bounds(e1)[1] if e1 else far):
                    bad.append((key[0], p1, e1, p2, s2))
    assert bad == []


def test_known_records():
    rutte = BY_ID["per:mark_rutte"]
    assert [(r["org"], r["start"], r["end"]) for r in rutte["roles"]] == [
        ("org:nato", "2024-10-01", None),
        (None, "2010-10-14", "2024-07-02"),
    ]
    hegseth = BY_ID["per:pete_hegseth"]["roles"][0]
    assert (hegseth["start"], hegseth["end"], hegseth["org"]) == ("2025-01-25", None, "org:pentagon")
    assert "وزير الدفاع الأمريكي" in hegseth["title"] and "وزير الدفاع الأميركي" in hegseth["title"]
    austin = BY_ID["per:lloyd_austin"]["roles"][0]
    assert (austin["start"], austin["end"]) == ("2021-01-22", "2025-01-20")
    assert len(BY_ID["org:nato"]["members"]) == 32
    assert len(BY_ID["org:eu"]["members"]) == 27
    assert len(BY_ID["org:arab_league"]["members"]) == 22
    assert {"الناتو", "ناتو"} <= set(BY_ID["org:nato"]["aliases"])
    assert "الحلف" in BY_ID["org:nato"]["generic"] and "الحلف" not in BY_ID["org:nato"]["aliases"]
    vilnius = BY_ID["event:nato_summit_2023_vilnius"]
    assert (vilnius["start"], vilnius["end"], vilnius["place"]) == ("2023-07-11", "2023-07-12", "gpe:lt")
    assert BY_ID["law:budapest_memorandum"]["start"] == "1994-12-05"
    assert {"ترامب", "ترمب"} <= set(BY_ID["per:donald_trump"]["aliases"])
    assert {"زيلينسكي", "زيلنسكي"} <= set(BY_ID["per:volodymyr_zelensky"]["aliases"])


@pytest.mark.parametrize("text, published, surface, eid", [
    ("استبعد الوزير منح العضوية كضمان لإنهاء حرب روسيا على أوكرانيا.", "2025-02-12",
     "حرب روسيا على أوكرانيا", "event:russian_invasion_of_ukraine"),
    ("تريد أوكرانيا إنهاء حرب روسيا بضمانات.", "2025-02-12", "حرب روسيا", "event:russian_invasion_of_ukraine"),
    ("دعا مضيف فوكس نيوز السابق الأوروبيين إلى الإنفاق.", "2025-02-12", "مضيف فوكس نيوز السابق",
     "per:pete_hegseth"),
    ("اجتمع ما يسمى “التحالف” الراغبين في بروكسل.", "2025-04-10", "تحالف” الراغبين",
     "org:coalition_of_the_willing"),
    ("ستكون القوات الغربية عرضة للهجمات.", "2025-02-12", "القوات الغربية", "loc:the_west"),
    ("قال الرئيس الفرنسي الذي ترأس قمة القادة في باريس إن القوة ممكنة.", "2025-04-10", "قمة القادة",
     "event:coalition_of_the_willing_2025_03_27"),
    # not Philadelphia, Pennsylvania
    ("قال نتنياهو إن إسرائيل لن تنسحب من محور فيلادلفيا.", "2024-08-20", "محور فيلادلفيا",
     "loc:philadelphi_corridor"),
    ("أمهلت إيكواس قادة الانقلاب في النيجر أسبوعا.", "2023-07-31", "إيكواس", "org:ecowas"),
    ("وأكدت قوات سوريا الديمقراطية (قسد) سيطرتها على البلدة.", "2024-12-10", "قسد", "org:sdf"),
])
def test_shipped_registry_links_descriptions(text: str, published: str, surface: str, eid: str) -> None:
    from rasid.pipeline import default_pipeline, make_document

    doc = make_document(text, published=published)
    default_pipeline().run_doc(doc)
    assert (surface, eid) in [(doc.text[s.start:s.end], s.attrs["id"]) for s in doc.spans("entities")]


def test_western_in_plain_geography_is_not_the_west() -> None:
    from rasid.pipeline import default_pipeline, make_document

    doc = make_document("زار الوفد المنطقة الغربية من البلاد.", published="2025-02-12")
    default_pipeline().run_doc(doc)
    assert "loc:the_west" not in [s.attrs["id"] for s in doc.spans("entities")]


def test_no_one_word_alias_folds_onto_a_common_word(shared_dir: Path) -> None:
    """A one-word alias matched alone must not be, after folding hamza and alef, the spelling of a
    frequent other word ("تراس" would match the verb "ترأس" everywhere)."""
    from collections import Counter

    from rasid.arabic.normalise import fold

    word = re.compile(r"[\u0621-\u064A]+")
    counts: Counter[str] = Counter()
    for name in ("saudinewsnet", "ant_multisource"):
        with open(shared_dir / "data" / "news" / name / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                counts.update(word.findall(json.loads(line).get("text") or ""))
    by_fold: dict[str, Counter[str]] = defaultdict(Counter)
    for w, n in counts.items():
        by_fold[fold(w)][w] += n
    clashes = []
    for e in ENTRIES:
        spelled = {x for x in [e["name"], *e.get("variants", []), *e.get("aliases", [])]}
        for alias in e.get("aliases", []):
            if " " in alias.strip() or not word.fullmatch(alias):
                continue
            forms = by_fold.get(fold(alias), Counter())
            # a spelling of the entity's own forms with another initial alef (أردوغان / اردوغان) is no clash
            other = sum(n for w, n in forms.items() if not any(w[1:] == x[1:] for x in spelled))
            if other >= 20 and other > 3 * sum(forms[x] for x in spelled):
                clashes.append((e["id"], alias, forms.most_common(2)))
    assert clashes == []
