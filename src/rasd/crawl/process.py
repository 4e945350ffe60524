"""One WARC file in, four Parquet files and a completion marker out: the engine-free unit
of work that ``--engine local`` and ``--engine spark`` both run.

:func:`process_warc` reads the records (:mod:`rasd.intake.warc`), gates them
(:mod:`rasd.crawl.gate`), drops exact duplicates inside the file (canonical URL, then
normalized-text hash), analyses the rest with the batch runner's :func:`analyze_one`,
and writes ``OUT/<table>/<warc_id>.parquet`` for each of :data:`~rasd.crawl.tables.TABLES`
(under a temporary name, renamed when complete), then ``OUT/_markers/<warc_id>.json``
with the counts, rasd's version and the settings hash. A WARC whose marker matches is
skipped. A WARC that breaks off is read up to the damage, reported, and marked done
(delete its marker to read it again); one that cannot be opened is reported and left
unmarked, so the next run tries it again. Nothing here raises for bad input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from .. import __version__
from ..batch import analyze_one
from ..errors import Rejection
from ..events.component import record_of
from ..intake.inputs import RawInput
from ..intake.warc import WarcError, WarcRecord, read_records, record_input
from ..model import Article
from ..pipeline import Component, resolve
from ..serialize import article_to_dict, dumps
from ..settings import Settings
from ..store.ingest import outlet_of, raw_hash, text_hash
from ..store.stories import signature
from .gate import gate_body, gate_headers
from .options import CrawlOptions, settings_hash
from .tables import SCHEMAS, TABLES, event_row, report_row, to_date, to_timestamp

MARKERS = "_markers"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_TRACKING = re.compile(r"^(?:utm_|fbclid$|gclid$|ref$|ref_src$|amp$|output$)", re.I)
#: Keys of the article JSON that other ``articles`` columns hold.
_DOC_MOVED = ("text", "clean_text")


@dataclass
class WarcResult:
    """What one WARC gave: ``status`` is ``done``, ``skipped`` (its marker matched) or
    ``failed`` (it could not be opened; not marked). ``gated`` and ``rejected`` count by
    reason; ``errors`` are the read errors (a WARC that breaks off)."""

    warc: str
    warc_id: str
    status: str = "done"
    records: int = 0
    gated: Counter[str] = field(default_factory=Counter)
    analysed: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    events: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["gated"], out["rejected"] = dict(self.gated), dict(self.rejected)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> WarcResult:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        result = cls(**known)
        result.gated, result.rejected = Counter(d.get("gated") or {}), Counter(d.get("rejected") or {})
        return result


def warc_id(source: str) -> str:
    """A file-name-safe id for a WARC path or URL: its base name without ``.warc[.gz]`` and
    8 hex digits of its full name's sha1 (two crawls' ``00000.warc.gz`` stay apart)."""
    base = source.rstrip("/").rsplit("/", 1)[-1]
    base = re.sub(r"\.warc(?:\.gz)?$", "", base, flags=re.I) or "warc"
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
    return f"{_UNSAFE.sub('_', base)[:80]}-{digest}"


def canonical_url(url: str | None) -> str | None:
    """The URL as a duplicate key: lower-case scheme and host without ``www.``, no fragment,
    no tracking parameters (``utm_*``, ``fbclid``...), no trailing slash, https as http."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                           if not _TRACKING.match(k)])
    except ValueError:
        return url.strip()
    scheme = "http" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, parts.path.rstrip("/") or "/", query, ""))


# -- markers ------------------------------------------------------------------------------
def marker_path(out: Path, wid: str) -> Path:
    return out / MARKERS / f"{wid}.json"


