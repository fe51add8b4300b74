"""Near-duplicate finder: perturbed copies found, unrelated texts never linked, links stored."""

from __future__ import annotations

import json
import random

from rasid.dedup import DuplicateFinder, clean_key
from rasid.dedup.bench import perturb

PARAS = [
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة خمسمائة سرير لخدمة سكان المنطقة.",
    "وقال وزير الصحة إن المستشفى سيضم أقساماً متخصصة في أمراض القلب والأورام والعناية المركزة للأطفال.",
    "وأضاف أن تكلفة المشروع بلغت مليار ريال وأنه سيوفر أكثر من ألفي وظيفة للمواطنين في القطاع الصحي.",
    "ويأتي افتتاح المستشفى ضمن خطة الوزارة لتوسيع الخدمات الصحية في جميع مناطق المملكة خلال السنوات المقبلة.",
]
OTHER = ("فاز المنتخب الوطني لكرة القدم على نظيره الياباني بهدفين مقابل هدف في المباراة التي أقيمت مساء "
         "أمس على ملعب الملك فهد الدولي بحضور جماهيري كبير، وسجل الأهداف لاعبو خط الهجوم في الشوط الثاني.")


def test_clean_key_drops_ranges_and_folds():
    text = "إلى المدرسة\nاقرأ أيضا\nعلى الطاولةِ"
    start = text.index("اقرأ")
    assert clean_key(text, [(start, start + len("اقرأ أيضا"))]) == "الي المدرسه علي الطاوله"


def test_exact_near_and_unrelated():
    original = "\n".join(PARAS)
    finder = DuplicateFinder()
    assert finder.add("a", original) is None
    assert finder.add("b", OTHER) is None
    same = original.replace("إ", "ا").replace("ة", "ه")  # only spellings differ: exact after folding
    assert finder.add("c", same).kind == "exact"
    reordered = "\n".join([PARAS[2], PARAS[0], "شارك هذا الخبر مع أصدقائك", PARAS[1]])
    link = finder.add("d", reordered)
    assert (link.duplicate_of, link.kind) == ("a", "near")
    assert 0.6 <= link.score <= 1.0
    assert finder.add("e", OTHER + " وأعلن المدرب تشكيلة الفريق.").duplicate_of == "b"


def test_perturbed_real_articles(shared_dir):
    rng = random.Random(5)
    with open(shared_dir / "data/news/ant_multisource/articles.jsonl", encoding="utf-8") as fh:
        articles = [json.loads(line) for _, line in zip(range(60), fh, strict=False)]
    articles = [a for a in articles if len(a["text"]) >= 300][:40]
    finder = DuplicateFinder()
    links = [finder.add(f"o{i}", a["text"]) for i, a in enumerate(articles)]
    assert [x for x in links if x is not None] == []
    found = sum(1 for i, a in enumerate(articles)
                if (x := finder.find(f"c{i}", perturb(a["text"], "all", rng))) and x.duplicate_of == f"o{i}")
    assert found >= 38


def test_links_in_store(tmp_path):
    from rasid.dedup.store import link_store_duplicates, stored_links
    from rasid.pipeline import make_document
    from rasid.store import Store

    docs = [make_document("\n".join(PARAS), published="2024-01-01", title="a"),
            make_document("\n".join(reversed(PARAS)), published="2024-01-02", title="b"),
            make_document(OTHER, published="2024-01-01", title="c")]
    with Store(tmp_path / "d.db") as store:
        store.write_documents(docs)
        links = link_store_duplicates(store)
        assert [(x.doc_id, x.duplicate_of, x.kind) for x in links] == [(docs[1].id, docs[0].id, "near")]
        assert stored_links(store)[docs[1].id]["duplicate_of"] == docs[0].id
