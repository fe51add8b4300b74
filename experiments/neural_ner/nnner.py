"""Character-aware convolutional NER tagger: numpy-only inference (plus the featuriser that training
shares).

Per word type (cached): a pretrained news word vector (int8, PPMI+SVD), the mean of hashed character
2-5-gram embeddings, and a bag of discrete feature embeddings (shape, proclitic, trigger class,
gazetteer class, word clusters, frequent training words/stems).  The type part of the first layer is
linear, so it is folded into one cached d-vector per type; a token adds its positional gazetteer BIO
embedding.  Then L residual width-3 (dilated) convolutions with ReLU, a linear layer to BIO tag
scores, and Viterbi decoding with learned CRF transitions.

Optional document layer ("doc"): each token also sees the mean encoder state of the other
occurrences of its clitic-free stem within DOC_WINDOW sentences either side (one pass, no second
model).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rasid.arabic.normalise import fold
from rasid.ner.features import shape
from rasid.ner.resources import MODELS_DIR, Gazetteer, load_clusters, load_triggers
from rasid.ner.tokens import strip_proclitics

TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
MAX_NGRAMS = 40
MAX_FEATS = 16
DOC_WINDOW = 5


def char_ngrams(f: str, stem: str) -> list[str]:
    """Character 2..5-grams of <word>, plus the whole <stem> and <word> (looked up in a vocabulary of
    the n-grams of training words: a dict lookup is cheaper than hashing, unseen n-grams add nothing)."""
    w = "<" + f + ">"
    grams = [w[i:i + n] for n in (2, 3, 4, 5) for i in range(len(w) - n + 1)]
    grams.append("W" + w)
    grams.append("S<" + stem + ">")
    return grams


class Featuriser:
    """Word type -> (vector index, char n-gram ids, discrete feature ids); token -> gazetteer BIO id.
    ``feat_vocab`` / ``gaz_vocab`` are fixed at training time and saved with the weights."""

    def __init__(self, words: list[str], feat_vocab: list[str], gaz_vocab: list[str],
                 gram_vocab: list[str], model_dir: Path = MODELS_DIR) -> None:
        self.gram_index = {g: i + 1 for i, g in enumerate(gram_vocab)}  # 0 = padding
        self.word_index = {w: i + 1 for i, w in enumerate(words)}  # 0 = no vector
        self.feat_index = {f: i + 1 for i, f in enumerate(feat_vocab)}  # 0 = padding
        self.gaz_index = {g: i + 1 for i, g in enumerate(gaz_vocab)}  # 0 = no match
        self.gazetteer = Gazetteer.load(model_dir / "ner_gazetteer.tsv.gz")
        self.triggers = load_triggers()
        self.clusters = load_clusters(model_dir / "ner_clusters.tsv.gz")

    @staticmethod
    def feature_strings(f: str, stem: str, gaz: dict, triggers: dict, clusters: dict) -> list[str]:
        sh = shape(f)
        out = ["sh=" + sh, "len=" + str(min(len(stem), 8))]  # the word and stem are n-grams "W<..>", "S<..>"
        if f != stem:
            out.append("cl=" + f[: len(f) - len(stem)])
        trig = triggers.get(f) or triggers.get(stem)
        if trig:
            out.append("t=" + trig)
        g = gaz.get(f) or gaz.get(stem)
        if g:
            out.append("g1=" + g)
        cl = clusters.get(f) or clusters.get(stem)
        if cl:
            out.extend(f"c{i}={c}" for i, c in enumerate(cl))
        else:
            out.append("c=none")
        return out

    def word(self, word: str) -> tuple[str, str, int, list[int], list[int]]:
        f = fold(word)
        stem = strip_proclitics(f)
        vec = self.word_index.get(f) or self.word_index.get(stem) or 0
        gi = self.gram_index
        grams = [x for x in map(gi.get, char_ngrams(f, stem)) if x][:MAX_NGRAMS]
        fi = self.feat_index
        feats = [fi[s] for s in self.feature_strings(f, stem, self.gazetteer.entries, self.triggers,
                                                     self.clusters) if s in fi][:MAX_FEATS]
        return f, stem, vec, grams, feats

    def gaz_ids(self, folded: list[str], stems: list[str]) -> list[int]:
        gi = self.gaz_index
        return [gi.get(g, 0) if g else 0 for g in self.gazetteer.match(folded, stems)]


def pad(rows: list[list[int]], width: int) -> np.ndarray:
    out = np.zeros((len(rows), width), dtype=np.int32)
    for i, r in enumerate(rows):
        out[i, :len(r)] = r[:width]
    return out


def doc_pairs(stems: list[list[str]], window: int = DOC_WINDOW) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse averaging matrix (rows, cols, values) over the tokens of consecutive sentences: token i
    averages the tokens j != i with the same stem (2+ letters) within ``window`` sentences."""
    offs = np.cumsum([0] + [len(s) for s in stems])
    sent_of: list[int] = []
    flat: list[str] = []
    for k, s in enumerate(stems):
        flat.extend(s)
        sent_of.extend([k] * len(s))
    by_key: dict[str, list[int]] = {}
    for i, key in enumerate(flat):
        if len(key) > 1:
            by_key.setdefault(key, []).append(i)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for idx in by_key.values():
        if len(idx) < 2:
            continue
        for a in idx:
            sa = sent_of[a]
            near = [b for b in idx if b != a and abs(sent_of[b] - sa) <= window]
            if near:
                w = 1.0 / len(near)
                rows.extend([a] * len(near))
                cols.extend(near)
                vals.extend([w] * len(near))
    del offs
    return (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64),
            np.asarray(vals, dtype=np.float32))


