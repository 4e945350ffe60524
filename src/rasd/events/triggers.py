"""Event triggers, realis cues, tags and motives from ``events_triggers.json``.

Everything is loaded lazily and cached; the file is validated on load (every
kind named by a term group or combo must be declared, every ACLED type and
PLOVER event must exist in ``events_types.json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import LexiconError
from ..lexicon import load
from .text import SentenceView, TermMatcher


@dataclass(frozen=True)
class Kind:
    name: str
    event_type: str | None
    sub_event_type: str | None
    plover: str
    mode: str | None
    rasd_type: str | None
    strong: bool


@dataclass(frozen=True)
class Trigger:
    kind: str
    start: int  # normalized offsets inside the sentence
    end: int
    term: str


@cache
def kinds() -> dict[str, Kind]:
    data = load("events_triggers")
    types = load("events_types")
    out = {}
    for name, spec in data["kinds"].items():
        et, sub, plover = spec.get("event_type"), spec.get("sub_event_type"), spec["plover"]
        if et is not None and sub not in types["acled"][et]["sub_types"]:
            raise LexiconError(f"events_triggers: kind {name}: {et} has no sub-type {sub!r}")
        if plover not in types["plover"]:
            raise LexiconError(f"events_triggers: kind {name}: unknown PLOVER event {plover}")
        mode = spec.get("mode")
        if mode is not None and mode not in types["plover"][plover]:
            raise LexiconError(f"events_triggers: kind {name}: {plover} has no mode {mode!r}")
        out[name] = Kind(name, et, sub, plover, mode, spec.get("rasd_type"), spec.get("strength") == "strong")
    return out


@cache
def _trigger_matcher() -> TermMatcher:
    data = load("events_triggers")
    known = kinds()
    entries = []
    for kind, terms in data["terms"].items():
        if kind not in known:
            raise LexiconError(f"events_triggers: terms for undeclared kind {kind}")
        if not terms:
            raise LexiconError(f"events_triggers: kind {kind} has no terms")
        entries += [(t, kind) for t in terms]
    return TermMatcher(entries)


@cache
def _combo_matchers() -> list[tuple[str, int, list[TermMatcher]]]:
    out = []
    for combo in load("events_triggers")["combos"]:
        if combo["kind"] not in kinds():
            raise LexiconError(f"events_triggers: combo for undeclared kind {combo['kind']}")
        out.append(
            (
                combo["kind"],
                int(combo["window"]),
                [TermMatcher((t, i) for t in group) for i, group in enumerate(combo["all"])],
            )
        )
    return out


@cache
def cue_matcher(group: str) -> TermMatcher:
    """A matcher over one dict-of-lists group (``realis``, ``tags``, ``departure_mode``).
    Realis cues are function words, matched as whole words (only و/ف before them)."""
    data: dict[str, Any] = load("events_triggers")[group]
    exact = group == "realis"
    return TermMatcher(
        (_exact(t) if exact else t, label)
        for label, terms in data.items()
        if not label.startswith("_")
        for t in terms
    )


def _exact(term: str) -> str:
    return " ".join(f"={w}!" for w in term.split())


@cache
def happening_matcher() -> TermMatcher:
    """Verbs that make named protesters an event (تجمع، هتف، رشق...)."""
    return TermMatcher((t, "happening") for t in load("events_triggers")["happening"])


@cache
def violence_matcher() -> TermMatcher:
    """Words of force: weapons, casualties, armed actors (an attack word needs one)."""
    return TermMatcher((t, "violence") for t in load("events_triggers")["violence_cues"])


@cache
def eventive_matcher() -> TermMatcher:
    """Words that make a violent noun (التفجير، الاغتيال) a report rather than a reference."""
    return TermMatcher((t, "eventive") for t in load("events_triggers")["eventive"])


@cache
def protest_eventive_matcher() -> TermMatcher:
    """Words that make a protest noun (المظاهرات) a report: a day, a crowd, a street, a start."""
    data = load("events_triggers")
    return TermMatcher((t, "eventive") for t in data["protest_eventive"] + data["happening"])


@cache
def purpose_matcher() -> TermMatcher:
    """``لوضع حد لأعمال الشغب``: a trigger after these is the aim of another act, not a report."""
    return TermMatcher((t, "purpose") for t in load("events_triggers")["purpose"])


@cache
def motive_matcher() -> TermMatcher:
    return TermMatcher((t, "motive") for t in load("events_triggers")["motive"])


@cache
def _blockers() -> dict[str, frozenset[str]]:
    from ..normalize import normalize_str

    data = load("events_triggers")["blockers"]
    return {
        normalize_str(k): frozenset(normalize_str(w) for w in v)
        for k, v in data.items()
        if not k.startswith("_")
    }


def find_triggers(view: SentenceView) -> list[Trigger]:
    """Simple triggers and combos in one sentence; a simple trigger inside a
    combo's stretch is dropped (``طلبت من موسكو نشر قوات`` is a request, not a deployment)."""
    text = view.text
    combos = list(_find_combos(view))
    found = []
    blockers = _blockers()
    for s, e, kind, term in _trigger_matcher().finditer(text):
        if any(cs <= s and e <= ce for _k, cs, ce, _t in combos):
            continue
        prev = text[:s].split()[-1:] if s else []
        word = text[s:e].split()[0]
        if (
            prev
            and any(word.endswith(k) for k in blockers)
            and prev[0] in blockers.get(next(k for k in blockers if word.endswith(k)), frozenset())
        ):
            continue
        found.append(Trigger(str(kind), s, e, term))
    found += [Trigger(k, cs, ce, t) for k, cs, ce, t in combos]
    return sorted(found, key=lambda t: t.start)


def _find_combos(view: SentenceView) -> list[tuple[str, int, int, str]]:
    out = []
    for kind, window, matchers in _combo_matchers():
        for cs, ce in view.clauses:
            hits = [list(m.finditer(view.text, cs, ce)) for m in matchers]
            if not all(hits):
                continue
            best = None
            for a in hits[0]:
                for b in hits[1]:
                    lo, hi = min(a[0], b[0]), max(a[1], b[1])
                    if view.words_between(lo, hi) <= window and (best is None or hi - lo < best[1] - best[0]):
                        best = (lo, hi, a[3] + " … " + b[3])
            if best:
                out.append((kind, best[0], best[1], best[2]))
    return out
