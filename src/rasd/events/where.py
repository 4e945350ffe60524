"""Where and when an event happened, from the places and dates of its mentions.

The place is the most specific one any mention gives (a town over a governorate over a
country), with ACLED's ``geo_precision`` (1 the town itself, 2 near a town or a place
below admin1 that is not a town, 3 a region or the whole country); with no place in
the text, the article's main country at precision 3 (``basis: article``). Country
facts (English name, numeric ISO code, ACLED region) come from the entities owner.

The date is the most precise date of any mention's clause; with none, the publication
date at ACLED time precision 2 (``basis: published``). A month or a year is kept at
its precision (``2018-02``, time precision 3), never turned into the first day.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .. import layers as L
from ..entities.countries import Country
from ..entities.countries import country as country_info
from ..lexicon import load
from ..model import Article
from .model import EventDate, Location, PlaceRef, SpanRef
from .places import Place

if TYPE_CHECKING:
    from .assemble import EventMention

SPECIFIC = {"city": 0, "place": 1, "admin1": 2, "region": 3, "country": 4}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


@cache
def _types() -> dict[str, Any]:
    return load("events_types")


def best_place(group: list[EventMention]) -> EventMention | None:
    with_place = [g for g in group if g.place]
    if not with_place:
        return None
    return min(with_place, key=lambda g: SPECIFIC.get(g.place.kind, 1) if g.place else 9)


def _ref(place: Place) -> SpanRef | None:
    return SpanRef(place.layer, *place.span) if place.span else None


def acled_region(info: Country | None) -> str | None:
    """ACLED's region of a country (``Middle East``, ``Caucasus and Central Asia``...)."""
    if info is None:
        return None
    types = _types()
    region = types["acled_region_by_country"].get(info.iso2) or types["acled_regions"].get(info.subregion)
    return str(region) if region else None


def location(place: Place | None, country: str | None, group: list[EventMention]) -> Location:
    """The event's :class:`Location` from its best place (or the article's country)."""
    iso2 = (place.country if place else None) or country
    info = country_info(iso2)
    out = Location(name=info.name_en if info else None, text=None, kind=None, country=iso2,
                   country_name=info.name_en if info else None, iso=info.iso_num if info else None,
                   region=acled_region(info), admin1=None, lat=info.lat if info else None,
                   lon=info.lon if info else None, geo_precision=3, kb_id=None, basis="article")
    if place is not None:
        out.text, out.kind = place.raw or place.text, place.kind
        out.admin1, out.kb_id = place.admin1, place.kb_id
        out.basis, out.span = "text", _ref(place)
        if place.kind != "region":
            out.name = place.name_en or place.raw or place.text
            if place.lat is not None:
                out.lat, out.lon = place.lat, place.lon
        if place.kind == "admin1" and place.name_en:
            out.admin1 = out.admin1 or place.name_en
        pinpoint = place.kind == "city" or (place.kind == "place" and place.lat is not None)
        part = place.kind == "admin1" and place.near  # ريف إدلب: a part of the governorate
        out.geo_precision = (2 if place.near else 1) if pinpoint else (2 if part else 3)
    out.spread_to = [PlaceRef(p.name_en or p.raw or p.text, p.raw or p.text, p.kind, p.country, p.admin1,
                              p.lat, p.lon, p.kb_id, _ref(p)) for g in group for p in g.spread]
    return out


def after_publication(value: str | None, published: str | None) -> bool:
    """Whether a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) lies after the publication
    day at its own precision: an event reported as happening cannot be dated there (``جلسة
    استماع في أبريل`` in a February article is a future hearing, not the event's date)."""
    if not value or not published:
        return False
    return value > published[: len(value)]


def event_date(group: list[EventMention], article: Article) -> tuple[EventMention | None, EventDate]:
    """The event's date and the mention it came from (None when only published). A date
    after the publication date is never the event's (:func:`after_publication`; the record
    is flagged ``date_after_published`` by :mod:`.records`)."""
    published_day = (article.meta.published or "")[:10] or None
    dated = [g for g in group
             if g.date and g.date.value and not after_publication(g.date.value, published_day)]
    if dated:
        em = min(dated, key=lambda g: (_TIME_PRECISION.get(g.date.precision, 3), g.date.value))  # type: ignore[union-attr]
        d = em.date
        assert d is not None
        return em, EventDate(d.value, d.precision, _TIME_PRECISION.get(d.precision, 3), d.kind, "text",
                             em.view.raw_text(d.start, d.end), SpanRef(L.DATES, *d.span))
    published = (article.meta.published or "")[:10] or None
    return None, EventDate(published, "week" if published else None, 2 if published else 3,
                           "published", "published" if published else "none", None)
