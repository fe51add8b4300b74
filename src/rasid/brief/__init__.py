"""The analyst's briefing: who stands where on a topic, what happened when, who is quoted most.

:func:`build_briefing` turns an iterable of analysed Documents into a plain JSON-ready dict
(shared by ``rasid brief`` and the web API); :func:`render_text`, :func:`render_html` and
:func:`draw_chart` present that dict.  matplotlib is imported only when a chart is drawn.
"""

from __future__ import annotations

from rasid.brief.data import STANCE_SIGNS, build_briefing, topic_catalogue
from rasid.brief.html import render_html
from rasid.brief.text import render_text


def draw_chart(briefing: dict, path: str, **kwargs: object) -> str:
    """Draw the stance timeline to ``path`` (.svg or .png); see :mod:`rasid.brief.chart`."""
    from rasid.brief.chart import draw_chart as _draw

    return _draw(briefing, path, **kwargs)  # type: ignore[arg-type]


__all__ = ["STANCE_SIGNS", "build_briefing", "draw_chart", "render_html", "render_text", "topic_catalogue"]
