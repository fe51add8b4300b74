"""The dates stage: date expressions as spans of layer ``dates`` with resolved values.

Values resolve against ``doc.meta["published"]``.  When metadata gives no date, the stage
infers one (:func:`rasid.dates.published.infer_published`), records it in
``doc.meta["published_inferred"]`` and uses it only when its confidence is high; otherwise
relative expressions keep value None.  Expressions inside noise (boilerplate, duplicates)
are skipped, except a noise range that is nothing but a date expression: that is the
article's dateline ("منذ 7 ساعات"), kept because it dates the article.
"""

from __future__ import annotations

import datetime as dt

from rasid.doc import Document, Span

STAGE = "dates@1"


def build():
    from rasid.dates.expressions import find_mentions
    from rasid.dates.lexicon import lexicon
    from rasid.dates.published import infer_published
    from rasid.dates.resolve import resolve

    lexicon()  # load the vocabulary once, at build time

    def run(doc: Document) -> None:
        mentions = find_mentions(doc.text)
        published = _parse(doc.meta.get("published"))
        if published is None:
            value, confidence, evidence = infer_published(doc, mentions)
            doc.meta["published_inferred"] = {"value": value, "confidence": confidence, "evidence": evidence}
            if confidence == "high":
                published = _parse(value)
        noise = doc.noise_ranges()
        spans = []
        for m in mentions:
            if _in_noise(noise, m.start, m.end, doc.text):
                continue
            spans.append(Span(m.start, m.end, "date", resolve(m, published), STAGE))
        doc.add("dates", spans)

    return run


def _parse(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _in_noise(noise: list[tuple[int, int]], start: int, end: int, text: str) -> bool:
    for a, b in noise:
        if a <= start and end <= b:
            rest = (text[a:start] + text[end:b]).strip(" \t\n.,،:-–—|")
            return bool(rest)  # a noise line that is only this date is a dateline: keep it
    return False
