"""The article store: migrations, idempotent ingest, interrupted ingest, search, filters, exports, WARC."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.cli import main
from rasd.errors import StoreError
from rasd.store.db import open_store
from rasd.store.ingest import ingest, ingest_paths
from rasd.store.schema import SCHEMA_VERSION
from rasd.store.search import Filters, parse_query, search, select_ids
from tests.store_helpers import ARTICLES, STORE_DATA, build_db

SEED = ARTICLES / "al-araby-kazakhstan-consulate.txt"
FILLER = "في كلمة أمام المؤتمر الصحفي في العاصمة إن الحكومة ستواصل الإصلاحات الاقتصادية هذا العام"
SPELLINGS = ["مُحَمَّد", "محمّد", "ومحمد"]
DAYS = ["الأحد", "الاثنين", "الثلاثاء"]  # the texts must differ once normalized, or they are duplicates


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("store") / "rasd.db")


@pytest.fixture(scope="module")
def names_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three articles spelling the name three ways, one that does not name him."""
    root = tmp_path_factory.mktemp("names")
    lines = [
        {
            "url": f"https://example.org/{i}",
            "published": f"2024-03-0{i + 1}",
            "text": f"قال {name} {FILLER} {day}.",
        }
        for i, (name, day) in enumerate(zip(SPELLINGS, DAYS, strict=True))
    ]
    lines.append(
        {"url": "https://example.org/other", "published": "2024-03-09", "text": f"قال حمدان {FILLER}."}
    )
    path = root / "names.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    ingest_paths([str(path)], str(root / "names.db"))
    return root / "names.db"


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_store_schema_migrations_recorded(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [r[0] for r in conn.execute("SELECT version FROM migrations")] == list(
            range(1, SCHEMA_VERSION + 1)
        )


def test_store_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError):
        open_store(str(path))


def test_store_readonly_refuses_writes_and_missing_file(db: Path, tmp_path: Path) -> None:
    with open_store(str(db), readonly=True) as store, pytest.raises(sqlite3.OperationalError):
        store.conn.execute("DELETE FROM articles")
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "missing.db"), readonly=True)


def test_store_ingest_counts_and_duplicate(db: Path) -> None:
    # ten inputs: the seed and nine ANT files, one of them France24's article filed twice
    assert _count(db, "articles") == 9
    assert _count(db, "search_docs") == 9
    with open_store(str(db), readonly=True) as store:
        runs = store.conn.execute("SELECT summary FROM ingest_runs").fetchall()
    summary = json.loads(runs[-1][0])
    assert (summary["read"], summary["stored"], summary["duplicates"]) == (10, 9, 1)


def test_store_ingest_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "again.db"
    first = ingest_paths([str(ARTICLES)], str(path))
    spans = _count(path, "spans")
    second = ingest_paths([str(ARTICLES)], str(path))
    assert first.stored == 9 and second.stored == 0 and second.already_stored == 10
    assert _count(path, "articles") == 9 and _count(path, "spans") == spans


