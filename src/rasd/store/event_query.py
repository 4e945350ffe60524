"""Reading fused events and their reports: the filters shared by ``rasd search``, ``rasd export``
and the JSON API, and the rows they return.

:class:`EventFilters` filters events (and reports) by type, country, admin1, date range,
actor, realis and minimum confidence; :func:`select_events` and :func:`select_reports`
return plain rows (JSON columns decoded), newest first; :func:`event_detail` one event with
its reports and the recorded changes of its id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

#: Columns stored as JSON text, decoded in the rows returned.
JSON_COLUMNS = frozenset({"actors", "outlets", "agencies", "mentions", "evidence"})
REALIS = ("actual", "reported-as-claim", "negated", "future", "hypothetical", "historical")


@dataclass
class EventFilters:
    """Filters on events (or reports); empty ones are ignored.

    ``event_type`` matches the ACLED event type, sub-event type, PLOVER event, rasd type or
    type family (case-insensitive); ``country`` the ISO2 or ISO3 code or the country name;
    ``admin1`` the first-level division; ``date_from``/``date_to`` the event date (a month
    or year matches when it overlaps); ``actor`` part of an actor's name; ``realis`` one
    value; ``min_confidence`` the detector's confidence (events it gave none are kept).
    """

    event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None
    realis: str | None = None
    min_confidence: float | None = None

    def where(self, t: str, *, events: bool = True) -> tuple[list[str], list[Any]]:
        """SQL conditions on table alias ``t`` (``events`` or ``event_reports``) and parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if self.event_type:
            conds.append(f"({t}.event_type = ? COLLATE NOCASE OR {t}.sub_event_type = ? COLLATE NOCASE "
                         f"OR {t}.plover_event = ? COLLATE NOCASE OR {t}.rasd_type = ? COLLATE NOCASE "
                         f"OR {t}.family = ? COLLATE NOCASE)")
            params += [self.event_type] * 5
        if self.country:
            iso3 = f"{t}.iso3 = ? COLLATE NOCASE OR " if events else ""
            conds.append(f"({iso3}{t}.country = ? COLLATE NOCASE OR {t}.country_name = ? COLLATE NOCASE)")
            params += [self.country] * (3 if events else 2)
        if self.admin1:
            conds.append(f"{t}.admin1 = ? COLLATE NOCASE")
            params.append(self.admin1)
        day = f"({t}.event_date || substr('0000-12-31', length({t}.event_date) + 1))"
        if self.date_from:
            conds.append(f"{day} >= ?")
            params.append(self.date_from)
        if self.date_to:
            conds.append(f"{t}.event_date <= ?")
            params.append(self.date_to)
        if self.actor:
            conds.append(f"{t}.actors LIKE ?")
            params.append(f"%{json.dumps(self.actor, ensure_ascii=False)[1:-1]}%")
        if self.realis:
            conds.append(f"{t}.realis = ?")
            params.append(self.realis)
        if self.min_confidence is not None:
            conds.append(f"({t}.confidence IS NULL OR {t}.confidence >= ?)")
            params.append(self.min_confidence)
        return conds, params

    def empty(self) -> bool:
        return all(getattr(self, f) in (None, "") for f in self.__dataclass_fields__)


def _decode(cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    for row in cursor:
        out = dict(zip(names, row, strict=True))
        for col in JSON_COLUMNS & out.keys():
            out[col] = json.loads(out[col]) if out[col] else ([] if col != "evidence" else {})
        yield out


def _in_articles(t: str, article_ids: Iterable[int] | None) -> tuple[str, list[Any]]:
    if article_ids is None:
        return "", []
    ids = sorted(set(article_ids))
    if not ids:
        return " AND 0", []
    cond = "r.article_id" if t == "r" else "x.article_id"
    listed = f"{cond} IN (SELECT value FROM json_each(?))"
    if t != "e":
        return f" AND {listed}", [json.dumps(ids)]
    sub = f"EXISTS (SELECT 1 FROM event_reports x WHERE x.event_id = {t}.id AND {listed})"
    return f" AND {sub}", [json.dumps(ids)]


def select_events(conn: sqlite3.Connection, filters: EventFilters | None = None, *, limit: int | None = None,
                  offset: int = 0, article_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """Fused events matching the filters (and, when given, with a report in one of the
    articles), newest first."""
    conds, params = (filters or EventFilters()).where("e")
    extra, extra_params = _in_articles("e", article_ids)
    sql = f"SELECT e.* FROM events e WHERE 1{''.join(' AND ' + c for c in conds)}{extra} " \
          "ORDER BY e.event_date DESC, e.id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
    return list(_decode(conn.execute(sql, [*params, *extra_params, *([limit, offset] if limit is not None
                                                                     else [])])))


def count_events(conn: sqlite3.Connection, filters: EventFilters | None = None) -> int:
    conds, params = (filters or EventFilters()).where("e")
    sql = f"SELECT count(*) FROM events e WHERE 1{''.join(' AND ' + c for c in conds)}"
    return int(conn.execute(sql, params).fetchone()[0])


def select_reports(conn: sqlite3.Connection, filters: EventFilters | None = None, *, limit: int | None = None,
                   offset: int = 0, article_ids: Iterable[int] | None = None,
                   event_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Event reports matching the filters (copies included), with their event's ``event_id_cnty``
    and their article's headline, newest first."""
    conds, params = (filters or EventFilters()).where("r", events=False)
    extra, extra_params = _in_articles("r", article_ids)
    if event_ids is not None:
        extra += " AND r.event_id IN (SELECT value FROM json_each(?))"
        extra_params.append(json.dumps(sorted(set(event_ids))))
    sql = ("SELECT r.*, e.event_id_cnty, a.headline, a.source AS article_source FROM event_reports r "
           "JOIN articles a ON a.id = r.article_id LEFT JOIN events e ON e.id = r.event_id "
           f"WHERE 1{''.join(' AND ' + c for c in conds)}{extra} "
           "ORDER BY r.event_date DESC, r.event_id, r.key, coalesce(r.copy_id, 0)")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
    return list(_decode(conn.execute(sql, [*params, *extra_params, *([limit, offset] if limit is not None
                                                                     else [])])))


def event_detail(conn: sqlite3.Connection, event_id: str) -> dict[str, Any] | None:
    """One event, its reports and the changes that retired or replaced its id."""
    rows = list(_decode(conn.execute("SELECT * FROM events WHERE id = ?", (event_id,))))
    if not rows:
        return None
    out = rows[0]
    out["reports"] = select_reports(conn, event_ids=[event_id])
    out["changes"] = changes(conn, event_id)
    return out


def changes(conn: sqlite3.Connection, event_id: str | None = None,
            since: str | None = None) -> list[dict[str, Any]]:
    """Recorded changes of event ids (``merged``, ``split``, ``renamed``), oldest first."""
    sql, params = "SELECT run_id, changed, kind, old_id, new_id FROM event_changes WHERE 1", []
    if event_id:
        sql += " AND (old_id = ? OR new_id = ?)"
        params += [event_id, event_id]
    if since:
        sql += " AND changed >= ?"
        params.append(since)
    return list(_decode(conn.execute(sql + " ORDER BY id", params)))


def has_events_table(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").fetchone()
    return found is not None
