"""Field values the event exports share, whether they read an article's records or the store.

- **Sources** (ACLED ``source``): every outlet and agency by the name analysts use. An outlet
  known to the sources lexicon (``rasd/data/sources.json``) is named by its short name, found by
  its name or by a label of its web host (``bbc.co.uk`` -> ``BBC``, ``arabic.cnn.com`` -> ``CNN``);
  an unknown one by its host or name as given. An article with no sources line still has its
  outlet (the URL's host, the TREC ``SRC``), so ``source`` is never empty when the outlet is known.
- **Source scale** (ACLED ``source_scale``, Codebook 2023, *Source scale*): ``National`` when a
  source is of the event's country, ``Regional`` when of another country of the same UN
  subregion, ``International`` otherwise; several scales are joined with ``-`` from the
  narrowest (``National-International``); ``Other`` when no source can be placed.
- **Location** (ACLED ``location``): a place name, never an ordinary word. A place the entities
  layer linked keeps its English name; an unlinked one (``الموصل`` read but not linked, or a
  word such as ``السورية`` that is no place) gives way to the event's admin1 or country name
  (the level ACLED codes with geo precision 3) and its words go to rasd's ``location_text``.
- **Dates** keep their precision: ``2022-01-08`` (day), ``2022-01`` (month), ``2022`` (year),
  never the first of the month; the precision is its own field (``date_precision``) beside
  ACLED's ``time_precision``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..entities.countries import country as country_info
from ..structure.sources import SourceEntry, match_source

_ARABIC = re.compile(r"[\u0600-\u06FF]")
#: Host labels that name no outlet (``www.bbc.co.uk``: only ``bbc`` does).
_HOST_NOISE = frozenset({"www", "arabic", "ar", "m", "news", "com", "net", "org", "co", "uk", "tv", "info"})
#: ACLED's source scales from the narrowest (Codebook 2023, *Source scale*).
SCALES = ("National", "Regional", "International")


@dataclass(frozen=True)
class Source:
    """One source of an event: its name as exported and, when known, its country (ISO2)."""

    name: str
    country: str | None
    known: bool


@lru_cache(maxsize=4096)
def source_of(name: str, kind: str = "outlet") -> Source:
    """The source ``name`` (an outlet or agency name, or a web host) as exported."""
    kinds = ("agency",) if kind == "agency" else ("outlet", "agency")
    entry = match_source(name, kinds) or _by_host(name, kinds)
    if entry is None:
        return Source(name, None, False)
    return Source(entry.short, entry.country, True)


def _by_host(host: str, kinds: tuple[str, ...]) -> SourceEntry | None:
    if "." not in host or " " in host:
        return None
    for label in host.lower().split("."):
        if label and label not in _HOST_NOISE:
            entry = match_source(label, kinds)
            if entry is not None:
                return entry
    return None


def sources(outlets: Iterable[str | None], agencies: Iterable[str | None]) -> list[Source]:
    """Every outlet then every agency, by exported name, each once, in order."""
    out: dict[str, Source] = {}
    for kind, names in (("outlet", outlets), ("agency", agencies)):
        for name in names:
            if name:
                src = source_of(name, kind)
                out.setdefault(src.name, src)
    return list(out.values())


def source_names(found: list[Source]) -> str:
    """ACLED's ``source``: the names joined by ``; ``."""
    return "; ".join(s.name for s in found)


def source_scale(found: list[Source], event_country: str | None) -> str:
    """ACLED's ``source_scale`` of these sources for an event in ``event_country`` (ISO2)."""
    event = country_info(event_country)
    scales = set()
    for src in found:
        if not src.known or not src.country:
            continue
        if src.country == event_country:
            scales.add("National")
        elif event is not None and (info := country_info(src.country)) is not None \
                and info.subregion and info.subregion == event.subregion:
            scales.add("Regional")
        else:
            scales.add("International")
    return "-".join(s for s in SCALES if s in scales) or "Other"


def location_fields(name: str | None, kb_id: str | None, admin1: str | None,
                    country_name: str | None) -> tuple[str, str]:
    """``(location, location_text)``: the place name ACLED's ``location`` holds and, when the
    place read was not linked, the words that named it."""
    if name and (kb_id or not _ARABIC.search(name)):
        return name, ""
    return admin1 or country_name or "", name or ""


def event_date(value: str | None) -> str:
    """An event date at its own precision (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), as read."""
    value = (value or "").strip()
    return value if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value) else ""


def date_precision(value: str | None, precision: str | None) -> str:
    """``day``, ``week``, ``month`` or ``year``: the record's own precision, else the date's length."""
    if precision:
        return precision
    return {10: "day", 7: "month", 4: "year"}.get(len(event_date(value)), "")
