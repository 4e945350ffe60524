"""How often a place name is a name: a prior computed from unlabelled news.

``scripts/build_place_prior.py`` tags the news corpora with the packaged tagger and
counts, for every word the knowledge base could read as a place (``حلب``,
``المدينة``, ``فرقه`` = ``ف`` + ``رقه``), how often it occurs and how often the tagger
tags it ``LOC``. The counts ship as ``rasd/models/place_prior.json.gz``; a word
that is mostly an ordinary word (``المدينة`` "the city", ``طراز`` "model",
``وأن`` "and that") gets a low rate, a city whose name is also a word but which
news names mostly as a place (``حلب``) a high one. Nothing here is a hand list.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import LexiconError

PRIOR_FILE = "place_prior.json.gz"
#: below this many occurrences a word's rate says little: it is unknown (None)
MIN_COUNT = 5


@dataclass(frozen=True, slots=True)
class WordPrior:
    """``count`` occurrences in the corpora, ``loc`` of them tagged LOC, ``entity`` tagged
    as any entity."""

    count: int
    loc: int
    entity: int

    @property
    def loc_rate(self) -> float:
        """Smoothed share of occurrences that are places (add-one)."""
        return (self.loc + 1) / (self.count + 2)

    @property
    def name_rate(self) -> float:
        """Smoothed share of occurrences that are names of any kind."""
        return (self.entity + 1) / (self.count + 2)


@lru_cache(maxsize=1)
def _counts() -> dict[str, list[int]]:
    try:
        raw = resources.files("rasd").joinpath("models", PRIOR_FILE).read_bytes()
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
        counts = data["counts"]
    except (OSError, ValueError, KeyError) as exc:
        raise LexiconError(f"cannot load {PRIOR_FILE}: {exc}; run scripts/build_place_prior.py") from exc
    if not isinstance(counts, dict) or not counts:
        raise LexiconError(f"{PRIOR_FILE}: 'counts' must be a non-empty object")
    return counts


def word_prior(word_key: str) -> WordPrior | None:
    """The corpus counts of a normalized word (a :func:`~rasd.entities.kb.key`, clitics
    included), or ``None`` when it occurred fewer than :data:`MIN_COUNT` times."""
    hit = _counts().get(word_key)
    if hit is None or hit[0] < MIN_COUNT:
        return None
    return WordPrior(*hit)
