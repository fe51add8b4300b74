"""The numpy engine decodes the shipped CRFs to exactly pycrfsuite's labels, cold or warm."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.ner import scoring
from rasid.ner.tagger import NerTagger

SHARED = Path(__file__).resolve().parents[2] / "shared"

SENTENCES = [s.split() for s in (
    "قال الرئيس الأوكراني فولوديمير زيلينسكي إن بلاده تريد الانضمام إلى حلف شمال الأطلسي .",
    "وأكد وزير الخارجية الفرنسي جان نويل بارو في باريس أن أوروبا ستدعم كييف .",
    "والتقى زيلينسكي المستشار الألماني فريدريش ميرتس في برلين يوم الجمعة .",
    "كييف",
)]


@pytest.fixture(scope="module")
def taggers() -> tuple[NerTagger, NerTagger]:
    return NerTagger(engine="numpy"), NerTagger(engine="crfsuite")


def test_document_labels_equal_crfsuite_including_empty_and_one_word_sentences(taggers) -> None:
    fast, reference = taggers
    document = [SENTENCES[0], [], SENTENCES[1], SENTENCES[2], SENTENCES[3], []]
    want = reference.tag_document(document)
    assert fast.tag_document(document) == want
    assert fast.tag_document(document) == want  # warm: from the per-word score table
    assert want[1] == [] and want[4] in (["B-LOC"], ["O"])
    assert "B-PERS" in want[0]


def test_single_sentence_tag_is_the_first_stage(taggers) -> None:
    fast, reference = taggers
    for sentence in SENTENCES:
        assert fast.tag(sentence) == reference.tag(sentence)
    assert fast.tag([]) == []


def test_table_starting_afresh_at_capacity_keeps_labels(taggers, monkeypatch) -> None:
    fast, reference = taggers
    monkeypatch.setattr(scoring, "WORD_CAPACITY", 20)  # a second document overflows the table
    fast.clear_cache()
    assert fast.tag_document(SENTENCES[:1]) == reference.tag_document(SENTENCES[:1])
    assert fast.tag_document(SENTENCES[1:3]) == reference.tag_document(SENTENCES[1:3])
    assert set(fast.compiled._rows) == {w for s in SENTENCES[1:3] for w in s}  # started afresh


def test_tag_spans_equal_on_an_article(taggers) -> None:
    fast, reference = taggers
    text = "\n".join(" ".join(s) for s in SENTENCES) + "\nوقال ماكرون إن فرنسا مستعدة."
    assert fast.tag_spans(text) == reference.tag_spans(text)


def test_unknown_engine_is_refused() -> None:
    from rasid.errors import RasidError

    with pytest.raises(RasidError, match="unknown NER engine"):
        NerTagger(engine="torch")


@pytest.mark.skipif(not (SHARED / "data/ner/anercorp_camel/test.txt").exists(), reason="needs ../shared")
def test_every_anercorp_test_label_equals_crfsuite(taggers) -> None:
    from rasid.ner.training import anercorp

    fast, reference = taggers
    sentences = [words for words, _ in anercorp(SHARED, "test")]
    fast.clear_cache()
    want = reference.tag_document(sentences)
    assert fast.tag_document(sentences) == want
    assert sum(label != "O" for labels in want for label in labels) > 2500
