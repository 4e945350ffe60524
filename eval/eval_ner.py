"""Evaluate rasd's NER tagger on the held-out ANERcorp development split.

    .venv/bin/python eval/eval_ner.py [--model PATH] [--errors 15]

Entity-level micro P/R/F1 and per-type scores with seqeval (default mode,
IOB2), on the fixed dev split of ``rasd.entities.corpus`` (every 10th block of 40
sentences). The packaged model is trained on the train split only, so these
scores are held out. Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.entities.corpus import DEV_BLOCK, anercorp_path, load_anercorp, split  # noqa: E402
from rasd.entities.mentions import decode, propagate  # noqa: E402


def errors(gold: list[list[str]], pred: list[list[str]], words: list[list[str]], top: int) -> None:
    """The most frequent missed, spurious and mislabelled entities."""
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    confused: Counter[str] = Counter()
    for g, p, w in zip(gold, pred, words, strict=True):
        gs = {(a, b): lab for a, b, lab in decode(g)}
        ps = {(a, b): lab for a, b, lab in decode(p)}
        for span, lab in gs.items():
            text = " ".join(w[span[0]:span[1]])
            if span not in ps:
                missed[f"{lab} {text}"] += 1
            elif ps[span] != lab:
                confused[f"{lab}->{ps[span]} {text}"] += 1
        for span, lab in ps.items():
            if span not in gs:
                spurious[f"{lab} {' '.join(w[span[0]:span[1]])}"] += 1
    kinds = Counter()
    for name, counter in (("missed", missed), ("spurious", spurious), ("wrong type", confused)):
        kinds[name] = sum(counter.values())
        print(f"\n{name} ({sum(counter.values())}):")
        for item, n in counter.most_common(top):
            print(f"  {n:3d}  {item}")
    by_type = Counter(k.split()[0] for k in missed.elements())
    print("\nmissed by type:", dict(by_type), " spurious by type:",
          dict(Counter(k.split()[0] for k in spurious.elements())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, help="a .crfsuite file (default: the packaged model)")
    parser.add_argument("--document", action="store_true",
                        help="also score with document-level label propagation (each held-out block of "
                             f"{DEV_BLOCK} sentences as one document), as the article pipeline does")
    parser.add_argument("--fold", type=int, default=9, help="held-out tenth (9 = the dev split)")
    parser.add_argument("--errors", type=int, default=15, help="show the N most frequent errors of each kind")
    args = parser.parse_args()
    if not anercorp_path().exists():
        print(f"eval_ner: ANERcorp not found at {anercorp_path()}; nothing to evaluate "
              "(set RASD_SHARED_DATA)")
        return 0
    from seqeval.metrics import classification_report, f1_score, precision_score, recall_score

    from rasd.entities.features import Gazetteer
    from rasd.entities.model import Tagger, default_tagger, load_gazetteer_lists

    if args.model:  # the gazetteer the model was trained with lies beside it
        lists = load_gazetteer_lists(args.model.parent / "ner_gazetteer.json.gz")
        tagger = Tagger(str(args.model), Gazetteer.from_lists(lists))
    else:
        tagger = default_tagger()
    _, dev = split(load_anercorp(), args.fold)
    words = [[w for w, _ in s] for s in dev]
    gold = [[t for _, t in s] for s in dev]
    pred = [tagger.tag(w) for w in words]
    print(f"ANERcorp dev split: {len(dev)} sentences, {sum(map(len, dev))} tokens")
    print(classification_report(gold, pred, digits=3))
    print(f"micro P {precision_score(gold, pred):.3f} R {recall_score(gold, pred):.3f} "
          f"F1 {f1_score(gold, pred):.3f}")
    if args.document:
        from rasd.entities.kb import key

        common = frozenset(key(w) for w in tagger.features.gaz.words.get("COMMON", ()))
        doc_pred: list[list[str]] = []
        for i in range(0, len(dev), DEV_BLOCK):
            doc_pred += propagate(words[i:i + DEV_BLOCK], pred[i:i + DEV_BLOCK], common)
        print("\nwith document-level label propagation:")
        print(classification_report(gold, doc_pred, digits=3))
        print(f"micro P {precision_score(gold, doc_pred):.3f} R {recall_score(gold, doc_pred):.3f} "
              f"F1 {f1_score(gold, doc_pred):.3f}")
        pred = doc_pred
    if args.errors:
        errors(gold, pred, words, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
