"""Counts without a numeral: one person named by a singular noun or a name.

- A singular person noun governed by a casualty verb or verbal noun is 1
  (``استشهد فلسطيني``, ``مقتل أسير``, ``اعتقال شخص``, ``أصيب مستوطن``); between the
  verb and its victim the search passes the agent (``اعتقلت قوات الاحتلال``), time
  words (``فجر اليوم``) and parentheticals.
- A named person (a PERS entity) in that place is 1 (``اعتقلت قوات الاحتلال فجر اليوم
  فلان``), and so is a verbal noun with a singular pronoun (``بعد اعتقاله``,
  ``أعلن مقتله``; ``مقتلهما`` is 2).
- ``أحد``/``إحدى`` with a plural is 1 (``استشهاد أحد موظفيها``); after a count,
  ``أحدهما طفل``, ``أحدهم``, ``أحد القتلى`` and ``بينهم طفل`` are subsets of one.
- Victims listed one by one under one verb are counted together
  (``استشهد فتى (16 عاما) ورضيع`` is 2).
- A singular casualty noun opening a headline or after a verb of result is 1
  (``شهيد بالخليل``, ``مخلفا شهيدا فلسطينيا``).

Plural nouns without a numeral (``استشهد فلسطينيون``) are not counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..model import Token
from ..numbers.quantities import Quantity
from ..tokens import SentenceRange
from . import clause as C
from .facts import Fact, blocked, is_prep_phrase, who_of
from .lexicon import CasualtyLexicon, casualty_lexicon, lookup
from .persons import SG, Person, counts_alone, person

_SCAN = 8  # tokens from a verb to its victim
_ONE_OF_PRONOUNS = frozenset({"احدهما", "احدهم", "احداهما", "احداهن", "احدهن"})
_PRONOUNS = (("هما", 2), ("ها", 1), ("ه", 1))
_PUNCT_STOP = frozenset({".", "؛", ":", "!", "؟", "?"})
_HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"  # tanween to sukun
#: One person displaced or in a crowd is not news: counts without a numeral are these.
_SINGLE_CATEGORIES = frozenset({"killed", "injured", "arrested"})


@dataclass
class Context:
    """What the reader of one sentence needs: its tokens, the tokens other counts took,
    the PERS entities (token index -> index after the name), the text."""

    tokens: list[Token]
    sent: SentenceRange
    taken: frozenset[int]
    names: dict[int, int]
    text: str
    lex: CasualtyLexicon
    sports: bool = False  # the article is about sport (:func:`about_sport`)


def _one(ctx: Context, first: int, last: int, value: float = 1.0) -> Quantity:
    toks = ctx.tokens
    return Quantity(toks[first].start, toks[last - 1].end, first, last, value, value, value, "exact", False,
                    first)


def _governor(norm: str, lex: CasualtyLexicon) -> str | None:
    """A casualty verb or verbal noun (not a noun such as ``القتلى``; but ``إصابة`` is
    both: ``20 إصابة`` and ``إصابة جندي``)."""
    cat = lookup(norm, lex.triggers)
    if cat is None or (lookup(norm, lex.nouns) and not lookup(norm, lex.verbal_nouns)) \
            or lookup(norm, lex.running_total):
        return None
    return cat


def _skip_paren(ctx: Context, j: int) -> int:
    """The index after a parenthetical opening at ``j`` (``(16 عاما)``, ``-بحسب ...-``)."""
    close = ")" if ctx.tokens[j].norm == "(" else ctx.tokens[j].norm
    for k in range(j + 1, min(ctx.sent.end, j + 14)):
        if ctx.tokens[k].norm == close or (close != ")" and ctx.tokens[k].norm in ("-", "–", "—")):
            return k + 1
    return j + 1


def _passable(ctx: Context, j: int) -> tuple[int, bool] | None:
    """Where the search for a victim goes on after token ``j`` (and whether ``j`` was a
    preposition), or None when ``j`` is not something to pass: the agent, time words,
    prepositional phrases, parentheticals, a time insert between commas."""
    toks, lex = ctx.tokens, ctx.lex
    norm = toks[j].norm
    if norm in ("(", "-", "–", "—"):
        return _skip_paren(ctx, j), False
    if norm in ("،", ","):
        nxt = toks[j + 1].norm if j + 1 < ctx.sent.end else ""
        return (j + 1, False) if lookup(nxt, lex.time_words) else None
    if toks[j].kind != "word":
        return j + 1, False
    prep = is_prep_phrase(norm) or norm in lex.function_words
    if prep or lookup(norm, lex.agent_words) or lookup(norm, lex.time_words):
        return j + 1, prep
    return None


def _victim(ctx: Context, j: int) -> tuple[int, int, Person | None] | None:
    """The first victim after a trigger, from token ``j``: (first, last, noun or None
    for a name), or None when a figure, a plural or another clause comes first."""
    toks = ctx.tokens
    limit = min(ctx.sent.end, j + _SCAN)
    start, after_prep = j, False
    while j < limit:
        norm = toks[j].norm
        if j in ctx.taken or toks[j].kind == "number" or norm in _PUNCT_STOP:
            return None
        if j in ctx.names:
            return j, ctx.names[j], None
        if j > start:
            lam = _lam_victim(ctx, j)
            if lam is not None:
                return lam  # اغتيال الاحتلال لمصور الشبكة: the verbal noun's object after its agent
        passed = _passable(ctx, j)
        if passed is not None:
            j, after_prep = passed[0], after_prep or passed[1]
            continue
        if norm in ("احد", "احدي") and j + 1 < limit:
            owner = person(toks[j + 1].norm)
            if owner is not None and owner.number != SG:
                return j, j + 2, owner
        found = person(norm)
        adjective = "ال" in norm[:4] and (j > start or (found is not None and found.generic))
        if found is not None and found.nisba and (after_prep or adjective):
            found = None  # لإفراغ جباليا, القوات اليمنية, الإعدام الرباعية: a place or an adjective
        if found is not None and j > start and _indefinite_after_prep(toks[j - 1].norm, norm):
            found = None  # قتل بدافع إرهابي, بهجوم انتحاري: the adjective of the phrase before
        nxt = toks[j + 1].norm if j + 1 < ctx.sent.end else ""
        if found is None and j == start and j + 1 < limit and toks[j].kind == "word" \
                and _lam_victim(ctx, j + 1) is not None:
            return _lam_victim(ctx, j + 1)  # إعدام إسرائيل للطفل: an agent we do not know, then the object
        if found is None or nxt in ("بهم", "بهن", "فيهم", "بهما"):
            return None  # another word (a verb, a plural we do not know); المشتبه بهم: a plural
        return (j, j + 1, found) if counts_alone(found) else None
    return None


def _lam_victim(ctx: Context, j: int) -> tuple[int, int, Person | None] | None:
    """``لمصور``, ``للطفل``, ``لرجل``: the object of a verbal noun after its agent, with
    ``لـ``; a singular person noun (or a name right after ``لـ``)."""
    tok = ctx.tokens[j]
    if tok.kind != "word" or not tok.norm.startswith("ل") or tok.norm.startswith(("لدي", "لكن")):
        return None
    found = person(tok.norm)
    if found is None or not counts_alone(found) or found.nisba:
        return None
    return j, j + 1, found


def _indefinite_after_prep(prev: str, norm: str) -> bool:
    """``بدافع إرهابي``, ``برصاص جندي``: an indefinite word in ``-ي`` right after an indefinite
    prepositional phrase is its adjective or its genitive (not ``بالرصاص جندي``)."""
    return is_prep_phrase(prev) and not prev[1:].startswith("ال") and norm.endswith(("ي", "يا", "يه")) \
        and not norm.startswith(("ال", "وال"))


def _more_victims(ctx: Context, last: int) -> tuple[int, int, set[str | None]]:
    """Victims listed after the first (``فتى (16 عاما) ورضيع``, ``امرأة فلسطينية حامل
    وطفلتها``, ``سائق قطار وراكبة``): (how many more, the index after the last one,
    their groups); -1 more when a plural joins the list (``والد ووالدة وأشقاء``)."""
    toks, more = ctx.tokens, 0
    groups: set[str | None] = set()
    j, since = last, 0  # since: modifier words passed since the last victim
    while j < ctx.sent.end and since <= 3:
        norm = toks[j].norm
        if norm == "(":
            j = _skip_paren(ctx, j)
            continue
        if j in ctx.taken or toks[j].kind != "word" or _ends_list(norm, ctx.lex):
            break
        found = person(norm)
        if norm.startswith("و") and len(norm) > 2:
            if j in ctx.names:
                more, j, since, groups = more + 1, ctx.names[j], 0, groups | {None}
                continue
            if found is not None and found.number == SG and not found.nisba:
                if not _second_title(ctx, j - 1 if since == 0 else -1, j, found):
                    more, groups = more + 1, groups | {found.who}
                j, since = j + 1, 0
                continue
            if (found is not None and found.number != SG) or (found is None and _plural_looking(norm)):
                return -1, j, groups
            break
        if j in ctx.names:
            j = ctx.names[j]  # the victim's name: الشاب محمد أحمد
            continue
        j, since = j + 1, since + 1  # an adjective or a complement: فلسطينية حامل, سائق قطار
    return more, _last_victim_end(ctx, last, j, more), groups


def _second_title(ctx: Context, prev: int, j: int, found: Person) -> bool:
    """``الكاتبة والناشطة``, ``الناشط والصحفي``: a second definite title right after a
    definite one describes the same person (not ``الأب والابن``: family)."""
    if prev < 0:
        return False
    first = person(ctx.tokens[prev].norm)
    definite = all("ال" in ctx.tokens[k].norm[:4] for k in (prev, j))
    return definite and first is not None and first.number == SG and not first.nisba \
        and not ({first.base, found.base} & ctx.lex.kin)


def _object_follows(ctx: Context, last: int) -> bool:
    """A count later in the clause is the verb's object: what came first was its subject."""
    for j in range(last, min(ctx.sent.end, last + 6)):
        norm = ctx.tokens[j].norm
        if norm in ("،", ",", "(", "و") or norm in _PUNCT_STOP or lookup(norm, ctx.lex.clause_stops) \
                or norm.startswith("و") or lookup(norm, ctx.lex.after_cues):
            return False  # مقتل جندي و3 آخرين: a list, not an object
        if ctx.tokens[j].kind == "number" or (j in ctx.taken and not norm.startswith("و")):
            return True
    return False


