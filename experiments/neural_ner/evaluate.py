"""Score an exported model with the numpy forward pass (rasid's venv, no torch): ANERcorp dev or test,
document mode and sentence mode, rasid's span scorer, one-thread speed from a cold cache.

OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python experiments/neural_ner/evaluate.py $W/models/x.npz dev|test [--check] [--crf-document]
(a stacked model runs rasid's shipped CRF, so score it on test only: on dev it would see a CRF
trained on dev; stack_check.py scores it on dev with the CRF trained on fit)
--check: the numpy labels on dev must equal train.py's torch labels ($W/models/x.npz.dev.json; W=experiments/neural_ner/work).
"""
import json
import os
import sys
import time
from pathlib import Path

from nnner import NumpyTagger
from nnpaths import SHARED

from rasid.ner.corpus import score
from rasid.ner.training import anercorp, split_dev


def main():
    path, part = sys.argv[1], sys.argv[2]
    shared = SHARED
    if part == "dev":
        sents = split_dev(anercorp(shared, "train"))[1]
    else:
        sents = anercorp(shared, part)
    t0 = time.perf_counter()
    tagger = NumpyTagger(Path(path), crf_document="--crf-document" in sys.argv)
    load_s = time.perf_counter() - t0
    words = [w for w, _ in sents]
    gold = [y for _, y in sents]
    tokens = sum(map(len, words))
    res = {"model": path, "part": part, "load_s": round(load_s, 2),
           "size_mb": round(os.path.getsize(path) / 1e6, 2)}
    for mode in ("document", "sentence"):
        best = None
        for _ in range(3):
            tagger.clear_cache()
            s, c = time.perf_counter(), time.process_time()
            pred = tagger.tag_document(words) if mode == "document" else [tagger.tag(w) for w in words]
            wall, cpu = time.perf_counter() - s, time.process_time() - c
            best = min(best or 1e9, wall)
        sc = score(gold, pred)
        res[mode] = {"f1": round(sc["micro"]["f1"], 1), "p": round(sc["micro"]["p"], 1),
                     "r": round(sc["micro"]["r"], 1),
                     **{k: round(v["f1"], 1) for k, v in sc.items() if k != "micro"},
                     "tok_s_wall": round(tokens / best), "tok_s_cpu_last": round(tokens / cpu)}
        if mode == "document" and "--check" in sys.argv and part == "dev":
            torch_pred = json.load(open(path + ".dev.json"))
            diff = sum(a != b for p, q in zip(pred, torch_pred, strict=True) for a, b in zip(p, q, strict=True))
            res["numpy_vs_torch_label_diffs"] = diff
    print(json.dumps(res))


if __name__ == "__main__":
    main()
