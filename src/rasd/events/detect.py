"""Sentence-level detection: triggers grouped into candidates per incident segment.

A sentence is cut into incident segments only at semicolons and at words that open a
parallel report (:attr:`.text.SentenceView.segments`); commas do not cut an incident.
Per segment: a crowd event per clause (protest, strike, riot; a riot wins, and gunfire or
clashes inside it become tags of the riot), one violent event for the violent triggers
left (the most specific kind, read around the segment's first violent verb: ``قتل أربعة
مدنيين، وأصيب سبعة آخرون، في قصف …`` is one shelling), and each strategic development.
Weak triggers (``تفريق``, ``قتلى``) only refine or, for casualty words with a figure,
make an event when nothing else in the sentence does.

The rules generate candidates; they drop only what is plainly no event (an accident, a
verbal attack, the aim of another act). What only *may* be no event (a protest or violent
noun with nothing happening, protesters merely named, an attack word with no force near
it) is kept and flagged (:attr:`Candidate.flags`): the trained check (:mod:`.classify`)
weighs those flags with the rest of the sentence, and without a model the flagged
candidates are left out, as the rules alone always did. Each candidate carries its realis
(actual / negated / future / hypothetical / reported-as-claim / historical), tags and
motive span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .actors import prepositions
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
    "shoot_down",
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
_TOLL_KINDS = frozenset({"kill", "casualty"})
#: Flags that keep a candidate out when there is no trained check (the rules' old filters).
SCREEN_FLAGS = frozenset({"bare", "named_only", "no_force"})


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
    segment: tuple[int, int] = (0, 0)
    flags: set[str] = field(default_factory=set)

    @property
    def spec(self) -> Kind:
        return kinds()[self.kind]

    @property
    def triggers(self) -> list[Trigger]:
        return [self.trigger, *self.absorbed]


def detect(view: SentenceView, figures: list[Figure] | None = None) -> list[Candidate]:
    triggers, flags = _screen(view, find_triggers(view), bool(figures))
    out: list[Candidate] = []
    all_kinds = {t.kind for t in triggers}
    for seg in view.segments:
        here = [t for t in triggers if seg[0] <= t.start < seg[1]]
        if here:
            out += _segment_candidates(view, here, seg, all_kinds, figures or [])
    if not out and figures and any(f.kind in ("killed", "injured") for f in figures):
        weak = [t for t in triggers if t.kind == "casualty"]
        if weak:
            cs, ce = view.clauses[view.clause_of(weak[0].start)]
            out.append(Candidate("casualty", weak[0], (cs, ce), kinds()["casualty"].sub_event_type,
                                 segment=view.segment_of(weak[0].start)))
    for cand in out:
        cand.flags |= {f for t in cand.triggers for f in flags.get(t.start, ())}
        if not any(is_verb(view, cand.trigger, g) for g in ("violent_verb", "protest_verb", "victim_verb")):
            cand.flags.add("nominal")
        cand.realis = realis(view, cand)
        cand.tags = sorted({str(v) for v in view.matches.values("tags")})
        if background(view, cand) == "period":
            cand.tags.append("running total")
        cand.motive = _motive(view, cand.clause) if cand.kind in CROWD else None
        if cand.kind == "embassy_departure":
            modes = [str(v) for v in view.matches.values("departure_mode")]
            cand.departure = next((m for m in ("expelled", "ordered", "voluntary") if m in modes), None)
    return out


def is_verb(view: SentenceView, trig: Trigger, group: str = "violent_verb") -> bool:
    """Whether the trigger's first word is a verb form of ``group`` (``قتلوا``, ``تظاهر``);
    not after a preposition (``في قصف`` is a noun)."""
    word = view.first_word(trig.start, trig.end)
    if word is None or not view.has(group, word[0], word[1]):
        return False
    prev = [w for _s, e, w in view.words if e <= word[0]][-1:]
    return not (prev and prev[0] in prepositions())


def _screen(
    view: SentenceView, triggers: list[Trigger], has_figures: bool
) -> tuple[list[Trigger], dict[int, set[str]]]:
    """Drop triggers that plainly report no event (accidents and verbal attacks, the aim of
    another act: لوضع حد لأعمال الشغب) and flag those that may not: violent or protest nouns
    with nothing happening (``bare``: الاغتيال، التعامل مع التظاهرات), protesters merely
    named (``named_only``), an attack word with no force near it (``no_force``: هاجم ترامب
    مكتب التحقيقات). Flags are keyed by trigger start."""
    flags: dict[int, set[str]] = {}

    def flag(kinds_: frozenset[str] | set[str], name: str) -> None:
        for t in triggers:
            if t.kind in kinds_:
                flags.setdefault(t.start, set()).add(name)

    if any(t.kind in _SOFT_VIOLENCE for t in triggers):
        context = {str(m.value) for m in view.find("not_violence")
                   if not _violent_incident(view, m.end, triggers)}
        hard = any(t.kind in VIOLENCE and t.kind not in _SOFT_VIOLENCE for t in triggers)
        if "verbal" in context or ("accident" in context and not hard):
            triggers = [t for t in triggers if t.kind not in _SOFT_VIOLENCE]
    purposes = [m.end for m in view.find("purpose")]
    triggers = [
        t for t in triggers if not any(e <= t.start and view.words_between(e, t.start) <= 2 for e in purposes)
    ]
    if any(t.kind == "attack" for t in triggers) and not _violent_context(view, triggers):
        flag({"attack"}, "no_force")
    verb = any(t.kind in VIOLENCE and (is_verb(view, t) or is_verb(view, t, "victim_verb")) for t in triggers)
    if not has_figures and not verb and not view.has("eventive"):
        flag(set(VIOLENCE), "bare")
    nouns_only = any(t.kind in _PROTEST_NOUNS for t in triggers) and not any(
        is_verb(view, t, "protest_verb") for t in triggers if t.kind in _PROTEST_NOUNS
    )
    if nouns_only and not has_figures and not view.has("protest_eventive"):
        flag(_PROTEST_NOUNS, "bare")
    named_only = any(t.kind == "protest_actor" for t in triggers) and not any(
        t.kind in CROWD[:-1] for t in triggers
    )
    if named_only and not view.has("happening"):
        flag({"protest_actor"}, "named_only")
    return triggers, flags


def _violent_incident(view: SentenceView, end: int, triggers: list[Trigger]) -> bool:
    """``حادث إطلاق نار``, ``حادثة طعن``: an incident word right before a violent trigger
    names that violence, not an accident."""
    return any(t.kind in VIOLENCE and t.start >= end and view.words_between(end, t.start) == 0
               for t in triggers)


def _segment_candidates(
    view: SentenceView,
    here: list[Trigger],
    segment: tuple[int, int],
    all_kinds: set[str],
    figures: list[Figure],
) -> list[Candidate]:
    out: list[Candidate] = []
    absorbed: set[int] = set()
    for clause in view.clauses:
        if not (segment[0] <= clause[0] < segment[1]):
            continue
        in_clause = [t for t in here if clause[0] <= t.start < clause[1]]
        crowd = _crowd(in_clause, clause, all_kinds, figures)
        if crowd is not None:
            crowd.segment = segment
            out.append(crowd)
            absorbed |= {t.start for t in in_clause
                         if t.kind in ("clash", "exchange", "gunfire", "kill", "attack", "loot")}
    violent = [t for t in here if t.kind in VIOLENCE and t.start not in absorbed]
    if violent:
        best = min(violent, key=lambda t: VIOLENCE.index(t.kind))
        # roles and realis read around the segment's first violent verb (قتلوا), the type
        # comes from the most specific trigger (قصف)
        verb = next((t for t in violent if is_verb(view, t) or is_verb(view, t, "victim_verb")), best)
        clause = view.clauses[view.clause_of(verb.start)]
        out.append(Candidate(best.kind, verb, clause, kinds()[best.kind].sub_event_type,
                             absorbed=[t for t in violent if t is not verb], segment=segment))
    seen = set()
    crowd_clauses = {c.clause for c in out if c.kind in CROWD}
    for t in here:
        if t.kind in STRATEGIC and t.kind not in seen:
            clause = view.clauses[view.clause_of(t.start)]
            if t.kind == "arrest" and clause in crowd_clauses:
                continue  # arrests of protesters refine the protest
            seen.add(t.kind)
            out.append(Candidate(t.kind, t, clause, kinds()[t.kind].sub_event_type, segment=segment))
    return out


def _crowd(in_clause: list[Trigger], clause: tuple[int, int], all_kinds: set[str],
           figures: list[Figure]) -> Candidate | None:
    """The clause's crowd event: a riot wins (clashes inside a protest make it one)."""
    crowd = [t for t in in_clause if t.kind in CROWD]
    if not crowd:
        return None
    present = {t.kind for t in in_clause}
    riot = next((t for t in crowd if t.kind == "riot"), None)
    if riot is None and present & {"clash", "exchange"}:
        riot = next(t for t in in_clause if t.kind in ("clash", "exchange"))
    main = riot or next((t for t in crowd if t.kind != "protest_actor"), crowd[0])
    kind = "riot" if riot else ("protest" if main.kind == "protest_actor" else main.kind)
    sub = kinds()[kind].sub_event_type
    if kind != "riot":
        killed = any(f.kind == "killed" for f in figures)
        if "live_fire" in all_kinds or (killed and "intervention" in all_kinds):
            sub = "Excessive force against protesters"
        elif "intervention" in all_kinds or "arrest" in all_kinds:
            sub = "Protest with intervention"
    others = [t for t in in_clause if t is not main and (t.kind in VIOLENCE or t.kind in CROWD)]
    return Candidate(kind, main, clause, sub, absorbed=others)


