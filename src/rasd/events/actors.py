"""Actors: who acted (actor1) and who was acted on (actor2).

Mentions come from the ``entities`` layer (PERS/ORG, with their links; people
with an office are state actors), from the actor lexicon (``events_actors.json``:
police, army, protesters, civilians, named organisations...), from countries and
capitals in the entities layer used for their governments (``واشنطن``), and from
``الأخيرة``-style anaphors. Roles follow Arabic word order around the trigger: the subject
after a verb (VSO) or the noun before it (SVO) is actor1; a mention after
``على``/``ضد``/``استهدف``, or the people a figure counts, is actor2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..entities.countries import demonym_country, is_capital
from ..lexicon import load
from ..model import Span
from ..normalize import normalize_str
from .places import Place
from .text import SentenceView


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
def _orgs() -> dict[str, list[Any]]:
    return {
        normalize_str(k): v
        for k, v in load("events_actors")["organizations"].items()
        if not k.startswith("_")
    }


@cache
def prepositions() -> frozenset[str]:
    return frozenset(normalize_str(w) for w in load("events_roles")["prepositions"])


def find_mentions(view: SentenceView, places: list[Place], entity_spans: list[Span]) -> list[Mention]:
    """Actor mentions of one sentence, in order (``entity_spans``: the sentence's
    PERS/ORG entities)."""
    out: list[Mention] = []
    for m in view.find("actor"):
        kind, key = m.value if isinstance(m.value, tuple) else ("group", m.value)
        text = view.text[m.start:m.end]
        if kind == "org":
            name_en, country, atype, sector = _orgs()[normalize_str(str(key))]
            out.append(Mention(m.start, m.end, text, "org", atype, sector, name_en, country))
        else:
            spec = groups()[str(key)]
            out.append(Mention(m.start, m.end, text, str(key), spec["type"], spec["sector"], spec["name"]))
    ents = _entity_mentions(view, entity_spans, out)
    persons = [m for m in ents if m.group == "person"]
    out = [m for m in out
           if not any(p.start <= m.start < p.end + 2 and m.group == "government" for p in persons)] + ents
    out += _place_mentions(view, places, out)
    _set_nationality(view, out)
    for mention in out:
        mention.raw = view.raw_text(mention.start, mention.end)
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


def _entity_mentions(view: SentenceView, spans: list[Span], known: list[Mention]) -> list[Mention]:
    """PERS and ORG entities with their links; office holders and state bodies count as
    state forces, international organisations as external forces."""
    out = []
    for span in spans:
        if span.label not in ("PERS", "ORG"):
            continue
        a = span.attrs
        etype = str(a.get("type") or "").lower()
        if etype in _NOT_ACTORS:
            continue
        ns, ne = view.norm_pos(span.start), view.norm_pos(span.end)
        inside = [m for m in known if m.start < ne and ns < m.end]
        if inside and span.label == "ORG":
            if any(m.start <= ns and ne <= m.end for m in inside):
                continue  # the lexicon's mention covers the entity
            # the linked entity is longer (قوات النظام over النظام): it names the actor
            known[:] = [k for k in known if k not in inside]
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
        m.extra["entity"] = True
        out.append(m)
    return out


def _place_mentions(view: SentenceView, places: list[Place], known: list[Mention]) -> list[Mention]:
    """Countries and capitals stand for their governments (``واشنطن``, ``موسكو``);
    ``الأخيرة`` stands for the last country named before it."""
    out = []
    for p in places:
        capital = p.kind == "city" and p.country and is_capital(p.kb_id)
        if (p.kind == "country" or capital) and not any(k.start <= p.start < k.end for k in known):
            out.append(Mention(p.start, p.end, p.text, "country", "state forces", "GOV", None, p.country,
                               p.kb_id, extra={"place": True}))
    for m in view.find("anaphor"):
        before = [p for p in places if p.end <= m.start and p.kind == "country"]
        if before:
            p = before[-1]
            out.append(Mention(m.start, m.end, view.text[m.start:m.end], "country", "state forces", "GOV",
                               None, p.country, extra={"anaphor_of": p.text}))
    return out


def _set_nationality(view: SentenceView, mentions: list[Mention]) -> None:
    """``القوات الروسية``, ``وزير الخارجية الأمريكي``: a nationality word inside the mention
    or within the two words after it (read through the entities owner's demonyms)."""
    for m in mentions:
        if m.country:
            continue
        inner = [c for w in m.text.split() if (c := demonym_country(w))]
        if inner:
            m.country = inner[0]
            continue
        for _s, _e, w in [x for x in view.words if x[0] >= m.end][:2]:
            c = demonym_country(w)
            if c and w.startswith("و"):
                break  # ``والروسية``: the next phrase's nationality
            if c:
                m.country = c
                break


def default_mention(group: str) -> Mention:
    spec = groups()[group]
    return Mention(-1, -1, "", group, spec["type"], spec["sector"], spec["name"], default=True)
