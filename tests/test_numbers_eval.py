"""The evaluation gate for casualty facts and quotes (eval/eval_numbers.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "tests" / "data" / "numbers" / "floors.json").read_text(encoding="utf-8"))
SETS = ("dev", "fresh")


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_numbers", ROOT / "eval" / "eval_numbers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_numbers"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation() -> ModuleType:
    return _eval_module()


@pytest.mark.parametrize("which", SETS)
def test_numbers_eval_gold_is_pinned(evaluation: ModuleType, which: str) -> None:
    pin = FLOORS[which]
    assert evaluation.gold_digest(which) == pin["gold_sha256"], "gold changed: re-measure and re-pin"
    assert len(evaluation.load_gold(which)) == pin["items"]


@pytest.mark.parametrize("which", SETS)
def test_numbers_eval_gold_is_well_formed(evaluation: ModuleType, which: str) -> None:
    categories = {"killed", "injured", "arrested", "missing", "displaced", "crowd"}
    for item in evaluation.load_gold(which):
        assert item["corpus"] in ("aljazeera-gaza-ledes", "ant-multisource")
        for fact in item["facts"]:
            assert fact["category"] in categories and isinstance(fact["best"], int)
        for quote in item["quotes"]:
            assert quote["kind"] in ("direct", "indirect") and quote["speaker"] and quote["contains"]


@pytest.mark.parametrize("which", SETS)
def test_numbers_eval_floors(evaluation: ModuleType, which: str) -> None:
    data = evaluation.shared_data()
    if not (data / evaluation.LEDES_DIR).is_dir() or not (data / evaluation.ANT_ARCHIVE).is_file():
        pytest.skip(f"shared data not found at {data}")
    out = evaluation.summary(evaluation.evaluate(data, which), which)
    assert out["facts"]["f1"] >= FLOORS[which]["facts_f1_floor"], out["facts"]
    assert out["quotes"]["f1"] >= FLOORS[which]["quotes_f1_floor"], out["quotes"]
