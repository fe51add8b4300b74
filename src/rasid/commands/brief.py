"""``rasid brief``: the analyst's briefing over a store — stance matrix, timeline, top speakers.

Prints text (or ``--json``) to stdout; ``--html`` writes a self-contained RTL page with the
chart inside, ``--chart`` writes the chart alone (.svg or .png).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from rasid.commands.ingest import DEFAULT_DB

_DATE_ARG = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?$")


def _date_arg(value: str) -> str:
    if not _DATE_ARG.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brief", help="the analyst's briefing: stance matrix, event timeline, top speakers")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("--topic", metavar="PROFILE_ID", help="topic profile id (default: every profile)")
    p.add_argument("--html", metavar="OUT.html", help="also write a self-contained HTML page")
    p.add_argument("--chart", metavar="OUT.svg|png", help="also write the stance chart (SVG or PNG)")
    p.add_argument("--json", action="store_true", help="print the briefing as JSON instead of text")
    p.add_argument("--from", dest="date_from", type=_date_arg, metavar="DATE", help="first date (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_date_arg, metavar="DATE", help="last date (YYYY-MM-DD)")
    p.add_argument("--events", type=int, default=40, metavar="N",
                   help="timeline entries printed as text, latest first kept (default 40; 0 = all)")
    p.add_argument("--speakers", type=int, default=10, metavar="N", help="top speakers (default 10; 0 = all)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.brief import build_briefing, render_html, render_text
    from rasid.store import Store

    chart_fmt = None
    if args.chart:
        from rasid.brief.chart import chart_format

        chart_fmt = chart_format(args.chart)  # a bad suffix fails before any work
    with Store(args.db, create=False) as store:
        briefing = build_briefing(store, args.topic, date_from=args.date_from, date_to=args.date_to,
                                  top_speakers=args.speakers or None)
    if args.chart:
        from rasid.brief.chart import chart_bytes

        Path(args.chart).write_bytes(chart_bytes(briefing, chart_fmt or "svg"))
        print(f"chart written to {args.chart}", file=sys.stderr)
    if args.html:
        from rasid.brief.chart import chart_bytes

        page = render_html(briefing, chart=chart_bytes(briefing, "svg"), chart_format="svg")
        Path(args.html).write_text(page, encoding="utf-8")
        print(f"HTML briefing written to {args.html}", file=sys.stderr)
    if args.json:
        json.dump(briefing, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(briefing, max_events=args.events or None))
    return 0
