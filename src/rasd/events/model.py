"""Typed event records: what the events component writes and exporters, the store and
the web pages read.

An :class:`EventRecord` holds ACLED's and PLOVER's fields with typed parts
(:class:`Actor`, :class:`Location`, :class:`EventDate`, :class:`Count`...). Every field
read from the text points to the span it came from in its own layer (:class:`SpanRef`:
layer name and raw offsets): a count to its casualty spans, a place to its entity span,
a date to its date span. :meth:`EventRecord.to_dict` / :meth:`EventRecord.from_dict`
are the one serialization (versioned by :data:`RECORD_VERSION`); field names follow
ACLED (``event_type``, ``sub_event_type``, ``fatalities``, ``geo_precision``,
``time_precision``...) and PLOVER (``event``, ``mode``, ``context``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

#: Version of the record's dict form; :meth:`EventRecord.from_dict` reads this version and
#: the ones in :data:`READABLE_VERSIONS` (version 3 added ``candidate``, ``flags`` and a
#: figure's ``running_total``, each with a default).
RECORD_VERSION = 3
READABLE_VERSIONS = frozenset({2, 3})


@dataclass(frozen=True)
class SpanRef:
    """A span of another layer: ``layer`` (``casualties``, ``entities``, ``dates``,
    ``sentences``, ``quotes``, ``sources``) and raw ``[start, end)`` offsets."""

    layer: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SpanRef:
        return cls(str(d["layer"]), int(d["start"]), int(d["end"]))


def _refs(items: list[dict[str, Any]] | None) -> list[SpanRef]:
    return [SpanRef.from_dict(d) for d in items or []]


def _ref(d: dict[str, Any] | None) -> SpanRef | None:
    return SpanRef.from_dict(d) if d else None


@dataclass
class Count:
    """A count of people with ACLED's ``min``/``best``/``max`` and the casualty spans it
    came from (one span, or the distinct victim groups that were added up)."""

    min: int | None
    best: int | None
    max: int | None
    spans: list[SpanRef] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "best": self.best, "max": self.max,
                "spans": [s.to_dict() for s in self.spans]}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Count | None:
        if not d:
            return None
        return cls(d.get("min"), d.get("best"), d.get("max"), _refs(d.get("spans")))


@dataclass
class Figure:
    """One casualty figure an event's sentences gave (``kind`` killed/injured/arrested),
    as the casualties layer read it; ``span`` is that casualty span. ``running_total``:
    its clause adds up a span of time or cites the past (``منذ بداية الحرب``), so it is
    not counted in the event's ``fatalities`` / ``injured`` / ``arrested``."""

    kind: str
    min: int | None
    best: int | None
    max: int | None
    who: str | None
    who_text: str | None
    subset: bool
    cumulative: bool
    figure_source: str | None
    span: SpanRef
    sentence: tuple[int, int] | None
    running_total: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = self.span.to_dict()
        out["sentence"] = list(self.sentence) if self.sentence else None
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        sent = d.get("sentence")
        return cls(d["kind"], d.get("min"), d.get("best"), d.get("max"), d.get("who"), d.get("who_text"),
                   bool(d.get("subset")), bool(d.get("cumulative")), d.get("figure_source"),
                   SpanRef.from_dict(d["span"]), (int(sent[0]), int(sent[1])) if sent else None,
                   bool(d.get("running_total")))


@dataclass
class Actor:
    """An ACLED actor: ``name`` (``Police Forces of Kazakhstan``), ``type`` (ACLED's actor
    category), ``inter`` (ACLED's 1-8 code), PLOVER ``sector``, ISO2 ``country``, the words
    that named it (``text``), ``default`` when no words did (riots default to rioters),
    the linked ``kb_id``/``person``, and associated actors (``assoc``)."""

    name: str
    type: str
    inter: int | None
    sector: str | None
    country: str | None
    text: str | None
    default: bool = False
    person: str | None = None
    kb_id: str | None = None
    refers_to: str | None = None
    span: SpanRef | None = None
    assoc: list[Actor] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "inter": self.inter,
                               "sector": self.sector, "country": self.country, "text": self.text,
                               "default": self.default}
        for key in ("person", "kb_id", "refers_to"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.span is not None:
            out["span"] = self.span.to_dict()
        if self.assoc:
            out["assoc"] = [a.to_dict() for a in self.assoc]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Actor | None:
        if not d:
            return None
        return cls(d["name"], d["type"], d.get("inter"), d.get("sector"), d.get("country"), d.get("text"),
                   bool(d.get("default")), d.get("person"), d.get("kb_id"), d.get("refers_to"),
                   _ref(d.get("span")), [a for a in (cls.from_dict(x) for x in d.get("assoc") or []) if a])


@dataclass
class PlaceRef:
    """A place an event spread to (``spread_to``)."""

    name: str | None
    text: str | None
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    kb_id: str | None
    span: SpanRef | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = self.span.to_dict() if self.span else None
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PlaceRef:
        return cls(d.get("name"), d.get("text"), d.get("kind") or "place", d.get("country"), d.get("admin1"),
                   d.get("lat"), d.get("lon"), d.get("kb_id"), _ref(d.get("span")))


@dataclass
class Location:
    """Where: ACLED's ``location`` (``name``), ``country``/``country_name``, numeric
    ``iso``, ``region``, ``admin1``, ``lat``/``lon`` and ``geo_precision`` (1 the town,
    2 near it or a part of a region, 3 only a region or the country). ``basis`` is
    ``text`` when a place of the text gave it, ``article`` when only the article's main
    country did; ``span`` is the entity span."""

    name: str | None
    text: str | None
    kind: str | None
    country: str | None
    country_name: str | None
    iso: int | None
    region: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geo_precision: int
    kb_id: str | None
    basis: str
    span: SpanRef | None = None
    spread_to: list[PlaceRef] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("span", "spread_to")}
        out["span"] = self.span.to_dict() if self.span else None
        if self.spread_to:
            out["spread_to"] = [p.to_dict() for p in self.spread_to]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        return cls(d.get("name"), d.get("text"), d.get("kind"), d.get("country"), d.get("country_name"),
                   d.get("iso"), d.get("region"), d.get("admin1"), d.get("lat"), d.get("lon"),
                   int(d.get("geo_precision") or 3), d.get("kb_id"), d.get("basis") or "article",
                   _ref(d.get("span")), [PlaceRef.from_dict(p) for p in d.get("spread_to") or []])


