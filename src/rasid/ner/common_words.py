"""Words the news mostly uses as something other than a name.

The linker carries a name the tagger found once to the rest of the article, including an unknown
person's surname standing alone ("خاشقجي" after "جمال خاشقجي").  That is only safe for a surname
that is not also an ordinary word: "صالح" is a surname and the "لصالح" of every other sentence,
"الحوالي" a surname and "حوالي" (about).  Which words are ordinary is measured, not listed: the
shipped tagger labels the news corpora in ``../shared/data/news``, and a word (clitic-free folded
stem) is common when it is frequent outside names and at least a quarter of its occurrences are
outside names.  ``rasid train ner`` rebuilds the list after the models.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

from rasid.arabic.normalise import fold
from rasid.ner.resources import gzip_writer
from rasid.ner.tokens import strip_proclitics, tokenize

COMMON_FILE = "ner_common_words.txt.gz"
NEWS = ("saudinewsnet", "ant_multisource")
ARTICLES_PER_CORPUS = 6000
#: outside names at least this often per million words of the sample (≈ 100 in its 3.5M words) ...
MIN_PLAIN_PER_MILLION = 28.0
#: ... and at least this share of the word's occurrences
MIN_PLAIN_SHARE = 0.25


def key(word: str) -> str:
    """The form the list is keyed by: folded, without proclitics or article."""
    return strip_proclitics(fold(word))


def count_name_use(shared: Path, tagger: Any, per_corpus: int = ARTICLES_PER_CORPUS,
                   ) -> tuple[Counter[str], Counter[str]]:
    """Occurrences of each word key in the first ``per_corpus`` articles of each news corpus, and
    how many of them fall inside a span ``tagger.tag_spans`` calls a name."""
    total: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for corpus in NEWS:
        path = shared / "data" / "news" / corpus / "articles.jsonl"
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= per_corpus:
                    break
                text = json.loads(line).get("text") or ""
                inside = [False] * (len(text) + 1)
                for start, end, _kind in tagger.tag_spans(text):
                    inside[start:end] = [True] * (end - start)
                for start, end in tokenize(text):
                    word = text[start:end]
                    if not word[0].isalpha():
                        continue
                    k = key(word)
                    total[k] += 1
                    if any(inside[start:end]):  # a span may leave a leading clitic out
                        named[k] += 1
    return total, named


def common_words(total: Counter[str], named: Counter[str],
                 min_per_million: float = MIN_PLAIN_PER_MILLION,
                 min_share: float = MIN_PLAIN_SHARE) -> list[str]:
    """Sorted keys frequent enough outside names, by the two thresholds."""
    words = sum(total.values())
    floor = min_per_million * words / 1_000_000
    out = []
    for k, n in total.items():
        plain = n - named.get(k, 0)
        if plain >= floor and plain >= min_share * n:
            out.append(k)
    return sorted(out)


def build_common_words(shared: Path, tagger: Any, path: Path, per_corpus: int = ARTICLES_PER_CORPUS) -> int:
    """Write the list (gzip, one key per line, byte-identical on a rebuild); returns its length."""
    words = common_words(*count_name_use(shared, tagger, per_corpus))
    with gzip_writer(path) as fh:
        fh.write("".join(w + "\n" for w in words))
    return len(words)


def load_common_words(path: Path) -> frozenset[str]:
    """The shipped list; empty when the file is missing (then no lone surname is carried)."""
    if not path.exists():
        return frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return frozenset(line.rstrip("\n") for line in fh if line.strip())
