"""Download what you see: every list of the dashboard as a file, for the filters on the page.

- ``/download/events.{csv,acled.csv,geojson,parquet,jsonl}``: the fused events of the events
  page and the map (the same filters and defaults, and ``q`` for the articles' words), written by
  :func:`rasd.export.store_events.export_events` (the formats of ``rasd export --what events``);
- ``/download/articles.{csv,parquet,jsonl}``: the search page's articles (``q`` and its filters),
  written by :func:`rasd.export.articles.export`;
- ``/download/entities.{csv,parquet}``: the entities page's rows (``q``, ``label``).

A file is written to a temporary folder and sent as an attachment.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..export.articles import export as export_articles
from ..export.store_events import export_events
from . import queries
from .api import ApiError, EventFiltersDep, FiltersDep, StoreDep
from .events_pages import _articles, effective

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


def _send(path: Path, name: str, media: str) -> Response:
    return Response(path.read_bytes(), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/download/events.{ext}")
def download_events(request: Request, store: StoreDep, flt: EventFiltersDep, ext: str,
                    q: str = "") -> Response:
    fmt, media = _format(ext, EVENT_FORMATS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"rasd-events.{ext}"
        export_events(store.conn, "events", fmt, str(path), filters=effective(request, flt),
                      article_ids=_articles(store, q))
        return _send(path, path.name, media)


@router.get("/download/articles.{ext}")
def download_articles(store: StoreDep, flt: FiltersDep, ext: str, q: str = "") -> Response:
    fmt, media = _format(ext, ARTICLE_FORMATS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"rasd-articles.{ext}"
        export_articles(store.conn, fmt, str(path), query=q, filters=flt)
        return _send(path, path.name, media)


def _entity_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**{k: x[k] for k in ENTITY_COLUMNS if k != "forms"}, "forms": "; ".join(x["forms"])}
            for x in items]


@router.get("/download/entities.{ext}")
def download_entities(store: StoreDep, ext: str, q: str = "", label: str = "") -> Response:
    fmt, media = _format(ext, ENTITY_FORMATS)
    rows = _entity_rows(queries.entities(store.conn, q, label or None, ENTITY_LIMIT))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"rasd-entities.{ext}"
        if fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=ENTITY_COLUMNS)
                writer.writeheader()
                writer.writerows(rows)
        else:
            import pyarrow as pa  # type: ignore[import-untyped]
            import pyarrow.parquet as pq  # type: ignore[import-untyped]

            schema = pa.schema([(c, pa.int64() if c in ("articles", "mentions") else pa.string())
                                for c in ENTITY_COLUMNS])
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
        return _send(path, path.name, media)
