"""What the dashboard reads about fused events: pages of events, their evidence sentence, the
timeline's bins and the map's features. Every function takes a read-only connection and the
event filters of :class:`rasd.store.event_query.EventFilters` (shared with ``rasd search
--what events``, ``rasd export`` and ``/api/fused-events``).

The dashboard shows *actual* events above the detector's confidence threshold unless asked
otherwise (:func:`default_filters`): the threshold is the ``event_threshold`` setting (the
trained check's operating point, docs/events.md), and events the detector gave no confidence
are always kept.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..export.fields import location_fields
from ..settings import Settings
from ..store.event_query import EventFilters, count_events, select_events, select_reports

#: Rows per page of the events table.
PAGE_SIZE = 50
#: ACLED's event types, in the order the timeline stacks them (CSS class ``t-<n>``).
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
               "Strategic developments")
#: A range longer than this many days is binned by week (Monday) instead of by day.
DAY_BINS_MAX = 120
#: Events drawn on the map at most (newest first).
MAP_LIMIT = 5000


def default_min_confidence() -> float:
    """The trained check's threshold: the default ``event_threshold`` setting, in [0, 1]."""
    return float(Settings().event_threshold)


def default_filters(flt: EventFilters, realis_given: bool, confidence_given: bool) -> EventFilters:
    """The dashboard's defaults: actual events above the threshold, unless the form says otherwise
    (an empty realis field means every realis)."""
    out = flt
    if not realis_given:
        out = replace(out, realis="actual")
    if not confidence_given:
        out = replace(out, min_confidence=default_min_confidence())
    return out


def events_page(conn: sqlite3.Connection, flt: EventFilters, page: int,
                article_ids: Iterable[int] | None = None,
                size: int = PAGE_SIZE) -> tuple[list[dict[str, Any]], int]:
    """``(rows, total)``: one page of fused events, newest first, each with its ``evidence``
    (see :func:`evidence`)."""
    ids = None if article_ids is None else list(article_ids)
    rows = select_events(conn, flt, limit=size, offset=(page - 1) * size, article_ids=ids)
    total = count_events(conn, flt) if ids is None else len(select_events(conn, flt, article_ids=ids))
    found = evidence(conn, [r["id"] for r in rows])
    for row in rows:
        row["evidence_ref"] = found.get(row["id"])
    return rows, total


@dataclass(frozen=True)
class Evidence:
    """The sentence that reports an event, in one article: offsets into ``articles.text``."""

    article_id: int
    start: int
    end: int
    text: str
    headline: str | None
    outlet: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text,
                "headline": self.headline, "outlet": self.outlet}


def report_evidence(report: dict[str, Any]) -> tuple[int, int]:
    """The offsets of the sentence a report's type was read from (else its first mention, else
    its trigger)."""
    ev = report.get("evidence") or {}
    span = ev.get("event_type") or (report.get("mentions") or [None])[0]
    if isinstance(span, list) and len(span) == 2:
        return int(span[0]), int(span[1])
    return int(report["start"]), int(report["end"])


def evidence(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, Evidence]:
    """For each event, the evidence sentence of its founding report (the one published first, an
    original before a syndicated copy)."""
    if not event_ids:
        return {}
    best: dict[str, dict[str, Any]] = {}
    for rep in select_reports(conn, event_ids=event_ids):
        order = (rep.get("copy_id") is not None, rep.get("published") or "9999", rep["key"])
        held = best.get(rep["event_id"])
        if held is None or order < held["_order"]:
            best[rep["event_id"]] = {**rep, "_order": order}
    out = {}
    for eid, rep in best.items():
        start, end = report_evidence(rep)
        text = conn.execute("SELECT substr(text, ? + 1, ? - ?) FROM articles WHERE id = ?",
                            (start, end, start, rep["article_id"])).fetchone()
        out[eid] = Evidence(rep["article_id"], start, end, text[0] if text else "", rep.get("headline"),
                            rep.get("outlet"))
    return out


