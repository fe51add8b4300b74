"""``rasid serve``: the web UI and JSON API over a store, on the loopback interface by default."""

from __future__ import annotations

import argparse
import sys

from rasid.commands.ingest import DEFAULT_DB


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="browse the store in a web UI (also a JSON API, OpenAPI at /openapi.json)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.errors import RasidError

    try:
        import uvicorn

        from rasid.web.app import create_app
    except ImportError as err:
        raise RasidError(f"the web extra is not installed ({err.name}); pip install 'rasid[web]'") from None
    app = create_app(args.db)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"rasid: warning: serving on {args.host}: anyone who can reach it can read the store",
              file=sys.stderr)
    print(f"rasid: serving {args.db} on http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
