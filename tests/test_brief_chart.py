"""The stance chart: matplotlib (Agg) writes SVG or PNG; importing rasid.brief loads no matplotlib."""

from __future__ import annotations

import subprocess
import sys

import pytest
from test_brief_data import corpus

from rasid.brief import build_briefing, draw_chart
from rasid.brief.chart import chart_bytes
from rasid.errors import InputError


def test_svg_chart_is_written(tmp_path) -> None:
    out = tmp_path / "stances.svg"
    assert draw_chart(build_briefing(corpus(), "ukraine_security"), str(out)) == str(out)
    data = out.read_text("utf-8")
    assert data.lstrip().startswith(("<?xml", "<svg"))
    assert "<svg" in data and len(data) > 1000


def test_png_chart_is_written(tmp_path) -> None:
    out = tmp_path / "stances.png"
    draw_chart(build_briefing(corpus(), "ukraine_security"), str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_without_stances_still_draws() -> None:
    assert chart_bytes(build_briefing([], "ukraine_security"), "svg").startswith(b"<?xml")


def test_chart_refuses_other_formats(tmp_path) -> None:
    with pytest.raises(InputError, match=r"\.svg or \.png"):
        draw_chart(build_briefing(corpus()), str(tmp_path / "x.jpg"))


def test_import_does_not_load_matplotlib() -> None:
    code = "import sys, rasid.brief, rasid.commands.brief; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