def _ends_list(norm: str, lex: CasualtyLexicon) -> bool:
    return bool(_governor(norm, lex) or lookup(norm, lex.clause_stops) or is_prep_phrase(norm)
                or norm in lex.function_words or lookup(norm, lex.time_words))


def _last_victim_end(ctx: Context, first_end: int, stop: int, more: int) -> int:
    """The index after the last victim counted (modifiers after it are not evidence)."""
    if not more:
        return first_end
    for j in range(stop - 1, first_end - 1, -1):
        if ctx.tokens[j].norm.startswith("و") or j + 1 in ctx.names.values():
            return j + 1 if j not in ctx.names else ctx.names[j]
    return stop


def _plural_looking(norm: str) -> bool:
    return len(norm) >= 6 and norm.endswith(("ون", "ين", "ات")) and not _is_trigger_word(norm)


def _is_trigger_word(norm: str) -> bool:
    return norm.lstrip("و").startswith(("اصيب", "استشهد", "قتل", "اعتقل"))


def _verb_singles(ctx: Context, k: int, facts: list[Fact]) -> Fact | None:
    norm = ctx.tokens[k].norm
    cat = _governor(norm, ctx.lex) if C.victim_verb_before(ctx.tokens, k, ctx.lex) else None
    if cat not in _SINGLE_CATEGORIES or lookup(norm, ctx.lex.figure_only) or norm.endswith(("وا", "ون")) \
            or blocked(ctx.tokens, k, ctx.sent, ctx.lex):
        return None  # أصيبوا, يقتلون: a plural verb has no single victim
    if cat == "arrested" and C.released(ctx.tokens, k, ctx.sent.first, ctx.lex):
        return None
    victim = _victim(ctx, k + 1)
    if victim is None:
        return _one_other(ctx, k, cat, facts)
    first, last, noun = victim
    if cat == "injured" and not _wound(ctx, last):
        return None  # إصابة طفل بالسرطان, إصابة اللاعب في المباراة
    if _object_follows(ctx, last):
        return None  # قتل أبو يعقوب في ذلك الهجوم 13 شخصا: the name is the killer
    more, end, groups = _more_victims(ctx, last)
    if more < 0:
        return None
    groups.add(noun.who if noun is not None and not noun.possessed else None)
    basis = "named" if noun is None else "one_of" if ctx.tokens[first].norm in ("احد", "احدي") else "singular"
    fact = Fact(cat, _one(ctx, first, end, 1.0 + more), ctx.sent.index, ctx.tokens[k].start,
                ctx.tokens[end - 1].end, basis="list" if more else basis)
    who = next(iter(groups)) if len(groups) == 1 else None
    if noun is not None and noun.possessed and noun.who:
        who = noun.who  # أحد موظفيها, أحد جنوده
    if who:
        fact.who, fact.who_text = who, ctx.text[ctx.tokens[first].start:ctx.tokens[last - 1].end]
    return fact


