"""Incremental story clustering over the store (tables ``stories`` and ``story_members``)."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rasid.dedup.finder import clean_key
from rasid.dedup.store import iter_texts

_WORD = re.compile(r"[^\W\d_]{3,}")
TOP_TERMS = 25


@dataclass
class Article:
    id: str
    title: str | None
    published: str | None
    terms: Counter
    entities: Counter
    quotes: list[dict[str, Any]]
    vector: dict[str, float] = field(default_factory=dict)
    evec: dict[str, float] = field(default_factory=dict)


@dataclass
class Story:
    id: str
    members: list[tuple[str, float]] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None
    touched: bool = False

    def add(self, art: Article, score: float) -> None:
        self.members.append((art.id, score))
        for t, w in art.vector.items():
            self.centroid[t] = self.centroid.get(t, 0.0) + w
        for e, w in art.evec.items():
            self.entities[e] = self.entities.get(e, 0.0) + w
        if art.published:
            self.first = min(self.first or art.published, art.published)
            self.last = max(self.last or art.published, art.published)
        self.touched = True


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {k: w / norm for k, w in weights.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / nb if nb else 0.0  # ``a`` is already unit length


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def load_articles(store) -> dict[str, Article]:
    conn = store.conn
    entities: dict[str, Counter] = defaultdict(Counter)
    for doc_id, eid in conn.execute("SELECT doc_id, entity_id FROM entity_mentions"):
        entities[doc_id][eid] += 1
    quotes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc_id, start, end, attrs in conn.execute(
            "SELECT doc_id, start, \"end\", attrs FROM annotations WHERE layer = 'quotes' ORDER BY doc_id, start"):
        speaker = json.loads(attrs).get("speaker")
        quotes[doc_id].append({"doc_id": doc_id, "start": start, "end": end, "speaker": speaker})
    titles = dict(conn.execute("SELECT id, title FROM documents"))
    out = {}
    for doc_id, text, published, noise in iter_texts(store):
        title = titles.get(doc_id)
        words = _WORD.findall(clean_key(text, noise) + " " + clean_key(title or ""))
        out[doc_id] = Article(doc_id, title, published, Counter(words), entities.get(doc_id, Counter()),
                              quotes.get(doc_id, []))
    return out


class StoryClusterer:
    """Places articles (oldest first) into stories; the weights and threshold are the knobs."""

    def __init__(self, articles: dict[str, Article], *, threshold: float = 0.35, window_days: int = 3,
                 text_weight: float = 0.6) -> None:
        self.articles = articles
        self.threshold, self.window, self.text_weight = threshold, window_days, text_weight
        n = max(1, len(articles))
        df: Counter = Counter()
        edf: Counter = Counter()
        for art in articles.values():
            df.update(art.terms.keys())
            edf.update(art.entities.keys())
        idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
        eidf = {e: math.log((1 + n) / (1 + c)) + 1 for e, c in edf.items()}
        for art in articles.values():
            art.vector = _normalised({t: (1 + math.log(c)) * idf[t] for t, c in art.terms.items()})
            art.evec = _normalised({e: (1 + math.log(c)) * eidf[e] for e, c in art.entities.items()})
        self.stories: dict[str, Story] = {}
        self.index: dict[str, set[str]] = defaultdict(set)  # top term / entity -> story ids

    def _keys(self, art: Article) -> list[str]:
        top = sorted(art.vector.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        return [f"t:{t}" for t, _ in top] + [f"e:{e}" for e in art.evec]

    def similarity(self, art: Article, story: Story) -> float:
        text = _cosine(art.vector, story.centroid)
        ent = _cosine(art.evec, story.entities) if art.evec and story.entities else 0.0
        return self.text_weight * text + (1 - self.text_weight) * ent

    def place(self, art: Article, story_id: str | None = None) -> tuple[str, float]:
        """Put ``art`` in ``story_id`` (a stored membership) or in the best story, or a new one."""
        if story_id is None:
            best: tuple[float, str] | None = None
            candidates = set().union(*(self.index.get(k, set()) for k in self._keys(art)))
            for sid in sorted(candidates):
                story = self.stories[sid]
                gap = min((d for d in (_days(art.published, story.first), _days(art.published, story.last))
                           if d is not None), default=None)
                if gap is not None and gap > self.window:
                    continue
                score = self.similarity(art, story)
                if score >= self.threshold and (best is None or score > best[0]):
                    best = (score, sid)
            story_id, score = (best[1], best[0]) if best else (f"s-{art.id[:12]}", 1.0)
        else:
            score = self.similarity(art, self.stories[story_id]) if story_id in self.stories else 1.0
        story = self.stories.setdefault(story_id, Story(story_id))
        story.add(art, round(score, 4))
        for key in self._keys(art):
            self.index[key].add(story_id)
        return story_id, score

    def summary(self, story: Story, top_entities: int = 10, top_quotes: int = 10) -> dict[str, Any]:
        arts = [self.articles[d] for d, _ in story.members]
        centre = _normalised(story.centroid)
        central = max(arts, key=lambda a: (_cosine(a.vector, centre) if a.vector else 0.0, a.id))
        counts: Counter = Counter()
        for a in arts:
            counts.update(a.entities)
        quotes = [q for a in arts for q in a.quotes if q["speaker"]][:top_quotes]
        return {"id": story.id, "title": central.title, "central_doc": central.id, "first_date": story.first,
                "last_date": story.last, "size": len(arts), "articles": [a.id for a in arts],
                "entities": [{"id": e, "mentions": c} for e, c in
                             sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top_entities]],
                "quotes": quotes}


def update_stories(store, *, threshold: float = 0.35, window_days: int = 3, text_weight: float = 0.6
                   ) -> dict[str, int]:
    """Place every article not yet in a story; stored memberships stay.  Returns counts."""
    articles = load_articles(store)
    conn = store.conn
    stored = dict(conn.execute("SELECT doc_id, story_id FROM story_members"))
    clusterer = StoryClusterer(articles, threshold=threshold, window_days=window_days, text_weight=text_weight)
    ordered = sorted(articles.values(), key=lambda a: (a.published is None, a.published or "", a.id))
    new_rows = []
    for art in ordered:
        if art.id in stored:
            clusterer.place(art, stored[art.id])
    for story in clusterer.stories.values():
        story.touched = False
    for art in ordered:
        if art.id not in stored:
            sid, score = clusterer.place(art)
            new_rows.append((sid, art.id, round(score, 4)))
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute("BEGIN IMMEDIATE")
    try:
        for story in clusterer.stories.values():
            if not story.touched:
                continue
            s = clusterer.summary(story)
            data = {"entities": s["entities"], "quotes": s["quotes"]}
            conn.execute("INSERT INTO stories (id, title, first_date, last_date, size, central_doc, data, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
                         "first_date = excluded.first_date, last_date = excluded.last_date, size = excluded.size, "
                         "central_doc = excluded.central_doc, data = excluded.data, updated_at = excluded.updated_at",
                         (s["id"], s["title"], s["first_date"], s["last_date"], s["size"], s["central_doc"],
                          json.dumps(data, ensure_ascii=False), now))
        conn.executemany("INSERT INTO story_members (story_id, doc_id, score) VALUES (?, ?, ?)", new_rows)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return {"articles": len(articles), "placed": len(new_rows),
            "stories": len(clusterer.stories), "touched": sum(s.touched for s in clusterer.stories.values())}


def list_stories(store, *, min_size: int = 2) -> list[dict[str, Any]]:
    conn = store.conn
    members: dict[str, list[str]] = defaultdict(list)
    for sid, doc_id in conn.execute(
            "SELECT m.story_id, m.doc_id FROM story_members m JOIN documents d ON d.id = m.doc_id "
            "ORDER BY m.story_id, d.published, d.id"):
        members[sid].append(doc_id)
    out = []
    for sid, title, first, last, size, central, data in conn.execute(
            "SELECT id, title, first_date, last_date, size, central_doc, data FROM stories WHERE size >= ? "
            "ORDER BY size DESC, last_date DESC, id", (min_size,)):
        out.append({"id": sid, "title": title, "first_date": first, "last_date": last, "size": size,
                    "central_doc": central, "articles": members.get(sid, []), **json.loads(data)})
    return out
