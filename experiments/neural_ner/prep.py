"""Featurise ANERcorp splits for train.py (run in rasid's venv). Writes data/<name>.npz per split and
data/vocab.npz (word list, int8 vectors, feature and gazetteer vocabularies) from the training part."""
import sys
from collections import Counter

import numpy as np
from nnner import MAX_FEATS, MAX_NGRAMS, TAGS, Featuriser, char_ngrams, doc_pairs, pad
from nnpaths import SHARED, work

from rasid.ner.training import anercorp, split_dev

CHUNK = 40  # sentences per training chunk (document layer works inside a chunk)


def vocab(train, out):
    z = np.load(work("data") / "vectors.npz")
    words = list(z["words"])
    v = z["vecs"]
    scale = (np.maximum(np.abs(v).max(1), 1e-2) / 127.0).astype(np.float16).astype(np.float32)
    q = np.round(v / scale[:, None]).astype(np.int8)
    fz = Featuriser(words, [], [], [])
    fc, gc, nc = Counter(), Counter(), Counter()
    seen = set()
    for ws, _ in train:
        info = [fz.word(w) for w in ws]
        folded = [fold for fold, *_ in info]
        stems = [x[1] for x in info]
        for w, f, st in zip(ws, folded, stems, strict=True):
            if w not in seen:
                seen.add(w)
                nc.update(set(char_ngrams(f, st)))
            fc.update(fz.feature_strings(f, st, fz.gazetteer.entries, fz.triggers, fz.clusters))
        gc.update(g for g in fz.gazetteer.match(folded, stems) if g)
    feat_vocab = sorted(f for f, c in fc.items() if c >= 2)
    gaz_vocab = sorted(g for g, c in gc.items() if c >= 1)
    gram_vocab = sorted(g for g, c in nc.items() if c >= 2)  # n-grams of 2+ training word types
    np.savez(out, words=np.array(words), wvec_q=np.concatenate([np.zeros((1, 100), np.int8), q]),
             wvec_s=np.concatenate([[0.0], scale]).astype(np.float16).astype(np.float32),
             feat_vocab=np.array(feat_vocab), gaz_vocab=np.array(gaz_vocab),
             gram_vocab=np.array(gram_vocab))
    print("feat vocab", len(feat_vocab), "gaz vocab", len(gaz_vocab), "gram vocab", len(gram_vocab))


def split(sents, vocab_path, out, chunk=None):
    z = np.load(vocab_path)
    fz = Featuriser(list(z["words"]), list(z["feat_vocab"]), list(z["gaz_vocab"]), list(z["gram_vocab"]))
    types, tindex = [], {}
    tok, gaz, lab, lens, stems_all = [], [], [], [], []
    for ws, ys in sents:
        info = []
        for w in ws:
            if w not in tindex:
                tindex[w] = len(types)
                types.append(fz.word(w))
            info.append(types[tindex[w]])
        tok += [tindex[w] for w in ws]
        gaz += fz.gaz_ids([x[0] for x in info], [x[1] for x in info])
        lab += [TAGS.index(y) for y in ys]
        lens.append(len(ws))
        stems_all.append([x[1] for x in info])
    # document pairs: whole stream (eval) or within fixed chunks (train)
    rows, cols, vals = [], [], []
    offs = np.cumsum([0] + lens)
    step = chunk or len(sents)
    for c0 in range(0, len(sents), step):
        r, c, v = doc_pairs(stems_all[c0:c0 + step])
        rows.append(r + offs[c0])
        cols.append(c + offs[c0])
        vals.append(v)
    np.savez(out, vec=np.array([t[2] for t in types]), grams=pad([t[3] for t in types], MAX_NGRAMS),
             feats=pad([t[4] for t in types], MAX_FEATS), tok=np.array(tok), gaz=np.array(gaz),
             lab=np.array(lab), lens=np.array(lens), chunk=step,
             dr=np.concatenate(rows), dc=np.concatenate(cols), dv=np.concatenate(vals))
    print(out, len(types), "types", len(tok), "tokens")


if __name__ == "__main__":
    mode = sys.argv[1]
    tag = sys.argv[2] if len(sys.argv) > 2 else mode  # "dev": vocab from fit; "full": vocab from all of train
    train = anercorp(SHARED, "train")
    fit, dev = split_dev(train)
    d = work("data")
    base = fit if mode == "dev" else train
    vocab(base, d / f"vocab_{tag}.npz")
    split(base, d / f"vocab_{tag}.npz", d / f"{tag}_train.npz", chunk=CHUNK)
    split(dev, d / f"vocab_{tag}.npz", d / f"{tag}_dev.npz")
    split(anercorp(SHARED, "test"), d / f"vocab_{tag}.npz", d / f"{tag}_test.npz")
