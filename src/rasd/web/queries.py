"""What the dashboard and the JSON API read from the store, shared by both.

Every function takes a read-only connection and returns plain JSON-able data.
Layers that do not exist yet (events, casualties, entities) simply give empty
results.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from typing import Any

from ..normalize import normalize_str
from ..store.search import EVENT_TYPE_MATCH, Filters

#: Layers the article page highlights (structure layers give the paragraphs instead).
STRUCTURE_LAYERS = frozenset({"blocks", "sentences", "segments"})
PLACE_LABELS = ("LOC", "GPE", "FAC")


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    one = conn.execute(
        "SELECT count(*), min(date), max(date), count(DISTINCT outlet) FROM articles"
    ).fetchone()
    stories = conn.execute("SELECT count(*), sum(size > 1) FROM stories").fetchone()
    layers = {r[0]: r[1] for r in conn.execute("SELECT layer, count(*) FROM spans GROUP BY layer")}
    outlets = [
        {"outlet": r[0], "articles": r[1]}
        for r in conn.execute(
            "SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY 2 DESC LIMIT 30"
        )
    ]
    return {
        "articles": one[0],
        "first_date": one[1],
        "last_date": one[2],
        "outlets": one[3],
        "stories": stories[0],
        "multi_report_stories": stories[1] or 0,
        "layers": layers,
        "by_outlet": outlets,
    }


def stories(
    conn: sqlite3.Connection, min_size: int = 2, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT id, size, outlets, headline, first_date, last_date FROM stories WHERE size >= ? "
        "ORDER BY size DESC, outlets DESC, last_date DESC LIMIT ? OFFSET ?",
        (min_size, limit, offset),
    )
    keys = ("id", "size", "outlets", "headline", "first_date", "last_date")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def story(conn: sqlite3.Connection, story_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT id, size, outlets, headline, first_date, last_date FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    if row is None:
        return None
    out = dict(zip(("id", "size", "outlets", "headline", "first_date", "last_date"), row, strict=True))
    out["articles"] = articles_by_ids(
        conn,
        [
            r[0]
            for r in conn.execute("SELECT id FROM articles WHERE story_id = ? ORDER BY date, id", (story_id,))
        ],
    )
    return out


def articles_by_ids(conn: sqlite3.Connection, ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = conn.execute(
        f"SELECT id, url, outlet, date, headline, story_id FROM articles "
        f"WHERE id IN ({','.join('?' * len(ids))})",
        ids,
    ).fetchall()
    by_id = {
        r[0]: dict(zip(("id", "url", "outlet", "date", "headline", "story_id"), r, strict=True)) for r in rows
    }
    return [by_id[i] for i in ids if i in by_id]


def _span_rows(conn: sqlite3.Connection, where: str, params: list[Any], limit: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        'SELECT s.article_id, s.layer, s.label, s.start, s."end", '
        'substr(a.text, s.start + 1, s."end" - s.start), '
        "s.attrs, a.date, a.outlet, a.headline FROM spans s JOIN articles a ON a.id = s.article_id "
        f"WHERE {where} ORDER BY a.date DESC, s.article_id, s.start LIMIT ?",
        [*params, limit],
    )
    keys = ("article_id", "layer", "label", "start", "end", "text", "attrs", "date", "outlet", "headline")
    out = []
    for r in rows:
        item = dict(zip(keys, r, strict=True))
        item["attrs"] = json.loads(item["attrs"])
        out.append(item)
    return out


def events(
    conn: sqlite3.Connection, filters: Filters | None = None, event_type: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Spans of the ``events`` layer (none until the events component lands), newest first."""
    conds, params = (filters or Filters()).where()
    where = " AND ".join(["s.layer = 'events'", *conds])
    if event_type:
        where += " AND " + EVENT_TYPE_MATCH
        params += [event_type] * 3
    return _span_rows(conn, where, params, limit)


