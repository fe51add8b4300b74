"""Reading CoNLL-style NER files and scoring spans (exact match, CoNLL convention)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

LABEL_MAP = {"PER": "PERS"}


def read_conll(path: str | Path, label_map: dict[str, str] | None = None) -> list[tuple[list[str], list[str]]]:
    """Sentences of (tokens, BIO labels) from a ``token<space or tab>label`` file, blank line between."""
    mapping = LABEL_MAP if label_map is None else label_map
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n").replace("\u200e", "").replace("\u200f", "")
            parts = line.split()
            if len(parts) < 2:
                if words:
                    sentences.append((words, labels))
                    words, labels = [], []
                continue
            word, label = parts[0], parts[-1]
            if label != "O" and label[:2] in ("B-", "I-"):
                label = label[:2] + mapping.get(label[2:], label[2:])
            elif label != "O":
                label = "O"
            words.append(word)
            labels.append(label)
    if words:
        sentences.append((words, labels))
    return sentences


def spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token spans of a BIO sequence; an I- after O or another type opens a span."""
    found: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, label in enumerate(list(labels) + ["O"]):
        tag, _, typ = label.partition("-")
        if start >= 0 and (tag != "I" or typ != kind):
            found.append((start, i, kind))
            start = -1
        if tag == "B" or (tag == "I" and start < 0):
            start, kind = i, typ
    return found


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> dict[str, dict[str, float]]:
    """Per-type and micro precision/recall/F1 (percent) and counts, over paired label sequences."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = set(spans(g)), set(spans(p))
        for s in gs:
            n_gold[s[2]] += 1
        for s in ps:
            n_pred[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
    table: dict[str, dict[str, float]] = {}
    for kind in sorted(set(n_gold) | set(n_pred)) + ["micro"]:
        if kind == "micro":
            t, g, p = sum(tp.values()), sum(n_gold.values()), sum(n_pred.values())
        else:
            t, g, p = tp[kind], n_gold[kind], n_pred[kind]
        prec = 100.0 * t / p if p else 0.0
        rec = 100.0 * t / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table[kind] = {"p": prec, "r": rec, "f1": f1, "tp": t, "gold": g, "pred": p}
    return table


# WikiFANE fine classes whose coarse type ANERcorp tags the same way; sentences holding any other
# class (Group, facilities, vehicles, weapons, products, ...) are left out rather than mislabelled.
FANE_COARSE = {
    **dict.fromkeys(("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                     "Businessperson", "Engineer", "Lawyer"), "PERS"),
    **dict.fromkeys(("Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "Continent",
                     "County-or-District", "Water-Body", "Land-Region-Natural"), "LOC"),
    **dict.fromkeys(("Non-Governmental", "Government", "Media", "Commercial", "Educational", "Sports",
                     "Religious_ORG", "Medical-Science", "Entertainment"), "ORG"),
}
_FANE_PREFIXES = {"و", "ف", "ب", "ل", "ك"}
_FANE_SUFFIXES = {"ها", "ه", "هم", "هما", "هن", "نا", "كم", "ي", "ك"}


def read_fane(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """WikiFANE/NewsFANE sentences in ANERcorp's tokenisation and coarse labels.

    Their separated clitics are glued back (a one-letter proclitic to the next word, a pronoun to the
    previous one) and fine classes mapped with FANE_COARSE; sentences with an unmapped class are dropped.
    """
    out: list[tuple[list[str], list[str]]] = []
    for words, labels in read_conll(path, label_map={}):
        fine = {lab[2:] for lab in labels if lab != "O"}
        if any(f not in FANE_COARSE for f in fine):
            continue
        coarse = [lab if lab == "O" else lab[:2] + FANE_COARSE[lab[2:]] for lab in labels]
        new_w: list[str] = []
        new_l: list[str] = []
        glue = ""
        for w, lab in zip(words, coarse, strict=True):
            if w in _FANE_PREFIXES and lab == "O":
                glue += w
                continue
            if w in _FANE_SUFFIXES and lab == "O" and new_w and not glue and new_w[-1][-1:].isalpha():
                prev = new_w[-1]
                new_w[-1] = (prev[:-1] + "ت" if prev.endswith("ة") else prev) + w
                continue
            new_w.append(glue + w)
            new_l.append(lab)
            glue = ""
        if glue:
            new_w.append(glue)
            new_l.append("O")
        if new_w:
            out.append((new_w, new_l))
    return out
