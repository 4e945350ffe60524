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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fuzz run's counts (tests/test_fuzz.py): examples per family, results, checks, failures."""
    import sys

    module = sys.modules.get("tests.test_fuzz")
    stats = getattr(module, "STATS", None)
    if not stats:
        return
    terminalreporter.section(f"fuzz counts (profile {module.PROFILE})")  # type: ignore[union-attr]
    for key in ("escape", "non_strict_json", "offset_mismatch", "component_failed"):
        stats.setdefault(f"failures:{key}", 0)
    for key, value in sorted(stats.items()):
        terminalreporter.write_line(f"{key}: {value}")
