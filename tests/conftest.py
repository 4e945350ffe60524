"""Shared fixtures: real articles and pages copied into tests/data (see tests/data/PROVENANCE.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.api import analyze
from rasd.model import Article
from rasd.settings import Settings

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "al-araby-kazakhstan-consulate.txt"
PAGES = DATA / "pages"


@pytest.fixture(scope="session")
def strict() -> Settings:
    """Components raise in tests instead of recording a flag."""
    return Settings(on_error="raise")


@pytest.fixture(scope="session")
def seed(strict: Settings) -> Article:
    return analyze(SEED, settings=strict)
