"""Places and dates of a sentence, read from the ``entities`` and ``dates`` layers.

The events component keeps no gazetteer and no date reader: a place is a ``LOC``
entity (with its knowledge-base link, country, admin1 and coordinates), a date is a
span of the dates layer. Only what those layers do not describe is read here:
region-level expressions (``المقاطعات``, ``جميع أنحاء البلاد``: lexicon group
``region``) and ``near`` words before a place (``قرب``, ``شمال``: geo precision 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import layers as L
from ..model import Span
from .text import SentenceView

#: Entity ``type`` values (knowledge base and GeoNames feature classes) by place kind.
_KINDS = {
    "country": "country", "pcli": "country",
    "city": "city", "town": "city", "village": "city", "ppl": "city", "ppla": "city", "pplc": "city",
    "camp": "city", "neighbourhood": "city", "neighborhood": "city",
    "admin1": "admin1", "province": "admin1", "state": "admin1", "governorate": "admin1",
    "admin2": "admin1", "district": "admin1",
}


@dataclass
class Place:
    start: int  # normalized offsets in the sentence
    end: int
    text: str
    kind: str  # city | country | region | admin1 | place | continent
    country: str | None
    name_en: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    kb_id: str | None = None
    near: bool = False
    raw: str = ""
    span: tuple[int, int] | None = None  # raw offsets of the span it came from
    layer: str = L.ENTITIES  # the layer of that span (``sentences`` for a region expression)


@dataclass
class DateMention:
    start: int  # normalized offsets in the sentence
    end: int
    value: str | None  # ISO day, month (YYYY-MM) or year
    precision: str  # day | week | month | year
    kind: str  # absolute | relative
    span: tuple[int, int]  # raw offsets of the date span


def find_places(view: SentenceView, entity_spans: list[Span]) -> list[Place]:
    """The sentence's LOC entities and region expressions, in order (``entity_spans``:
    the sentence's entities), without the seat of a source (``ومقره بريطانيا``, ``الذي
    يتخذ من لندن مقرا``: lexicon ``seat_words``)."""
    places = [_from_entity(view, s) for s in entity_spans if s.label == "LOC"]
    places = [p for p in places if p.kind != "continent"]
    places += [Place(m.start, m.end, view.text[m.start:m.end], "region", None,
                     span=view.raw_span(m.start, m.end), layer=L.SENTENCES)
               for m in view.find("region") if not any(p.start <= m.start < p.end for p in places)]
    # ومقره بريطانيا, الذي يتخذ من لندن مقرا: where a source is based is no place of the event
    seats = view.find("seat")
    places = [p for p in places if not any(m.end <= p.start and view.words_between(m.end, p.start) <= 1
                                           for m in seats)]
    near = view.find("near")
    for p in places:
        # قرب حماة, or a part of a place named in its own words (ريف إدلب: the countryside)
        p.near = any((m.end <= p.start and view.words_between(m.end, p.start) == 0)
                     or (m.start == p.start and m.end < p.end) for m in near)
        p.raw = view.raw_text(p.start, p.end)
    return sorted(places, key=lambda p: p.start)


#: English words that name a first-level administrative division (a knowledge-base region
#: ``Idlib Governorate`` is ACLED's admin1 ``Idlib``).
_ADMIN1_WORDS = ("Governorate", "Province", "Oblast", "Wilayah", "Prefecture", "Region", "State")


def _from_entity(view: SentenceView, span: Span) -> Place:
    a = span.attrs
    ns, ne = view.norm_pos(span.start), view.norm_pos(span.end)
    etype = str(a.get("type") or "place").lower()
    kind = "region" if etype == "region" and a.get("country") else _KINDS.get(etype, "place")
    if etype == "region" and not a.get("country"):
        kind = "continent"
    name_en, admin1 = a.get("name_en"), a.get("admin1")
    if kind == "region" and name_en and str(name_en).rsplit(" ", 1)[-1] in _ADMIN1_WORDS:
        kind, admin1 = "admin1", str(name_en).rsplit(" ", 1)[0]
    return Place(ns, ne, view.text[ns:ne], kind, a.get("country"), name_en, admin1,
                 a.get("lat"), a.get("lon"), a.get("kb_id"), span=(span.start, span.end))


def find_dates(view: SentenceView, date_spans: list[Span]) -> list[DateMention]:
    """The sentence's dates (``date_spans``: the sentence's spans of the dates layer) that
    have a value."""
    out = []
    for s in date_spans:
        value: Any = s.attrs.get("value")
        if value:
            out.append(DateMention(view.norm_pos(s.start), view.norm_pos(s.end), str(value),
                                   str(s.attrs.get("precision") or "day"),
                                   str(s.attrs.get("kind") or "absolute"), (s.start, s.end)))
    return out