def type_options(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every value the type filter takes, with its number of events: ACLED event and sub-event
    types, PLOVER events, rasd types and families."""
    counts: dict[str, int] = defaultdict(int)
    for col in ("event_type", "sub_event_type", "plover_event", "rasd_type", "family"):
        for value, n in conn.execute(f"SELECT {col}, count(*) FROM events WHERE {col} IS NOT NULL "
                                     f"GROUP BY {col}"):
            counts[str(value)] = max(counts[str(value)], int(n))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value or "") if len(value or "") == 10 else None
    except ValueError:
        return None


def timeline(conn: sqlite3.Connection, flt: EventFilters,
             article_ids: Iterable[int] | None = None) -> dict[str, Any]:
    """Events per day (or per week when the range is long) by ACLED type and people killed,
    on a real time axis bounded by the filters' dates (else the events' own).

    Returns ``{bin: "day"|"week", start, end, bins: [{date, types: {type: n}, killed}],
    undated}``; ``undated`` counts the events dated only to a month or a year (not drawn on
    a day axis)."""
    conds, params = flt.where("e")
    sql = ("SELECT e.event_date, e.event_type, count(*), sum(coalesce(e.fatalities_best, 0)) FROM events e "
           f"WHERE 1{''.join(' AND ' + c for c in conds)}")
    if article_ids is not None:
        sql += (" AND EXISTS (SELECT 1 FROM event_reports x WHERE x.event_id = e.id AND x.article_id IN "
                "(SELECT value FROM json_each(?)))")
        params = [*params, json.dumps(sorted(set(article_ids)))]
    rows = conn.execute(sql + " GROUP BY 1, 2", params).fetchall()
    dated = [(d, t, n, k) for v, t, n, k in rows if (d := _day(v)) is not None]
    undated = sum(n for v, _, n, _ in rows if _day(v) is None)
    start = _day(flt.date_from) or min((d for d, *_ in dated), default=None)
    end = _day(flt.date_to) or max((d for d, *_ in dated), default=None)
    if start is None or end is None or end < start:
        return {"bin": "day", "start": None, "end": None, "bins": [], "undated": undated}
    weekly = (end - start).days > DAY_BINS_MAX
    bins: dict[dt.date, dict[str, Any]] = {}
    for day, kind, n, killed in dated:
        if not start <= day <= end:
            continue
        key = day - dt.timedelta(days=day.weekday()) if weekly else day
        slot = bins.setdefault(key, {"types": defaultdict(int), "killed": 0})
        slot["types"][kind if kind in EVENT_TYPES else "Strategic developments"] += int(n)
        slot["killed"] += int(killed or 0)
    return {"bin": "week" if weekly else "day", "start": start.isoformat(), "end": end.isoformat(),
            "bins": [{"date": d.isoformat(), "types": dict(v["types"]), "killed": v["killed"]}
                     for d, v in sorted(bins.items())], "undated": undated}


def map_features(conn: sqlite3.Connection, flt: EventFilters, article_ids: Iterable[int] | None = None,
                 limit: int = MAP_LIMIT) -> dict[str, Any]:
    """The filtered events with coordinates as an RFC 7946 FeatureCollection (a Point per event)
    with what the map draws: type, date, place, ``geo_precision`` (1 a town, 2 near it, 3 only
    the region or country), the numeric ISO country code and the fatalities."""
    ids = None if article_ids is None else list(article_ids)
    rows = select_events(conn, flt, limit=limit, article_ids=ids)
    features = []
    for r in rows:
        if r["latitude"] is None or r["longitude"] is None:
            continue
        r["location"] = location_fields(r["location"], r["location_kb_id"], r["admin1"], r["country_name"])[0]
        features.append({"type": "Feature", "id": r["id"],
                         "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                         "properties": {k: r.get(k) for k in (
                             "event_date", "date_precision", "event_type", "sub_event_type", "location",
                             "admin1", "country", "country_name", "iso", "geo_precision", "fatalities_best",
                             "reports", "realis")}})
    return {"type": "FeatureCollection", "features": features, "limit": limit,
            "unlocated": sum(1 for r in rows if r["latitude"] is None)}
