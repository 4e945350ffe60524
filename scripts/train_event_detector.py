"""Train the event-report check (rasd.events.classify) and write data/events_detector.json.

Data (eval/events_data.py): the Arabic event GSR development portion (PROTEST, ASSAULT) and
the project's event-report set (tests/data/events/report_gold.jsonl, its second part
report_gold2.jsonl: PROTEST, ASSAULT, ARREST, and its third, report_gold3.jsonl: AGREE),
read from ``../shared/data`` (``RASD_SHARED_DATA`` overrides). Every sentence is
analysed by the real pipeline; the model is fitted on all of them (eval/events_train.py),
and each family's threshold is the F1-best one over out-of-fold scores of a 5-fold
cross-validation split by document. The figures to report come from eval/eval_events.py
(nested cross-validation), never from this model's own training rows.

    .venv/bin/python scripts/train_event_detector.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import events_train as T  # noqa: E402
from events_data import gsr_dir, gsr_items, report_items  # noqa: E402

OUT = ROOT / "src" / "rasd" / "data" / "events_detector.json"


def main() -> int:
    if not (gsr_dir() / "protest_gsr.csv").exists():
        print(f"train_event_detector: no GSR data at {gsr_dir()}")
        return 1
    t0 = time.perf_counter()
    items = gsr_items() + report_items()
    samples = [T.analyse(item) for item in items]
    units = [u for s in samples for u in s.units.values()]
    model = T.train(units)
    docs = {s.item.doc for s in samples}
    training = {fam: {"units": sum(1 for u in units if u.family == fam and u.label is not None),
                      "positives": sum(1 for u in units if u.family == fam and u.label)}
                for fam in T.TRAINED}
    out = {
        "_owner": "rasd.events",
        "_schema": {"form": "number", "offsets": "object", "thresholds": "object", "shared": "object",
                    "weights": "object", "training": "object"},
        "_doc": "Logistic-regression weights of rasd.events.classify (does a sentence report an event "
                "of the family happening?), trained by scripts/train_event_detector.py on the Arabic "
                "event GSR development portion (openeventdata/arabic_event_gsr, MIT) and the project's "
                "event-report set (sentences of ANT, SaudiNewsNet and Al Jazeera, labelled under "
                "eval/guidelines/events.md); soft labels (the share of annotators who accepted). "
                "offsets put each family's threshold, chosen by 5-fold cross-validation split by "
                "document, at 0.5.",
        "form": 2,
        "training": {"sentences": len(items), "documents": len(docs), "families": training},
        **{k: model[k] for k in ("offsets", "thresholds", "shared", "weights")},
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(items)} sentences, {len(docs)} documents; thresholds {model['thresholds']}; "
          f"{sum(len(w) for w in model['weights'].values()) + len(model['shared'])} weights -> {OUT} "
          f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
