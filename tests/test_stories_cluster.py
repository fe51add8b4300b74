"""Stories: same happening grouped, date window respected, new articles join incrementally."""

from __future__ import annotations

from rasid.doc import Document, Span
from rasid.store import Store
from rasid.stories import list_stories, update_stories

HOSPITAL = [
    "افتتحت وزارة الصحة مستشفى جديدا في جدة بسعة خمسمائة سرير، وقال الوزير إن المستشفى يخدم سكان جدة.",
    "وزير الصحة يفتتح مستشفى جدة الجديد بسعة خمسمائة سرير ويؤكد أن المستشفى سيخدم آلاف المرضى.",
    "مستشفى جدة الجديد: وزارة الصحة تفتتح خمسمائة سرير وتعلن توظيف ألفي ممرض في المستشفى.",
]
MATCH = [
    "فاز المنتخب السعودي على المنتخب الياباني بهدفين مقابل هدف في مباراة الرياض أمس.",
    "المنتخب السعودي يهزم اليابان بهدفين لهدف في الرياض ويتأهل إلى نهائي البطولة.",
    "بعد الفوز على اليابان بهدفين، المنتخب السعودي يستعد لنهائي البطولة في الرياض.",
]


def _doc(text: str, published: str, title: str, entities: dict[str, str]) -> Document:
    doc = Document(text=text, meta={"published": published, "title": title})
    spans = []
    for name, eid in entities.items():
        at = text.find(name)
        if at >= 0:
            spans.append(Span(at, at + len(name), "entity", {"id": eid, "type": eid.split(":")[0].upper()}))
    doc.add("entities", spans)
    doc.objects["entities"] = {eid: {"id": eid, "name": name} for name, eid in entities.items()}
    return doc


ENT_H = {"وزارة الصحة": "org:moh", "جدة": "gpe:jeddah"}
ENT_M = {"المنتخب السعودي": "org:ksa_team", "الرياض": "gpe:riyadh"}


def test_stories_grouping_and_increment(tmp_path):
    h = [_doc(t, d, f"h{i}", ENT_H) for i, (t, d) in enumerate(zip(HOSPITAL, ["2024-01-01", "2024-01-02",
                                                                              "2024-01-02"], strict=True))]
    m = [_doc(t, "2024-01-01", f"m{i}", ENT_M) for i, t in enumerate(MATCH[:2])]
    late = _doc(HOSPITAL[0] + " ", "2024-02-20", "late", ENT_H)  # same words, weeks later: another story
    with Store(tmp_path / "s.db") as store:
        store.write_documents([*h, *m, late])
        counts = update_stories(store)
        assert counts["placed"] == 6
        stories = {frozenset(s["articles"]): s for s in list_stories(store, min_size=1)}
        assert set(stories) == {frozenset(d.id for d in h), frozenset(d.id for d in m), frozenset([late.id])}
        hs = stories[frozenset(d.id for d in h)]
        assert (hs["first_date"], hs["last_date"], hs["size"]) == ("2024-01-01", "2024-01-02", 3)
        assert hs["title"] in {"h0", "h1", "h2"}
        assert [e["id"] for e in hs["entities"]] == ["gpe:jeddah", "org:moh"]
        before = {s["id"]: s["articles"] for s in list_stories(store, min_size=1)}
        new = _doc(MATCH[2], "2024-01-02", "m2", ENT_M)
        store.write_documents([new])
        assert update_stories(store)["placed"] == 1
        after = {s["id"]: s["articles"] for s in list_stories(store, min_size=1)}
        match_id = next(sid for sid, arts in before.items() if m[0].id in arts)
        assert set(after[match_id]) == {*before[match_id], new.id}
        assert {k: v for k, v in after.items() if k != match_id} == \
            {k: v for k, v in before.items() if k != match_id}
