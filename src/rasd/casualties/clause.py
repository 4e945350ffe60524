"""What surrounds a count in its sentence: the trigger that governs it, whether it is
negated, hypothetical, released, a verdict or an attempt, a running total, and
who gave the figure.

The search for a trigger has no fixed word window: it walks back over up to four
content words, and a parenthetical does not count (``استشهد فيها -بحسب الأرقام
الرسمية- نحو 42 ألف فلسطيني``, ``قتلت إسرائيل، بحسب الوزارة، 42 ألفا``), nor do time
words (``اعتقل فجر اليوم 15``). It stops at another number, at the end of a clause
and at a subset cue.
"""

from __future__ import annotations

from itertools import pairwise

from ..model import Token
from ..tokens import SentenceRange
from .lexicon import CasualtyLexicon, lookup
from .persons import DU, SG, person

CONTENT_WINDOW = 4  # content words between a trigger and its figure (old fixed window: 4 tokens)
_STOP_BACK = frozenset({".", "؛", ":", "!", "؟", "?"})
_DASHES = frozenset({"-", "–", "—"})
_PAREN_SPAN = 14  # tokens a parenthetical may span
_IN_IT = frozenset({"فيها", "فيه", "خلالها", "خلاله"})


def _open_paren(tokens: list[Token], k: int, start: int) -> int | None:
    """Index of the ``(`` or dash opening the parenthetical that closes at ``k``."""
    close = tokens[k].norm
    want = "(" if close == ")" else None
    for j in range(k - 1, max(start, k - _PAREN_SPAN) - 1, -1):
        norm = tokens[j].norm
        if (want and norm == want) or (want is None and norm in _DASHES):
            return j
        if norm in _STOP_BACK:
            return None
    return None


