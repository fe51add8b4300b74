"""Stances over time as a chart: x = date, y = actor, colour = stance, marker = proposition.

matplotlib is imported here only, and used through a bare ``Figure`` with the Agg canvas (no
pyplot state).  Labels use English names: matplotlib does not shape Arabic, so Arabic labels
would print as disconnected letters.
"""

from __future__ import annotations

import io
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Any

from rasid.errors import InputError

STANCE_COLOURS = {"support": "#2e7d32", "oppose": "#c62828", "hesitant": "#ef8f00"}
_MARKERS = "os^Dv<>PX*hp"
FORMATS = ("svg", "png")


def _as_day(value: str | None) -> Date | None:
    if not value:
        return None
    parts = [int(x) for x in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return Date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _label(info: dict[str, Any]) -> str:
    if info.get("name_en"):
        return str(info["name_en"])
    ascii_id = str(info.get("id", "")).encode("ascii", "ignore").decode().strip(":_")
    return ascii_id or "(unnamed)"


def chart_bytes(briefing: dict[str, Any], fmt: str = "svg") -> bytes:
    """The chart as SVG or PNG bytes."""
    if fmt not in FORMATS:
        raise InputError(f"chart format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    actors = [r["actor"] for r in briefing["matrix"]]
    row_of = {a["id"]: i for i, a in enumerate(actors)}
    props = [p for p in briefing["propositions"]
             if any(s["proposition"] == p["id"] for s in briefing["stances"])]
    marker_of = {p["id"]: _MARKERS[i % len(_MARKERS)] for i, p in enumerate(props)}
    offset_of = {p["id"]: (i - (len(props) - 1) / 2) * min(0.1, 0.6 / max(1, len(props)))
                 for i, p in enumerate(props)}
    points = [(s, _as_day(s["date"])) for s in briefing["stances"] if s["actor"] in row_of]
    points = [(s, day) for s, day in points if day is not None]

    fig = Figure(figsize=(10, max(2.6, 1.6 + 0.38 * len(actors))), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    topic = briefing.get("topic")
    ax.set_title(f"Stances over time — {topic['label'] if topic else 'all topics'}", fontsize=11)
    if not points:
        ax.text(0.5, 0.5, "no dated stances", ha="center", va="center", transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
    else:
        days = sorted({day for _, day in points})
        # a support and an oppose on the same day and proposition must not hide each other
        nudge = timedelta(days=max(1.0, (days[-1] - days[0]).days * 0.006))
        shift = {"support": -nudge, "oppose": nudge, "hesitant": timedelta(0)}
        for s, day in points:
            ax.scatter([day + shift[s["stance"]]], [row_of[s["actor"]] + offset_of[s["proposition"]]], s=46,
                       c=STANCE_COLOURS[s["stance"]], marker=marker_of[s["proposition"]],
                       edgecolors="black", linewidths=0.4, zorder=3)
        ax.set_yticks(range(len(actors)), [_label(a) for a in actors], fontsize=8)
        ax.set_ylim(len(actors) - 0.5, -0.5)
        ax.grid(True, axis="both", color="#e3e3e3", zorder=0)
        if len(days) == 1:
            ax.set_xlim(days[0] - timedelta(days=30), days[0] + timedelta(days=30))
        fig.autofmt_xdate()
        stance_handles = [Line2D([], [], marker="o", linestyle="", color=colour, label=name)
                          for name, colour in STANCE_COLOURS.items()]
        prop_handles = [Line2D([], [], marker=marker_of[p["id"]], linestyle="", color="#555",
                               label=str(p["label"])) for p in props]
        ax.legend(handles=stance_handles + prop_handles, fontsize=7, loc="upper left",
                  bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else None
    fig.savefig(buffer, format=fmt, bbox_inches="tight", metadata=metadata)
    return buffer.getvalue()


def chart_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InputError("chart file must end in .svg or .png", path=str(path))
    return suffix


def draw_chart(briefing: dict[str, Any], path: str | Path) -> str:
    """Write the chart to ``path``; the suffix (.svg or .png) picks the format."""
    fmt = chart_format(path)
    Path(path).write_bytes(chart_bytes(briefing, fmt))
    return str(path)
