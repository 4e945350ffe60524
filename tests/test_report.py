"""The analyst's report (issue #15): what the seed reports comes before its text."""

from __future__ import annotations

import io

import pytest

from rasd.cli import main

from .conftest import SEED


@pytest.fixture(scope="module")
def report() -> str:
    out = io.StringIO()
    assert main(["analyze", str(SEED), "--published", "2022-01-08", "--quiet"], out=out) == 0
    return out.getvalue()


def test_report_events_before_text(report: str) -> None:
    events, text = report.index("Events:"), report.index("\nText\n")
    assert events < text
    head = report[:text]
    assert "Riots / Violent demonstration · Almaty" in head
    assert "embassy departure" in head and "foreign troops request" in head
    assert "Collective Security Treaty Organization" in head
    assert "arrested >3,800" in head


def test_report_casualties_quotes_entities(report: str) -> None:
    figures = report[report.index("Casualty figures"):report.index("Who said what")]
    assert "[who: police] 18 قتيلًا" in figures and "[who: police] 748 جريحًا" in figures
    quotes = report[report.index("Who said what"):report.index("People, places, organisations")]
    assert "Antony Blinken: بلينكن — ثمة درس من التاريخ" in quotes
    entities = report[report.index("People, places, organisations"):report.index("\nText\n")]
    assert "Almaty (ألماتي" in entities and "Antony Blinken (أنتوني بلينكن" in entities


def test_report_no_text_leaves_the_text_out() -> None:
    out = io.StringIO()
    main(["analyze", str(SEED), "--published", "2022-01-08", "--quiet", "--no-text"], out=out)
    assert "Events:" in out.getvalue() and "\nText\n" not in out.getvalue()
    assert "تابع القراءة" not in out.getvalue()
