"""The linking evaluation (eval/eval_linking.py): its gold loader and scoring, on tiny fixtures."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    sys.path.insert(0, str(ROOT / "eval"))
    spec = importlib.util.spec_from_file_location("eval_linking", ROOT / "eval" / "eval_linking.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_linking"] = module
    spec.loader.exec_module(module)
    return module


def test_linking_eval_gold_loader_reads_places_and_skips_unsure(ev: ModuleType, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [{"id": "loc-000", "place": "gn:170063", "name_en": "Aleppo"},
            {"id": "loc-001", "place": "not_a_place"},
            {"id": "loc-002", "place": "unsure", "note": "cannot tell"},
            {"id": "loc-003", "place": "place:Nuseirat camp"}]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    assert ev.load_gold(gold) == {"loc-000": "gn:170063", "loc-001": "not_a_place",
                                  "loc-003": "place:Nuseirat camp"}


def test_linking_eval_gold_loader_rejects_a_line_without_place(ev: ModuleType, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "loc-000", "place": ""}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="place"):
        ev.load_gold(gold)


def test_linking_eval_items_file_references_real_documents(ev: ModuleType) -> None:
    items = ev.load_items()
    assert len(items) >= 200
    assert {it.corpus for it in items.values()} == {"ant-multisource", "saudinewsnet", "aljazeera-gaza-ledes"}
    assert all(it.end > it.start and it.surface and len(it.sha1) == 40 for it in items.values())


def test_linking_eval_scores_links(ev: ModuleType) -> None:
    gold = {"a": "gn:170063", "b": "not_a_place", "c": "iso:SY", "d": "gn:281133"}
    answers = {"a": ("gn:170063", "Aleppo"), "b": ("gn:109223", "Medina"), "c": ("not_a_place", ""),
               "d": ("reg:gaza-strip", "Gaza Strip")}
    res = ev.score(gold, answers, False, {})
    assert (res["tp"], res["fp"], res["fn"]) == (1, 2, 2)
    assert res["precision"] == pytest.approx(1 / 3) and res["recall"] == pytest.approx(1 / 3)


def test_linking_eval_same_place_by_distance(ev: ModuleType) -> None:
    assert ev.same_place("gn:281124", "gn:281124")
    assert ev.same_place("reg:nuseirat-camp", "gn:281109")  # camp and town, 1 km apart
    assert not ev.same_place("gn:281133", "gn:281124")  # Gaza City is not Khan Younis
    assert ev.same_place("reg:tulkarm-camp", "place:Tulkarm camp")  # gold without an id
    assert not ev.same_place("gn:4469160", "place:Grenfell Tower")
