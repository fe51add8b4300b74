"""Compiled resources of the NER tagger: the gazetteer, trigger words and word clusters.

The gazetteer is compiled from ``../shared/data/gazetteers`` by ``compile_gazetteer`` into a compact
gzip TSV (``folded key<TAB>classes``) shipped in ``rasid/models``; the matcher does a longest match
over folded tokens.  Everything loads lazily, through the tagger, never at ``import rasid``.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from rasid.arabic.normalise import fold

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
ARABIC = set("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")


def _arabic_key(text: str) -> str:
    """Folded, space-joined key of an Arabic name; '' when it holds other scripts."""
    words = fold(text).replace("-", " ").split()
    if not words or any(not set(w) <= ARABIC for w in words):
        return ""
    key = " ".join(words)
    return key if len(key.replace(" ", "")) >= 2 else ""


#: registry entity types -> gazetteer classes (countries, ``gpe:`` ids, are CTRY)
REGISTRY_CLASSES = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def compile_gazetteer(gaz_dir: Path, registry_files: list[Path] | None = None) -> dict[str, set[str]]:
    """Folded name -> classes (PFIRST, PLAST, PER, LOC, CTRY, ORG) from the shared name lists and,
    when given, the names of rasid's own entity registry (its ``*.jsonl`` files; an option of
    ``rasid train ner``, measured in MODEL.md)."""
    entries: dict[str, set[str]] = defaultdict(set)

    def add(text: str, cls: str) -> None:
        key = _arabic_key(text)
        if key:
            entries[key].add(cls)

    names = gaz_dir / "arabic_names_akhateeb"
    for fname, cls in (("male-first--names-in-arabic.txt", "PFIRST"),
                       ("female-first-names-in-arabic.txt", "PFIRST"),
                       ("last-names-in-arabic.txt", "PLAST")):
        for line in (names / fname).read_text("utf-8").splitlines():
            add(line.strip(), cls)
    for line in (gaz_dir / "wikidata_names_steveash" / "wd_arabic.normalized.aligned.tokens").read_text(
            "utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].strip().isdigit():
            add(parts[1].replace(" ", ""), "PER")
    anetac_class = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}
    for line in (gaz_dir / "anetac" / "EN-AR_Named-entities.txt").read_text("utf-8").splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[0] in anetac_class:
            add(parts[2].replace("ـ", ""), anetac_class[parts[0]])
    with open(gaz_dir / "geonames_cities15000" / "cities15000_arabic_names.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            for name in (row.get("arabic_core_letter_names") or "").split("|"):
                add(name, "LOC")
    with open(gaz_dir / "countries_mledoze" / "countries_ar.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            add(row["name_ar_common"], "CTRY")
            add(row["name_ar_official"], "CTRY")
    if registry_files:
        from rasid.entities.registry import load_registry

        for entry in load_registry(registry_files, use_default_overlay=False).entries.values():
            cls = REGISTRY_CLASSES.get(entry["type"])
            if cls is not None:
                cls = "CTRY" if entry["id"].startswith("gpe:") else cls
                for name in [entry["name"], *entry["variants"], *entry["aliases"]]:
                    add(name, cls)
    stop = {fold(w.strip()) for w in (DATA_DIR / "stopwords.txt").read_text("utf-8").splitlines()
            if w.strip() and not w.startswith("#")}
    for key in stop:
        entries.pop(key, None)
    # names often written with the article or without it: index both forms of the first word
    for key in list(entries):
        first, _, rest = key.partition(" ")
        if first.startswith("ال") and len(first) > 4:
            bare = (first[2:] + " " + rest).strip()
            entries.setdefault(bare, set()).update(entries[key])
    return entries


def gzip_writer(path: Path) -> io.TextIOWrapper:
    """A UTF-8 text writer into a gzip file whose header holds no time stamp (mtime 0), so that a
    rebuild from the same data gives the same bytes."""
    raw = gzip.GzipFile(filename=path.name, mode="wb", compresslevel=9, mtime=0,
                        fileobj=open(path, "wb"))  # noqa: SIM115 - closed with the wrapper below
    return _ClosingWriter(raw)


class _ClosingWriter(io.TextIOWrapper):
    """TextIOWrapper that also closes the file under the GzipFile (GzipFile leaves a passed fileobj open)."""

    def __init__(self, raw: gzip.GzipFile) -> None:
        super().__init__(raw, encoding="utf-8", newline="\n")
        self._file = raw.fileobj

    def close(self) -> None:
        super().close()
        if self._file is not None:
            self._file.close()


def save_gazetteer(entries: dict[str, set[str]], path: Path) -> None:
    with gzip_writer(path) as fh:
        for key in sorted(entries):
            fh.write(f"{key}\t{','.join(sorted(entries[key]))}\n")


class Gazetteer:
    """Longest match of folded token sequences against the compiled gazetteer."""

    def __init__(self, entries: dict[str, str]) -> None:
        self.entries = entries
        self.longest: dict[str, int] = {}
        for key in entries:
            first, n = key.split(" ", 1)[0], key.count(" ") + 1
            if n > self.longest.get(first, 0):
                self.longest[first] = n

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        entries: dict[str, str] = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                key, _, classes = line.rstrip("\n").partition("\t")
                entries[key] = classes
        return cls(entries)

    def match(self, folded: list[str], stems: list[str]) -> list[str | None]:
        """Per token 'B-CLS' / 'I-CLS' (classes joined by ',') for longest gazetteer matches, else None."""
        out: list[str | None] = [None] * len(folded)
        i, n = 0, len(folded)
        entries, longest = self.entries, self.longest
        while i < n:
            best, best_cls = 0, ""
            for first in (folded[i], stems[i]):
                span = longest.get(first, 0)
                for length in range(min(span, n - i), 0, -1):
                    if length <= best:
                        break
                    key = first if length == 1 else first + " " + " ".join(folded[i + 1:i + length])
                    cls = entries.get(key)
                    if cls:
                        best, best_cls = length, cls
                        break
            if best:
                out[i] = "B-" + best_cls
                for j in range(i + 1, i + best):
                    out[j] = "I-" + best_cls
                i += best
            else:
                i += 1
        return out


def load_triggers(path: Path | None = None) -> dict[str, str]:
    """Folded trigger word -> class, from data/ner/triggers.tsv."""
    triggers: dict[str, str] = {}
    for line in (path or DATA_DIR / "triggers.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, cls = line.partition("\t")
        triggers[fold(word.strip())] = cls.strip()
    return triggers


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """Folded word -> cluster ids at several granularities (gzip TSV: word<TAB>id<TAB>id...)."""
    clusters: dict[str, tuple[str, ...]] = {}
    if not path.exists():
        return clusters
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            clusters[parts[0]] = tuple(parts[1:])
    return clusters


@lru_cache(maxsize=2)
def word_ranks(path: Path = MODELS_DIR / "ner_clusters.tsv.gz") -> dict[str, int]:
    """Folded word -> its frequency rank in the unlabelled news (0 = most frequent): the clusters
    file lists its 50,000 words most frequent first.  Empty when the file is missing."""
    ranks: dict[str, int] = {}
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for rank, line in enumerate(fh):
                ranks.setdefault(line.split("\t", 1)[0], rank)
    return ranks

