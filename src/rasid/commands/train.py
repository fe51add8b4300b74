"""``rasid train TARGET``: rebuild a shipped model from ../shared/data (targets: ner)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DEFAULT_SHARED = Path(__file__).resolve().parents[4] / "shared"


def _train_ner(args: argparse.Namespace) -> int:
    from rasid.ner.resources import MODELS_DIR
    from rasid.ner.training import train_ner

    out = Path(args.out) if args.out else MODELS_DIR
    report = train_ner(Path(args.shared), out, seed=args.seed, tune=args.tune, self_train=args.self_train,
                       vectors=args.vectors, registry_names=args.registry_names)
    print(json.dumps({"out": str(out), **report}, ensure_ascii=False))
    return 0


TARGETS = {"ner": _train_ner}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="rebuild a shipped model from ../shared/data")
    p.add_argument("target", choices=sorted(TARGETS), help="what to train")
    p.add_argument("--out", help="output folder (default: the shipped model folder, rasid/models)")
    p.add_argument("--seed", type=int, default=13, help="seed for the dev split and the word clusters")
    p.add_argument("--shared", default=str(DEFAULT_SHARED), help="the shared folder (default: ../shared)")
    p.add_argument("--tune", action="store_true", help="pick c1/c2 on a dev split of train first")
    p.add_argument("--self-train", type=int, default=0, metavar="TOKENS",
                   help="add this many tokens of confidently self-labelled news sentences (default 0)")
    p.add_argument("--vectors", action="store_true",
                   help="also give the CRFs the news word vectors as real-valued features (off: see MODEL.md)")
    p.add_argument("--registry-names", action="store_true",
                   help="also put the entity registry's names in the tagger's gazetteer (off: see MODEL.md)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return TARGETS[args.target](args)
