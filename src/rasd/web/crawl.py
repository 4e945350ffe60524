"""The dashboard's read path over a ``rasd crawl`` output folder: events and aggregates
with DuckDB over the Parquet files (``rasd serve --crawl DIR``; the ``crawl`` extra).

Full-text search stays on SQLite stores (``rasd ingest`` of the subsets people read);
this path answers what a crawl is too large to load for: counts, event tables and
timelines over millions of rows, straight from ``OUT/<table>/*.parquet``. Every request
opens its own in-memory DuckDB connection over read-only views; parameters are bound,
never pasted into SQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse

from .. import __version__
from . import render as r
from .api import ApiError, date_param, error_response

TABLES = ("articles", "events", "reports", "rejections", "duplicates", "stories", "fused_events")
ENDPOINTS: tuple[tuple[str, str], ...] = (
    ("GET /api", "this list"),
    ("GET /api/stats", "counts: WARC files, articles, events, rejections by reason, outlets, event types"),
    ("GET /api/events?type=&from=&to=&outlet=&country=&limit=&offset=", "event rows (typed columns)"),
    ("GET /api/timeline?type=&from=&to=&outlet=&country=", "per day: articles, events, people killed"),
    ("GET /api/fused_events?type=&from=&to=&country=&limit=", "events fused across the crawl"),
)
EVENT_FIELDS = ("event_id", "article_id", "event_type", "sub_event_type", "event_date", "date_value",
                "actor1", "actor2", "location", "country", "country_name", "admin1", "latitude", "longitude",
                "geo_precision", "fatalities_best", "injured_best", "arrested_best", "realis", "outlet",
                "url", "notes")


def connect(folder: Path) -> Any:
    """An in-memory DuckDB connection with one view per table that has files."""
    import duckdb

    conn = duckdb.connect(":memory:")
    for table in TABLES:
        files = folder / table
        if any(files.glob("*.parquet")):
            glob = str(files / "*.parquet").replace("'", "''")
            conn.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{glob}')")
    return conn


def _has(conn: Any, table: str) -> bool:
    found = conn.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [table]).fetchone()
    return bool(found[0])


def _rows(conn: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [{k: _json(v) for k, v in zip(names, row, strict=True)} for row in cur.fetchall()]


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _where(flt: dict[str, str | None]) -> tuple[str, list[Any]]:
    conds, params = ["TRUE"], []
    for column, op, key in (("event_type", "=", "type"), ("coalesce(event_date, published)", ">=", "from"),
                            ("coalesce(event_date, published)", "<=", "to"), ("outlet", "=", "outlet"),
                            ("country", "=", "country")):
        if flt.get(key):
            conds.append(f"{column} {op} ?")
            params.append(flt[key])
    return " AND ".join(conds), params


def stats(conn: Any, folder: Path) -> dict[str, Any]:
    out: dict[str, Any] = {"warcs": len(list((folder / "_markers").glob("*.json")))}
    for table in ("articles", "events", "reports", "fused_events"):
        out[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] if _has(conn, table) else 0
    out["rejected_by_reason"] = (dict(conn.execute(
        "SELECT reason, count(*) FROM rejections GROUP BY 1 ORDER BY 2 DESC").fetchall())
        if _has(conn, "rejections") else {})
    if _has(conn, "articles"):
        first, last = conn.execute("SELECT min(date), max(date) FROM articles").fetchone()
        out["first_date"], out["last_date"] = _json(first), _json(last)
        out["by_outlet"] = _rows(conn, "SELECT outlet, count(*) AS articles FROM articles GROUP BY 1 "
                                       "ORDER BY 2 DESC LIMIT 30", [])
    out["event_types"] = (dict(conn.execute(
        "SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchall())
        if _has(conn, "events") else {})
    return out


def events(conn: Any, flt: dict[str, str | None], limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    if not _has(conn, "events"):
        return []
    where, params = _where(flt)
    return _rows(conn, f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE {where} "
                       "ORDER BY coalesce(event_date, published) DESC NULLS LAST, event_id LIMIT ? OFFSET ?",
                 [*params, limit, offset])


def timeline(conn: Any, flt: dict[str, str | None]) -> list[dict[str, Any]]:
    """Per day: events and people killed (best figures) by event date, articles by their date."""
    days: dict[str, dict[str, Any]] = {}
    if _has(conn, "events"):
        where, params = _where(flt)
        for day, n, killed in conn.execute(
                f"SELECT coalesce(event_date, published) AS day, count(*), coalesce(sum(fatalities_best), 0) "
                f"FROM events WHERE {where} AND coalesce(event_date, published) IS NOT NULL GROUP BY 1",
                params).fetchall():
            days[day.isoformat()] = {"date": day.isoformat(), "articles": 0, "events": n, "killed": killed}
    if _has(conn, "articles"):
        for day, n in conn.execute("SELECT date, count(*) FROM articles WHERE date IS NOT NULL "
                                   "AND (? IS NULL OR outlet = ?) GROUP BY 1",
                                   [flt.get("outlet"), flt.get("outlet")]).fetchall():
            days.setdefault(day.isoformat(), {"date": day.isoformat(), "articles": 0, "events": 0,
                                              "killed": 0})["articles"] = n
    return [days[k] for k in sorted(days)]


def fused(conn: Any, flt: dict[str, str | None], limit: int = 200) -> list[dict[str, Any]]:
    if not _has(conn, "fused_events"):
        return []
    conds, params = ["TRUE"], []
    for column, op, key in (("event_type", "=", "type"), ("event_date", ">=", "from"),
                            ("event_date", "<=", "to"), ("country", "=", "country")):
        if flt.get(key):
            conds.append(f"{column} {op} ?")
            params.append(flt[key])
    return _rows(conn, f"SELECT * FROM fused_events WHERE {' AND '.join(conds)} "
                       "ORDER BY reports DESC, event_date DESC NULLS LAST, fused_id LIMIT ?",
                 [*params, limit])


def create_crawl_app(folder: str | Path) -> FastAPI:
    """The read-only API (and one overview page) over the crawl output at ``folder``."""
    root = Path(folder)
    app = FastAPI(title="rasd crawl", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)

    async def _api_error(request: Request, exc: ApiError) -> Any:
        return error_response(exc.status, exc.code, exc.message)

    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]

    def flt(type_: str | None, date_from: str | None, date_to: str | None, outlet: str | None,
            country: str | None) -> dict[str, str | None]:
        return {"type": type_ or None, "from": date_param("from", date_from), "to": date_param("to", date_to),
                "outlet": outlet or None, "country": country or None}

    @app.get("/api")
    def index() -> dict[str, Any]:
        return {"endpoints": [{"endpoint": k, "returns": v} for k, v in ENDPOINTS]}

    @app.get("/api/stats")
    def api_stats() -> dict[str, Any]:
        return stats(connect(root), root)

    @app.get("/api/events")
    def api_events(*, type: str | None = None, date_from: Annotated[str | None, Query(alias="from")] = None,
                   date_to: Annotated[str | None, Query(alias="to")] = None, outlet: str | None = None,
                   country: str | None = None, limit: Annotated[int, Query(ge=1, le=5000)] = 200,
                   offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        conn = connect(root)
        return {"types": stats(conn, root)["event_types"],
                "events": events(conn, flt(type, date_from, date_to, outlet, country), limit, offset)}

    @app.get("/api/timeline")
    def api_timeline(*, type: str | None = None, date_from: Annotated[str | None, Query(alias="from")] = None,
                     date_to: Annotated[str | None, Query(alias="to")] = None, outlet: str | None = None,
                     country: str | None = None) -> dict[str, Any]:
        return {"days": timeline(connect(root), flt(type, date_from, date_to, outlet, country))}

    @app.get("/api/fused_events")
    def api_fused(*, type: str | None = None, date_from: Annotated[str | None, Query(alias="from")] = None,
                  date_to: Annotated[str | None, Query(alias="to")] = None, country: str | None = None,
                  limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> dict[str, Any]:
        return {"events": fused(connect(root), flt(type, date_from, date_to, None, country), limit)}

    @app.get("/", response_class=HTMLResponse)
    def overview() -> str:
        conn = connect(root)
        s = stats(conn, root)
        cards = "".join(f'<div class="card"><b>{s[k]}</b>{k}</div>'
                        for k in ("warcs", "articles", "events", "fused_events"))
        latest = events(conn, flt(None, None, None, None, None), 50)
        rows = [[r.e(e["event_date"] or ""), r.e(e["event_type"]), r.e(e["location"] or ""),
                 r.e(e["fatalities_best"] if e["fatalities_best"] is not None else ""),
                 r.e(e["outlet"] or ""), r.ar(e["notes"][:200] if e["notes"] else "")] for e in latest]
        body = (f"<h1>Crawl {r.e(root.name)}</h1><div class=cards>{cards}</div>"
                f"<p class=meta>{r.e(s.get('first_date'))} to {r.e(s.get('last_date'))}</p>"
                f"<h2>Latest events</h2>"
                f"{r.table(['Date', 'Type', 'Place', 'Killed', 'Outlet', 'Evidence'], rows)}")
        return r.page("Crawl", body, "events")

    return app
