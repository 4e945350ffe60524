"""Ingest: read inputs, analyse them (in worker processes), store them with one writer.

Idempotent: an input whose URL or bytes are already stored is skipped before
analysis, and an article whose normalized clean text is already stored (the
same wire copy read from another file) is counted as a duplicate, not stored
twice. Articles are written in batches, one transaction per batch, so a
killed ingest leaves the database consistent (at most one batch is lost) and
a rerun completes it. Stories are recomputed at the end of each run.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TextIO
from urllib.parse import urlsplit

from ..errors import RasdError, Rejection
from ..inputs import RawInput, iter_inputs
from ..model import Article
from ..normalize import normalize_str
from ..serialize import article_to_dict
from ..settings import Settings
from .db import DEFAULT_BATCH, ArticleRow, Store, compact_doc
from .search import index_text
from .stories import assign, signature

#: Layers kept in the JSON only (internal) or not stored as spans.
_SKIP_SPAN_LAYERS = frozenset({"segments"})
#: Structural layers: their spans are stored without a normalized copy (nobody filters on them).
_NO_NORM_LAYERS = frozenset({"blocks", "sentences"})
_MAX_NORM = 300
#: Layers the article JSON always has (rasd.serialize writes them even when empty).
_DOC_LAYERS = frozenset({"blocks", "sentences", "datelines", "credits", "sources"})


@dataclass
class IngestSummary:
    """What an ingest did: stored, skipped (already stored), duplicates, rejected by reason."""

    read: int = 0
    stored: int = 0
    known: int = 0
    duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    total_articles: int = 0
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "stored": self.stored,
            "already_stored": self.known,
            "duplicates": self.duplicates,
            "rejected": sum(self.rejected.values()),
            "rejected_by_reason": dict(self.rejected),
            "stories": self.stories,
            "articles_in_store": self.total_articles,
            "seconds": round(self.seconds, 3),
        }

    def render(self) -> str:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.rejected.items())) or "none"
        rate = self.read / self.seconds if self.seconds else 0.0
        return (
            f"read {self.read}, stored {self.stored}, already stored {self.known}, "
            f"duplicates {self.duplicates}, rejected {sum(self.rejected.values())} ({reasons}); "
            f"{self.total_articles} articles in {self.stories} stories; "
            f"{self.seconds:.1f} s ({rate:.1f} inputs/s)"
        )


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
                    json.dumps(attrs, ensure_ascii=False),
                )
            )
    published = article.meta.published or article.meta.page_date
    surface, stems = index_text(article.headline, clean)
    return ArticleRow(
        url=article.meta.url,
        text_hash=text_hash(clean),
        raw_hash=digest,
        source=source,
        outlet=outlet_of(article),
        published=published,
        date=published[:10] if published else None,
        headline=article.headline or article.meta.title,
        clean_text=clean,
        text=article.text,
        doc=json.dumps(compact_doc(doc, layers), ensure_ascii=False),
        spans=spans,
        surface=surface,
        stems=stems,
        sig=signature(article.headline, clean),
    )


_SETTINGS = Settings()
_PIPELINE: tuple[str, ...] | None = None


def _init_worker(settings: Settings, pipeline: tuple[str, ...] | None = None) -> None:
    global _SETTINGS, _PIPELINE
    _SETTINGS, _PIPELINE = settings, pipeline


def prepare(raw: RawInput) -> ArticleRow | Rejection:
    """Analyse one raw input into a row to store, or a rejection (runs in a worker)."""
    from ..api import _one  # the batch runner's per-input step: errors become rejections
    from ..pipeline import resolve

    digest = raw_hash(raw)
    result = _one(raw, _SETTINGS, None, resolve(_PIPELINE))
    if isinstance(result, Rejection):
        return result
    try:
        return to_row(result, digest, raw.source)
    except (RasdError, ValueError) as exc:
        return Rejection(raw.source, "internal_error", f"cannot store: {exc}", raw.url)


def _fresh_inputs(
    store: Store, paths: Iterable[str], settings: Settings, summary: IngestSummary, limit: int | None = None
) -> Iterator[RawInput]:
    """Inputs not stored yet (of the first ``limit`` read); unreadable ones are counted as rejected.

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
    store: Store, paths: Iterable[str], settings: Settings, summary: IngestSummary, limit: int | None
) -> Iterator[RawInput]:
    for path in paths:
        for item in iter_inputs(path, settings.max_input_bytes):
            if limit is not None and summary.read >= limit:
                return
            summary.read += 1
            if isinstance(item, Rejection):
                summary.rejected[item.reason] += 1
                continue
            if store.known(item.url, raw_hash(item)):
                summary.known += 1
                continue
            yield item


