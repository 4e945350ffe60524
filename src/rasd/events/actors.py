"""Actors: who acted (actor1) and who was acted on (actor2).

Mentions come from the ``entities`` layer when present (PERS/ORG, with their
links), from the actor lexicon (``events_actors.json``: police, army,
protesters, civilians, named organisations...), from country and capital
names used for their governments (``واشنطن``), and from ``الأخيرة``-style
anaphors. Roles follow Arabic word order around the trigger: the subject
after a verb (VSO) or the noun before it (SVO) is actor1; a mention after
``على``/``ضد``/``استهدف``, or the people a figure counts, is actor2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..lexicon import load
from ..normalize import normalize_str
from .text import SentenceView, TermMatcher
from .where_when import Place, gazetteer


@dataclass
class Mention:
    start: int  # normalized offsets in the sentence
    end: int
    text: str
    # police | military | government | rebels | militia | rioters | protesters | civilians
    # | external | org | person | country
    group: str
    type: str  # ACLED actor category
    sector: str
    name: str | None = None  # fixed name (organisations) or template
    country: str | None = None
    kb_id: str | None = None
    person: str | None = None
    default: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    raw: str = ""  # the raw words (``text`` is normalized)


@cache
def groups() -> dict[str, dict[str, Any]]:
    return {k: v for k, v in load("events_actors")["groups"].items() if not k.startswith("_")}


@cache
def _group_matcher() -> TermMatcher:
    entries: list[tuple[str, object]] = []
    for name, spec in groups().items():
        entries += [(t, ("group", name)) for t in spec["terms"]]
    for term in load("events_actors")["organizations"]:
        if not term.startswith("_"):
            entries.append((term, ("org", term)))
    return TermMatcher(entries)


@cache
def _orgs() -> dict[str, list[Any]]:
    return {
        normalize_str(k): v
        for k, v in load("events_actors")["organizations"].items()
        if not k.startswith("_")
    }


@cache
def _titles() -> re.Pattern[str]:
    titles = sorted((normalize_str(t) for t in load("events_actors")["person_titles"]), key=len, reverse=True)
    return re.compile(
        r"(?<!\w)[وف]?(?:ال)?(?:" + "|".join(map(re.escape, titles)) + r")(?:\s+(?:ال\w+|البلاد))*"
    )


_NAME_STOP = re.compile(r"^(?:ال\w*|في|من|علي|الي|عن|ان|قد|لم|امس|يوم|بعد|قبل|مع|و\w{0,2}|ف)$")
_ANAPHOR = re.compile(r"(?<!\w)(?:[وف]?)(?:الاخيره|الاخير)(?!\w)")
PREPS = ("علي", "ضد", "الي", "من", "في", "عن", "ب", "ل", "مع", "بين", "لدي")


def find_mentions(
    view: SentenceView, places: list[Place], entity_spans: list[Any] | None = None
) -> list[Mention]:
    out: list[Mention] = []
    for s, e, value, _term in _group_matcher().finditer(view.text):
        kind, key = value if isinstance(value, tuple) else ("group", value)
        if kind == "org":
            name_en, country, atype, sector = _orgs()[normalize_str(str(key))]
            out.append(Mention(s, e, view.text[s:e], "org", atype, sector, name_en, country))
        else:
            spec = groups()[str(key)]
            out.append(Mention(s, e, view.text[s:e], str(key), spec["type"], spec["sector"], spec["name"]))
    if entity_spans:
        ents = _entity_mentions(view, entity_spans, out)
        persons = [m for m in ents if m.group == "person"]
        out = [
            m
            for m in out
            if not any(p.start <= m.start < p.end + 2 and m.group == "government" for p in persons)
        ] + ents
        titled = _person_mentions(view, out)
        out += [t for t in titled if not any(p.start < t.end and t.start < p.end for p in persons)]
    else:
        persons = _person_mentions(view, out)
        out = [m for m in out if not any(p.start <= m.start and m.end <= p.end for p in persons)] + persons
    out += _place_mentions(view, places, out)
    _set_nationality(view, out)
    for m in out:
        m.raw = view.raw_text(m.start, m.end)
    return sorted(out, key=lambda m: m.start)


_GOV_WORDS = (
    "government",
    "ministry",
    "department",
    "white house",
    "kremlin",
    "presiden",
    "parliament",
    "army",
    "police",
    "forces",
    "cabinet",
    "council",
)
_OFFICE_WORDS = (
    "president",
    "minister",
    "secretary",
    "king",
    "prince",
    "emir",
    "chancellor",
    "governor",
    "spokes",
    "ambassador",
    "commander",
    "general",
    "premier",
    "leader",
)
_NOT_ACTORS = frozenset({"photo", "outlet", "agency", "media", "newspaper", "channel"})


def _entity_mentions(view: SentenceView, spans: list[Any], known: list[Mention]) -> list[Mention]:
    """PERS and ORG entities with their links; office holders and state bodies count as
    state forces, international organisations as external forces."""
    out = []
    for span in spans:
        if span.label not in ("PERS", "ORG") or not (view.start <= span.start and span.end <= view.end):
            continue
        a = span.attrs
        etype = str(a.get("type") or "").lower()
        if etype in _NOT_ACTORS:
            continue
        ns, ne = view.norm_pos(span.start), view.norm_pos(span.end)
        inside = [m for m in known if m.start < ne and ns < m.end]
        if inside and span.label == "ORG":
            continue
        name_en = a.get("name_en")
        country = a.get("country")
        if span.label == "PERS":
            role = str(a.get("role") or "").lower()
            office = any(w in role for w in _OFFICE_WORDS) and "former" not in role
            m = Mention(
                ns,
                ne,
                view.text[ns:ne],
                "person" if office else "civilians",
                "state forces" if office else "civilians",
                "GOV" if office else "ELI",
                None if office else "Civilians ({country})",
                country,
                a.get("kb_id"),
                person=name_en or view.raw_text(ns, ne),
            )
            known[:] = [
                k for k in known if not (ns <= k.start and k.end <= ne + 1 and k.group == "government")
            ]
        else:
            lowered = f"{etype} {name_en or ''}".lower()
            if not country:
                m = Mention(
                    ns, ne, view.text[ns:ne], "org", "external forces", "IGO", name_en, None, a.get("kb_id")
                )
            elif any(w in lowered for w in _GOV_WORDS):
                m = Mention(
                    ns, ne, view.text[ns:ne], "org", "state forces", "GOV", name_en, country, a.get("kb_id")
                )
            else:
                m = Mention(
                    ns,
                    ne,
                    view.text[ns:ne],
                    "org",
                    "political militia",
                    "UAF",
                    name_en,
                    country,
                    a.get("kb_id"),
                )
        out.append(m)
    return out


def _person_mentions(view: SentenceView, known: list[Mention]) -> list[Mention]:
    """``رئيس البلاد قاسم جومرت توكاييف``: a title, then up to three name words."""
    out = []
    for m in _titles().finditer(view.text):
        words = view.text[m.end() : m.end() + 60].split()
        name = []
        for raw_word in words[:4]:
            w = raw_word.strip("\"'«»،,.")
            if not w or _NAME_STOP.match(w) or w in gazetteer()[1] or not w.isalpha() or _looks_verb(w):
                break
            name.append(w)
        if not name:
            continue
        end = view.text.find(name[-1], m.end()) + len(name[-1])
        if any(k.start < end and m.start() < k.end and k.group != "government" for k in known):
            continue
        out.append(
            Mention(
                m.start(),
                end,
                view.text[m.start() : end],
                "person",
                "state forces",
                "GOV",
                None,
                None,
                person=" ".join(name),
            )
        )
    return out


_VERBS = frozenset(
    [
        "قال",
        "اكد",
        "اعلن",
        "اضاف",
        "اشار",
        "حذر",
        "دعا",
        "رفض",
        "وافق",
        "سمح",
        "طلب",
        "قام",
        "اتهم",
        "يتهم",
        "نفي",
        "امر",
    ]
)


def _looks_verb(word: str) -> bool:
    return word in _VERBS or (word[:1] in "يت" and len(word) <= 5 and word[1:2] != "و")


def _place_mentions(view: SentenceView, places: list[Place], known: list[Mention]) -> list[Mention]:
    """Countries and capitals stand for their governments (``واشنطن``, ``موسكو``);
    ``الأخيرة`` stands for the last country named before it."""
    out = []
    for p in places:
        capital = p.kind == "city" and p.country and _is_capital(p)
        if (p.kind == "country" or capital) and not any(k.start <= p.start < k.end for k in known):
            out.append(
                Mention(
                    p.start,
                    p.end,
                    p.text,
                    "country",
                    "state forces",
                    "GOV",
                    None,
                    p.country,
                    p.kb_id,
                    extra={"place": True},
                )
            )
    for m in _ANAPHOR.finditer(view.text):
        before = [p for p in places if p.end <= m.start() and p.kind == "country"]
        if before:
            p = before[-1]
            out.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group(),
                    "country",
                    "state forces",
                    "GOV",
                    None,
                    p.country,
                    extra={"anaphor_of": p.text},
                )
            )
    return out


def _is_capital(p: Place) -> bool:
    data = load("events_places")["cities"]
    for name, entry in data.items():
        if entry.get("name_en") == p.name_en and entry.get("country") == p.country:
            return bool(entry.get("capital")) or name == "واشنطن"
    return False


def _set_nationality(view: SentenceView, mentions: list[Mention]) -> None:
    """``القوات الروسية``, ``وزير الخارجية الأمريكي``: a demonym within two words after."""
    _index, demonyms, _c = gazetteer()
    for m in mentions:
        if m.country:
            continue
        inner = [w for w in m.text.split() if w in demonyms]
        if inner:
            m.country = demonyms[inner[0]]
            continue
        for raw_word in view.text[m.end : m.end + 40].split()[:2]:
            w = raw_word.strip("\"'«»،,.")
            if w in demonyms:
                m.country = demonyms[w]
                break
            if w.startswith("و") and w[1:] in demonyms:
                break


def default_mention(group: str) -> Mention:
    spec = groups()[group]
    return Mention(-1, -1, "", group, spec["type"], spec["sector"], spec["name"], default=True)
