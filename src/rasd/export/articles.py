"""Exports of any query: JSON Lines (the whole stored article), CSV and Parquet (one row per article).

The rows are those :func:`rasd.store.search.select_ids` returns for the same
query and filters as ``rasd search``; no query exports every article.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..serialize import dumps
from ..store.db import Store
from ..store.search import DEFAULT_LIMITS, Filters, select_ids
from . import writable

FORMATS = ("jsonl", "csv", "parquet")
COLUMNS = ("id", "url", "source", "outlet", "published", "date", "headline", "story_id", "clean_text")
_CHUNK = 500


def iter_rows(
    conn: sqlite3.Connection,
    query: str = "",
    filters: Filters | None = None,
    limit: int | None = None,
    with_doc: bool = False,
) -> Iterator[dict[str, Any]]:
    """Stored articles matching the query, as flat dicts (the whole article JSON under
    ``article`` when asked)."""
    ids = [i for i, _ in select_ids(conn, query, filters, limit, limits=DEFAULT_LIMITS)]
    cols = ", ".join(COLUMNS)
    store = Store(conn, "", readonly=True)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        rows = conn.execute(
            f"SELECT {cols} FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
        by_id = {r[0]: r for r in rows}
        for article_id in chunk:
            row = by_id[article_id]
            out = dict(zip(COLUMNS, row, strict=False))
            if with_doc:
                stored = store.article(article_id)
                out["article"] = None if stored is None else stored["doc"]
            yield out


def export(
    conn: sqlite3.Connection,
    fmt: str,
    output: str,
    *,
    query: str = "",
    filters: Filters | None = None,
    limit: int | None = None,
) -> int:
    """Write the matching articles to ``output`` in ``fmt``; return how many were written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})", reason="malformed")
    path = writable(output)
    if fmt == "jsonl":
        return _jsonl(iter_rows(conn, query, filters, limit, with_doc=True), path)
    if fmt == "csv":
        return _csv(iter_rows(conn, query, filters, limit), path)
    return _parquet(iter_rows(conn, query, filters, limit, with_doc=True), path)


def _jsonl(rows: Iterator[dict[str, Any]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(dumps(row) + "\n")
            n += 1
    return n


def _csv(rows: Iterator[dict[str, Any]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def _parquet(rows: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = pa.schema(
        [
            ("id", pa.int64()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("outlet", pa.string()),
            ("published", pa.string()),
            ("date", pa.string()),
            ("headline", pa.string()),
            ("story_id", pa.int64()),
            ("clean_text", pa.string()),
            ("doc", pa.string()),
        ]
    )
    records = []
    for row in rows:
        article = row.pop("article")
        records.append({**row, "doc": dumps(article)})
    pq.write_table(pa.Table.from_pylist(records, schema=schema), path)
    return len(records)
