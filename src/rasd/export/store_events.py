"""Exports of fused events and of their reports, read from the store.

``rasd export --what events`` writes one row per fused event, ``--what reports`` one row per
report (copies included), in any of :data:`FORMATS`:

- ``csv``: every column of the ``events`` (or ``event_reports``) table, lists joined by ``; ``;
- ``acled-csv``: ACLED's columns (:data:`rasd.export.events.ACLED_COLUMNS`, ``event_id_cnty``
  first) then rasd's (:data:`rasd.export.events.RASD_COLUMNS`), the same columns as ``rasd analyze
  --format acled-csv``; ``fatalities`` is the conservative figure (``min``) and ``source`` names
  every outlet and agency (:mod:`rasd.export.fields`);
- ``plover-jsonl``: PLOVER 2 records (:mod:`rasd.export.plover`), one per event, citing the report
  its figure came from in ``cite_info`` and every report in ``citations``;
- ``parquet``: typed columns (dates as dates, counts as integers, coordinates as doubles,
  actors as a list of structs, outlets as a list of strings) that duckdb and pandas read
  without parsing JSON;
- ``geojson``: an RFC 7946 FeatureCollection; each feature a Point ``[longitude, latitude]``
  (WGS 84) with the event's fields and its ``geo_precision``, or a null geometry when the
  event has no coordinates;
- ``jsonl``: one JSON object per line (for events, the event with its ``reports``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..serialize import dumps
from ..store.event_query import EventFilters, select_events, select_reports
from . import fields as F
from . import plover as P
from . import writable
from .events import ACLED_COLUMNS, RASD_COLUMNS

FORMATS = ("csv", "acled-csv", "plover-jsonl", "parquet", "geojson", "jsonl")
WHAT = ("articles", "events", "reports")
KINDS = ("fatalities", "injured", "arrested")


def export_events(conn: sqlite3.Connection, what: str, fmt: str, output: str, *,
                  filters: EventFilters | None = None, article_ids: Iterable[int] | None = None,
                  limit: int | None = None) -> int:
    """Write the matching events (``what="events"``) or reports (``"reports"``) to ``output``;
    return how many rows were written. Raises :class:`StoreError` for an unknown format."""
    if fmt not in FORMATS or what not in ("events", "reports"):
        raise StoreError(f"cannot export {what} as {fmt!r} (formats: {', '.join(FORMATS)})",
                         reason="malformed")
    if what == "events":
        rows = select_events(conn, filters, limit=limit, article_ids=article_ids)
        if fmt in ("jsonl", "plover-jsonl"):
            by_event: dict[str, list[dict[str, Any]]] = {}
            for rep in select_reports(conn, event_ids=[r["id"] for r in rows]):
                by_event.setdefault(rep["event_id"], []).append(rep)
            for r in rows:
                r["reports"] = by_event.get(r["id"], [])
        elif fmt == "acled-csv":
            _add_founders(conn, rows)
    else:
        rows = select_reports(conn, filters, limit=limit, article_ids=article_ids)
    path = writable(output)
    writer = {"csv": _csv, "acled-csv": _acled_csv, "plover-jsonl": _plover, "parquet": _parquet,
              "geojson": _geojson, "jsonl": _jsonl}[fmt]
    writer(rows, path, what)
    return len(rows)


def _add_founders(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Give each event row its founding report (``_founder``): the report its fatalities came
    from, else its first report, so that a fused event's ACLED row names a sentence to read
    (``evidence``, ``article``, ``rasd_report``)."""
    by_event: dict[str, list[dict[str, Any]]] = {}
    for rep in select_reports(conn, event_ids=[r["id"] for r in rows]):
        by_event.setdefault(rep["event_id"], []).append(rep)
    for r in rows:
        reports = by_event.get(r["id"], [])
        r["_founder"] = next((x for x in reports if x.get("key") == r.get("fatalities_report")), None) \
            or (reports[0] if reports else None)


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _csv(rows: list[dict[str, Any]], path: Path, what: str) -> None:
    columns = list(rows[0]) if rows else []
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(v) for k, v in row.items()})