def _violent_context(view: SentenceView, triggers: list[Trigger]) -> bool:
    """An attack word needs force nearby: a weapon, a casualty, an armed actor, or
    another violent trigger."""
    if any(t.kind in VIOLENCE and t.kind != "attack" for t in triggers):
        return True
    return view.has("violence_cues")


def realis(view: SentenceView, cand: Candidate) -> str:
    """The nearest realis cue within five words before the trigger, in its clause (one
    word for ``دون``/``عدم``, which negate only the word after them; ``قد`` only before an
    imperfect verb: ``قد يهاجم`` may attack, ``كان … قد هاجموا`` had attacked); a
    conditional (``إذا``, ``لو``) anywhere earlier in the sentence; ``المقبل`` after a noun
    trigger. An actual event whose clause cites the past (``قبل عامين``, ``الحرب العالمية``,
    ``منذ اندلاع``) or whose toll adds up a span of time (``خلال خمسة أيام``) is
    ``historical`` (:func:`background`)."""
    cs = cand.clause[0]
    t0 = cand.trigger.start
    best: tuple[int, str] | None = None
    not_negation = {m.start for m in view.find("not_negation", 0, t0)}
    for m in view.find("realis", 0, t0):
        if m.start in not_negation or (m.term.strip("=!") == "قد" and not _imperfect_after(view, m.end)):
            continue
        window = 1 if view.has("tight_negation", m.start, m.end) else 5
        near = m.start >= cs and view.words_between(m.end, t0) <= window
        if near or (m.value == "hypothetical" and view.has("conditional", m.start, m.end)):
            best = (m.start, str(m.value))
    if best is None:
        if view.has("future_after", cand.trigger.end, cand.clause[1]) and not is_verb(view, cand.trigger):
            return "future"
        if _pluperfect(view, cs, t0):
            return "historical"
        kind = background(view, cand)
        if kind == "background" or (kind == "period" and _toll(cand)):
            return "historical"
        return "actual"
    return {"claim": "reported-as-claim"}.get(best[1], best[1])


