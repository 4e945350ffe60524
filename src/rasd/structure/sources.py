"""News agencies, outlets and photo credits: recognise them and split a sources line.

``العربي - أ ف ب`` is Al-Araby (outlet) and AFP (agency). Names are matched
on a key that ignores diacritics, alef/ya variants, spaces and dots, so
``أ ف ب``, ``أ.ف.ب`` and ``ا ف ب`` are one agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import LexiconError
from ..lexicon import load
from ..normalize import normalize_str

# Separators between the items of a sources line or credit.
_SEPARATORS = re.compile(r"\s*(?:[-–—/|+،,؛;]|\s و(?=\S))\s*")
_NOT_KEY = re.compile(r"[^\w]|_", re.U)
_AGENCY_WORD = re.compile(r"^(?:وكاله|وكالات)\s+")


@dataclass(frozen=True)
class SourceEntry:
    id: str
    name: str
    short: str
    kind: str  # agency | outlet | photo
    country: str


def source_key(text: str) -> str:
    """Normalized letters and digits only, lower-cased."""
    return _NOT_KEY.sub("", normalize_str(text)).lower()


@lru_cache(maxsize=1)
def _index() -> dict[str, SourceEntry]:
    data = load("sources")
    index: dict[str, SourceEntry] = {}
    for group, kind in (("photo", "photo"), ("outlets", "outlet"), ("agencies", "agency")):
        for item in data[group]:
            entry = SourceEntry(item["id"], item["name"], item["short"], kind, item["country"])
            if not item["names"]:
                raise LexiconError(f"sources: {item['id']} has no names")
            for name in item["names"]:
                index[source_key(name)] = entry
    return index


def match_source(text: str, kinds: tuple[str, ...] = ("agency", "outlet", "photo")) -> SourceEntry | None:
    """The agency, outlet or photo credit named by ``text``, if known."""
    index = _index()
    key = source_key(text)
    entry = index.get(key)
    if entry is None:
        stripped = source_key(_AGENCY_WORD.sub("", normalize_str(text)))
        entry = index.get(stripped)
    if entry is not None and entry.kind in kinds:
        return entry
    return None


def split_items(text: str, base: int) -> list[tuple[int, int]]:
    """Offsets of the items of a sources line starting at offset ``base``."""
    items = []
    pos = 0
    for m in _SEPARATORS.finditer(text):
        if m.start() > pos:
            items.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        items.append((pos, len(text)))
    out = []
    for s, e in items:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((base + s + lead, base + s + trail))
    return out
