"""Server-side HTML pieces: the marked-up article and small SVG charts, built from escaped parts.

Article text is untrusted: every piece of it goes through ``html.escape`` and the only markup
is what this module writes, so ``<script>``, ``onerror=`` or ``javascript:`` in a text stay text.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

#: layer -> css class; entities become links to their pages
MARKED = {"quotes": "quote", "amounts": "amount", "dates": "date"}
NOISE = {"boilerplate": "noise", "duplicates": "noise dup"}


def entity_href(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe=":")


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are made clickable."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def article_html(doc: dict[str, Any]) -> Markup:
    """The article text with entities, quotes, amounts, dates and noise marked, as safe HTML."""
    text: str = doc["text"]
    spans: list[tuple[int, int, str, dict[str, Any]]] = []
    for layer, css in {**MARKED, **NOISE}.items():
        for s in doc.get(layer, []):
            spans.append((s["start"], s["end"], layer, {"css": css}))
    for ent in doc.get("entities", []):
        for m in ent["mentions"]:
            spans.append((m["start"], m["end"], "entities", {"id": ent["id"], "type": ent.get("type") or "",
                                                             "name": ent.get("name") or ""}))
    bounds = sorted({0, len(text), *(a for a, _, _, _ in spans), *(b for _, b, _, _ in spans)})
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        piece = escape(text[a:b])
        covering = [s for s in spans if s[0] <= a and b <= s[1] and s[0] < s[1]]
        classes = sorted({s[3]["css"] for s in covering if "css" in s[3]})
        ents = [s for s in covering if s[2] == "entities"]
        if ents:
            e = max(ents, key=lambda s: s[0])[3]  # the innermost (latest starting) mention
            piece = (f'<a class="ent ent-{escape(e["type"].lower())}" href="{escape(entity_href(e["id"]))}" '
                     f'data-entity="{escape(e["id"])}" title="{escape(e["name"])}">{piece}</a>')
        if classes:
            piece = f'<span class="{escape(" ".join(classes))}">{piece}</span>'
        out.append(piece)
    return Markup("".join(out))


def bar_chart(points: list[dict[str, Any]], width: int = 520, height: int = 140) -> Markup:
    """Counts by date as an inline SVG bar chart (drawn left to right in time)."""
    if not points:
        return Markup("")
    top = max(p["count"] for p in points) or 1
    n = len(points)
    gap = 4
    bar = max(4.0, (width - 40 - gap * n) / n)
    parts = [f'<svg class="chart" role="img" aria-label="mentions by date" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" direction="ltr">']
    for i, p in enumerate(points):
        h = (height - 40) * p["count"] / top
        x = 20 + i * (bar + gap)
        y = height - 25 - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#3b6ea5">'
                     f'<title>{escape(p["date"])}: {int(p["count"])}</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="10" text-anchor="middle">'
                     f'{int(p["count"])}</text>')
        if n <= 12 or i % math.ceil(n / 12) == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - 8}" font-size="9" text-anchor="middle">'
                         f'{escape(p["date"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


_TYPE_COLOURS = {"PER": "#c0392b", "ORG": "#2471a3", "GPE": "#1e8449", "LOC": "#7d6608", "EVENT": "#7d3c98"}


def network_svg(net: dict[str, Any], size: int = 640) -> Markup:
    """Entities on a circle, edges weighted by shared documents; each node links to its entity page."""
    nodes = net["nodes"]
    if not nodes:
        return Markup("")
    c = size / 2
    r = size / 2 - 90
    pos = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes) - math.pi / 2
        pos[node["id"]] = (c + r * math.cos(angle), c + r * math.sin(angle))
    top_edge = max((e["documents"] for e in net["edges"]), default=1)
    top_node = max(n["documents"] for n in nodes) or 1
    parts = [f'<svg class="network" role="img" aria-label="co-occurrence network" viewBox="0 0 {size} {size}" '
             f'width="{size}" height="{size}">']
    for e in net["edges"]:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        w = 0.5 + 3.5 * e["documents"] / top_edge
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#9aa7b4" '
                     f'stroke-width="{w:.2f}" stroke-opacity="0.6"><title>{int(e["documents"])}</title></line>')
    for node in nodes:
        x, y = pos[node["id"]]
        rad = 4 + 8 * node["documents"] / top_node
        colour = _TYPE_COLOURS.get(str(node.get("type")), "#566573")
        anchor = "start" if x >= c else "end"
        dx = rad + 3 if x >= c else -(rad + 3)
        parts.append(f'<a href="{escape(entity_href(node["id"]))}"><circle cx="{x:.1f}" cy="{y:.1f}" '
                     f'r="{rad:.1f}" fill="{colour}"><title>{escape(node["name"] or node["id"])}</title></circle>'
                     f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" font-size="12" text-anchor="{anchor}">'
                     f'{escape(node["name"] or node["id"])}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
