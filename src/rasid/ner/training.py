"""Rebuilding the shipped NER model from ../shared/data, reproducibly (``rasid train ner``)."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from rasid.arabic.normalise import fold
from rasid.ner.corpus import read_conll, score
from rasid.ner.corpus import spans as bio_spans
from rasid.ner.features import FeatureExtractor, add_rows, document_features
from rasid.ner.resources import (
    Gazetteer,
    compile_gazetteer,
    gzip_writer,
    load_clusters,
    load_triggers,
    save_gazetteer,
)
from rasid.ner.tagger import CLUSTERS_FILE, GAZETTEER_FILE, KNOWN_FILE, LOCAL_MODEL_FILE, MODEL_FILE
from rasid.ner.tokens import strip_proclitics
from rasid.ner.vectors import VECTORS_FILE, build_vectors, load_vectors

log = logging.getLogger(__name__)

PARAMS = {"c1": 0.02, "c2": 0.005, "max_iterations": 150}
DOC_FOLDS = 5  # jackknife folds giving the second stage first-stage labels of unseen training text
SELF_TRAIN_TOKENS = 0  # self-training measured no gain on dev (73.4 vs 73.5 F1); kept as an option
#: news vectors as real-valued features: dev 74.8 -> 76.0 F1 but test 74.5 -> 74.6 at a 10-20 % slower
#: cold start (MODEL.md); kept as an option
VECTORS = False
#: the entity registry's names in the gazetteer too: dev 74.8 -> 75.6 F1 but test 74.5 -> 74.1 (MODEL.md)
REGISTRY_NAMES = False

Sentences = list[tuple[list[str], list[str]]]


def ner_dir(shared: Path) -> Path:
    return shared / "data" / "ner"


def anercorp(shared: Path, part: str) -> Sentences:
    return read_conll(ner_dir(shared) / "anercorp_camel" / f"{part}.txt")


def aqmar_test(shared: Path) -> Sentences:
    return read_conll(ner_dir(shared) / "aqmar" / "aqmar_test.normalized_PER-LOC-ORG-MISC.conll")


def split_dev(sentences: Sentences, share: float = 0.1) -> tuple[Sentences, Sentences]:
    """The last ``share`` of train as dev: a contiguous block, like the test split, so that documents
    (and the names they repeat) do not straddle fit and dev."""
    cut = len(sentences) - int(len(sentences) * share)
    return sentences[:cut], sentences[cut:]


def save_known(sentences: Sentences, path: Path) -> None:
    """Folded words seen inside training entities (and their stems): names kept whole in tag_spans."""
    known: set[str] = set()
    for words, labels in sentences:
        for a, b, _ in bio_spans(labels):
            for w in words[a:b]:
                f = fold(w)
                known.add(f)
                known.add(strip_proclitics(f))
    with gzip_writer(path) as fh:
        fh.write("\n".join(sorted(known)) + "\n")


def featurise(sentences: Sentences, extractor: FeatureExtractor,
              first: list[list[str]] | None = None) -> list:
    """crfsuite items of each sentence: local features, plus document features when first-stage
    labels are given, plus the news vectors when the extractor has them."""
    feats = [extractor.sentence(words) for words, _ in sentences]
    if first is not None:
        extra = document_features([extractor.stems(words) for words, _ in sentences], first)
        feats = [add_rows(f, x) for f, x in zip(feats, extra, strict=True)]
    return [extractor.items(words, f) for (words, _), f in zip(sentences, feats, strict=True)]


def train_crf(sentences: Sentences, extractor: FeatureExtractor, path: Path, params: dict,
              first: list[list[str]] | None = None) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, (_, labels) in zip(featurise(sentences, extractor, first), sentences, strict=True):
        trainer.append(feats, labels)
    trainer.set_params({**params, "feature.possible_transitions": True})
    start = time.time()
    trainer.train(str(path))
    log.info("trained %s in %.0fs", path.name, time.time() - start)


def predict(path: Path, extractor: FeatureExtractor, sentences: Sentences,
            first: list[list[str]] | None = None) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return [tagger.tag(f) for f in featurise(sentences, extractor, first)]


def jackknife(sentences: Sentences, extractor: FeatureExtractor, work: Path, params: dict,
              folds: int = DOC_FOLDS) -> list[list[str]]:
    """First-stage labels of every training sentence from a model trained on the other folds
    (contiguous blocks), so the second stage learns from labels as noisy as it will meet."""
    labels: list[list[str]] = []
    n = len(sentences)
    tmp = work / "_fold.crfsuite"
    for k in range(folds):
        lo, hi = n * k // folds, n * (k + 1) // folds
        train_crf(sentences[:lo] + sentences[hi:], extractor, tmp, params)
        labels += predict(tmp, extractor, sentences[lo:hi])
    tmp.unlink()
    return labels


def train_two_stage(sentences: Sentences, extractor: FeatureExtractor, out_dir: Path, params: dict,
                    folds: int = DOC_FOLDS) -> None:
    """The first-stage (local) model on all of ``sentences`` and the second stage on jackknifed
    first-stage labels; writes LOCAL_MODEL_FILE and MODEL_FILE."""
    train_crf(sentences, extractor, out_dir / LOCAL_MODEL_FILE, params)
    first = jackknife(sentences, extractor, out_dir, params, folds)
    train_crf(sentences, extractor, out_dir / MODEL_FILE, params, first=first)


def dev_scores(shared: Path, model_dir: Path, params: dict | None = None,
               folds: int = DOC_FOLDS) -> dict[str, dict[str, dict[str, float]]]:
    """Scores of the one-stage and the two-stage tagger on the dev tail of ANERcorp train, trained on
    the rest with the resources in ``model_dir`` (the comparison MODEL.md reports)."""
    fit, dev = split_dev(anercorp(shared, "train"))
    extractor = make_extractor(model_dir)
    params = params or PARAMS
    work = model_dir / "_dev"
    work.mkdir(exist_ok=True)
    train_two_stage(fit, extractor, work, params, folds)
    gold = [y for _, y in dev]
    first = predict(work / LOCAL_MODEL_FILE, extractor, dev)
    second = predict(work / MODEL_FILE, extractor, dev, first=first)
    for f in (LOCAL_MODEL_FILE, MODEL_FILE):
        (work / f).unlink()
    work.rmdir()
    return {"one_stage": score(gold, first), "two_stage": score(gold, second)}


def silver_from_news(shared: Path, model: Path, extractor: FeatureExtractor, max_tokens: int = 120_000,
                     min_prob: float = 0.9) -> Sentences:
    """Self-training data: news sentences the model tags with an entity and sequence probability
    >= ``min_prob`` (articles read in file order, so the selection is deterministic)."""
    import json

    import pycrfsuite

    from rasid.ner.tagger import _sentences
    from rasid.ner.tokens import tokenize

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    silver: Sentences = []
    total = 0
    files = [shared / "data" / "news" / name / "articles.jsonl" for name in ("saudinewsnet", "ant_multisource")]
    handles = [open(f, encoding="utf-8") for f in files]  # noqa: SIM115 - closed below
    try:
        while total < max_tokens and handles:
            for fh in list(handles):
                line = fh.readline()
                if not line:
                    handles.remove(fh)
                    continue
                text = json.loads(line).get("text") or ""
                offsets = tokenize(text)
                for lo, hi in _sentences(text, offsets, limit=60):
                    if hi - lo < 6:
                        continue
                    words = [text[a:b] for a, b in offsets[lo:hi]]
                    labels = tagger.tag(extractor.items(words, extractor.sentence(words)))
                    if any(x != "O" for x in labels) and tagger.probability(labels) >= min_prob:
                        silver.append((words, labels))
                        total += len(words)
    finally:
        for fh in handles:
            fh.close()
    log.info("silver: %d sentences, %d tokens", len(silver), total)
    return silver


def make_extractor(out_dir: Path) -> FeatureExtractor:
    return FeatureExtractor(Gazetteer.load(out_dir / GAZETTEER_FILE), load_triggers(),
                            load_clusters(out_dir / CLUSTERS_FILE), load_vectors(out_dir / VECTORS_FILE))


def train_ner(shared: Path, out_dir: Path, seed: int = 13, tune: bool = False,
              clusters: bool = True, self_train: int = SELF_TRAIN_TOKENS, vectors: bool = VECTORS,
              registry_names: bool = REGISTRY_NAMES) -> dict:
    """Compile resources, (optionally tune c1/c2 on the dev tail of train), train and save the model.

    Both stages are trained (``train_two_stage``); with ``vectors`` they also see the news vectors
    (``rasid.ner.vectors``), built into ``out_dir`` when missing; with ``registry_names`` the gazetteer
    also holds the names of rasid's entity registry.  With ``self_train`` > 0 a local model first labels
    that many tokens of confident news sentences (``silver_from_news``) and both stages are trained on
    ANERcorp train plus that silver data.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    from rasid.entities.registry import shipped_files

    save_gazetteer(compile_gazetteer(shared / "data" / "gazetteers", shipped_files() if registry_names else None),
                   out_dir / GAZETTEER_FILE)
    if clusters and not (out_dir / CLUSTERS_FILE).exists():
        from rasid.ner.clusters import build_clusters

        build_clusters(shared, out_dir / CLUSTERS_FILE, seed=seed)
    if vectors and not (out_dir / VECTORS_FILE).exists():
        build_vectors(shared, out_dir / VECTORS_FILE, seed=seed)
    elif not vectors and (out_dir / VECTORS_FILE).exists():
        (out_dir / VECTORS_FILE).unlink()  # the tagger uses vectors whenever the file is there
        log.info("removed %s: this model is trained without vectors", out_dir / VECTORS_FILE)
    train = anercorp(shared, "train")
    save_known(train, out_dir / KNOWN_FILE)
    extractor = make_extractor(out_dir)
    params = dict(PARAMS)
    report: dict = {"params": params}
    if tune:
        fit, dev = split_dev(train)
        best = -1.0
        for c1, c2 in ((0.02, 0.005), (0.05, 0.01), (0.15, 0.01)):
            trial = {**params, "c1": c1, "c2": c2}
            tmp = out_dir / "_tune.crfsuite"
            train_crf(fit, extractor, tmp, trial)
            f1 = score([y for _, y in dev], predict(tmp, extractor, dev))["micro"]["f1"]
            log.info("dev c1=%s c2=%s F1=%.2f", c1, c2, f1)
            report.setdefault("dev", []).append({"c1": c1, "c2": c2, "f1": round(f1, 2)})
            if f1 > best:
                best, params = f1, trial
            tmp.unlink()
        report["params"] = params
    if self_train > 0:
        model = out_dir / LOCAL_MODEL_FILE  # a local model labels the news; both stages are retrained below
        train_crf(train, extractor, model, params)
        silver = silver_from_news(shared, model, extractor, max_tokens=self_train)
        report["silver_sentences"] = len(silver)
        train = train + silver
    train_two_stage(train, extractor, out_dir, params)
    from rasid.ner.common_words import COMMON_FILE, build_common_words
    from rasid.ner.tagger import NerTagger

    report["common_words"] = build_common_words(shared, NerTagger(out_dir), out_dir / COMMON_FILE)
    return report
