"""Is this mention a place, and which kind? Context evidence for linking places.

The knowledge base knows many names that are also ordinary words (``المدينة``
"the city" / Medina, ``طراز`` "model" / Taraz, ``فرقه`` "its teams" read as
``ف`` + ``رقه`` / Raqqa) and real cities whose names are words (``حلب``,
``قنا``). A candidate place is accepted only when the evidence says *name in
context* (:func:`place_here`):

- the corpus prior (:mod:`.prior`): how often news uses the word as a place;
- the tagger's label and its marginal probability for this mention;
- a class word right before it (``بمدينة حلب``, ``مخيم جباليا``), which also says
  which kind of record is meant (a city, not the governorate), or a preposition
  (``في حلب``), weaker;
- a reading that strips a proclitic (``ف|رقه``) counts only when the whole word is
  itself mostly a place in the corpora: the stripped form must be far more likely a
  place than the whole word is a word.

The thresholds are constants below, chosen on the development examples of
``tests/test_entities_places.py``, never on the linking gold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import load
from ..normalize import normalize_str
from ..tokens import clitic_candidates
from .kb import POPULATED
from .prior import word_prior

#: a word news name as a place at least this often is a place wherever the tagger tags it
PLACE_RATE = 0.5
#: ... and at least this often, after a preposition, when the tagger is sure enough here
PREP_RATE = 0.3
PREP_TAGGER_P = 0.8
#: a word the corpora show too rarely to judge: the tagger must be this sure (no class word)
UNKNOWN_TAGGER_P = 0.7
#: a dictionary name the tagger did not tag needs this rate (see :mod:`.mentions`)
UNTAGGED_MIN_RATE = 0.5
#: a word news use as a name less often than this, with at least DROP_MIN_COUNT
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
    for prefix, stem in clitic_candidates(word):
        if stem in classes and not prefix.endswith(("ال", "لل")):  # المنطقة is no construct head
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


def place_rate(surface_key: str, stem_key: str | None) -> float | None:
    """How often news name this word as a place: the whole word's corpus rate; for a rare
    word with a proclitic (``لألماتي``, ``وللسعودية``), the rate of its stem reading
    (``stem_key``); ``None`` when neither is known."""
    prior = word_prior(surface_key)
    if prior is None and stem_key:
        prior = word_prior(stem_key)
    return prior.place_rate if prior is not None else None


def place_here(surface_key: str, cut: bool, tagger_p: float | None, ctx: Context,
               stem_key: str | None = None) -> bool:
    """Whether a one-word mention whose knowledge-base reading is a place is a place here.

    ``surface_key`` is the whole word with its clitics (its corpus prior is looked up),
    ``cut`` whether the reading strips a proclitic, ``tagger_p`` the tagger's probability
    for the span (``None`` when only the dictionary found it). The corpus prior already
    says how often the tagger tags the word in news, so the tagger's probability here only
    matters where the prior is unknown or middling:

    - a stripped reading needs the whole word to be a place at least half of the time
      (``فرقه``: never; ``بحلب``: mostly); a whole word too rare to judge takes its stem
      reading's rate (``stem_key``: ``لألماتي`` -> ``الماتي``);
    - a class word before it (``بمدينة``, ``محافظة``) makes it a place;
    - a prior of :data:`PLACE_RATE` or more makes it a place (``حلب`` 0.76, ``غزة`` 1.0);
    - a prior of :data:`PREP_RATE` or more after a preposition, with the tagger at least
      :data:`PREP_TAGGER_P` sure here (``في قنا``);
    - a word too rare to judge: the tagger at least :data:`UNKNOWN_TAGGER_P` sure;
    - anything else (``المدينة`` 0.18, ``الساحل`` 0.03) is not linked as a place."""
    rate = place_rate(surface_key, stem_key if cut else None)
    if rate is None:
        if cut:
            return tagger_p is not None and tagger_p >= UNKNOWN_TAGGER_P
        return bool(ctx.kind) or (tagger_p is not None and tagger_p >= UNKNOWN_TAGGER_P)
    if cut and rate < PLACE_RATE:
        return False
    if ctx.kind or rate >= PLACE_RATE:
        return True
    return ctx.preposition and rate >= PREP_RATE and tagger_p is not None and tagger_p >= PREP_TAGGER_P


def ordinary_word(surface_key: str, ctx: Context) -> bool:
    """The word is an ordinary word in the corpora (not a name at all) and nothing
    here says otherwise: the mention should not stand. Only for words the tagger knows
    from training: on others (``عفرين``) its rate is a guess."""
    prior = word_prior(surface_key)
    return (prior is not None and prior.known and not ctx.kind and prior.count >= DROP_MIN_COUNT
            and prior.name_rate < DROP_RATE)
