"""Viterbi decoding of the shipped crfsuite models with numpy, from their weights.

pycrfsuite is handed every token's feature strings anew, twice for the two-stage tagger, and
converting those strings costs more than decoding.  A linear-chain CRF's label scores for a token
are a sum of per-attribute weight rows, so the rows of a word's position-free attributes (its own
and the views its neighbours see) are summed once per word type and kept; a document's scores are
then a few array additions plus the position-dependent attributes (bigrams, gazetteer runs,
sentence edges, the second stage's document evidence), and one Viterbi pass decodes every sentence
at once.  The labels are pycrfsuite's (``tests/test_ner_scoring.py`` compares them on the ANERcorp
test split); only the order in which floating-point weights are added differs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from rasid.ner.features import OFFSETS, FeatureExtractor, document_features
from rasid.ner.vectors import OFFSETS as VECTOR_OFFSETS
from rasid.ner.vectors import dense_names

if TYPE_CHECKING:
    import pycrfsuite

#: word types whose summed rows are kept; past it the table starts afresh (memory stays bounded)
WORD_CAPACITY = 65_536
_SLOTS = (0,) + OFFSETS  # slot 0: the word's own attributes; then the views at -2, -1, +1, +2


class CompiledCrfs:
    """The weights of one or more crfsuite models over the same labels, and a per-word score cache.

    ``models[0]`` is the first stage when there are two.  Scores are ``(tokens, models, labels)``.
    """

    def __init__(self, extractor: FeatureExtractor, models: list[pycrfsuite.Tagger]) -> None:
        self.extractor = extractor
        self.labels: list[str] = list(models[0].labels())
        label_index = {label: k for k, label in enumerate(self.labels)}
        infos = [m.info() for m in models]
        index: dict[str, int] = {}
        for info in infos:
            for attribute, _label in info.state_features:
                index.setdefault(attribute, len(index))
        m, k = len(models), len(self.labels)
        #: one row per attribute, plus a last row of zeros that unknown attributes point at
        self.weights = np.zeros((len(index) + 1, m * k))
        self.transitions = np.zeros((m, k, k))
        for i, info in enumerate(infos):
            if set(info.labels) != set(self.labels):
                raise ValueError("the models label different sets")
            for (attribute, label), w in info.state_features.items():
                self.weights[index[attribute], i * k + label_index[label]] = w
            for (before, after), w in info.transitions.items():
                self.transitions[i, label_index[before], label_index[after]] = w
        self.index = index
        self.zero = len(index)
        self.models, self.size = m, k
        # a bigram's two attributes, one per direction, found with a single lookup of "prev|next"
        self.bigrams: dict[str, list[int]] = {}
        for attribute, row in index.items():
            if attribute.startswith(("bg-=", "bg+=")):
                pair = self.bigrams.setdefault(attribute[4:], [self.zero, self.zero])
                pair[attribute[2] == "+"] = row
        #: the weight rows of the news-vector dimensions, per slot (own, seen from -1, from +1):
        #: a word's vector times them is that slot's share of its scores
        self.dense = [(_SLOTS.index(offset), self.weights[[index.get(name, self.zero) for name in dense_names(offset)]])
                      for offset in VECTOR_OFFSETS] if extractor.vectors else []
        self._reset()

    def _reset(self) -> None:
        self._rows: dict[str, int] = {}
        self._folded: list[str] = []
        self._stems: list[str] = []
        self._table = np.zeros((1024, len(_SLOTS), self.models * self.size))

    def clear_cache(self) -> None:
        """Forget every word's summed rows (a benchmark measures from cold)."""
        self._reset()

    def _learn(self, words: list[str]) -> None:
        """Sum the attribute rows of each word type not seen before, all of them in one reduction."""
        new = [w for w in dict.fromkeys(words) if w not in self._rows]
        if not new:
            return
        if len(self._rows) + len(new) > WORD_CAPACITY:
            self._reset()  # every word of this call, known before or not, is summed again
            new = list(dict.fromkeys(words))
        first = len(self._rows)
        need = first + len(new)
        if need > len(self._table):
            grown = np.zeros((max(need, 2 * len(self._table)),) + self._table.shape[1:])
            grown[:first] = self._table[:first]
            self._table = grown
        get, zero = self.index.get, self.zero
        rows: list[int] = []  # attribute rows, slot after slot (unknown attributes: the zero row)
        counts: list[int] = []  # how many rows each slot of each new word has
        for j, word in enumerate(new):
            folded, stem, own, near = self.extractor.word_features(word)
            self._rows[word] = first + j
            self._folded.append(folded)
            self._stems.append(stem)
            for names in (own, near[-2], near[-1], near[1], near[2]):
                rows.extend([get(name, zero) for name in names])
                counts.append(len(names))
        filled = np.flatnonzero(np.asarray(counts))
        if len(filled):
            starts = np.r_[0, np.cumsum(counts)[:-1]][filled]
            flat = self._table.reshape(-1, self._table.shape[2])
            flat[first * len(_SLOTS) + filled] = np.add.reduceat(self.weights[rows], starts, axis=0)
        if self.dense:
            vectors = [self.extractor.vector(f, stem) for f, stem in zip(self._folded[first:], self._stems[first:], strict=True)]
            having = [j for j, v in enumerate(vectors) if v is not None]
            if having:
                stacked = np.stack([vectors[j] for j in having])
                for slot, weights in self.dense:
                    self._table[first + np.asarray(having), slot] += stacked @ weights

    def scores(self, sentences: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Label scores of every token of ``sentences`` (non-empty), concatenated, for every model
        (``(tokens, models, labels)``), and each sentence's length."""
        words = [w for sentence in sentences for w in sentence]
        self._learn(words)
        rows = self._rows
        ids = np.fromiter((rows[w] for w in words), dtype=np.int64, count=len(words))
        lengths = np.fromiter((len(s) for s in sentences), dtype=np.int64, count=len(sentences))
        ends = np.cumsum(lengths)
        position = np.arange(len(words)) - np.repeat(ends - lengths, lengths)
        length = np.repeat(lengths, lengths)
        table = self._table[ids]
        total = table[:, 0].copy()
        for s, offset in enumerate(OFFSETS, start=1):
            # the token at i sees the word at i+offset through that word's view for offset
            fits = np.flatnonzero((position + offset >= 0) & (position + offset < length))
            total[fits] += table[fits + offset, s]
        targets: list[int] = []
        extra: list[int] = []
        index, zero, bigrams = self.index, self.zero, self.bigrams
        folded_of, stem_of = self._folded, self._stems
        edge_rows = (index.get("BOS", zero), index.get("EOS", zero))
        at = 0
        for sentence in sentences:
            folded = [folded_of[rows[w]] for w in sentence]
            n = len(sentence)
            targets += (at, at + n - 1)
            extra += edge_rows
            for i in range(1, n):
                pair = bigrams.get(folded[i - 1] + "|" + folded[i])
                if pair is not None:
                    targets += (at + i, at + i - 1)
                    extra += pair
            gazetteer = self.extractor.gazetteer.match(folded, [stem_of[rows[w]] for w in sentence])
            for i, g in enumerate(gazetteer):
                if g:
                    names = ["G=" + g, "G" + g[0]]
                    if i >= 1:
                        names.append("+1G=" + g)  # what the token before sees
                        targets.append(at + i - 1)
                    if i + 1 < n:
                        names.append("-1G=" + g)
                        targets.append(at + i + 1)
                    targets += (at + i, at + i)
                    extra += [index.get(name, zero) for name in names[2:]]
                    extra += (index.get(names[0], zero), index.get(names[1], zero))
            at += n
        np.add.at(total, np.asarray(targets, dtype=np.int64), self.weights[extra])
        return total.reshape(len(words), self.models, self.size), lengths

    def with_evidence(self, scores: np.ndarray, evidence: list[list[list[str]]]) -> np.ndarray:
        """``scores`` plus the rows of extra attributes per token (the second stage's evidence)."""
        index, zero = self.index, self.zero
        targets: list[int] = []
        extra: list[int] = []
        t = 0
        for names_per_token in evidence:
            for names in names_per_token:
                for name in names:
                    targets.append(t)
                    extra.append(index.get(name, zero))
                t += 1
        total = scores.reshape(len(scores), -1).copy()
        np.add.at(total, np.asarray(targets, dtype=np.int64), self.weights[extra])
        return total.reshape(scores.shape)

    def stems(self, sentence: list[str]) -> list[str]:
        """The clitic-free folded stems of words already scored."""
        return [self._stems[self._rows[w]] for w in sentence]

    def decode(self, scores: np.ndarray, lengths: np.ndarray, model: int) -> list[list[str]]:
        """Viterbi labels of each sentence under ``model``: every sentence in one pass by position.

        Ties go to the lowest label index, before and at the end, as in crfsuite.
        """
        n_sentences, k = len(lengths), self.size
        if not n_sentences:
            return []
        if n_sentences == 1:
            return [self._decode_one(scores[:, model], model)]
        longest = int(lengths.max())
        ends = np.cumsum(lengths)
        position = np.arange(int(ends[-1])) - np.repeat(ends - lengths, lengths)
        sentence_of = np.repeat(np.arange(n_sentences), lengths)
        padded = np.zeros((n_sentences, longest, k))
        padded[sentence_of, position] = scores[:, model]
        transitions = self.transitions[model]
        best = padded[:, 0].copy()
        back = np.zeros((n_sentences, longest, k), dtype=np.int64)
        for t in range(1, longest):
            candidates = best[:, :, None] + transitions[None]
            before = candidates.argmax(axis=1)
            going = lengths > t
            back[:, t] = before
            step = np.take_along_axis(candidates, before[:, None, :], axis=1)[:, 0] + padded[:, t]
            best = np.where(going[:, None], step, best)
        current = best.argmax(axis=1)
        path = np.zeros((n_sentences, longest), dtype=np.int64)
        every = np.arange(n_sentences)
        for t in range(longest - 1, -1, -1):
            current = np.where(t < lengths - 1, back[every, np.minimum(t + 1, longest - 1), current], current)
            path[:, t] = current
        labels = self.labels
        return [[labels[y] for y in path[s, :n]] for s, n in enumerate(lengths.tolist())]


    def _decode_one(self, scores: np.ndarray, model: int) -> list[str]:
        """``decode`` for a lone sentence, without the padding and masks a batch needs."""
        transitions = self.transitions[model]
        every = np.arange(self.size)
        back = np.zeros((len(scores), self.size), dtype=np.int64)
        best = scores[0]
        for t in range(1, len(scores)):
            candidates = best[:, None] + transitions
            before = candidates.argmax(axis=0)
            back[t] = before
            best = candidates[before, every] + scores[t]
        current = int(best.argmax())
        path = [current]
        for t in range(len(scores) - 1, 0, -1):
            current = int(back[t, current])
            path.append(current)
        labels = self.labels
        return [labels[y] for y in reversed(path)]


def tag_document(crfs: CompiledCrfs, sentences: list[list[str]]) -> list[list[str]]:
    """BIO labels per sentence: with two models, the second sees the first's labels of the same
    stems in the sentences around (``document_features``), as ``NerTagger.tag_document`` defines."""
    kept = [i for i, s in enumerate(sentences) if s]
    out: list[list[str]] = [[] for _ in sentences]
    if not kept:
        return out
    scores, lengths = crfs.scores([sentences[i] for i in kept])
    labels = crfs.decode(scores, lengths, 0)
    if crfs.models > 1:
        for i, found in zip(kept, labels, strict=True):
            out[i] = found
        evidence = document_features([crfs.stems(s) for s in sentences], out)
        scores = crfs.with_evidence(scores, [evidence[i] for i in kept])
        labels = crfs.decode(scores, lengths, crfs.models - 1)
    for i, found in zip(kept, labels, strict=True):
        out[i] = found
    return out
