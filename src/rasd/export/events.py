"""Event exports: ACLED-style CSV and PLOVER JSON Lines.

``acled-csv`` uses ACLED's column names (:data:`ACLED_COLUMNS`) and adds rasd's
own (:data:`RASD_COLUMNS`: injured, arrested, evidence...). ``plover-jsonl``
writes one PLOVER record per line with PLOVER's field names and
``size: {dead, injured, arrested}``. Both take the records of
:func:`rasd.events.component.event_records`; see ``docs/events.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any, TextIO

from .. import __version__
from ..errors import Rejection
from ..events import NAME
from ..events.component import event_records
from ..events.where_when import gazetteer
from ..model import Article

ACLED_COLUMNS = (
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
RASD_COLUMNS = ("injured", "arrested", "evidence", "rasd_type", "realis", "rasd_event_id", "article")
FORMATS = ("acled-csv", "plover-jsonl")
#: Realis values an ACLED-style table keeps (negated, future and hypothetical events are left out).
ACLED_REALIS = frozenset({"actual", "reported-as-claim"})


def _article_id(article: Article) -> str:
    return article.meta.url or article.meta.path or "article"


def _event_date(record: dict[str, Any]) -> str | None:
    value = str(record["date"].get("value") or "")
    if not value:
        return None
    if len(value) == 4:  # a year: its first day
        return value + "-01-01"
    return value if len(value) == 10 else (value + "-01")[:10]


def _timestamp(article: Article) -> int | str:
    try:
        day = dt.date.fromisoformat((article.meta.published or "")[:10])
    except ValueError:
        return ""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _names(actors: list[dict[str, Any]] | None) -> str:
    return "; ".join(a["name"] for a in actors or [])


def _count(value: dict[str, Any] | None, key: str = "min") -> int | str:
    if not value:
        return ""
    got = value.get(key)
    return got if got is not None else value.get("best") or ""


def acled_rows(article: Article) -> list[dict[str, Any]]:
    """ACLED-style rows for an article's actual (or claimed) events with an ACLED type."""
    rows = []
    for rec in event_records(article):
        if rec["realis"] not in ACLED_REALIS or not rec["event_type"]:
            continue
        a1, a2, loc, src = rec["actor1"] or {}, rec["actor2"] or {}, rec["location"], rec["source"]
        date = _event_date(rec)
        sources = [s for s in [src.get("outlet"), *src.get("agencies", [])] if s]
        tags = list(rec.get("tags") or [])
        if rec.get("departure"):
            tags.append(f"{rec['departure']} departure")
        rows.append(
            {
                "event_date": date or "",
                "year": date[:4] if date else "",
                "time_precision": rec["date"].get("time_precision", ""),
                "disorder_type": rec["disorder_type"] or "",
                "event_type": rec["event_type"],
                "sub_event_type": rec["sub_event_type"] or "",
                "actor1": a1.get("name", ""),
                "assoc_actor_1": _names(a1.get("assoc")),
                "inter1": a1.get("inter") or "",
                "actor2": a2.get("name", ""),
                "assoc_actor_2": _names(a2.get("assoc")),
                "inter2": a2.get("inter") or "",
                "interaction": rec.get("interaction") or "",
                "civilian_targeting": rec.get("civilian_targeting", ""),
                "iso": loc.get("iso") or "",
                "region": loc.get("region") or "",
                "country": loc.get("country_name") or "",
                "admin1": loc.get("admin1") or "",
                "admin2": "",
                "admin3": "",
                "location": loc.get("name") or "",
                "latitude": loc.get("lat") if loc.get("lat") is not None else "",
                "longitude": loc.get("lon") if loc.get("lon") is not None else "",
                "geo_precision": loc.get("geo_precision", ""),
                "source": "; ".join(sources),
                "source_scale": "International" if src.get("agencies") else "",
                "notes": rec.get("notes", ""),
                "fatalities": _count(rec.get("fatalities")) or 0,
                "tags": "; ".join(tags),
                "timestamp": _timestamp(article),
                "injured": _count(rec.get("injured")),
                "arrested": _count(rec.get("arrested")),
                "evidence": json.dumps(rec["evidence"], sort_keys=True),
                "rasd_type": rec.get("rasd_type") or "",
                "realis": rec["realis"],
                "rasd_event_id": rec["id"],
                "article": _article_id(article),
            }
        )
    return rows