def acled_row(row: dict[str, Any], what: str) -> dict[str, Any]:
    """ACLED's columns (and rasd's) for an event or a report row."""
    date = F.event_date(row.get("event_date"))
    outlets = row.get("outlets") if what == "events" else [row.get("outlet")]
    found = F.sources(outlets or [], row.get("agencies") or [])
    location, location_text = F.location_fields(row.get("location"), row.get("location_kb_id"),
                                                row.get("admin1"), row.get("country_name"))
    updated = row.get("updated")
    report = row.get("_founder") if what == "events" else row
    return {
        "event_id_cnty": row.get("event_id_cnty") or "", "event_date": date, "year": date[:4],
        "time_precision": row.get("time_precision") or "", "disorder_type": row.get("disorder_type") or "",
        "event_type": row.get("event_type") or "", "sub_event_type": row.get("sub_event_type") or "",
        "actor1": row.get("actor1") or "",
        "assoc_actor_1": row.get("assoc_actor_1") or _assoc(row, "actor1"),
        "inter1": row.get("inter1") or "", "actor2": row.get("actor2") or "",
        "assoc_actor_2": row.get("assoc_actor_2") or _assoc(row, "actor2"), "inter2": row.get("inter2") or "",
        "interaction": row.get("interaction") or "",
        "civilian_targeting": row.get("civilian_targeting") or "", "iso": row.get("iso") or "",
        "region": row.get("region") or "", "country": row.get("country_name") or "",
        "admin1": row.get("admin1") or "", "admin2": "", "admin3": "", "location": location,
        "latitude": _blank(row.get("latitude")), "longitude": _blank(row.get("longitude")),
        "geo_precision": row.get("geo_precision") or "", "source": F.source_names(found),
        "source_scale": F.source_scale(found, row.get("country")), "notes": row.get("notes") or "",
        "fatalities": _conservative(row, "fatalities") or 0, "tags": row.get("tags") or "",
        "timestamp": int(dt.datetime.fromisoformat(updated).timestamp()) if updated else "",
        "injured": _conservative(row, "injured"), "arrested": _conservative(row, "arrested"),
        "date_precision": F.date_precision(row.get("event_date"), row.get("date_precision")),
        "location_text": location_text, "rasd_type": row.get("rasd_type") or "", "realis": row.get("realis"),
        "confidence": _blank(row.get("confidence")), "reports": row.get("reports", 1),
        "sources": row.get("sources", 1),
        # a fused event's evidence, report and article are those of its founding report
        "evidence": "" if report is None else json.dumps(report.get("evidence") or {}, sort_keys=True),
        "rasd_event_id": row["id"] if what == "events" else row.get("event_id"),
        "rasd_report": "" if report is None else report.get("key"),
        "article": "" if report is None else report.get("url") or report.get("article_source") or "",
        # the store holds only events reported as happening (never candidates); flags are not stored
        "date_basis": row.get("date_basis") or "", "candidate": "", "flags": "",
    }


def _assoc(row: dict[str, Any], role: str) -> str:
    return "; ".join(a["name"] for a in row.get("actors") or [] if a.get("role") == f"assoc_{role}")


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _conservative(row: dict[str, Any], kind: str) -> int | str:
    """ACLED's conservative figure: ``min`` (``best`` when there is no lower bound)."""
    low, best = row.get(f"{kind}_min"), row.get(f"{kind}_best")
    value = low if low is not None else best
    return "" if value is None else int(value)


