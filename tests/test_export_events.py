"""acled-csv and plover-jsonl exports, through the API and the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from rasd.api import analyze
from rasd.cli import main
from rasd.export.events import ACLED_COLUMNS, RASD_COLUMNS, acled_rows, plover_records
from rasd.model import Article
from rasd.settings import Settings

from .conftest import SEED


@pytest.fixture(scope="module")
def article() -> Article:
    return analyze(SEED, published="2022-01-08", settings=Settings(on_error="raise"))


def test_export_acled_rows_columns_and_values(article: Article) -> None:
    rows = acled_rows(article)
    assert rows and all(list(r) == list(ACLED_COLUMNS + RASD_COLUMNS) for r in rows)
    riot = next(r for r in rows if r["event_type"] == "Riots")
    assert riot["country"] == "Kazakhstan" and riot["iso"] == 398
    assert riot["region"] == "Caucasus and Central Asia"
    assert riot["inter1"] == 5 and riot["interaction"] == 15
    assert riot["source"] == "Al-Araby; AFP"
    assert int(riot["fatalities"]) >= 10 and riot["injured"] == 1001
    evidence = json.loads(riot["evidence"])
    assert set(evidence) >= {"event_type", "location", "fatalities", "injured"}
    arrests = next(r for r in rows if r["sub_event_type"] == "Arrests")
    assert arrests["arrested"] == 3801
    # hypothetical mentions are not ACLED events
    assert all(r["realis"] in ("actual", "reported-as-claim") for r in rows)


def test_export_plover_records_fields(article: Article) -> None:
    recs = plover_records(article)
    assert recs
    for rec in recs:
        assert {"id", "date", "source", "recipient", "event", "mode", "context", "event_loc", "size"} <= set(
            rec
        )
        assert set(rec["size"]) == {"dead", "injured", "arrested"}
    riot = next(r for r in recs if r["mode"] == "riot")
    assert riot["event"] == ["PROTEST"] and riot["event_loc"]["cc3"] == "KAZ"
    assert riot["event_loc"]["geonameid"] == 1526384  # Almaty, linked by the entities layer
    assert riot["size"]["injured"] == 1000  # best of "أكثر من ألف", as the casualties layer reads it
    request = next(r for r in recs if r["event"] == ["DEMAND"])
    assert request["source"][0]["code"] == "KAZ"


@pytest.mark.parametrize("fmt", ["acled-csv", "plover-jsonl"])
def test_export_cli_several_inputs_one_header(fmt: str, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    out = io.StringIO()
    code = main(
        ["analyze", str(SEED), str(bad), str(SEED), "--format", fmt, "--published", "2022-01-08", "--quiet"],
        out=out,
    )
    assert code == 0
    text = out.getvalue()
    if fmt == "acled-csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert text.count("event_date,year,time_precision") == 1
        assert rows and len(rows) % 2 == 0  # the seed twice, the rejected input adds nothing
        assert {r["article"] for r in rows} == {str(SEED)}
    else:
        lines = [json.loads(line) for line in text.splitlines()]
        assert lines and len(lines) % 2 == 0
        assert all(line["id"].startswith(str(SEED)) for line in lines)


def test_export_cli_rejected_only_gives_header(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    out = io.StringIO()
    main(["analyze", str(bad), "--format", "acled-csv", "--quiet"], out=out)
    assert out.getvalue().strip() == ",".join(ACLED_COLUMNS + RASD_COLUMNS)
