"""Exports of fused events and reports from the store (#14): ACLED CSV, PLOVER, Parquet read by
duckdb with typed columns, GeoJSON valid under RFC 7946 and read by geopandas; event filters."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from rasd.cli import main
from rasd.export.events import ACLED_COLUMNS, RASD_COLUMNS
from rasd.store.event_query import EventFilters, select_events
from tests.store_helpers import build_db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("evx") / "rasd.db")


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def _export(db: Path, out: Path, what: str, fmt: str, *extra: str) -> Path:
    assert main(["export", "--db", str(db), "--what", what, "--format", fmt, "-o", str(out), *extra]) == 0
    return out


def test_export_events_parquet_has_typed_columns(db: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = _export(db, tmp_path / "events.parquet", "events", "parquet")
    con = duckdb.connect()
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{path}')")
                 .fetchall())
    assert types["event_day"] == "DATE" and types["first_published"] == "DATE"
    assert types["fatalities_best"] == "BIGINT" and types["reports"] == "BIGINT"
    assert types["latitude"] == "DOUBLE" and types["geo_precision"] == "BIGINT"
    assert types["outlets"] == "VARCHAR[]"
    assert types["actors"].startswith("STRUCT(") and types["actors"].endswith(")[]")
    rows = con.execute(f"SELECT id, reports, fatalities_best, event_day FROM '{path}' ORDER BY id").fetchall()
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT id, reports, fatalities_best, event_date FROM events ORDER BY id")\
            .fetchall()
    assert [r[:3] for r in rows] == [tuple(r[:3]) for r in stored]
    assert all(day is None or day.isoformat() == s[3] for (*_, day), s in zip(rows, stored, strict=True))
    names = con.execute(f"SELECT unnest(actors).name FROM '{path}'").fetchall()
    assert names and all(isinstance(n, str) for (n,) in names)


def test_export_reports_parquet_one_row_per_report(db: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = _export(db, tmp_path / "reports.parquet", "reports", "parquet")
    n, keys = duckdb.connect().execute(f"SELECT count(*), count(DISTINCT key) FROM '{path}'").fetchone()
    assert n == _count(db, "SELECT count(*) FROM event_reports") and keys <= n


def _check_rfc7946(doc: dict[str, object]) -> None:
    """The parts of RFC 7946 an exporter can get wrong: the collection's shape, no ``crs``,
    Point coordinates as [longitude, latitude] within range, or a null geometry."""
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    for feature in doc["features"]:  # type: ignore[attr-defined]
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lat, lon) == (feature["properties"]["latitude"], feature["properties"]["longitude"])


def test_export_events_geojson_is_valid_and_loads_in_geopandas(db: Path, tmp_path: Path) -> None:
    geojson = pytest.importorskip("geojson")
    geopandas = pytest.importorskip("geopandas")
    path = _export(db, tmp_path / "events.geojson", "events", "geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    _check_rfc7946(doc)
    assert geojson.loads(path.read_text(encoding="utf-8")).is_valid
    frame = geopandas.read_file(path)
    assert len(frame) == _count(db, "SELECT count(*) FROM events")
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    located = _count(db, "SELECT count(*) FROM events WHERE latitude IS NOT NULL")
    assert located > 0 and int(frame.geometry.notna().sum()) == located
    assert {"geo_precision", "event_id_cnty", "sources"} <= set(frame.columns)


def test_export_events_acled_csv(db: Path, tmp_path: Path) -> None:
    path = _export(db, tmp_path / "events.csv", "events", "acled-csv")
    with path.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        # ACLED's columns first, in ACLED's order, then rasd's: the same header as rasd analyze's
        assert reader.fieldnames == [*ACLED_COLUMNS, *RASD_COLUMNS]
        assert reader.fieldnames[0] == "event_id_cnty"
    assert len(rows) == _count(db, "SELECT count(*) FROM events")
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    assert all(r["fatalities"].isdigit() for r in rows)
    assert all(r["source"] and r["source_scale"] for r in rows)
    fused = [r for r in rows if int(r["reports"]) > 1]
    assert fused and all("Al Arabiya" in r["source"] and "Sky News Arabia" in r["source"] for r in fused)
    # every row names a sentence to read: its founding report's evidence, report key and article
    assert all(json.loads(r["evidence"]).get("event_type") and r["rasd_report"] and r["article"]
               for r in rows)
    with sqlite3.connect(db) as conn:
        keys = {k for (k,) in conn.execute("SELECT key FROM event_reports")}
    assert all(r["rasd_report"] in keys for r in rows)


def test_export_events_plover_cites_every_report(db: Path, tmp_path: Path) -> None:
    path = _export(db, tmp_path / "events.jsonl", "events", "plover-jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["event"] and r["cite_info"]["report"] and r["actor"] for r in records)
    assert len({r["id"] for r in records}) == len(records)
    assert max(len(r["citations"]) for r in records) == 2


@pytest.mark.parametrize(("flt", "sql"), [
    (EventFilters(country="ME"), "country = 'ME'"),
    (EventFilters(country="MNE"), "country = 'ME'"),
    (EventFilters(country="Kazakhstan"), "country = 'KZ'"),
    (EventFilters(event_type="violence"), "family = 'violence'"),
    (EventFilters(event_type="Arrests"), "sub_event_type = 'Arrests'"),
    # by default only events reported as happening reach the store (#11: the rest are candidates)
    (EventFilters(realis="actual"), "realis = 'actual'"),
    (EventFilters(date_from="2018-02-21", date_to="2018-02-21"), "event_date = '2018-02-21'"),
    (EventFilters(actor="Kazakhstan"), "actors LIKE '%Kazakhstan%'"),
    (EventFilters(min_confidence=0.5), "confidence IS NULL OR confidence >= 0.5"),
])
def test_event_filters(db: Path, flt: EventFilters, sql: str) -> None:
    with sqlite3.connect(db) as conn:
        expected = {r[0] for r in conn.execute(f"SELECT id FROM events WHERE {sql}")}
        got = {r["id"] for r in select_events(conn, flt)}
    assert expected and got == expected


def test_export_query_keeps_events_of_matching_articles(db: Path, tmp_path: Path) -> None:
    path = _export(db, tmp_path / "kz.jsonl", "events", "jsonl", "--query", "ألماتي")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with sqlite3.connect(db) as conn:
        expected = {r[0] for r in conn.execute(
            "SELECT DISTINCT r.event_id FROM event_reports r JOIN articles a ON a.id = r.article_id "
            "WHERE a.source LIKE '%kazakhstan%'")}
    assert rows and {r["id"] for r in rows} == expected
    assert all(isinstance(r["reports"], list) and r["reports"] for r in rows)


@pytest.mark.parametrize("what", ["articles", "events"])
def test_export_into_a_missing_folder_is_an_error(db: Path, tmp_path: Path, what: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no-such-folder" / "out.csv"
    assert main(["export", "--db", str(db), "--what", what, "--format", "csv", "-o", str(out)]) == 2
    assert not out.parent.exists()
    assert "does not exist" in capsys.readouterr().err