def _plover_actor(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not actor:
        return []
    _index, _dem, countries = gazetteer()
    out = []
    for a in [actor, *actor.get("assoc", [])]:
        iso3 = countries.get(a.get("country") or "", {}).get("iso3")
        code = (
            iso3
            if a.get("sector") != "IGO" and a.get("country")
            else ("IGO" if a.get("sector") == "IGO" else None)
        )
        entry = {
            "code": code,
            "sector": a.get("sector"),
            "actor_text": a.get("text") or None,
            "identifier_text": a.get("name"),
        }
        if a.get("kb_id"):
            entry["identifier_id"] = a["kb_id"]
        out.append(entry)
    return out


def plover_records(article: Article) -> list[dict[str, Any]]:
    """PLOVER records (negated events left out, as PLOVER allows)."""
    out = []
    _index, _dem, countries = gazetteer()
    for rec in event_records(article):
        if rec["realis"] == "negated":
            continue
        loc = rec["location"]
        trig = rec["trigger"]
        first = rec["mentions"][0] if rec["mentions"] else [trig["start"], trig["end"]]
        out.append(
            {
                "id": f"{_article_id(article)}#{rec['id']}",
                "has_event": True,
                "date": _event_date(rec),
                "source": _plover_actor(rec["actor1"]),
                "recipient": _plover_actor(rec.get("target") or rec["actor2"]),
                "event": [rec["plover"]["event"]],
                "mode": rec["plover"]["mode"],
                "context": rec["plover"]["context"],
                "quad_code": rec["plover"]["quad_code"],
                "event_loc": {
                    "name": loc.get("name"),
                    "latitude": loc.get("lat"),
                    "longitude": loc.get("lon"),
                    "country code": loc.get("country"),
                    "cc3": countries.get(loc.get("country") or "", {}).get("iso3"),
                    "admin1 code": loc.get("admin1"),
                    "geonameid": _geonameid(loc.get("kb_id")),
                },
                "event_text": [article.text[trig["start"] : trig["end"]]],
                "size": {
                    "dead": _count(rec.get("fatalities"), "best") or None,
                    "injured": _count(rec.get("injured"), "best") or None,
                    "arrested": _count(rec.get("arrested"), "best") or None,
                },
                "text": article.text[first[0] : first[1]],
                "text_info": {"start": first[0], "end": first[1]},
                "cite_info": {
                    "url": article.meta.url,
                    "title": article.headline,
                    "language": "ar",
                    "publication": rec["source"].get("outlet"),
                    "coder": f"rasd {__version__} {NAME}",
                },
                "coder": f"rasd {NAME}",
                "comment": json.dumps(
                    {
                        "acled": [rec["event_type"], rec["sub_event_type"]],
                        "rasd_type": rec.get("rasd_type"),
                        "realis": rec["realis"],
                        "evidence": rec["evidence"],
                    },
                    ensure_ascii=False,
                ),
            }
        )
    return out


def _geonameid(kb_id: Any) -> int | None:
    if isinstance(kb_id, str) and kb_id.startswith("geonames:"):
        try:
            return int(kb_id.split(":", 1)[1])
        except ValueError:
            return None
    return None


class EventWriter:
    """Writes event exports for a stream of results: the CSV header once, then the
    rows of each article; rejected inputs write nothing."""

    def __init__(self, fmt: str, out: TextIO) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown event format {fmt!r}")
        self.fmt = fmt
        self.out = out
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "acled-csv":
            self._csv = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + RASD_COLUMNS, lineterminator="\n")
            self._csv.writeheader()

    def write(self, result: Article | Rejection) -> int:
        """Write one result's events; returns how many were written."""
        if isinstance(result, Rejection):
            return 0
        if self._csv is not None:
            rows = acled_rows(result)
            self._csv.writerows(rows)
            return len(rows)
        records = plover_records(result)
        for rec in records:
            self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return len(records)
