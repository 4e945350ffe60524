"""The crawl's tables: typed Parquet schemas and the rows of one analysed article.

``articles`` (one row per analysed article: text, clean text, the complete article
JSON without tokens, hashes, MinHash signature), ``events`` (one row per typed
:class:`~rasd.events.model.EventRecord`, ACLED/PLOVER columns typed: dates as dates,
counts as integers, coordinates as doubles, plus the lossless record JSON), ``reports``
(which article reports which event, with the evidence sentence and the figures it gave:
the shape of the store's event reports) and ``rejections`` (records that passed the
gate but could not be analysed, and read errors). Gated records are counted, not listed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from ..events.model import Actor, Count, EventRecord
from ..serialize import dumps

TABLES = ("articles", "events", "reports", "rejections")

ARTICLES = pa.schema([
    ("article_id", pa.string()), ("warc", pa.string()), ("record", pa.int32()),
    ("record_id", pa.string()), ("url", pa.string()), ("canonical_url", pa.string()),
    ("host", pa.string()), ("outlet", pa.string()), ("captured", pa.timestamp("s", tz="UTC")),
    ("published", pa.string()), ("date", pa.date32()), ("headline", pa.string()),
    ("lead", pa.string()), ("clean_text", pa.string()), ("text", pa.string()),
    ("text_hash", pa.string()), ("raw_hash", pa.string()), ("language", pa.string()),
    ("encoding", pa.string()), ("chars", pa.int32()), ("events", pa.int32()),
    ("flags", pa.list_(pa.string())), ("minhash", pa.binary()), ("layers", pa.list_(pa.string())),
    ("doc", pa.string()),
])

_COUNT = [("min", pa.int32()), ("best", pa.int32()), ("max", pa.int32())]
EVENTS = pa.schema([
    ("event_id", pa.string()), ("article_id", pa.string()), ("record_version", pa.int16()),
    ("event_type", pa.string()), ("sub_event_type", pa.string()), ("disorder_type", pa.string()),
    ("rasd_type", pa.string()), ("plover_event", pa.string()), ("plover_mode", pa.string()),
    ("plover_context", pa.list_(pa.string())), ("quad_code", pa.int8()),
    *[(f"{who}{suffix}", kind) for who in ("actor1", "actor2") for suffix, kind in (
        ("", pa.string()), ("_type", pa.string()), ("_inter", pa.int8()), ("_country", pa.string()),
        ("_kb_id", pa.string()))],
    ("interaction", pa.int16()), ("civilian_targeting", pa.string()),
    ("location", pa.string()), ("location_kb_id", pa.string()), ("country", pa.string()),
    ("country_name", pa.string()), ("iso", pa.int16()), ("region", pa.string()), ("admin1", pa.string()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("geo_precision", pa.int8()),
    ("event_date", pa.date32()), ("date_value", pa.string()), ("date_precision", pa.string()),
    ("time_precision", pa.int8()), ("date_basis", pa.string()),
    *[(f"{what}_{part}", kind) for what in ("fatalities", "injured", "arrested") for part, kind in _COUNT],
    ("realis", pa.string()), ("confidence", pa.float32()), ("tags", pa.list_(pa.string())),
    ("source_outlet", pa.string()), ("source_agencies", pa.list_(pa.string())),
    ("published", pa.date32()), ("outlet", pa.string()), ("url", pa.string()),
    ("notes", pa.string()), ("record", pa.string()),
])

REPORTS = pa.schema([
    ("event_id", pa.string()), ("article_id", pa.string()), ("url", pa.string()),
    ("outlet", pa.string()), ("published", pa.date32()), ("event_type", pa.string()),
    ("sentence_start", pa.int32()), ("sentence_end", pa.int32()), ("evidence", pa.string()),
    ("trigger_start", pa.int32()), ("trigger_end", pa.int32()), ("trigger", pa.string()),
    ("realis", pa.string()), ("fatalities_best", pa.int32()), ("injured_best", pa.int32()),
    ("arrested_best", pa.int32()),
])

REJECTIONS = pa.schema([
    ("warc", pa.string()), ("record", pa.int32()), ("record_id", pa.string()), ("url", pa.string()),
    ("stage", pa.string()), ("reason", pa.string()), ("message", pa.string()),
])

SCHEMAS: dict[str, pa.Schema] = {"articles": ARTICLES, "events": EVENTS, "reports": REPORTS,
                                  "rejections": REJECTIONS}


def to_date(value: str | None) -> dt.date | None:
    """The ``YYYY-MM-DD`` day an ISO string starts with, or ``None`` (coarser or malformed)."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def to_timestamp(value: str | None) -> dt.datetime | None:
    """A WARC-Date (``2024-01-01T00:00:00Z``) as an aware datetime, or ``None``."""
    if not value:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def _actor(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {prefix: None, f"{prefix}_type": None, f"{prefix}_inter": None,
                f"{prefix}_country": None, f"{prefix}_kb_id": None}
    return {prefix: actor.name, f"{prefix}_type": actor.type, f"{prefix}_inter": actor.inter,
            f"{prefix}_country": actor.country, f"{prefix}_kb_id": actor.kb_id}


def _count(prefix: str, count: Count | None) -> dict[str, Any]:
    return {f"{prefix}_{part}": getattr(count, part) if count else None for part in ("min", "best", "max")}


def event_row(record: EventRecord, event_id: str, article: dict[str, Any]) -> dict[str, Any]:
    """One ``events`` row: the typed record's fields as columns, and its JSON in ``record``.

    ``article`` holds the reporting article's ``article_id``, ``published`` (a date),
    ``outlet`` and ``url``."""
    loc, date = record.location, record.date
    return {
        "event_id": event_id, "article_id": article["article_id"], "record_version": 2,
        "event_type": record.event_type, "sub_event_type": record.sub_event_type,
        "disorder_type": record.disorder_type, "rasd_type": record.rasd_type,
        "plover_event": record.plover.event, "plover_mode": record.plover.mode,
        "plover_context": list(record.plover.context), "quad_code": record.plover.quad_code,
        **_actor("actor1", record.actor1), **_actor("actor2", record.actor2),
        "interaction": record.interaction, "civilian_targeting": record.civilian_targeting or None,
        "location": loc.name, "location_kb_id": loc.kb_id, "country": loc.country,
        "country_name": loc.country_name, "iso": loc.iso, "region": loc.region, "admin1": loc.admin1,
        "latitude": loc.lat, "longitude": loc.lon, "geo_precision": loc.geo_precision,
        "event_date": to_date(date.value) if date.precision == "day" else None,
        "date_value": date.value, "date_precision": date.precision,
        "time_precision": date.time_precision, "date_basis": date.basis,
        **_count("fatalities", record.fatalities), **_count("injured", record.injured),
        **_count("arrested", record.arrested),
        "realis": record.realis, "confidence": record.confidence, "tags": list(record.tags),
        "source_outlet": record.source.outlet, "source_agencies": list(record.source.agencies),
        "published": article["published"], "outlet": article["outlet"], "url": article["url"],
        "notes": record.notes, "record": dumps(record.to_dict()),
    }


def report_row(record: EventRecord, event_id: str, article: dict[str, Any], text: str) -> dict[str, Any]:
    """One ``reports`` row: the article that reports the event, with its evidence sentence."""
    sentence = record.evidence.get("event_type") or [record.trigger.start, record.trigger.end]
    return {
        "event_id": event_id, "article_id": article["article_id"], "url": article["url"],
        "outlet": article["outlet"], "published": article["published"], "event_type": record.event_type,
        "sentence_start": sentence[0], "sentence_end": sentence[1], "evidence": text[sentence[0]:sentence[1]],
        "trigger_start": record.trigger.start, "trigger_end": record.trigger.end,
        "trigger": record.trigger.text, "realis": record.realis,
        "fatalities_best": record.fatalities.best if record.fatalities else None,
        "injured_best": record.injured.best if record.injured else None,
        "arrested_best": record.arrested.best if record.arrested else None,
    }