def _one_other(ctx: Context, k: int, cat: str, facts: list[Fact]) -> Fact | None:
    """``مقتل ضابط وإصابة آخر``: one other person after a count of the same sentence, in
    the group of the count before (guideline, clarification 7). Only the masculine ``آخر``:
    ``إصابة أخرى`` is another injury."""
    j = k + 1
    if j >= ctx.sent.end or ctx.tokens[j].norm != "اخر" or j in ctx.taken:
        return None
    nxt = ctx.tokens[j + 1] if j + 1 < ctx.sent.end else None
    if nxt is not None and (j + 1 in ctx.names or person(nxt.norm) is not None):
        return None  # آخر جندي: the last soldier (read as a noun, not as another)
    before = [f for f in facts if f.sentence == ctx.sent.index and f.end <= ctx.tokens[k].start]
    if not before or (cat == "injured" and not _wound(ctx, j + 1)):
        return None
    fact = Fact(cat, _one(ctx, j, j + 1), ctx.sent.index, ctx.tokens[k].start, ctx.tokens[j].end,
                basis="singular")
    fact.who, fact.who_text = before[-1].who, before[-1].who_text
    return fact


def _wound(ctx: Context, last: int) -> bool:
    """Is an injury counted at ``last`` a wound? Not an illness (``إصابة طفل بالسرطان``,
    a sentence about cholera) nor a sports injury (``إصابته خلال لقاء ليفربول``, a
    sentence about matches) unless a weapon is named (``أصيب لاعب برصاص الاحتلال``)."""
    toks, lex = ctx.tokens, ctx.lex
    after = range(last, min(ctx.sent.end, last + 3))
    if any(lookup(toks[j].norm, lex.disease_cues) for j in after):
        return False
    words = [toks[j].norm for j in range(ctx.sent.first, ctx.sent.end)]
    if any(lookup(w, lex.disease_words) for w in words):
        return False
    sport = ctx.sports or any(lookup(w, lex.sport_words) for w in words)
    return not sport or any(lookup(w, lex.weapons) for w in words)


