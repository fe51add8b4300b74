"""Dev score of a stacked model (trained on fit) with the CRF trained on fit (crf/fit.crfsuite), the
numpy-vs-torch label check, and (--doc2) the variant fed the two-stage CRF's dev labels
(data/crf2_dev.npz from stack_doc.py dev).  rasid's venv:  python experiments/neural_ner/stack_check.py $W/models/v3crf.npz [--doc2]"""
import json
import shutil
import sys
from pathlib import Path

import nnner
import numpy as np
from nnpaths import SHARED, work

from rasid.ner.corpus import score
from rasid.ner.resources import MODELS_DIR
from rasid.ner.training import anercorp, split_dev

d = work("crf/md")
for f in ("ner_gazetteer.tsv.gz", "ner_clusters.tsv.gz"):
    shutil.copy(MODELS_DIR / f, d / f)
shutil.copy(work("crf") / "fit.crfsuite", d / "ner_crf_local.crfsuite")
path = sys.argv[1]
t = nnner.NumpyTagger(Path(path), model_dir=d)
fit, dev = split_dev(anercorp(SHARED, "train"))
words = [w for w, _ in dev]
pred = t.tag_document(words)
tp = json.load(open(path + ".dev.json"))
print("numpy vs torch label diffs:", sum(a != b for p, q in zip(pred, tp, strict=True) for a, b in zip(p, q, strict=True)))


def show(name, pred):
    sc = score([y for _, y in dev], pred)
    print(name, {k: round(v["f1"], 1) for k, v in sc.items()}, "P", round(sc["micro"]["p"], 1),
          "R", round(sc["micro"]["r"], 1))


show("dev, first-stage CRF labels in:", pred)
if "--doc2" in sys.argv:
    flat = np.load(work("data") / "crf2_dev.npz")["dev"]
    labels, o = [], 0
    for w in words:
        labels.append([nnner.TAGS[i] for i in flat[o:o + len(w)]])
        o += len(w)
    show("dev, two-stage CRF labels (alone):", labels)
    show("dev, two-stage CRF labels in:", t.viterbi(t.scores(words, crf_labels=labels)))
