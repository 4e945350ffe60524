"""Events in the store (#14): reports, fusion across articles, stable ids, copies, changes, migration."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from rasd.cli import main
from rasd.errors import StoreError
from rasd.store.db import open_store
from rasd.store.ingest import ingest_paths
from tests.store_helpers import ARTICLES, FIXTURE_SETTINGS

SEED = ARTICLES / "al-araby-kazakhstan-consulate.txt"
FILES = sorted(str(p) for p in ARTICLES.rglob("*.txt"))


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return [tuple(r) for r in conn.execute(sql)]


def _ids(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    events = _rows(db, "SELECT id, event_id_cnty, reports, sources, fatalities_best FROM events ORDER BY id")
    links = _rows(db, "SELECT key, coalesce(copy_id, 0), event_id FROM event_reports ORDER BY key, 2")
    return events, links


@pytest.fixture(scope="module")
def forward(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("forward") / "f.db"
    ingest_paths(FILES, str(db), settings=FIXTURE_SETTINGS)
    return db


def test_store_events_every_record_is_a_report_of_one_event(forward: Path) -> None:
    spans = _rows(forward, "SELECT count(*) FROM spans WHERE layer = 'events'")[0][0]
    reports = _rows(forward, "SELECT count(*), count(event_id) FROM event_reports WHERE copy_id IS NULL")[0]
    assert spans > 0 and reports == (spans, spans)
    orphans = _rows(forward, "SELECT count(*) FROM events e WHERE NOT EXISTS "
                             "(SELECT 1 FROM event_reports r WHERE r.event_id = e.id)")[0][0]
    assert orphans == 0
    counted = _rows(forward, "SELECT e.reports, (SELECT count(*) FROM event_reports r "
                             "WHERE r.event_id = e.id) FROM events e")
    assert all(a == b for a, b in counted)


def test_store_events_fuse_the_montenegro_embassy_attack_across_outlets(forward: Path) -> None:
    # Al Arabiya and Sky News Arabia both report the attack on the US embassy in Podgorica
    fused = _rows(forward, "SELECT outlets, reports, sources, country FROM events WHERE reports > 1")
    assert fused, "no event with two reports"
    for outlets, reports, sources, country in fused:
        assert json.loads(str(outlets)) == ["alarabiya.net", "skynewsarabia.com"]
        assert reports == 2 and sources == 2 and country == "ME"


def test_store_events_ids_do_not_depend_on_order_or_reingest(forward: Path, tmp_path: Path) -> None:
    reverse = tmp_path / "r.db"
    ingest_paths(list(reversed(FILES)), str(reverse), settings=FIXTURE_SETTINGS)
    assert _ids(reverse) == _ids(forward)
    one_by_one = tmp_path / "o.db"
    for path in reversed(FILES):
        ingest_paths([path], str(one_by_one), settings=FIXTURE_SETTINGS)
    assert _ids(one_by_one) == _ids(forward)
    before = _ids(reverse)
    again = ingest_paths(FILES, str(reverse), settings=FIXTURE_SETTINGS)
    assert again.stored == 0 and _ids(reverse) == before
    assert _rows(reverse, "SELECT count(*) FROM event_changes")[0][0] == 0


def test_store_events_syndicated_copy_gives_each_event_two_reports(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    jsonl = tmp_path / "copies.jsonl"
    jsonl.write_text("\n".join(json.dumps({"url": f"https://outlet{i}.example/kz", "text": text},
                                          ensure_ascii=False) for i in range(2)), encoding="utf-8")
    summary = ingest_paths([str(jsonl)], str(tmp_path / "c.db"), settings=FIXTURE_SETTINGS)
    assert (summary.stored, summary.duplicates, summary.copies) == (1, 1, 1)
    events = _rows(tmp_path / "c.db", "SELECT reports, sources, outlets FROM events")
    assert events and all(r == 2 and s == 1 for r, s, _ in events)  # one wire text: one source
    assert all(json.loads(str(o)) == ["outlet0.example", "outlet1.example"] for *_, o in events)
    single = tmp_path / "single.db"
    ingest_paths([str(SEED)], str(single))
    assert len(events) == len(_rows(single, "SELECT id FROM events"))
    # the same copy again is already stored, and the other order gives the same ids
    assert ingest_paths([str(jsonl)], str(tmp_path / "c.db"), settings=FIXTURE_SETTINGS).already_stored == 2
    flipped = tmp_path / "flipped.jsonl"
    flipped.write_text("\n".join(reversed(jsonl.read_text(encoding="utf-8").splitlines())), encoding="utf-8")
    ingest_paths([str(flipped)], str(tmp_path / "f.db"))
    assert _ids(tmp_path / "f.db")[0] == _ids(tmp_path / "c.db")[0]


def test_store_events_acled_country_id(forward: Path) -> None:
    for eid, cnty, country in _rows(forward, "SELECT id, event_id_cnty, country FROM events"):
        assert str(eid).startswith("ev-") and len(str(eid)) == 19
        prefix = str(cnty)[:3]
        assert str(cnty)[3:].isdigit()
        assert (prefix == "XXX") == (country is None)
    assert ("MNE",) in _rows(forward, "SELECT substr(event_id_cnty, 1, 3) FROM events")


def test_store_events_changes_lead_from_old_ids_to_live_ones(tmp_path: Path) -> None:
    # ingested one file at a time, the Montenegro attack first gets the id of the report that
    # arrived first, then the id of the one published first: the change is recorded
    db = tmp_path / "one.db"
    for path in FILES:
        ingest_paths([path], str(db), settings=FIXTURE_SETTINGS)
    changes = _rows(db, "SELECT kind, old_id, new_id FROM event_changes ORDER BY id")
    assert changes and {k for k, *_ in changes} <= {"merged", "split", "renamed"}
    live = {r[0] for r in _rows(db, "SELECT id FROM events")}
    forward = {str(o): str(n) for _, o, n in changes}
    for _, old, _ in changes:
        seen, eid = set(), str(old)
        while eid not in live:
            assert eid not in seen and eid in forward, f"{old} leads nowhere"
            seen.add(eid)
            eid = forward[eid]
    assert {r[0] for r in _rows(tmp_path / "one.db", "SELECT id FROM events")} == {
        r[0] for r in _rows(tmp_path / "one.db", "SELECT DISTINCT event_id FROM event_reports")}


def test_store_events_old_store_migrates_and_keeps_its_data(forward: Path, tmp_path: Path) -> None:
    """A store written by schema 1 (no events tables) migrates, keeps every row, and its events
    are rebuilt from its events spans with the same ids."""
    from rasd.store.schema import MIGRATIONS, SCHEMA_VERSION

    old = tmp_path / "v1.db"
    conn = sqlite3.connect(old, isolation_level=None)
    conn.executescript(f"BEGIN;{MIGRATIONS[0][2]};CREATE TABLE migrations (version INTEGER PRIMARY KEY, "
                       "description TEXT NOT NULL, applied TEXT NOT NULL);"
                       "INSERT INTO migrations VALUES (1, 'v1', '2026-01-01'); PRAGMA user_version = 1; "
                       "COMMIT;")
    conn.execute("ATTACH DATABASE ? AS src", (str(forward),))
    article_cols = ("id, url, text_hash, raw_hash, source, outlet, published, date, headline, clean_text, "
                    "text, doc, story_id, ingested_at")
    for table, cols in (("articles", article_cols), ("spans", "*"), ("search_docs", "*"),
                        ("minhashes", "article_id, sig"), ("stories", "*")):
        conn.execute(f"INSERT INTO {table} SELECT {cols} FROM src.{table}")
    conn.execute("DETACH DATABASE src")
    conn.close()
    counts = {t: _rows(old, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "spans", "stories")}
    with pytest.raises(StoreError):
        open_store(str(old), readonly=True)
    assert main(["ingest", "--db", str(old), "--quiet"]) == 0
    assert {t: _rows(old, f"SELECT count(*) FROM {t}")[0][0] for t in counts} == counts
    assert _rows(old, "SELECT max(version) FROM migrations")[0][0] == SCHEMA_VERSION  # 3 since #16
    assert _ids(old)[0] == _ids(forward)[0]
    assert main(["ingest", "--db", str(old), "--quiet"]) == 0  # indexed once: nothing new
    assert _ids(old)[0] == _ids(forward)[0]


def test_store_events_incremental_fusion_equals_a_rebuild(tmp_path: Path) -> None:
    """Ingested one file at a time (each a batch), the events are those of fusing every report
    at once."""
    from rasd.store.events import rebuild

    db = tmp_path / "inc.db"
    for path in reversed(FILES):
        ingest_paths([path], str(db), settings=FIXTURE_SETTINGS)
    query = "SELECT key, coalesce(copy_id, 0), event_id, cluster FROM event_reports ORDER BY 1, 2"
    incremental = _rows(db, query)
    events = _rows(db, "SELECT * FROM events ORDER BY id")
    with open_store(str(db)) as store, store.transaction() as conn:
        rebuild(conn, "2026-01-01T00:00:00+00:00")
    assert _rows(db, query) == incremental
    assert [r[:-1] for r in _rows(db, "SELECT * FROM events ORDER BY id")] == [r[:-1] for r in events]
