"""News vectors as CRF features: the shipped file, its loader, the crfsuite items and the numpy
engine's dense rows all agree."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rasid.errors import RasidError
from rasid.ner.features import FeatureExtractor
from rasid.ner.resources import MODELS_DIR, Gazetteer
from rasid.ner.vectors import DIMS, SCALE, VECTORS_FILE, load_vectors, quantise, save_vectors


def test_quantised_rows_are_unit_length_over_the_kept_dimensions() -> None:
    rows = quantise(np.arange(2 * (DIMS + 5), dtype=float).reshape(2, DIMS + 5) - 40)
    assert rows.shape == (2, DIMS) and rows.dtype == np.int8
    assert np.allclose(np.linalg.norm(rows / 127, axis=1), 1.0, atol=0.02)


def test_save_load_round_trip_scales_and_keeps_words(tmp_path: Path) -> None:
    rows = np.zeros((2, DIMS), dtype=np.int8)
    rows[0, 0], rows[1, 3] = 127, -127
    save_vectors(["كييف", "باريس"], rows, tmp_path / VECTORS_FILE)
    first = (tmp_path / VECTORS_FILE).read_bytes()
    save_vectors(["كييف", "باريس"], rows, tmp_path / VECTORS_FILE)
    assert (tmp_path / VECTORS_FILE).read_bytes() == first  # no time stamp: rebuilds are identical
    vectors = load_vectors(tmp_path / VECTORS_FILE)
    assert list(vectors) == ["كييف", "باريس"]
    assert vectors["كييف"][0] == pytest.approx(SCALE) and vectors["باريس"][3] == pytest.approx(-SCALE)
    assert load_vectors(tmp_path / "missing.npy.gz") == {}


def test_a_file_whose_rows_do_not_match_its_words_is_refused(tmp_path: Path) -> None:
    save_vectors(["كييف"], np.zeros((2, DIMS), dtype=np.int8), tmp_path / "bad.npy.gz")
    with pytest.raises(RasidError, match="2 vectors|vectors for 1 words"):
        load_vectors(tmp_path / "bad.npy.gz")


def test_items_add_own_and_neighbour_dimensions_only_where_a_vector_exists() -> None:
    vec = np.full(DIMS, 0.5)
    ex = FeatureExtractor(Gazetteer({}), {}, {}, {"روما": vec})
    words = ["في", "وروما", "امس"]
    feats = ex.sentence(words)
    items = ex.items(words, feats)
    assert [set(x) for x in items] == [
        set(feats[0]) | {f"+1v{k}" for k in range(DIMS)},
        set(feats[1]) | {f"v{k}" for k in range(DIMS)},  # by its clitic-free stem
        set(feats[2]) | {f"-1v{k}" for k in range(DIMS)},
    ]
    assert items[1]["v0"] == 0.5 and items[1]["b"] == 1.0
    plain = FeatureExtractor(Gazetteer({}), {}, {})
    assert plain.items(words, feats) is feats


def test_the_shipped_model_has_no_vectors_so_tagging_pays_nothing_for_them() -> None:
    from rasid.ner.tagger import NerTagger

    tagger = NerTagger()
    assert not (MODELS_DIR / VECTORS_FILE).exists()
    assert tagger.extractor.vectors == {} and tagger.compiled.dense == []


def test_numpy_scores_of_a_model_with_vectors_equal_crfsuite(tmp_path: Path) -> None:
    import pycrfsuite

    from rasid.ner.scoring import CompiledCrfs
    from rasid.ner.training import PARAMS, train_crf

    rng = np.random.default_rng(3)
    people, places = ["سميث", "جونز", "براون"], ["لندن", "روما", "مدريد"]
    vectors = {w: rng.normal(size=DIMS) for w in people + places + ["قال", "في"]}
    ex = FeatureExtractor(Gazetteer({}), {}, {}, vectors)
    data = [(["قال", p, "في", c], ["O", "B-PERS", "O", "B-LOC"]) for p in people for c in places]
    train_crf(data, ex, tmp_path / "m.crfsuite", {**PARAMS, "max_iterations": 30})
    crf = pycrfsuite.Tagger()
    crf.open(str(tmp_path / "m.crfsuite"))
    assert any(a.startswith(("v", "-1v", "+1v")) for a, _ in crf.info().state_features)
    compiled = CompiledCrfs(ex, [crf])
    sentences = [["قال", "سميث", "في", "روما"], ["في", "لندن", "قال", "جونز", "امس"], ["براون"]]
    scores, lengths = compiled.scores(sentences)
    assert compiled.decode(scores, lengths, 0) == [crf.tag(ex.items(s, ex.sentence(s))) for s in sentences]
    # the dense rows are part of the scores: without the vectors they differ
    bare = CompiledCrfs(FeatureExtractor(Gazetteer({}), {}, {}), [crf])
    assert not np.allclose(bare.scores(sentences)[0], scores)
