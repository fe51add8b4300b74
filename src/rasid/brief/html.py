"""The briefing as one self-contained right-to-left HTML page (inline CSS, chart as a data: URI).

Every value from an article is untrusted and goes through :func:`html.escape`; the chart is
embedded as an ``<img>`` so nothing in it can run as script.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from rasid.brief.data import STANCE_SIGNS
from rasid.brief.text import cell_text, shown_date

_CSS = """
body{font-family:"Noto Naskh Arabic","Amiri","Segoe UI",Tahoma,sans-serif;margin:1.5rem;color:#1d1d1f;
 background:#fbfbfa;line-height:1.6}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
.meta,.legend{color:#555;font-size:.9rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid #d4d4d4;padding:.3rem .45rem;vertical-align:top;text-align:start}
thead th{background:#eef0f3;font-weight:600}
.ltr{direction:ltr;unicode-bidi:isolate}
.en{display:block;color:#666;font-size:.8rem;direction:ltr}
td.support{background:#dcf0dc}td.oppose{background:#f7d9d9}td.hesitant{background:#fbeec8}
td.empty{color:#bbb;text-align:center}
td.conflict{outline:2px dashed #b26b00;outline-offset:-3px}
.sw{display:inline-block;width:.9rem;height:.9rem;border:1px solid #999;vertical-align:middle;margin:0 .3rem}
.sw.support{background:#dcf0dc}.sw.oppose{background:#f7d9d9}.sw.hesitant{background:#fbeec8}
summary{cursor:pointer;direction:ltr;white-space:nowrap}
blockquote{margin:.3rem 0;padding:.2rem .6rem;border-inline-start:3px solid #999;background:#fff;max-width:34rem}
.src{color:#666;font-size:.8rem}
.neg{color:#a00;font-weight:600}
ol.speakers li{margin-bottom:.6rem}
img.chart{max-width:100%;background:#fff;border:1px solid #ddd}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _name(info: dict[str, Any] | None) -> str:
    """Arabic name with the English one under it."""
    if not info:
        return "?"
    ar, en = info.get("name"), info.get("name_en")
    if en and ar and ar != en:
        return f'{_e(ar)}<span class="en">{_e(en)}</span>'
    return _e(ar or en or info.get("id"))


def _source(doc_id: str, title: str | None, record: dict[str, Any]) -> str:
    label = f"{_e(title)} · " if title else ""
    return f'<span class="src">{label}<span class="ltr">{_e(doc_id[:8])} · {_e(shown_date(record))}</span></span>'


def _matrix(briefing: dict[str, Any]) -> str:
    rows = briefing["matrix"]
    if not rows:
        return "<p>لا مواقف في هذه الوثائق. <span class=\"ltr\">(no stances on this topic)</span></p>"
    props = briefing["propositions"]
    head = "".join(f'<th title="{_e(p["id"])}"><span class="ltr">{_e(p["label"])}</span></th>' for p in props)
    body = []
    for r in rows:
        cells = []
        for p in props:
            cell = r["cells"].get(p["id"])
            if not cell:
                cells.append('<td class="empty">·</td>')
                continue
            classes = cell["stance"] + (" conflict" if cell["conflict"] else "")
            tally = ", ".join(f"{n} {k}" for k, n in cell["counts"].items() if n)
            cells.append(
                f'<td class="{_e(classes)}"><details><summary>{_e(cell_text(cell))}</summary>'
                f'<blockquote>{_e(cell["evidence"])}</blockquote>'
                f'{_source(cell["doc_id"], cell["title"], cell)}'
                f'<div class="src ltr">{_e(cell["count"])} stance(s): {_e(tally)}</div></details></td>')
        body.append(f"<tr><th>{_name(r['actor'])}</th>{''.join(cells)}</tr>")
    return (f'<table class="matrix"><thead><tr><th>الفاعل <span class="en">Actor</span></th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def _timeline(briefing: dict[str, Any]) -> str:
    events = briefing["timeline"]
    if not events:
        return '<p class="ltr">(no events)</p>'
    rows = []
    for e in events:
        action = _e(e["action"] or "?")
        if e["negated"]:
            action = f'<span class="neg">NOT</span> {action}'
        if e.get("modality"):
            action += f" <em>({_e(e['modality'])})</em>"
        target = _name(e["target"]) if e["target"] else _e(e.get("target_text") or "")
        code = "/".join(str(x) for x in (e.get("plover"), e.get("code")) if x)
        rows.append(
            f'<tr><td class="ltr">{_e(shown_date(e))}</td><td>{_name(e["actor"])}</td>'
            f'<td class="ltr">{action}</td><td>{target}</td><td>{_name(e["place"]) if e["place"] else ""}</td>'
            f'<td class="ltr">{_e(code)}</td><td><details><summary>{_e(e["doc_id"][:8])}</summary>'
            f'<blockquote>{_e(e["evidence"])}</blockquote></details></td></tr>')
    head = ("<tr><th>التاريخ</th><th>الفاعل</th><th>الفعل</th><th>الهدف</th><th>المكان</th>"
            "<th>PLOVER/CAMEO</th><th>الدليل</th></tr>")
    return f'<table class="timeline"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _speakers(briefing: dict[str, Any]) -> str:
    speakers = briefing["speakers"]
    if not speakers:
        return '<p class="ltr">(no attributed quotes)</p>'
    items = []
    for s in speakers:
        latest = s["latest"]
        items.append(f'<li><strong>{_name(s["speaker"])}</strong> <span class="ltr">×{_e(s["count"])}</span>'
                     f'<blockquote>{_e(latest["text"])}</blockquote>'
                     f'{_source(latest["doc_id"], latest["title"], latest)}</li>')
    return f'<ol class="speakers">{"".join(items)}</ol>'


def _chart(chart: bytes | None, chart_format: str) -> str:
    if not chart:
        return ""
    mime = "image/svg+xml" if chart_format == "svg" else "image/png"
    data = base64.b64encode(chart).decode("ascii")
    return (f'<h2>المواقف عبر الزمن <span class="en">Stances over time</span></h2>'
            f'<img class="chart" alt="stances over time" src="data:{mime};base64,{data}">')


def render_html(briefing: dict[str, Any], *, chart: bytes | None = None, chart_format: str = "svg") -> str:
    """The page; ``chart`` is SVG or PNG bytes to embed inline (``chart_format`` 'svg' or 'png')."""
    topic = briefing.get("topic")
    title = topic["label"] if topic else "all topics"
    c = briefing["counts"]
    span = f"{c['first']} – {c['last']}" if c["first"] else "no dated documents"
    legend = " ".join(f'<span class="sw {k}"></span>{_e(sign)} {_e(k)}' for k, sign in STANCE_SIGNS.items())
    return f"""<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>راصد — موجز {_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>موجز راصد <span class="en">rasid briefing — {_e(title)}</span></h1>
<p class="meta ltr">{_e(c['documents'])} documents, {_e(span)}; {_e(c['stances'])} stances by {_e(c['actors'])} actors,
{_e(c['events'])} events, {_e(c['quotes'])} quotes by {_e(c['speakers'])} speakers</p>
<h2>مصفوفة المواقف <span class="en">Stance matrix — latest stance per actor and proposition</span></h2>
<p class="legend ltr">{legend} · dashed outline: the actor's stances differ · ×N: stances in the cell</p>
{_matrix(briefing)}
{_chart(chart, chart_format)}
<h2>الخط الزمني للأحداث <span class="en">Timeline of events</span></h2>
{_timeline(briefing)}
<h2>أكثر المتحدثين اقتباسا <span class="en">Most-quoted speakers</span></h2>
{_speakers(briefing)}
<p class="src ltr">Generated offline by rasid; every fact names its source document and evidence sentence.</p>
</body>
</html>
"""
