"""PLOVER 2 records, for an article's event records and for the store's fused events.

PLOVER 2 is the ontology of the POLECAT data set (Halterman, Bagozzi, Beger, Schrodt and
Scarborough 2023, *PLOVER and POLECAT: A New Political Event Ontology and Dataset*; the
specification lives in the ``openeventdata/PLOVER`` repository). What rasd follows:

- **Actors** are ``actor`` and ``recipient`` (PLOVER 2 renamed the 0.x ``source``; the target
  was already ``recipient``), each a list of actor objects: ``code`` (ISO 3166 alpha-3 or a
  non-state code such as ``IGO``), ``sector`` (``GOV``, ``COP``, ``MIL``...), ``entity_text``
  (the words of the article that named the actor, as written; 0.x ``actor_text``),
  ``identifier_text`` (the canonical name) and ``identifier_id`` (the knowledge-base id). The
  actor is required: an event whose text names none (and no default stands in) has
  :data:`UNSPECIFIED` as its only actor, saying so instead of leaving the list empty.
- **Event types**: REQUEST is an event type of its own (it replaces 0.x's DEMAND and takes the
  appeals CAMEO had), with the modes shared with REJECT: ``assist``, ``change``, ``yield``,
  ``meet``; a request for foreign troops is REQUEST / ``assist`` with context ``military``.
  The other types and modes rasd codes (PROTEST ``demo``/``riot``/..., ASSAULT ``firearms``/
  ``aerial``/..., COERCE ``arrest``/``curfew``/``martial-law``, MOBILIZE ``troops``, SANCTION
  ``withdraw``/``expel``, THREATEN ``violence``, AGREE) keep their names.
- ``event``, ``mode`` and ``context`` are lists; ``date`` is ``YYYY-MM-DD``, ``YYYY-MM`` or
  ``YYYY`` at the precision read (``date_precision``), never a made-up first day.
- ``event_loc`` has GeoNames' field names (``name``, ``latitude``, ``longitude``,
  ``country code``, ``cc3``, ``geonameid`` when the place is linked to GeoNames) and rasd's
  ``admin1`` name and ``geo_precision``.
- ``id`` is unique: the store's event id, or the report key of an article's record (the text
  hash and the record id, ``3ced1f5ad6feee61:e2``), the same whatever the file or URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .. import __version__
from ..entities.countries import country as country_info
from .fields import date_precision, event_date

#: The codebook the records follow (``cite_info.codebook``).
CODEBOOK = "plover-2"
#: Event types PLOVER 2 renamed.
V2_EVENTS = {"DEMAND": "REQUEST"}
#: ``(0.x event, mode) -> (PLOVER 2 mode, context added)`` for modes PLOVER 2 changed.
V2_MODES = {("DEMAND", "military"): ("assist", "military")}
#: The actor of an event whose text names none.
UNSPECIFIED: dict[str, Any] = {"code": None, "sector": None, "entity_text": None,
                               "identifier_text": None, "unspecified": True}


def v2_type(event: str | None, mode: str | None, context: Iterable[str]) -> tuple[list[str], list[str],
                                                                                  list[str]]:
    """``(event, mode, context)`` lists in PLOVER 2 terms for a record's PLOVER fields."""
    ctx = list(context)
    new_mode, added = V2_MODES.get((event or "", mode or ""), (mode, None))
    if added and added not in ctx:
        ctx.append(added)
    name = V2_EVENTS.get(event or "", event)
    return ([name] if name else []), ([new_mode] if new_mode else []), ctx


def iso3(iso2: str | None) -> str | None:
    info = country_info(iso2)
    return info.iso3 if info else None


def actor_object(name: str | None, *, country: str | None, sector: str | None = None,
                 text: str | None = None, kb_id: str | None = None, default: bool = False) -> dict[str, Any]:
    """One PLOVER 2 actor object."""
    code = "IGO" if sector == "IGO" else iso3(country)
    out: dict[str, Any] = {"code": code, "sector": sector if sector != "IGO" else None,
                           "entity_text": text or None, "identifier_text": name}
    if kb_id:
        out["identifier_id"] = kb_id
    if default:
        out["default"] = True  # no words named it: ACLED's default actor (riots: rioters)
    return out


def actors_or_unspecified(actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return actors or [dict(UNSPECIFIED)]


def geonameid(kb_id: str | None) -> int | None:
    """The GeoNames id of a knowledge-base place id (``gn:1526384``), or None."""
    if kb_id and kb_id.startswith(("gn:", "geonames:")):
        try:
            return int(kb_id.split(":", 1)[1])
        except ValueError:
            return None
    return None


def event_loc(*, name: str | None, lat: float | None, lon: float | None, country: str | None,
              admin1: str | None, kb_id: str | None, geo_precision: int | None) -> dict[str, Any]:
    return {"name": name, "latitude": lat, "longitude": lon, "country code": country, "cc3": iso3(country),
            "admin1": admin1, "geonameid": geonameid(kb_id), "geo_precision": geo_precision}


def record(*, rid: str, date: str | None, precision: str | None, plover: tuple[str | None, str | None,
                                                                                 Iterable[str]],
           quad_code: int | None, actor: list[dict[str, Any]], recipient: list[dict[str, Any]],
           loc: dict[str, Any], size: dict[str, Any], cite: dict[str, Any],
           comment: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A PLOVER 2 record in rasd's field order (``extra`` fields are added before ``comment``)."""
    events, modes, context = v2_type(*plover)
    return {
        "id": rid, "has_event": True, "date": event_date(date) or None,
        "date_precision": date_precision(date, precision) or None,
        "actor": actors_or_unspecified(actor), "recipient": recipient,
        "event": events, "mode": modes, "context": context, "quad_code": quad_code,
        "event_loc": loc, "size": size, "cite_info": {**cite, "language": "ar", "codebook": CODEBOOK},
        "coder": f"rasd {__version__}", **extra,
        "comment": json.dumps(comment, ensure_ascii=False, sort_keys=True),
    }
