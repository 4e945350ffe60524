"""Train the sentence-level PROTEST / ASSAULT check (rasd.events.classify).

Reads the Arabic event GSR development portion (``../shared/data/events/arabic-event-gsr``,
``RASD_SHARED_DATA`` overrides the ``shared/data`` root), splits it deterministically by
record id (sha1 of the id; one in five to the held-out test split), trains a logistic
regression per type on the training split only, picks the probability threshold that
maximises F1 by 5-fold cross-validation on the training split, and writes
``src/rasd/data/events_detector.json``. The held-out split is only read by
``eval/eval_events.py``. ``yes`` is positive; ``easy no`` and ``difficult no`` negative;
``ambiguous`` is skipped.

    python scripts/train_event_detector.py
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.events.classify import train  # noqa: E402
from rasd.events.sentences import sentence_features  # noqa: E402
from rasd.metrics import shared_data  # noqa: E402

OUT = ROOT / "src" / "rasd" / "data" / "events_detector.json"
TYPES = ("PROTEST", "ASSAULT")


def data_dir() -> Path:
    return shared_data() / "events" / "arabic-event-gsr"


def is_test(record_id: str) -> bool:
    """The deterministic 80/20 split: one id in five (by sha1) is held out."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def labelled(etype: str) -> list[tuple[str, str, int]]:
    with (data_dir() / f"{etype.lower()}_gsr.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [(r["id"], r["text"], int(r["label"] == "yes")) for r in rows if r["label"] != "ambiguous"]


def _f1(scores: list[tuple[float, int]], t: float) -> float:
    tp = sum(1 for s, y in scores if s >= t and y)
    fp = sum(1 for s, y in scores if s >= t and not y)
    fn = sum(1 for s, y in scores if s < t and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> int:
    if not (data_dir() / "protest_gsr.csv").exists():
        print(f"train_event_detector: no GSR data at {data_dir()}")
        return 1
    weights, thresholds, info = {}, {}, {}
    for etype in TYPES:
        rows = [r for r in labelled(etype) if not is_test(r[0])]
        examples = [(sentence_features(text), y) for _id, text, y in rows]
        # 5-fold cross-validation on the training split to choose the threshold
        cv: list[tuple[float, int]] = []
        for k in range(5):
            tr = [e for i, e in enumerate(examples) if i % 5 != k]
            te = [e for i, e in enumerate(examples) if i % 5 == k]
            w = train(tr)
            model = {"weights": {etype: w}}
            cv += [(_score(model, f, etype), y) for f, y in te]
        best = max((t / 100 for t in range(5, 96)), key=lambda t: _f1(cv, t))
        weights[etype] = train(examples)
        thresholds[etype] = best
        info[etype] = {
            "train_rows": len(examples),
            "train_positives": sum(y for _f, y in examples),
            "cv_f1": round(_f1(cv, best), 3),
        }
        print(f"{etype}: {info[etype]}, threshold {best}")
    OUT.write_text(
        json.dumps(
            {
                "_doc": "Logistic-regression weights for rasd.events.classify, trained by "
                "scripts/train_event_detector.py "
                "on the 80% training split (sha1(id) % 5 != 0) of the Arabic event GSR development portion "
                "(openeventdata/arabic_event_gsr, MIT). Thresholds chosen by 5-fold CV on that split.",
                "training": info,
                "thresholds": thresholds,
                "weights": weights,
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT}")
    return 0


def _score(model: dict, feats: list[str], etype: str) -> float:
    import math

    z = sum(model["weights"][etype].get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


if __name__ == "__main__":
    raise SystemExit(main())