def _comma_insert(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> int | None:
    """``، بحسب وزارة الصحة،``: the comma-delimited source or time insert ending at ``k``."""
    for j in range(k - 1, max(start, k - 10) - 1, -1):
        if tokens[j].norm in ("،", ","):
            first = tokens[j + 1].norm if j + 1 < k else ""
            if is_source_cue(first, lex) or lookup(first, lex.time_words):
                return j
            return None
        if tokens[j].norm in _STOP_BACK:
            return None
    return None


def _source_insert(tokens: list[Token], first: int, start: int, lex: CasualtyLexicon) -> int | None:
    """``وفق مصادر طبية وروايات شهود عيان 7``: the source cue that opens an insert running
    up to the figure (its index), within ten words."""
    for k in range(first - 1, max(start, first - 10) - 1, -1):
        tok = tokens[k]
        if tok.kind == "number" or tok.norm in _STOP_BACK or tok.norm in ("،", ","):
            return None
        if tok.kind != "word":
            continue
        if is_source_cue(tok.norm, lex):
            return k
        if lookup(tok.norm, lex.triggers):
            return None  # the trigger comes after the source: نزوح عشرات آلاف
    return None


def is_source_cue(norm: str, lex: CasualtyLexicon) -> bool:
    """``بحسب``, ``وفق``, ``ووفقا``: (not ``lstrip("و")``, which eats the و of وفق)."""
    return norm in lex.sources or (norm[:1] == "و" and norm[1:] in lex.sources)


def _start_back(tokens: list[Token], first: int, start: int, lex: CasualtyLexicon) -> int:
    """Where the search back begins: before a source insert that runs up to the figure."""
    insert = _source_insert(tokens, first, start, lex)
    if insert is None:
        return first - 1
    k = insert - 1
    if k >= start and (tokens[k].norm in _DASHES or tokens[k].norm == "("):
        k -= 1  # -بحسب الأرقام الرسمية-: the insert's opening mark
    return k


def _past_insert(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> int | None:
    """At a closing mark (``)``, a dash, a comma): the index before the insert it closes,
    or None when it closes no insert (then the search ends)."""
    norm = tokens[k].norm
    if norm == ")" or norm in _DASHES:
        opened = _open_paren(tokens, k, start)
    else:
        opened = _comma_insert(tokens, k, start, lex)
    return None if opened is None else opened - 1


def _word_step(tokens: list[Token], k: int, first: int, joined: bool, lex: CasualtyLexicon
               ) -> tuple[str, int] | str | int:
    """One word of the search back: the trigger found (category, index), ``"stop"``, or
    how much it adds to the content count (0 for time words and the agent)."""
    norm = tokens[k].norm
    cat = lookup(norm, lex.triggers)
    if cat == "crowd" and "ال" in norm[:4]:
        cat = None  # الخرج (a town), not خرج (went out)
    if cat is not None and not victim_verb_before(tokens, k, lex):
        cat = None  # وقعت ضحيتها شابات: victims of another crime
    if cat == "arrested" and _suspended(tokens, k, first, lex):
        return "stop"  # أوقفت عن العمل 150 ألفا: suspended from work, not arrested
    if cat is not None:
        return cat, k
    if norm.lstrip("و") in lex.singular_nouns or (
            joined and not lookup(norm, lex.agent_words) and _one_or_two(norm)
            and not _listed_with(tokens, k, first)):
        return "stop"  # استشهاد طفل بنابلس وآلاف المستوطنين: the trigger has its victim
    free = lookup(norm, lex.time_words) or lookup(norm, lex.agent_words) or norm in _IN_IT \
        or lookup(norm, lex.restating)
    return 0 if free else 1  # the agent (قوات الاحتلال), time words, البالغ عددهم do not count


def _suspended(tokens: list[Token], k: int, first: int, lex: CasualtyLexicon) -> bool:
    """``أوقف عن العمل``, ``أوقفت السلطات عن العمل 300``: between the arrest verb at ``k``
    and the figure at ``first``, عن and what one is suspended from (lexicon
    ``suspension_after``)."""
    words = [t.norm for t in tokens[k + 1 : first] if t.kind == "word"]
    return any(a == "عن" and b in lex.suspension for a, b in pairwise(words))


def victim_verb_before(tokens: list[Token], k: int, lex: CasualtyLexicon) -> bool:
    """Is the word at ``k`` a trigger in its place? ``ضحيتها`` only after ``راح``/``ذهب``
    (``راح ضحيتها 20 طفلا``); every other trigger is one word."""
    if not lookup(tokens[k].norm, lex.victim_of):
        return True
    return k > 0 and lookup(tokens[k - 1].norm, lex.victim_verbs) is not None


def trigger_before(tokens: list[Token], first: int, start: int, lex: CasualtyLexicon
                   ) -> tuple[str, int] | None:
    """The trigger governing a count that starts at token ``first``: (category, index)."""
    joined = tokens[first].norm.startswith("و") or (first > start and tokens[first - 1].norm == "و")
    content, k = 0, _start_back(tokens, first, start, lex)
    if k == first - 1 and k >= start and _new_noun(tokens[k], lex) \
            and not _shares_object(tokens, k, start, lex):
        return None  # استشهاد أبو عرة ومعاناة نحو 9700 أسير: the figure belongs to the noun before it
    while k >= start and content < CONTENT_WINDOW:
        tok = tokens[k]
        if tok.kind == "number" or tok.norm in _STOP_BACK or lookup(tok.norm, lex.subset_cues) \
                or lookup(tok.norm, lex.clause_stops):
            return None  # قالت الهيئة إن 500 ألف: a new clause
        if tok.norm in (")", "،", ",") or tok.norm in _DASHES:
            back = _past_insert(tokens, k, start, lex)
            if back is None:
                return None
            k = back
            continue
        if tok.kind == "word":
            step = _word_step(tokens, k, first, joined, lex)
            if step == "stop":
                return None
            if isinstance(step, tuple):
                return step
            content += int(step)
        k -= 1
    return None


def _new_noun(tok: Token, lex: CasualtyLexicon) -> bool:
    """``ومعاناة``: a noun joined by و that is no trigger, person, time word, agent or
    restating word (``وعددهم 66``); the figure right after it is its complement, not the
    trigger's."""
    norm = tok.norm
    return tok.kind == "word" and len(norm) > 4 and norm[0] == "و" and norm[1] != "ا" \
        and not (lookup(norm, lex.triggers) or lookup(norm, lex.time_words) or lookup(norm, lex.agent_words)
                 or lookup(norm, lex.nouns) or lookup(norm, lex.restating) or norm[1:] in lex.function_words
                 or person(norm) is not None)


def _shares_object(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> bool:
    """``توقيف وملاحقة حوالي 300 منهم``: the word at ``k`` is one of a chain of words joined
    by و right after a trigger, so they share its object (and the figure)."""
    j = k - 1
    while j >= start and tokens[j].kind == "word" and tokens[j].norm.startswith("و") \
            and lookup(tokens[j].norm, lex.triggers) is None:
        j -= 1
    return j >= start and lookup(tokens[j].norm, lex.triggers) is not None


def _listed_with(tokens: list[Token], k: int, first: int) -> bool:
    """``مقتل جندي و3 آخرين``: only و and adjectives between the person at ``k`` and the
    figure, so the figure is the next item of the trigger's list."""
    for tok in tokens[k + 1:first]:
        found = person(tok.norm) if tok.kind == "word" else None
        if not (tok.norm == "و" or (found is not None and found.nisba)):
            return False
    return True


def _one_or_two(norm: str) -> bool:
    found = person(norm)
    return found is not None and found.number in (SG, DU) and not found.nisba


def running_total(tokens: list[Token], first: int, sent: SentenceRange, lex: CasualtyLexicon
                  ) -> tuple[str, int] | None:
    """``ارتفع عدد النازحين ... إلى 6.2 مليون``: the category of a running total whose
    figure comes after ``إلى``, far from the verb; (category, index of the noun)."""
    if first <= sent.first or tokens[first - 1].norm not in lex.to_words:
        return None
    rising = False
    for k in range(first - 2, max(sent.first, first - 30) - 1, -1):
        norm = tokens[k].norm
        if norm in _STOP_BACK or norm in lex.to_words:
            return None
        if lookup(norm, lex.cumulative):
            rising = True
        if lookup(norm, lex.running_total) and k + 1 < first - 1:
            for j in (k + 1, k + 2):
                cat = lookup(tokens[j].norm, lex.nouns) or lookup(tokens[j].norm, lex.triggers)
                if cat is not None:
                    return (cat, j) if rising or _rise_before(tokens, k, sent, lex) else None
    return None


def _rise_before(tokens: list[Token], k: int, sent: SentenceRange, lex: CasualtyLexicon) -> bool:
    return any(lookup(tokens[j].norm, lex.cumulative) for j in range(max(sent.first, k - 3), k))


#: ``لا`` that does not negate: ``ما لا يقل عن 71`` (at least), ``لا يزال`` (still), ``لا سيما``.
_NOT_NEGATING = frozenset({"يقل", "تقل", "يزال", "تزال", "زال", "سيما", "يزالون", "تزالان"})


def clause_start(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> int:
    """The first token of the clause holding token ``k`` (after a comma, ``لكن``, ``إذ``...)."""
    for j in range(k - 1, start - 1, -1):
        norm = tokens[j].norm
        if norm in ("،", ",", "؛", ":") or norm in _STOP_BACK or lookup(norm, lex.clause_stops):
            return j + 1
    return start


def negated(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> bool:
    """``لم``, ``لا``, ``دون``... within five words before, in the same clause (``لا نملك
    المعلومات لكن قتل أكثر من عشرة`` is not negated)."""
    for j in range(max(clause_start(tokens, k, start, lex), k - 5), k):
        if tokens[j].norm in lex.negations:
            nxt = tokens[j + 1].norm if j + 1 < len(tokens) else ""
            if nxt not in _NOT_NEGATING:
                return True
    return False


def hypothetical(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> bool:
    """``إذا``, ``لو``, ``في حال`` before the figure in its clause."""
    for j in range(clause_start(tokens, k, start, lex), k):
        for phrase in lex.hypothetical:
            if tuple(t.norm for t in tokens[j:j + len(phrase)]) == phrase:
                return True
    return False


def not_realized(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> bool:
    """An attempt, a charge, a plan, a threat or a death sentence, not a casualty:
    ``بتهمة قتل``, ``محاولة اغتيال``, ``سيتم اعتقال``, ``الحكم بإعدام 75`` (but
    ``تنفيذ حكم الإعدام بحق 5`` was carried out: ACLED counts executions as killings)."""
    window = [tokens[j].norm for j in range(max(start, k - 2), k)]
    if any(lookup(w, lex.not_realized) for w in window) or _demanded(tokens, k, start, lex):
        return True
    if not lookup(tokens[k].norm, lex.executions):
        return False
    verdict = [j for j in range(max(start, k - 4), k + 1) if lookup(tokens[j].norm, lex.verdict_cues)]
    if not verdict:
        return False
    before = range(max(start, verdict[0] - 2), verdict[0])
    return not any(lookup(tokens[j].norm, lex.carried_out) for j in before)


def _demanded(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> bool:
    """``دعت النائبة السلطات إلى اعتقال نتنياهو``: a call, not an arrest (but
    ``للمطالبة بالتغيير بعد مقتل 17 شخصا``: the killing came first)."""
    for j in range(k - 1, clause_start(tokens, k, start, lex) - 1, -1):
        norm = tokens[j].norm
        if lookup(norm, lex.after_cues):
            return False
        if lookup(norm, lex.demand_cues):
            return True
    return False


def released(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon, after: int | None = None) -> bool:
    """``الإفراج عن 25 أسيرا``, ``سنفرج عن 3 أسرى``, ``أفرجت عن 36 ...، بالإضافة إلى 333
    معتقلا``, ``100 أسير أفرج عنهم`` (``after``: the index after the noun): a release,
    not an arrest (unless an arrest verb comes between)."""
    if after is not None and any(lookup(tokens[j].norm, lex.release)
                                 for j in range(after, min(len(tokens), after + 3))):
        return True
    for j in range(k - 1, start - 1, -1):
        norm = tokens[j].norm
        if lookup(norm, lex.release):
            return True
        if (lookup(norm, lex.triggers) == "arrested" and not lookup(norm, lex.nouns)) or norm in _STOP_BACK:
            return False
    return False


def by_agent(tokens: list[Token], first: int, start: int, lex: CasualtyLexicon) -> bool:
    """``قُتل على أيدي 15 سعوديا``, ``قتل على يد رجلين``: the count right after is the agent."""
    return any(first - len(m) >= start and tuple(t.norm for t in tokens[first - len(m):first]) == m
               for m in lex.agent_markers)


def death_before(tokens: list[Token], k: int, start: int, lex: CasualtyLexicon) -> bool:
    """``وفاة 60 أسيرا``: a death not said to be violent, within two words before."""
    return any(lookup(tokens[j].norm, lex.death_words) for j in range(max(start, k - 2), k))


def cumulative(tokens: list[Token], first: int, last: int, sent: SentenceRange,
               lex: CasualtyLexicon) -> bool:
    for k in range(max(sent.first, first - 12), min(sent.end, last + 10)):
        norm = tokens[k].norm
        if k < first and lookup(norm, lex.cumulative):
            return True
        if norm == "منذ" and k + 1 < sent.end and lookup(tokens[k + 1].norm, lex.since):
            return True
    return False


def figure_source(tokens: list[Token], sent: SentenceRange, text: str, lex: CasualtyLexicon) -> str | None:
    """``بحسب السلطات``, ``وفق المرصد``: the cue and what follows, up to punctuation."""
    for k in range(sent.first, sent.end):
        if tokens[k].kind != "word" or not is_source_cue(tokens[k].norm, lex):
            continue
        stop = k + 1
        while stop < sent.end and stop - k <= 8 and tokens[stop].norm not in (".", "،", "؛", ",", "-"):
            stop += 1
        if stop > k + 1:
            return text[tokens[k].start:tokens[stop - 1].end]
    return None


def who_from_ranks(tokens: list[Token], first: int, last: int, sent: SentenceRange,
                   lex: CasualtyLexicon) -> tuple[str, int] | None:
    """``18 قتيلا ... في صفوفها``: the group of the organisation named before."""
    after = range(last, min(sent.end, last + 6))
    if not any(lookup(tokens[k].norm, lex.ranks) for k in after):
        return None
    for k in range(first - 1, sent.first - 1, -1):
        group = lookup(tokens[k].norm, lex.org_who)
        if group is not None:
            return group, k
    return None