def test_store_same_text_other_url_is_duplicate(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    jsonl = tmp_path / "copies.jsonl"
    jsonl.write_text(
        "\n".join(
            json.dumps({"url": f"https://mirror{i}.example/a", "text": text + " " * i}, ensure_ascii=False)
            for i in range(3)
        ),
        encoding="utf-8",
    )
    summary = ingest_paths([str(jsonl)], str(tmp_path / "d.db"))
    assert (summary.stored, summary.duplicates) == (1, 2)


def test_store_doc_round_trips_analyze_json(db: Path) -> None:
    from rasd.api import analyze
    from rasd.serialize import article_to_dict

    expected = article_to_dict(analyze(SEED), include_tokens=False)
    with open_store(str(db), readonly=True) as store:
        (article_id,) = store.conn.execute(
            "SELECT id FROM articles WHERE source LIKE '%kazakhstan%'"
        ).fetchone()
        stored = store.article(article_id)
        spans = store.spans(article_id, ["sources"])
    assert stored is not None
    expected = json.loads(json.dumps(expected, ensure_ascii=False))  # tuples become lists, as stored
    for key in expected:
        assert stored["doc"][key] == expected[key], key
    assert stored["doc"] == expected
    assert [s["text"] for s in spans] == [s["text"] for s in expected["sources"]]


def test_store_interrupted_ingest_is_consistent_and_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasd.store import db as dbmod

    path = tmp_path / "crash.db"
    real_insert = dbmod.Store.insert
    calls = {"n": 0}

    def crashing_insert(self: dbmod.Store, conn: sqlite3.Connection, row: dbmod.ArticleRow, now: str) -> int:
        calls["n"] += 1
        if calls["n"] == 6:  # in the third batch of two
            raise KeyboardInterrupt
        return real_insert(self, conn, row, now)

    monkeypatch.setattr(dbmod.Store, "insert", crashing_insert)
    with open_store(str(path)) as store, pytest.raises(KeyboardInterrupt):
        ingest(store, [str(ARTICLES)], batch_size=2)
    # two whole batches landed, the third rolled back; every table agrees
    assert _count(path, "articles") == 4
    assert _count(path, "search_docs") == 4 and _count(path, "minhashes") == 4
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(DISTINCT article_id) FROM spans").fetchone()[0] == 4
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    monkeypatch.setattr(dbmod.Store, "insert", real_insert)
    summary = ingest_paths([str(ARTICLES)], str(path))
    assert _count(path, "articles") == 9 and summary.stored == 5


@pytest.mark.parametrize("query", ["محمد", "مُحَمَّد", "محمّد"])
def test_search_finds_every_spelling(names_db: Path, query: str) -> None:
    with open_store(str(names_db), readonly=True) as store:
        hits = search(store.conn, query)
    assert len(hits) == 3
    found = sorted(h.snippet[s:e] for h in hits for s, e in h.highlights)
    assert found == sorted(SPELLINGS)


def test_search_does_not_match_inside_words(names_db: Path) -> None:
    with open_store(str(names_db), readonly=True) as store:
        assert search(store.conn, "حمد") == []
        assert len(search(store.conn, "حمد*")) == 1  # prefix: حمدان


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"الحكومة ستواصل"', 4),
        ("محمد -حمدان", 3),
        ("حمدان OR محمد", 4),
        ("حكومة", 4),
        ("والحكومة", 0),
        ("", 4),
        ('"ستواصل الحكومة"', 0),
    ],
)
def test_search_query_syntax(names_db: Path, query: str, expected: int) -> None:
    with open_store(str(names_db), readonly=True) as store:
        assert len(select_ids(store.conn, query, limit=None)) == expected


def test_search_parse_query_normalizes() -> None:
    groups = parse_query('مُحَمَّد OR "قطاع غزّة" -إيران حكوم*')
    assert [[t.words for t in g] for g in groups] == [[["محمد"], ["قطاع", "غزه"]], [["ايران"]], [["حكوم"]]]
    assert groups[1][0].negated and groups[2][0].prefix


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(outlet="skynewsarabia.com"), 2),
        (Filters(outlet="bbc"), 2),
        (Filters(date_from="2018-02-21", date_to="2018-02-22"), 4),
        (Filters(date_from="2024-01-01"), 1),
        (Filters(entity="Nobody Known"), 0),
        (Filters(event_type="NoSuchType"), 0),
        (Filters(place="no such place"), 0),
    ],
)
def test_search_filters(db: Path, filters: Filters, expected: int) -> None:
    with open_store(str(db), readonly=True) as store:
        assert len(select_ids(store.conn, "", filters, limit=None)) == expected


def test_search_filters_on_layer_spans(tmp_path: Path) -> None:
    """Entity, place and event-type filters read the spans table, whichever component wrote it."""
    path = build_db(tmp_path / "layers.db")
    with sqlite3.connect(path) as conn:
        (article_id,) = conn.execute("SELECT id FROM articles WHERE outlet = 'france24.com'").fetchone()
        conn.executemany(
            'INSERT INTO spans (article_id, layer, label, start, "end", norm, attrs) VALUES (?,?,?,?,?,?,?)',
            [
                (
                    article_id,
                    "entities",
                    "PERS",
                    0,
                    5,
                    "زيد عمرو",
                    json.dumps({"name_en": "Zayd Amr", "kb_id": "q:1"}),
                ),
                (
                    article_id,
                    "events",
                    "Test events",
                    0,
                    5,
                    "",
                    json.dumps({"location": {"name": "Atlantis"}}),
                ),
            ],
        )
    with open_store(str(path), readonly=True) as store:
        for filters in (
            Filters(entity="زَيد عمرو"),
            Filters(entity="zayd amr"),
            Filters(entity="q:1"),
            Filters(event_type="test events"),
            Filters(place="Atlantis"),
        ):
            assert [i for i, _ in select_ids(store.conn, "", filters)] == [article_id], filters