@dataclass
class EventDate:
    """When: ``value`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, never a made-up first day),
    ``precision`` (day/week/month/year), ACLED's ``time_precision`` (1 day, 2 week, 3 month
    or more), the date ``kind`` (absolute/relative/published), ``basis`` (``text``: a date
    of the text; ``published``: only the publication date; ``none``), and the date span."""

    value: str | None
    precision: str | None
    time_precision: int
    kind: str | None
    basis: str
    text: str | None
    span: SpanRef | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = self.span.to_dict() if self.span else None
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventDate:
        return cls(d.get("value"), d.get("precision"), int(d.get("time_precision") or 3), d.get("kind"),
                   d.get("basis") or "none", d.get("text"), _ref(d.get("span")))


@dataclass
class Plover:
    event: str
    mode: str | None
    context: list[str]
    quad_code: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Plover:
        return cls(d["event"], d.get("mode"), list(d.get("context") or []), d.get("quad_code"))


@dataclass
class Source:
    """Who reported it: the ``outlet`` and ``agencies`` of the sources line, the URL."""

    outlet: str | None
    agencies: list[str]
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(d.get("outlet"), list(d.get("agencies") or []), d.get("url"))


@dataclass
class Trigger:
    """The first trigger of the event: raw offsets, its words, the lexicon term matched and
    the trigger ``kind`` of ``events_triggers.json`` (``riot``, ``airstrike``, ``arrest``...)."""

    start: int
    end: int
    text: str
    term: str
    kind: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Trigger:
        return cls(int(d["start"]), int(d["end"]), d["text"], d.get("term") or "", d.get("kind") or "")


@dataclass
class EventRecord:
    """One event of an article, with evidence (see docs/events.md for every field)."""

    id: str
    event_type: str | None
    sub_event_type: str | None
    disorder_type: str | None
    rasd_type: str | None
    plover: Plover
    actor1: Actor | None
    actor2: Actor | None
    interaction: int | None
    civilian_targeting: str
    location: Location
    date: EventDate
    fatalities: Count | None
    injured: Count | None
    arrested: Count | None
    casualties: list[Figure]
    realis: str
    confidence: float | None
    tags: list[str]
    source: Source
    trigger: Trigger
    evidence: dict[str, list[int]]
    mentions: list[list[int]]
    notes: str
    target: Actor | None = None
    departure: str | None = None
    motive: dict[str, Any] | None = None
    # below the event_threshold setting: kept only with --all-candidates (docs/events.md)
    candidate: bool = False
    # doubts about the record (``date_unread``: a date-like word the dates layer did not read)
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-able dict, ``record_version`` first."""
        out: dict[str, Any] = {"record_version": RECORD_VERSION}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("target", "departure", "motive") and value is None:
                continue
            if isinstance(value, list):
                out[f.name] = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
            else:
                out[f.name] = value.to_dict() if hasattr(value, "to_dict") else value
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventRecord:
        """Read a record written by :meth:`to_dict` (this version or an earlier readable one:
        fields added since take their defaults); raises ``ValueError`` for another version."""
        version = d.get("record_version")
        if version not in READABLE_VERSIONS:
            raise ValueError(f"event record version {version!r}, expected one of {sorted(READABLE_VERSIONS)}")
        return cls(
            id=d["id"], event_type=d.get("event_type"), sub_event_type=d.get("sub_event_type"),
            disorder_type=d.get("disorder_type"), rasd_type=d.get("rasd_type"),
            plover=Plover.from_dict(d["plover"]), actor1=Actor.from_dict(d.get("actor1")),
            actor2=Actor.from_dict(d.get("actor2")), interaction=d.get("interaction"),
            civilian_targeting=d.get("civilian_targeting") or "", location=Location.from_dict(d["location"]),
            date=EventDate.from_dict(d["date"]), fatalities=Count.from_dict(d.get("fatalities")),
            injured=Count.from_dict(d.get("injured")), arrested=Count.from_dict(d.get("arrested")),
            casualties=[Figure.from_dict(x) for x in d.get("casualties") or []], realis=d["realis"],
            confidence=d.get("confidence"), tags=list(d.get("tags") or []),
            source=Source.from_dict(d.get("source") or {}), trigger=Trigger.from_dict(d["trigger"]),
            evidence={k: list(v) for k, v in (d.get("evidence") or {}).items()},
            mentions=[list(m) for m in d.get("mentions") or []], notes=d.get("notes") or "",
            target=Actor.from_dict(d.get("target")), departure=d.get("departure"), motive=d.get("motive"),
            candidate=bool(d.get("candidate")), flags=[str(f) for f in d.get("flags") or []])
