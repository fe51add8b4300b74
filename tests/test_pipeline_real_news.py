"""Real news through the whole pipeline: no stage fails on any article (a failure is reported and
the article kept, so only a test like this notices a stage that breaks on ordinary text)."""

from __future__ import annotations

import email.utils
import json
from pathlib import Path

from rasid.doc import Document
from rasid.pipeline import default_pipeline

N_ARTICLES = 60


def _international_news(shared: Path) -> list[tuple[str, str, str]]:
    out = []
    with (shared / "data/news/ant_multisource/articles.jsonl").open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["category"] in ("internationalNews", "middleEast"):
                published = email.utils.parsedate_to_datetime(record["date"]).date().isoformat()
                out.append((record["id"], record["text"], published))
                if len(out) == N_ARTICLES:
                    break
    return out


def test_no_stage_fails_on_real_international_news(shared_dir: Path) -> None:
    pipeline = default_pipeline()
    failed, names = [], 0
    for article_id, text, published in _international_news(shared_dir):
        doc = Document(text=text, meta={"published": published})
        pipeline.run_doc(doc)
        out = doc.to_dict()
        failed += [(article_id, f["stage"], f["message"]) for f in out.get("failures") or []]
        names += sum(len(entity["mentions"]) for entity in out["entities"])
    assert failed == []
    assert names > 10 * N_ARTICLES  # the articles were read, not skipped