def about_sport(tokens: list[Token]) -> bool:
    """An article about sport: two different sport words or more (``مباراة``, ``الدوري``);
    its injuries without a weapon are sports injuries (``إصابة كافاني``)."""
    lex = casualty_lexicon()
    found = {lookup(t.norm, lex.sport_words) for t in tokens if t.kind == "word"}
    return len(found - {None}) >= 2


def _pronoun_single(ctx: Context, k: int, facts: list[Fact]) -> Fact | None:
    """``بعد اعتقاله``, ``أعلن مقتله``, ``وأصابه بجروح``: one person (two for ``-هما``)."""
    tok = ctx.tokens[k]
    raw = ctx.text[tok.start:tok.end]
    if raw.endswith("ة") or tok.kind != "word":
        return None  # إصابة ends with a ta marbuta, not a pronoun
    for suffix, n in _PRONOUNS:
        if not tok.norm.endswith(suffix) or len(tok.norm) - len(suffix) < 3:
            continue
        base = tok.norm[:-len(suffix)]
        if lookup(base, ctx.lex.pronoun_not) \
                or (base.endswith("ت") and lookup(base[:-1], ctx.lex.pronoun_not)):
            return None  # أسرته, أسرتها: his, her family
        cat = _governor(base[:-1] + "ه", ctx.lex) if base.endswith("ت") else None
        cat = cat or _governor(base, ctx.lex)
        if cat not in _SINGLE_CATEGORIES or _has_object(ctx, k) or lookup(base, ctx.lex.figure_only):
            return None
        if cat == "injured" and not (_injury_cause(ctx, k) and _wound(ctx, k + 1)):
            return None
        if base.startswith(("حتف", "مصرع")) and any(f.sentence == ctx.sent.index and f.category == "killed"
                                                   for f in facts):
            return None  # لقي 113 عنصرا مصرعه: the complement of a counted verb
        if blocked(ctx.tokens, k, ctx.sent, ctx.lex) or _died_of_wounds(ctx, k, cat, facts):
            return None
        if cat == "arrested" and C.released(ctx.tokens, k, ctx.sent.first, ctx.lex):
            return None
        return Fact(cat, _one(ctx, k, k + 1, float(n)), ctx.sent.index, tok.start, tok.end, basis="pronoun")
    return None