def _acled_csv(rows: list[dict[str, Any]], path: Path, what: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=(*ACLED_COLUMNS, *RASD_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(acled_row(row, what))


def _jsonl(rows: list[dict[str, Any]], path: Path, what: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(dumps(row) + "\n")


def _plover_actors(row: dict[str, Any], roles: Sequence[str]) -> list[dict[str, Any]]:
    return [P.actor_object(a.get("name"), country=a.get("country"), kb_id=a.get("kb_id"),
                           default=bool(a.get("default")))
            for a in row.get("actors") or [] if a.get("role") in roles]


def _citation(r: dict[str, Any]) -> dict[str, Any]:
    return {"url": r.get("url"), "title": r.get("headline"), "publication": r.get("outlet"),
            "published": r.get("published"), "report": r.get("key"), "article_id": r.get("article_id"),
            "text_info": (r.get("mentions") or [None])[0]}


def plover_record(row: dict[str, Any], what: str) -> dict[str, Any]:
    """A PLOVER 2 record for an event (every report cited) or a report."""
    reports = (row.get("reports") if what == "events" else [row]) or []
    founder = next((r for r in reports if r.get("key") == row.get("fatalities_report")), None) \
        or (reports[0] if reports else {})
    return P.record(
        rid=row["id"] if what == "events" else str(row.get("key")),
        date=row.get("event_date"), precision=row.get("date_precision"),
        plover=(row.get("plover_event"), row.get("plover_mode"), []), quad_code=None,
        actor=_plover_actors(row, ("actor1", "assoc_actor1")),
        recipient=_plover_actors(row, ("actor2", "assoc_actor2")),
        loc=P.event_loc(name=row.get("location"), lat=row.get("latitude"), lon=row.get("longitude"),
                        country=row.get("country"), admin1=row.get("admin1"), kb_id=row.get("location_kb_id"),
                        geo_precision=row.get("geo_precision")),
        size={"dead": row.get("fatalities_best"), "injured": row.get("injured_best"),
              "arrested": row.get("arrested_best")},
        cite=_citation(founder), comment={
            "acled": [row.get("event_type"), row.get("sub_event_type")], "rasd_type": row.get("rasd_type"),
            "realis": row.get("realis"), "event_id_cnty": row.get("event_id_cnty"),
            "reports": row.get("reports", 1) if what == "events" else 1, "sources": row.get("sources", 1)},
        citations=[_citation(r) for r in reports],
    )


def _plover(rows: list[dict[str, Any]], path: Path, what: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            if row.get("realis") != "negated":
                out.write(dumps(plover_record(row, what)) + "\n")


# -- typed: Parquet and GeoJSON -------------------------------------------------------------
_INT = frozenset({"inter1", "inter2", "interaction", "iso", "geo_precision", "time_precision", "reports",
                  "sources", "article_id", "copy_id", "start", "end", "dated"}
                 | {f"{k}_{p}" for k in KINDS for p in ("min", "best", "max")})
_FLOAT = frozenset({"latitude", "longitude", "confidence"})
_DATE = frozenset({"event_date_day", "first_published", "last_published", "published"})
_SKIP = frozenset({"evidence", "mentions"})


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if k in _SKIP or (isinstance(v, list) and k == "reports"):
            continue
        if k in _DATE:
            out[k] = _day(v)
        elif k.endswith("_cumulative"):
            out[k] = bool(v)
        else:
            out[k] = v
    out["event_day"] = _day(row.get("event_date")) if len(row.get("event_date") or "") == 10 else None
    return out


def _arrow_type(name: str, what: str) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    actor = pa.struct([("role", pa.string()), ("name", pa.string()), ("type", pa.string()),
                       ("inter", pa.int64()), ("country", pa.string()), ("kb_id", pa.string())])
    if name == "actors":
        return pa.list_(actor)
    if name in ("outlets", "agencies"):
        return pa.list_(pa.string())
    if name in _INT or (name == "id" and what == "reports"):
        return pa.int64()
    if name in _FLOAT:
        return pa.float64()
    if name in _DATE or name == "event_day":
        return pa.date32()
    if name.endswith("_cumulative"):
        return pa.bool_()
    return pa.string()


def _parquet(rows: list[dict[str, Any]], path: Path, what: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    typed = [_typed(r) for r in rows]
    for r in typed:
        r["actors"] = [{k: a.get(k) for k in ("role", "name", "type", "inter", "country", "kb_id")}
                       for a in r.get("actors") or []]
    names = list(typed[0]) if typed else list(_typed(_empty_row(what)))
    schema = pa.schema([(n, _arrow_type(n, what)) for n in names])
    pq.write_table(pa.Table.from_pylist(typed, schema=schema), path)


def _empty_row(what: str) -> dict[str, Any]:
    from ..store.reports import ReportRow

    if what == "events":
        return dict.fromkeys(["id", "event_id_cnty", "event_date", "actors", "outlets", "latitude",
                              "longitude", "geo_precision", "reports", "sources"])
    cols = ["id", "event_id", *ReportRow.columns()]
    return dict.fromkeys(cols)


def geojson_feature(row: dict[str, Any], what: str) -> dict[str, Any]:
    """An RFC 7946 Feature: a Point ``[longitude, latitude]`` or a null geometry."""
    lat, lon = row.get("latitude"), row.get("longitude")
    geometry = ({"type": "Point", "coordinates": [float(lon), float(lat)]}
                if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) else None)
    props = {k: v for k, v in row.items() if k not in _SKIP and not (k == "reports" and isinstance(v, list))}
    return {"type": "Feature", "id": row["id"] if what == "events" else row.get("key"),
            "geometry": geometry, "properties": props}


def _geojson(rows: list[dict[str, Any]], path: Path, what: str) -> None:
    collection = {"type": "FeatureCollection", "features": [geojson_feature(r, what) for r in rows]}
    path.write_text(dumps(collection), encoding="utf-8")
