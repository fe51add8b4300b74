"""Where this experiment reads and writes, derived from this file's location (stdlib only: train.py
imports it from the torch venv, which does not have rasid installed).

- ``SHARED``: the project's shared data, ``<repo root>/../shared`` unless ``RASID_SHARED`` is set.
- ``WORK``: data/, models/, crf/ and crf_full/ of the experiment, ``experiments/neural_ner/work/``
  (ignored by git; large).  ``work("data")`` returns a sub-folder, created on demand.

The scripts import their siblings (``nnner``, ``nnpaths``) by name: run them as
``python experiments/neural_ner/<script>.py``, which puts this folder first on ``sys.path``.
"""
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = Path(os.environ.get("RASID_SHARED") or REPO.parent / "shared")
WORK = HERE / "work"


def work(name: str) -> Path:
    d = WORK / name
    d.mkdir(parents=True, exist_ok=True)
    return d
