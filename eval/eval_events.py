"""Evaluate event detection (issue 11) and actor spans, split by document.

Data (eval/events_data.py; ``RASD_SHARED_DATA`` overrides the ``shared/data`` root):
the Arabic event GSR development portion (PROTEST, ASSAULT: ``yes`` positive, ``easy no``
and ``difficult no`` negative, ``ambiguous`` left out) and the project's event-report set
(tests/data/events/report_gold.jsonl: PROTEST, ASSAULT, ARREST; ``report`` positive,
``background`` and ``not_event`` negative). Every sentence goes through the real pipeline.

Detection, per set and family, a sentence counted positive when:

- *rules alone*: a candidate of the family with realis ``actual`` or ``reported-as-claim``
  that no screening flag of the rules doubts (what rasd did without a trained check);
- *the output users get*: a candidate with that realis whose sentence the trained check
  scores at or above its threshold. Figures come from a nested cross-validation by
  document: 5 outer folds; in each, the check is trained, and its thresholds chosen by an
  inner 5-fold cross-validation, on the other four folds only (eval/events_train.py).

Actor spans: for the GSR span files, whether actor1 (actor2) of the first candidate of the
file's type shares a word with the gold source (target), over every candidate (the roles
are read whatever the check decides).

    python eval/eval_events.py [--json] [--no-actors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import events_train as T  # noqa: E402
from events_data import gsr_dir, gsr_items, report_items  # noqa: E402

from rasd.events.classify import score as shipped_score  # noqa: E402
from rasd.events.model import EventRecord  # noqa: E402
from rasd.events.sentences import sentence_records  # noqa: E402
from rasd.normalize import normalize_str  # noqa: E402
from rasd.settings import Settings  # noqa: E402

SETS = {"gsr": ("PROTEST", "ASSAULT"), "report": ("PROTEST", "ASSAULT", "ARREST", "AGREE")}
#: Views of a set scored on their own: the report set's second part (item ids ``ev2-``; the
#: third part, ``ev3-``, is the only one labelling AGREE, so report/AGREE is that part).
PARTS = {"report2": ("report", "ev2-")}
#: Families scored only on the items where the rules propose one (the third part was drawn
#: from such sentences and its label is about any strategic development): the figure says
#: how many of the rules' agreements the check keeps right, not the rules' own recall.
PROPOSED_ONLY = frozenset({"AGREE"})
_WORD = re.compile(r"\w+")


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def score(samples: list[T.Sample], predict: Any) -> dict[str, Any]:
    """Per set and family: documents, sentences, positives and P/R/F1 of ``predict(sample,
    family) -> bool``."""
    out: dict[str, Any] = {}
    views = [(name, name, "") for name in SETS] + [(name, src, pre) for name, (src, pre) in PARTS.items()]
    for name, source, prefix in views:
        for fam in SETS[source]:
            rows = [s for s in samples if s.item.source == source and s.item.id.startswith(prefix)
                    and fam in s.item.labels and (fam not in PROPOSED_ONLY or fam in s.units)]
            if not rows:
                continue
            tp = fp = fn = 0
            for s in rows:
                gold, pred = bool(s.item.labels[fam]), bool(predict(s, fam))
                tp += gold and pred
                fp += pred and not gold
                fn += gold and not pred
            out[f"{name}/{fam}"] = {"documents": len({s.item.doc for s in rows}), "sentences": len(rows),
                                      "positives": tp + fn, "tp": tp, "fp": fp, "fn": fn, **prf(tp, fp, fn)}
    return out


def _shipped(sample: T.Sample, fam: str) -> bool:
    """The shipped check's decision at the default ``event_threshold`` (what ``rasd analyze``
    gives with the committed model)."""
    unit = sample.units.get(fam)
    if unit is None:
        return False
    p = shipped_score(unit.feats, fam)
    return unit.rules if p is None else p >= Settings().event_threshold


def _words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(normalize_str(text)):
        bare = re.sub(r"^(?:[وف])?(?:[بكل])?(?:ال|لل)?", "", w) if len(w) > 4 else w
        if len(bare) > 1:
            out.add(bare)
    return out


def _actor_text(record: EventRecord | None, role: str) -> str | None:
    """actor1's words for the source; for the target, a protest's target (PLOVER's
    recipient) or actor2."""
    if record is None:
        return None
    actor = record.actor1 if role == "source" else (record.target or record.actor2)
    return actor.text if actor is not None else None


def actor_spans(folder: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for etype in ("PROTEST", "ASSAULT"):
        records = json.loads((folder / f"{etype.lower()}_spans.json").read_text(encoding="utf-8"))
        stats = {"source": [0, 0, 0], "target": [0, 0, 0]}  # gold, predicted, overlapping
        for rec in records:
            found = sentence_records(rec["text"], all_candidates=True)
            events = [e for e in found if e.plover.event == etype] or found
            first = events[0] if events else None
            for role in ("source", "target"):
                gold = (rec.get(f"{role}_gold") or "").strip()
                pred = _actor_text(first, role)
                s = stats[role]
                s[0] += bool(gold)
                s[1] += bool(pred)
                if gold and pred and _words(gold) & _words(pred):
                    s[2] += 1
        out[etype] = {"sentences": len(records)}
        for role, (gold, pred, hit) in stats.items():
            out[etype][role] = {"gold": gold, "predicted": pred, "overlap": hit,
                                **prf(hit, pred - hit, gold - hit)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--no-actors", action="store_true", help="leave the actor-span overlap out")
    args = ap.parse_args(argv)
    if not (gsr_dir() / "protest_gsr.csv").exists():
        print(f"eval_events: the GSR data is not at {gsr_dir()}; nothing evaluated (set RASD_SHARED_DATA).")
        return 0
    t0 = time.perf_counter()
    samples = [T.analyse(item) for item in gsr_items() + report_items()]
    preds = T.nested_cv(samples)
    result: dict[str, Any] = {
        "rules": score(samples, lambda s, fam: fam in s.units and s.units[fam].rules),
        "candidates": score(samples, lambda s, fam: fam in s.units),
        "nested_cv": score(samples, lambda s, fam: preds[s.item.id][fam]),
        "shipped": score(samples, _shipped),
    }
    if not args.no_actors:
        result["actors"] = actor_spans(gsr_dir())
    result["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    titles = {"rules": "rules alone (no trained check; what no screening flag doubts)",
              "candidates": "every counted candidate (the recall the check can keep)",
              "nested_cv": "the output users get: rules + trained check, nested 5-fold CV by document",
              "shipped": "the shipped check (data/events_detector.json) at event_threshold: on the rows "
                         "it was trained on, except a part labelled after it was trained"}
    for key, title in titles.items():
        print(title)
        for name, d in result[key].items():
            print(f"  {name:15s} docs={d['documents']:5d} n={d['sentences']:5d} pos={d['positives']:4d}  "
                  f"P={d['precision']:.3f} R={d['recall']:.3f} F1={d['f1']:.3f}  "
                  f"(tp={d['tp']} fp={d['fp']} fn={d['fn']})")
    if "actors" in result:
        print("actor-span overlap on the GSR span files (a shared word with the gold span; every candidate)")
        for etype, d in result["actors"].items():
            for role in ("source", "target"):
                r = d[role]
                print(f"  {etype:8s} {role:6s} gold={r['gold']:4d} pred={r['predicted']:4d} "
                      f"overlap={r['overlap']:4d}  "
                      f"P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")
    print(f"({result['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
