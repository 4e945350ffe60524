"""Ingest: read inputs, analyse them (in worker processes), store them with one writer.

Idempotent: an input whose URL or bytes are already stored is skipped before
analysis, and an article whose normalized clean text is already stored (the
same wire copy read from another file) is counted as a duplicate, not stored
twice (the same text under a new URL is recorded as a syndicated copy). Articles
are written in batches, one transaction per batch with their event reports, the
story links and the fused events they change, so a killed ingest leaves the
database consistent (at most one batch is lost) and a rerun completes it.
Stories and events are updated incrementally: the cost of a batch does not grow
with the size of the store.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from ..batch import Summary, run_batch
from ..errors import Rejection
from ..intake.inputs import RawInput, display_name, iter_inputs
from ..model import Article
from ..normalize import normalize_str
from ..serialize import article_to_dict, dumps
from ..settings import Settings
from .db import DEFAULT_BATCH, ArticleRow, Store, compact_doc
from .events import add_copy_reports, add_reports, refresh
from .reports import ReportRow, report_row
from .search import index_text
from .stories import count_stories, index_articles, link_new, merge, signature, terms

#: Layers kept in the JSON only (internal) or not stored as spans.
_SKIP_SPAN_LAYERS = frozenset({"segments"})
#: Structural layers: their spans are stored without a normalized copy (nobody filters on them).
_NO_NORM_LAYERS = frozenset({"blocks", "sentences"})
_MAX_NORM = 300
#: Layers the article JSON always has (rasd.serialize writes them even when empty).
_DOC_LAYERS = frozenset({"blocks", "sentences", "datelines", "credits", "sources"})


def raw_hash(raw: RawInput) -> str:
    data = raw.data.encode("utf-8") if isinstance(raw.data, str) else raw.data
    return hashlib.sha256(data).hexdigest()


def text_hash(clean_text: str) -> str:
    """The hash that identifies an article's text whatever its diacritics, spacing or source."""
    return hashlib.sha256(" ".join(normalize_str(clean_text).split()).encode("utf-8")).hexdigest()


def outlet_of(article: Article) -> str | None:
    """The outlet: the URL's host (without www.), else the TREC SRC, the site name, or the
    outlet its sources line names."""
    if article.meta.url:
        host = urlsplit(article.meta.url).hostname
        if host:
            return host.removeprefix("www.")
    src = article.meta.extra.get("src")
    if src:
        return str(src)
    if article.meta.site:
        return article.meta.site
    named = next((s for s in article.layer("sources") if s.label == "outlet"), None)
    return None if named is None else str(named.attrs.get("name") or article.span_text(named))


def to_row(article: Article, digest: str, source: str) -> ArticleRow:
    """Everything the writer stores for one analysed article."""
    doc = article_to_dict(article, include_tokens=False)
    clean = article.clean_text() or article.text
    spans = []
    layers = [k for k in doc if k in article.layers or k in _DOC_LAYERS]
    for layer, items in article.layers.items():
        if layer in _SKIP_SPAN_LAYERS:
            continue
        for span in items:
            attrs = {
                k: v
                for k, v in span.to_dict(article.text).items()
                if k not in ("start", "end", "text", "label")
            }
            norm = "" if layer in _NO_NORM_LAYERS else normalize_str(article.span_text(span)).strip()
            spans.append(
                (
                    layer,
                    span.label,
                    span.start,
                    span.end,
                    norm[:_MAX_NORM],
                    dumps(attrs),
                )
            )
    published = article.meta.published or article.meta.page_date
    surface, stems = index_text(article.headline, clean)
    digest_text = text_hash(clean)
    outlet = outlet_of(article)
    return ArticleRow(
        url=article.meta.url,
        text_hash=digest_text,
        raw_hash=digest,
        source=source,
        outlet=outlet,
        published=published,
        date=published[:10] if published else None,
        headline=article.headline or article.meta.title,
        clean_text=clean,
        text=article.text,
        doc=dumps(compact_doc(doc, layers)),
        spans=spans,
        surface=surface,
        stems=stems,
        sig=signature(article.headline, clean),
        flags=tuple(f.code for f in article.flags),
        reports=event_reports(article, digest_text, published, outlet),
        terms=" ".join(sorted(terms(article.headline, clean))),
    )


def event_reports(article: Article, digest: str, published: str | None,
                  outlet: str | None) -> list[ReportRow]:
    """One report row per event record of the article (none when the events component did not run)."""
    from ..events.component import event_records

    if "events" not in article.layers:
        return []
    return [report_row(rec, digest, published, outlet) for rec in event_records(article)]


