"""The fields of a fused event, chosen from its reports the way ACLED chooses them.

- **Id.** ``ev-`` + 16 hex digits of the sha256 of the *founding* report's key: the report
  published first (ties: the smaller key), copies included. It depends only on the set of
  reports, so re-ingest and another order give the same id; a later report rarely changes
  it. ``event_id_cnty`` is ACLED's form: the ISO3 code of the event's country (``XXX`` when
  unknown) and a 12-digit number taken from the same hash.
- **Figures.** ACLED codes "the most conservative estimate available" when reports differ
  and a vague amount conservatively (acleddata.com, *Fatalities* FAQ). A report's figure is
  *specific* when it is one number, *vague* when a range (``عشرات``: 10-99), and a running
  total (every casualty span it came from is ``cumulative``) is no event's toll. The event
  takes the lowest figure among the most specific tier (specific, else vague; running totals
  never), ``min`` the lowest minimum of that tier and ``max`` the highest maximum of all
  non-cumulative figures; ``*_report`` names the report it came from. Each report keeps its
  own figure in ``event_reports``.
- **Type, place, date, actors.** The type most reports give (ties: the more specific
  sub-type, then the founding report's); the most precise place (lowest ``geo_precision``,
  with coordinates, most reports); the day of the dated reports, else the latest possible
  day with ``time_precision`` 2; the actor most reports name (defaults left out when a named
  one exists).
- **Sources.** ``reports`` counts every report (copies included); ``sources`` the
  independent ones: reports from one outlet, one syndicated text (near-duplicates or exact
  copies) or crediting one agency count once.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..entities.countries import country as country_info

#: Sub-event types that say less than the others (a bare attack or clash): a tie goes elsewhere.
GENERIC_SUB_TYPES = frozenset({"Attack", "Armed clash", "Peaceful protest", "Other"})
KINDS = ("fatalities", "injured", "arrested")


def event_id(reports: Sequence[dict[str, Any]]) -> str:
    """The stable id of the event these reports support."""
    founder = min(reports, key=lambda r: (r.get("published") or "9999", r["key"]))
    return "ev-" + hashlib.sha256(founder["key"].encode()).hexdigest()[:16]


def event_id_cnty(eid: str, iso2: str | None) -> str:
    """ACLED's ``event_id_cnty``: ISO3 and a number, both stable for the event."""
    info = country_info(iso2) if iso2 else None
    number = int(hashlib.sha256(eid.encode()).hexdigest()[:12], 16) % 10**12
    return f"{info.iso3 if info else 'XXX'}{number}"


def _vote(values: Sequence[Any]) -> Any:
    """The most frequent non-empty value (ties: first seen)."""
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in values if v not in (None, "") and counts[v] == top)


