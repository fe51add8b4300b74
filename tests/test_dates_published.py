"""Published-date inference from the text: windows, bounds, weekday of publication."""

from __future__ import annotations

import datetime as dt

import pytest

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