def read_marker(out: Path, wid: str) -> dict[str, Any] | None:
    """The marker's JSON, or ``None`` when it is absent or unreadable."""
    try:
        data = json.loads(marker_path(out, wid).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_done(out: Path, wid: str, digest: str) -> bool:
    """Whether the WARC's marker matches these settings and rasd version and its files exist."""
    marker = read_marker(out, wid)
    return (marker is not None and marker.get("settings_hash") == digest and marker.get("rasd") == __version__
            and all((out / t / f"{wid}.parquet").is_file() for t in TABLES))


def _write_marker(out: Path, result: WarcResult, digest: str) -> None:
    data = {"rasd": __version__, "settings_hash": digest,
            "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **result.to_dict()}
    _atomic_write(marker_path(out, result.warc_id), dumps(data, indent=1).encode())


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    tmp.replace(path)


# -- opening a WARC -----------------------------------------------------------------------
@contextmanager
def open_warc(source: str) -> Iterator[IO[bytes]]:
    """A binary stream over a local path, ``file://``, ``http(s)://`` (streamed) or
    ``s3://``/``s3a://`` URL (with fsspec and s3fs installed). Raises ``OSError``."""
    scheme = urlsplit(source).scheme.lower() if "://" in source else ""
    if scheme in ("", "file"):
        path = source[len("file://"):] if scheme == "file" else source
        with Path(path).open("rb") as stream:
            yield stream
    elif scheme in ("http", "https"):
        import urllib.request

        with urllib.request.urlopen(source, timeout=120) as stream:
            yield stream
    elif scheme in ("s3", "s3a"):
        try:
            import fsspec
        except ImportError as exc:
            raise OSError(f"{source}: reading s3 needs fsspec and s3fs (pip install s3fs)") from exc
        with fsspec.open("s3://" + source.split("://", 1)[1], "rb") as stream:
            yield stream
    else:
        raise OSError(f"{source}: unsupported URL scheme {scheme!r}")


# -- the unit of work -----------------------------------------------------------------------
_COMPONENTS: dict[tuple[str, ...] | None, list[Component]] = {}


def _components(pipeline: tuple[str, ...] | None) -> list[Component]:
    """The pipeline's components, resolved once per process (models load on first use)."""
    if pipeline not in _COMPONENTS:
        _COMPONENTS[pipeline] = resolve(pipeline)
    return _COMPONENTS[pipeline]


def process_warc(source: str, out: str | Path, *, settings: Settings | None = None,
                 options: CrawlOptions | None = None, pipeline: tuple[str, ...] | None = None,
                 force: bool = False) -> WarcResult:
    """Process one WARC (path or URL) into ``out``; skip it when its marker matches
    (unless ``force``). Returns the counts; never raises for a bad WARC or record."""
    settings, options = settings or Settings(), options or CrawlOptions()
    out = Path(out)
    wid, digest = warc_id(source), settings_hash(settings, options, pipeline)
    result = WarcResult(source, wid)
    if not force and is_done(out, wid, digest):
        marker = read_marker(out, wid) or {}
        skipped = WarcResult.from_dict(marker)
        skipped.status = "skipped"
        return skipped
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with open_warc(source) as stream, _Writers(out, wid, options.row_group_articles) as writers:
            _read_warc(stream, result, writers, settings=settings, options=options,
                       components=_components(pipeline))
    except OSError as exc:
        result.status = "failed"
        result.errors.append(f"cannot read {source}: {exc}")
        return result
    result.seconds, result.cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    _write_marker(out, result, digest)
    return result


def _read_warc(stream: IO[bytes], result: WarcResult, writers: _Writers, *, settings: Settings,
               options: CrawlOptions, components: list[Component]) -> None:
    seen_urls: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for record in read_records(stream, options.warc_reader):
        if isinstance(record, WarcError):
            result.errors.append(f"breaks off after record {record.index}: {record.message}")
            writers.rejection(result.warc, record.index + 1, record_id=None, url=None, stage="read",
                              reason="malformed", message=f"the WARC breaks off here: {record.message}")
            continue
        result.records += 1
        item = _gated_input(record, result, settings, options)
        if item is None:
            continue
        if isinstance(item, Rejection):
            result.rejected[item.reason] += 1
            writers.rejection(result.warc, record.index, record_id=record.record_id, url=record.url,
                              stage="read", reason=item.reason, message=item.message)
            continue
        if any(code == "truncated_record" for code, _ in item.flags):
            result.errors.append(f"record {record.index} is cut short (the file ends inside it)")
        key = canonical_url(item.url)
        if key is not None and key in seen_urls:
            _duplicate(result, writers, record, f"same canonical URL as {seen_urls[key]}")
            continue
        analysed = analyze_one(item, settings, None, components)
        if isinstance(analysed, Rejection):
            result.rejected[analysed.reason] += 1
            writers.rejection(result.warc, record.index, record_id=record.record_id, url=record.url,
                              stage="analysis", reason=analysed.reason, message=analysed.message)
            continue
        article_id = f"{result.warc_id}/{record.index}"
        row = article_row(analysed, item, article_id, result.warc, record)
        if row["text_hash"] in seen_texts:
            _duplicate(result, writers, record, f"same normalized text as {seen_texts[row['text_hash']]}")
            continue
        if key is not None:
            seen_urls[key] = article_id
        seen_texts[row["text_hash"]] = article_id
        result.analysed += 1
        result.events += writers.article(row, analysed)


def _gated_input(record: WarcRecord, result: WarcResult, settings: Settings,
                 options: CrawlOptions) -> RawInput | Rejection | None:
    """The record as an input, ``None`` when the gate drops it (counted), or a rejection."""
    if record.rec_type == "response" and record.status is None:
        return record_input(result.warc, record, settings.max_input_bytes)  # malformed
    reason = gate_headers(record, options)
    if reason is not None:
        result.gated[reason] += 1
        return None
    payload = record.payload(settings.max_input_bytes)
    reason = gate_body(payload.data, record.content_type, options)
    if reason is not None:
        result.gated[reason] += 1
        return None
    return record_input(result.warc, record, settings.max_input_bytes, payload)


def _duplicate(result: WarcResult, writers: _Writers, record: WarcRecord, message: str) -> None:
    result.rejected["duplicate"] += 1
    writers.rejection(result.warc, record.index, record_id=record.record_id, url=record.url, stage="dedup",
                      reason="duplicate", message=message)


def article_row(article: Article, raw: RawInput, article_id: str, warc: str,
                record: WarcRecord) -> dict[str, Any]:
    """The ``articles`` row of one analysed article (the complete article JSON, without
    tokens, in ``doc``; its span layers named in ``layers``)."""
    doc = article_to_dict(article, include_tokens=False)
    clean = article.clean_text() or article.text
    published = article.meta.published or article.meta.page_date
    url = article.meta.url
    return {
        "article_id": article_id, "warc": warc, "record": record.index, "record_id": record.record_id,
        "url": url, "canonical_url": canonical_url(url),
        "host": (urlsplit(url).hostname or None) if url else None, "outlet": outlet_of(article),
        "captured": to_timestamp(record.date), "published": published, "date": to_date(published),
        "headline": article.headline or article.meta.title, "lead": doc.get("lead"),
        "clean_text": clean, "text": article.text, "text_hash": text_hash(clean), "raw_hash": raw_hash(raw),
        "language": article.meta.language, "encoding": article.meta.encoding, "chars": len(article.text),
        "events": len(article.layers.get("events", [])), "flags": [f.code for f in article.flags],
        "minhash": signature(article.headline, clean),
        "layers": [k for k in article.layers if k != "segments"],
        "doc": dumps({k: v for k, v in doc.items() if k not in _DOC_MOVED}),
    }


class _Writers:
    """One Parquet writer per table, each to a temporary file renamed on a clean close."""

    def __init__(self, out: Path, wid: str, row_group: int) -> None:
        self.out, self.wid, self.row_group = out, wid, row_group
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.tmp: dict[str, Path] = {}

    def __enter__(self) -> _Writers:
        for table in TABLES:
            final = self.out / table / f"{self.wid}.parquet"
            final.parent.mkdir(parents=True, exist_ok=True)
            self.tmp[table] = final.with_name(f".{final.name}.tmp-{os.getpid()}")
            self.writers[table] = pq.ParquetWriter(self.tmp[table], SCHEMAS[table], compression="zstd")
        return self

    def article(self, row: dict[str, Any], article: Article) -> int:
        """Queue an article and its events and reports; return how many events it has."""
        self.rows["articles"].append(row)
        meta = {"article_id": row["article_id"], "published": row["date"], "outlet": row["outlet"],
                "url": row["url"]}
        spans = article.layers.get("events", [])
        for span in spans:
            record = record_of(span)
            event_id = f"{row['article_id']}/{record.id}"
            self.rows["events"].append(event_row(record, event_id, meta))
            self.rows["reports"].append(report_row(record, event_id, meta, article.text))
        if len(self.rows["articles"]) >= self.row_group:
            self.flush()
        return len(spans)

    def rejection(self, warc: str, index: int, *, record_id: str | None, url: str | None, stage: str,
                  reason: str, message: str) -> None:
        self.rows["rejections"].append({"warc": warc, "record": index, "record_id": record_id, "url": url,
                                        "stage": stage, "reason": reason, "message": message[:2000]})

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                self.writers[table].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
                rows.clear()

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.flush()
        for writer in self.writers.values():
            writer.close()
        for table, tmp in self.tmp.items():
            if exc_type is None:
                tmp.replace(self.out / table / f"{self.wid}.parquet")
            else:
                tmp.unlink(missing_ok=True)
