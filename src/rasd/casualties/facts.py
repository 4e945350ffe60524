"""Casualty facts from figures: a category, a quantity, who, and the evidence span.

For each quantity of a sentence (and each dual noun: ``شهيدان``, ``مستوطنان``,
``إسرائيليين أصيبا``) the category comes, in this order, from:

1. a subset cue (``بينهم 5 أطفال``, ``18 منهم``, a figure in parentheses after a
   fact): the parent's category, or the subset's own noun (``بينهم 4 شهداء و7 جرحى``);
2. a casualty noun after the figure (``18 قتيلا``, ``عشرات القتلى``), unless a trigger
   before it says what happened to them (``مصرع 5 أسرى``: killed prisoners);
3. a trigger before it, found over parentheticals and time words
   (:func:`~rasd.casualties.clause.trigger_before`);
4. a running total whose figure is far from its verb (``ارتفع عدد النازحين ... إلى 6.2 مليون``);
5. a plural verb after the figure and its person noun (``46 عنصرا ... قتلوا``);
6. coordination with the fact before, also across a list (``وقتل 500 معلم ومدير
   مدرسة، و100 عالم وباحث، و9 آلاف طالب``).

A figure followed by a noun that is not a person (trucks, hours, tents) is not a
fact, nor is a figure shared by two categories (``عشرات الشهداء والجرحى``,
``استشهد وأصيب عشرات``), negated, hypothetical, released, planned or sentenced.
Counts without a numeral (``استشهد شاب``) are read by :mod:`.singles`; repeats are
folded by :mod:`.merge`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Token
from ..numbers.quantities import Quantity
from ..tokens import SentenceRange
from . import clause as C
from .lexicon import CasualtyLexicon, lookup
from .persons import AMBIGUOUS, DU, is_dual_in_raw, person

_PREP_PREFIXES = ("ب", "ل")
_OTHERS = frozenset({"اخرين", "اخرون", "اخران", "اخريان", "اخر", "اخري"})
_LIST_GAP = 8  # tokens between two items of a list of figures
_PREPOSITIONS = frozenset({"في", "علي", "عن", "الي", "من", "حول", "بسبب"})


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
    basis: str = "numeral"  # numeral | dual | singular | named | list | pronoun | one_of


@dataclass
class _Noun:
    index: int | None = None  # token index of the head noun after the figure
    category: str | None = None
    who: str | None = None
    who_index: int | None = None
    person: bool = False
    bare: bool = True  # no noun at all after the figure


def is_prep_phrase(norm: str) -> bool:
    return len(norm) > 4 and norm[0] in _PREP_PREFIXES and not norm.startswith("بين")


def is_person_word(norm: str, lex: CasualtyLexicon) -> bool:
    """A person noun in any form, or a casualty noun (``قتلى``, ``مصابين``)."""
    return bool(person(norm) or lookup(norm, lex.nouns) or lookup(norm, lex.who)
                or lookup(norm, lex.person))


def who_of(norm: str, lex: CasualtyLexicon) -> str | None:
    found = person(norm)
    if found is not None and found.who is not None:
        return found.who
    group = lookup(norm, lex.who)
    return group if group != "prisoners" else None


def _who_near(tokens: list[Token], i: int, end: int, lex: CasualtyLexicon) -> tuple[str, int] | None:
    """A group word at ``i``, right after ``من`` (``3 من جنوده``), or a militant
    marker within three words (``46 عنصرا من ميليشيات الحوثي``)."""
    near = [i, i + 2] if i + 2 < end and tokens[i + 1].norm == "من" else [i]
    for k in range(i, min(i + 4, end)):
        norm = tokens[k].norm
        if tokens[k].kind != "word":
            return None
        group = who_of(norm, lex) if k in near else None
        if group is not None:
            return group, k
        if lookup(norm, lex.militant_markers):
            return "militants", k
    return None


def _bare_word(norm: str, lex: CasualtyLexicon) -> bool:
    """Words after a figure that are not its noun: prepositions, time words, the
    complement of لقي (``حتفهم``), a plural verb (``اعتقل 4 اقتربوا``)."""
    if norm in lex.function_words or is_prep_phrase(norm) or lookup(norm, lex.time_words):
        return True
    if lookup(norm, lex.triggers) == "killed" and norm.startswith(("حتف", "مصرع")):
        return True
    return len(norm) >= 4 and norm.endswith("وا") and person(norm) is None


_RANGE = frozenset({"الي", "و", "او", "-", "حتي", "–"})


def noun_after(tokens: list[Token], q: Quantity, end: int, lex: CasualtyLexicon) -> _Noun:
    k = q.last
    if k + 2 < end and tokens[k].norm in _RANGE and tokens[k + 1].kind == "number" \
            and tokens[k + 2].kind == "word" and not is_person_word(tokens[k + 2].norm, lex) \
            and not _bare_word(tokens[k + 2].norm, lex):
        return _Noun(index=k + 2, bare=False)  # قبل 24 إلى 48 ساعة: the range counts hours
    if _next_total_item(tokens, q, k, end, lex):
        return _Noun()  # إلى 34904 و78514 جريحا, إلى 43 ألفا و922 وعدد الجرحى: no noun of its own
    partitive = k < end and tokens[k].norm in ("من", "ممن")
    if partitive:
        k += 1
    if k >= end or tokens[k].kind != "word":
        return _Noun()
    norm = tokens[k].norm
    if norm in _OTHERS:
        return _Noun(index=k, person=True, bare=True)
    if lookup(norm, lex.subset_cues) or (not partitive and _bare_word(norm, lex)):
        return _Noun()
    if norm[:1] == "و" and (lookup(norm, lex.triggers) or lookup(norm, lex.nouns)):
        return _Noun()  # العشرات وإصابة: the next phrase, not this figure's noun
    if lookup(norm, lex.after_verbs):
        return _Noun()  # 17 اعتقلوا: a verb, no noun
    noun = _Noun(index=k, bare=False)
    noun.category = _case_category(tokens, k, end, lex) or lookup(norm, lex.nouns)
    found = _who_near(tokens, k, end, lex)
    if found is not None and (found[1] == k or noun.category is not None or is_person_word(norm, lex)):
        noun.who, noun.who_index = found
    noun.person = bool(noun.who or is_person_word(norm, lex) or noun.category
                       or (partitive and not lookup(norm, lex.time_words))
                       or _cases_after_trigger(tokens, q, k, max(0, q.first - 12), lex))
    return noun


def _next_total_item(tokens: list[Token], q: Quantity, k: int, end: int, lex: CasualtyLexicon) -> bool:
    """After ``إلى N`` (a running total), ``و`` opening the next item of the tally: another
    figure (``و78514 جريحا``) or another total (``وعدد الجرحى``)."""
    if k >= end or q.first == 0 or tokens[q.first - 1].norm not in lex.to_words:
        return False
    norm = tokens[k].norm
    if norm == "و":
        return k + 1 < end and tokens[k + 1].kind == "number"
    return norm[:1] == "و" and lookup(norm, lex.running_total) is not None


def _case_category(tokens: list[Token], k: int, end: int, lex: CasualtyLexicon) -> str | None:
    """``20 حالة اختناق``: cases of suffocation are injuries."""
    if lookup(tokens[k].norm, lex.casualty_cases) and k + 1 < end:
        return "injured" if lookup(tokens[k + 1].norm, lex.triggers) == "injured" else None
    return None


def _cases_after_trigger(tokens: list[Token], q: Quantity, k: int, start: int, lex: CasualtyLexicon) -> bool:
    """``إصابة 22 حالة``: cases counted by a casualty trigger are people (not in a
    sentence about an illness: ``تسجيل 37 حالة كورونا``)."""
    if not lookup(tokens[k].norm, lex.casualty_cases) \
            or C.trigger_before(tokens, q.first, start, lex) is None:
        return False
    return not any(lookup(t.norm, lex.disease_words) for t in tokens[start:min(len(tokens), k + 12)])


def _trigger_after(tokens: list[Token], q: Quantity, end: int, lex: CasualtyLexicon, *,
                   dual: bool = False) -> tuple[str, int] | None:
    """A verb after the figure and its noun (``46 عنصرا ... قتلوا``); not one that opens
    the next clause (``5 أشخاص وأصيب 3``) or follows a preposition (``في قتل``). For a
    dual noun only a dual verb (``إسرائيليين أصيبا``)."""
    for k in range(q.last, min(end, q.last + 8)):
        tok = tokens[k]
        if tok.norm in (".", "،", ":", "؛") or lookup(tok.norm, lex.subset_cues) == "منهم":
            return None
        cat = lookup(tok.norm, lex.after_verbs) if tok.kind == "word" and "ال" not in tok.norm[:3] else None
        if cat is None:
            continue  # (a definite word is not a verb: أبنائهم المفقودين)
        if tok.norm[:1] in ("و", "ف") or tokens[k - 1].norm in _PREPOSITIONS \
                or lookup(tokens[k - 1].norm, lex.not_realized):
            return None  # وأصيب 3: the next clause; في قتل, بتهم قتل: a noun
        if dual and not (tok.norm.endswith("ا") and not tok.norm.endswith("وا")):
            return None
        if k + 1 < end and tokens[k + 1].kind == "number":
            return None  # 7389 امرأة أصيبت 751 منهن: the verb has its own count
        return cat, k
    return None


def _owns_figure(tokens: list[Token], k: int, end: int, lex: CasualtyLexicon) -> bool:
    """Does the casualty word at ``k`` take a count of its own after it (``وإصابة 4 جنود``,
    ``وإصابة آخرين``), so that it is not a second noun sharing the figure before?"""
    nxt = tokens[k + 1] if k + 1 < end else None
    return nxt is not None and (nxt.kind == "number" or nxt.norm in _OTHERS
                                or is_person_word(nxt.norm, lex) or lookup(nxt.norm, lex.one_of) is not None)


def combined_forward(tokens: list[Token], index: int, category: str, end: int, lex: CasualtyLexicon) -> bool:
    """``عشرات الشهداء والجرحى``, ``23 قتيلا وجريحا``: the figure belongs to two categories
    (but not ``55 شهيدا وإصابة 4 جنود``: the second word has its own count)."""
    k = index + 1
    if k < end and tokens[k].kind == "word" and tokens[k].norm.startswith("و"):
        other = lookup(tokens[k].norm, lex.nouns) or lookup(tokens[k].norm, lex.triggers)
        return other is not None and other != category and not _owns_figure(tokens, k, end, lex)
    return False


def combined_backward(tokens: list[Token], index: int, category: str, start: int,
                      lex: CasualtyLexicon) -> bool:
    """``استشهد وأصيب عشرات``: two triggers share the figure (but not ``30 شخصا استشهدوا
    وأصيب 130 آخرون``: the first verb has its own subject before it)."""
    if not tokens[index].norm.startswith("و") or index <= start:
        return False
    prev = tokens[index - 1].norm
    other = lookup(prev, lex.triggers)
    if other is None or other == category or lookup(prev, lex.nouns):
        return False  # مقتل عشرات المتظاهرين وجرح 2000: a noun ends the first phrase
    if (lookup(prev, lex.after_verbs) and prev.endswith(("وا", "ا", "ن"))) \
            or prev.startswith(("حتف", "مصرع")):
        return False  # 30 شخصا قتلوا وأصيب 130; لقي 110 مصرعهم وأصيب 12 ألفا
    before = tokens[index - 2] if index - 2 >= start else None
    return not (before is not None and (before.kind == "number" or is_person_word(before.norm, lex)))


def _conflict(noun_cat: str, trigger_cat: str) -> bool:
    """``مصرع 5 أسرى``, ``استشهاد 71 نازحا``: the trigger says what happened to people
    the noun describes by their condition (prisoners, displaced, protesters)."""
    return (noun_cat in ("arrested", "displaced", "crowd") and trigger_cat in ("killed", "injured")) \
        or (noun_cat in ("crowd", "displaced") and trigger_cat == "arrested")


def category(tokens: list[Token], q: Quantity, noun: _Noun, sent: SentenceRange, *,
             prev: Fact | None, lex: CasualtyLexicon) -> tuple[str, int, int] | None:
    """The category with the token span of its evidence, or None when not a fact."""
    body = _body_before(tokens, q, sent, lex)
    if body is not None:
        return _bodies(tokens, q, noun, body, sent=sent, lex=lex)
    before = C.trigger_before(tokens, q.first, sent.first, lex)
    if noun.category is not None:
        return _noun_category(tokens, q, noun, sent, before=before, lex=lex)
    if not noun.bare and not noun.person:
        return None  # 10 آلاف خيمة: a figure about things
    last = noun.index + 1 if noun.index is not None else q.last
    if before is not None:
        if C.released(tokens, before[1] + 1, sent.first, lex) and before[0] == "arrested":
            return None
        if lookup(tokens[before[1]].norm, lex.expulsion) and not _from_home(tokens, last, sent.end, lex):
            return None  # طرد سبعة دبلوماسيين: an expulsion, not a displacement
        if combined_backward(tokens, before[1], before[0], sent.first, lex):
            return None
        return before[0], before[1], last
    total = C.running_total(tokens, q.first, sent, lex)
    if total is not None:
        return total[0], q.first, last
    missing = _missing_after(tokens, last, sent.end, lex)
    if missing is not None:
        return "missing", q.first, missing  # لا يزال 10 آلاف تحت الأنقاض
    after = _trigger_after(tokens, q, sent.end, lex) if noun.person else None
    if after is None and noun.bare and q.last < sent.end and tokens[q.last].kind == "word":
        after = _trigger_after(tokens, q, min(sent.end, q.last + 1), lex)  # 17 اعتقلوا
    if after is not None:
        return after[0], q.first, after[1] + 1
    if prev is not None and prev.sentence == sent.index and noun.person and _in_list(tokens, prev, q, lex):
        return prev.category, q.first, last  # 32 فلسطينيا وأربعة إسرائيليين; lists
    return None


def _body_before(tokens: list[Token], q: Quantity, sent: SentenceRange, lex: CasualtyLexicon) -> int | None:
    """``جثث 6 أسرى``, ``جثامين 42 فلسطينيا``: the index of a body word right before the figure."""
    k = q.first - 1
    return k if k >= sent.first and lookup(tokens[k].norm, lex.bodies) else None


def _bodies(tokens: list[Token], q: Quantity, noun: _Noun, body: int, *, sent: SentenceRange,
            lex: CasualtyLexicon) -> tuple[str, int, int] | None:
    """A count of bodies recovered, found or brought in is a count of people killed
    (guideline, clarification 8: ``استعادة جثث 6 أسرى`` is 6 prisoners killed); bodies
    handed over or released are part of an exchange (``سلمت المقاومة جثامين 4 أسرى``)
    unless a casualty noun says they were killed (``تسلمت ... جثامين 165 شهيدا``)."""
    if not (noun.person or noun.bare):
        return None
    if noun.category != "killed" and (C.released(tokens, body, sent.first, lex) or any(
            lookup(tokens[j].norm, lex.handover) for j in range(max(sent.first, body - 6), body))):
        return None
    return "killed", body, noun.index + 1 if noun.index is not None else q.last


def _missing_after(tokens: list[Token], k: int, end: int, lex: CasualtyLexicon) -> int | None:
    """``5 أشخاص في عداد المفقودين``, ``10 آلاف تحت الأنقاض``: the index after the phrase."""
    for j in range(k, min(end, k + 3)):
        for phrase in lex.missing_after:
            if tuple(t.norm for t in tokens[j:j + len(phrase)]) == phrase:
                return j + len(phrase)
    return None


def _from_home(tokens: list[Token], k: int, end: int, lex: CasualtyLexicon) -> bool:
    """``طرد 300 فلسطيني من منازلهم``: driven from homes or land."""
    for j in range(k, min(end, k + 4)):
        if tokens[j].norm == "من" and j + 1 < end:
            word = tokens[j + 1].norm
            for suffix in ("هم", "هن", "ها", "ه"):
                if word.endswith(suffix) and len(word) > len(suffix) + 2:
                    word = word[:-len(suffix)]
                    break
            return bool(lookup(word, lex.displacement_places))
    return False


def _noun_category(tokens: list[Token], q: Quantity, noun: _Noun, sent: SentenceRange, *,
                   before: tuple[str, int] | None, lex: CasualtyLexicon) -> tuple[str, int, int] | None:
    assert noun.index is not None and noun.category is not None
    if C.death_before(tokens, q.first, sent.first, lex):
        return None  # وفاة 60 أسيرا: deaths in custody are neither arrests nor killings
    if noun.category == "arrested" and C.released(tokens, q.first, sent.first, lex, after=noun.index + 1):
        after = _trigger_after(tokens, q, sent.end, lex)  # released prisoners who were killed
        return (after[0], q.first, after[1] + 1) if after and after[0] != "arrested" else None
    if before is not None and _conflict(noun.category, before[0]):
        return before[0], before[1], noun.index + 1
    after = _trigger_after(tokens, q, sent.end, lex) if noun.category in ("crowd", "arrested") else None
    if after is not None and after[0] != noun.category:
        return after[0], q.first, after[1] + 1  # 35 محتجا أصيبوا; 77 معتقلا منهم قتلوا
    if combined_forward(tokens, noun.index, noun.category, sent.end, lex):
        return None
    if noun.category == "crowd" and q.best is None and (before is None or before[0] != "crowd"):
        return None  # أشعل بعض المتظاهرين النيران: some of the protesters, not a crowd's size
    # the trigger joins the evidence when it says the same (مقتل 3 جنود), not سقوط 18 قتيلا
    own = before is not None and before[0] == noun.category \
        and not lookup(tokens[before[1]].norm, lex.figure_only)
    return noun.category, before[1] if before is not None and own else q.first, noun.index + 1


def _in_list(tokens: list[Token], prev: Fact, q: Quantity, lex: CasualtyLexicon) -> bool:
    """Is ``q`` the next item of a list that ``prev`` opened? ``32 فلسطينيا وأربعة``;
    ``500 معلم ومدير مدرسة، و100 عالم``: only nouns, commas and و between, and the
    figure starts with و."""
    gap = tokens[end_token(tokens, prev):q.first]
    joined = tokens[q.first].norm.startswith("و") or (gap and gap[-1].norm == "و")
    if not joined or len(gap) > _LIST_GAP:
        return False
    for tok in gap:
        norm = tok.norm
        if norm in ("و", "،", ","):
            continue
        if tok.kind != "word" or lookup(norm, lex.triggers) or lookup(norm, lex.clause_stops) \
                or lookup(norm, lex.subset_cues) or lookup(norm, lex.sources):
            return False
    return True


def end_token(tokens: list[Token], fact: Fact) -> int:
    for k in range(fact.quantity.last, len(tokens)):
        if tokens[k].start >= fact.end:
            return k
    return len(tokens)


def _parent(facts: list[Fact], sent: SentenceRange, cat: str | None) -> Fact | None:
    """The fact a subset belongs to: the latest whole figure of this or the previous
    sentence (of the subset's own category when it names one)."""
    for fact in reversed(facts):
        if fact.sentence < sent.index - 1:
            return None
        if fact.parent is None and (cat is None or fact.category == cat):
            return fact
    return None


def subset_cue(tokens: list[Token], q: Quantity, start: int, end: int, *, lex: CasualtyLexicon,
               prev_end: int = -1) -> str | None:
    """``before`` (``بينهم 5``), ``after`` (``18 منهم``), ``paren`` (a figure in parentheses
    right after a fact: ``تسعة متهمين (خمسة رجال)``), or None."""
    if q.first > start and tokens[q.first - 1].norm == "(" and prev_end >= 0 \
            and tokens[q.first - 1].start - prev_end <= 3:
        return "paren"
    for j in range(q.first - 1, max(start, q.first - 5) - 1, -1):
        if lookup(tokens[j].norm, lex.subset_cues):
            return "before"  # بينهم 5 أطفال; بينهم طفل و3 أشقاء
        norm = tokens[j].norm
        if not (norm in ("و", "من") or (is_person_word(norm, lex) and not lookup(norm, lex.triggers))):
            break
    return "after" if q.last < end and tokens[q.last].norm in ("منهم", "منهن") else None


def figure_fact(tokens: list[Token], q: Quantity, sent: SentenceRange, facts: list[Fact], *,
                text: str, lex: CasualtyLexicon) -> Fact | None:
    """The fact a quantity of the ``quantities`` layer states, or None."""
    if q.best == 1 and q.first > sent.first and lookup(tokens[q.first - 1].norm, lex.time_units):
        return None  # خلال عام واحد: one year, nobody counted
    noun = noun_after(tokens, q, sent.end, lex)
    prev = facts[-1] if facts else None
    parent = None
    prev_end = prev.end if prev is not None and prev.sentence == sent.index else -1
    cue = subset_cue(tokens, q, sent.first, sent.end, lex=lex, prev_end=prev_end)
    parent = _parent(facts, sent, noun.category) if cue else None
    if cue and parent is not None and (noun.person or noun.bare):
        first, last = q.first, noun.index + 1 if noun.index is not None else q.last
        cat = noun.category or parent.category
        if noun.category and noun.category != parent.category:
            return None
        before = C.trigger_before(tokens, q.first, sent.first, lex) if cue == "after" else None
        if before is not None and _conflict(cat, before[0]):
            cat, first = before  # استشهاد 19 منهم (of 9700 prisoners): killed prisoners
    elif cue == "paren" or (cue == "before" and noun.category is None):
        return None
    else:
        found = category(tokens, q, noun, sent, prev=prev, lex=lex)
        if found is None:
            return None
        cat, first, last = found
        if prev is not None and prev.parent is not None and prev.sentence == sent.index \
                and cat == prev.category and first == q.first and _coordinated(tokens, prev, q):
            parent = prev.parent  # بينهم طفلان و4 نساء
    fact = build(tokens, q, sent, (cat, min(first, q.first), last), parent=parent, noun=noun, prev=prev,
                 text=text, lex=lex)
    if fact is not None and fact.who is None and parent is not None and parent.who and cue == "after":
        fact.who, fact.who_text = parent.who, parent.who_text  # 19 منهم: the group of the parent
    return fact


def _coordinated(tokens: list[Token], prev: Fact, q: Quantity) -> bool:
    gap = [t.norm for t in tokens[end_token(tokens, prev):q.first]]
    return gap == ["و"] or (gap == [] and tokens[q.first].norm.startswith("و"))


def blocked(tokens: list[Token], first: int, sent: SentenceRange, lex: CasualtyLexicon) -> bool:
    """Negated, hypothetical, planned, charged or sentenced: not a casualty."""
    return C.negated(tokens, first, sent.first, lex) or C.hypothetical(tokens, first, sent.first, lex) \
        or C.not_realized(tokens, first, sent.first, lex)


def build(tokens: list[Token], q: Quantity, sent: SentenceRange, found: tuple[str, int, int], *,
          parent: Fact | None, noun: _Noun, prev: Fact | None, text: str, lex: CasualtyLexicon,
          basis: str = "numeral") -> Fact | None:
    """A fact from its category and evidence tokens, with who, cumulative and source."""
    cat, first, last = found
    if blocked(tokens, first, sent, lex) or C.by_agent(tokens, q.first, sent.first, lex) \
            or _disease(tokens, (first, max(last, q.last)), sent, lex, injured=cat == "injured"):
        return None
    start = q.start if first == q.first else tokens[first].start
    fact = Fact(cat, q, sent.index, start, tokens[max(last, q.last) - 1].end, parent=parent, basis=basis)
    _set_who(fact, tokens, q, noun, sent, prev=prev, text=text, lex=lex)
    fact.cumulative = C.cumulative(tokens, q.first, q.last, sent, lex)
    fact.figure_source = C.figure_source(tokens, sent, text, lex)
    return fact


def _disease(tokens: list[Token], span: tuple[int, int], sent: SentenceRange, lex: CasualtyLexicon, *,
             injured: bool = False) -> bool:
    """``إصابة ست حالات ببكتيريا``: an illness, not an injury; and for an injury, an
    illness named near it (``العشرات من المصابين الذين ظهرت عليهم أعراض الكوليرا``,
    ``توفي 23 شخصا نتيجة الإصابة بالفيروس، وأصيب 42``) unless a weapon is named."""
    first, k = span
    if any(lookup(tokens[j].norm, lex.disease_cues) for j in range(k, min(sent.end, k + 2))):
        return True
    if not injured:
        return False
    near = [tokens[j].norm for j in range(max(sent.first, first - 8), min(sent.end, k + 8))]
    return any(lookup(w, lex.disease_words) for w in near) and not any(lookup(w, lex.weapons) for w in near)


def _set_who(fact: Fact, tokens: list[Token], q: Quantity, noun: _Noun, sent: SentenceRange, *,
             prev: Fact | None, text: str, lex: CasualtyLexicon) -> None:
    if noun.who is not None and noun.who_index is not None:
        fact.who, fact.who_text = noun.who, text[tokens[noun.who_index].start:tokens[noun.who_index].end]
        return
    ranks = C.who_from_ranks(tokens, q.first, q.last, sent, lex)
    if ranks is not None:
        fact.who, fact.who_text = ranks[0], text[tokens[ranks[1]].start:tokens[ranks[1]].end]
        return
    if noun.bare and prev is not None and prev.sentence == sent.index and prev.who and not fact.parent:
        fact.who, fact.who_text = prev.who, prev.who_text
        return
    if fact.category == "crowd" and noun.category == "crowd" and noun.index is not None:
        fact.who, fact.who_text = "protesters", text[tokens[noun.index].start:tokens[noun.index].end]
        return
    if noun.category == "arrested" and fact.category in ("killed", "injured") and noun.index is not None:
        fact.who, fact.who_text = "prisoners", text[tokens[noun.index].start:tokens[noun.index].end]


# Duals -----------------------------------------------------------------------------

def _dual_reading(tokens: list[Token], k: int, end: int, text: str,
                  lex: CasualtyLexicon) -> tuple[str | None, str | None] | None:
    """(category, who) when the word at ``k`` is a dual of a person or casualty noun."""
    norm = tokens[k].norm
    if not norm.endswith(("ان", "ين")):
        return None  # every dual ends so (مستوطنان, أسيرتين, شهيدين)
    form = lookup(norm, lex.dual_forms)
    if form is not None:
        return lex.duals[form]
    found = person(norm)
    if found is None or found.number not in (DU, AMBIGUOUS):
        return None
    if found.number == AMBIGUOUS:
        nxt = tokens[k + 1].norm if k + 1 < end else ""
        after = [tokens[j].norm for j in range(k + 1, min(end, k + 4))]
        raw = text[tokens[k].start:tokens[k].end]
        if not (is_dual_in_raw(raw) or nxt in lex.dual_markers
                or any(lookup(w, lex.after_verbs) and w.endswith("ا") and not w.endswith("وا")
                       for w in after)):
            return None
    return None, found.who


def dual_quantities(tokens: list[Token], first: int, end: int, text: str, lex: CasualtyLexicon
                    ) -> list[tuple[Quantity, str | None, str | None]]:
    """``قتيلين``, ``مستوطنان``, ``فلسطينييْن``: a dual noun is a figure of two."""
    out = []
    for k in range(first, end):
        if tokens[k].kind != "word":
            continue
        reading = _dual_reading(tokens, k, end, text, lex)
        if reading is not None:
            q = Quantity(tokens[k].start, tokens[k].end, k, k + 1, 2.0, 2.0, 2.0, "exact", False, k)
            out.append((q, reading[0], reading[1]))
    return out


def dual_fact(tokens: list[Token], q: Quantity, reading: tuple[str | None, str | None], sent: SentenceRange,
              facts: list[Fact], *, text: str, lex: CasualtyLexicon) -> Fact | None:
    """A fact from a dual noun: ``شهيدان``, ``مقتل ضابطين``, ``بينهم طفلان``,
    ``إسرائيليين أصيبا``."""
    cat, who = reading
    prev = facts[-1] if facts else None
    parent = None
    first, last = q.first, q.last
    same_sentence = prev is not None and prev.sentence == sent.index
    if prev is not None and same_sentence and subset_cue(tokens, q, sent.first, sent.end, lex=lex):
        parent = prev.parent or prev
        cat = parent.category
    elif cat is None:
        found = C.trigger_before(tokens, q.first, sent.first, lex) \
            or _trigger_after(tokens, q, sent.end, lex, dual=True)
        if found is None:
            return None
        cat = found[0]
        first, last = (found[1], q.last) if found[1] < q.first else (q.first, found[1] + 1)
    if blocked(tokens, first, sent, lex) or C.by_agent(tokens, q.first, sent.first, lex) \
            or (cat == "arrested" and C.released(tokens, first, sent.first, lex)):
        return None
    fact = Fact(cat, q, sent.index, tokens[first].start, tokens[last - 1].end, parent=parent, basis="dual")
    if who:
        fact.who, fact.who_text = who, text[q.start:q.end]
    return fact