def test_search_highlights_land_on_words(db: Path) -> None:
    with open_store(str(db), readonly=True) as store:
        hits = search(store.conn, "طائرة")
    assert len(hits) >= 4
    for hit in hits:
        assert hit.highlights
        for s, e in hit.highlights:
            assert "طائر" in hit.snippet[s:e]


def test_stories_group_reports_across_outlets(db: Path) -> None:
    with open_store(str(db), readonly=True) as store:
        rows = store.conn.execute("SELECT outlet, story_id, headline FROM articles").fetchall()
    crash = {story for outlet, story, headline in rows if "طائرة" in headline and outlet != "bbc.co.uk"}
    montenegro = {story for _, story, headline in rows if "السفارة الأميركية" in headline}
    assert len(crash) == 1 and len(montenegro) == 1 and crash != montenegro


def test_stories_gold_file_is_well_formed() -> None:
    gold = json.loads((STORE_DATA / "stories_gold.json").read_text(encoding="utf-8"))
    assert len(gold["pairs"]) >= 100
    assert all({"a", "b", "same"} <= p.keys() and p["a"] != p["b"] for p in gold["pairs"])
    assert {p["same"] for p in gold["pairs"]} == {True, False}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"x.{fmt}"
    assert main(["export", "--db", str(db), "--format", fmt, "-o", str(out), "--outlet", "bbc"]) == 0
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == 2 and all(r["article"]["blocks"] for r in rows)
    elif fmt == "csv":
        with out.open(encoding="utf-8") as f:
            assert len(list(csv.DictReader(f))) == 2
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.num_rows == 2 and "doc" in table.column_names


def test_cli_ingest_and_search(tmp_path: Path) -> None:
    import io

    path = tmp_path / "cli.db"
    out = io.StringIO()
    assert main(["ingest", str(SEED), "--db", str(path), "--quiet", "--format", "json"], out) == 0
    assert json.loads(out.getvalue())["stored"] == 1
    out = io.StringIO()
    assert main(["search", "قنصلية", "--db", str(path), "--format", "json"], out) == 0
    hit = json.loads(out.getvalue().splitlines()[0])
    assert "القنصلية" in hit["snippet"]
    assert main(["search", "غزة", "--db", str(path)], io.StringIO()) == 1
    assert main(["search", "غزة", "--db", str(tmp_path / "none.db")], io.StringIO()) == 2


def test_warc_ingest(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (Path(__file__).parent / "data" / "pages" / "html__arabic_article.html").read_bytes()
    warc = tmp_path / "crawl.warc.gz"
    with warc.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, status, ctype, body in (
            ("https://arabic.cnn.com/a", "200 OK", "text/html; charset=utf-8", page),
            ("https://arabic.cnn.com/logo.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://arabic.cnn.com/gone", "404 Not Found", "text/html", b"no"),
        ):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2013-09-22T10:00:00Z"},
            )
            writer.write_record(record)
    summary = ingest_paths([str(warc)], str(tmp_path / "w.db"))
    assert summary.stored == 1 and summary.read == 1
    with open_store(str(tmp_path / "w.db"), readonly=True) as store:
        url, published = store.conn.execute("SELECT url, published FROM articles").fetchone()
    assert url == "https://arabic.cnn.com/a" and published.startswith("2013-09-22")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from('محمد غزة"*-() OR:^{}ُ َ'), max_size=30))
def test_search_any_query_is_safe(names_db: Path, query: str) -> None:
    with open_store(str(names_db), readonly=True) as store:
        assert len(select_ids(store.conn, query, limit=None)) <= 4


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_warc_reader_never_raises_on_garbage(data: bytes) -> None:
    import tempfile

    from rasd.errors import Rejection
    from rasd.intake.inputs import RawInput
    from rasd.intake.warc import iter_warc

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.warc"
        path.write_bytes(b"WARC/1.0\r\n" + data)
        assert all(isinstance(item, RawInput | Rejection) for item in iter_warc(path, 10_000))
