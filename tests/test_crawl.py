"""Crawl scale: WARC reading (truncated files and records), the gate, rasd crawl's tables,
markers and reruns, duplicates, and the Spark engine against the local one."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from rasd.crawl.gate import arabic_bytes, gate_body, host_excluded
from rasd.crawl.options import CrawlOptions
from rasd.crawl.process import canonical_url, process_warc, warc_id
from rasd.crawl.run import crawl, read_manifest
from rasd.crawl.tables import TABLES
from rasd.errors import Rejection
from rasd.intake.inputs import RawInput
from rasd.intake.warc import READERS, WarcError, iter_warc, read_records
from tests.crawl_helpers import ANT, ENGLISH, ant_page, crawl_records, write_warc


def rows(out: Path, table: str) -> list[dict[str, object]]:
    files = sorted((out / table).glob("*.parquet"))
    return pa.concat_tables([pq.read_table(f) for f in files]).to_pylist() if files else []


@pytest.fixture(scope="module")
def warcs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two WARC files of real ANT pages and non-articles (sharing one page), and a manifest."""
    folder = tmp_path_factory.mktemp("warcs")
    write_warc(folder / "a.warc.gz", crawl_records(0, 5))
    write_warc(folder / "b.warc", crawl_records(4, 9))
    (folder / "manifest.txt").write_text("# two files\na.warc.gz\n\nb.warc\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_out(warcs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("crawl") / "out"
    summary = crawl([str(warcs / "manifest.txt")], out, engine="local", workers=1)
    assert summary.done == 2 and not summary.failed
    return out


# -- WARC reading (issue 16: truncated files and records) ----------------------------------
@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("size", [32, 200, 1000])
@pytest.mark.parametrize("name", ["x.warc", "x.warc.gz"])
def test_warc_truncated_file_is_a_rejection_not_an_exception(
        warcs: Path, tmp_path: Path, reader: str, size: int, name: str) -> None:
    whole = warcs / ("a.warc.gz" if name.endswith(".gz") else "b.warc")
    cut = tmp_path / name
    cut.write_bytes(whole.read_bytes()[:size])
    results = list(iter_warc(cut, 10_000_000, reader))
    assert results, "a truncated WARC must be reported, not read as empty"
    for r in results:  # a malformed file, or a record cut short and flagged so
        assert (isinstance(r, Rejection) and r.reason == "malformed") or (
            isinstance(r, RawInput) and [code for code, _ in r.flags] == ["truncated_record"])


@pytest.mark.parametrize("reader", READERS)
def test_warc_record_cut_short_is_flagged_and_earlier_records_kept(warcs: Path, tmp_path: Path,
                                                                    reader: str) -> None:
    from rasd.intake.document import build_article
    from rasd.settings import Settings

    data = (warcs / "b.warc").read_bytes()
    first_page = data.index(b"<!DOCTYPE html>")
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[:first_page + 1500])  # inside the first page's body (2.7 KB)
    items = list(iter_warc(cut, 10_000_000, reader))
    assert len(items) == 1 and isinstance(items[0], RawInput)
    assert [code for code, _ in items[0].flags] == ["truncated_record"]
    article = build_article(items[0], Settings())
    assert "truncated_record" in [f.code for f in article.flags]
    whole = [r for r in iter_warc(warcs / "b.warc", 10_000_000, reader) if isinstance(r, RawInput)]
    assert all(not r.flags for r in whole)


def test_warc_readers_read_the_same_records(warcs: Path, tmp_path: Path) -> None:
    url, _, page = ant_page(ANT[0])
    encoded = write_warc(tmp_path / "enc.warc.gz", [(url, "200 OK", "text/html", page)])
    # the same page sent gzip-compressed (Content-Encoding), as servers do
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with encoded.open("ab") as f:
        writer = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url + "?z", "response", payload=io.BytesIO(
            gzip.compress(page)), http_headers=headers))
    for path in (warcs / "a.warc.gz", warcs / "b.warc", encoded):
        seen = {}
        for reader in READERS:
            with path.open("rb") as stream:
                seen[reader] = [(r.index, r.rec_type, r.url, r.status, r.content_type,
                                 r.payload(10_000_000).data if r.rec_type == "response" else None)
                                for r in read_records(stream, reader) if not isinstance(r, WarcError)]
        assert seen["warcio"] == seen["fastwarc"] and seen["warcio"]
    assert seen["warcio"][-1][-1] == page


