"""The briefing as terminal text and as a self-contained RTL HTML page."""

from __future__ import annotations

import re

from test_brief_data import corpus

from rasid.brief import build_briefing, render_html, render_text


def _briefing() -> dict:
    return build_briefing(corpus(), "ukraine_security")


def test_text_shows_matrix_evidence_timeline_and_speakers() -> None:
    docs = corpus()
    lines = render_text(build_briefing(docs, "ukraine_security")).splitlines()
    a, b, c = (d.id[:8] for d in docs)
    expected = [
        "rasid brief — Ukraine's security after 2022 (ukraine_security)",
        "3 documents, 2024-12-01 … 2025-03-01; 4 stances by 2 actors, 3 events, 3 quotes by 2 speakers",
        "  [1] Ukraine joins NATO",
        "  [2] US troops deployed in Ukraine",
        "  Actor          [1]               [2]",
        "  United States  + 2025-03-01 ×2!  − 2025-04-01  الولايات المتحدة",
        "  Mark Rutte     + 2025-01-10      ·             مارك روته",
        f"  United States · Ukraine joins NATO: + support, 2025-03-01, {b}",
        "      2 stances: 1 support, 1 oppose  — positions differ",
        "      «أيدت الولايات المتحدة انضمام أوكرانيا.»",
        f"  United States · US troops deployed in Ukraine: − oppose, 2025-04-01, {c}",
        f"  Mark Rutte · Ukraine joins NATO: + support, 2025-01-10, {a} Article A",
        "Timeline (3 events)",
        f"  2025-01-05 United States reject → Ukraine [REJECT/12] {a}  «رفضت واشنطن عضوية أوكرانيا في الناتو.»",
        f"  2025-01-10 United States NOT deploy (future) → “قوات” [MOBILIZE/15] {a}  «لن ترسل الولايات المتحدة قوات.»",
        f"  2025-03-01 Mark Rutte statement [01] {b}  «قال روته إن الضمانات الأمنية قادمة.»",
        "     2  Mark Rutte — مارك روته  (2 docs)",
        f"        latest 2025-03-01, {b}: «قال روته إن الضمانات الأمنية قادمة.»",
    ]
    for line in expected:
        assert line in lines, line
    # order of sections: matrix, evidence, timeline, speakers
    heads = [i for i, line in enumerate(lines) if line.startswith(("Stance matrix", "Evidence", "Timeline",
                                                                   "Most-quoted"))]
    assert [lines[i].split()[0] for i in heads] == ["Stance", "Evidence", "Timeline", "Most-quoted"]


def test_text_keeps_only_the_latest_events_when_asked() -> None:
    text = render_text(_briefing(), max_events=1)
    assert "Timeline (3 events; the latest 1 shown)" in text
    assert "2025-01-05" not in text


def test_text_without_stances_says_so() -> None:
    text = render_text(build_briefing([], "ukraine_security"))
    assert "  (no stances on this topic in these documents)" in text.splitlines()
    assert "0 documents, no dated documents;" in text


def test_html_is_rtl_self_contained_and_escapes_article_text() -> None:
    page = render_html(_briefing(), chart=b"<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    assert page.startswith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; دعم روته الانضمام." in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing fetched from outside
    assert "<style>" in page and "<link" not in page
    assert 'src="data:image/svg+xml;base64,' in page
    # the conflicting cell is colour-coded, flagged and carries its evidence in a <details>
    assert ('<td class="support conflict"><details><summary>+ 2025-03-01 ×2!</summary>'
            "<blockquote>أيدت الولايات المتحدة انضمام أوكرانيا.</blockquote>") in page
    assert '<td class="oppose"><details><summary>− 2025-04-01</summary>' in page
    assert "الولايات المتحدة<span class=\"en\">United States</span>" in page
    assert '<span class="neg">NOT</span> deploy <em>(future)</em>' in page


def test_html_escapes_names_and_titles_too() -> None:
    docs = corpus()
    docs[0].meta["title"] = '"><img src=x onerror=alert(1)>'
    docs[0].objects["entities"]["per:mark_rutte"]["name"] = "<b>روته</b>"
    page = render_html(build_briefing(docs, "ukraine_security"))
    assert "<img src=x" not in page and "<b>روته" not in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;روته&lt;/b&gt;" in page
