"""Checks shared by the robustness and fuzz tests: strict JSON, span offsets, one result per input."""

from __future__ import annotations

import json
import math
from typing import Any

from rasd.errors import Rejection
from rasd.model import Article
from rasd.serialize import result_to_dict


def _no_constant(name: str) -> Any:
    raise ValueError(f"non-strict JSON constant {name}")


def strict_line(result: Article | Rejection) -> str:
    """The result as one JSON line, checked the way a strict parser reads it: no NaN or
    Infinity, valid UTF-8 (no lone surrogates), and it parses back. Raises AssertionError."""
    line = json.dumps(result_to_dict(result), ensure_ascii=False, allow_nan=False)
    line.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError
    json.loads(line, parse_constant=_no_constant)
    return line


def non_finite(value: Any, path: str = "$") -> list[str]:
    """Paths of every float in ``value`` that is NaN or infinite."""
    if isinstance(value, float):
        return [] if math.isfinite(value) else [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in non_finite(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in non_finite(v, f"{path}[{i}]")]
    return []


def offset_mismatches(doc: dict[str, Any]) -> list[str]:
    """Every span object (``start``, ``end``, ``text``) in an article's JSON, at any depth, whose
    ``text`` is not ``doc["text"][start:end]``."""
    text = doc.get("text", "")
    bad: list[str] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            s, e, t = value.get("start"), value.get("end"), value.get("text")
            if isinstance(s, int) and isinstance(e, int) and isinstance(t, str) and path != "$" \
                    and text[s:e] != t:
                bad.append(f"{path}: {s}..{e} {t[:30]!r} != {text[s:e][:30]!r}")
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    walk(doc, "$")
    return bad


def check_result(result: Article | Rejection) -> dict[str, Any]:
    """Strict JSON, finite numbers and exact offsets for one result; its JSON as a dict."""
    doc = json.loads(strict_line(result))
    assert not non_finite(doc)
    if isinstance(result, Article):
        assert not offset_mismatches(doc), offset_mismatches(doc)[:5]
    return doc  # type: ignore[no-any-return]