def _pluperfect(view: SentenceView, clause_start: int, t0: int) -> bool:
    """``وكان مسلحون قد قتلوا``: كان and قد before a perfect verb, within five words before
    the trigger, tell an earlier event as context (eval/guidelines/events.md, background)."""
    for m in view.find("realis", clause_start, t0):
        if m.term.strip("=!") != "قد" or _imperfect_after(view, m.end) or view.words_between(m.end, t0) > 5:
            continue
        auxiliaries = view.find("cue:pluperfect_aux", clause_start, m.start)
        if any(view.words_between(aux.end, m.start) <= 4 for aux in auxiliaries):
            return True
    return False


def _imperfect_after(view: SentenceView, pos: int) -> bool:
    word = next((w for s, _e, w in view.words if s >= pos), "")
    return word[:1] in ("ي", "ت", "ن")


def _toll(cand: Candidate) -> bool:
    """A candidate that reports people killed (``مقتل``, ``قتلى``, ``قتل``)."""
    return cand.kind in _TOLL_KINDS or any(t.kind in _TOLL_KINDS for t in cand.triggers)


def background(view: SentenceView, cand: Candidate) -> str | None:
    """``background`` when the candidate's clause, or its incident segment before the
    trigger, cites the past (lexicon ``cue:background``: ``قبل عامين``, ``منذ اندلاع``,
    ``الحرب العالمية``, ``في الذكرى``), ``period`` when it adds up a span of time (``منذ
    الأحد``, ``خلال خمسة أيام``, ``القصف المتواصل``; not ``منذ الصباح``), else None;
    neither counts after a superlative (``الأعنف منذ عام 2015``)."""
    return context_background(view, cand.clause, cand.segment, cand.trigger.start, crowd=cand.kind in CROWD)


