"""One fact per figure: a repeat (headline and body) and a vague or rounded figure restated
precisely (``عشرات`` then ``40``, ``أكثر من مئة`` then ``111``) are folded into the fact
they repeat."""

from __future__ import annotations

from .facts import Fact

#: Counts without a numeral that name their person (not ``مقتله``, which refers back).
_NAMING = frozenset({"singular", "named", "one_of", "list"})


def merge_repeats(facts: list[Fact]) -> list[Fact]:
    """One fact per figure: a repeat (same category and best, compatible who) and a
    vague or rounded figure restated precisely are folded into the fact they repeat."""
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
        better = next((p for p in precise if p is not fact and _restates(fact, p)), None) \
            if _rounded(fact) else None
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
    ``53 فلسطينيا بينهم أم وأطفالها الخمسة`` in the lede), and so are two people named in
    one sentence."""
    if a.category != b.category or a.quantity.best != b.quantity.best:
        return False
    if (a.parent is None) != (b.parent is None) and a.sentence == b.sentence:
        return False
    if a.sentence == b.sentence and a.basis in _NAMING and b.basis in _NAMING:
        return False  # مقتل شخص ... بالإضافة إلى مقتل المنفذ: two people named in one sentence
    return a.who is None or b.who is None or a.who == b.who


def _rounded(fact: Fact) -> bool:
    """A vague figure (``عشرات``) or a rounded lower bound (``أكثر من مئة``, ``ما لا يقل عن 18``)."""
    return fact.quantity.vague or fact.quantity.approx in ("more_than", "at_least")


def _restates(vague: Fact, precise: Fact) -> bool:
    """Does the precise figure restate the vague or rounded one? Inside its range, and for a
    rounded bound below twice it (``أكثر من مئة`` is 111, not 5000): same category, no
    other group."""
    q = vague.quantity
    best = precise.quantity.best
    if vague.category != precise.category or q.min is None or best is None:
        return False
    if precise.who is not None and precise.who != vague.who:
        return False  # 18 police killed is part of the dozens, not a restatement
    if q.best is None and precise.cumulative and not vague.cumulative:
        return False  # استشهد عدد من الفلسطينيين ... ليصل عدد الشهداء إلى 34904: today's, and the total
    if not q.vague and (q.best is None or best >= 2 * q.best or precise.quantity.approx != "exact"):
        return False
    return q.min <= best and (q.max is None or best <= q.max)
