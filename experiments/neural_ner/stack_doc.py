"""Variant: the stacked network fed the two-stage CRF's labels (document mode) instead of the first
stage's.  dev: second stage trained on fit with the jackknifed first-stage labels (as rasid does);
full/test: the shipped two-stage tagger.  Writes data/crf2_<mode>.npz (dev / test labels)."""
import sys

import numpy as np
from nnner import TAGS
from nnpaths import SHARED, work

from rasid.ner.resources import MODELS_DIR
from rasid.ner.tagger import NerTagger
from rasid.ner.training import PARAMS, anercorp, make_extractor, predict, split_dev, train_crf

ex = make_extractor(MODELS_DIR)
fit, dev = split_dev(anercorp(SHARED, "train"))
test = anercorp(SHARED, "test")
data = work("data")
z = np.load(data / "crf_dev.npz")


def to_lists(flat, sents):
    out, o = [], 0
    for w, _ in sents:
        out.append([TAGS[i] for i in flat[o:o + len(w)]])
        o += len(w)
    return out


def ids(labels):
    return np.array([TAGS.index(y) for s in labels for y in s], dtype=np.int8)


if sys.argv[1] == "dev":
    crf_work = work("crf")
    train_crf(fit, ex, crf_work / "fit2.crfsuite", PARAMS, first=to_lists(z["train"], fit))
    first = to_lists(z["dev"], dev)
    np.savez(data / "crf2_dev.npz", dev=ids(predict(crf_work / "fit2.crfsuite", ex, dev, first=first)))
else:
    t = NerTagger()
    np.savez(data / "crf2_full.npz", test=ids(t.tag_document([w for w, _ in test])))
print("done")