def _injury_cause(ctx: Context, k: int) -> bool:
    """``إصابته برصاص``, ``وأصابه بجروح``: a wound (not ``إصابتها بالأميبا``: an illness)."""
    nxt = ctx.tokens[k + 1].norm if k + 1 < ctx.sent.end else ""
    return bool(lookup(nxt, ctx.lex.injury_causes))


def _has_object(ctx: Context, k: int) -> bool:
    """``قتلها 167 صحفيا``: a count after the verbal noun makes its pronoun the agent."""
    for j in range(k + 1, min(ctx.sent.end, k + 4)):
        tok = ctx.tokens[j]
        if tok.kind == "number" or j in ctx.taken or j in ctx.names or person(tok.norm) is not None:
            return True
        if not lookup(tok.norm, ctx.lex.time_words):
            return False
    return False


def _died_of_wounds(ctx: Context, k: int, cat: str, facts: list[Fact]) -> bool:
    """``استشهد متأثرا بإصابته``, ``توفي بعد إصابته``: the wound of someone who died
    (guideline, clarification 9: one person, the final outcome)."""
    if cat != "injured":
        return False
    before = ctx.tokens[k - 1].norm if k > ctx.sent.first else ""
    if before.startswith("متاثر"):
        return True
    if before not in ("بعد", "جراء", "اثر", "بسبب", "نتيجه"):
        return False
    died = any(lookup(t.norm, ctx.lex.death_words) or _governor(t.norm, ctx.lex) == "killed"
               for t in ctx.tokens[max(ctx.sent.first, k - 4):k - 1])  # توفي بعد إصابته
    return died or any(f.sentence == ctx.sent.index and f.category == "killed" for f in facts)


def _subset_single(ctx: Context, k: int, facts: list[Fact]) -> Fact | None:
    """``بينهم طفل``, ``أحدهما طفل``, ``أحدهم``, ``أحد القتلى``: one of a counted group."""
    toks, lex = ctx.tokens, ctx.lex
    norm = toks[k].norm
    nxt = toks[k + 1] if k + 1 < ctx.sent.end else None
    cat = None
    if lookup(norm, lex.subset_cues) and norm not in ("منهم", "منهن"):
        usable = nxt is not None and nxt.kind == "word" and k + 1 not in ctx.taken
        found = person(nxt.norm) if usable and nxt is not None else None
        if found is None or found.number != SG or found.nisba:
            return None
        last, who_index = k + 2, k + 1
    elif norm.lstrip("و") in _ONE_OF_PRONOUNS:
        last, who_index = k + 1, k + 1  # أحدهما طفل: the group is the next word's
    elif norm.lstrip("و") in ("احد", "احدي") and nxt is not None \
            and lookup(nxt.norm, lex.nouns) in _SINGLE_CATEGORIES:
        cat = lookup(nxt.norm, lex.nouns)
        last, who_index = k + 2, k + 1
    else:
        return None
    here = toks[k].start
    parents = [f for f in facts if f.parent is None and f.start < here
               and (cat is not None or f.sentence >= ctx.sent.index - 1)
               and (cat is None or f.category == cat)]
    if not parents:
        return None
    parent = max(parents, key=lambda f: f.start)
    fact = Fact(parent.category, _one(ctx, k, last), ctx.sent.index, toks[k].start, toks[last - 1].end,
                parent=parent, basis="one_of")
    who = who_of(toks[who_index].norm, lex) if who_index < ctx.sent.end else None
    if who:
        fact.who, fact.who_text = who, ctx.text[toks[who_index].start:toks[who_index].end]
    return fact


