"""Countries and nationality words, from the entities owner's data.

:func:`country` gives what rasd knows about a country by ISO 3166 alpha-2 code
(``data/countries.json``, built by ``scripts/build_countries.py``): English name,
alpha-3 and numeric codes (ACLED's ``iso`` column is the numeric code), UN subregion,
a representative point and the knowledge-base id of its capital.
:func:`demonym_country` reads a nationality word (``الروسية``, ``إسرائيليين``) through the
knowledge base's demonyms. Other components (events, exports) use these and keep no
country or demonym list of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from ..lexicon import load
from .kb import default_kb


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str | None
    iso_num: int | None
    name_en: str
    subregion: str
    lat: float | None
    lon: float | None
    capital: str | None  # knowledge-base id of the capital city (``gn:1526273``)


@cache
def _countries() -> dict[str, Country]:
    out = {}
    for iso2, c in load("countries")["countries"].items():
        out[iso2] = Country(iso2, c.get("iso3"), c.get("iso_num"), c["name_en"], c.get("subregion") or "",
                            c.get("lat"), c.get("lon"), c.get("capital"))
    return out


def country(iso2: str | None) -> Country | None:
    """The country with ISO 3166 alpha-2 code ``iso2``, or None (unknown or None code)."""
    return _countries().get(iso2 or "")


@cache
def _capitals() -> frozenset[str]:
    return frozenset(c.capital for c in _countries().values() if c.capital)


def is_capital(kb_id: str | None) -> bool:
    """Whether a knowledge-base id is a country's capital city (a capital may stand for its
    government: ``واشنطن``, ``موسكو``)."""
    return bool(kb_id) and kb_id in _capitals()


@lru_cache(maxsize=65536)
def demonym_country(norm: str) -> str | None:
    """The ISO2 country of a normalized nationality word (``الروسيه``, ``والاسرائيليين``),
    through the knowledge base's demonyms (clitics and the article allowed); None when the
    word is not one."""
    kb = default_kb()
    kb_id = kb.demonym(norm)
    if kb_id is None:
        return None
    if kb_id.startswith("iso:"):
        return kb_id[4:]
    record = kb.get(kb_id)
    return record.country if record is not None and record.country else None