def event_types(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    return [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT label, count(*) FROM spans WHERE layer = 'events' GROUP BY label ORDER BY 2 DESC"
        )
    ]


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def timeline(conn: sqlite3.Connection, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Per day: articles, events, and people killed and injured (casualties layer, best figures)."""
    conds, params = (filters or Filters()).where()
    where = " AND ".join(["a.date IS NOT NULL", *conds])
    days: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"articles": 0, "events": 0, "killed": 0.0, "injured": 0.0}
    )
    for day, n in conn.execute(
        f"SELECT a.date, count(*) FROM articles a WHERE {where} GROUP BY a.date", params
    ):
        days[day]["articles"] = n
    for day, n in conn.execute(
        f"SELECT {_EVENT_DAY}, count(*) FROM spans s JOIN articles a ON a.id = s.article_id "
        f"WHERE s.layer = 'events' AND {where} GROUP BY 1",
        params,
    ):
        days[day]["events"] = n
    for day, label, attrs in conn.execute(
        f"SELECT a.date, s.label, s.attrs FROM spans s JOIN articles a ON a.id = s.article_id "
        f"WHERE s.layer = 'casualties' AND s.label IN ('killed', 'injured') AND {where}",
        params,
    ):
        best = json.loads(attrs)
        days[day][label] += _number(best.get("best", best.get("min")))
    return [{"date": d, **v} for d, v in sorted(_fill(days).items())]


#: An event's day: its own ``date.value`` when it names a day, else its article's date.
_EVENT_DAY = (
    "CASE WHEN length(json_extract(s.attrs, '$.date.value')) >= 10 "
    "THEN substr(json_extract(s.attrs, '$.date.value'), 1, 10) ELSE a.date END"
)
#: Gaps up to this many days are drawn as empty days; longer spans show only the days that have data.
MAX_FILLED_DAYS = 400


def _fill(days: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    import datetime as dt

    try:
        dates = sorted(dt.date.fromisoformat(d[:10]) for d in days)
    except ValueError:
        return days
    if not dates or (dates[-1] - dates[0]).days > MAX_FILLED_DAYS:
        return days
    out = dict(days)
    for i in range((dates[-1] - dates[0]).days + 1):
        day = (dates[0] + dt.timedelta(days=i)).isoformat()
        out.setdefault(day, {"articles": 0, "events": 0, "killed": 0.0, "injured": 0.0})
    return out


def _coords(attrs: dict[str, Any]) -> tuple[float, float] | None:
    for holder in (attrs, attrs.get("place"), attrs.get("location")):
        if isinstance(holder, dict):
            lat, lon = holder.get("lat"), holder.get("lon")
            if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
                return float(lat), float(lon)
    return None


def place_name(attrs: dict[str, Any], default: str = "") -> str:
    """The English name of an event's location (``location``/``place``) or of a place entity."""
    for holder in (attrs.get("location"), attrs.get("place"), attrs):
        if isinstance(holder, dict):
            name = holder.get("name_en") or (holder.get("name") if holder is not attrs else None)
            if name:
                return str(name)
        elif isinstance(holder, str) and holder:
            return holder
    return default


def event_date(item: dict[str, Any]) -> str | None:
    """An event's own date (``date.value``, day precision or coarser) or its article's date."""
    value = item["attrs"].get("date")
    value = value.get("value") if isinstance(value, dict) else value
    return value[:10] if isinstance(value, str) and len(value) >= 10 else item.get("date")


def _place_name(item: dict[str, Any]) -> str:
    return place_name(item["attrs"], str(item["text"]))


def map_points(conn: sqlite3.Connection, filters: Filters | None = None, limit: int = 5000) -> dict[str, Any]:
    """Event locations (events layer), else places mentioned (entities with coordinates), and
    mentions per country (by English name, to shade the map)."""
    conds, params = (filters or Filters()).where()
    base = " AND ".join(["s.layer = 'events'", *conds])
    items = _span_rows(conn, base, list(params), limit)
    kind = "events"
    labels = ",".join(f"'{x}'" for x in PLACE_LABELS)
    places = _span_rows(
        conn, " AND ".join([f"s.layer = 'entities' AND s.label IN ({labels})", *conds]), list(params), limit
    )
    if not any(_coords(i["attrs"]) for i in items):
        items, kind = places, "places"
    grouped: dict[tuple[float, float], dict[str, Any]] = {}
    for item in items:
        coords = _coords(item["attrs"])
        if coords is None:
            continue
        point = grouped.setdefault(
            coords,
            {
                "lat": coords[0],
                "lon": coords[1],
                "name": _place_name(item),
                "count": 0,
                "articles": set(),
                "labels": Counter(),
            },
        )
        point["count"] += 1
        point["articles"].add(item["article_id"])
        point["labels"][item["label"]] += 1
    points = [
        {**p, "articles": sorted(p["articles"])[:20], "labels": dict(p["labels"])}
        for p in sorted(grouped.values(), key=lambda p: -p["count"])
    ]
    countries = Counter(str(p["attrs"].get("name_en")) for p in places if p["attrs"].get("name_en"))
    return {"kind": kind, "points": points, "countries": dict(countries)}


#: How an entity mention is grouped: its knowledge-base id, else its English name, else its
#: normalized text (so دونالد ترامب and ترامب, linked to one person, are one row).
_ENTITY_KEY = ("coalesce('kb:' || json_extract(attrs, '$.kb_id'), 'en:' || json_extract(attrs, '$.name_en'), "
               "'ar:' || norm)")


def entities(
    conn: sqlite3.Connection, query: str = "", label: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Entities by number of articles that mention them, one row per linked entity (grouped by
    knowledge-base id, else English name, else normalized text). ``name`` is the spelling the
    articles use most (diacritics and all, not the normalized form), ``forms`` the others;
    ``query`` matches the Arabic (any spelling) or the English name, in part."""
    where, params = "layer = 'entities' AND norm != ''", []
    if query:
        where += " AND (norm LIKE ? OR json_extract(attrs, '$.name_en') LIKE ? COLLATE NOCASE)"
        params += [f"%{normalize_str(query).strip()}%", f"%{query.strip()}%"]
    if label:
        where += " AND label = ?"
        params.append(label)
    rows = conn.execute(
        f"SELECT {_ENTITY_KEY} AS k, max(json_extract(attrs, '$.name_en')), "
        "max(json_extract(attrs, '$.kb_id')), "
        f"count(*), count(DISTINCT article_id), group_concat(DISTINCT label) FROM spans WHERE {where} "
        f"GROUP BY k ORDER BY 5 DESC, 4 DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    forms = surface_forms(conn, [r[0] for r in rows], where, params)
    out = []
    for key, name_en, kb_id, mentions, articles, labels in rows:
        found = forms.get(key, {})
        out.append({"name": next(iter(found), key[3:]), "forms": found, "label": labels, "name_en": name_en,
                    "kb_id": kb_id, "mentions": mentions, "articles": articles, "key": key})
    return out


#: Mentions read per normalized form to find how it is written (through the (layer, norm) index).
_SAMPLE = 25


def surface_forms(conn: sqlite3.Connection, keys: list[str], where: str = "layer = 'entities' AND norm != ''",
                  params: list[Any] | None = None) -> dict[str, dict[str, int]]:
    """For each entity key, its spellings as the articles write them, most frequent first (up to
    10): the normalized forms of its mentions are counted in one pass, then a few mentions of
    each form are read from the text (so ``مُحَمَّد`` and ``محمد``, one normalized form, show as
    written)."""
    if not keys:
        return {}
    norms = conn.execute(
        f"SELECT {_ENTITY_KEY} AS k, norm, count(*) FROM spans WHERE {where} "
        "AND k IN (SELECT value FROM json_each(?)) GROUP BY k, norm ORDER BY 3 DESC",
        [*(params or []), json.dumps(keys)]).fetchall()
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for key, norm, n in norms:
        if len(out[key]) >= 10:
            continue
        written = Counter(" ".join(t.split()) for (t,) in conn.execute(
            "SELECT substr(a.text, s.start + 1, s.\"end\" - s.start) FROM spans s "
            "JOIN articles a ON a.id = s.article_id "
            "WHERE s.layer = 'entities' AND s.norm = ? AND s.norm != '' LIMIT ?",  # the (layer, norm) index
            (norm, _SAMPLE)) if t)
        total = sum(written.values()) or 1
        for form, seen in written.items():  # the form's count shared by how its sample is written
            out[key][form] += max(1, round(n * seen / total))
    return {k: dict(v.most_common(10)) for k, v in out.items()}


def entity(conn: sqlite3.Connection, name: str, limit: int = 200) -> dict[str, Any]:
    """All mentions of an entity (Arabic name, English name or KB id) and the articles and events."""
    norm = normalize_str(name).strip()
    where = (
        "s.layer = 'entities' AND (s.norm = ? OR json_extract(s.attrs, '$.name_en') = ? COLLATE NOCASE "
        "OR json_extract(s.attrs, '$.kb_id') = ?)"
    )
    mentions = _span_rows(conn, where, [norm, name, name], limit)
    ids = list(dict.fromkeys(m["article_id"] for m in mentions))
    names = Counter(m["text"] for m in mentions)
    english = next((m["attrs"].get("name_en") for m in mentions if m["attrs"].get("name_en")), None)
    labels = Counter(m["label"] for m in mentions)
    evs = (
        _span_rows(conn, f"s.layer = 'events' AND s.article_id IN ({','.join('?' * len(ids))})", ids, limit)
        if ids
        else []
    )
    return {
        "name": name,
        "name_en": english,
        "labels": dict(labels),
        "forms": dict(names.most_common(10)),
        "mentions": len(mentions),
        "articles": articles_by_ids(conn, ids),
        "events": evs,
    }
