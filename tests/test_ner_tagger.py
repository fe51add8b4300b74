"""The shipped NER tagger: tokens, proclitic-free spans with original offsets, a made-up sentence."""

from __future__ import annotations

import subprocess
import sys

from rasid.ner.tokens import name_start, strip_proclitics, tokenize


def test_tokenize_offsets_reproduce_surface() -> None:
    text = "قال (د.ب.أ) إنّ الرئيسَ، وصل"
    toks = [text[s:e] for s, e in tokenize(text)]
    assert toks == ["قال", "(", "د", ".", "ب", ".", "أ", ")", "إنّ", "الرئيسَ", "،", "وصل"]


def test_strip_proclitics_and_name_start() -> None:
    assert strip_proclitics("والرياض") == "رياض"
    assert strip_proclitics("للامم") == "امم"
    known = {"اوكرانيا", "لبنان"}
    assert name_start("لأوكرانيا", "لاوكرانيا", known) == 1
    assert name_start("لبنان", "لبنان", known) == 0
    assert name_start("والقاهرة", "والقاهره", known) == 1
    assert name_start("بالقاهرة", "بالقاهره", known) == 1


def test_import_rasid_ner_loads_no_model() -> None:
    code = "import sys, rasid, rasid.ner; print(sorted(m for m in ('pycrfsuite', 'rasid.ner.tagger') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_tagger_finds_the_person_and_offsets() -> None:
    from rasid.ner import load_tagger

    tagger = load_tagger()
    assert load_tagger() is tagger
    text = "قال الرئيس الفرنسي إيمانويل ماكرون إن بلاده ستقدم مساعدات لأوكرانيا."
    found = tagger.tag_spans(text)
    assert (19, 34, "PERS") in found
    assert text[19:34] == "إيمانويل ماكرون"
    places = [text[s:e] for s, e, kind in found if kind == "LOC"]
    assert places == ["أوكرانيا"]
    for start, end, _ in found:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()


def test_tag_returns_one_label_per_token() -> None:
    from rasid.ner import load_tagger

    tokens = ["وصل", "وزير", "الخارجية", "أنتوني", "بلينكن", "إلى", "القاهرة"]
    labels = load_tagger().tag(tokens)
    assert labels == ["O", "O", "O", "B-PERS", "I-PERS", "O", "B-LOC"]
    assert load_tagger().tag([]) == []


def test_bench_and_train_commands_are_registered() -> None:
    from rasid.cli import build_parser
    from rasid.commands import bench, train

    assert "ner" in bench.TARGETS and "ner" in train.TARGETS
    args = build_parser().parse_args(["bench", "ner"])
    assert args.target == "ner" and args.func is bench.run
    args = build_parser().parse_args(["train", "ner", "--out", "x", "--seed", "7"])
    assert (args.target, args.out, args.seed) == ("ner", "x", 7)