# -- a crawl output folder (rasd crawl) -------------------------------------------------------
def is_crawl_output(path: str) -> bool:
    """Whether ``path`` is a ``rasd crawl`` output folder (``articles/*.parquet`` and markers)."""
    p = Path(path)
    return p.is_dir() and (p / "_markers").is_dir() and any((p / "articles").glob("*.parquet"))


def crawl_row(row: dict[str, Any]) -> ArticleRow:
    """The stored row of one ``articles`` row of a crawl: the crawl kept the complete article
    JSON (without tokens), so nothing is analysed again; the search copy is rebuilt."""
    doc = json.loads(row["doc"])
    text, clean = row["text"], row["clean_text"]
    doc["text"], doc["clean_text"] = text, clean
    span_layers = list(row["layers"] or [])
    spans = []
    for layer in span_layers:
        for item in doc.get(layer) or []:
            attrs = {k: v for k, v in item.items() if k not in ("start", "end", "text", "label")}
            norm = "" if layer in _NO_NORM_LAYERS else normalize_str(text[item["start"]:item["end"]]).strip()
            spans.append((layer, item["label"], item["start"], item["end"], norm[:_MAX_NORM],
                          dumps(attrs)))
    layers = [k for k in doc if k in span_layers or k in _DOC_LAYERS]
    published = row["published"]
    surface, stems = index_text(doc.get("headline"), clean)
    return ArticleRow(
        url=row["url"], text_hash=row["text_hash"], raw_hash=row["raw_hash"],
        source=f"{row['warc']}#{row['record']}", outlet=row["outlet"], published=published,
        date=published[:10] if published else None, headline=row["headline"], clean_text=clean,
        text=text, doc=dumps(compact_doc(doc, layers)), spans=spans,
        surface=surface, stems=stems, sig=row["minhash"], flags=tuple(row["flags"] or ()),
        reports=_crawl_reports(doc, row["text_hash"], published, row["outlet"]),
        terms=" ".join(sorted(terms(doc.get("headline"), clean))))


def _crawl_reports(doc: dict[str, Any], digest: str, published: str | None,
                   outlet: str | None) -> list[ReportRow]:
    """The report rows of a crawl article, from the event records its stored JSON holds."""
    from ..events.component import record_of
    from ..model import Span

    items = doc.get("events")
    if not isinstance(items, list):
        return []
    return [report_row(record_of(Span(i["start"], i["end"], i["label"], str(i.get("source", "")),
                                      {k: v for k, v in i.items()
                                       if k not in ("start", "end", "text", "label", "source")})),
                       digest, published, outlet) for i in items]


def _crawl_rows(store: Store, folder: str, summary: Summary, limit: int | None) -> Iterator[ArticleRow]:
    """Rows of a crawl's ``articles`` files not stored yet (same URL or raw bytes), in file order."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    seen = 0
    for path in sorted((Path(folder) / "articles").glob("*.parquet")):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
            for row in batch.to_pylist():
                if limit is not None and seen >= limit:
                    return
                seen += 1
                summary.read += 1
                if store.known(row["url"], row["raw_hash"]):
                    summary.already_stored = (summary.already_stored or 0) + 1
                    continue
                summary.processed += 1
                for code in row["flags"] or ():
                    summary.flagged[code] += 1
                yield crawl_row(row)


def finish_row(article: Article, raw: RawInput) -> ArticleRow:
    """The batch runner's ``finish`` for ingest: the row to store (runs in the worker)."""
    return to_row(article, raw_hash(raw), raw.source)


def _fresh_inputs(
    store: Store, paths: Iterable[str], settings: Settings, summary: Summary, limit: int | None = None
) -> Iterator[RawInput | Rejection]:
    """Inputs not stored yet, and rejections made while reading (of the first ``limit`` read).

    With worker processes this generator runs in the pool's feeder thread, so it reads
    through a connection of its own, opened in that thread.
    """
    from .db import open_store

    reader = open_store(store.path) if store.path != ":memory:" else store
    try:
        yield from _unknown(reader, paths, settings, summary, limit)
    finally:
        if reader is not store:
            reader.close()


