"""Main text, title and published date of an HTML page.

trafilatura finds the article body; when it finds none (short pages), a plain lxml pass
that drops scripts, styles and comments is the fallback.  Pathological pages (nesting
thousands of levels deep, nothing but scripts) end as NoTextError, never as a crash: the
parse is bounded by libxml2's depth limit and every parser error is caught.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasid.errors import NoTextError

log = logging.getLogger(__name__)

#: meta tags that carry a publication date, by attribute value (lower case).
_DATE_META = {
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "article.published",
}
_TITLE_META = {"og:title", "twitter:title", "dc.title", "title"}
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object")
_BLANKS = re.compile(r"[ \t\u00a0]+")


def read_html(markup: str, path: str | None = None) -> dict[str, Any]:
    """{"text", "title", "published"} from HTML markup; raises NoTextError when no text is found."""
    meta = _meta_tags(markup)
    text = _trafilatura_text(markup)
    if not text:
        text = _plain_text(markup)
    if not text or not text.strip():
        raise NoTextError("HTML holds no readable text (only scripts, styles or comments, "
                          "or nested too deep to parse)", path=path)
    return {"text": text, "title": meta.get("title"), "published": meta.get("published")}


def _trafilatura_text(markup: str) -> str | None:
    try:
        import trafilatura

        # trafilatura logs "discarding data: None" on pages it cannot use; our NoTextError names the file.
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        return trafilatura.extract(markup, include_comments=False, include_tables=True,
                                   with_metadata=False, deduplicate=False)
    except (RecursionError, MemoryError, ValueError, TypeError) as err:
        log.info("trafilatura could not read the page: %s", err)
        return None
    except Exception as err:  # trafilatura and lxml raise many kinds on broken markup
        log.info("trafilatura failed: %s: %s", type(err).__name__, err)
        return None


def _parse(markup: str) -> Any:
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, RecursionError):
        return None


def _plain_text(markup: str) -> str | None:
    from lxml import etree

    root = _parse(markup)
    if root is None:
        return None
    try:
        doomed = list(root.iter(etree.Comment, etree.ProcessingInstruction, *_DROP_TAGS))
        for el in doomed:
            if el.getparent() is not None:
                el.drop_tree()  # keeps the element's tail text, unlike parent.remove()
        lines = []
        for chunk in root.itertext():
            line = _BLANKS.sub(" ", chunk).strip()
            if line:
                lines.append(line)
    except (RecursionError, ValueError) as err:
        log.info("plain HTML text failed: %s", err)
        return None
    return "\n".join(lines) or None


def _meta_tags(markup: str) -> dict[str, str]:
    """Title and published date from <title>, <meta> and <time datetime> tags."""
    from rasid.dates_meta import clean_published

    root = _parse(markup)
    found: dict[str, str] = {}
    if root is None:
        return found
    try:
        metas = list(root.iter("meta"))
        titles = list(root.iter("title"))
        times = list(root.iter("time"))
    except (RecursionError, ValueError):
        return found
    for el in metas:
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if not content:
            continue
        if key in _DATE_META and "published" not in found:
            published = clean_published(content)
            if published:
                found["published"] = published
        elif key in _TITLE_META and "title" not in found:
            found["title"] = content
    if "title" not in found:
        for el in titles:
            title = (el.text_content() or "").strip()
            if title:
                found["title"] = _BLANKS.sub(" ", title)
                break
    if "published" not in found:
        for el in times:
            if el.get("pubdate") is not None or el.get("itemprop") == "datePublished":
                published = clean_published(el.get("datetime") or "")
                if published:
                    found["published"] = published
                    break
    return found
