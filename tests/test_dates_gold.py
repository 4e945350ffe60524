"""The evaluation gate: rasd's exact-match accuracy on the dates gold must not drop.

Items whose text ships with the tests (Wojood sample, MediaCloud pages) are always
scored; the Al Jazeera items need ``../shared/data`` (their texts are not shipped) and
are skipped without it. The floors are pinned to the gold file's hash.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "data" / "dates" / "floors.json").read_text(encoding="utf-8"))


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_dates", ROOT / "eval" / "eval_dates.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return _eval_module()


def test_dates_gold_pinned(ev: ModuleType) -> None:
    assert ev.gold_hash() == FLOORS["gold_sha256"], "gold changed: re-measure and update floors.json"
    lines = ev.GOLD.read_text(encoding="utf-8").splitlines()
    assert len(lines) == FLOORS["items"] >= 150


def test_dates_gold_shipped_floor(ev: ModuleType) -> None:
    items = [json.loads(line) for line in ev.GOLD.read_text(encoding="utf-8").splitlines()]
    shipped = [i for i in items if "text" in i]
    assert len(shipped) == FLOORS["shipped_items"]
    correct, misses = ev.score(shipped, "rasd")
    assert correct / len(shipped) >= FLOORS["rasd_accuracy_shipped"], misses


def test_dates_gold_full_floor(ev: ModuleType) -> None:
    items = ev.load_gold()
    if items is None:
        pytest.skip("shared data (Al Jazeera ledes) not available")
    correct, misses = ev.score(items, "rasd")
    assert correct / len(items) >= FLOORS["rasd_accuracy_all"], misses