def _unknown(
    store: Store, paths: Iterable[str], settings: Settings, summary: Summary, limit: int | None
) -> Iterator[RawInput | Rejection]:
    seen = 0
    for path in paths:
        for item in iter_inputs(path, settings.max_input_bytes, settings.max_json_depth,
                                settings.max_array_bytes):
            if limit is not None and seen >= limit:
                return
            seen += 1
            if not isinstance(item, Rejection) and store.known(item.url, raw_hash(item)):
                summary.read += 1
                summary.already_stored = (summary.already_stored or 0) + 1
                continue
            yield item


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    settings: Settings | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH,
    progress: TextIO | None = None,
    total: int | None = None,
    log: TextIO | None = None,
    limit: int | None = None,
    pipeline: tuple[str, ...] | None = None,
    published: str | None = None,
) -> Summary:
    """Store every article found at ``paths``; return the run summary.

    ``pipeline`` names the components to run (default: every registered one);
    ``workers > 1`` analyses in that many processes (the writer is always this one);
    ``published`` (``YYYY-MM-DD``) is the publication date of every input, over the dates
    found in their metadata (``rasd analyze --published``).
    """
    settings = settings or Settings()
    paths = list(paths)
    summary = Summary(stored=0, already_stored=0, duplicates=0, copies=0)
    run_id = _start_run(store, paths)
    catch_up(store, run_id)
    crawls = [p for p in paths if is_crawl_output(p)]
    paths = [p for p in paths if p not in crawls]
    for folder in crawls:
        pending: list[ArticleRow] = []
        for row in _crawl_rows(store, folder, summary, limit):
            pending.append(row)
            if len(pending) >= batch_size:
                _write(store, pending, summary)
                pending = []
        _write(store, pending, summary)
    bar = None
    if progress is not None:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="article", file=progress, leave=False, mininterval=0.5)
    batch: list[ArticleRow] = []
    inputs = _fresh_inputs(store, paths, settings, summary, limit)
    for item in run_batch(inputs, settings=settings, pipeline=pipeline, workers=workers,
                          finish=finish_row, summary=summary, published=published):
        if isinstance(item, Rejection):
            if log is not None:
                print(f"rasd: {item.source}: rejected [{item.reason}] {item.message}", file=log)
        else:
            batch.append(item)
            if len(batch) >= batch_size:
                _write(store, batch, summary, run_id, log)
                batch = []
        if bar is not None:
            bar.update(1)
    _write(store, batch, summary, run_id, log)
    if bar is not None:
        bar.close()
    summary.stories = count_stories(store.conn)
    summary.articles_in_store = store.count()
    summary.events_in_store = int(store.conn.execute("SELECT count(*) FROM events").fetchone()[0])
    summary.tick()
    _finish_run(store, run_id, summary)
    return summary


def _write(store: Store, batch: list[ArticleRow], summary: Summary, run_id: int | None = None,
           log: TextIO | None = None) -> None:
    """One transaction per batch: the articles, their event reports and the events they change.

    A duplicate inside the batch is caught as it is written. A duplicate whose text is stored
    under another URL is a syndicated copy: it is recorded (``article_copies``) and each of
    the stored article's event reports gets a copy report naming its outlet.

    Each new article is written inside a savepoint: a row the database refuses is rolled back
    alone, counted as an ``internal_error`` rejection and logged, and the rest of the batch is
    stored (one bad row must not roll back the batch, nor fail every rerun the same way).
    """
    if not batch:
        return
    now = datetime.now(UTC).isoformat(timespec="seconds")
    stored = duplicates = copies = 0
    report_ids: list[int] = []
    article_ids: list[int] = []
    with store.transaction() as conn:
        for row in batch:
            original = store.duplicate_of(row.url, row.text_hash)
            if original is not None:
                duplicates += 1
                if row.url is not None and not store.url_stored(row.url):
                    copy_id = store.insert_copy(conn, original, row, now)
                    report_ids += add_copy_reports(conn, original, copy_id, url=row.url, outlet=row.outlet,
                                                   published=row.published)
                    copies += 1
                continue
            conn.execute("SAVEPOINT article")
            try:
                article_id = store.insert(conn, row, now)
                row_reports = add_reports(conn, article_id, row.reports)
            except (sqlite3.Error, ValueError) as exc:  # ValueError: a string SQLite cannot encode
                conn.execute("ROLLBACK TO article")
                conn.execute("RELEASE article")
                _refused(row, exc, summary, log)
                continue
            conn.execute("RELEASE article")
            article_ids.append(article_id)
            report_ids += row_reports
            stored += 1
        _group(conn, article_ids)
        refresh(conn, report_ids, now, run_id=run_id)
        _mark_indexed(conn)
    summary.stored = (summary.stored or 0) + stored
    summary.duplicates = (summary.duplicates or 0) + duplicates
    summary.copies = (summary.copies or 0) + copies


