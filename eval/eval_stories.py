"""Story clustering: pairwise precision and recall on hand-labelled ANT pairs.

    python eval/eval_stories.py [--gold tests/data/store/stories_gold.json] [--corpus PATH] [--sweep]

The gold file lists pairs of ANT articles (by DOCNO) labelled same story or
not (see its "about"). The articles are read from the ANT ``.tar.xz``,
analysed by rasd, signed and clustered exactly as ``rasd ingest`` does
(:mod:`rasd.store.stories`), over the set of labelled articles; a pair is
predicted "same" when both land in one story. Exits 0 with a note when the
corpus is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "store" / "stories_gold.json"


def in_context(docno: str, context: dict[str, object]) -> bool:
    """Whether an ANT DOCNO (SRC-category-n-YYYYMMDD) is in the gold file's clustering context."""
    parts = docno.split("-")
    return (
        len(parts) == 4
        and parts[1] in context["categories"]  # type: ignore[operator]
        and str(context["date_from"]) <= parts[3] <= str(context["date_to"])
    )


def load_docs(
    corpus: Path, wanted: set[str], context: dict[str, object]
) -> dict[str, tuple[str | None, str, str | None]]:
    """DOCNO -> (headline, clean text, date) for the labelled articles and their context."""
    from rasd.api import analyze_raw
    from rasd.intake.inputs import iter_inputs
    from rasd.settings import Settings

    settings = Settings()
    out: dict[str, tuple[str | None, str, str | None]] = {}
    for raw in iter_inputs(str(corpus), settings.max_input_bytes):
        docno = raw.extra.get("docno", "") if hasattr(raw, "extra") else ""
        if docno not in wanted and not in_context(docno, context):
            continue
        article = analyze_raw(raw, settings)
        published = article.meta.published
        out[raw.extra["docno"]] = (
            article.headline,
            article.clean_text() or article.text,
            published[:10] if published else None,
        )
    return out


def evaluate(
    pairs: list[dict[str, object]],
    docs: dict[str, tuple[str | None, str, str | None]],
    threshold: float,
    story_threshold: float,
) -> dict[str, float | int]:
    from rasd.store.stories import Item, cluster, signature, terms

    ids = {docno: i for i, docno in enumerate(sorted(docs))}
    items = [
        Item(ids[d], date, signature(headline, text), terms(headline, text))
        for d, (headline, text, date) in docs.items()
    ]
    roots = cluster(items, threshold=threshold, story_threshold=story_threshold)
    tp = fp = fn = tn = 0
    for pair in pairs:
        predicted = roots[ids[str(pair["a"])]] == roots[ids[str(pair["b"])]]
        gold = bool(pair["same"])
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not gold and not predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "threshold": threshold,
        "story_threshold": story_threshold,
        "pairs": len(pairs),
        "positives": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "articles": len(docs),
    }


def main(argv: list[str] | None = None) -> int:
    from rasd.store.stories import STORY_THRESHOLD, THRESHOLD

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, help="the ANT .tar.xz (default: the gold file's corpus)")
    parser.add_argument("--sweep", action="store_true", help="also report other similarity thresholds")
    args = parser.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    corpus = args.corpus or (ROOT / gold["corpus"])
    if not corpus.is_file():
        print(
            f"eval_stories: corpus not found at {corpus}; nothing evaluated (the ANT corpus lives in "
            "../shared/data/corpora/ant-multisource/)"
        )
        return 0
    wanted = {str(p[k]) for p in gold["pairs"] for k in ("a", "b")}
    docs = load_docs(corpus, wanted, gold["context"])
    missing = wanted - docs.keys()
    if missing:
        print(f"eval_stories: {len(missing)} labelled articles not in the corpus: {sorted(missing)[:5]}")
        return 1
    print(json.dumps(evaluate(gold["pairs"], docs, THRESHOLD, STORY_THRESHOLD)))
    if args.sweep:
        print("near-duplicates only:", json.dumps(evaluate(gold["pairs"], docs, THRESHOLD, 2.0)))
        for story_threshold in (0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3):
            print(json.dumps(evaluate(gold["pairs"], docs, THRESHOLD, story_threshold)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
