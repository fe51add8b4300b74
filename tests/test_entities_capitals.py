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
