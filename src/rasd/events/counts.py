"""An event's counts (``fatalities``, ``injured``, ``arrested``) from its casualty figures.

A running total (``منذ بداية الحرب``, ``خلال خمسة أيام``) or a toll cited as background
never counts. No double counting: identical figures count once (a repeated ``عشرات القتلى``); parts
(``بينهم``, ``منهم``) never add; figures for distinct named victim groups add up; a
general figure (no group, or a running total) caps the range, and the named groups
raise its lower bound and best guess. Every :class:`~.model.Count` names the casualty
spans it came from: the one figure it is, or each group it adds up.
"""

from __future__ import annotations

from .. import layers as L
from .figures import KINDS, Figure
from .model import Count, SpanRef
from .model import Figure as FigureRecord

FIELDS = {"killed": "fatalities", "injured": "injured", "arrested": "arrested"}


def _ref(f: Figure) -> SpanRef:
    return SpanRef(L.CASUALTIES, f.raw[0], f.raw[1])


def figure_record(f: Figure) -> FigureRecord:
    return FigureRecord(f.kind, f.min, f.best, f.max, f.who, f.who_text, f.subset, f.cumulative,
                        f.figure_source, _ref(f), f.sentence, f.running_total)


def unique_figures(figures: list[Figure]) -> list[Figure]:
    """The figures, each distinct (kind, min, best, max, who) once, in order."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in figures:
        if f.key() not in seen:
            seen.add(f.key())
            out.append(f)
    return out


def totals(figures: list[Figure]) -> dict[str, tuple[Count, Figure]]:
    """Per kind (killed, injured, arrested): the event's count and the figure whose
    sentence is its evidence."""
    out: dict[str, tuple[Count, Figure]] = {}
    for kind in KINDS:
        figs = [f for f in unique_figures(figures)
                if f.kind == kind and not f.subset and not f.running_total and f.best is not None]
        if not figs:
            continue
        general = [f for f in figs if not f.who or f.cumulative]
        sides = _distinct_groups([f for f in figs if f.who and not f.cumulative])
        total = _sum(sides) if sides else None
        if general:
            top = max(general, key=lambda f: f.best or 0)
            total = _bound(top, total)
        assert total is not None
        out[kind] = (total, max(general or sides, key=lambda f: f.best or 0))
    return out


def _distinct_groups(sides: list[Figure]) -> list[Figure]:
    """One figure per victim group (the largest): the same group counted twice is one group."""
    best: dict[str, Figure] = {}
    for f in sides:
        key = f.who or ""
        if key not in best or (f.best or 0) > (best[key].best or 0):
            best[key] = f
    return list(best.values())


def _sum(figs: list[Figure]) -> Count:
    lo = best = 0
    hi: int | None = 0
    for f in figs:
        lo += f.min or 0
        best += f.best or 0
        hi = None if hi is None or f.max is None else hi + f.max
    return Count(lo, best, hi, [_ref(f) for f in figs])


def _bound(general: Figure, sides: Count | None) -> Count:
    """A general figure (``عشرات القتلى``) and the sum of named sides (18 police): the
    sides raise the lower bound and the best guess, the general figure caps the range."""
    lo, best, hi = general.min, general.best, general.max
    spans = [_ref(general)]
    if sides is not None and (sides.best or 0) > (best or 0):
        spans += sides.spans
    if sides is not None:
        lo = max(lo or 0, sides.min or 0)
        best = max(best or 0, sides.best or 0)
        if hi is not None and hi < best:
            hi = best
    return Count(lo, best, hi, spans)
