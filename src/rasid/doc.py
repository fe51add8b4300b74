"""The document model: immutable text plus standoff spans in named layers.

Every result in rasid is a :class:`Span` pointing into ``Document.text``; the text itself
is never rewritten.  Layers may overlap (a quote contains entities and dates), unlike
spaCy's ``doc.ents``.  The invariant ``text[s.start:s.end] == s.surface`` is checked by
:meth:`Document.check_offsets` and by the tests of every stage.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rasid.errors import OffsetError

#: Layers whose shape the JSON output fixes (README, schema/analyze.schema.json).
OUTPUT_LAYERS = (
    "sentences", "tokens", "boilerplate", "duplicates", "entities",
    "quotes", "amounts", "dates", "events", "stances",
)

@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character range of the original text, made by one stage."""

    start: int
    end: int
    label: str
    attrs: Mapping[str, Any] = field(default_factory=dict)
    stage: str = ""

    def surface(self, text: str) -> str:
        return text[self.start:self.end]

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def within(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end


def content_id(text: str) -> str:
    """Stable document id: the first 16 hex digits of the SHA-256 of the text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class Document:
    """Original text, metadata and annotation layers.

    ``meta`` holds ``source``, ``title``, ``url``, ``published`` (``YYYY-MM-DD`` or None)
    and any extra fields an input carried.  ``objects`` holds per-document tables that are
    not spans (the entity table, for instance), keyed by layer name.
    """

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    layers: dict[str, list[Span]] = field(default_factory=dict)
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    id: str = ""
    _noise_cache: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError("Document.text must be str")
        if not self.id:
            self.id = content_id(self.text)

    # -- layers -----------------------------------------------------------------
    def add(self, layer: str, spans: Iterable[Span]) -> None:
        """Append spans to a layer, checking the offset invariant as they come in."""
        target = self.layers.setdefault(layer, [])
        n = len(self.text)
        for s in spans:
            if not (0 <= s.start <= s.end <= n):
                raise OffsetError(f"span {s.start}:{s.end} of layer {layer!r} outside text of length {n}")
            target.append(s)

    def spans(self, layer: str) -> list[Span]:
        return self.layers.get(layer, [])

    def has(self, layer: str) -> bool:
        return layer in self.layers

    def iter_all(self) -> Iterator[tuple[str, Span]]:
        for name, spans in self.layers.items():
            for s in spans:
                yield name, s

    def check_offsets(self) -> None:
        """Raise if any span leaves the text or its recorded surface disagrees with it."""
        n = len(self.text)
        for name, s in self.iter_all():
            if not (0 <= s.start <= s.end <= n):
                raise OffsetError(f"{name} span {s.start}:{s.end} outside text")
            want = s.attrs.get("surface") if s.attrs else None
            if want is not None and self.text[s.start:s.end] != want:
                raise OffsetError(f"{name} span {s.start}:{s.end} surface {want!r} != text")

    # -- masks used by later stages -------------------------------------------------
    def noise_ranges(self) -> list[tuple[int, int]]:
        """Ranges later stages skip: boilerplate and duplicated sentences (merged, sorted)."""
        key = (len(self.layers.get("boilerplate", ())), len(self.layers.get("duplicates", ())))
        cached = self._noise_cache
        if cached is None or cached[0] != key:
            ranges = sorted([(s.start, s.end) for s in self.spans("boilerplate")]
                            + [(s.start, s.end) for s in self.spans("duplicates")])
            merged: list[tuple[int, int]] = []
            for a, b in ranges:
                if merged and a <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], b))
                else:
                    merged.append((a, b))
            cached = (key, merged, [a for a, _ in merged])
            self._noise_cache = cached
        return cached[1]

    def is_noise(self, start: int, end: int) -> bool:
        """Whether [start, end) lies wholly inside boilerplate or a duplicated sentence."""
        ranges = self.noise_ranges()
        i = bisect.bisect_right(self._noise_cache[2], start) - 1  # type: ignore[index]
        return i >= 0 and ranges[i][0] <= start and end <= ranges[i][1]

    # -- output ---------------------------------------------------------------------
    @property
    def published(self) -> str | None:
        return self.meta.get("published")

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``rasid analyze --json`` (see schema/analyze.schema.json)."""
        from rasid.output import document_to_dict

        return document_to_dict(self)