# -- the gate --------------------------------------------------------------------------------
def test_gate_arabic_bytes_and_declared_single_byte_charsets() -> None:
    options = CrawlOptions()
    _, _, page = ant_page(ANT[0])
    assert arabic_bytes(page) > 500 and gate_body(page, "text/html", options) is None
    assert gate_body(ENGLISH, "text/html", options) == "no_arabic_bytes"
    cp1256 = page.decode("utf-8").replace("charset='utf-8'", "").encode("cp1256", "replace")
    strict = CrawlOptions(gate_min_arabic_bytes=10_000)  # more than this page's count
    assert arabic_bytes(cp1256) < 10_000
    assert gate_body(cp1256, "text/html", strict) == "no_arabic_bytes"
    assert gate_body(cp1256, "text/html; charset=windows-1256", strict) is None
    declared = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6">' + cp1256
    assert gate_body(declared, "text/html", strict) is None


@pytest.mark.parametrize(("url", "excluded"), [
    ("https://www.nytimes.com/2024/world.html", True), ("https://cn.nytimes.com/a", True),
    ("https://arabic.cnn.com/a", False), ("https://ara.reuters.com/a", False),
    ("https://notnytimes.com/a", False), (None, False), ("http://[broken/a", False),
])
def test_gate_hosts(url: str | None, excluded: bool) -> None:
    assert host_excluded(url, CrawlOptions()) is excluded
    assert host_excluded("https://x.example.net/a", CrawlOptions(exclude_hosts=("example.net",)))


# -- rasd crawl ----------------------------------------------------------------------------
def test_crawl_writes_four_typed_tables_and_markers(local_out: Path) -> None:
    for table in TABLES:
        assert len(list((local_out / table).glob("*.parquet"))) == 2
    markers = sorted((local_out / "_markers").glob("*.json"))
    assert len(markers) == 2
    marker = json.loads(markers[0].read_text())
    assert marker["status"] == "done" and marker["rasd"] and len(marker["settings_hash"]) == 16
    articles = rows(local_out, "articles")
    assert len(articles) == sum(json.loads(m.read_text())["analysed"] for m in markers) == 9
    assert {a["url"] for a in articles} >= {ant_page(p)[0] for p in ANT[:4]}
    schema = pq.read_schema(next((local_out / "events").glob("*.parquet")))
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("fatalities_best").type == pa.int32()
    events = rows(local_out, "events")
    assert events and all(isinstance(e["fatalities_best"], int | None) for e in events)
    assert any(isinstance(e["event_date"], dt.date) for e in events)
    reports = rows(local_out, "reports")
    assert {r["event_id"] for r in reports} == {e["event_id"] for e in events}
    by_id = {a["article_id"]: a for a in articles}
    for r in reports:
        assert by_id[r["article_id"]]["text"][r["sentence_start"]:r["sentence_end"]] == r["evidence"]
    doc = json.loads(articles[0]["doc"])
    assert set(articles[0]["layers"]) <= set(doc) and "tokens" not in doc


def test_crawl_gate_and_rejections_counted(local_out: Path) -> None:
    markers = [json.loads(m.read_text()) for m in (local_out / "_markers").glob("*.json")]
    gated = {k: sum(m["gated"].get(k, 0) for m in markers) for k in
             ("not_response", "http_status", "mime_type", "host_excluded", "no_arabic_bytes")}
    assert gated == {"not_response": 20, "http_status": 2, "mime_type": 2, "host_excluded": 2,
                     "no_arabic_bytes": 2}
    reasons = sorted(r["reason"] for r in rows(local_out, "rejections"))
    assert reasons.count("not_arabic") == 2  # the Persian page passes the byte gate, not the language check
    assert "duplicate" in reasons  # France24 filed the same URL twice