class NumpyTagger:
    """Numpy forward pass of the weights that train.py exports."""

    def __init__(self, path: Path, model_dir: Path = MODELS_DIR, crf_document: bool = False) -> None:
        """``crf_document``: a stacked model is fed, in ``tag_document``, the labels of rasid's two-stage
        CRF (``NerTagger.tag_document``) rather than those of its first stage alone."""
        z = np.load(path, allow_pickle=False)
        self.cfg = {k[4:]: int(z[k]) for k in z.files if k.startswith("cfg_")}
        def text(key: str) -> list[str]:
            return z[key].tobytes().decode("utf-8").split("\n")
        self.fz = Featuriser(text("words"), text("feat_vocab"), text("gaz_vocab"), text("gram_vocab"),
                             model_dir)
        self.wvec = z["wvec_q"].astype(np.float32) * z["wvec_s"].astype(np.float32)[:, None]  # (V+1, 100), row 0 zero
        self.char = z["char"].astype(np.float32)
        self.feat = z["feat"].astype(np.float32)
        self.gaz = z["gaz"].astype(np.float32)
        self.proj_w, self.proj_b = z["proj_w"], z["proj_b"]
        self.convs = [(z[f"conv{i}_w"], z[f"conv{i}_b"]) for i in range(self.cfg["layers"])]
        self.dil = [int(x) for x in z["dilations"]] or [1]
        self.out_w, self.out_b = z["out_w"], z["out_b"]
        self.lstm = None
        if self.cfg.get("lstm", 0):
            self.lstm = {}
            for name in ("f", "b"):
                w_ih, w_hh = z[f"lstm_{name}_weight_ih_l0"], z[f"lstm_{name}_weight_hh_l0"]
                bias = z[f"lstm_{name}_bias_ih_l0"] + z[f"lstm_{name}_bias_hh_l0"]
                self.lstm[name] = (np.ascontiguousarray(w_ih.T), np.ascontiguousarray(w_hh.T), bias)
        self.crf = None
        if self.cfg.get("crf", 0):  # stacked on rasid's first-stage CRF labels
            import pycrfsuite

            from rasid.ner.features import FeatureExtractor

            self.crf_emb = z["crf_emb"]
            self.crf_extractor = FeatureExtractor(self.fz.gazetteer, self.fz.triggers, self.fz.clusters)
            self.crf = pycrfsuite.Tagger()
            self.crf.open(str(model_dir / "ner_crf_local.crfsuite"))
            self.crf_document = None
            if crf_document:
                from rasid.ner.tagger import NerTagger

                self.crf_document = NerTagger(model_dir)
        self.doc = bool(self.cfg.get("doc", 0))
        if self.doc:
            self.doc_w, self.doc_b = z["doc_w"], z["doc_b"]
        self.trans, self.start, self.end = z["trans"], z["start"], z["end"]
        self.d = self.proj_w.shape[0]
        self._type_index: dict[str, int] = {}
        self._type_rows: list[np.ndarray] = []
        self._type_stems: list[str] = []
        self._type_folded: list[str] = []
        self._table = np.zeros((0, self.d), dtype=np.float32)

    def clear_cache(self) -> None:
        if self.crf is not None:
            self.crf_extractor.clear_cache()
            if self.crf_document is not None:
                self.crf_document.extractor.clear_cache()
        self._type_index.clear()
        self._type_rows.clear()
        self._type_stems.clear()
        self._type_folded.clear()
        self._table = np.zeros((0, self.d), dtype=np.float32)

    def _add_types(self, words: list[str]) -> None:
        new = []
        for w in words:
            if w not in self._type_index:
                self._type_index[w] = len(self._type_stems) + len(new)
                new.append(w)
        if not new:
            return
        info = [self.fz.word(w) for w in new]
        vec_ids = np.fromiter((x[2] for x in info), dtype=np.int64, count=len(info))
        feats = pad([x[4] for x in info], MAX_FEATS)
        n_grams = np.fromiter((len(x[3]) for x in info), dtype=np.int64, count=len(info))
        flat = np.fromiter((g for x in info for g in x[3]), dtype=np.int64, count=int(n_grams.sum()))
        # mean of each type's n-gram rows: prepend a zero row so that a type without n-grams sums to 0
        char_mean = np.zeros((len(info), self.char.shape[1]), np.float32)
        some = n_grams > 0
        if some.any():
            bounds = np.concatenate([[0], np.cumsum(n_grams[some])[:-1]])
            char_mean[some] = np.add.reduceat(self.char[flat], bounds, axis=0) / n_grams[some][:, None]
        x = np.concatenate([self.wvec[vec_ids], char_mean], axis=1)
        rows = x @ self.proj_w.T + self.proj_b + self.feat[feats].sum(1)  # feat row 0 is zero
        self._table = np.concatenate([self._table, rows.astype(np.float32)])
        self._type_folded.extend(x[0] for x in info)
        self._type_stems.extend(x[1] for x in info)

    def scores(self, sentences: list[list[str]], doc: bool = True,
               crf_labels: list[list[str]] | None = None) -> list[np.ndarray]:
        """Tag scores (n, 9) per sentence; sentences in reading order (the doc layer uses that)."""
        flat = [w for s in sentences for w in s]
        self._add_types(flat)
        ti = self._type_index
        ids = np.fromiter((ti[w] for w in flat), dtype=np.int64, count=len(flat))
        gaz = []
        folded, stems = self._type_folded, self._type_stems
        for s in sentences:
            tids = [ti[w] for w in s]
            gaz.extend(self.fz.gaz_ids([folded[t] for t in tids], [stems[t] for t in tids]))
        maxd = max(self.dil)
        # sentences laid end to end with maxd zero rows between them (conv padding)
        lens = [len(s) for s in sentences]
        starts = np.cumsum([maxd] + [n + maxd for n in lens])[:-1]
        total = int(starts[-1] + lens[-1] + maxd) if lens else 0
        pos = np.concatenate([np.arange(a, a + n) for a, n in zip(starts, lens, strict=True)]) if flat else np.zeros(0, int)
        h = np.zeros((total, self.d), dtype=np.float32)
        h[pos] = self._table[ids] + self.gaz[np.asarray(gaz, dtype=np.int64)]
        if self.crf is not None:
            tag_id = {t: i for i, t in enumerate(TAGS)}
            if crf_labels is None:
                crf_labels = [self.crf.tag(self.crf_extractor.sentence(s)) for s in sentences]
            crf_ids = [tag_id[y] for s in crf_labels for y in s]
            h[pos] += self.crf_emb[np.asarray(crf_ids, dtype=np.int64)]
        mask = np.zeros((total, 1), dtype=np.float32)
        mask[pos] = 1.0
        h = np.maximum(h, 0) * mask
        # strict=False: an LSTM model has no convs but dil == [1]
        for (w, b), d in zip(self.convs, self.dil, strict=False):  # w: (out, in, 3)
            y = h @ w[:, :, 1].T
            y[d:] += h[:-d] @ w[:, :, 0].T
            y[:-d] += h[d:] @ w[:, :, 2].T
            y += b
            h = (h + np.maximum(y, 0)) * mask
        hp = h[pos]
        if self.lstm is not None:
            hp = self._bilstm(hp, lens)
        if self.doc:
            ctx = np.zeros_like(hp)
            has = np.zeros((len(hp), 1), dtype=np.float32)
            if doc:
                r, c, v = doc_pairs([[stems[ti[w]] for w in s] for s in sentences])
                if len(r):
                    np.add.at(ctx, r, hp[c] * v[:, None])
                    has[np.unique(r)] = 1.0
            hp = np.concatenate([hp, ctx, has], axis=1)
            hp = np.maximum(hp @ self.doc_w.T + self.doc_b, 0)
        em = hp @ self.out_w.T + self.out_b
        out = []
        o = 0
        for n in lens:
            out.append(em[o:o + n])
            o += n
        return out

    def _run_lstm(self, x: np.ndarray, lens: np.ndarray, w: tuple) -> np.ndarray:
        """One direction over padded (B, L, d) input; positions past a sentence's end are ignored."""
        w_ih, w_hh, bias = w
        b, L, _ = x.shape
        hsz = w_hh.shape[0]
        gates_x = (x.reshape(b * L, -1) @ w_ih + bias).reshape(b, L, 4 * hsz)
        h = np.zeros((b, hsz), np.float32)
        c = np.zeros((b, hsz), np.float32)
        out = np.empty((b, L, hsz), np.float32)
        for t in range(L):
            live = int((lens > t).sum())  # sentences sorted by length, longest first
            g = gates_x[:live, t] + h[:live] @ w_hh
            i = 1.0 / (1.0 + np.exp(-g[:, :hsz]))
            f = 1.0 / (1.0 + np.exp(-g[:, hsz:2 * hsz]))
            gg = np.tanh(g[:, 2 * hsz:3 * hsz])
            o = 1.0 / (1.0 + np.exp(-g[:, 3 * hsz:]))
            c[:live] = f * c[:live] + i * gg
            h[:live] = o * np.tanh(c[:live])
            out[:live, t] = h[:live]
        return out

    def _bilstm(self, hp: np.ndarray, lens: list[int]) -> np.ndarray:
        """Bidirectional LSTM over the tokens ``hp`` (sentences laid end to end)."""
        lens_a = np.asarray(lens)
        order = np.argsort(-lens_a, kind="stable")
        sl = lens_a[order]
        L = int(sl[0])
        starts = np.concatenate([[0], np.cumsum(lens_a)[:-1]])[order]
        ar = np.arange(L)[None]
        valid = ar < sl[:, None]
        src = np.where(valid, starts[:, None] + ar, 0)
        rev_src = np.where(valid, starts[:, None] + sl[:, None] - 1 - ar, 0)
        hf = self._run_lstm(hp[src], sl, self.lstm["f"])
        hb = self._run_lstm(hp[rev_src], sl, self.lstm["b"])
        out = np.empty((len(hp), hf.shape[2] * 2), np.float32)
        out[src[valid], :hf.shape[2]] = hf[valid]
        out[rev_src[valid], hf.shape[2]:] = hb[valid]
        return out

    def viterbi(self, em: list[np.ndarray]) -> list[list[str]]:
        """Batched Viterbi over sentences of different lengths."""
        if not em:
            return []
        lens = np.array([len(e) for e in em])
        b, L, k = len(em), int(lens.max()) if len(lens) else 0, len(TAGS)
        if L == 0:
            return [[] for _ in em]
        e = np.zeros((b, L, k), dtype=np.float32)
        for i, x in enumerate(em):
            e[i, :len(x)] = x
        score = self.start + e[:, 0]
        back = np.zeros((b, L, k), dtype=np.int64)
        for t in range(1, L):
            cand = score[:, :, None] + self.trans[None]  # (b, from, to)
            best = cand.argmax(1)
            new = np.take_along_axis(cand, best[:, None, :], 1)[:, 0] + e[:, t]
            live = (t < lens)[:, None]
            score = np.where(live, new, score)
            back[:, t] = np.where(live, best, np.arange(k)[None])
        score = score + self.end
        last = score.argmax(1)
        paths = np.zeros((b, L), dtype=np.int64)
        paths[np.arange(b), lens - 1] = last
        cur = last
        for t in range(L - 1, 0, -1):
            prev = back[np.arange(b), t, cur]
            upd = t <= lens - 1
            cur = np.where(upd, prev, cur)
            paths[upd, t - 1] = cur[upd]
        return [[TAGS[j] for j in paths[i, :n]] for i, n in enumerate(lens)]

    def viterbi_one(self, e: np.ndarray) -> list[str]:
        """Viterbi of one sentence (fewer numpy calls per step than the batched one)."""
        trans = self.trans
        k = trans.shape[0]
        cols = np.arange(k)
        score = self.start + e[0]
        back = np.empty((len(e), k), dtype=np.int64)
        for t in range(1, len(e)):
            cand = score[:, None] + trans
            best = cand.argmax(0)
            back[t] = best
            score = cand[best, cols] + e[t]
        cur = int((score + self.end).argmax())
        path = [cur]
        for t in range(len(e) - 1, 0, -1):
            cur = int(back[t, cur])
            path.append(cur)
        return [TAGS[j] for j in reversed(path)]

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        keep = [i for i, s in enumerate(sentences) if s]
        crf_labels = None
        if self.crf is not None and self.crf_document is not None:
            crf_labels = self.crf_document.tag_document([sentences[i] for i in keep])
        res = self.viterbi(self.scores([sentences[i] for i in keep], crf_labels=crf_labels))
        out: list[list[str]] = [[] for _ in sentences]
        for i, r in zip(keep, res, strict=True):
            out[i] = r
        return out

    def tag(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        return self.viterbi_one(self.scores([tokens], doc=False)[0])
