"""One fact per figure: a repeat (headline and body) and a vague figure restated
precisely (``عشرات`` then ``40``) are folded into the fact they repeat."""

from __future__ import annotations

from .facts import Fact


def merge_repeats(facts: list[Fact]) -> list[Fact]:
    """One fact per figure: a repeat (same category and best, compatible who) and a
    vague figure restated precisely are folded into the fact they repeat."""
    kept: list[Fact] = []
    alias: dict[int, Fact] = {}
    for fact in facts:
        same = next((k for k in kept if _same_figure(k, fact)), None)
        if same is not None:
            _fold(same, fact)
            alias[id(fact)] = same
            continue
        kept.append(fact)
    precise = [f for f in kept if not f.quantity.vague and f.parent is None]
    out = []
    for fact in kept:
        better = next((p for p in precise if _restates(fact, p)), None) if fact.quantity.vague else None
        if better is not None and fact.parent is None:
            _fold(better, fact)
            alias[id(fact)] = better
            continue
        out.append(fact)
    for fact in out:
        while fact.parent is not None and id(fact.parent) in alias:
            fact.parent = alias[id(fact.parent)]
    return out


def _fold(kept: Fact, repeat: Fact) -> None:
    kept.repeats.append((repeat.start, repeat.end))
    kept.figure_source = kept.figure_source or repeat.figure_source
    kept.cumulative = kept.cumulative or repeat.cumulative
    if kept.who is None and repeat.who is not None:
        kept.who, kept.who_text = repeat.who, repeat.who_text
    if kept.parent is None and repeat.parent is not None:
        kept.parent = repeat.parent  # a headline figure restated as a part in the body


def _same_figure(a: Fact, b: Fact) -> bool:
    """Same category, best and group; a whole figure and a part are the same only when
    stated in different sentences (``استشهاد أم وأطفالها الخمسة`` in the headline,
    ``53 فلسطينيا بينهم أم وأطفالها الخمسة`` in the lede)."""
    if a.category != b.category or a.quantity.best != b.quantity.best:
        return False
    if (a.parent is None) != (b.parent is None) and a.sentence == b.sentence:
        return False
    return a.who is None or b.who is None or a.who == b.who


def _restates(vague: Fact, precise: Fact) -> bool:
    q = vague.quantity
    best = precise.quantity.best
    if vague.category != precise.category or q.min is None or best is None:
        return False
    if precise.who is not None and precise.who != vague.who:
        return False  # 18 police killed is part of the dozens, not a restatement
    return q.min <= best and (q.max is None or best <= q.max)
