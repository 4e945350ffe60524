"""ACLED actors of an event: who acted (actor1), who was acted on (actor2), a protest's
target, with ACLED's names, actor categories and ``inter`` codes.

Mentions come from :mod:`.actors` and roles from :mod:`.roles`; this module turns them
into :class:`~.model.Actor` records: the most specific mention of each role (a person
over an organisation over a country), the others as associated actors, a default actor
when no words named one (riots: rioters; arrests: police), and ACLED's ``interaction``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from .. import layers as L
from ..entities.countries import country as country_info
from ..lexicon import load
from .actors import Mention, default_mention
from .model import Actor, SpanRef

if TYPE_CHECKING:
    from .assemble import EventMention

_RANK = {"person": 5, "org": 4, "government": 3, "police": 3, "military": 3, "country": 1}
_STATE = ("state forces", "external forces")
_DEFAULT_ACTOR1 = {"riot": "rioters", "protest": "protesters", "strike": "protesters",
                   "hunger_strike": "protesters", "obstruct": "protesters", "arrest": "police"}
_SECURITY_WHO = frozenset({"police", "security"})


@cache
def _inter_codes() -> dict[str, int]:
    return dict(load("events_types")["inter"])


def actor(group: list[EventMention], role: int, country: str | None,
          kind: str, head: EventMention | None = None) -> tuple[EventMention | None, Actor | None]:
    """The actor of ``role`` (1 or 2) over the event's mentions, with the mention it came
    from (None for a default actor): the most specific one named (a person over an
    organisation over a country); for the actor2 of violence, the one the ``head`` mention
    (its most specific report) names."""
    found = [(g, g.actor1 if role == 1 else g.actor2) for g in group]
    explicit = [(g, m) for g, m in found if m is not None]
    if explicit:
        g, m = max(explicit, key=lambda gm: _RANK.get(gm[1].group, 2))
        if role == 2 and head is not None and head.family == "ASSAULT" and head.actor2 is not None:
            g, m = head, head.actor2  # the victims its most specific report names
        out = actor_record(m, country, g)
        seen: set[str] = {out.name}
        for g2, x in explicit:
            other = actor_record(x, country, g2)
            if not _same_actor(other, out) and other.name not in seen:
                seen.add(other.name)
                out.assoc.append(other)
        return g, out
    default = _default_group(kind, role, group)
    if default is None:
        return None, None
    return None, actor_record(default_mention(default), country, None)


def _same_actor(a: Actor, b: Actor) -> bool:
    if a.name == b.name:
        return True
    return bool(a.country) and a.country == b.country and a.type in _STATE and b.type in _STATE


def _default_group(kind: str, role: int, group: list[EventMention]) -> str | None:
    if role == 1:
        return _DEFAULT_ACTOR1.get(kind)
    whos = {f.who for g in group for f in g.figures if f.who}
    if kind == "riot" and whos & _SECURITY_WHO:
        return "police"
    return None


def actor_record(m: Mention, country: str | None, em: EventMention | None) -> Actor:
    """An :class:`Actor` for a mention, in the event's ``country`` (a state actor of another
    country is ``external forces``); ``em`` gives the span the mention was read from."""
    own = m.country
    home = own or country
    info = country_info(home)
    cname = info.name_en if info else "Unknown"
    atype = m.type
    if atype == "state forces" and own and country and own != country:
        atype = "external forces"
    if m.group == "org":
        name = m.name or m.text
    elif m.group in ("person", "country"):
        name = f"Government of {cname}"
    else:
        name = (m.name or "{country}").format(country=cname, name=_bare_name(m.raw or m.text))
    span = None
    if em is not None and m.start >= 0:
        s, e = em.view.raw_span(m.start, m.end)
        span = SpanRef(L.ENTITIES if m.extra.get("entity") or m.extra.get("place") else L.SENTENCES, s, e)
    return Actor(name, atype, _inter_codes().get(atype), m.sector, home, m.raw or m.text or None,
                 m.default, m.person, m.kb_id, m.extra.get("anaphor_of"), span)


def _bare_name(words: str) -> str:
    """Words naming an actor without their glued conjunction or preposition (``للتحالف``:
    ``التحالف``)."""
    for clitic, repl in (("وال", "ال"), ("بال", "ال"), ("لل", "ال"), ("فال", "ال")):
        if words.startswith(clitic) and len(words) > len(clitic) + 2:
            return repl + words[len(clitic):]
    return words


def interaction(a: Actor | None, b: Actor | None) -> int | None:
    """ACLED's two-digit interaction code from the actors' ``inter`` codes (``15``, ``60``)."""
    if a is None or a.inter is None:
        return None
    if b is None or b.inter is None:
        return a.inter * 10
    lo, hi = sorted((a.inter, b.inter))
    return lo * 10 + hi


def target(group: list[EventMention], country: str | None) -> tuple[EventMention | None, Actor | None]:
    """What a protest is against or addressed to (PLOVER's recipient)."""
    em = next((g for g in group if g.target is not None), None)
    if em is None or em.target is None:
        return None, None
    out = actor_record(em.target, country, em)
    out.name = em.target.raw or em.target.text
    return em, out


