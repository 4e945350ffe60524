"""Evaluate rasd's NER tagger on the held-out ANERcorp development split.

    .venv/bin/python eval/eval_ner.py [--model PATH] [--document] [--errors 15]

Entity-level micro P/R/F1 and per-type scores with seqeval (default mode,
IOB2), on the fixed dev split of ``rasd.entities.corpus``: long contiguous runs
of sentences (whole articles) held out, with guard sentences around them left
out of training. Also recall on *seen* gold names (the same normalized string
is an entity somewhere in the training split) and *unseen* ones. The packaged
model is trained on the train split only, so these scores are held out.
``--document`` applies document-level consistency (each held-out run is one
document), as the article pipeline and ``rasd ner --conll`` do. Exits 0 with a
message when the data is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.entities.corpus import DEV_FOLD, Sentence, anercorp_path, dev_runs, load_anercorp, split  # noqa: E402
from rasd.entities.mentions import decode  # noqa: E402


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
    for name, counter in (("missed", missed), ("spurious", spurious), ("wrong type", confused)):
        print(f"\n{name} ({sum(counter.values())}):")
        for item, n in counter.most_common(top):
            print(f"  {n:3d}  {item}")
    print("\nmissed by type:", dict(Counter(k.split()[0] for k in missed.elements())),
          " spurious by type:", dict(Counter(k.split()[0] for k in spurious.elements())))


def names_in(sentences: list[Sentence]) -> set[str]:
    """Normalized entity strings of ``sentences`` (any type)."""
    from rasd.entities.kb import key

    out = set()
    for sent in sentences:
        words = [w for w, _ in sent]
        for a, b, _ in decode([t for _, t in sent]):
            out.add(key(" ".join(words[a:b])))
    return out


def seen_unseen(train: list[Sentence], dev: list[Sentence],
                pred: list[list[str]]) -> dict[str, tuple[int, int]]:
    """``{"seen": (found, total), "unseen": (found, total), "<TYPE> seen": ...}``: exact-span,
    exact-type recall of gold entities whose name is / is not an entity in ``train``."""
    from rasd.entities.kb import key

    known = names_in(train)
    out: dict[str, list[int]] = {}
    for sent, p in zip(dev, pred, strict=True):
        words = [w for w, _ in sent]
        got = set(decode(p))
        for a, b, lab in decode([t for _, t in sent]):
            kind = "seen" if key(" ".join(words[a:b])) in known else "unseen"
            for k in (kind, f"{lab} {kind}"):
                cell = out.setdefault(k, [0, 0])
                cell[0] += (a, b, lab) in got
                cell[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def report(title: str, gold: list[list[str]], pred: list[list[str]], train: list[Sentence],
           dev: list[Sentence]) -> None:
    from seqeval.metrics import classification_report, f1_score, precision_score, recall_score

    print(f"\n== {title}")
    print(classification_report(gold, pred, digits=3))
    print(f"micro P {precision_score(gold, pred):.3f} R {recall_score(gold, pred):.3f} "
          f"F1 {f1_score(gold, pred):.3f}")
    for kind, (found, total) in seen_unseen(train, dev, pred).items():
        print(f"  recall {kind:12s} {found / max(total, 1):.3f}  ({found}/{total})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, help="a .crfsuite file (default: the packaged model)")
    parser.add_argument("--document", action="store_true",
                        help="also score with document-level consistency (each held-out run as one "
                             "document), as the article pipeline and `rasd ner --conll` do")
    parser.add_argument("--fold", type=int, default=DEV_FOLD,
                        help=f"held-out fold ({DEV_FOLD} = the dev split)")
    parser.add_argument("--errors", type=int, default=15, help="show the N most frequent errors of each kind")
    args = parser.parse_args()
    if not anercorp_path().exists():
        print(f"eval_ner: ANERcorp not found at {anercorp_path()}; nothing to evaluate "
              "(set RASD_SHARED_DATA)")
        return 0
    from rasd.entities.model import Tagger, default_tagger

    tagger = Tagger.from_dir(args.model.parent, args.model.name) if args.model else default_tagger()
    sentences = load_anercorp()
    train, dev = split(sentences, args.fold)
    runs = dev_runs(sentences, args.fold)
    words = [[w for w, _ in s] for s in dev]
    gold = [[t for _, t in s] for s in dev]
    pred = [tagger.tag(w) for w in words]
    print(f"ANERcorp dev split (fold {args.fold}): {len(dev)} sentences in {len(runs)} runs, "
          f"{sum(map(len, dev))} tokens, {sum(len(decode(g)) for g in gold)} entities; train {len(train)}")
    report("sentence by sentence", gold, pred, train, dev)
    if args.document:
        doc_pred: list[list[str]] = []
        for run in runs:
            doc_pred += tagger.tag_document([[w for w, _ in s] for s in run])
        report("document-level consistency (each run one document)", gold, doc_pred, train, dev)
        pred = doc_pred
    if args.errors:
        errors(gold, pred, words, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
