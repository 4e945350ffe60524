"""Linking entity mentions to knowledge-base records.

Given the mentions of one article (from the tagger and the dictionary
matcher), :func:`link_all` chooses a record for each: candidates come from
the knowledge base (clitic and article variants tried), ministry patterns
(``وزارة الدفاع الروسية``) and the article's own sources line. Candidates are
scored by a prior (countries and curated records first, cities by
population), agreement with the tagger's label, and the countries the
article talks about (other unambiguous mentions and nationality adjectives),
so ``طرابلس`` in an article about Lebanon is Tripoli, Lebanon. The score of
the choice is its share of all candidates' scores; ``reason`` says what
decided. People are clustered across the article (``أنتوني بلينكن`` then
``بلينكن``), titles before a name give its ``role``, and unknown names get a
Latin ``translit``.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .kb import LABEL_TYPES, POPULATED, KnowledgeBase, Record, key
from .places import KIND_TYPES, Context

#: Short country names used in role strings ("US Secretary of State", "former US diplomat").
_SHORT = {"US": "US", "GB": "UK", "AE": "UAE"}
_OF_TITLES = frozenset({"President", "Prime Minister", "King", "Emir", "Crown Prince", "Vice President",
                        "Foreign Minister", "Defence Minister", "Interior Minister", "Finance Minister",
                        "Treasury Secretary", "Chancellor"})
_FORMER = frozenset({"السابق", "السابقه"})
_COUNTRY_WORD = frozenset({"البلاد", "الدوله"})
NEGLIGIBLE = 8
SHARPNESS = 5.0
CLEAR = 0.8  # a mention this sure of its record tells which countries the article is about


@dataclass
class Mention:
    """One entity mention: raw offsets, label, its key and where it came from."""

    start: int
    end: int
    label: str
    key: str
    sentence: int
    first_token: int  # index into the article's tokens
    origin: str  # crf | kb | source
    before: list[str] = field(default_factory=list)  # normalized words before it in the sentence
    ids: tuple[str, ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict)
    tag_p: float | None = None  # the tagger's probability (None: found by the dictionary only)
    context: Context = field(default_factory=Context)
    surface: str = ""  # the first word with its clitics (key), for the corpus prior
    stripped: bool = False  # the knowledge-base reading cut a proclitic (فرقه -> رقه)
    ordinary: bool = False  # an ordinary word in the corpora: not a name here


def _prior(rec: Record) -> float:
    if rec.type == "country":
        return 0.9
    if rec.type in POPULATED:
        return 0.3 + 0.08 * math.log10(rec.population + 1)
    if rec.id.startswith("gn:"):
        return 0.5  # admin regions
    return 0.8


def context_countries(kb: KnowledgeBase, mentions: list[Mention], words: list[str]) -> Counter[str]:
    """Countries the article talks about: unambiguous mentions and nationality adjectives."""
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for m in mentions:
        if m.origin == "kb" and " " not in m.key:
            continue  # a one-word dictionary name is no evidence of its own country (الكنائس)
        ranked = rank(kb, m.ids, m.label, Counter()) if m.ids else []
        sure = ranked and (len(ranked) == 1 or shares(ranked)[0] >= CLEAR)
        if sure and ranked[0][1].country and not (_small_town(m, ranked[0][1]) and m.key in seen):
            counts[ranked[0][1].country] += 1  # a small town repeated is one piece of evidence
        seen.add(m.key)
    for word in words:
        target = kb.demonym(word)
        adjective_of = kb.get(target) if target else None
        if adjective_of is not None and adjective_of.country:
            counts[adjective_of.country] += 1
    return counts


#: A one-word town under this population, named again, adds no evidence of its country (it
#: may be a namesake: ``المرج`` twice in a Ghouta article is not Al Marj, Libya).
SMALL_TOWN = 250_000


def _small_town(m: Mention, rec: Record) -> bool:
    return " " not in m.key and rec.type in POPULATED and rec.population < SMALL_TOWN


def rank(kb: KnowledgeBase, ids: tuple[str, ...], label: str, context: Counter[str], *,
         kind: str = "", name: str = "") -> list[tuple[float, Record, str]]:
    """Candidates with their raw scores and the reason, best first. ``kind`` is what a
    class word before the name asks for (``populated`` after ``مدينة``); ``name`` the
    mention's key, for the knowledge base's default readings (``غزة``: the Gaza Strip)."""
    wanted = LABEL_TYPES.get(label, frozenset())
    asked = KIND_TYPES.get(kind, frozenset())
    default = kb.defaults.get(name)
    out = []
    for rid in ids:
        rec = kb.get(rid)
        if rec is None:
            continue
        score = _prior(rec)
        reasons = ["population" if rec.type in POPULATED else rec.type]
        if rec.type in wanted:
            score += 0.3
        if rec.type in asked:
            score += 0.4
            reasons.append("class:" + kind)
        elif rid == default and not asked:
            score += 0.5
            reasons.append("default")
        if rec.country and context.get(rec.country):
            score += min(0.4, 0.15 * context[rec.country])
            reasons.append("context:" + rec.country)
        out.append((score, rec, "+".join(reasons)))
    out.sort(key=lambda x: (-x[0], x[1].id))
    # A namesake town an eighth the size of the biggest same-named place is no rival (Geneva,
    # Illinois is not Geneva; Tripoli, Lebanon, a fifth of Tripoli, Libya, stays a rival).
    biggest = max((rec.population for _, rec, _ in out), default=0)
    return [c for c in out if c[1].type not in POPULATED or c[1].population * NEGLIGIBLE >= biggest]


def shares(ranked: list[tuple[float, Record, str]]) -> list[float]:
    """Each candidate's share of the evidence (softmax of the scores, sharpness 5)."""
    weights = [math.exp(SHARPNESS * (score - ranked[0][0])) for score, _, _ in ranked]
    total = sum(weights)
    return [w / total for w in weights]


