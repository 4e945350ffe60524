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
from ..entities.countries import country as country_info
from ..errors import Rejection
from ..events import NAME
from ..events.component import event_records
from ..events.model import Actor, Count, EventRecord
from ..model import Article
from ..serialize import dumps

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


def _event_date(record: EventRecord) -> str | None:
    value = record.date.value or ""
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


def _names(actors: list[Actor]) -> str:
    return "; ".join(a.name for a in actors)


def _count(value: Count | None, key: str = "min") -> int | str:
    """ACLED's conservative figure: ``min`` (``best`` when there is no lower bound)."""
    if value is None:
        return ""
    got = value.min if key == "min" else value.best
    return got if got is not None else value.best or ""


def acled_rows(article: Article) -> list[dict[str, Any]]:
    """ACLED-style rows for an article's actual (or claimed) events with an ACLED type."""
    rows = []
    for rec in event_records(article):
        if rec.realis not in ACLED_REALIS or not rec.event_type:
            continue
        rows.append(_acled_row(article, rec))
    return rows


def _acled_row(article: Article, rec: EventRecord) -> dict[str, Any]:
    a1, a2, loc, src = rec.actor1, rec.actor2, rec.location, rec.source
    date = _event_date(rec)
    sources = [s for s in [src.outlet, *src.agencies] if s]
    tags = list(rec.tags) + ([f"{rec.departure} departure"] if rec.departure else [])
    return {
        "event_date": date or "",
        "year": date[:4] if date else "",
        "time_precision": rec.date.time_precision,
        "disorder_type": rec.disorder_type or "",
        "event_type": rec.event_type,
        "sub_event_type": rec.sub_event_type or "",
        "actor1": a1.name if a1 else "",
        "assoc_actor_1": _names(a1.assoc) if a1 else "",
        "inter1": (a1.inter or "") if a1 else "",
        "actor2": a2.name if a2 else "",
        "assoc_actor_2": _names(a2.assoc) if a2 else "",
        "inter2": (a2.inter or "") if a2 else "",
        "interaction": rec.interaction or "",
        "civilian_targeting": rec.civilian_targeting,
        "iso": loc.iso or "",
        "region": loc.region or "",
        "country": loc.country_name or "",
        "admin1": loc.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": loc.name or "",
        "latitude": loc.lat if loc.lat is not None else "",
        "longitude": loc.lon if loc.lon is not None else "",
        "geo_precision": loc.geo_precision,
        "source": "; ".join(sources),
        "source_scale": "International" if src.agencies else "",
        "notes": rec.notes,
        "fatalities": _count(rec.fatalities) or 0,
        "tags": "; ".join(tags),
        "timestamp": _timestamp(article),
        "injured": _count(rec.injured),
        "arrested": _count(rec.arrested),
        "evidence": json.dumps(rec.evidence, sort_keys=True),
        "rasd_type": rec.rasd_type or "",
        "realis": rec.realis,
        "rasd_event_id": rec.id,
        "article": _article_id(article),
    }


def _iso3(iso2: str | None) -> str | None:
    info = country_info(iso2)
    return info.iso3 if info else None


def _plover_actor(actor: Actor | None) -> list[dict[str, Any]]:
    if actor is None:
        return []
    out = []
    for a in [actor, *actor.assoc]:
        code = "IGO" if a.sector == "IGO" else (_iso3(a.country) if a.country else None)
        entry: dict[str, Any] = {"code": code, "sector": a.sector, "actor_text": a.text or None,
                                 "identifier_text": a.name}
        if a.kb_id:
            entry["identifier_id"] = a.kb_id
        out.append(entry)
    return out


def plover_records(article: Article) -> list[dict[str, Any]]:
    """PLOVER records (negated events left out, as PLOVER allows)."""
    return [_plover_record(article, rec) for rec in event_records(article) if rec.realis != "negated"]


def _plover_record(article: Article, rec: EventRecord) -> dict[str, Any]:
    loc, trig = rec.location, rec.trigger
    first = rec.mentions[0] if rec.mentions else [trig.start, trig.end]
    return {
        "id": f"{_article_id(article)}#{rec.id}",
        "has_event": True,
        "date": _event_date(rec),
        "source": _plover_actor(rec.actor1),
        "recipient": _plover_actor(rec.target or rec.actor2),
        "event": [rec.plover.event],
        "mode": rec.plover.mode,
        "context": rec.plover.context,
        "quad_code": rec.plover.quad_code,
        "event_loc": {
            "name": loc.name,
            "latitude": loc.lat,
            "longitude": loc.lon,
            "country code": loc.country,
            "cc3": _iso3(loc.country),
            "admin1 code": loc.admin1,
            "geonameid": _geonameid(loc.kb_id),
        },
        "event_text": [article.text[trig.start : trig.end]],
        "size": {
            "dead": _count(rec.fatalities, "best") or None,
            "injured": _count(rec.injured, "best") or None,
            "arrested": _count(rec.arrested, "best") or None,
        },
        "text": article.text[first[0] : first[1]],
        "text_info": {"start": first[0], "end": first[1]},
        "cite_info": {
            "url": article.meta.url,
            "title": article.headline,
            "language": "ar",
            "publication": rec.source.outlet,
            "coder": f"rasd {__version__} {NAME}",
        },
        "coder": f"rasd {NAME}",
        "comment": json.dumps(
            {"acled": [rec.event_type, rec.sub_event_type], "rasd_type": rec.rasd_type, "realis": rec.realis,
             "evidence": rec.evidence},
            ensure_ascii=False,
        ),
    }


def _geonameid(kb_id: str | None) -> int | None:
    """The GeoNames id of a knowledge-base place id (``gn:1526384``), or None."""
    if kb_id and kb_id.startswith(("gn:", "geonames:")):
        try:
            return int(kb_id.split(":", 1)[1])
        except ValueError:
            return None
    return None


class EventWriter:
    """Writes event exports for a stream of results: the CSV header once, then the
    rows of each article; rejected inputs write nothing."""

    def __init__(self, fmt: str, out: TextIO, header: bool = True) -> None:
        """``header=False`` leaves the CSV header out (a worker rendering rows for a parent
        that wrote it)."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown event format {fmt!r}")
        self.fmt = fmt
        self.out = out
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "acled-csv":
            self._csv = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + RASD_COLUMNS, lineterminator="\n")
            if header:
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
            self.out.write(dumps(rec) + "\n")
        return len(records)