def context_background(view: SentenceView, clause: tuple[int, int], segment: tuple[int, int],
                       pos: int, crowd: bool = False) -> str | None:
    """:func:`background` of a position ``pos`` (a trigger, a figure): its clause with the
    comma-separated phrases that only qualify it (a relative clause, ``الذي أدى لمقتل …``,
    or a prepositional phrase, ``، في خمسة أيام من الغارات``), and its incident segment
    before it (``ومنذ 2014، … قتلت الجماعة 2000 مدني``). A ``crowd`` trigger (a protest) is
    dated by an anniversary only when it is what the anniversary commemorates: protests
    are held on anniversaries, and violence told beside one is the commemorated event."""
    start, end = clause_unit(view, clause)
    return stretch_background(view, min(start, segment[0]), end,
                              before=pos if segment[0] < start else None, clause_start=start,
                              pos=pos if crowd else None)


def clause_unit(view: SentenceView, clause: tuple[int, int]) -> tuple[int, int]:
    """A clause joined with its neighbours that only qualify: a clause opened by a relative
    pronoun or a preposition belongs with the clause before it."""
    clauses = view.clauses
    i = clauses.index(clause) if clause in clauses else view.clause_of(clause[0])
    first = last = i
    while first > 0 and _qualifier(view, clauses[first]):
        first -= 1
    while last + 1 < len(clauses) and _qualifier(view, clauses[last + 1]):
        last += 1
    return clauses[first][0], clauses[last][1]


def _qualifier(view: SentenceView, clause: tuple[int, int]) -> bool:
    word = next((w for s, _e, w in view.words if clause[0] <= s < clause[1]), None)
    if word is None:
        return False
    first = view.first_word(clause[0], clause[1])
    return word in prepositions() or (first is not None and view.has("relative", first[0], first[1]))


def stretch_background(view: SentenceView, start: int, end: int, before: int | None = None, *,
                       clause_start: int | None = None, pos: int | None = None) -> str | None:
    """The background of ``[start, end)``; with ``before``, cues between ``start`` and
    ``clause_start`` count only when they come before ``before``. With ``pos`` (a protest's
    trigger), an anniversary (``ذكرى``) dates only what it commemorates: a trigger a few
    words after it in the same phrase (``في الذكرى السنوية للانتفاضة``), not a protest held
    on it (``مسيرة عشية ذكرى مقتل``, ``في الذكرى الأولى …، خرج نحو 20 شخصا للتظاهر``)."""
    sup = [m.end for m in view.find("cue:superlative", max(0, start - 30), end)]

    def counts(pos: int) -> bool:
        if any(e <= pos and view.words_between(e, pos) <= 2 for e in sup):
            return False
        return before is None or clause_start is None or pos >= clause_start or pos < before

    if any(counts(m.start) and (pos is None or _dates_trigger(view, m.start, m.end, pos))
           for m in view.find("cue:background", start, end)):
        return "background"
    for m in view.find("cue:period", start, end):
        if not counts(m.start):
            continue
        nxt = [w for w in view.words if w[0] >= m.end][:3]
        stop = nxt[-1][1] if nxt else m.end
        if view.has("cue:same_day", m.end, stop):
            continue
        units = "cue:time_units" if m.term == "=في!" else "cue:duration"  # في خمسة أيام, not في حملة
        if m.term == "=منذ!" or view.has(units, m.end, stop):
            return "period"
    if any(counts(m.start) for m in view.find("cue:ongoing", start, end)):
        return "period"
    return None


#: Words after an anniversary within which a trigger is what it commemorates.
_COMMEMORATED_WORDS = 7


def _dates_trigger(view: SentenceView, start: int, end: int, pos: int) -> bool:
    """Whether a background cue at ``[start, end)`` dates the trigger at ``pos``: any cue
    does, except an anniversary, which dates only a trigger that follows it closely in
    the same comma-free phrase."""
    if "ذكر" not in view.text[start:end]:
        return True
    return end <= pos and view.words_between(end, pos) <= _COMMEMORATED_WORDS \
        and not any(ch in view.text[end:pos] for ch in "،,؛;.:")


def _motive(view: SentenceView, clause: tuple[int, int]) -> tuple[int, int] | None:
    for m in view.find("motive", clause[0], clause[1]):
        words = [(s, e) for s, e, _w in view.words if m.start <= s < clause[1]][:7]
        return m.start, min(words[-1][1] if words else m.end, clause[1])
    return None
