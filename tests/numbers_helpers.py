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
