"""Download what you see: every list of the dashboard as a file, for the filters on the page.

- ``/download/events.{csv,acled.csv,geojson,parquet,jsonl}``: the fused events of the events
  page and the map (the same filters and defaults, and ``q`` for the articles' words), written by
  :func:`rasd.export.store_events.export_events` (the formats of ``rasd export --what events``);
- ``/download/articles.{csv,parquet,jsonl}``: the search page's articles (``q`` and its filters),
  written by :func:`rasd.export.articles.export`;
- ``/download/entities.{csv,parquet}``: the entities page's rows (``q``, ``label``).

A file is written to a temporary folder, streamed as an attachment, then removed.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from ..export.articles import export as export_articles
from ..export.store_events import export_events
from . import queries
from .api import ApiError, EventFiltersDep, FiltersDep, StoreDep
from .events_pages import articles_of, effective

router = APIRouter()
#: File extension -> (export format, media type).
EVENT_FORMATS = {"csv": ("csv", "text/csv"), "acled.csv": ("acled-csv", "text/csv"),
                 "geojson": ("geojson", "application/geo+json"),
                 "parquet": ("parquet", "application/vnd.apache.parquet"),
                 "jsonl": ("jsonl", "application/x-ndjson")}
ARTICLE_FORMATS = {k: EVENT_FORMATS[k] for k in ("csv", "parquet", "jsonl")}
ENTITY_FORMATS = {k: EVENT_FORMATS[k] for k in ("csv", "parquet")}
ENTITY_COLUMNS = ("name", "name_en", "kb_id", "label", "articles", "mentions", "forms")
#: Entities in one download at most.
ENTITY_LIMIT = 100_000


def _format(ext: str, formats: dict[str, tuple[str, str]]) -> tuple[str, str]:
    if ext not in formats:
        raise ApiError(404, "not_found", f"no download as .{ext} (one of: {', '.join(formats)})")
    return formats[ext]


def _write(name: str, media: str, writer: Callable[[Path], object]) -> Response:
    """``writer(path)`` writes the file in a fresh temporary folder, removed after it is sent (or
    at once when writing fails)."""
    path = Path(tempfile.mkdtemp(prefix="rasd-download-")) / name
    try:
        writer(path)
    except BaseException:
        shutil.rmtree(path.parent, ignore_errors=True)
        raise
    return _send(path, media)


def _send(path: Path, media: str) -> Response:
    """The file as an attachment, its folder removed once it is sent."""
    return FileResponse(path, media_type=media, filename=path.name,
                        background=BackgroundTask(shutil.rmtree, path.parent, ignore_errors=True))


@router.get("/download/events.{ext}")
def download_events(request: Request, store: StoreDep, flt: EventFiltersDep, ext: str,
                    q: str = "") -> Response:
    fmt, media = _format(ext, EVENT_FORMATS)
    shown, articles = effective(request, flt), articles_of(request, store, q)
    return _write(f"rasd-events.{ext}", media, lambda path: export_events(
        store.conn, "events", fmt, str(path), filters=shown, article_ids=articles))


@router.get("/download/articles.{ext}")
def download_articles(store: StoreDep, flt: FiltersDep, ext: str, q: str = "") -> Response:
    fmt, media = _format(ext, ARTICLE_FORMATS)
    return _write(f"rasd-articles.{ext}", media,
                  lambda path: export_articles(store.conn, fmt, str(path), query=q, filters=flt))


def _entity_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**{k: x[k] for k in ENTITY_COLUMNS if k != "forms"}, "forms": "; ".join(x["forms"])}
            for x in items]


@router.get("/download/entities.{ext}")
def download_entities(store: StoreDep, ext: str, q: str = "", label: str = "") -> Response:
    fmt, media = _format(ext, ENTITY_FORMATS)
    rows = _entity_rows(queries.entities(store.conn, q, label or None, ENTITY_LIMIT))
    return _write(f"rasd-entities.{ext}", media, lambda path: _entities_file(rows, fmt, path))


def _entities_file(rows: list[dict[str, Any]], fmt: str, path: Path) -> None:
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=ENTITY_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        return
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = pa.schema([(c, pa.int64() if c in ("articles", "mentions") else pa.string())
                        for c in ENTITY_COLUMNS])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
