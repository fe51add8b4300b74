"""``rasid show DOC_ID``: one stored document with its annotations marked inline, then its facts."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rasid.commands.ingest import DEFAULT_DB
from rasid.doc import Document, Span

#: Layers marked inline: (layer, ANSI colour code).  Others appear only in the facts list.
INLINE = {"quotes": "35", "entities": "36", "amounts": "32", "dates": "33"}
NOISE = ("boilerplate", "duplicates")
_RESET = "\x1b[0m"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="print one stored document with its annotations marked")
    p.add_argument("doc_id", help="document id (or a unique prefix of one)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="ANSI colours (default: when stdout is a terminal)")
    p.set_defaults(func=run)


def _tag(doc: Document, layer: str, span: Span) -> str:
    a = span.attrs
    if layer == "entities":
        return f"{a.get('type', '?')}:{a.get('id', '?')}"
    if layer == "quotes":
        from rasid.report import entity_name

        return f"quote {entity_name(doc, a.get('speaker'))}"
    if layer in ("amounts", "dates"):
        unit = f" {a['unit']}" if a.get("unit") else ""
        return f"{layer[:-1]}={a.get('value')}{unit}"
    return layer


def render(doc: Document, color: bool) -> str:
    """The text with ``[surface]{tag}`` brackets (coloured on a terminal); noise dimmed or ⟪marked⟫."""
    marks: list[tuple[int, int, int, str, Any]] = []  # (pos, order, tiebreak, kind, payload)
    for layer in NOISE:
        for s in doc.spans(layer):
            marks.append((s.start, 1, -s.end, "open", (layer, s)))
            marks.append((s.end, 0, -s.start, "close", (layer, s)))
    for layer in INLINE:
        for s in doc.spans(layer):
            if s.start == s.end:
                continue
            marks.append((s.start, 1, -s.end, "open", (layer, s)))
            marks.append((s.end, 0, -s.start, "close", (layer, s)))
    marks.sort(key=lambda m: (m[0], m[1], m[2]))
    out: list[str] = []
    active: list[tuple[str, Span]] = []
    pos = 0

    def style() -> str:
        codes = ["2" if layer in NOISE else INLINE[layer] for layer, _ in active]
        return _RESET + (f"\x1b[{';'.join(codes)}m" if codes else "")

    for at, _, _, kind, (layer, span) in marks:
        out.append(doc.text[pos:at])
        pos = at
        if kind == "open":
            active.append((layer, span))
            if layer in NOISE:
                out.append(style() if color else "⟪")
            else:
                out.append((style() if color else "") + "[")
        else:
            if (layer, span) in active:
                active.remove((layer, span))
            if layer in NOISE:
                out.append(style() if color else f"⟫{{{layer}}}")
            else:
                out.append(f"]{{{_tag(doc, layer, span)}}}" + (style() if color else ""))
    out.append(doc.text[pos:])
    if color:
        out.append(_RESET)
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    from rasid.report import document_facts
    from rasid.store import Store

    with Store(args.db, create=False) as store:
        doc = store.get_document(store.resolve_id(args.doc_id))
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    meta = doc.meta
    header = [f"{doc.id}  {meta.get('published') or '????-??-??'}  {meta.get('source') or '-'}",
              f"{meta.get('title') or '(untitled)'}"]
    if meta.get("url"):
        header.append(str(meta["url"]))
    print("\n".join(header))
    print("-" * 60)
    print(render(doc, color))
    print("-" * 60)
    facts = document_facts(doc)
    print("\n".join(facts) if facts else "(no facts: only structural layers were analysed)")
    return 0
