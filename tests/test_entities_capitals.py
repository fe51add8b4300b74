"""Capitals: a party to an action is the country, a place after a preposition is the city."""

from __future__ import annotations

import rasid


def _ids(text: str) -> dict[str, str]:
    doc = rasid.analyze(text, published="2025-03-01")
    return {doc.text[s.start:s.end]: s.attrs["id"] for s in doc.spans("entities")}


def test_capital_as_actor_is_the_country_and_as_place_the_city():
    ids = _ids("رفضت موسكو المقترح الجديد.\nوصل الوفد إلى موسكو مساء الأحد.")
    doc = rasid.analyze("رفضت موسكو المقترح الجديد.\nوصل الوفد إلى موسكو مساء الأحد.", published="2025-03-01")
    moscow = [s.attrs["id"] for s in doc.spans("entities") if doc.text[s.start:s.end] == "موسكو"]
    assert moscow[0] == "gpe:ru"
    assert moscow[1].startswith("loc:")
    assert ids["موسكو"].startswith("loc:")  # the later (place) mention


def test_places_coordinated_after_a_preposition_stay_cities():
    doc = rasid.analyze("اجتمع المسؤولون في برلين وباريس ولندن لمناقشة الأزمة.", published="2025-03-01")
    forms = {doc.text[s.start:s.end]: s.attrs["id"] for s in doc.spans("entities")}
    assert all(forms[name].startswith("loc:") for name in ("برلين", "باريس", "لندن"))


def test_generic_war_and_article_resolve_from_the_story_context():
    text = ("قال مسؤولون إن أوكرانيا تحتاج إلى مزيد من الدعم بعد ثلاث سنوات من الحرب.\n"
            "وأكد حلف الناتو أن المادة 5 تبقى أساس الدفاع الجماعي.")
    doc = rasid.analyze(text, published="2025-03-01")
    forms = {doc.text[s.start:s.end]: s.attrs["id"] for s in doc.spans("entities")}
    assert forms["الحرب"] == "event:russian_invasion_of_ukraine"
    assert forms["المادة 5"] == "law:nato_article_5"


def test_generic_war_stays_unlinked_without_context():
    doc = rasid.analyze("انتهت الحرب بعد سنوات طويلة من القتال.", published="2025-03-01")
    assert "الحرب" not in {doc.text[s.start:s.end] for s in doc.spans("entities")}


def test_capital_after_a_city_noun_is_the_city():
    text = ("استعاد الجيش العاصمة الخرطوم في مارس.\nوتظاهر الآلاف في شوارع العاصمة الأوكرانية كييف.\n"
            "ورفضت موسكو المقترح.")
    doc = rasid.analyze(text, published="2025-06-13")
    forms = [(doc.text[s.start:s.end], s.attrs["id"]) for s in doc.spans("entities")]
    assert forms == [("الخرطوم", "loc:379252"), ("الأوكرانية", "gpe:ua"), ("كييف", "loc:703448"),
                     ("موسكو", "gpe:ru")]


def test_sudan_towns_by_their_press_spellings_not_geonames_clipped_ones():
    text = "اتهم الجيش قوات الدعم السريع بقصف مدينة الفاشر، ونزح الآلاف إلى كسلا. وأصاب الناس كسل شديد."
    doc = rasid.analyze(text, published="2025-06-13")
    forms = [(doc.text[s.start:s.end], s.attrs["id"]) for s in doc.spans("entities") if s.attrs["id"].startswith("loc:")]
    assert forms == [("الفاشر", "loc:379555"), ("كسلا", "loc:372753")]


def test_a_capital_opening_a_dateline_is_the_city():
    text = "بروكسل (رويترز) - قال مسؤولون إن الحلف سيجتمع قريبا.\nموسكو: لن نقبل بنشر قوات أوروبية في أوكرانيا."
    doc = rasid.analyze(text, published="2025-06-03")
    forms = [(doc.text[s.start:s.end], s.attrs["id"]) for s in doc.spans("entities")
             if doc.text[s.start:s.end] in ("بروكسل", "موسكو")]
    assert forms == [("بروكسل", "loc:2800866"), ("موسكو", "gpe:ru")]
    text = "طهران، إيران (CNN) -- قال المرشد إن البلاد لن تتفاوض.\nواشنطن، أعلنت عبر وزارة خارجيتها فرض عقوبات."
    doc = rasid.analyze(text, published="2025-06-03")
    forms = [(doc.text[s.start:s.end], s.attrs["id"]) for s in doc.spans("entities")
             if doc.text[s.start:s.end] in ("طهران", "واشنطن")]
    assert forms == [("طهران", "loc:112931"), ("واشنطن", "gpe:us")]
