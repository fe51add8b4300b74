"""Helpers for the reliability tests: articles built in code, the CLI as a subprocess, store checks."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "rasid.cli"]

#: Words to build distinct, realistic articles from (names, places, amounts, dates, a quote).
_SUBJECTS = ["وزير الخارجية المصري", "الرئيس الفرنسي", "المتحدث باسم الحكومة", "رئيس الوزراء العراقي",
             "وزيرة المالية", "الأمين العام للأمم المتحدة"]
_PLACES = ["القاهرة", "بغداد", "عمّان", "الرياض", "بيروت", "تونس", "الرباط", "الدوحة"]
_VERBS = ["أكد", "قال", "أعلن", "نفى", "أوضح"]


def article(i: int) -> str:
    """A short news article, different for every ``i``."""
    subject = _SUBJECTS[i % len(_SUBJECTS)]
    place = _PLACES[(i // 3) % len(_PLACES)]
    verb = _VERBS[(i // 5) % len(_VERBS)]
    return (f"{verb} {subject} في {place} يوم {1 + i % 28} مارس 2024 أن الحكومة ستقدم {100 + i} مليون دولار "
            f"لدعم المشاريع. وقال: «نحن ملتزمون بالاتفاق رقم {i}». وارتفعت الأسعار بنسبة {i % 50}٪ "
            f"خلال العام الماضي، بحسب تقرير صدر في {place}.")


def write_articles(folder: Path, n: int, start: int = 0) -> list[str]:
    """n article files (a_00000.txt …); returns their texts in order."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    for i in range(start, start + n):
        text = article(i)
        (folder / f"a_{i:05d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def run_cli(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess[str]:
    """``rasid ARGS`` in a child process (exactly what a user runs)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TQDM_DISABLE": "1"}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=str(REPO), **kwargs)


def popen_cli(*args: str, **kwargs) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TQDM_DISABLE": "1"}
    return subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=str(REPO), **kwargs)


def annotation_key(layer: str, start: int, end: int, label: str, stage: str) -> tuple:
    return (layer, start, end, label, stage)


@pytest.fixture(scope="session")
def expected_annotations():
    """text -> Counter of (layer, start, end, label, stage) from a fresh in-process analysis."""
    from rasid.pipeline import default_pipeline, make_document

    cache: dict[str, Counter] = {}

    def expect(text: str) -> Counter:
        if text not in cache:
            doc = default_pipeline().run_doc(make_document(text))
            cache[text] = Counter(annotation_key(layer, s.start, s.end, s.label, s.stage)
                                  for layer, s in doc.iter_all())
        return cache[text]

    return expect


def integrity(db: Path) -> str:
    conn = sqlite3.connect(str(db))
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def check_whole_documents(db: Path, expect) -> dict[str, str]:
    """Assert every stored document has exactly the annotations a fresh analysis gives; id -> text."""
    from rasid.doc import content_id
    from rasid.stages import STAGE_SPECS

    provided = {layer for spec in STAGE_SPECS for layer in spec.provides}
    conn = sqlite3.connect(str(db))
    try:
        docs = conn.execute("SELECT id, text, layer_names FROM documents").fetchall()
        stored: dict[str, str] = {}
        for doc_id, text, layer_names in docs:
            assert doc_id == content_id(text)
            assert provided <= set(json.loads(layer_names)), doc_id
            rows = conn.execute('SELECT layer, start, "end", label, stage FROM annotations WHERE doc_id = ?',
                                (doc_id,)).fetchall()
            assert Counter(annotation_key(*r) for r in rows) == expect(text), f"half document {doc_id}"
            mentions = conn.execute("SELECT COUNT(*) FROM entity_mentions WHERE doc_id = ?", (doc_id,)).fetchone()[0]
            assert mentions == sum(1 for r in rows if r[0] == "entities"), doc_id
            stored[doc_id] = text
        orphans = conn.execute("SELECT COUNT(*) FROM annotations WHERE doc_id NOT IN (SELECT id FROM documents)")
        assert orphans.fetchone()[0] == 0
        return stored
    finally:
        conn.close()
