"""Feed files become documents; ``watch`` ingests new or changed files once, across restarts."""

from __future__ import annotations

import os
from pathlib import Path

from rasid.ingest import read_inputs
from rasid.ingest.feeds import looks_like_feed, read_feed_items

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>أخبار</title>
<item><title>افتتاح مستشفى في جدة</title><link>https://news.test/1</link>
<description>&lt;p&gt;افتتحت وزارة الصحة مستشفى جديداً في جدة.&lt;/p&gt;&lt;p&gt;ويضم خمسمائة سرير.&lt;/p&gt;</description>
<pubDate>Tue, 05 Mar 2024 10:00:00 +0300</pubDate></item>
<item><title>بلا وصف</title><link>https://news.test/2</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>موجز</title>
<entry><title>فوز المنتخب</title><link rel="alternate" href="https://sport.test/a"/>
<updated>2024-03-06T08:00:00Z</updated><summary>فاز المنتخب السعودي على اليابان بهدفين.</summary></entry>
</feed>"""


def test_feed_items():
    assert looks_like_feed(RSS) and looks_like_feed(ATOM) and not looks_like_feed("<html><body>x</body></html>")
    assert read_feed_items(RSS, "f.rss") == [
        {"title": "افتتاح مستشفى في جدة", "url": "https://news.test/1",
         "text": "افتتحت وزارة الصحة مستشفى جديداً في جدة.\nويضم خمسمائة سرير.", "published": "2024-03-05"},
        {"title": "بلا وصف", "url": "https://news.test/2", "text": "", "published": None},
    ]
    assert read_feed_items(ATOM, "f.atom") == [
        {"title": "فوز المنتخب", "url": "https://sport.test/a", "text": "فاز المنتخب السعودي على اليابان بهدفين.",
         "published": "2024-03-06T08:00:00Z"},
    ]


def test_ingest_reads_feed_files(tmp_path: Path):
    (tmp_path / "a.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "b.xml").write_text(ATOM, encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "a.rss"), str(tmp_path / "b.xml")]))
    docs = [i for i in items if hasattr(i, "text")]
    errors = [i for i in items if not hasattr(i, "text")]
    assert [(d.meta["title"], d.meta["url"], d.meta["published"]) for d in docs] == [
        ("افتتاح مستشفى في جدة", "https://news.test/1", "2024-03-05"),
        ("فوز المنتخب", "https://sport.test/a", "2024-03-06")]
    assert [(e.code, e.path) for e in errors] == [("E101", f"{tmp_path / 'a.rss'}#item2")]


def test_watch_once_survives_restart(tmp_path: Path):
    from rasid.commands.watch import watch_once
    from rasid.pipeline import Pipeline
    from rasid.store import Store

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.rss").write_text(RSS, encoding="utf-8")
    (inbox / "n.txt").write_text("خبر أول عن الطقس في الرياض اليوم.", encoding="utf-8")
    old = os.stat(inbox / "n.txt").st_mtime - 10
    for name in ("a.rss", "n.txt"):
        os.utime(inbox / name, (old, old))
    pipeline = Pipeline(["boilerplate", "sentences"])
    db = tmp_path / "w.db"
    with Store(db) as store:
        first = watch_once(str(inbox), store, pipeline)
        assert (len(first.files), first.stored, first.failed) == (2, 2, 1)
        assert watch_once(str(inbox), store, pipeline).unchanged == 2
    (inbox / "m.txt").write_text("خبر ثان عن الاقتصاد.", encoding="utf-8")
    with Store(db) as store:  # a restart: the store remembers what it saw
        fresh = watch_once(str(inbox), store, pipeline, now=os.stat(inbox / "m.txt").st_mtime + 0.1)
        assert (fresh.files, fresh.unchanged, fresh.settling) == ([], 2, 1)
        later = watch_once(str(inbox), store, pipeline, now=os.stat(inbox / "m.txt").st_mtime + 5)
        assert ([Path(f).name for f in later.files], later.stored) == (["m.txt"], 1)
        (inbox / "n.txt").write_text("خبر أول عن الطقس في الرياض اليوم.", encoding="utf-8")  # same text, touched
        again = watch_once(str(inbox), store, pipeline, now=os.stat(inbox / "n.txt").st_mtime + 5)
        assert (again.stored, again.present) == (0, 1)
        assert store.count() == 3
