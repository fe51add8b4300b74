"""RSS 2.0, RSS 1.0 (RDF) and Atom feed files: one Document per item (title, link, description, date).

No network: a feed is a file someone saved (or ``rasid watch`` picked up).  The item's
description (HTML allowed) becomes the text; title, link and date go into the metadata.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable, Iterator
from typing import Any

from rasid.errors import EmptyInputError, InputError, RecordError

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_ROOT = re.compile(r"<(?:[\w-]+:)?(rss|feed|RDF)\b")


def looks_like_feed(text: str) -> bool:
    """True when the first element of the document is <rss>, <feed> or <rdf:RDF>."""
    head = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", text[:4000], flags=re.S).lstrip()
    return bool(_ROOT.match(head))


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(item, *names: str) -> str | None:
    for child in item:
        if _local(child.tag) in names:
            text = "".join(child.itertext()).strip()
            if text:
                return text
    return None


def _atom_link(entry) -> str | None:
    links = [c for c in entry if _local(c.tag) == "link"]
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return links[0].get("href") if links and links[0].get("href") else _child_text(entry, "link")


def _html_to_text(markup: str) -> str:
    if "<" not in markup:
        return markup.strip()
    import lxml.html

    try:
        root = lxml.html.fromstring(markup)
    except Exception:  # lxml raises on empty or odd fragments; keep the markup's text as is
        return re.sub(r"<[^>]+>", " ", markup).strip()
    for br in root.iter("br", "p", "div", "li"):
        br.tail = "\n" + (br.tail or "")
    return "\n".join(" ".join(line.split()) for line in root.text_content().split("\n") if line.strip())


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return value  # ISO dates (Atom) and anything else: make_document's cleaner reads it


def read_feed_items(text: str, where: str) -> list[dict[str, Any]]:
    """The feed's items as {title, url, text, published}; raises RecordError if not a feed."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as err:
        raise RecordError(f"feed is not XML: {err}", path=where) from None
    if root is None or _local(root.tag) not in ("rss", "feed", "RDF"):
        raise RecordError("not an RSS or Atom feed", path=where)
    atom = _local(root.tag) == "feed"
    items = [e for e in root.iter() if _local(e.tag) == ("entry" if atom else "item")]
    out = []
    for item in items:
        body = _child_text(item, "encoded", "content", "description", "summary")
        out.append({
            "title": _child_text(item, "title"),
            "url": _atom_link(item) if atom else (_child_text(item, "link") or _child_text(item, "guid")),
            "text": _html_to_text(body) if body else "",
            "published": _date(_child_text(item, "published", "updated", "pubDate", "date")),
        })
    return out


def from_feed(text: str, where: str, overrides: dict[str, Any],
              make: Callable[[str, dict[str, Any], dict[str, Any], str], Any]) -> Iterator[Any]:
    """Documents (through the readers' ``make``) or InputErrors for each item of a feed file."""
    try:
        items = read_feed_items(text, where)
    except InputError as err:
        yield err
        return
    if not items:
        yield EmptyInputError("feed holds no items", path=where)
    for index, item in enumerate(items):
        here = f"{where}#item{index + 1}"
        if not item["text"].strip():
            yield EmptyInputError("feed item has no description", path=here)
            continue
        meta = {"path": here, **{k: item[k] for k in ("title", "url", "published") if item[k]}}
        yield make(item["text"], meta, overrides, here)
