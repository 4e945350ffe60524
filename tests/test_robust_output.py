"""Issue 16: output is strict JSON wherever rasd writes it; non-finite values are nulled and flagged."""

from __future__ import annotations

import io
import json
import math
import sqlite3
from pathlib import Path

from rasd.api import analyze, analyze_path
from rasd.cli import main
from rasd.model import Span
from rasd.serialize import article_to_dict, drop_non_finite, dumps
from rasd.settings import Settings
from rasd.store.ingest import ingest_paths

from .conftest import SEED
from .robust_helpers import check_result, non_finite

SEED_TEXT = SEED.read_text(encoding="utf-8")
#: A count of 400 digits: float() of it is infinite (the number reader once gave min/best/max inf).
HUGE = SEED_TEXT.replace("عشرات القتلى", "قتل " + "9" * 400 + " شخصا", 1)


def _no_constant(name: str) -> None:
    raise ValueError(name)


def test_output_drop_non_finite_nulls_and_flags(seed: object) -> None:
    article = analyze(SEED_TEXT, settings=Settings(on_error="raise"))
    article.add("quantities", Span(0, 4, "quantity", "test", {"best": math.inf, "range": [1.0, math.nan],
                                                             "nested": {"v": -math.inf}}))
    article.meta.extra["score"] = math.nan
    drop_non_finite(article)
    assert "non_finite_value" in {f.code for f in article.flags}
    span = article.layer("quantities")[-1]
    assert span.attrs == {"best": None, "range": [1.0, None], "nested": {"v": None}}
    assert not non_finite(article_to_dict(article))
    check_result(article)


def test_output_dumps_is_strict() -> None:
    line = dumps({"a": math.inf, "b": [math.nan, 1.5], "c": "x\ud800y", "\udc00": 1})
    assert json.loads(line, parse_constant=_no_constant) == {"a": None, "b": [None, 1.5], "c": "x\ufffdy",
                                                             "\ufffd": 1}
    line.encode("utf-8")


def test_output_huge_count_is_strict_json() -> None:
    [result] = list(analyze_path_text(HUGE))
    doc = check_result(result)
    assert not non_finite(doc)


def analyze_path_text(text: str) -> list[object]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "huge.txt"
        path.write_text(text, encoding="utf-8")
        return list(analyze_path(str(path)))


def test_output_huge_count_no_component_fails() -> None:
    """Once events raised OverflowError (int() of an infinite count); fixed by the number reader's
    plausibility rule (#12) and the events rewrite."""
    analyze(HUGE, settings=Settings(on_error="raise"))


def test_output_cli_json_strict_for_non_finite_input(tmp_path: Path) -> None:
    path = tmp_path / "nan.jsonl"
    path.write_text(f'{{"text": {json.dumps(SEED_TEXT)}, "score": NaN, "big": 1e999}}\n', encoding="utf-8")
    out = io.StringIO()
    assert main(["analyze", str(path), "--format", "json", "--quiet"], out) == 0
    doc = json.loads(out.getvalue(), parse_constant=_no_constant)
    assert (doc["meta"]["extra"]["score"], doc["meta"]["extra"]["big"]) == (None, None)


def test_output_store_export_and_api_strict(tmp_path: Path) -> None:
    """What the store holds, exports and serves is strict JSON, even from a store whose JSON was
    written before output was strict (an 'Infinity' in a span's attributes)."""
    import httpx

    from rasd.export.articles import export
    from rasd.store.db import open_store
    from tests.store_helpers import serve

    db = tmp_path / "rasd.db"
    src = tmp_path / "in.jsonl"
    src.write_text(f'{{"text": {json.dumps(HUGE)}, "score": NaN}}\n', encoding="utf-8")
    assert ingest_paths([str(src)], str(db)).stored == 1
    with sqlite3.connect(db) as conn:
        for (attrs,) in conn.execute("SELECT attrs FROM spans"):
            json.loads(attrs, parse_constant=_no_constant)
        conn.execute("UPDATE spans SET attrs = json_set(attrs, '$.legacy', 'x') WHERE id = 1")
        conn.execute("UPDATE spans SET attrs = replace(attrs, '\"x\"', 'Infinity') WHERE id = 1")
    with open_store(str(db), readonly=True) as store:
        export(store.conn, "jsonl", str(tmp_path / "out.jsonl"))
    json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"), parse_constant=_no_constant)
    with serve(db) as url:
        resp = httpx.get(url + "/api/articles/1", timeout=30)
    assert resp.status_code == 200
    json.loads(resp.text, parse_constant=_no_constant)