def test_crawl_rerun_does_nothing_and_a_deleted_marker_redoes_one_warc(warcs: Path, local_out: Path,
                                                                        tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(local_out, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = crawl([str(warcs / "manifest.txt")], out)
    assert (again.done, again.skipped, again.records) == (0, 2, 0) and not again.second_stage
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before
    marker = out / "_markers" / f"{warc_id(str(warcs / 'b.warc'))}.json"
    marker.unlink()
    redo = crawl([str(warcs / "manifest.txt")], out)
    assert (redo.done, redo.skipped) == (1, 1) and marker.is_file()
    changed = {p for p in before if p.stat().st_mtime_ns != before[p]}
    assert {p.parent.name for p in changed if p.stem.startswith("b-")} == set(TABLES)
    assert not any(p.stem.startswith("a-") for p in changed)
    assert rows(out, "articles") == rows(local_out, "articles")


def test_crawl_truncated_warc_is_reported_and_others_complete(warcs: Path, tmp_path: Path) -> None:
    (tmp_path / "tiny.warc").write_bytes((warcs / "b.warc").read_bytes()[:32])
    (tmp_path / "half.warc.gz").write_bytes((warcs / "a.warc.gz").read_bytes()[:6000])
    manifest = tmp_path / "m.txt"
    manifest.write_text(f"{tmp_path / 'tiny.warc'}\n{tmp_path / 'missing.warc'}\n{warcs / 'a.warc.gz'}\n"
                        f"{tmp_path / 'half.warc.gz'}\n")
    summary = crawl([str(manifest)], tmp_path / "out")
    assert summary.done == 3 and len(summary.failed) == 1 and "missing.warc" in summary.failed[0]
    assert any("tiny.warc" in b for b in summary.broken) and any("half.warc.gz" in b for b in summary.broken)
    rejected = [r for r in rows(tmp_path / "out", "rejections") if r["stage"] == "read"]
    assert any(r["warc"].endswith("tiny.warc") and r["reason"] == "malformed" for r in rejected)
    assert summary.analysed >= 4
    assert "failed 1" in summary.render()


def test_crawl_duplicates_across_warcs_and_near_duplicates(tmp_path: Path) -> None:
    url, _, page = ant_page(ANT[1])
    text = page.decode("utf-8")
    near = text.replace("</article>", "<p>وأضاف المتحدث أن التحقيق ما زال جاريا.</p></article>")
    write_warc(tmp_path / "one.warc.gz", [(url, "200 OK", "text/html", page)])
    write_warc(tmp_path / "two.warc.gz", [
        (url + "?utm_source=feed", "200 OK", "text/html", page),
        ("https://mirror.example.org/copy", "200 OK", "text/html", page),
        ("https://other.example.org/rewrite", "200 OK", "text/html", near.encode("utf-8"))])
    summary = crawl([str(tmp_path)], tmp_path / "out")
    assert summary.rejected["duplicate"] == 1  # the mirror: same text as the record before it
    kinds = {(d["article_id"].split("-")[0], d["kind"]) for d in rows(tmp_path / "out", "duplicates")}
    assert kinds == {("two", "url"), ("two", "near")}  # the tracking-parameter URL; the rewrite
    assert summary.second_stage["exact duplicates"] == 1 and summary.second_stage["near-duplicates"] == 1
    stories = rows(tmp_path / "out", "stories")
    assert sorted(s["size"] for s in stories) == [2, 2]  # the original and its rewrite
    assert canonical_url(url + "?utm_source=feed") == canonical_url(url)


def test_crawl_process_warc_never_raises_on_a_missing_file(tmp_path: Path) -> None:
    result = process_warc(str(tmp_path / "none.warc.gz"), tmp_path / "out")
    assert result.status == "failed" and result.errors
    assert not (tmp_path / "out" / "_markers").exists()


def test_crawl_manifest(warcs: Path, tmp_path: Path) -> None:
    listed = read_manifest([str(warcs / "manifest.txt"), str(warcs), "https://data.example/x.warc.gz"])
    assert listed == [str(warcs / "a.warc.gz"), str(warcs / "b.warc"), "https://data.example/x.warc.gz"]
    with pytest.raises(ValueError, match="no WARC"):
        read_manifest([str(tmp_path / "nothing")])


def test_crawl_cli(warcs: Path, tmp_path: Path) -> None:
    from rasd.cli import main

    out = io.StringIO()
    code = main(["crawl", str(warcs / "a.warc.gz"), "--out", str(tmp_path / "o"), "--quiet",
                 "--format", "json"], out)
    summary = json.loads(out.getvalue())
    assert code == 0 and summary["done"] == 1 and summary["analysed"] == 5  # five ANT pages
    assert summary["gated_by_reason"]["not_response"] == 10


# -- the Spark engine --------------------------------------------------------------------------
def _spark_ready() -> str | None:
    if shutil.which("java") is None:
        return "Java is not installed (.ci/run installs openjdk-17-jre-headless)"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'rasd[spark]')"
    return None


@pytest.fixture(scope="session")
def spark_session() -> object:
    reason = _spark_ready()
    if reason:
        pytest.skip(reason)
    from rasd.crawl.spark import session

    spark = session("local[2]")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


@pytest.mark.slow
def test_spark_engine_writes_the_same_rows_as_local(spark_session: object, warcs: Path, local_out: Path,
                                                     tmp_path: Path) -> None:
    summary = crawl([str(warcs / "manifest.txt")], tmp_path / "spark", engine="spark")
    assert summary.done == 2 and summary.engine == "spark"
    for table in (*TABLES, "duplicates", "stories", "fused_events"):
        assert rows(tmp_path / "spark", table) == rows(local_out, table), table


# -- from the crawl to the store and the dashboard -------------------------------------------
def test_ingest_reads_a_crawl_folder_without_analysing_and_stores_what_ingest_would(
        warcs: Path, local_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.store.db import open_store
    from rasd.store.ingest import ingest_paths

    direct = ingest_paths([str(warcs / "a.warc.gz")], str(tmp_path / "direct.db"))
    import rasd.batch

    def no_analysis(*args: object, **kwargs: object) -> None:
        raise AssertionError("a crawl folder must not be analysed again")

    monkeypatch.setattr(rasd.batch, "analyze_one", no_analysis)
    summary = ingest_paths([str(local_out)], str(tmp_path / "crawl.db"))
    assert summary.read == 9 and summary.stored == 8 and summary.duplicates == 1  # a page in both WARCs
    again = ingest_paths([str(local_out)], str(tmp_path / "crawl.db"))
    assert again.already_stored == 9 and again.stored == 0
    with open_store(str(tmp_path / "direct.db"), readonly=True) as a, \
            open_store(str(tmp_path / "crawl.db"), readonly=True) as b:
        for (url,) in a.conn.execute("SELECT url FROM articles"):
            ida = a.conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()[0]
            idb = b.conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()[0]
            da, db = a.article(ida), b.article(idb)
            assert da is not None and db is not None
            assert da["doc"] == db["doc"] and da["clean_text"] == db["clean_text"]
            assert a.spans(ida) == b.spans(idb)
        assert direct.stored == 5


def test_dashboard_serves_a_crawl_folder_through_duckdb(local_out: Path) -> None:
    pytest.importorskip("duckdb")
    from fastapi.testclient import TestClient

    from rasd.web.crawl import create_crawl_app

    client = TestClient(create_crawl_app(local_out))
    stats = client.get("/api/stats").json()
    events = rows(local_out, "events")
    assert stats["warcs"] == 2 and stats["articles"] == 9 and stats["events"] == len(events)
    assert stats["rejected_by_reason"]["not_arabic"] == 2
    got = client.get("/api/events", params={"limit": 1000}).json()
    assert {e["event_id"] for e in got["events"]} == {e["event_id"] for e in events}
    kind = events[0]["event_type"]
    typed = client.get("/api/events", params={"type": kind}).json()["events"]
    assert typed and all(e["event_type"] == kind for e in typed)
    assert len(typed) == sum(e["event_type"] == kind for e in events)
    days = client.get("/api/timeline").json()["days"]
    assert sum(d["events"] for d in days) == sum(1 for e in events if e["event_date"] or e["published"])
    assert sum(d["killed"] for d in days) == sum(e["fatalities_best"] or 0 for e in events
                                                 if e["event_date"] or e["published"])
    bad = client.get("/api/events", params={"from": "yesterday"}).json()
    assert bad["error"]["code"] == "invalid_parameter"
    assert client.get("/api/fused_events").json()["events"]
    assert "Latest events" in client.get("/").text


def test_spark_entry_runs_as_a_script_for_spark_submit(tmp_path: Path) -> None:
    """spark-submit runs rasd/spark.py as a file: rasd's subpackages must not shadow the stdlib."""
    import subprocess
    import sys

    import rasd.spark

    done = subprocess.run([sys.executable, rasd.spark.__file__, "--help"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "--out DIR" in done.stdout and "{local,spark}" not in done.stdout
