"""Event reports: one event record of one stored article, as the store keeps it and fusion reads it.

A :class:`ReportRow` is made from a typed :class:`~rasd.events.model.EventRecord` (in the
analysis worker, or from the ``events`` spans of a store written before events were fused)
and holds the columns of the ``event_reports`` table: the record's type, actors, place,
date and figures, the offsets of its trigger and evidence, and who published it.

Its **key** is the article's text hash (16 hex digits) and the record id (``e1``, ``e2``...
in order of first mention): the same text gives the same key whatever its URL, file or page
chrome, so a syndicated copy shares its original's key and event ids derived from keys do
not depend on the order of ingest. (Raw offsets would not do: two copies of one wire story
scraped from two sites have the same clean text but different raw text.)
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date as Date
from datetime import timedelta
from typing import Any

from ..events.model import Actor, Count, EventRecord

VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
DEMONSTRATIONS = frozenset({"Protests", "Riots"})
#: Realis values whose reports are fused across articles (ACLED keeps actual and claimed events);
#: a negated, future, hypothetical or historical mention stays an event of its own.
FUSABLE = frozenset({"actual", "reported-as-claim"})
#: A report without a day in its clause (its date is the publication date) may tell of an
#: incident of up to this many days before publication.
LOOKBACK_DAYS = 3


def family(event_type: str | None, sub_event_type: str | None, rasd_type: str | None) -> str:
    """The type family reports must share to be one event (ACLED's rule, read by families:
    political violence, demonstrations, or one kind of strategic development)."""
    if event_type in VIOLENCE:
        return "violence"
    if event_type in DEMONSTRATIONS:
        return "demonstration"
    return f"{event_type or 'Other'}/{rasd_type or sub_event_type or 'Other'}"


@dataclass
class ReportRow:
    """One row of ``event_reports`` (field names are the column names)."""

    key: str
    record_id: str
    start: int
    end: int
    mentions: str
    evidence: str
    event_type: str | None
    sub_event_type: str | None
    disorder_type: str | None
    rasd_type: str | None
    family: str
    plover_event: str | None
    plover_mode: str | None
    realis: str
    confidence: float | None
    actor1: str | None
    actor1_type: str | None
    inter1: int | None
    actor2: str | None
    actor2_type: str | None
    inter2: int | None
    interaction: int | None
    civilian_targeting: str | None
    actors: str
    location: str | None
    location_kb_id: str | None
    country: str | None
    country_name: str | None
    iso: int | None
    region: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    event_date: str | None
    date_precision: str | None
    time_precision: int | None
    date_basis: str | None
    lo: str | None
    hi: str | None
    dated: int
    fatalities_min: int | None = None
    fatalities_best: int | None = None
    fatalities_max: int | None = None
    fatalities_cumulative: int = 0
    injured_min: int | None = None
    injured_best: int | None = None
    injured_max: int | None = None
    injured_cumulative: int = 0
    arrested_min: int | None = None
    arrested_best: int | None = None
    arrested_max: int | None = None
    arrested_cumulative: int = 0
    outlet: str | None = None
    agencies: str = "[]"
    url: str | None = None
    published: str | None = None
    notes: str | None = None
    tags: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # not stored (copies: url, outlet)

    @staticmethod
    def columns() -> tuple[str, ...]:
        """The stored columns, in field order."""
        return tuple(f.name for f in fields(ReportRow) if f.name != "extra")

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, c) for c in self.columns())

    @property
    def fusable(self) -> bool:
        return self.realis in FUSABLE and self.country is not None and self.lo is not None


def _actor_dict(role: str, actor: Actor) -> dict[str, Any]:
    return {"role": role, "name": actor.name, "type": actor.type, "inter": actor.inter,
            "country": actor.country, "kb_id": actor.kb_id, "default": actor.default}


def _actors(rec: EventRecord) -> list[dict[str, Any]]:
    out = []
    for role, actor in (("actor1", rec.actor1), ("actor2", rec.actor2)):
        if actor is None:
            continue
        out.append(_actor_dict(role, actor))
        out += [_actor_dict(f"assoc_{role}", a) for a in actor.assoc]
    return out


def _window(rec: EventRecord, published: str | None) -> tuple[str | None, str | None, int]:
    """``(lo, hi, dated)``: the days the incident can be on. A day read from the text is
    itself; a week or month is its span (never after publication); the publication date
    alone allows :data:`LOOKBACK_DAYS` before it."""
    value, pub = rec.date.value or "", _day(published)
    if rec.date.basis == "text" and len(value) == 10 and _day(value):
        return value, value, 1
    if rec.date.basis == "text" and len(value) in (4, 7) and value[:4].isdigit():
        first = _day(value + ("-01-01" if len(value) == 4 else "-01"))
        if first is not None:
            last = (first.replace(month=12, day=31) if len(value) == 4
                    else (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))
            if pub is not None:
                last = min(last, pub)
            return first.isoformat(), max(first, last).isoformat(), 0
    anchor = _day(value) if len(value) == 10 else pub
    if anchor is None:
        return None, None, 0
    return (anchor - timedelta(days=LOOKBACK_DAYS)).isoformat(), anchor.isoformat(), 0


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _cumulative(rec: EventRecord, count: Count) -> int:
    """1 when every casualty span the count came from is a running total (``cumulative``)."""
    spans = {(s.start, s.end) for s in count.spans}
    figs = [f for f in rec.casualties if (f.span.start, f.span.end) in spans]
    return int(bool(figs) and all(f.cumulative for f in figs))


def report_row(rec: EventRecord, text_hash: str, published: str | None, outlet: str | None) -> ReportRow:
    """The report row of one event record of an article whose text hash, publication date and
    outlet are given."""
    loc, a1, a2 = rec.location, rec.actor1, rec.actor2
    lo, hi, dated = _window(rec, published)
    row = ReportRow(
        key=f"{text_hash[:16]}:{rec.id}", record_id=rec.id, start=rec.trigger.start, end=rec.trigger.end,
        mentions=json.dumps(rec.mentions), evidence=json.dumps(rec.evidence, sort_keys=True),
        event_type=rec.event_type, sub_event_type=rec.sub_event_type, disorder_type=rec.disorder_type,
        rasd_type=rec.rasd_type, family=family(rec.event_type, rec.sub_event_type, rec.rasd_type),
        plover_event=rec.plover.event, plover_mode=rec.plover.mode, realis=rec.realis,
        confidence=rec.confidence,
        actor1=a1.name if a1 else None, actor1_type=a1.type if a1 else None, inter1=a1.inter if a1 else None,
        actor2=a2.name if a2 else None, actor2_type=a2.type if a2 else None, inter2=a2.inter if a2 else None,
        interaction=rec.interaction, civilian_targeting=rec.civilian_targeting or None,
        actors=json.dumps(_actors(rec), ensure_ascii=False),
        location=loc.name, location_kb_id=loc.kb_id, country=loc.country, country_name=loc.country_name,
        iso=loc.iso, region=loc.region, admin1=loc.admin1, latitude=loc.lat, longitude=loc.lon,
        geo_precision=loc.geo_precision, event_date=rec.date.value, date_precision=rec.date.precision,
        time_precision=rec.date.time_precision, date_basis=rec.date.basis, lo=lo, hi=hi, dated=dated,
        outlet=outlet or rec.source.outlet, agencies=json.dumps(rec.source.agencies, ensure_ascii=False),
        url=rec.source.url, published=(published or "")[:10] or None, notes=rec.notes or None,
        tags="; ".join(rec.tags) or None,
    )
    for kind in ("fatalities", "injured", "arrested"):
        count: Count | None = getattr(rec, kind)
        if count is None:
            continue
        setattr(row, f"{kind}_min", count.min)
        setattr(row, f"{kind}_best", count.best)
        setattr(row, f"{kind}_max", count.max)
        setattr(row, f"{kind}_cumulative", _cumulative(rec, count))
    return row


def as_dict(row: ReportRow) -> dict[str, Any]:
    out = asdict(row)
    out.pop("extra")
    return out
