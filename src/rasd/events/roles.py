"""Roles: who acted (actor1) and who was acted on (actor2) around a trigger.

Arabic word order decides: the subject after a verb (VSO) or the noun right before it
(SVO) is actor1; a mention after على / ضد / استهدف, or the verb's object, is actor2;
agent nouns (``مسلحون``, ``انتحاري``) are actor1 themselves. Diplomatic developments
have their own rules (``طلبت الأخيرة من موسكو``: the requester inside the request,
the requested after من).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from ..entities.countries import demonym_country
from ..lexicon import load
from ..normalize import normalize_str
from .actors import Mention, groups, prepositions
from .text import SentenceView

PROTEST_KINDS = frozenset({"protest", "strike", "hunger_strike", "obstruct", "riot"})
_FORCES = frozenset({"police", "military"})


@cache
def _function_words() -> frozenset[str]:
    return frozenset(normalize_str(w) for w in load("events_roles")["function_words"])


def _cue_before(view: SentenceView, group: str, pos: int, gap_words: int = 0) -> bool:
    """A ``group`` term ends at most ``gap_words`` words before ``pos``."""
    return any(m.end <= pos and view.words_between(m.end, pos) <= gap_words
               for m in view.find(group, max(0, pos - 40), pos))


def _verb_word(view: SentenceView, start: int, end: int, group: str = "violent_verb") -> bool:
    """The first word of ``[start, end)`` is a verb of ``group``, not after a preposition."""
    word = view.first_word(start, end)
    if word is None or not view.has(group, word[0], word[1]):
        return False
    prev = [w for _s, e, w in view.words if e <= word[0]][-1:]
    return not (prev and prev[0] in prepositions())


def _genitive_l(view: SentenceView, m: Mention) -> bool:
    """The mention is governed by a glued ``لـ`` (``قصف لقوات النظام``, ``بغارة للتحالف``):
    after an event noun, the one who did it."""
    if m.text.startswith("لل"):
        return True
    return m.start >= 2 and view.text[m.start - 1] == "ل" and view.text[m.start - 2] == " "


def assign(
    view: SentenceView, kind: str, trig: tuple[int, int], mentions: list[Mention], clause: tuple[int, int],
    *, victims: tuple[str, ...] = (), nouns: tuple[tuple[int, int], ...] = (),
) -> tuple[Mention | None, Mention | None]:
    """(actor1, actor2) for one trigger; ``clause`` is the stretch read (the incident
    segment for violence), ``victims`` the words naming who a casualty figure there counts,
    ``nouns`` the other trigger words of the incident (``في قصف مدفعي لقوات النظام``)."""
    inside = [m for m in mentions if clause[0] <= m.start < clause[1]]
    if kind == "riot":
        return _first(mentions, ("rioters",)), _first(inside, tuple(_FORCES)) or _first(
            mentions, tuple(_FORCES)
        )
    if kind in PROTEST_KINDS:
        a1 = _first(inside, ("protesters", "rioters")) or _first(mentions, ("protesters", "rioters"))
        return a1, _first(inside, tuple(_FORCES))
    if kind == "arrest":
        a1 = _first(mentions, ("police", "military", "government", "org", "external"))
        after = [m for m in inside if m.start >= trig[1] and m is not a1]
        return a1, after[0] if after else None
    if kind == "embassy_departure":
        a1 = _first(mentions, ("org", "government", "country"))
        if a1 is not None and a1.country is None:
            a1 = replace(a1, country=_first_demonym(view))
        return a1, None
    if kind == "foreign_troops_request":
        a1 = _requester(view, trig, mentions)
        a2 = _requested(view, trig, mentions, a1)
        return a1, a2
    if kind == "foreign_troops_deployment":
        ext = [
            m
            for m in mentions
            if trig[0] <= m.start < trig[1] + 40 and m.group in ("country", "org", "external")
        ]
        return (ext[0] if ext else None), None
    if kind in ("shoot_to_kill_order", "curfew", "emergency", "deploy"):
        a1 = _first(
            [m for m in mentions if m.start < trig[0]], ("person", "government", "org", "country")
        ) or _first(mentions, ("person", "government", "police", "military"))
        a2 = _first(mentions, ("rioters", "protesters")) if kind == "shoot_to_kill_order" else None
        return a1, a2
    return _violence_roles(view, kind, trig, inside, victims=victims, nouns=nouns)


_VICTIM_GROUPS = frozenset({"civilians"})
_ARMED = frozenset({"militia", "rebels", "military", "police", "external"})


def _violence_roles(
    view: SentenceView, kind: str, trig: tuple[int, int], mentions: list[Mention],
    *, victims: tuple[str, ...], nouns: tuple[tuple[int, int], ...],
) -> tuple[Mention | None, Mention | None]:
    """Who did what to whom around a violent trigger: an agent noun trigger
    (``مسلحون``, ``انتحاري``) is actor1; a verb takes its subject after it (VSO) or the
    noun before it (SVO); a noun trigger (``مقتل``, ``اغتيال``) takes its victim after it.
    Passive and nominal constructions give the same roles: the one after ``على يد``,
    ``برصاص``, ``بنيران`` or a glued ``لـ`` after the event noun (``في قصف لقوات النظام``)
    is actor1; the people a casualty figure counts (``مقتل 4 مدنيين``) and the subject of a
    victim verb (``استشهد شاب``) are actor2."""
    toll = [m for m in mentions if m.text in victims or m.raw in victims]
    text = view.text[trig[0] : trig[1]]
    first = view.first_word(trig[0], trig[1])
    first_word = view.text[first[0]:first[1]] if first else ""
    a1: Mention | None = None
    if view.has("agent_noun", trig[0], trig[1]):
        spec = groups()["militia"]
        a1 = Mention(trig[0], trig[1], text, "militia", spec["type"], spec["sector"], spec["name"])
    places = [m for m in mentions if m.group == "country"]
    mentions = [m for m in mentions if m.group != "country"]
    after = [m for m in mentions if m.start >= trig[1] and view.words_between(trig[1], m.start) <= 4]
    before = [m for m in mentions if m.end <= trig[0]]
    agent = [m for m in mentions if _cue_before(view, "agent_cue", m.start)]
    verb = _verb_word(view, trig[0], trig[1])
    victim_verb = _verb_word(view, trig[0], trig[1], "victim_verb")
    if a1 is None and agent:
        a1 = agent[0]
    heads = ([] if verb else [trig]) + [n for n in nouns if not _verb_word(view, n[0], n[1])]
    if a1 is None:
        a1 = next((m for h in heads for m in mentions if m.start >= h[1] and _genitive_l(view, m)
                   and m not in toll and view.words_between(h[1], m.start) <= 2), None)
    if victim_verb:
        return a1, next((m for m in toll + after if m is not a1), None)
    qam = view.find("qam", 0, trig[0])
    if a1 is None and qam and text.startswith("ب"):
        # قام عدد من جنود المارينز بقتل المدنيين
        a1 = next((m for m in before if m.start >= qam[0].end), None)
    if (
        a1 is None
        and verb
        and before
        and before[-1] not in toll
        and view.words_between(before[-1].end, trig[0]) <= 1
        and not _preceded_by_prep(view, before[-1])
    ):
        a1 = before[-1]  # SVO: جنوده قتلوا خمسة مسلحين
    if a1 is None and verb and not first_word.endswith(("وا", "ون")):
        # a plural verb agrees with a subject before it: what follows is its object
        a1 = next(
            (m for m in after if not _preceded_by_prep(view, m) and m.group not in _VICTIM_GROUPS
             and m not in toll), None
        )
    if a1 is None:
        allowed = _ARMED | ({"person", "org"} if verb else set())
        a1 = next(
            (m for m in reversed(before) if not _preceded_by_prep(view, m) and m.group in allowed
             and m not in toll), None
        )

    a2 = next((m for m in toll if m is not a1), None) or next(
        (
            m
            for m in mentions
            if m is not a1
            and m.start >= trig[0] - 2
            and _cue_before(view, "target_cue", m.start, 1)
        ),
        None,
    )
    if a2 is None:
        a2 = next((m for m in after if m is not a1 and (a1 is None or m.start > a1.start)), None)
    if a2 is None and not verb:
        a2 = next((m for m in after if m is not a1), None)
    if a2 is None and verb:
        a2 = _bare_object(view, trig, a1) or next(
            (p for p in places if p.start >= trig[1] and view.words_between(trig[1], p.start) <= 3), None
        )
    return a1, a2


def _bare_object(view: SentenceView, trig: tuple[int, int], a1: Mention | None) -> Mention | None:
    """The words right after a violent verb (and its subject) when no lexicon actor is there."""
    start = a1.end if a1 is not None and a1.start >= trig[1] else trig[1]
    words = [(s, e, w) for s, e, w in view.words if s >= start][:4]
    span = []
    for s, e, w in words:
        if w in _function_words() or w.isdigit() or view.has("violent_verb", s, e):
            break
        span.append((s, e))
        if len(span) == 2:
            break
    if not span:
        return None
    s, e = span[0][0], span[-1][1]
    spec = groups()["civilians"]
    return Mention(s, e, view.text[s:e], "civilians", spec["type"], spec["sector"], spec["name"])


def protest_target(view: SentenceView, clause: tuple[int, int], mentions: list[Mention]) -> Mention | None:
    """What a protest is against or addressed to (PLOVER's recipient): the words after
    ضد / مطالبين / احتجاجا على / أمام مقر… in the clause, a known actor if one is there."""
    cues = view.find("protest_target_cue", clause[0], clause[1])
    if not cues:
        return None
    cue_end = cues[0].end
    known = next(
        (k for k in mentions
         if cue_end - 2 <= k.start <= cue_end + 12 and k.group not in ("protesters", "rioters")),
        None,
    )
    if known is not None:
        return known
    words = [(s, e, w) for s, e, w in view.words if s >= cue_end and e <= clause[1]][:3]
    span: list[tuple[int, int]] = []
    for s, e, w in words:
        if w in _function_words() or w.isdigit() or (span and w[:1] in "وف"):
            break  # a conjunction opens the next phrase (وفرقتهم الشرطة)
        span.append((s, e))
    if not span:
        return None
    s, e = span[0][0], span[-1][1]
    target = Mention(s, e, view.text[s:e], "target", "civilians", "CVL", None)
    target.raw = view.raw_text(s, e)
    return target


def _first(mentions: list[Mention], groups: tuple[str, ...]) -> Mention | None:
    for g in groups:
        for m in mentions:
            if m.group == g:
                return m
    return None


_STATE = ("person", "government", "country", "org")


def _requester(view: SentenceView, trig: tuple[int, int], mentions: list[Mention]) -> Mention | None:
    """``طلبت الأخيرة من موسكو``: the state actor inside the request, not after من;
    else the nearest state actor before it."""
    for m in mentions:
        if trig[0] <= m.start < trig[1] and m.group in _STATE and not _after_min(view, m):
            return m
    before = [m for m in mentions if m.end <= trig[0] and m.group in _STATE]
    return before[-1] if before else None


def _after_min(view: SentenceView, m: Mention) -> bool:
    return view.text[max(0, m.start - 4) : m.start].strip().endswith("من")


def _first_demonym(view: SentenceView) -> str | None:
    return next((c for _s, _e, w in view.words if (c := demonym_country(w))), None)


def _requested(
    view: SentenceView, trig: tuple[int, int], mentions: list[Mention], a1: Mention | None
) -> Mention | None:
    for m in mentions:
        if m is not a1 and trig[0] <= m.start <= trig[1] and _after_min(view, m):
            return m
    for group in ("org", "external"):
        for m in mentions:
            if m is not a1 and m.group == group and m.start >= trig[0]:
                return m
    return None


def _preceded_by_prep(view: SentenceView, m: Mention) -> bool:
    """A preposition before the mention, or glued to it (``بالجيش``, ``للشرطة``)."""
    if view.text[m.start : m.end].startswith(("بال", "لل", "وبال", "وللل")):
        return True
    prev = [w for _s, e, w in view.words if e <= m.start][-1:]
    return bool(prev) and prev[0] in prepositions()
