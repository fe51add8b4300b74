"""The exact-span scorer and the CoNLL reader of rasid.ner.corpus."""

from __future__ import annotations

import pytest

from rasid.ner.corpus import read_conll, score, spans


def test_spans_follow_conll_convention() -> None:
    labels = ["B-PERS", "I-PERS", "O", "I-LOC", "B-LOC", "I-ORG", "B-MISC"]
    assert spans(labels) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG"), (6, 7, "MISC")]


def test_score_hand_made_example() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O"]]
    pred = [["B-PERS", "I-PERS", "O", "B-PERS", "O", "B-ORG", "O", "I-LOC"]]
    table = score(gold, pred)
    assert list(table) == ["LOC", "ORG", "PERS", "micro"]
    assert table["PERS"]["p"] == 50.0 and table["PERS"]["r"] == 100.0
    assert table["PERS"]["f1"] == pytest.approx(66.6667, abs=1e-3)
    assert table["LOC"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "gold": 1, "pred": 1}
    assert table["ORG"]["tp"] == 0 and table["ORG"]["pred"] == 1
    micro = table["micro"]
    assert (micro["tp"], micro["gold"], micro["pred"]) == (1, 3, 4)
    assert micro["p"] == 25.0
    assert micro["r"] == pytest.approx(33.3333, abs=1e-3)
    assert micro["f1"] == pytest.approx(28.5714, abs=1e-3)


def test_read_conll_maps_per_and_odd_tags(tmp_path) -> None:
    path = tmp_path / "x.conll"
    path.write_text("محمد B-PER\nعلي I-PER\nفي O\n\nمصر\tB-LOC\nكذا IO\n", encoding="utf-8")
    assert read_conll(path) == [(["محمد", "علي", "في"], ["B-PERS", "I-PERS", "O"]),
                                (["مصر", "كذا"], ["B-LOC", "O"])]
