"""Search matches regardless of diacritics, tatweel, letter variants and clitics; highlights are original offsets."""

from __future__ import annotations

import pytest

from rasid.doc import Document
from rasid.search import Filters, SearchError, parse_query, search, sync_index
from rasid.search.keys import keyed_words, query_keys
from rasid.store import Store

TEXTS = [
    "قال الأمين العام لحلف شمال الأطلسي إن الدعم مستمر.",
    "وأكد أن الضمانات الأمنية لأوكرانيا ضرورية.",
    "وقّع الحِلْفُ اتفاقية جديدة. المدرسة مغلقة اليوم.",
    "تحدث الوزير عن حـــلف جديد والحلف القديم.",
]


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "s.db") as s:
        s.write_documents([Document(t, meta={"source": f"s{i}", "published": f"2024-0{i + 1}-15"})
                           for i, t in enumerate(TEXTS)])
        assert sync_index(s.conn) == 4
        yield s


def _surfaces(result, text_by_id):
    out = []
    for hit in result.hits:
        text = text_by_id[hit["id"]]
        for snip in hit["snippets"]:
            out += [text[h["start"]:h["end"]] for h in snip["highlights"]]
    return out


def test_keys_fold_and_cut_clitics() -> None:
    assert [k for _, _, k in keyed_words("لحلف والحلف حـلفٌ لأوكرانيا")] == ["حلف", "حلف", "حلف", "اوكرانيا"]
    assert query_keys("اوكرانيا") == ("اوكرانيا",)
    got = keyed_words("  لحلف")
    assert got == [(2, 6, "حلف")]


def test_clitics_diacritics_tatweel(store) -> None:
    text_by_id = {Document(t).id: t for t in TEXTS}
    result = search(store.conn, "حلف")
    assert result.total == 3
    assert sorted(_surfaces(result, text_by_id)) == sorted(["لحلف", "الحِلْفُ", "حـــلف", "والحلف"])
    ukraine = search(store.conn, "اوكرانيا")
    assert [h["id"] for h in ukraine.hits] == [Document(TEXTS[1]).id]
    assert _surfaces(ukraine, text_by_id) == ["لأوكرانيا"]
    assert search(store.conn, "مدرسه").total == 1  # ta marbuta folded


def test_phrase_query(store) -> None:
    text_by_id = {Document(t).id: t for t in TEXTS}
    result = search(store.conn, '"حلف شمال الأطلسي"')
    assert result.total == 1
    assert _surfaces(result, text_by_id) == ["لحلف شمال الأطلسي"]
    assert search(store.conn, '"شمال حلف"').total == 0
    assert [t.kind for t in parse_query('الدعم "حلف شمال" x')] == ["word", "phrase", "word"]


def test_filters_and_errors(store) -> None:
    assert search(store.conn, "حلف", Filters(source="s3")).total == 1
    assert search(store.conn, "حلف", Filters(date_from="2024-03", date_to="2024-04-30")).total == 2
    with pytest.raises(SearchError):
        search(store.conn, "حلف", Filters(date_from="March"))
    with pytest.raises(SearchError):
        search(store.conn, "؟!")
    assert search(store.conn, 'NEAR(حلف) OR "*').total == 0  # FTS syntax is only words


def test_sync_is_incremental(store) -> None:
    assert sync_index(store.conn) == 0
    store.write_documents([Document("حلف جديد", meta={})])
    assert sync_index(store.conn) == 1
    assert search(store.conn, "حلف").total == 4