def _analysed(
    inputs: Iterator[RawInput], settings: Settings, workers: int, pipeline: tuple[str, ...] | None
) -> Iterator[ArticleRow | Rejection]:
    if workers <= 1:
        _init_worker(settings, pipeline)
        yield from map(prepare, inputs)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings, pipeline)) as pool:
        yield from pool.imap(prepare, inputs, chunksize=8)


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
) -> IngestSummary:
    """Store every article found at ``paths``; return the run summary.

    ``pipeline`` names the components to run (default: every registered one).
    """
    settings = settings or Settings()
    paths = list(paths)
    summary = IngestSummary()
    run_id = _start_run(store, paths)
    bar = None
    if progress is not None:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="article", file=progress, leave=False, mininterval=0.5)
    batch: list[ArticleRow] = []
    for item in _analysed(_fresh_inputs(store, paths, settings, summary, limit), settings, workers, pipeline):
        if isinstance(item, Rejection):
            summary.rejected[item.reason] += 1
            if log is not None:
                print(f"rasd: {item.source}: rejected [{item.reason}] {item.message}", file=log)
        else:
            batch.append(item)
            if len(batch) >= batch_size:
                _write(store, batch, summary)
                batch = []
        if bar is not None:
            bar.update(1)
    _write(store, batch, summary)
    if bar is not None:
        bar.close()
    summary.stories = assign(store.conn)
    summary.total_articles = store.count()
    summary.seconds = time.perf_counter() - summary.started
    _finish_run(store, run_id, summary)
    return summary


def _write(store: Store, batch: list[ArticleRow], summary: IngestSummary) -> None:
    """One transaction per batch; a duplicate inside the batch is caught as it is written."""
    if not batch:
        return
    now = datetime.now(UTC).isoformat(timespec="seconds")
    stored = duplicates = 0
    with store.transaction() as conn:
        for row in batch:
            if store.duplicate_of(row.url, row.text_hash) is not None:
                duplicates += 1
                continue
            store.insert(conn, row, now)
            stored += 1
    summary.stored += stored
    summary.duplicates += duplicates


def _start_run(store: Store, paths: list[str]) -> int:
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO ingest_runs (started, paths) VALUES (?, ?)",
            (datetime.now(UTC).isoformat(timespec="seconds"), json.dumps(paths)),
        )
        return int(cur.lastrowid or 0)


def _finish_run(store: Store, run_id: int, summary: IngestSummary) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE ingest_runs SET finished = ?, summary = ? WHERE id = ?",
            (datetime.now(UTC).isoformat(timespec="seconds"), json.dumps(summary.to_dict()), run_id),
        )


def ingest_paths(paths: Iterable[str], db: str, **kwargs: object) -> IngestSummary:
    """Open (or create) the store at ``db`` and ingest ``paths`` into it."""
    from .db import open_store

    with open_store(db) as store:
        return ingest(store, paths, **kwargs)  # type: ignore[arg-type]


if __name__ == "__main__":  # pragma: no cover - python -m rasd.store.ingest PATH... (debugging)
    result = ingest_paths(sys.argv[1:], "rasd.db", progress=sys.stderr)
    print(result.render())
