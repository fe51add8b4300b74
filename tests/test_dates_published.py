"""Published-date inference from the text: windows, bounds, weekday of publication."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rasid.arabic.normalise import fold, normalise
from rasid.dates import published
from rasid.dates.published import infer_published
from rasid.doc import Document
from rasid.stages.dates import build

SUMMIT = ("event:test_summit", ("قمه الناتو في فيلنيوس",), dt.date(2023, 7, 11), dt.date(2023, 7, 12))


@pytest.fixture
def one_event(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(published, "registry_events", lambda: (SUMMIT,))


@pytest.fixture
def no_events(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(published, "registry_events", lambda: ())


def test_nothing_to_go_on_is_unknown(no_events: None) -> None:
    assert infer_published(Document("قال الوزير إن الحرب يجب أن تنتهي.")) == (None, "unknown", [])


def test_weekday_date_pair_and_today_weekday_give_one_day(no_events: None) -> None:
    text = "أعلنت الوزارة اليوم الخميس أن الاتفاق الموقع الأربعاء 12 فبراير 2025 دخل حيز التنفيذ."
    value, confidence, evidence = infer_published(Document(text))
    assert (value, confidence) == ("2025-02-13", "high")
    assert evidence[0] == "day word with weekday: «اليوم الخميس»"


def test_high_confidence_inference_resolves_relative_dates(no_events: None) -> None:
    text = "أعلنت الوزارة اليوم الخميس أن الاتفاق الموقع الأربعاء 12 فبراير 2025 دخل حيز التنفيذ."
    doc = Document(text)
    build()(doc)
    assert doc.meta["published_inferred"]["value"] == "2025-02-13"
    values = {s.surface(text): s.attrs["value"] for s in doc.spans("dates")}
    assert values == {"اليوم الخميس": "2025-02-13", "الأربعاء 12 فبراير 2025": "2025-02-12"}


def test_upcoming_event_on_its_weekday_gives_the_week_before(one_event: None) -> None:
    text = "يبحث الحلفاء الضمانات قبل القمة. تبدأ قمة الناتو في فيلنيوس يوم الثلاثاء وتستمر يومين."
    assert infer_published(Document(text))[:2] == ("2023-07-08", "medium")


def test_medium_confidence_leaves_relative_values_null(one_event: None) -> None:
    text = "تبدأ قمة الناتو في فيلنيوس يوم الثلاثاء وتستمر يومين."
    doc = Document(text)
    build()(doc)
    assert doc.meta["published_inferred"]["confidence"] == "medium"
    assert [s.attrs["value"] for s in doc.spans("dates")] == [None]


def test_past_event_and_today_weekday(one_event: None) -> None:
    text = "قال الأمين العام اليوم الخميس إن قمة الناتو في فيلنيوس التي عقدت يوم الثلاثاء كانت ناجحة."
    assert infer_published(Document(text))[:2] == ("2023-07-13", "high")


def test_bounds_alone_give_no_value(no_events: None) -> None:
    value, confidence, evidence = infer_published(Document("ضمت روسيا القرم عام 2014."))
    assert (value, confidence, evidence) == (None, "low", ["not before 2014-01-01"])


# -- generic meeting names, office windows ------------------------------------------------

D = dt.date
NATO_DEF = published._key(fold("وزراء دفاع الناتو"))
MEETINGS = (
    published.Meeting("event:t_feb", (NATO_DEF,), D(2025, 2, 13), D(2025, 2, 13), (fold("بروكسل"),)),
    published.Meeting("event:t_jun", (NATO_DEF,), D(2025, 6, 5), D(2025, 6, 5), (fold("بروكسل"),)),
    published.Meeting("event:t_old", (NATO_DEF,), D(2024, 6, 13), D(2024, 6, 13), (fold("بروكسل"),)),
    published.Meeting("event:t_oslo", (NATO_DEF,), D(2025, 5, 15), D(2025, 5, 15), (fold("أوسلو"),)),
)
PEOPLE = (
    ("per:sami_nasir", (fold("سامي ناصر"),),
     (published.Role((fold("وزير الدفاع الأمريكي"),), (fold("وزير الدفاع"),), D(2025, 1, 25), D.max),)),
    ("per:hadi_salem", (fold("هادي سالم"),),
     (published.Role((fold("وزير الخارجية البريطاني"),), (fold("وزير الخارجية"),), D(2023, 1, 1), D(2025, 3, 1)),)),
)


@pytest.fixture
def meetings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(published, "registry_events", lambda: ())
    monkeypatch.setattr(published, "registry_meetings", lambda: MEETINGS)
    monkeypatch.setattr(published, "registry_people", lambda: PEOPLE)


def test_office_window_from_title_before_name(meetings: None) -> None:
    view = normalise("قال وزير الخارجية هادي سالم إن المحادثات مستمرة.").text
    assert [(w.person, w.start, w.end, w.new) for w in published._role_windows(view)] == [
        ("per:hadi_salem", D(2023, 1, 1), D(2025, 3, 1), False)]


def test_former_office_holder_gives_no_window(meetings: None) -> None:
    view = normalise("قال وزير الخارجية البريطاني السابق هادي سالم إن المحادثات مستمرة.").text
    assert published._role_windows(view) == []


def test_office_windows_bound_the_result(meetings: None) -> None:
    text = "قال وزير الدفاع الأمريكي سامي ناصر إن الدعم سيستمر، وأيده وزير الخارجية هادي سالم."
    assert infer_published(Document(text)) == (None, "low", [
        "office: per:sami_nasir «وزير الدفاع الامريكي» 2025-01-25–…",
        "office: per:hadi_salem «وزير الخارجيه» 2023-01-01–2025-03-01",
        "not before 2025-01-25", "not after 2025-03-01"])


def test_generic_meeting_with_two_fitting_days_is_unknown(meetings: None) -> None:
    text = ("أكد وزير الدفاع الأمريكي سامي ناصر يوم الخميس أن الحلفاء متفقون على الدعم. "
            "وجاءت تصريحاته خلال اجتماع وزراء دفاع الناتو الذي استضافه مقر الحلف.")
    value, confidence, evidence = infer_published(Document(text))
    assert (value, confidence) == (None, "low")
    assert evidence[1] == ("meeting «دفاع زراء ناتو» on «يوم الخميس»: 4 with that weekday, "
                           "3 in the office holders' window 2025-01-25–… — ambiguous: event:t_feb (2025-02-13), "
                           "event:t_oslo (2025-05-15), event:t_jun (2025-06-05)")


def test_new_office_holder_picks_the_early_meeting(meetings: None) -> None:
    text = ("رفض وزير الدفاع الأمريكي الجديد أي التزام إضافي. "
            "وأكد وزير الدفاع الأمريكي سامي ناصر يوم الخميس أن الحلفاء متفقون على الدعم. "
            "وجاءت تصريحاته خلال اجتماع وزراء دفاع الناتو الذي استضافه مقر الحلف.")
    value, confidence, evidence = infer_published(Document(text))
    assert (value, confidence) == ("2025-02-16", "medium")
    assert evidence[1].endswith("1 while per:sami_nasir new in office → event:t_feb (2025-02-13, past)")


def test_place_named_next_to_the_meeting_narrows_it(meetings: None) -> None:
    text = ("سيلتقي وزراء دفاع الناتو في أوسلو يوم الخميس لبحث الدعم. "
            "ويحضر الاجتماع وزير الدفاع الأمريكي سامي ناصر.")
    value, confidence, evidence = infer_published(Document(text))
    assert (value, confidence) == ("2025-05-12", "medium")
    assert "1 at the place named → event:t_oslo (2025-05-15, future)" in evidence[1]


def test_today_weekday_and_month_pick_one_day(meetings: None) -> None:
    text = ("قال وزير الدفاع الأمريكي سامي ناصر اليوم الخميس إن الحلف سيواصل دعمه. "
            "ويعقد وزراء دفاع الناتو اجتماعهم الدوري في يونيو بمقر الحلف.")
    value, confidence, evidence = infer_published(Document(text))
    assert (value, confidence) == ("2025-06-05", "high")
    assert evidence[2].endswith("1 in the month/year told → event:t_jun (2025-06-05, that day)")


def test_short_fragment_joins_the_sentence_before() -> None:
    numbers = published._sentence_of("قال الوزير إن الاتفاق قريب. بحسب المصدر. ثم غادر الوزير القاعة.")
    assert sorted(set(numbers)) == [0, 1]


# -- the shipped meetings registry ----------------------------------------------------------

MEETINGS_PATH = Path(published.__file__).resolve().parents[1] / "data" / "entities" / "meetings.jsonl"


def test_meetings_file_is_dated_generic_and_clashes_with_nothing() -> None:
    from rasid.entities.registry import load_registry, shipped_files

    rows = [json.loads(line) for line in MEETINGS_PATH.read_text("utf-8").splitlines()]
    registry = load_registry(use_default_overlay=False)
    others = load_registry([f for f in shipped_files() if f.name != "meetings.jsonl"], use_default_overlay=False)
    owner: dict[str, set[str]] = {}
    for e in registry.entries.values():
        for form in [e["name"], *e["variants"], *e["aliases"]]:
            owner.setdefault("".join(fold(form).split()), set()).add(e["id"])
    for e in rows:
        assert e["type"] == "EVENT" and e["id"] not in others.entries, e["id"]
        start, end = dt.date.fromisoformat(e["start"]), dt.date.fromisoformat(e["end"])
        assert D(2022, 1, 1) <= start <= end <= start + dt.timedelta(days=3), e["id"]
        assert e["generic"] and e["org"] in (None, *registry.entries), e["id"]
        assert e.get("city") is None or e["city"] in registry.entries, e["id"]
        for form in [e["name"], *e["variants"]]:
            assert owner["".join(fold(form).split())] == {e["id"]}, form
    assert len({e["id"] for e in rows}) == len(rows) >= 90
    assert {m.id for m in published.registry_meetings()} >= {e["id"] for e in rows}


def test_seed_dates_inferred_within_a_week(shared_dir: Path) -> None:
    from rasid.dates.bench import load_seeds

    verdicts = []
    for gold, text in load_seeds(shared_dir):
        value, _, _ = infer_published(Document(text))
        true = dt.date.fromisoformat(gold["published"][:10])
        verdicts.append(None if value is None else abs((dt.date.fromisoformat(value) - true).days) <= 7)
    assert False not in verdicts and verdicts.count(True) >= 4