def _noun_single(ctx: Context, k: int, facts: list[Fact]) -> Fact | None:
    """``شهيد بالخليل`` (a headline), ``مخلفا شهيدا فلسطينيا``: a casualty noun naming one."""
    toks, lex = ctx.tokens, ctx.lex
    cat = lex.singular_nouns.get(toks[k].norm.lstrip("و")) if not toks[k].norm.startswith("ال") else None
    if cat is None:
        return None
    prev = toks[k - 1].norm if k > ctx.sent.first else ""
    if k > ctx.sent.first and not lookup(prev, lex.yield_words):
        return None
    if blocked(toks, k, ctx.sent, lex):
        return None
    return Fact(cat, _one(ctx, k, k + 1), ctx.sent.index, toks[k].start, toks[k].end, basis="singular")


def _subject_single(ctx: Context, k: int, facts: list[Fact]) -> Fact | None:
    """``مقدسي اعتقل بسوريا``, ``شاب قتل برصاص``, ``جهادية فرنسية اعتقلت``: a singular noun
    before its (passive) verb, over nouns of origin that describe it; not ``مستوطن قتل
    فلسطينيا`` (an active verb with its own victim after it)."""
    toks, lex = ctx.tokens, ctx.lex
    v = _verb_after_subject(toks, k, ctx.sent.end)
    if v >= ctx.sent.end or v in ctx.taken:
        return None
    rel = toks[v - 1].norm in ("الذي", "التي")
    found = person(toks[k].norm)
    verb = toks[v].norm
    cat = lookup(verb, lex.after_verbs)
    if found is None or not counts_alone(found) or (found.possessed and not rel) \
            or cat not in _SINGLE_CATEGORIES or verb.endswith(("وا", "ا", "ن")) \
            or verb.startswith(("و", "ف")):
        return None
    head = person(toks[k - 1].norm) if k > ctx.sent.first else None
    definite = toks[k].norm.startswith(("ال", "وال")) and not rel
    if found.nisba and ((head is not None and counts_alone(head)) or definite):
        return None  # شاب فلسطيني قتل: the noun before is the subject; السلطات التركية اعتقلت
    if not _agrees(ctx, k, v) or _object_after(ctx, v) \
            or (k > ctx.sent.first and lookup(toks[k - 1].norm, lex.death_words)):
        return None  # طائرة عسكرية قتل; شرطي قتل بالرصاص شابا; وفاة راكبة أصيبت
    if blocked(toks, k, ctx.sent, lex):
        return None
    fact = Fact(cat, _one(ctx, k, k + 1), ctx.sent.index, toks[k].start, toks[v].end, basis="singular")
    if found.who:
        fact.who, fact.who_text = found.who, ctx.text[toks[k].start:toks[k].end]
    return fact


def _pronoun_subject(ctx: Context, k: int, facts: list[Fact]) -> Fact | None:
    """``لكنه أصيب بجروح``, ``وإنها قتلت خلال زيارتها``: a pronoun subject before a passive
    verb is one person (not ``أنها قتلت 40 جنديا``: an object follows, the verb is active)."""
    toks, lex = ctx.tokens, ctx.lex
    norm = toks[k].norm
    if not lookup(norm, lex.subject_pronouns):
        return None
    v = k + 2 if k + 2 < ctx.sent.end and toks[k + 1].norm == "قد" else k + 1
    if v >= ctx.sent.end or v in ctx.taken:
        return None
    verb = toks[v].norm
    cat = lookup(verb, lex.after_verbs)
    if cat not in _SINGLE_CATEGORIES or verb.endswith(("وا", "ا", "ن")) or verb.startswith(("و", "ف")) \
            or norm.endswith("ها") != verb.endswith("ت") or not _passive_end(ctx, v + 1):
        return None  # إنها قتلت طاقم دبابة, لكنها قتلت المباراة: an object, the verb is active
    if (cat == "injured" and not _wound(ctx, v + 1)) or blocked(toks, v, ctx.sent, lex):
        return None
    return Fact(cat, _one(ctx, k, k + 1), ctx.sent.index, toks[k].start, toks[v].end, basis="pronoun")


def _passive_end(ctx: Context, j: int) -> bool:
    """What may follow a passive verb with no object: the end of the clause, a
    prepositional phrase (``أصيب بجروح``, ``قتل في``), a time word (``قتل الجمعة``)."""
    if j >= ctx.sent.end:
        return True
    tok = ctx.tokens[j]
    norm = tok.norm
    if tok.kind != "word":
        return norm not in ("(",) and tok.kind != "number"
    return is_prep_phrase(norm) or norm in ctx.lex.function_words or bool(lookup(norm, ctx.lex.time_words))


