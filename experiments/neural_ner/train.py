"""Train the conv+CRF tagger with PyTorch on CPU and export weights for nnner.NumpyTagger.

(from the repo root)  <torch venv>/bin/python experiments/neural_ner/train.py --data dv2 \
    --out experiments/neural_ner/work/models/x.npz [--doc] [--epochs N] ...
Data from prep.py.  Deterministic for a given --seed (CPU, fixed thread count).
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from nnpaths import REPO, work

sys.path.insert(0, str(REPO / "src"))  # the torch venv has no rasid installed
from rasid.ner.corpus import score  # noqa: E402  (stdlib-only module)

TAGS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
CHAR_BUCKETS = 1 << 15
DETERMINISTIC = False
THREADS = 1  # one thread: the scatter-adds of the backward pass are then summed in a fixed order


def allowed():
    """BIO: I-X only after B-X or I-X (also not at the start)."""
    k = len(TAGS)
    ok = np.ones((k, k), bool)
    start = np.ones(k, bool)
    for j, t in enumerate(TAGS):
        if t.startswith("I-"):
            start[j] = False
            for i, s in enumerate(TAGS):
                ok[i, j] = s[2:] == t[2:] and s != "O"
    return torch.tensor(ok), torch.tensor(start)


class Split:
    def __init__(self, path, crf=None):
        z = np.load(path)
        self.crf = None if crf is None else crf.astype(np.int64)
        self.vec = torch.from_numpy(z["vec"].astype(np.int64))
        self.grams = torch.from_numpy(z["grams"].astype(np.int64))
        self.feats = torch.from_numpy(z["feats"].astype(np.int64))
        self.tok = z["tok"].astype(np.int64)
        self.gaz = z["gaz"].astype(np.int64)
        self.lab = z["lab"].astype(np.int64)
        # I-X not after B-X/I-X (ANERcorp has a few) -> B-X: same spans, but a valid path for the CRF
        prev = np.r_[0, self.lab[:-1]]
        starts = np.zeros(len(self.lab), bool)
        starts[np.cumsum(np.r_[0, z["lens"][:-1]])] = True
        is_i = (self.lab > 0) & (self.lab % 2 == 0)
        bad = is_i & (starts | ((prev != self.lab) & (prev != self.lab - 1)))
        self.n_repaired = int(bad.sum())
        self.lab = np.where(bad, self.lab - 1, self.lab)
        self.lens = z["lens"].astype(np.int64)
        self.offs = np.cumsum(np.r_[0, self.lens])
        self.chunk = int(z["chunk"])
        self.dr, self.dc, self.dv = z["dr"], z["dc"], z["dv"]

    def batches(self, order=None, chunk=None):
        """(sentence range) chunks; doc pairs restricted to the chunk."""
        n = len(self.lens)
        step = chunk or self.chunk
        starts = list(range(0, n, step))
        if order is not None:
            starts = [starts[i] for i in order]
        for s0 in starts:
            yield s0, min(n, s0 + step)


class Model(nn.Module):
    def __init__(self, wvec, n_feat, n_gaz, n_gram, d=128, char_dim=64, dilations=(1, 2, 1), doc=False,
                 dropout=0.3, word_drop=0.1, whole_drop=0.0, is_whole=None, enc="conv", use_crf=False):
        super().__init__()
        self.use_crf = use_crf
        if use_crf:
            self.crf_emb = nn.Embedding(len(TAGS), d)
            nn.init.normal_(self.crf_emb.weight, std=0.05)
        self.whole_drop = whole_drop
        self.register_buffer("is_whole", is_whole)
        self.register_buffer("wvec", wvec)
        self.char = nn.Embedding(n_gram + 1, char_dim, padding_idx=0)
        self.proj = nn.Linear(wvec.shape[1] + char_dim, d)
        self.feat = nn.Embedding(n_feat + 1, d, padding_idx=0)
        self.gaz = nn.Embedding(n_gaz + 1, d, padding_idx=0)
        nn.init.normal_(self.char.weight, std=0.1)
        nn.init.normal_(self.feat.weight, std=0.05)
        nn.init.normal_(self.gaz.weight, std=0.05)
        with torch.no_grad():
            self.char.weight[0].zero_()
            self.feat.weight[0].zero_()
            self.gaz.weight[0].zero_()
        self.dil = list(dilations)
        self.enc = enc
        if enc == "lstm":
            self.dil = []
            self.lstm_f = nn.LSTM(d, d // 2, batch_first=True)
            self.lstm_b = nn.LSTM(d, d // 2, batch_first=True)
            dilations = ()
        self.convs = nn.ModuleList([nn.Conv1d(d, d, 3, dilation=x, padding=x) for x in dilations])
        self.doc = doc
        if doc:
            self.doc_lin = nn.Linear(2 * d + 1, d)
        self.out = nn.Linear(d, len(TAGS))
        self.trans = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
        self.start = nn.Parameter(torch.zeros(len(TAGS)))
        self.end = nn.Parameter(torch.zeros(len(TAGS)))
        self.drop = nn.Dropout(dropout)
        self.word_drop = word_drop
        ok, st = allowed()
        self.register_buffer("ok", ok)
        self.register_buffer("okstart", st)

    def transitions(self):
        big = torch.tensor(-1e4)
        return (torch.where(self.ok, self.trans, big), torch.where(self.okstart, self.start, big), self.end)

    def type_rows(self, sp, types):
        vec = sp.vec[types]
        feats = sp.feats[types]
        if self.training and self.word_drop:
            g = torch.rand(vec.shape) < self.word_drop
            vec = torch.where(g, torch.zeros_like(vec), vec)
            fd = torch.rand(feats.shape) < self.word_drop
            feats = torch.where(fd, torch.zeros_like(feats), feats)
        grams = sp.grams[types]
        if self.training and self.whole_drop:
            # drop the whole-word and whole-stem n-grams (and the word vector) of some types, so that
            # the model learns to tag names from their context and spelling as for an unseen word
            gone = torch.rand(len(types), 1) < self.whole_drop
            grams = torch.where(gone & self.is_whole[grams], torch.zeros_like(grams), grams)
            vec = torch.where(gone[:, 0], torch.zeros_like(vec), vec)
        gm = (grams > 0).float()
        cm = (self.char(grams) * gm[..., None]).sum(1) / gm.sum(1, keepdim=True).clamp(min=1)
        x = torch.cat([self.wvec[vec], cm], 1)
        return self.proj(x) + self.feat(feats).sum(1)

    def emissions(self, sp, s0, s1):
        """Emission scores (B, L, K), mask (B, L), over sentences s0..s1 of split sp."""
        lens = sp.lens[s0:s1]
        a, b = sp.offs[s0], sp.offs[s1]
        tok = torch.from_numpy(sp.tok[a:b])
        uniq, inv = torch.unique(tok, return_inverse=True)
        rows = self.type_rows(sp, uniq)[inv] + self.gaz(torch.from_numpy(sp.gaz[a:b]))
        if self.use_crf:
            rows = rows + self.crf_emb(torch.from_numpy(sp.crf[a:b]))
        B, L = len(lens), int(lens.max())
        pos_b = np.repeat(np.arange(B), lens)
        pos_t = np.concatenate([np.arange(n) for n in lens])
        pb, pt = torch.from_numpy(pos_b), torch.from_numpy(pos_t)
        h = torch.zeros(B, L, rows.shape[1])
        h[pb, pt] = rows
        mask = torch.zeros(B, L)
        mask[pb, pt] = 1.0
        m = mask[:, None, :]
        h = F.relu(h).transpose(1, 2) * m  # (B, d, L)
        for conv in self.convs:
            h = (h + F.relu(conv(self.drop(h)))) * m
        if self.enc == "lstm":
            x = self.drop(h.transpose(1, 2))  # (B, L, d)
            lens_t = torch.from_numpy(lens)
            ar = torch.arange(L)[None]
            rev = torch.where(ar < lens_t[:, None], lens_t[:, None] - 1 - ar, ar)  # flip each sentence
            xr = x.gather(1, rev[:, :, None].expand_as(x))
            hf, _ = self.lstm_f(x)
            hb, _ = self.lstm_b(xr)
            hb = hb.gather(1, rev[:, :, None].expand_as(hb))
            h = torch.cat([hf, hb], 2).transpose(1, 2) * m
        hp = h.transpose(1, 2)[pb, pt]  # (T, d)
        if self.doc:
            sel = (sp.dr >= a) & (sp.dr < b) & (sp.dc >= a) & (sp.dc < b)
            r = torch.from_numpy(sp.dr[sel] - a)
            c = torch.from_numpy(sp.dc[sel] - a)
            v = torch.from_numpy(sp.dv[sel])
            ctx = torch.zeros_like(hp).index_add(0, r, hp[c] * v[:, None])
            has = torch.zeros(len(hp), 1)
            has[r] = 1.0
            hp = F.relu(self.doc_lin(torch.cat([hp, ctx, has], 1)))
        em = torch.zeros(B, L, len(TAGS))
        em[pb, pt] = self.out(self.drop(hp))
        return em, mask.bool(), torch.from_numpy(sp.lab[a:b]), pb, pt

    def nll(self, em, mask, gold_flat, pb, pt):
        trans, start, end = self.transitions()
        B, L, K = em.shape
        gold = torch.zeros(B, L, dtype=torch.long)
        gold[pb, pt] = gold_flat
        # gold path score
        sc = start[gold[:, 0]] + em[:, 0].gather(1, gold[:, :1])[:, 0]
        for t in range(1, L):
            step = trans[gold[:, t - 1], gold[:, t]] + em[:, t].gather(1, gold[:, t:t + 1])[:, 0]
            sc = sc + step * mask[:, t]
        lens = mask.sum(1)
        sc = sc + end[gold[torch.arange(B), lens - 1]]
        # partition
        alpha = start[None] + em[:, 0]
        for t in range(1, L):
            nxt = torch.logsumexp(alpha[:, :, None] + trans[None], 1) + em[:, t]
            alpha = torch.where(mask[:, t:t + 1], nxt, alpha)
        logz = torch.logsumexp(alpha + end[None], 1)
        return (logz - sc).sum()

    @torch.no_grad()
    def decode(self, em, mask):
        trans, start, end = self.transitions()
        B, L, K = em.shape
        score = start[None] + em[:, 0]
        back = []
        for t in range(1, L):
            cand = score[:, :, None] + trans[None]
            best, arg = cand.max(1)
            nxt = best + em[:, t]
            live = mask[:, t:t + 1]
            score = torch.where(live, nxt, score)
            back.append(torch.where(live, arg, torch.arange(K)[None].expand(B, K)))
        score = score + end[None]
        cur = score.argmax(1)
        lens = mask.sum(1)
        paths = torch.zeros(B, L, dtype=torch.long)
        paths[torch.arange(B), lens - 1] = cur
        for t in range(L - 1, 0, -1):
            prev = back[t - 1].gather(1, cur[:, None])[:, 0]
            upd = t <= lens - 1
            cur = torch.where(upd, prev, cur)
            paths[upd, t - 1] = cur[upd]
        return [[TAGS[j] for j in paths[i, :n].tolist()] for i, n in enumerate(lens.tolist())]


def predict(model, sp, doc=True):
    model.eval()
    out = []
    with torch.no_grad():
        if doc:  # whole split as one stream, in blocks of 200 sentences (doc pairs within the block)
            for s0, s1 in sp.batches(chunk=len(sp.lens)):
                em, mask, _, _, _ = model.emissions(sp, s0, s1)
                out += model.decode(em, mask)
        else:
            for s0, s1 in sp.batches(chunk=len(sp.lens)):
                em, mask, _, _, _ = model.emissions(sp, s0, s1)
                out += model.decode(em, mask)
    return out


def gold_of(sp):
    return [[TAGS[j] for j in sp.lab[sp.offs[i]:sp.offs[i + 1]]] for i in range(len(sp.lens))]


def export(model, vocab, path, cfg):
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    trans, start, end = (x.detach().numpy() for x in model.transitions())
    def text(a):
        return np.frombuffer("\n".join(a.tolist()).encode("utf-8"), dtype=np.uint8)
    out = dict(words=text(vocab["words"]), wvec_q=vocab["wvec_q"], wvec_s=vocab["wvec_s"].astype(np.float16),
               feat_vocab=text(vocab["feat_vocab"]), gaz_vocab=text(vocab["gaz_vocab"]),
               gram_vocab=text(vocab["gram_vocab"]),
               char=sd["char.weight"].astype(np.float16), feat=sd["feat.weight"].astype(np.float16),
               gaz=sd["gaz.weight"], proj_w=sd["proj.weight"], proj_b=sd["proj.bias"],
               out_w=sd["out.weight"], out_b=sd["out.bias"], trans=trans, start=start, end=end,
               dilations=np.array(model.dil))
    for i in range(len(model.convs)):
        out[f"conv{i}_w"] = sd[f"convs.{i}.weight"]
        out[f"conv{i}_b"] = sd[f"convs.{i}.bias"]
    if model.enc == "lstm":
        for name in ("f", "b"):
            for k in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
                out[f"lstm_{name}_{k}"] = sd[f"lstm_{name}.{k}"]
    if model.use_crf:
        out["crf_emb"] = sd["crf_emb.weight"]
    if model.doc:
        out["doc_w"], out["doc_b"] = sd["doc_lin.weight"], sd["doc_lin.bias"]
    for k, v in cfg.items():
        out["cfg_" + k] = np.array(v)
    np.savez_compressed(path, **out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="dev")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--d", type=int, default=128)
    ap.add_argument("--dil", default="1,2,1")
    ap.add_argument("--doc", action="store_true")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--word-drop", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--whole-drop", type=float, default=0.0)
    ap.add_argument("--enc", default="conv", choices=["conv", "lstm"])
    ap.add_argument("--crf", help="stack on CRF first-stage labels from data/crf_<CRF>.npz")
    ap.add_argument("--ema", type=float, default=0.0, help="decay of an average of the weights per step")
    ap.add_argument("--select", action="store_true", help="keep the best dev epoch (dev mode only)")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    torch.set_num_threads(THREADS)
    torch.use_deterministic_algorithms(DETERMINISTIC)
    d = work("data")
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    vocab = dict(np.load(f"{d}/vocab_{a.data}.npz"))
    wvec = torch.from_numpy(vocab["wvec_q"].astype(np.float32) * vocab["wvec_s"][:, None])
    crf = dict(np.load(f"{d}/crf_{a.crf}.npz")) if a.crf else {}
    tr, dev = Split(f"{d}/{a.data}_train.npz", crf.get("train")), Split(f"{d}/{a.data}_dev.npz", crf.get("dev"))
    print("repaired I- labels:", tr.n_repaired, flush=True)
    dil = [int(x) for x in a.dil.split(",")]
    model = Model(wvec, len(vocab["feat_vocab"]), len(vocab["gaz_vocab"]), len(vocab["gram_vocab"]), a.d, dilations=dil, doc=a.doc,
                  dropout=a.dropout, word_drop=a.word_drop,
                  whole_drop=a.whole_drop, enc=a.enc, use_crf=bool(a.crf),
                  is_whole=torch.tensor([False] + [g[:2] in ("W<", "S<") for g in vocab["gram_vocab"].tolist()]))
    ema = None
    if a.ema:
        ema = torch.optim.swa_utils.AveragedModel(
            model, multi_avg_fn=torch.optim.swa_utils.get_ema_multi_avg_fn(a.ema), use_buffers=False)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0 / (1 + 0.05 * e))
    rng = np.random.default_rng(a.seed)
    n_chunks = len(list(tr.batches()))
    cfg = dict(layers=len(model.convs), doc=int(a.doc), d=a.d, lstm=int(a.enc == "lstm"), crf=int(bool(a.crf)))
    best, log = -1.0, []
    t0 = time.time()
    gold_dev = gold_of(dev)
    for ep in range(a.epochs):
        model.train()
        tot = 0.0
        for s0, s1 in tr.batches(order=rng.permutation(n_chunks)):
            em, mask, gold, pb, pt = model.emissions(tr, s0, s1)
            loss = model.nll(em, mask, gold, pb, pt)
            opt.zero_grad()
            (loss / mask.sum()).backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            if ema is not None:
                ema.update_parameters(model)
            tot += loss.item()
        sched.step()
        final = ema.module if ema is not None else model
        sc = score(gold_dev, predict(final, dev))
        m = sc["micro"]
        log.append((ep + 1, round(m["f1"], 2)))
        print(f"ep {ep+1} loss {tot/len(tr.tok):.4f} dev F1 {m['f1']:.2f} P {m['p']:.1f} R {m['r']:.1f} "
              f"({time.time()-t0:.0f}s)", flush=True)
        if not a.select or m["f1"] > best:
            best = m["f1"]
            export(final, vocab, a.out, cfg)
            with open(a.out + ".dev.json", "w") as fh:
                json.dump(predict(final, dev), fh)
    print(json.dumps({"train_s": round(time.time() - t0), "log": log}))


if __name__ == "__main__":
    main()
