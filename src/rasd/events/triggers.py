"""Event triggers: the kinds of ``events_triggers.json`` and where they occur.

Kinds are loaded lazily and validated on load (every ACLED type, sub-type and PLOVER
event and mode must exist in ``events_types.json``). Triggers and combos are read from
the sentence's one-pass term matches (:mod:`.lexicon`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..errors import LexiconError
from ..lexicon import load
from ..normalize import normalize_str
from .text import SentenceView


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
def _combos() -> list[tuple[str, int]]:
    return [(c["kind"], int(c["window"])) for c in load("events_triggers")["combos"]]


@cache
def _blockers() -> dict[str, frozenset[str]]:
    data = load("events_triggers")["blockers"]
    return {normalize_str(k): frozenset(normalize_str(w) for w in v)
            for k, v in data.items() if not k.startswith("_")}


def find_triggers(view: SentenceView) -> list[Trigger]:
    """Simple triggers and combos in one sentence; a simple trigger inside a combo's
    stretch is dropped (``طلبت من موسكو نشر قوات`` is a request, not a deployment), and a
    trigger right after a blocking word is not one (``طائرة مسيرة`` is a drone)."""
    combos = _find_combos(view)
    found = []
    for m in view.find("trigger"):
        if any(cs <= m.start and m.end <= ce for _k, cs, ce, _t in combos) or _blocked(view, m.start):
            continue
        found.append(Trigger(str(m.value), m.start, m.end, m.term))
    found += [Trigger(k, cs, ce, t) for k, cs, ce, t in combos]
    return sorted(found, key=lambda t: t.start)


def _blocked(view: SentenceView, start: int) -> bool:
    words = view.words
    i = next((k for k, (s, _e, _w) in enumerate(words) if s == start), None)
    if not i:
        return False
    word, prev = words[i][2], words[i - 1][2]
    blockers = _blockers()
    key = next((k for k in blockers if word.endswith(k)), None)
    # the word before with a proclitic too: بطائرات مسيرة, وطائرات مسيرة
    return key is not None and (prev in blockers[key] or (prev[:1] in "وبفل" and prev[1:] in blockers[key]))


def _find_combos(view: SentenceView) -> list[tuple[str, int, int, str]]:
    out = []
    for n, (kind, window) in enumerate(_combos()):
        for cs, ce in view.clauses:
            first, second = view.find(f"combo:{n}:0", cs, ce), view.find(f"combo:{n}:1", cs, ce)
            best = None
            for a in first:
                for b in second:
                    lo, hi = min(a.start, b.start), max(a.end, b.end)
                    if view.words_between(lo, hi) <= window and (best is None or hi - lo < best[1] - best[0]):
                        best = (lo, hi, a.term + " … " + b.term)
            if best:
                out.append((kind, best[0], best[1], best[2]))
    return out