def _group(conn: sqlite3.Connection, article_ids: list[int]) -> None:
    """Index new articles for stories and link them to stored ones (incremental, see stories.py)."""
    index_articles(conn, article_ids)
    story_pairs, syndicate_pairs = link_new(conn, article_ids)
    merge(conn, article_ids, story_pairs, syndicate_pairs)


def _mark_indexed(conn: sqlite3.Connection) -> None:
    """Every article up to the largest id has its reports, terms and story indexes."""
    top = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    _mark_indexed_through(conn, int(top or 0))


def catch_up(store: Store, run_id: int | None = None, chunk: int = 500) -> int:
    """Index the articles a store written before events were fused (schema 1) holds: their event
    reports (read from their ``events`` spans with :func:`rasd.events.component.record_of`) and
    their story words, then fuse. Returns how many articles were indexed; later runs find none."""
    from ..events.component import record_of
    from ..model import Span

    row = store.conn.execute("SELECT value FROM store_state WHERE key = 'indexed_through'").fetchone()
    done = int(row[0]) if row else 0
    total = 0
    while True:
        ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", (done, chunk))]
        if not ids:
            return total
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with store.transaction() as conn:
            report_ids: list[int] = []
            for article_id in ids:
                a = conn.execute("SELECT text_hash, published, outlet, headline, clean_text FROM articles "
                                 "WHERE id = ?", (article_id,)).fetchone()
                conn.execute("UPDATE minhashes SET terms = ? WHERE article_id = ? AND terms IS NULL",
                             (" ".join(sorted(terms(a[3], a[4]))), article_id))
                if conn.execute("SELECT 1 FROM event_reports WHERE article_id = ? LIMIT 1",
                                (article_id,)).fetchone():
                    continue
                spans = conn.execute('SELECT start, "end", label, attrs FROM spans WHERE article_id = ? '
                                     "AND layer = 'events' ORDER BY id", (article_id,)).fetchall()
                rows = [report_row(record_of(Span(s, e, label, "ar.events.v1", _record_attrs(attrs))), a[0],
                                   a[1], a[2]) for s, e, label, attrs in spans]
                report_ids += add_reports(conn, article_id, rows)
            _group(conn, ids)
            refresh(conn, report_ids, now, run_id=run_id)
            _mark_indexed_through(conn, ids[-1])
        done, total = ids[-1], total + len(ids)


def _record_attrs(attrs: str) -> dict[str, object]:
    """A stored events span's attrs without the span's own ``source`` (the component's name)."""
    return {k: v for k, v in json.loads(attrs).items() if not (k == "source" and isinstance(v, str))}


def _mark_indexed_through(conn: sqlite3.Connection, top: int) -> None:
    conn.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES ('indexed_through', ?)", (str(top),))


def _refused(row: ArticleRow, exc: Exception, summary: Summary, log: TextIO | None) -> None:
    summary.processed -= 1
    summary.rejected["internal_error"] += 1
    if log is not None:
        print(f"rasd: {row.source}: rejected [internal_error] the store refused it: "
              f"{type(exc).__name__}: {exc}", file=log)


def _start_run(store: Store, paths: list[str]) -> int:
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO ingest_runs (started, paths) VALUES (?, ?)",
            (datetime.now(UTC).isoformat(timespec="seconds"), dumps([display_name(p) for p in paths])),
        )
        return int(cur.lastrowid or 0)


def _finish_run(store: Store, run_id: int, summary: Summary) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE ingest_runs SET finished = ?, summary = ? WHERE id = ?",
            (datetime.now(UTC).isoformat(timespec="seconds"), dumps(summary.to_dict()), run_id),
        )


def ingest_paths(paths: Iterable[str], db: str, **kwargs: object) -> Summary:
    """Open (or create) the store at ``db`` and ingest ``paths`` into it."""
    from .db import open_store

    with open_store(db) as store:
        return ingest(store, paths, **kwargs)  # type: ignore[arg-type]


if __name__ == "__main__":  # pragma: no cover - python -m rasd.store.ingest PATH... (debugging)
    result = ingest_paths(sys.argv[1:], "rasd.db", progress=sys.stderr)
    print(result.render())
