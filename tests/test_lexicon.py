"""Lexicon files declare their owner and schema; loading checks them."""

from __future__ import annotations

from importlib import resources

import pytest

from rasd.errors import LexiconError
from rasd.lexicon import check_schema, load

DATA = sorted(p.name.removesuffix(".json") for p in resources.files("rasd").joinpath("data").iterdir()
              if p.name.endswith(".json"))


@pytest.mark.parametrize("name", DATA)
def test_lexicon_every_data_file_loads_against_its_schema(name: str) -> None:
    assert load(name)


@pytest.mark.parametrize(("data", "message"), [
    ({"words": []}, "empty"),
    ({}, "missing"),
    ({"words": ["a"], "extra": ["b"]}, "undeclared"),
    ({"words": "a"}, "must be a list"),
])
def test_lexicon_schema_violations_raise(data: dict[str, object], message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        check_schema("test", data, {"words": "list"})


def test_lexicon_optional_group_may_be_absent() -> None:
    check_schema("test", {"words": ["a"]}, {"words": "list", "more": "list?"})
