"""Same-conditions speed on ANERcorp test, one thread, cold caches, best of 5: rasid's CRF and the
numpy network(s).  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python experiments/neural_ner/timing.py $W/models/a.npz [...]"""
import sys
import time
from pathlib import Path

from nnner import NumpyTagger
from nnpaths import SHARED

from rasid.ner.tagger import NerTagger
from rasid.ner.training import anercorp

sents = [w for w, _ in anercorp(SHARED, "test")]
n = sum(map(len, sents))


def best(fn, clear, reps=5):
    out = []
    for _ in range(reps):
        clear()
        s = time.process_time()
        fn()
        out.append(time.process_time() - s)
    return f"{n / min(out):,.0f} tok/s (CPU time, best of {reps})"


crf = NerTagger()
print("CRF tag_document:", best(lambda: crf.tag_document(sents), crf.extractor.clear_cache))
print("CRF tag (per sentence):", best(lambda: [crf.tag(s) for s in sents], crf.extractor.clear_cache))
for path in sys.argv[1:]:
    t = NumpyTagger(Path(path))
    print(path, "tag_document:", best(lambda t=t: t.tag_document(sents), t.clear_cache))
    print(path, "tag (per sentence):", best(lambda t=t: [t.tag(s) for s in sents], t.clear_cache))
    t.tag_document(sents)
    s = time.process_time()
    t.tag_document(sents)
    print(path, "tag_document, warm type cache:", f"{n / (time.process_time() - s):,.0f} tok/s")
