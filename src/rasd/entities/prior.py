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
    as any entity; ``known``: the word occurs in the tagger's training data (otherwise the
    tagger's rate on it is a guess, and :attr:`cluster_rate` speaks for it)."""

    count: int
    loc: int
    entity: int
    known: bool = True
    cluster_rate: float | None = None

    @property
    def loc_rate(self) -> float:
        """Smoothed share of occurrences that are places (add-one)."""
        return (self.loc + 1) / (self.count + 2)

    @property
    def place_rate(self) -> float:
        """:attr:`loc_rate`, or for a word the tagger never saw in training the higher of it
        and its word cluster's rate (``عفرين``: 0.06 by the tagger, a place by its cluster)."""
        if self.known or self.cluster_rate is None:
            return self.loc_rate
        return max(self.loc_rate, self.cluster_rate)

    @property
    def name_rate(self) -> float:
        """Smoothed share of occurrences that are names of any kind."""
        return (self.entity + 1) / (self.count + 2)


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    try:
        raw = resources.files("rasd").joinpath("models", PRIOR_FILE).read_bytes()
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
        counts, clusters = data["counts"], data.get("clusters", {})
    except (OSError, ValueError, KeyError) as exc:
        raise LexiconError(f"cannot load {PRIOR_FILE}: {exc}; run scripts/build_place_prior.py") from exc
    if not isinstance(counts, dict) or not counts:
        raise LexiconError(f"{PRIOR_FILE}: 'counts' must be a non-empty object")
    return counts, clusters


def _cluster_rate(word_key: str) -> float | None:
    from ..normalize import normalize_str
    from .model import default_tagger

    clusters = default_tagger().features.clusters
    cid = clusters.words.get(normalize_str(word_key)) if clusters is not None else None
    cell = _data()[1].get(str(cid)) if cid is not None else None
    return (cell[0] + 1) / (cell[1] + 2) if cell else None


def word_prior(word_key: str) -> WordPrior | None:
    """The corpus counts of a normalized word (a :func:`~rasd.entities.kb.key`, clitics
    included), or ``None`` when it occurred fewer than :data:`MIN_COUNT` times."""
    hit = _data()[0].get(word_key)
    if hit is None or hit[0] < MIN_COUNT:
        return None
    known = len(hit) < 4 or bool(hit[3]) or _stem_known(word_key)
    return WordPrior(hit[0], hit[1], hit[2], known, None if known else _cluster_rate(word_key))


def _stem_known(word_key: str) -> bool:
    """A clitic form (``بالحي``) of a word the tagger knows (``الحي``) is known too: its
    rate is informed, and its cluster (other ``ب`` forms of places) must not speak for it."""
    from ..tokens import clitic_candidates

    counts = _data()[0]
    for prefix, stem in clitic_candidates(word_key):
        hit = counts.get(stem) if prefix else None
        if hit is not None and len(hit) >= 4 and hit[3]:
            return True
    return False
