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
    # a word the news knows whole, whose rest it does not know, starts with no conjunction
    vocabulary = {"فيسبوك", "وترامب", "ترامب"}
    assert name_start("فيسبوك", "فيسبوك", known) == 1
    assert name_start("فيسبوك", "فيسبوك", known, vocabulary) == 0
    assert name_start("وترامب", "وترامب", known, vocabulary) == 1


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


def test_document_features_count_other_occurrences_in_the_window() -> None:
    from rasid.ner.features import document_features

    keys = [["زيد", "قال", "في", "مصر"], ["زيد", "عاد"], ["مصر", "مصر", "و"], ["زيد"]]
    first = [["B-PERS", "O", "O", "B-LOC"], ["O", "O"], ["B-LOC", "B-ORG", "O"], ["B-PERS"]]
    assert document_features(keys, first, window=0) == [
        [[], [], [], []], [[], []], [["dt=ORG", "dm=ORG", "df=4"], ["dt=LOC", "dm=LOC", "df=4"], []], [[]]]
    assert document_features(keys, first, window=1) == [
        [["dO"], [], [], []], [["dt=PERS", "dm=PERS", "df=4"], []],
        [["dt=ORG", "dm=ORG", "df=4"], ["dt=LOC", "dm=LOC", "df=4"], []], [[]]]
    wide = document_features(keys, first, window=5)
    # زيد: once O, once B-PERS elsewhere; مصر in sentence 0: LOC and ORG once each, the tie goes to LOC
    assert wide[0] == [["dt=PERS", "dm=PERS", "df=2"], [], [], ["dt=LOC", "dt=ORG", "dm=LOC", "df=4"]]
    assert wide[3] == [["dt=PERS", "dm=PERS", "df=2"]]
    assert document_features([], []) == []


def test_tag_document_carries_a_name_to_its_bare_surname() -> None:
    from rasid.ner import load_tagger

    tagger = load_tagger()
    first = "التقى الرئيس الأمريكي جو بايدن رئيس الوزراء الكندي في واشنطن .".split()
    second = "وقال بايدن إن المحادثات كانت مثمرة .".split()
    # alone, the second sentence gives the surname no cue; in its document it is the same person
    assert tagger.tag(second) == ["O"] * 7
    labels = tagger.tag_document([first, [], second])
    assert labels[0] == ["O", "O", "O", "B-PERS", "I-PERS", "O", "O", "O", "O", "B-LOC", "O"]
    assert labels[1] == []
    assert labels[2] == ["O", "B-PERS", "O", "O", "O", "O", "O"]
    assert tagger.tag_document([]) == []
    text = " ".join(first) + "\n" + " ".join(second)
    names = [text[s:e] for s, e, kind in tagger.tag_spans(text) if kind == "PERS"]
    assert names == ["جو بايدن", "بايدن"]


def test_gzip_writer_gives_the_same_bytes_on_a_rebuild(tmp_path) -> None:
    import gzip
    import time

    from rasid.ner.resources import gzip_writer

    paths = [tmp_path / "a" / "x.tsv.gz", tmp_path / "b" / "x.tsv.gz"]
    for path in paths:
        path.parent.mkdir()
        with gzip_writer(path) as fh:
            fh.write("مصر\tCTRY\n")
        time.sleep(1.1)  # a time stamp in the header would now differ
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes()[4:8] == b"\0\0\0\0"
    assert gzip.decompress(paths[0].read_bytes()).decode("utf-8") == "مصر\tCTRY\n"


def test_building_only_weighed_attributes_keeps_every_label() -> None:
    from rasid.ner.tagger import NerTagger

    tagger = NerTagger(engine="crfsuite")  # the engine that hands crfsuite strings
    sentences = [s.split() for s in (
        "قال الرئيس الأوكراني فولوديمير زيلينسكي إن بلاده تريد الانضمام إلى حلف شمال الأطلسي .",
        "وأكد وزير الخارجية الفرنسي جان نويل بارو في باريس أن أوروبا ستدعم كييف .",
        "والتقى زيلينسكي المستشار الألماني فريدريش ميرتس في برلين يوم الجمعة .")]
    pruned = tagger.tag_document(sentences)
    pruned_count = sum(len(row) for s in sentences for row in tagger.extractor.sentence(s))
    assert tagger.extractor.attributes  # the shipped models weigh a set of attributes
    tagger.extractor.attributes = None
    tagger.extractor.clear_cache()
    assert tagger.tag_document(sentences) == pruned
    assert sum(len(row) for s in sentences for row in tagger.extractor.sentence(s)) > pruned_count


def test_the_gazetteer_takes_the_registry_names_with_their_classes(tmp_path) -> None:
    import json
    from pathlib import Path

    import pytest

    from rasid.ner.resources import compile_gazetteer

    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "gazetteers"
    if not shared.exists():
        pytest.skip("needs ../shared")
    rows = [{"_about": "header", "version": 1},
            {"id": "org:x_body", "type": "ORG", "name": "هيئة زرقاء للتجربة", "variants": ["Blue Body"],
             "aliases": ["هزت"]},
            {"id": "gpe:xx", "type": "GPE", "name": "بلاد التجربة", "variants": []},
            {"id": "loc:1", "type": "GPE", "name": "مدينة التجربة", "variants": []},
            {"id": "per:x_y", "type": "PER", "name": "زيد التجريبي", "variants": []},
            {"id": "event:x", "type": "EVENT", "name": "قمة التجربة", "variants": []}]
    path = tmp_path / "extra.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    without = compile_gazetteer(shared)
    entries = compile_gazetteer(shared, [path])
    assert entries["هييه زرقاء للتجربه"] == {"ORG"} and entries["هزت"] == {"ORG"}
    assert entries["بلاد التجربه"] == {"CTRY"} and entries["مدينه التجربه"] == {"LOC"}
    assert entries["زيد التجريبي"] == {"PER"} and "قمه التجربه" not in entries
    assert "هزت" not in without and "blue body" not in entries  # Latin names are not Arabic keys


def test_a_tagged_span_neither_starts_nor_ends_on_punctuation() -> None:
    from rasid.ner import load_tagger

    tagger = load_tagger()
    # the second stage reads the name's first full occurrence and labels the full stop after the
    # second one inside the name
    for text in ("وتنخفض درجات الحرارة في الشمال، بحسب مركز الأرصاد الجوية الفرنسي.\nويتوقع أن ترتفع "
                 "الحرارة إلى 37 درجة في باريس، بحسب مركز الأرصاد الجوية.\nوألغت الشركة الرحلات.",):
        for start, end, _ in tagger.tag_spans(text):
            assert text[start].isalnum() and text[end - 1].isalnum(), text[start:end]
