"""CRF first-stage labels as an input of the network (stacking), rasid's venv.
dev protocol: 5-fold jackknifed labels of fit, dev labelled by a CRF trained on fit.
full protocol: jackknifed labels of all of train; test labelled by the shipped first-stage CRF
(trained on all of train by `rasid train ner`, the model that runs beside the network)."""
import sys
import time

import numpy as np
from nnner import TAGS
from nnpaths import SHARED, work

from rasid.ner.resources import MODELS_DIR
from rasid.ner.training import PARAMS, anercorp, jackknife, make_extractor, predict, split_dev, train_crf

crf_work = work("crf" if sys.argv[1] == "dev" else "crf_full")
data = work("data")


def ids(labels):
    return np.array([TAGS.index(y) for s in labels for y in s], dtype=np.int8)


t = time.time()
ex = make_extractor(MODELS_DIR)
train = anercorp(SHARED, "train")
fit, dev = split_dev(train)
test = anercorp(SHARED, "test")
mode = sys.argv[1]
if mode == "dev":
    jk = jackknife(fit, ex, crf_work, PARAMS)
    train_crf(fit, ex, crf_work / "fit.crfsuite", PARAMS)
    np.savez(data / "crf_dev.npz", train=ids(jk), dev=ids(predict(crf_work / "fit.crfsuite", ex, dev)),
             test=ids(predict(crf_work / "fit.crfsuite", ex, test)))
else:
    jk = jackknife(train, ex, crf_work, PARAMS)
    local = MODELS_DIR / "ner_crf_local.crfsuite"
    np.savez(data / "crf_full.npz", train=ids(jk), dev=ids(predict(local, ex, dev)),
             test=ids(predict(local, ex, test)))
print(mode, "done", f"{time.time()-t:.0f}s")
