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

from dataclasses import dataclass, field

from .figures import Figure
from .text import SentenceView
from .triggers import Kind, Trigger, find_triggers, kinds

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
_PROTEST_NOUNS = frozenset({"protest", "strike", "obstruct"})


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
        cand.tags = sorted({str(v) for v in view.matches.values("tags")})
        cand.motive = _motive(view, cand.clause) if cand.kind in CROWD else None
        if cand.kind == "embassy_departure":
            modes = [str(v) for v in view.matches.values("departure_mode")]
            cand.departure = next((m for m in ("expelled", "ordered", "voluntary") if m in modes), None)
    return out


def is_verb(view: SentenceView, trig: Trigger, group: str = "violent_verb") -> bool:
    """Whether the trigger's first word is a verb form of ``group`` (``قتلوا``, ``تظاهر``)."""
    word = view.first_word(trig.start, trig.end)
    return word is not None and view.has(group, word[0], word[1])


def _reports_only(view: SentenceView, triggers: list[Trigger], has_figures: bool) -> list[Trigger]:
    """Drop triggers that name an event without reporting one: accidents and verbal
    attacks, the aim of another act (لوضع حد لأعمال الشغب), violent or protest nouns with
    nothing happening (الاغتيال، التعامل مع التظاهرات), protesters merely named."""
    if any(t.kind in _SOFT_VIOLENCE for t in triggers):
        context = {str(v) for v in view.matches.values("not_violence")}
        hard = any(t.kind in VIOLENCE and t.kind not in _SOFT_VIOLENCE for t in triggers)
        if "verbal" in context or ("accident" in context and not hard):
            triggers = [t for t in triggers if t.kind not in _SOFT_VIOLENCE]
    if any(t.kind == "attack" for t in triggers) and not _violent_context(view, triggers):
        triggers = [t for t in triggers if t.kind != "attack"]  # هاجم ترامب مكتب التحقيقات: words, not force
    purposes = [m.end for m in view.find("purpose")]
    triggers = [
        t for t in triggers if not any(e <= t.start and view.words_between(e, t.start) <= 2 for e in purposes)
    ]
    verb = any(t.kind in VIOLENCE and is_verb(view, t) for t in triggers)
    if not has_figures and not verb and not view.has("eventive"):
        triggers = [t for t in triggers if t.kind not in VIOLENCE]
    nouns_only = any(t.kind in _PROTEST_NOUNS for t in triggers) and not any(
        is_verb(view, t, "protest_verb") for t in triggers if t.kind in _PROTEST_NOUNS
    )
    if nouns_only and not has_figures and not view.has("protest_eventive"):
        triggers = [t for t in triggers if t.kind not in _PROTEST_NOUNS]
    named_only = any(t.kind == "protest_actor" for t in triggers) and not any(
        t.kind in CROWD[:-1] for t in triggers
    )
    if named_only and not view.has("happening"):
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
        verb = next((t for t in violent if is_verb(view, t)), best)
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
    return view.has("violence_cues")


def realis(view: SentenceView, cand: Candidate) -> str:
    """The nearest realis cue within five words before the trigger, in its clause (one
    word for ``دون``/``عدم``, which negate only the word after them); a conditional
    (``إذا``, ``لو``) anywhere earlier in the sentence; ``المقبل`` after a noun trigger."""
    cs = cand.clause[0]
    t0 = cand.trigger.start
    best: tuple[int, str] | None = None
    not_negation = {m.start for m in view.find("not_negation", 0, t0)}
    for m in view.find("realis", 0, t0):
        if m.start in not_negation:
            continue
        window = 1 if view.has("tight_negation", m.start, m.end) else 5
        near = m.start >= cs and view.words_between(m.end, t0) <= window
        if near or (m.value == "hypothetical" and view.has("conditional", m.start, m.end)):
            best = (m.start, str(m.value))
    if best is None:
        if view.has("future_after", cand.trigger.end, cand.clause[1]) and not is_verb(view, cand.trigger):
            return "future"
        return "actual"
    return {"claim": "reported-as-claim"}.get(best[1], best[1])


def _motive(view: SentenceView, clause: tuple[int, int]) -> tuple[int, int] | None:
    for m in view.find("motive", clause[0], clause[1]):
        words = [(s, e) for s, e, _w in view.words if m.start <= s < clause[1]][:7]
        return m.start, min(words[-1][1] if words else m.end, clause[1])
    return None
