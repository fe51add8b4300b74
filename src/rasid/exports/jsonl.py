"""JSON Lines: one ``rasid analyze --json`` object per document."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from rasid.doc import Document


def write_jsonl(docs: Iterable[Document], out: TextIO) -> int:
    n = 0
    for doc in docs:
        out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