def _agrees(ctx: Context, k: int, v: int) -> bool:
    """Does the verb at ``v`` agree in gender with its subject at ``k`` (``مسعفة قتلت``,
    ``شاب قتل``; not ``طائرة عسكرية قتل``)? Read from the raw text: ``ة`` is feminine,
    ``ه`` a pronoun (``طفله``). After ``التي``/``الذي`` the relative pronoun says it."""
    toks = ctx.tokens
    rel = toks[v - 1].norm
    if rel in ("التي", "الذي"):
        feminine = rel == "التي"
    else:
        feminine = ctx.text[toks[k].start:toks[k].end].rstrip(_HARAKAT).endswith("ة")
    return feminine == toks[v].norm.endswith("ت")


def _object_after(ctx: Context, v: int) -> bool:
    """An object after the verb makes it active (``مستوطن قتل فلسطينيا``, ``قتل بالرصاص
    شابا``): a number or a person noun, also after one prepositional phrase."""
    toks, end, lex = ctx.tokens, ctx.sent.end, ctx.lex
    for j in range(v + 1, min(end, v + 3)):
        tok = toks[j]
        if tok.kind == "number" or j in ctx.taken or person(tok.norm) is not None:
            return True
        if is_prep_phrase(tok.norm) or tok.norm in lex.function_words:
            continue
        # قتل سجانا: an accusative noun right after the verb (not قتل بغارة شنتها)
        return j == v + 1 and tok.kind == "word" and len(tok.norm) >= 4 and tok.norm.endswith("ا") \
            and "ال" not in tok.norm[:3] and not lookup(tok.norm, lex.time_words)
    return False


def _verb_after_subject(toks: list[Token], k: int, end: int) -> int:
    """Where the verb of a subject at ``k`` would be: after up to two nouns of origin
    (``جهادية فرنسية``) and a relative pronoun (``طفله الذي استشهد``)."""
    v = k + 1
    while v < min(end, k + 3) and toks[v].kind == "word" and "ال" not in toks[v].norm[:3]:
        found = person(toks[v].norm)
        if found is None or not found.nisba:
            break
        v += 1
    if v + 1 < end and toks[v].norm in ("الذي", "التي"):
        v += 1
    return v


@cache
def _opener(norm: str) -> bool:
    """Can a count without a numeral start at this word? Triggers, pronoun forms, subset
    cues, أحد and casualty nouns can (cached by word: the lexicon does not change)."""
    lex = casualty_lexicon()
    if norm.endswith(("ه", "ها")) or norm.lstrip("و") in lex.singular_nouns:
        return True
    return "احد" in norm[:4] or bool(lookup(norm, lex.triggers) or lookup(norm, lex.subset_cues))


@cache
def _before_verb(norm: str) -> bool:
    return lookup(norm, casualty_lexicon().after_verbs) is not None


def _may_count(ctx: Context, k: int) -> bool:
    """A cheap test before the rules: only openers and nouns before a verb can count."""
    if _opener(ctx.tokens[k].norm):
        return True
    if k + 1 >= ctx.sent.end or person(ctx.tokens[k].norm) is None:
        return False
    v = _verb_after_subject(ctx.tokens, k, ctx.sent.end)
    return v < ctx.sent.end and _before_verb(ctx.tokens[v].norm)


def single_facts(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """The counts without a numeral in one sentence (``facts``: those found before,
    figures of this sentence included)."""
    out: list[Fact] = []
    covered: set[int] = set(ctx.taken)
    for k in range(ctx.sent.first, ctx.sent.end):
        if k in covered or ctx.tokens[k].kind != "word" or not _may_count(ctx, k):
            continue
        fact = (_subset_single(ctx, k, facts + out) or _noun_single(ctx, k, facts + out)
                or _verb_singles(ctx, k, facts + out) or _pronoun_single(ctx, k, facts + out)
                or _subject_single(ctx, k, facts + out) or _pronoun_subject(ctx, k, facts + out))
        if fact is None:
            continue
        q = fact.quantity
        covered.update(range(q.first, q.last))
        fact.cumulative = C.cumulative(ctx.tokens, q.first, q.last, ctx.sent, ctx.lex)
        fact.figure_source = C.figure_source(ctx.tokens, ctx.sent, ctx.text, ctx.lex)
        out.append(fact)
    return out