def record_attrs(rec: Record) -> dict[str, Any]:
    """The attributes a linked mention carries: ``kb_id``, ``name_en``, ``type``, and when
    known ``country`` (ISO2), ``admin1``, ``lat``/``lon``, ``population``."""
    attrs: dict[str, Any] = {"kb_id": rec.id, "name_en": rec.name_en, "type": rec.type}
    if rec.country:
        attrs["country"] = rec.country
    if rec.admin1:
        attrs["admin1"] = rec.admin1
    if rec.lat is not None and rec.lon is not None:
        attrs["lat"], attrs["lon"] = rec.lat, rec.lon
    if rec.population:
        attrs["population"] = rec.population
    return attrs


def link_ministry(kb: KnowledgeBase, name_key: str) -> dict[str, Any] | None:
    """``وزارة الخارجية الأميركية`` -> the US State Department; ``وزارة الدفاع الروسية`` ->
    Ministry of Defence (Russia)."""
    for ministry in kb.ministries:
        for form in ministry["ar"]:
            form_key = key(form)
            if not name_key.startswith(form_key + " "):
                continue
            rest = name_key[len(form_key) + 1:]
            found = kb.lookup(rest)
            target = kb.demonym(rest) or (found.ids[0] if found else None)
            country = kb.get(target) if target else None
            if country is None or country.type != "country":
                return None
            override = ministry["by_country"].get(country.country)
            if override and override.startswith("org:") and kb.get(override):
                return {**record_attrs(kb.get(override)), "score": 1.0}  # type: ignore[arg-type]
            name = override or f"{ministry['en']} ({country.name_en})"
            return {"kb_id": f"min:{country.country}:{ministry['key']}", "name_en": name,
                    "type": "ministry", "country": country.country, "score": 1.0}
    return None


def find_role(kb: KnowledgeBase, before: list[str], person: Record | None,
              context: Counter[str]) -> str | None:
    """The title right before a name: ``وزير الخارجية الأميركي`` -> ``US Secretary of State``."""
    words = list(before)
    former = False
    country: Record | None = None
    country_word = False
    for _ in range(2):
        if words and words[-1] in _FORMER:
            former = True
            words.pop()
        elif words and country is None and kb.demonym(words[-1]):
            country = kb.get(kb.demonym(words[-1]) or "")
            words.pop()
    for title in kb.titles:
        for form in sorted(title["ar"], key=lambda f: -len(f)):
            parts = key(form).split()
            if len(words) >= len(parts) and [_bare(w) for w in words[-len(parts):]] == parts:
                country_word = parts[-1] in _COUNTRY_WORD
                return _role_text(kb, title, country, person, former, country_word, context)
    return None


def _bare(word: str) -> str:
    """A title word without a leading conjunction (``ووزير`` -> ``وزير``)."""
    return word[1:] if word[:1] in ("و", "ف") and len(word) > 4 else word


def _with_article(country: str) -> str:
    """``United States`` -> ``the United States`` (in "President of the United States")."""
    plural = ("United ", "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros")
    return "the " + country if country.startswith(plural) or country.endswith("Republic") else country


def _role_text(kb: KnowledgeBase, title: dict[str, Any], country: Record | None,  # noqa: PLR0917
               person: Record | None,
               former: bool, country_word: bool, context: Counter[str]) -> str:
    en: str = title["en"]
    if country is None and person is not None and person.country:
        country = kb.get("iso:" + person.country)
    if country is None and country_word and context:
        country = kb.get("iso:" + context.most_common(1)[0][0])
    if country is None or country.type != "country":
        text = en
    elif title["by_country"].get(country.country):
        text = title["by_country"][country.country]
    elif en in _OF_TITLES:
        text = f"{en} of {_with_article(country.name_en)}"
    else:
        text = f"{_SHORT.get(country.country, country.role or country.name_en)} {en}"
    return "former " + text if former else text
