"""Shared by the numbers and quotes tests: the seed run through the numbers components only."""

from __future__ import annotations

from pathlib import Path

from rasd.api import analyze
from rasd.model import Article
from rasd.pipeline import needed_for
from rasd.settings import Settings

SEED = Path(__file__).parent / "data" / "seed" / "al-araby-kazakhstan-consulate.txt"
PIPELINE = needed_for("ar.casualties.v1")


def run(source: str | Path) -> Article:
    return analyze(source, settings=Settings(on_error="raise", min_chars=1), pipeline=PIPELINE)


Fact = tuple[str, object, object]
SubsetFact = tuple[str, object, object, object]


def article(text: str) -> Article:
    """One text through the casualty pipeline (the numbers components only)."""
    # a newline: rasd.api.analyze takes a one-line string for a path and asks the file
    # system, which raises OSError for a name longer than 255 bytes (reported to the lead)
    return run(text + "\n")


def facts(text: str) -> list[Fact]:
    """The casualty facts of ``text``: (category, best, who)."""
    return [(s.label, s.attrs["best"], s.attrs["who"]) for s in article(text).layer("casualties")]


def subsets(text: str) -> list[SubsetFact]:
    """The casualty facts of ``text`` with the index of the fact each is a subset of."""
    return [(s.label, s.attrs["best"], s.attrs["who"], s.attrs["subset_of"])
            for s in article(text).layer("casualties")]


def check(text: str, expected: list[Fact]) -> None:
    """The facts of ``text`` are ``expected``, in any order."""
    assert sorted(facts(text), key=str) == sorted(expected, key=str), text
