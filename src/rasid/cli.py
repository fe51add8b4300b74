"""The ``rasid`` command: a thin layer of subcommands over library functions.

Each subcommand lives in ``rasid/commands/<name>.py`` and exposes
``register(subparsers) -> None``, setting ``func(args) -> int`` as its handler.  Adding a
command is one line in ``COMMAND_MODULES``.  Library errors become one line on stderr and
an exit code: 0 all well, 1 some inputs failed, 2 usage or fatal error.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from rasid.errors import RasidError

COMMAND_MODULES = [
    "rasid.commands.analyze",
    "rasid.commands.ingest",
    "rasid.commands.show",
    "rasid.commands.export",
    "rasid.commands.demo",
    "rasid.commands.train",
    "rasid.commands.bench",
    "rasid.commands.entities",
    "rasid.commands.brief",
    "rasid.commands.batch",
    "rasid.commands.load",
    "rasid.commands.stories",
    "rasid.commands.watch",
    "rasid.commands.search",
    "rasid.commands.serve",
]

EXIT_OK, EXIT_PARTIAL, EXIT_FATAL = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rasid", description="Offline Arabic news intelligence.")
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _version() -> str:
    from rasid import __version__

    return f"rasid {__version__}"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="rasid: %(levelname)s: %(message)s", stream=sys.stderr)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_FATAL
    try:
        return int(args.func(args) or 0)
    except RasidError as err:
        print(f"rasid: error: {err.one_line()}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        print("rasid: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
