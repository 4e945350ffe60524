"""Is this mention a place, and which kind? Context evidence for linking places.

The knowledge base knows many names that are also ordinary words (``المدينة``
"the city" / Medina, ``طراز`` "model" / Taraz, ``فرقه`` "its teams" read as
``ف`` + ``رقه`` / Raqqa) and real cities whose names are words (``حلب``,
``قنا``). A candidate place is accepted only when the evidence says *name in
context*:

- the corpus prior (:mod:`.prior`): how often news uses the word as a place;
- the tagger's label and its marginal probability for this mention;
- a class word right before it (``بمدينة حلب``, ``مخيم جباليا``), which also says
  which kind of record is meant (a city, not the governorate), or a preposition
  (``في حلب``), weaker;
- a reading that strips a proclitic (``ف|رقه``) counts only when the whole word is
  itself mostly a place in the corpora: the stripped form must be far more likely a
  place than the whole word is a word.

The weights and the threshold are constants below, chosen on the development
examples of ``tests/test_entities_places.py``, never on the linking gold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import load
from ..normalize import normalize_str
from ..tokens import clitic_candidates
from .kb import POPULATED
from .prior import word_prior

#: log-odds weights of the evidence
W_TAGGER = 1.0
W_CLASS = 3.0
W_PREP = 0.8
#: a word the corpora never show often enough gets this prior
UNKNOWN_PRIOR = 0.5
#: a proclitic reading needs the whole word to be a place this often
CLITIC_MIN_RATE = 0.5
#: a dictionary name the tagger did not tag needs this prior
UNTAGGED_MIN_RATE = 0.7
#: a word news uses as a place less often than this, with at least DROP_MIN_COUNT
#: occurrences and no class word, is an ordinary word: the mention is dropped
DROP_RATE = 0.08
DROP_MIN_COUNT = 20
#: record kinds a class word asks for
KIND_TYPES = {"populated": POPULATED, "admin1": frozenset({"admin1", "admin2", "region"}),
              "camp": frozenset({"camp"}), "neighbourhood": frozenset({"neighbourhood"}),
              "region": frozenset({"region", "admin1", "admin2"}), "facility": frozenset({"facility"})}


@dataclass(frozen=True, slots=True)
class Context:
    """What stands right before a mention: a class word's kind (``populated``...) or "",
    and whether a place preposition (or a ``ب``/``ل`` proclitic on the name) precedes it."""

    kind: str = ""
    preposition: bool = False


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], frozenset[str]]:
    data = load("entities_context")
    classes = {normalize_str(w): k for w, k in data["class_words"].items()}
    preps = frozenset(normalize_str(w) for w in data["place_prepositions"])
    return classes, preps


def class_kind(word: str) -> str:
    """The kind a class word asks for (``بمدينه`` -> ``populated``), or ""."""
    classes, _ = _lexicon()
    for _prefix, stem in clitic_candidates(word):
        if stem in classes:
            return classes[stem]
    return ""


def context_before(before: list[str], name_prefix: str) -> Context:
    """:class:`Context` from the normalized words before a mention and the proclitic cut
    off its first word."""
    _, preps = _lexicon()
    kind = class_kind(before[-1]) if before else ""
    prep = bool(before) and (before[-1] in preps or before[-1][1:] in preps)
    prep = prep or any(c in name_prefix for c in "بل")
    if not kind and len(before) >= 2 and before[-1].startswith("ال") and class_kind(before[-2]):
        kind = class_kind(before[-2])  # بلدة بيت لاهيا / مدينة (الضفة) X: one word of slack
    return Context(kind, prep)


def _logit(p: float) -> float:
    p = min(max(p, 1e-3), 1 - 1e-3)
    return math.log(p / (1 - p))


def place_evidence(surface_key: str, cut: bool, tagger_p: float | None, ctx: Context) -> float:
    """Log-odds that a one-word mention is a place here (> 0: link it).

    ``surface_key`` is the whole word with its clitics (its corpus prior is looked up),
    ``cut`` whether the candidate reading strips a proclitic, ``tagger_p`` the tagger's
    probability for the span (``None`` when only the dictionary found it)."""
    prior = word_prior(surface_key)
    rate = prior.loc_rate if prior is not None else UNKNOWN_PRIOR
    if cut and prior is not None and rate < CLITIC_MIN_RATE:
        return -math.inf
    if tagger_p is None and rate < UNTAGGED_MIN_RATE and not ctx.kind:
        return -math.inf
    score = _logit(rate)
    if tagger_p is not None:
        score += W_TAGGER * _logit(tagger_p)
    if ctx.kind:
        score += W_CLASS
    if ctx.preposition:
        score += W_PREP
    return score


def ordinary_word(surface_key: str, ctx: Context) -> bool:
    """The word is an ordinary word in the corpora (not a name at all) and nothing
    here says otherwise: the mention should not stand."""
    prior = word_prior(surface_key)
    return (prior is not None and not ctx.kind and prior.count >= DROP_MIN_COUNT
            and prior.name_rate < DROP_RATE)
