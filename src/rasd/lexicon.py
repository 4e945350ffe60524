"""Load the data files that live beside the code (``rasd/data/*.json``).

Files are read lazily (importing a module does no I/O), cached, and
validated against the schema each file declares: ``"_owner"`` names the one
module that owns the vocabulary (others import it from there), ``"_schema"``
maps every group to its JSON type (``list``, ``object``, ``string``,
``number``, ``boolean``; a trailing ``?`` makes a group optional). A missing
file, a non-object top level, a missing, mistyped, undeclared or empty group
raises :class:`~rasd.errors.LexiconError`. Other keys starting with ``_`` are
comments.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .errors import LexiconError


@cache
def load(name: str) -> dict[str, Any]:
    """Return the JSON object in ``rasd/data/<name>.json``, comments removed."""
    try:
        raw = resources.files("rasd").joinpath("data", f"{name}.json").read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, json.JSONDecodeError) as exc:
        raise LexiconError(f"cannot load lexicon {name}: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon {name} must be a JSON object")
    schema = data.get("_schema")
    if not isinstance(schema, dict) or not isinstance(data.get("_owner"), str):
        raise LexiconError(f"lexicon {name} must declare its \"_owner\" and \"_schema\"")
    data = {k: v for k, v in data.items() if not k.startswith("_")}
    check_schema(name, data, schema)
    return data


_TYPES: dict[str, type | tuple[type, ...]] = {
    "list": list, "object": dict, "string": str, "number": (int, float), "boolean": bool}


def check_schema(name: str, data: dict[str, Any], schema: dict[str, Any]) -> None:
    """Raise :class:`LexiconError` unless ``data`` has exactly the groups ``schema`` declares,
    each of its declared type and not empty."""
    undeclared = sorted(set(data) - {k.rstrip("?") for k in schema})
    if undeclared:
        raise LexiconError(f"lexicon {name}: undeclared group(s) {', '.join(undeclared)}")
    for group, declared in schema.items():
        optional = declared.endswith("?")
        kind = declared.rstrip("?")
        if kind not in _TYPES:
            raise LexiconError(f"lexicon {name}: group {group!r} has unknown type {kind!r}")
        if group not in data:
            if optional:
                continue
            raise LexiconError(f"lexicon {name}: group {group!r} is missing")
        value = data[group]
        if not isinstance(value, _TYPES[kind]) or (kind == "number" and isinstance(value, bool)):
            raise LexiconError(f"lexicon {name}: group {group!r} must be a {kind}")
        if isinstance(value, (list, dict, str)) and len(value) == 0:
            raise LexiconError(f"lexicon {name}: group {group!r} is empty")


def normalized_terms(name: str, group: str) -> tuple[str, ...]:
    """A list-valued group of a lexicon, each term normalized like the text."""
    from .normalize import normalize_str

    values = load(name).get(group)
    if not isinstance(values, list):
        raise LexiconError(f"lexicon {name}: group {group!r} must be a list")
    return tuple(normalize_str(str(v)) for v in values)
