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
from .store_helpers import FIXTURE_SETTINGS


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
    assert riot["source"] == "Al-Araby; AFP" and riot["source_scale"] == "International"
    assert riot["event_id_cnty"].startswith("KAZ") and riot["event_id_cnty"][3:].isdigit()
    assert riot["location"] == "Almaty" and riot["date_precision"] == "week"
    assert int(riot["fatalities"]) >= 10 and riot["injured"] == 1001
    evidence = json.loads(riot["evidence"])
    assert set(evidence) >= {"event_type", "location", "fatalities", "injured"}
    arrests = next(r for r in rows if r["sub_event_type"] == "Arrests")
    assert arrests["arrested"] == 3801
    # hypothetical mentions are not ACLED events
    assert all(r["realis"] in ("actual", "reported-as-claim") for r in rows)


def test_export_plover_records_fields(article: Article) -> None:
    recs = plover_records(article)
    assert recs and len({r["id"] for r in recs}) == len(recs)  # unique ids
    for rec in recs:
        assert {"id", "date", "date_precision", "actor", "recipient", "event", "mode", "context", "event_loc",
                "size", "cite_info"} <= set(rec)
        assert "source" not in rec  # PLOVER 2: the 0.x "source" is "actor"
        assert set(rec["size"]) == {"dead", "injured", "arrested"}
        assert rec["actor"] and all("entity_text" in a and "actor_text" not in a for a in rec["actor"])
    riot = next(r for r in recs if r["mode"] == ["riot"])
    assert riot["event"] == ["PROTEST"] and riot["event_loc"]["cc3"] == "KAZ"
    assert riot["event_loc"]["geonameid"] == 1526384  # Almaty, linked by the entities layer
    assert riot["size"]["injured"] == 1000  # best of "أكثر من ألف", as the casualties layer reads it
    # the request for CSTO troops is PLOVER 2's REQUEST (0.x DEMAND), asking for military assistance
    request = next(r for r in recs if r["event"] == ["REQUEST"])
    assert request["mode"] == ["assist"] and "military" in request["context"]
    assert request["actor"][0]["code"] == "KAZ" and request["actor"][0]["entity_text"] == "قاسم جومرت توكاييف"
    assert all(r["event"] != ["DEMAND"] for r in recs)


def test_export_plover_unnamed_actor_is_explicit(article: Article) -> None:
    import dataclasses

    from rasd.events.component import event_records
    from rasd.export.events import _plover_record

    rec = dataclasses.replace(event_records(article)[0], actor1=None)
    out = _plover_record(article, rec)
    assert out["actor"] == [{"code": None, "sector": None, "entity_text": None, "identifier_text": None,
                             "unspecified": True}]


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
        assert all(line["cite_info"]["article"] == str(SEED) for line in lines)


def test_export_cli_rejected_only_gives_header(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    out = io.StringIO()
    main(["analyze", str(bad), "--format", "acled-csv", "--quiet"], out=out)
    assert out.getvalue().strip() == ",".join(ACLED_COLUMNS + RASD_COLUMNS)


STORE_ANT = SEED.parent.parent / "store" / "articles" / "ant"


@pytest.fixture(scope="module")
def ant_rows() -> list[dict[str, object]]:
    """ACLED rows of the real ANT articles of the store fixtures (BBC, CNN, Al Arabiya, Sky News)."""
    rows: list[dict[str, object]] = []
    for path in sorted(STORE_ANT.glob("*.txt")):
        # the store fixture's settings: the Podgorica attack scores under the default threshold
        rows += acled_rows(analyze(path, settings=Settings(on_error="raise",
                                                           event_threshold=FIXTURE_SETTINGS.event_threshold)))
    return rows


def test_export_acled_source_named_without_a_sources_line(ant_rows: list[dict[str, object]]) -> None:
    # BBC pages have no sources line: the outlet comes from the URL's host, by the name analysts use
    bbc = [r for r in ant_rows if "bbc.co.uk" in str(r["article"])]
    assert bbc and all(r["source"] == "BBC" for r in bbc)
    assert all(r["source"] and r["source_scale"] for r in ant_rows)
    cnn = [r for r in ant_rows if "cnn.com" in str(r["article"])]
    assert cnn and all(str(r["source"]).startswith("CNN") for r in cnn)


def test_export_acled_location_is_a_place_name(ant_rows: list[dict[str, object]]) -> None:
    import re

    assert all(not re.search("[\u0600-\u06ff]", str(r["location"])) for r in ant_rows)
    # Podgorica read in an unlinked spelling: the row says Montenegro, the words go to location_text
    unlinked = [r for r in ant_rows if r["location_text"]]
    assert unlinked and all(r["location"] == r["country"] == "Montenegro" for r in unlinked)
    # (and the country itself in a spelling the entities layer does not link: Sky News's headline)
    assert {r["location_text"] for r in unlinked} == {"بودغوريستا", "بودجوريتشا", "مونتينيغرو"}


@pytest.mark.parametrize(("value", "precision", "time_precision"),
                         [("2022-01", "month", 3), ("2021", "year", 3)])
def test_export_month_and_year_keep_their_precision(article: Article, value: str, precision: str,
                                                   time_precision: int) -> None:
    import dataclasses

    from rasd.events.component import event_records
    from rasd.events.model import EventDate
    from rasd.export.events import _acled_row, _plover_record

    rec = event_records(article)[1]
    rec = dataclasses.replace(rec, date=EventDate(value, precision, time_precision, "absolute", "text", None))
    row, plover = _acled_row(article, rec), _plover_record(article, rec)
    assert (row["event_date"], row["year"], row["date_precision"]) == (value, value[:4], precision)
    assert row["time_precision"] == 3
    assert (plover["date"], plover["date_precision"]) == (value, precision)


@pytest.mark.parametrize(("outlets", "agencies", "country", "scale"), [
    (["bbc.co.uk"], [], "GB", "National"),
    (["aljazeera.net"], [], "SY", "Regional"),
    (["BBC"], ["AFP"], "SY", "International"),
    (["alarabiya.net"], ["Reuters"], "SA", "Regional-International"),
    (["example.org"], [], "SY", "Other"),
])
def test_export_source_scale(outlets: list[str], agencies: list[str], country: str, scale: str) -> None:
    from rasd.export.fields import source_scale, sources

    assert source_scale(sources(outlets, agencies), country) == scale
