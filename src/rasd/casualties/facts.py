"""Casualty facts: a category, a quantity, who, and the evidence span.

For each quantity of a sentence the category comes, in this order, from:
a subset cue (``بينهم 5 أطفال`` takes its parent's category); a casualty noun
after the figure (``18 قتيلا``, ``عشرات القتلى``); a trigger before it
(``مقتل 3 جنود``, ``اعتقل أكثر من 3800 شخص``, ``ارتفع عدد الشهداء إلى 35``);
a plural verb after the figure and its person noun (``46 عنصرا ... قتلوا``);
or coordination with the fact just before (``32 فلسطينيا وأربعة إسرائيليين``).
A figure followed by a noun that is not a person (trucks, days, tents) is
not a fact. Negated and hypothetical statements are skipped, and so is a
figure shared by killed and injured (``عشرات الشهداء والجرحى``): it cannot be
split. A figure repeated (headline and body), or a vague figure restated
precisely (``عشرات`` then ``40``), is one fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Token
from ..numbers.quantities import Quantity
from ..tokens import SentenceRange
from .lexicon import CasualtyLexicon, casualty_lexicon, lookup

_STOP_BACK = frozenset({".", "؛", ":", "بينهم", "منهم"})
_BACK_WINDOW = 4
_AFTER_WINDOW = 8
_PREP_PREFIXES = ("ب", "ل")


@dataclass
class Fact:
    category: str
    quantity: Quantity
    sentence: int
    start: int
    end: int
    who: str | None = None
    who_text: str | None = None
    parent: Fact | None = None
    cumulative: bool = False
    figure_source: str | None = None
    repeats: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Noun:
    index: int | None = None  # token index of the head noun after the figure
    category: str | None = None
    who: str | None = None
    who_index: int | None = None
    person: bool = False
    bare: bool = True  # no noun at all after the figure


def _is_prep_phrase(norm: str) -> bool:
    return len(norm) > 4 and norm[0] in _PREP_PREFIXES and not norm.startswith("بين")


def _demonym(norm: str) -> bool:
    """``فلسطينيا``, ``إسرائيليين``, ``مقدسيا``: a person by nationality or origin."""
    stem = norm[2:] if norm.startswith("ال") else norm
    return len(stem) >= 5 and stem.endswith(("يا", "يين", "يون", "ي"))


def _who_near(tokens: list[Token], i: int, end: int, lex: CasualtyLexicon) -> tuple[str, int] | None:
    """A group word at ``i``, right after ``من`` (``3 من جنوده``), or a militant
    marker within three words (``46 عنصرا من ميليشيات الحوثي``)."""
    near = [i, i + 2] if i + 2 < end and tokens[i + 1].norm == "من" else [i]
    for k in range(i, min(i + 4, end)):
        norm = tokens[k].norm
        if tokens[k].kind != "word":
            return None
        group = lookup(norm, lex.who) if k in near else None
        if group is not None and group != "prisoners":
            return group, k
        if lookup(norm, lex.militant_markers):
            return "militants", k
    return None


def _noun_after(tokens: list[Token], q: Quantity, end: int, lex: CasualtyLexicon) -> _Noun:
    k = q.last
    if k < end and tokens[k].norm == "من":
        k += 1
    if k >= end or tokens[k].kind != "word":
        return _Noun()
    norm = tokens[k].norm
    if norm in lex.function_words or _is_prep_phrase(norm) or lookup(norm, lex.subset_cues):
        if norm in ("اخرين", "اخرون"):
            return _Noun(index=k, person=True, bare=True)
        return _Noun()
    if norm[:1] == "و" and (lookup(norm, lex.triggers) or lookup(norm, lex.nouns)):
        return _Noun()  # العشرات وإصابة: the next phrase, not this figure's noun
    if lookup(norm, lex.after_verbs):
        return _Noun()  # 17 اعتقلوا: a verb, no noun
    noun = _Noun(index=k, bare=False)
    noun.category = lookup(norm, lex.nouns)
    found = _who_near(tokens, k, end, lex)
    if found is not None and (found[1] == k or noun.category is not None
                              or lookup(norm, lex.person) or lookup(norm, lex.who)):
        noun.who, noun.who_index = found
    noun.person = bool(noun.who or lookup(norm, lex.person) or lookup(norm, lex.who)
                       or _demonym(norm))
    return noun


def _trigger_before(tokens: list[Token], q: Quantity, start: int, lex: CasualtyLexicon
                    ) -> tuple[str, int] | None:
    for k in range(q.first - 1, max(start, q.first - _BACK_WINDOW) - 1, -1):
        tok = tokens[k]
        if tok.kind == "number" or tok.norm in _STOP_BACK:
            return None
        if tok.kind != "word":
            continue
        cat = lookup(tok.norm, lex.triggers)
        if cat is not None:
            return cat, k
    return None


def _trigger_after(tokens: list[Token], q: Quantity, end: int, lex: CasualtyLexicon
                   ) -> tuple[str, int] | None:
    for k in range(q.last, min(end, q.last + _AFTER_WINDOW)):
        tok = tokens[k]
        if tok.norm in (".", "،", ":", "؛") or lookup(tok.norm, lex.subset_cues) == "منهم":
            return None
        cat = lookup(tok.norm, lex.after_verbs) if tok.kind == "word" else None
        if cat is not None:
            return cat, k
    return None


def _combined(tokens: list[Token], index: int, category: str, forward: bool, *, end: int,
              lex: CasualtyLexicon) -> bool:
    """``القتلى والجرحى`` / ``استشهد وأصيب``: the figure belongs to two categories."""
    if forward:
        k = index + 1
        if k < end and tokens[k].kind == "word" and tokens[k].norm.startswith("و"):
            other = lookup(tokens[k].norm, lex.nouns) or lookup(tokens[k].norm, lex.triggers)
            return other is not None and other != category
        return False
    if not tokens[index].norm.startswith("و") or index == 0:
        return False
    other = lookup(tokens[index - 1].norm, lex.triggers)
    return other is not None and other != category


def _negated(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> bool:
    return any(tokens[j].norm in lex.negations for j in range(max(start, k - 5), k))


def _hypothetical(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> bool:
    """``إذا``, ``لو``, ``في حال`` before the figure in its sentence."""
    for j in range(start, k):
        for phrase in lex.hypothetical:
            if tuple(t.norm for t in tokens[j:j + len(phrase)]) == phrase:
                return True
    return False


def _released(tokens: list[Token], q: Quantity, start: int, lex: CasualtyLexicon) -> bool:
    return any(lookup(tokens[j].norm, lex.release) for j in range(max(start, q.first - 4), q.first))


def _subset_cue(tokens: list[Token], q: Quantity, start: int, end: int, *, lex: CasualtyLexicon,
                prev_end: int = -1) -> bool:
    if q.first > start and tokens[q.first - 1].norm == "(" and prev_end >= 0 \
            and tokens[q.first - 1].start - prev_end <= 3:
        return True  # تسعة متهمين (خمسة رجال) و(أربع نساء)
    before = [tokens[j].norm for j in range(max(start, q.first - 2), q.first)]
    if any(lookup(b, lex.subset_cues) for b in before):
        return True
    return q.last < end and tokens[q.last].norm in ("منهم", "منهن")


def _who_from_ranks(tokens: list[Token], q: Quantity, sent: SentenceRange, lex: CasualtyLexicon
                    ) -> tuple[str, int] | None:
    """``18 قتيلا ... في صفوفها``: the group of the organisation named before."""
    after = range(q.last, min(sent.end, q.last + 6))
    if not any(lookup(tokens[k].norm, lex.ranks) for k in after):
        return None
    for k in range(q.first - 1, sent.first - 1, -1):
        group = lookup(tokens[k].norm, lex.org_who)
        if group is not None:
            return group, k
    return None


def _category(tokens: list[Token], q: Quantity, noun: _Noun, sent: SentenceRange, *,
              prev: Fact | None, lex: CasualtyLexicon) -> tuple[str, int, int] | None:
    """The category with the token span of its evidence, or None when not a fact."""
    before = _trigger_before(tokens, q, sent.first, lex)
    if noun.category is not None:
        if noun.category == "arrested" and _released(tokens, q, sent.first, lex):
            after = _trigger_after(tokens, q, sent.end, lex)
            return (after[0], q.first, after[1] + 1) if after else None
        if noun.category == "crowd" and before is not None and before[0] != "crowd":
            return before[0], before[1], noun.index + 1 if noun.index is not None else q.last
        after = _trigger_after(tokens, q, sent.end, lex) if noun.category == "crowd" else None
        if after is not None:
            return after[0], q.first, after[1] + 1  # 35 محتجا أصيبوا
        assert noun.index is not None
        if _combined(tokens, noun.index, noun.category, True, end=sent.end, lex=lex):
            return None
        start = before[1] if before and before[0] == noun.category else q.first
        return noun.category, start, noun.index + 1
    if not noun.bare and not noun.person:
        return None  # 10 آلاف خيمة: a figure about things
    last = noun.index + 1 if noun.index is not None else q.last
    if before is not None:
        if _combined(tokens, before[1], before[0], False, end=sent.end, lex=lex):
            return None
        return before[0], before[1], last
    after = _trigger_after(tokens, q, sent.end, lex) if noun.person else None
    if after is None and noun.bare and q.last < sent.end and tokens[q.last].kind == "word":
        after = _trigger_after(tokens, q, min(sent.end, q.last + 1), lex)  # 17 اعتقلوا
    if after is not None:
        return after[0], q.first, after[1] + 1
    if prev is not None and prev.sentence == sent.index and noun.person:
        gap = [t.norm for t in tokens[_end_token(tokens, prev):q.first]]
        if (gap in (["و"], []) and tokens[q.first].norm.startswith("و")) or gap == ["و"]:
            return prev.category, q.first, last  # 32 فلسطينيا وأربعة إسرائيليين
    return None


def _coordinated(tokens: list[Token], prev: Fact, q: Quantity) -> bool:
    gap = [t.norm for t in tokens[_end_token(tokens, prev):q.first]]
    return gap == ["و"] or (gap == [] and tokens[q.first].norm.startswith("و"))


def _end_token(tokens: list[Token], fact: Fact) -> int:
    for k in range(fact.quantity.last, len(tokens)):
        if tokens[k].start >= fact.end:
            return k
    return len(tokens)


def _cumulative(tokens: list[Token], q: Quantity, sent: SentenceRange, lex: CasualtyLexicon) -> bool:
    for k in range(max(sent.first, q.first - 12), min(sent.end, q.last + 10)):
        norm = tokens[k].norm
        if k < q.first and lookup(norm, lex.cumulative):
            return True
        if norm == "منذ" and k + 1 < sent.end and lookup(tokens[k + 1].norm, lex.since):
            return True
    return False


def _figure_source(tokens: list[Token], q: Quantity, sent: SentenceRange, text: str,
                   lex: CasualtyLexicon) -> str | None:
    """``بحسب السلطات``, ``وفق المرصد``: the cue and what follows, up to punctuation."""
    for k in range(sent.first, sent.end):
        if tokens[k].kind != "word" or lookup(tokens[k].norm, lex.sources) is None:
            continue
        if tokens[k].norm.lstrip("و") not in lex.sources:
            continue
        stop = k + 1
        while stop < sent.end and stop - k <= 8 and tokens[stop].norm not in (".", "،", "؛", ","):
            stop += 1
        if stop > k + 1:
            return text[tokens[k].start:tokens[stop - 1].end]
    return None


def _fact(tokens: list[Token], q: Quantity, sent: SentenceRange, facts: list[Fact], *, text: str,
          lex: CasualtyLexicon) -> Fact | None:
    noun = _noun_after(tokens, q, sent.end, lex)
    prev = facts[-1] if facts else None
    parent = None
    prev_end = prev.end if prev is not None and prev.sentence == sent.index else -1
    if _subset_cue(tokens, q, sent.first, sent.end, lex=lex, prev_end=prev_end):
        if prev is None or prev.sentence < sent.index - 1 or (not noun.person and not noun.bare):
            return None
        parent = prev.parent or prev
        first, last = q.first, noun.index + 1 if noun.index is not None else q.last
        category = parent.category
    else:
        found = _category(tokens, q, noun, sent, prev=prev, lex=lex)
        if found is None:
            return None
        category, first, last = found
        if prev is not None and prev.parent is not None and prev.sentence == sent.index \
                and category == prev.category and first == q.first and _coordinated(tokens, prev, q):
            parent = prev.parent  # بينهم طفلان و4 نساء
    first = min(first, q.first)
    if _negated(tokens, first, sent.first, lex) or _hypothetical(tokens, first, sent.first, lex):
        return None
    start = q.start if first == q.first else tokens[first].start
    fact = Fact(category, q, sent.index, start, tokens[max(last, q.last) - 1].end, parent=parent)
    _set_who(fact, tokens, q, noun, sent, prev=prev, text=text, lex=lex)
    fact.cumulative = _cumulative(tokens, q, sent, lex)
    fact.figure_source = _figure_source(tokens, q, sent, text, lex)
    return fact


def _set_who(fact: Fact, tokens: list[Token], q: Quantity, noun: _Noun, sent: SentenceRange, *,
             prev: Fact | None, text: str, lex: CasualtyLexicon) -> None:
    if noun.who is not None and noun.who_index is not None:
        fact.who, fact.who_text = noun.who, text[tokens[noun.who_index].start:tokens[noun.who_index].end]
        return
    ranks = _who_from_ranks(tokens, q, sent, lex)
    if ranks is not None:
        fact.who, fact.who_text = ranks[0], text[tokens[ranks[1]].start:tokens[ranks[1]].end]
        return
    if noun.bare and prev is not None and prev.sentence == sent.index and prev.who and not fact.parent:
        fact.who, fact.who_text = prev.who, prev.who_text
        return
    if fact.category == "crowd" and noun.category == "crowd" and noun.index is not None:
        fact.who, fact.who_text = "protesters", text[tokens[noun.index].start:tokens[noun.index].end]


def _dual_quantities(tokens: list[Token], first: int, end: int, lex: CasualtyLexicon) -> list[Quantity]:
    """``قتيلين``, ``جنديين``: a dual noun is a figure of two."""
    out = []
    for k in range(first, end):
        if tokens[k].kind == "word" and lookup(tokens[k].norm, frozenset(lex.duals)):
            out.append(Quantity(tokens[k].start, tokens[k].end, k, k + 1, 2.0, 2.0, 2.0, "exact", False, k))
    return out


def _dual_fact(tokens: list[Token], q: Quantity, sent: SentenceRange, facts: list[Fact], *, text: str,
               lex: CasualtyLexicon) -> Fact | None:
    """A fact from a dual noun: ``شهيدان``, ``مقتل ضابطين``, ``بينهم طفلان``."""
    form = lookup(tokens[q.first].norm, frozenset(lex.duals))
    assert form is not None
    category, who = lex.duals[form]
    prev = facts[-1] if facts else None
    parent = None
    first = q.first
    same_sentence = prev is not None and prev.sentence == sent.index
    if same_sentence and prev is not None and _subset_cue(tokens, q, sent.first, sent.end, lex=lex):
        parent = prev.parent or prev
        category = parent.category
    elif category is None:
        found = _trigger_before(tokens, q, sent.first, lex)
        if found is None:
            return None
        category, first = found
    if _negated(tokens, first, sent.first, lex):
        return None
    fact = Fact(category, q, sent.index, tokens[first].start, q.end, parent=parent)
    if who:
        fact.who, fact.who_text = who, text[q.start:q.end]
    return fact


def find_sentence_facts(tokens: list[Token], sent: SentenceRange, quantities: list[Quantity],
                        facts: list[Fact], text: str) -> list[Fact]:
    """Facts of one sentence, appended after ``facts`` (earlier sentences)."""
    lex = casualty_lexicon()
    found: list[Fact] = []
    items = sorted([(q, False) for q in quantities]
                   + [(q, True) for q in _dual_quantities(tokens, sent.first, sent.end, lex)],
                   key=lambda item: item[0].start)
    for q, dual in items:
        fact = (_dual_fact(tokens, q, sent, facts + found, text=text, lex=lex) if dual
                else _fact(tokens, q, sent, facts + found, text=text, lex=lex))
        if fact is not None:
            found.append(fact)
    return found


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


def _same_figure(a: Fact, b: Fact) -> bool:
    if a.category != b.category or a.quantity.best != b.quantity.best:
        return False
    if (a.parent is None) != (b.parent is None):
        return False
    return a.who is None or b.who is None or a.who == b.who


def _restates(vague: Fact, precise: Fact) -> bool:
    q = vague.quantity
    if vague.category != precise.category or q.min is None:
        return False
    if precise.who is not None and precise.who != vague.who:
        return False  # 18 police killed is part of the dozens, not a restatement
    hi = q.max if q.max is not None else float("inf")
    return q.min <= precise.quantity.best <= hi
