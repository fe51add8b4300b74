"""GDELT GKG 2.1-style records: one tab-separated line per document, offsets into the original text.

The 27 GKG 2.1 columns in their order (empty where rasid has nothing to say, e.g. themes, tone,
images), then one extra column GDELT lacks: the quote speakers' entity ids.  See docs/scale.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TextIO
from urllib.parse import urlparse

from rasid.doc import Document

COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
    "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
    "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO",
    "V2EXTRASXML", "RASIDQUOTESPEAKERS",
)
_DELIMS = re.compile(r"[\t\n\r;,#|]+")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^(\d{4})$")


def clean(value: Any) -> str:
    """A field value with GKG's delimiters (tab, newline, ; , # |) replaced by spaces."""
    return " ".join(_DELIMS.sub(" ", "" if value is None else str(value)).split())


def _entity_info(doc: Document, eid: str, mention) -> dict[str, Any]:
    info = dict(doc.objects.get("entities", {}).get(eid) or {})
    info.setdefault("type", mention.attrs.get("type"))
    info.setdefault("name", mention.surface(doc.text))
    return info


def _location(eid: str, info: dict[str, Any]) -> tuple[str, str, str, str]:
    """(GKG type, country code, ADM1, feature id): 1 country, 4 world city, 5 other place."""
    country = info.get("iso2") or ""
    if eid.startswith("gpe:") and len(eid) == 6:
        return "1", (country or eid[4:]).upper(), "", eid[4:].upper()
    parent = info.get("country") or ""
    code = parent[4:].upper() if isinstance(parent, str) and parent.startswith("gpe:") else ""
    if eid.startswith("loc:"):
        return "4", code, "", eid[4:]
    return "5", code, "", clean(eid)


def _date_field(value: Any, offset: int) -> str | None:
    """``Resolution#Month#Day#Year#Offset``: 4 full date, 2 month and year, 1 year only."""
    text = str(value or "")
    if m := _ISO_DATE.match(text):
        return f"4#{int(m[2])}#{int(m[3])}#{m[1]}#{offset}"
    if m := _ISO_MONTH.match(text):
        return f"2#{int(m[2])}#0#{m[1]}#{offset}"
    if m := _ISO_YEAR.match(text):
        return f"1#0#0#{m[1]}#{offset}"
    return None


def gkg_record(doc: Document, sequence: int) -> list[str]:
    """The GKG field values of one document (see COLUMNS)."""
    published = (doc.meta.get("published") or "").replace("-", "")
    stamp = f"{published}000000" if len(published) == 8 else ""
    url = doc.meta.get("url")
    source = doc.meta.get("source") or (urlparse(url).netloc if url else "")
    persons, orgs, locs, names = [], [], [], []
    v1_persons: dict[str, None] = {}
    v1_orgs: dict[str, None] = {}
    v1_locs: dict[str, None] = {}
    for mention in sorted(doc.spans("entities"), key=lambda s: (s.start, s.end)):
        eid = str(mention.attrs.get("id") or "")
        if not eid:
            continue
        info = _entity_info(doc, eid, mention)
        name = clean(info.get("name_en") or info.get("name"))
        kind = info.get("type")
        names.append(f"{name},{mention.start}")
        if kind == "PER":
            v1_persons.setdefault(name)
            persons.append(f"{name},{mention.start}")
        elif kind == "ORG":
            v1_orgs.setdefault(name)
            orgs.append(f"{name},{mention.start}")
        elif kind in ("GPE", "LOC"):
            gtype, country, adm1, feature = _location(eid, info)
            v1_locs.setdefault(f"{gtype}#{name}#{country}#{adm1}###{feature}")
            locs.append(f"{gtype}#{name}#{country}#{adm1}####{feature}#{mention.start}")
    dates = [d for s in sorted(doc.spans("dates"), key=lambda s: s.start)
             if (d := _date_field(s.attrs.get("value"), s.start))]
    amounts = []
    for s in sorted(doc.spans("amounts"), key=lambda s: s.start):
        value = s.attrs.get("value")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            what = clean(s.attrs.get("counts") or s.attrs.get("unit") or "")
            amounts.append(f"{value:g},{what},{s.start}")
    quotes, speakers = [], []
    for s in sorted(doc.spans("quotes"), key=lambda s: s.start):
        cue = s.attrs.get("cue") or {}
        verb = clean(doc.text[cue["start"]:cue["end"]]) if cue else ""
        quotes.append(f"{s.start}|{s.end - s.start}|{verb}|{clean(s.surface(doc.text))}")
        speakers.append(f"{s.start}|{s.end - s.start}|{clean(s.attrs.get('speaker') or '')}")
    values = {
        "GKGRECORDID": f"{stamp or '00000000000000'}-{sequence}",
        "V2.1DATE": stamp,
        "V2SOURCECOLLECTIONIDENTIFIER": "1",
        "V2SOURCECOMMONNAME": clean(source),
        "V2DOCUMENTIDENTIFIER": url or f"rasid:{doc.id}",
        "V1LOCATIONS": ";".join(v1_locs),
        "V2ENHANCEDLOCATIONS": ";".join(locs),
        "V1PERSONS": ";".join(v1_persons),
        "V2ENHANCEDPERSONS": ";".join(persons),
        "V1ORGANIZATIONS": ";".join(v1_orgs),
        "V2ENHANCEDORGANIZATIONS": ";".join(orgs),
        "V2.1ENHANCEDDATES": ";".join(dates),
        "V2.1QUOTATIONS": "#".join(quotes),
        "V2.1ALLNAMES": ";".join(names),
        "V2.1AMOUNTS": ";".join(amounts),
        "V2EXTRASXML": f"<RASID><DOCID>{doc.id}</DOCID></RASID>",
        "RASIDQUOTESPEAKERS": "#".join(speakers),
    }
    return [values.get(col, "") for col in COLUMNS]


def write_gkg(docs: Iterable[Document], out: TextIO, *, header: bool = False) -> int:
    """One GKG line per document (GDELT files carry no header; ``header=True`` adds one)."""
    if header:
        out.write("\t".join(COLUMNS) + "\n")
    n = 0
    for n, doc in enumerate(docs, start=1):
        out.write("\t".join(gkg_record(doc, n)) + "\n")
    return n