def _type(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    pairs = [(r["event_type"], r["sub_event_type"]) for r in reports]
    counts = Counter(pairs)
    best = max(pairs, key=lambda p: (counts[p], p[1] not in GENERIC_SUB_TYPES))
    return next(r for r in reports if (r["event_type"], r["sub_event_type"]) == best)


def _place(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    names = Counter(r["location"] for r in reports)
    return min(reports, key=lambda r: (r["geo_precision"] or 9, r["latitude"] is None, -names[r["location"]]))


def choose_count(reports: Sequence[dict[str, Any]], kind: str) -> tuple[int | None, int | None, int | None,
                                                                            str | None]:
    """``(min, best, max, report key)`` of the event's figure of ``kind`` (see the module)."""
    figs = [r for r in reports if r[f"{kind}_best"] is not None or r[f"{kind}_min"] is not None]
    current = [r for r in figs if not r[f"{kind}_cumulative"]]
    specific = [r for r in current if r[f"{kind}_min"] is not None and r[f"{kind}_min"] == r[f"{kind}_max"]]
    tier = specific or current
    if not tier:
        return None, None, None, None

    def value(r: dict[str, Any]) -> int:
        return int(r[f"{kind}_best"] if r[f"{kind}_best"] is not None else r[f"{kind}_min"])

    chosen = min(tier, key=lambda r: (value(r), r["key"]))
    lows = [r[f"{kind}_min"] for r in tier if r[f"{kind}_min"] is not None]
    highs = [r[f"{kind}_max"] for r in current if r[f"{kind}_max"] is not None]
    low = min(lows) if lows else value(chosen)
    return low, value(chosen), max([*highs, value(chosen)]) if highs else None, chosen["key"]


def independent_sources(reports: Sequence[dict[str, Any]]) -> int:
    """Reports joined by one outlet, one syndicated text or one credited agency count once."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, Any], int] = {}
    for i, r in enumerate(reports):
        marks = [("outlet", r.get("outlet")), ("text", r.get("syndicate_id") or r.get("article_id"))]
        marks += [("agency", a) for a in json.loads(r.get("agencies") or "[]")]
        for mark in marks:
            if mark[1] in (None, ""):
                continue
            if mark in owner:
                parent[find(i)] = find(owner[mark])
            else:
                owner[mark] = i
    return len({find(i) for i in range(len(reports))})


def _actors(reports: Sequence[dict[str, Any]], role: str) -> tuple[dict[str, Any] | None, list[str]]:
    named = []
    for r in reports:
        for a in json.loads(r["actors"] or "[]"):
            if a["role"] == role:
                named.append(a)
    real = [a for a in named if not a.get("default")] or named
    name = _vote([a["name"] for a in real])
    chosen = next((a for a in real if a["name"] == name), None)
    others = sorted({a["name"] for a in named if a["name"] != name and not a.get("default")})
    return chosen, others


def fuse(reports: Sequence[dict[str, Any]], now: str) -> dict[str, Any]:
    """The ``events`` row of the event these reports (rows of ``event_reports`` with the
    article's ``syndicate_id``, copies included) support."""
    reports = sorted(reports, key=lambda r: (r["key"], r.get("copy_id") or 0))
    eid = event_id(reports)
    kind = _type(reports)
    place = _place(reports)
    dated = [r for r in reports if r["dated"]]
    a1, assoc1 = _actors(reports, "actor1")
    a2, assoc2 = _actors(reports, "actor2")
    info = country_info(place["country"]) if place["country"] else None
    realis = "actual" if any(r["realis"] == "actual" for r in reports) else reports[0]["realis"]
    confidences = [r["confidence"] for r in reports if r["confidence"] is not None]
    published = sorted(r["published"] for r in reports if r["published"])
    founder = min(reports, key=lambda r: (r.get("published") or "9999", r["key"]))
    row: dict[str, Any] = {
        "id": eid, "event_id_cnty": event_id_cnty(eid, place["country"]),
        "event_type": kind["event_type"], "sub_event_type": kind["sub_event_type"],
        "disorder_type": kind["disorder_type"], "rasd_type": kind["rasd_type"], "family": kind["family"],
        "plover_event": kind["plover_event"], "plover_mode": kind["plover_mode"],
        "actor1": a1["name"] if a1 else None, "actor1_type": a1["type"] if a1 else None,
        "inter1": a1["inter"] if a1 else None, "assoc_actor_1": "; ".join(assoc1) or None,
        "actor2": a2["name"] if a2 else None, "actor2_type": a2["type"] if a2 else None,
        "inter2": a2["inter"] if a2 else None, "assoc_actor_2": "; ".join(assoc2) or None,
        "interaction": kind["interaction"],
        "civilian_targeting": _vote([r["civilian_targeting"] for r in reports]),
        "actors": json.dumps(_all_actors(a1, assoc1, a2, assoc2, reports), ensure_ascii=False),
        "location": place["location"], "location_kb_id": place["location_kb_id"], "country": place["country"],
        "country_name": place["country_name"], "iso3": info.iso3 if info else None, "iso": place["iso"],
        "region": place["region"], "admin1": place["admin1"], "latitude": place["latitude"],
        "longitude": place["longitude"], "geo_precision": place["geo_precision"],
        **_date(dated, reports),
        "realis": realis, "confidence": max(confidences) if confidences else None,
        "reports": len(reports), "sources": independent_sources(reports),
        "outlets": json.dumps(sorted({r["outlet"] for r in reports if r["outlet"]}), ensure_ascii=False),
        "agencies": json.dumps(sorted({a for r in reports for a in json.loads(r["agencies"] or "[]")}),
                               ensure_ascii=False),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "notes": founder["notes"], "tags": _vote([r["tags"] for r in reports]), "updated": now,
    }
    for k in KINDS:
        low, best, high, key = choose_count(reports, k)
        row.update({f"{k}_min": low, f"{k}_best": best, f"{k}_max": high, f"{k}_report": key})
    return row


def _all_actors(a1: dict[str, Any] | None, assoc1: list[str], a2: dict[str, Any] | None, assoc2: list[str],
                reports: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    by_name = {a["name"]: a for r in reports for a in json.loads(r["actors"] or "[]")}
    out = []
    for role, chosen, assoc in (("actor1", a1, assoc1), ("actor2", a2, assoc2)):
        if chosen is not None:
            out.append({**_actor_fields(chosen), "role": role})
        out += [{**_actor_fields(by_name[n]), "role": f"assoc_{role}"} for n in assoc]
    return out


def _actor_fields(a: dict[str, Any]) -> dict[str, Any]:
    return {k: a.get(k) for k in ("name", "type", "inter", "country", "kb_id")}


def _date(dated: Sequence[dict[str, Any]], reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    if dated:
        day = _vote([r["event_date"] for r in dated])
        return {"event_date": day, "date_precision": "day", "time_precision": 1, "date_basis": "text"}
    last = max(r["hi"] for r in reports if r["hi"]) if any(r["hi"] for r in reports) else None
    text = [r for r in reports if r["date_basis"] == "text" and r["event_date"]]
    if text:
        r = min(text, key=lambda r: (r["time_precision"] or 9, r["key"]))
        return {"event_date": r["event_date"], "date_precision": r["date_precision"],
                "time_precision": r["time_precision"], "date_basis": "text"}
    return {"event_date": last, "date_precision": "week" if last else None, "time_precision": 2,
            "date_basis": "published" if last else "none"}
