"""Load the data files that live beside the code (``rasd/data/*.json``).

Files are read lazily (importing a module does no I/O), cached, and
validated: a missing file, a non-object top level or an empty group raises
:class:`~rasd.errors.LexiconError`. Keys starting with ``_`` are comments.
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
    data = {k: v for k, v in data.items() if not k.startswith("_")}
    for key, value in data.items():
        if isinstance(value, (list, dict, str)) and len(value) == 0:
            raise LexiconError(f"lexicon {name}: group {key!r} is empty")
    return data


def normalized_terms(name: str, group: str) -> tuple[str, ...]:
    """A list-valued group of a lexicon, each term normalized like the text."""
    from .normalize import normalize_str

    values = load(name).get(group)
    if not isinstance(values, list):
        raise LexiconError(f"lexicon {name}: group {group!r} must be a list")
    return tuple(normalize_str(str(v)) for v in values)
