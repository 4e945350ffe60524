"""Sentence-level event detection: triggers grouped per clause into candidates.

Per clause: a crowd event (protest, strike, riot; a riot wins, and gunfire or
clashes inside it become tags of the riot), at most one violent event (the
most specific kind), and each strategic development. Weak triggers
(``تفريق``, ``قتلى``) only refine or, for casualty words with a figure, make
an event when nothing else in the sentence does. Each candidate carries its
realis (actual / negated / future / hypothetical / reported-as-claim), tags and
motive span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .figures import Figure
from .text import SentenceView
from .triggers import (
    Kind,
    Trigger,
    cue_matcher,
    eventive_matcher,
    find_triggers,
    happening_matcher,
    kinds,
    motive_matcher,
    protest_eventive_matcher,
    purpose_matcher,
    violence_matcher,
)

CROWD = ("riot", "protest", "strike", "hunger_strike", "obstruct", "protest_actor")
VIOLENCE = (
    "suicide",
    "chemical",
    "airstrike",
    "ied",
    "grenade",
    "shelling",
    "assassinate",
    "execute",
    "abduct",
    "sexual",
    "regain",
    "clash",
    "exchange",
    "gunfire",
    "stab",
    "attack",
    "kill",
    "loot",
)
# Kinds a non-violent context (an accident, a verbal attack) cancels.
_SOFT_VIOLENCE = frozenset({"attack", "kill", "casualty", "gunfire"})
STRATEGIC = (
    "arrest",
    "agreement",
    "deploy",
    "curfew",
    "emergency",
    "embassy_departure",
    "foreign_troops_request",
    "foreign_troops_deployment",
    "shoot_to_kill_order",
)
_NOT_NEGATION = ("لا يزال", "لا تزال", "لا سيما", "لا يزالون")
_VERB = re.compile(
    r"^[وف]?(?:[يت]?(?:قتل|هاجم|اغتال|خطف|اختطف|اعدم|فجر|قصف|استهدف|اطلق|شن|نفذ|ذبح|طعن|اشتبك|فتح)\w*|"
    r"(?:قتل|قتلت|قتلوا|هاجم\w*|اغتال\w*|خطف\w*|اختطف\w*|اعدم\w*|قصف\w*|استهدف\w*|اطلق\w*|شن\w*|"
    r"نفذ\w*|اشتبك\w*))(?:\s|$)"
)
_PROTEST_NOUNS = frozenset({"protest", "strike", "obstruct"})
_VERB_PROTEST = re.compile(
    r"^[وف]?(?:[يت]?تظاهر|تظاهروا|[يت]?حتج|احتج|اعتصم|[يت]?عتصم|اضرب|تجمهر|هتف|ردد|نزلوا|خرجوا)"
)
# "من دون تحديد الجهة التي نفذت الهجوم": these negate only the word right after them.
_TIGHT = frozenset({"دون", "بدون", "عدم"})
_FUTURE_AFTER = re.compile(r"(?<!\w)(?:المقبل|المقبله|القادم|القادمه)(?!\w)")


@dataclass
class Candidate:
    kind: str
    trigger: Trigger
    clause: tuple[int, int]
    sub_event_type: str | None
    realis: str = "actual"
    tags: list[str] = field(default_factory=list)
    motive: tuple[int, int] | None = None
    departure: str | None = None
    absorbed: list[Trigger] = field(default_factory=list)

    @property
    def spec(self) -> Kind:
        return kinds()[self.kind]


def detect(view: SentenceView, figures: list[Figure] | None = None) -> list[Candidate]:
    triggers = _reports_only(view, find_triggers(view), bool(figures))
    out: list[Candidate] = []
    all_kinds = {t.kind for t in triggers}
    for cs, ce in view.clauses:
        here = [t for t in triggers if cs <= t.start < ce]
        if here:
            out += _clause_candidates(view, here, (cs, ce), all_kinds, figures or [])
    if not out and figures and any(f.kind in ("killed", "injured") for f in figures):
        weak = [t for t in triggers if t.kind == "casualty"]
        if weak:
            cs, ce = view.clauses[view.clause_of(weak[0].start)]
            out.append(Candidate("casualty", weak[0], (cs, ce), kinds()["casualty"].sub_event_type))
    for cand in out:
        cand.realis = realis(view, cand)
        cand.tags = sorted({str(v) for _s, _e, v, _t in cue_matcher("tags").finditer(view.text)})
        cand.motive = _motive(view, cand.clause) if cand.kind in CROWD else None
        if cand.kind == "embassy_departure":
            modes = [str(v) for _s, _e, v, _t in cue_matcher("departure_mode").finditer(view.text)]
            cand.departure = next((m for m in ("expelled", "ordered", "voluntary") if m in modes), None)
    return out


def _any(matcher: Any, text: str) -> bool:
    return any(True for _ in matcher.finditer(text))


def _reports_only(view: SentenceView, triggers: list[Trigger], has_figures: bool) -> list[Trigger]:
    """Drop triggers that name an event without reporting one: accidents and verbal
    attacks, the aim of another act (لوضع حد لأعمال الشغب), violent or protest nouns with
    nothing happening (الاغتيال، التعامل مع التظاهرات), protesters merely named."""
    text = view.text
    if any(t.kind in _SOFT_VIOLENCE for t in triggers):
        context = {str(v) for _s, _e, v, _t in cue_matcher("not_violence").finditer(text)}
        hard = any(t.kind in VIOLENCE and t.kind not in _SOFT_VIOLENCE for t in triggers)
        if "verbal" in context or ("accident" in context and not hard):
            triggers = [t for t in triggers if t.kind not in _SOFT_VIOLENCE]
    if any(t.kind == "attack" for t in triggers) and not _violent_context(view, triggers):
        triggers = [t for t in triggers if t.kind != "attack"]  # هاجم ترامب مكتب التحقيقات: words, not force
    purposes = [e for _s, e, _v, _t in purpose_matcher().finditer(text)]
    triggers = [
        t for t in triggers if not any(e <= t.start and view.words_between(e, t.start) <= 2 for e in purposes)
    ]
    verb = any(t.kind in VIOLENCE and _VERB.match(text[t.start : t.end]) for t in triggers)
    if not has_figures and not verb and not _any(eventive_matcher(), text):
        triggers = [t for t in triggers if t.kind not in VIOLENCE]
    nouns_only = any(t.kind in _PROTEST_NOUNS for t in triggers) and not any(
        _VERB_PROTEST.match(text[t.start : t.end]) for t in triggers if t.kind in _PROTEST_NOUNS
    )
    if nouns_only and not has_figures and not _any(protest_eventive_matcher(), text):
        triggers = [t for t in triggers if t.kind not in _PROTEST_NOUNS]
    named_only = any(t.kind == "protest_actor" for t in triggers) and not any(
        t.kind in CROWD[:-1] for t in triggers
    )
    if named_only and not _any(happening_matcher(), text):
        triggers = [t for t in triggers if t.kind != "protest_actor"]
    return triggers


def _clause_candidates(
    view: SentenceView,
    here: list[Trigger],
    clause: tuple[int, int],
    all_kinds: set[str],
    figures: list[Figure],
) -> list[Candidate]:
    out = []
    present = {t.kind for t in here}
    crowd = [t for t in here if t.kind in CROWD]
    violent = [t for t in here if t.kind in VIOLENCE]
    if crowd:
        riot = next((t for t in crowd if t.kind == "riot"), None)
        if riot is None and present & {"clash", "exchange"}:
            riot = next(t for t in here if t.kind in ("clash", "exchange"))
        main = riot or next((t for t in crowd if t.kind != "protest_actor"), crowd[0])
        kind = "riot" if riot else ("protest" if main.kind == "protest_actor" else main.kind)
        sub = kinds()[kind].sub_event_type
        if kind != "riot":
            killed = any(f.kind == "killed" for f in figures)
            if "live_fire" in all_kinds or (killed and "intervention" in all_kinds):
                sub = "Excessive force against protesters"
            elif "intervention" in all_kinds or "arrest" in all_kinds:
                sub = "Protest with intervention"
        out.append(Candidate(kind, main, clause, sub, absorbed=[t for t in here if t.kind in VIOLENCE]))
        violent = [
            t for t in violent if t.kind not in ("clash", "exchange", "gunfire", "kill", "attack", "loot")
        ]
    if violent:
        best = min(violent, key=lambda t: VIOLENCE.index(t.kind))
        # roles and realis read around the clause's verb (قتلوا), the type comes from
        # the most specific trigger (غارة)
        verb = next((t for t in violent if _VERB.match(view.text[t.start : t.end])), best)
        out.append(
            Candidate(
                best.kind,
                verb,
                clause,
                kinds()[best.kind].sub_event_type,
                absorbed=[t for t in violent if t is not best],
            )
        )
    seen = set()
    for t in here:
        if t.kind in STRATEGIC and t.kind not in seen:
            if t.kind == "arrest" and crowd and out and out[0].kind in CROWD:
                continue  # arrests of protesters refine the protest
            seen.add(t.kind)
            out.append(Candidate(t.kind, t, clause, kinds()[t.kind].sub_event_type))
    return out


def _violent_context(view: SentenceView, triggers: list[Trigger]) -> bool:
    """An attack word needs force nearby: a weapon, a casualty, an armed actor, or
    another violent trigger."""
    if any(t.kind in VIOLENCE and t.kind != "attack" for t in triggers):
        return True
    return any(True for _ in violence_matcher().finditer(view.text))


def realis(view: SentenceView, cand: Candidate) -> str:
    """The nearest realis cue within five words before the trigger, in its clause;
    a conditional (``إذا``, ``لو``) anywhere earlier in the sentence."""
    cs = cand.clause[0]
    t0 = cand.trigger.start
    best: tuple[int, str] | None = None
    for s, e, label, _term in cue_matcher("realis").finditer(view.text, 0, t0):
        if view.text.startswith(_NOT_NEGATION, s) or any(view.text[s:].startswith(x) for x in _NOT_NEGATION):
            continue
        window = 1 if view.text[s:e].strip().lstrip("وف") in _TIGHT else 5
        near = s >= cs and view.words_between(e, t0) <= window
        if near or (label == "hypothetical" and view.text[s:e].strip() in ("اذا", "لو", "في حال")):
            best = (s, str(label))
    if best is None:
        if _FUTURE_AFTER.search(view.text, cand.trigger.end, cand.clause[1]) and not _VERB.match(
            view.text[cand.trigger.start : cand.trigger.end]
        ):
            return "future"
        return "actual"
    return {"claim": "reported-as-claim"}.get(best[1], best[1])


def _motive(view: SentenceView, clause: tuple[int, int]) -> tuple[int, int] | None:
    for s, _e, _v, _t in motive_matcher().finditer(view.text, clause[0], clause[1]):
        words = view.text[s : clause[1]].split()[:7]
        end = s + len(" ".join(words))
        return s, min(end, clause[1])
    return None
