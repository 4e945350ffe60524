"""The offline knowledge base: canonical records and their Arabic names.

Built by ``scripts/build_kb.py`` into ``rasd/models/kb.json.gz`` (gzip JSON,
about 0.4 MB) and loaded on first use. A record is
``[type, name_en, country, lat, lon, population, role, admin1]`` under an id:
``iso:KZ`` (country, ISO 3166 alpha-2), ``gn:1526384`` (GeoNames place),
``m49:143`` (UN M49 region), ``org:nato`` / ``per:antony-blinken`` /
``reg:crimea`` (hand-curated, ``rasd/data/kb_curated.json``).

Names are indexed by :func:`key`: the normalized text (see
:mod:`rasd.normalize`) with punctuation and parentheses removed.
:meth:`KnowledgeBase.lookup` also tries the name without a leading
proclitic (``بكازاخستان``) and with or without the article ``ال``.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import LexiconError
from ..normalize import normalize_str
from ..tokens import clitic_candidates

KB_FILE = "kb.json.gz"
_PARENS = re.compile(r"\s*[(\[].*?[)\]]\s*")
_NOT_AR = re.compile(r"[^\u0621-\u064A ]")
#: Populated places, from large to small (GeoNames feature codes; curated camps and quarters).
POPULATED = frozenset({"city", "town", "village", "camp", "neighbourhood"})
#: Record types that name a place (``LOC``): countries, first/second-level divisions, informal
#: regions (M49, curated), seas and straits, facilities (hospitals, crossings, bases).
PLACE_TYPES = POPULATED | frozenset({"country", "admin1", "admin2", "region", "water", "facility"})
ORG_TYPES = frozenset({"organisation", "agency", "outlet", "company", "party", "agency_gov", "ministry",
                       "photo"})
LABEL_TYPES = {"PERS": frozenset({"person"}), "LOC": PLACE_TYPES, "ORG": ORG_TYPES}


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The index key of an Arabic name: normalized, no parentheses or punctuation."""
    name = _PARENS.sub(" ", name)
    name = _NOT_AR.sub(" ", normalize_str(name))
    return " ".join(name.split())


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    type: str
    name_en: str
    country: str
    lat: float | None
    lon: float | None
    population: int
    role: str
    admin1: str = ""

    @property
    def label(self) -> str:
        """The NER label this kind of record is named by."""
        if self.type == "person":
            return "PERS"
        return "LOC" if self.type in PLACE_TYPES else "ORG"


@dataclass(frozen=True, slots=True)
class Match:
    """A lookup hit: the record ids and how many leading normalized characters
    of the queried key (a proclitic) the name left out."""

    ids: tuple[str, ...]
    cut: int


class KnowledgeBase:
    def __init__(self, data: dict[str, Any]) -> None:
        self._records: dict[str, list[Any]] = data["records"]
        self.names: dict[str, list[str]] = data["names"]
        self.demonyms: dict[str, str] = data["demonyms"]
        self.ministries: list[dict[str, Any]] = data["ministries"]
        self.titles: list[dict[str, Any]] = data["titles"]
        #: name -> the record that is its default reading (``غزة`` -> the Gaza Strip)
        self.defaults: dict[str, str] = data.get("defaults", {})
        self._cache: dict[str, Record] = {}
        self._first: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._records)

    def get(self, rid: str) -> Record | None:
        rec = self._cache.get(rid)
        if rec is None:
            raw = self._records.get(rid)
            if raw is None:
                return None
            rec = Record(rid, *raw)
            self._cache[rid] = rec
        return rec

    def max_words(self, word: str) -> int:
        """How many words the longest name starting with ``word`` (a normalized word,
        clitics allowed) has; 0 when none does."""
        if self._first is None:
            first: dict[str, int] = {}
            for name in self.names:
                parts = name.split(" ")
                first[parts[0]] = max(first.get(parts[0], 0), len(parts))
            self._first = first
        best = 0
        for _prefix, stem in clitic_candidates(word):
            for variant in _article_variants(stem):
                best = max(best, self._first.get(variant, 0))
        return best

    def lookup(self, name_key: str) -> Match | None:
        """Records named ``name_key`` (a :func:`key`), trying clitic and article variants."""
        if not name_key:
            return None
        first, _, rest = name_key.partition(" ")
        tail = " " + rest if rest else ""
        # The article stays part of the name: بالناتو is ب + الناتو, never بال + ناتو, and
        # الفتح is not فتح (Fatah), السنة not سنه (Sanandaj).
        for prefix, stem in clitic_candidates(first):
            if prefix.endswith("ال"):
                continue
            ids = self.names.get(stem + tail)
            if ids:
                return Match(tuple(ids), _cut(first, prefix, stem))
        return None

    def demonym(self, name_key: str) -> str | None:
        """The record id a nationality adjective points to (``الأميركية`` -> ``iso:US``)."""
        first, _, rest = name_key.partition(" ")
        if rest:
            return self.demonyms.get(name_key)
        for _prefix, stem in clitic_candidates(first):
            for variant in _article_variants(stem):
                hit = self.demonyms.get(variant)
                if hit:
                    return hit
        return None


def _cut(first: str, prefix: str, stem: str) -> int:
    """Leading characters of the surface left out of the name: the proclitics
    (``و|الولايات`` -> cut ``و``). When the reading restored an article the surface
    merged (``ل|الولايات`` for ``للولايات``), the shared lam stays in the span."""
    if first[len(prefix):] == stem:
        return len(prefix)
    return max(0, len(prefix) - 1)


def _article_variants(stem: str) -> tuple[str, ...]:
    if stem.startswith("ال") and len(stem) > 4:
        return (stem, stem[2:])
    return (stem, "ال" + stem)


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded on first use."""
    try:
        raw = resources.files("rasd").joinpath("models", KB_FILE).read_bytes()
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise LexiconError(f"cannot load knowledge base {KB_FILE}: {exc}; run scripts/build_kb.py") from exc
    for group in ("records", "names", "demonyms", "ministries", "titles"):
        if not data.get(group):
            raise LexiconError(f"knowledge base {KB_FILE}: group {group!r} is missing or empty")
    return KnowledgeBase(data)

