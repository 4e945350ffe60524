"""Evaluation gate: detection and actor-span floors on the committed GSR slices.

The floors in tests/data/events/floors.json carry the sha256 of the slice files, so
editing a fixture cannot move the score unnoticed. The full evaluation is
eval/eval_events.py on ../shared/data/events/arabic-event-gsr/.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest

from rasd.events.detect import SCREEN_FLAGS
from rasd.events.sentences import sentence_records
from rasd.normalize import normalize_str

DATA = Path(__file__).parent / "data" / "events"
FLOORS = json.loads((DATA / "floors.json").read_text(encoding="utf-8"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_events_eval_floors_pinned_to_data() -> None:
    for name, digest in FLOORS["sha256"].items():
        assert _sha(DATA / name) == digest, f"{name} changed: re-measure and re-pin the floors"


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.mark.parametrize("etype", ["PROTEST", "ASSAULT"])
def test_events_eval_detection_floor(etype: str) -> None:
    rows = [
        r for r in csv.DictReader((DATA / "gsr-slice.csv").open(encoding="utf-8")) if r["event_type"] == etype
    ]
    counts = {"rules": [0, 0, 0], "model": [0, 0, 0]}
    for r in rows:
        gold = r["label"] == "yes"
        found = [rec for rec in sentence_records(r["text"], all_candidates=True)
                 if rec.plover.event == etype and rec.realis in ("actual", "reported-as-claim")]
        # rules alone: what no screening flag doubts; the output users get: not a candidate
        rules = any(not set(rec.flags) & SCREEN_FLAGS for rec in found)
        model = any(not rec.candidate for rec in found)
        for key, pred in (("rules", rules), ("model", model)):
            c = counts[key]
            c[0] += gold and pred
            c[1] += pred and not gold
            c[2] += gold and not pred
    for key, (tp, fp, fn) in counts.items():
        assert _f1(tp, fp, fn) >= FLOORS["detection_f1"][key][etype], (key, etype, tp, fp, fn)


def _words(text: str) -> set[str]:
    return {
        re.sub(r"^(?:[وف])?(?:[بكل])?(?:ال|لل)?", "", w) if len(w) > 4 else w
        for w in re.findall(r"\w+", normalize_str(text))
    }


def test_events_eval_actor_overlap_floor() -> None:
    records = json.loads((DATA / "gsr-spans-slice.json").read_text(encoding="utf-8"))
    hit = gold = 0
    for rec in records:
        if not rec["source_gold"].strip():
            continue
        gold += 1
        # roles are read on every candidate (the trained check decides what users see)
        events = [e for e in sentence_records(rec["text"], all_candidates=True)
                  if e.plover.event == rec["event_type"]]
        actor1 = events[0].actor1 if events else None
        if actor1 is not None and actor1.text and _words(actor1.text) & _words(rec["source_gold"]):
            hit += 1
    assert hit / gold >= FLOORS["source_overlap_recall"], (hit, gold)
