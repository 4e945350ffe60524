"""Event exports of analysed articles: ACLED-style CSV and PLOVER 2 JSON Lines.

``acled-csv`` has ACLED's columns first (:data:`ACLED_COLUMNS`, the ACLED Codebook 2023 with
numeric ``inter1``/``inter2`` codes 1-8 and the two-digit ``interaction``), then rasd's own
(:data:`RASD_COLUMNS`: injured, arrested, date precision, evidence...). ``plover-jsonl``
writes one PLOVER 2 record per line (:mod:`rasd.export.plover`). Both read the typed records
of :func:`rasd.events.component.event_records`; the rows of the store's fused events
(:mod:`rasd.export.store_events`) have the same columns. See ``docs/events.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any, TextIO

from ..errors import Rejection
from ..events.component import event_records
from ..events.model import Actor, Count, EventRecord
from ..model import Article
from ..serialize import dumps
from . import fields as F
from . import plover as P

#: ACLED's columns, in ACLED's order (Codebook 2023, *ACLED Data Columns at a Glance*).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
#: rasd's columns, after ACLED's: the same for an article's records and the store's events.
RASD_COLUMNS = (
    "injured", "arrested", "date_precision", "location_text", "rasd_type", "realis", "confidence",
    "reports", "sources", "evidence", "rasd_event_id", "rasd_report", "article", "date_basis",
    "candidate", "flags",
)
FORMATS = ("acled-csv", "plover-jsonl")
#: Realis values an ACLED-style table keeps (negated, future and hypothetical events are left out).
ACLED_REALIS = frozenset({"actual", "reported-as-claim"})


def _article_id(article: Article) -> str:
    return article.meta.url or article.meta.path or "article"


def report_key(article: Article, rec: EventRecord) -> str:
    """The record's report key, as the store gives it: 16 hex digits of the article's text
    hash and the record id (``3ced1f5ad6feee61:e2``)."""
    from ..store.ingest import text_hash

    return f"{text_hash(article.clean_text() or article.text)[:16]}:{rec.id}"


def _ids(article: Article, rec: EventRecord) -> tuple[str, str, str]:
    """``(report key, event id, event_id_cnty)``: the ids the store gives the record's event
    while it is its only report."""
    from ..store.fused import event_id, event_id_cnty

    key = report_key(article, rec)
    eid = event_id([{"key": key, "published": article.meta.published}])
    return key, eid, event_id_cnty(eid, rec.location.country)


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


def outlet_of(article: Article, rec: EventRecord) -> str | None:
    """The record's outlet: the sources line's, else the article's (URL host, TREC ``SRC``)."""
    if rec.source.outlet:
        return rec.source.outlet
    from ..store.ingest import outlet_of as article_outlet

    return article_outlet(article)


def acled_rows(article: Article) -> list[dict[str, Any]]:
    """ACLED-style rows for an article's actual (or claimed) events with an ACLED type."""
    rows = []
    for rec in event_records(article):
        if rec.realis not in ACLED_REALIS or not rec.event_type:
            continue
        rows.append(_acled_row(article, rec))
    return rows


def _acled_row(article: Article, rec: EventRecord) -> dict[str, Any]:
    a1, a2, loc = rec.actor1, rec.actor2, rec.location
    key, eid, cnty = _ids(article, rec)
    date = F.event_date(rec.date.value)
    found = F.sources([outlet_of(article, rec)], rec.source.agencies)
    location, location_text = F.location_fields(loc.name, loc.kb_id, loc.admin1, loc.country_name)
    tags = list(rec.tags) + ([f"{rec.departure} departure"] if rec.departure else [])
    return {
        "event_id_cnty": cnty, "event_date": date, "year": date[:4],
        "time_precision": rec.date.time_precision,
        "disorder_type": rec.disorder_type or "", "event_type": rec.event_type,
        "sub_event_type": rec.sub_event_type or "", "actor1": a1.name if a1 else "",
        "assoc_actor_1": _names(a1.assoc) if a1 else "", "inter1": (a1.inter or "") if a1 else "",
        "actor2": a2.name if a2 else "", "assoc_actor_2": _names(a2.assoc) if a2 else "",
        "inter2": (a2.inter or "") if a2 else "", "interaction": rec.interaction or "",
        "civilian_targeting": rec.civilian_targeting, "iso": loc.iso or "", "region": loc.region or "",
        "country": loc.country_name or "", "admin1": loc.admin1 or "", "admin2": "", "admin3": "",
        "location": location, "latitude": loc.lat if loc.lat is not None else "",
        "longitude": loc.lon if loc.lon is not None else "", "geo_precision": loc.geo_precision,
        "source": F.source_names(found), "source_scale": F.source_scale(found, loc.country),
        "notes": rec.notes, "fatalities": _count(rec.fatalities) or 0, "tags": "; ".join(tags),
        "timestamp": _timestamp(article),
        "injured": _count(rec.injured), "arrested": _count(rec.arrested),
        "date_precision": F.date_precision(rec.date.value, rec.date.precision),
        "location_text": location_text,
        "rasd_type": rec.rasd_type or "", "realis": rec.realis,
        "confidence": "" if rec.confidence is None else rec.confidence, "reports": 1, "sources": 1,
        "evidence": json.dumps(rec.evidence, sort_keys=True), "rasd_event_id": eid, "rasd_report": key,
        "article": _article_id(article), "date_basis": rec.date.basis,
        "candidate": "true" if rec.candidate else "", "flags": "; ".join(rec.flags),
    }


def _plover_actors(actor: Actor | None) -> list[dict[str, Any]]:
    if actor is None:
        return []
    return [P.actor_object(a.name, country=a.country, sector=a.sector, text=a.text, kb_id=a.kb_id,
                           default=a.default) for a in [actor, *actor.assoc]]


def plover_records(article: Article) -> list[dict[str, Any]]:
    """PLOVER 2 records (negated events left out, as PLOVER allows)."""
    return [_plover_record(article, rec) for rec in event_records(article) if rec.realis != "negated"]


def _plover_record(article: Article, rec: EventRecord) -> dict[str, Any]:
    loc, trig = rec.location, rec.trigger
    first = rec.mentions[0] if rec.mentions else [trig.start, trig.end]
    key, eid, _ = _ids(article, rec)
    return P.record(
        rid=key, date=rec.date.value, precision=rec.date.precision,
        plover=(rec.plover.event, rec.plover.mode, rec.plover.context), quad_code=rec.plover.quad_code,
        actor=_plover_actors(rec.actor1), recipient=_plover_actors(rec.target or rec.actor2),
        loc=P.event_loc(name=loc.name, lat=loc.lat, lon=loc.lon, country=loc.country, admin1=loc.admin1,
                        kb_id=loc.kb_id, geo_precision=loc.geo_precision),
        size={"dead": _count(rec.fatalities, "best") or None, "injured": _count(rec.injured, "best") or None,
              "arrested": _count(rec.arrested, "best") or None},
        cite={"url": article.meta.url, "title": article.headline, "publication": outlet_of(article, rec),
              "published": article.meta.published, "article": _article_id(article)},
        comment={"acled": [rec.event_type, rec.sub_event_type], "rasd_type": rec.rasd_type,
                 "realis": rec.realis, "confidence": rec.confidence, "candidate": rec.candidate,
                 "date_basis": rec.date.basis, "flags": rec.flags, "evidence": rec.evidence,
                 "rasd_event_id": eid},
        event_text=[article.text[trig.start : trig.end]], text=article.text[first[0] : first[1]],
        text_info={"start": first[0], "end": first[1]},
    )


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
