"""Evaluate event detection and actor spans on the Arabic event GSR (development portion).

Data: ``../shared/data/events/arabic-event-gsr/`` (``RASD_SHARED_DATA`` overrides the
``shared/data`` root). rasd's detector is a lexicon-and-rules one with nothing trained,
so it is evaluated on all of the development portion.

Detection, per PLOVER type (PROTEST, ASSAULT): a sentence is predicted positive when
an event of that type with realis actual or reported-as-claim is found; gold ``yes``
is positive, ``easy no`` and ``difficult no`` negative, ``ambiguous`` skipped.
Actor spans: for sentences of the span files with a gold source (target), whether
rasd's actor1 (actor2) of an event of the file's type shares a word with the gold
span (clitics and article stripped), as precision / recall / F1 over sentences.

    python eval/eval_events.py [--json] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.events.classify import model, threshold  # noqa: E402
from rasd.events.model import EventRecord  # noqa: E402
from rasd.events.sentences import sentence_records  # noqa: E402
from rasd.metrics import shared_data  # noqa: E402
from rasd.normalize import normalize_str  # noqa: E402

TYPES = ("PROTEST", "ASSAULT")
COUNTED = frozenset({"actual", "reported-as-claim"})
_WORD = re.compile(r"\w+")


def data_dir() -> Path:
    return shared_data() / "events" / "arabic-event-gsr"


def predicted_types(text: str) -> set[str]:
    """Rules alone: an event of the type with realis actual or claimed (the real pipeline)."""
    return {r.plover.event for r in sentence_records(text) if r.realis in COUNTED}


def model_says(text: str, etype: str) -> bool:
    """Rules and the trained check: an event of the type whose confidence reaches the
    trained threshold."""
    return any(r.plover.event == etype and r.confidence is not None and r.confidence >= threshold(etype)
               for r in sentence_records(text))


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def is_test(record_id: str) -> bool:
    """The held-out split of scripts/train_event_detector.py: sha1(id) % 5 == 0."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def detection(
    folder: Path, limit: int | None = None, split: str = "all", method: str = "rules"
) -> dict[str, Any]:
    out = {}
    for etype in TYPES:
        with (folder / f"{etype.lower()}_gsr.csv").open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))[:limit]
        if split == "test":
            rows = [r for r in rows if is_test(r["id"])]
        tp = fp = fn = tn = 0
        for row in rows:
            if row["label"] == "ambiguous":
                continue
            gold = row["label"] == "yes"
            pred = (
                model_says(row["text"], etype) if method == "model" else etype in predicted_types(row["text"])
            )
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
            tn += not gold and not pred
        out[etype] = {
            "n": tp + fp + fn + tn,
            "positives": tp + fn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            **prf(tp, fp, fn),
        }
    return out


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


def actor_spans(folder: Path, limit: int | None = None) -> dict[str, Any]:
    out = {}
    for etype in TYPES:
        records = json.loads((folder / f"{etype.lower()}_spans.json").read_text(encoding="utf-8"))[:limit]
        stats = {"source": [0, 0, 0], "target": [0, 0, 0]}  # gold, predicted, overlapping
        for rec in records:
            found = sentence_records(rec["text"])
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
        out[etype] = {}
        for role, (gold, pred, hit) in stats.items():
            p = hit / pred if pred else 0.0
            r = hit / gold if gold else 0.0
            out[etype][role] = {
                "gold": gold,
                "predicted": pred,
                "overlap": hit,
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            }
        out[etype]["sentences"] = len(records)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--limit", type=int, help="only the first N rows of each file (a quick look)")
    args = ap.parse_args(argv)
    folder = data_dir()
    if not (folder / "protest_gsr.csv").exists():
        print(f"eval_events: the GSR data is not at {folder}; nothing evaluated (set RASD_SHARED_DATA).")
        return 0
    t0 = time.perf_counter()
    result: dict[str, Any] = {
        "rules_all": detection(folder, args.limit),
        "rules_test": detection(folder, args.limit, "test"),
    }
    if model() is not None:
        result["model_test"] = detection(folder, args.limit, "test", "model")
    result["actors"] = actor_spans(folder, args.limit)
    result["seconds"] = round(time.perf_counter() - t0, 2)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    titles = {
        "rules_all": "rules alone (nothing trained), all of the development portion",
        "rules_test": "rules alone, held-out 20% (sha1(id) % 5 == 0)",
        "model_test": "rules + trained check (trained on the other 80%), held-out 20%",
    }
    print(f"Event detection on {folder}")
    for key, title in titles.items():
        if key not in result:
            continue
        print(f" {title}")
        for etype, d in result[key].items():
            print(
                f"  {etype:8s} n={d['n']:5d} pos={d['positives']:4d}  "
                f"P={d['precision']:.3f} R={d['recall']:.3f} "
                f"F1={d['f1']:.3f}  (tp={d['tp']} fp={d['fp']} fn={d['fn']})"
            )
    print("Actor-span overlap (a shared word with the gold span; per sentence)")
    for etype, d in result["actors"].items():
        for role in ("source", "target"):
            r = d[role]
            print(
                f"  {etype:8s} {role:6s} gold={r['gold']:4d} pred={r['predicted']:4d} "
                f"overlap={r['overlap']:4d}  "
                f"P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
            )
    print(f"({result['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
