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
            # best is null for a vague amount without a best (العديد, عدد من): guideline
            assert fact["category"] in categories and (fact["best"] is None or isinstance(fact["best"], int))
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


def _fake_fresh2(evaluation: ModuleType, folder: Path) -> dict[str, object]:
    """One item in the fresh2 format (id, corpus, link, sha1; facts with subset, cumulative,
    evidence; no quotes), pointing at a dev item's text: never at a fresh2 text."""
    # استشهد أكثر من 40 فلسطينيا وأصيب 120 آخرون: two facts, neither a subset nor a running total
    dev = next(g for g in evaluation.load_gold("dev") if g.get("file") == "articles_data_4.json"
               and g["id"] == 1766)
    item = {"id": "aj-fake", "corpus": dev["corpus"], "link": dev["link"], "sha1": dev["sha1"],
            "facts": [{"category": f["category"], "best": f["best"], "who": f["who"],
                       "subset": False, "cumulative": False, "evidence": ""} for f in dev["facts"]]
            + [{"category": "injured", "best": None, "who": None, "subset": False, "cumulative": False,
                "evidence": "not in the text"}], "quotes": [], "notes": ""}
    (folder / "gold_fresh2.jsonl").write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    return item


def test_numbers_eval_fresh2_loader(evaluation: ModuleType, tmp_path: Path) -> None:
    item = _fake_fresh2(evaluation, tmp_path)
    loaded = evaluation.load_gold("fresh2", tmp_path)
    assert loaded == [item]
    assert evaluation.item_label(loaded[0]) == "aj-fake"
    assert len(evaluation.gold_digest("fresh2", tmp_path)) == 64


def test_numbers_eval_fresh2_loader_rejects_an_item_without_a_text(evaluation: ModuleType,
                                                                    tmp_path: Path) -> None:
    (tmp_path / "gold_fresh2.jsonl").write_text('{"id": "x", "facts": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="text reference"):
        evaluation.load_gold("fresh2", tmp_path)


def test_numbers_eval_fresh2_scores_facts_without_quotes(evaluation: ModuleType, tmp_path: Path) -> None:
    data = evaluation.shared_data()
    if not (data / evaluation.LEDES_DIR).is_dir() or not (data / evaluation.ANT_ARCHIVE).is_file():
        pytest.skip(f"shared data not found at {data}")
    _fake_fresh2(evaluation, tmp_path)
    out = evaluation.summary(evaluation.evaluate(data, "fresh2", tmp_path), "fresh2", tmp_path)
    assert out["items"] == 1 and out["quotes"]["labelled"] is False
    assert (out["facts"]["tp"], out["facts"]["fn"]) == (2, 1)  # the null-best fact is not in the text
    assert out["facts"]["subset_accuracy"] == 1.0 and out["facts"]["cumulative_accuracy"] == 1.0
