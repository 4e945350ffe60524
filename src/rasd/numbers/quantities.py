"""Arabic quantities with offsets and ACLED-style bounds.

A quantity is an optional approximation (``نحو``, ``أكثر من``, ``لا يقل عن``),
a core (digits ``3800``, ``١٬٢٠٠``; words ``ثلاثة آلاف وخمسمئة``; digits with
scale words ``45 ألفا و541``; vague quantifiers ``عشرات``, ``عدد من``) and an
optional trailing approximation (``على الأقل``). Bounds follow ACLED's
conservative convention: an exact number gives min = best = max;
``أكثر من 3800`` gives min 3801, best 3800; ``عشرات`` gives 10/10/99.

Parsing walks the tokens of one sentence; values of digit tokens are read
from the raw text. Years, dates, ordinals (``الـ284``) and percentages are not
quantities. A digit string that cannot be read whole (``1.2.3``, 400 digits,
``1e309``) is reported as unreadable, never read in part: the scale word after
it (``مليون``) is not read alone either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..lexicon import load
from ..model import Token
from ..normalize import normalize_str
from .words import DOT_THOUSAND, WordValue, is_people_noun, is_teen_tail, lexicon, parse_digits, word_value

_PLURAL_SCALES = frozenset({"الاف", "ملايين", "مليارات", "الالاف"})
_NO_DEFINITE = frozenset({"واحد", "واحده", "اثنين", "اثنان", "عشر"})
_ORDINAL_BEFORE = frozenset({"ال", "رقم", "المرتبه", "المادة", "الماده"})
_MAX_TOKENS = 12  # no quantity spans more tokens than this


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed quantity: raw offsets, token indices ``[first, last)``, bounds.

    ``best`` is None for a vague plural without a best guess (``العديد``, ``عدد من``).
    """

    start: int
    end: int
    first: int
    last: int
    best: float | None
    min: float | None
    max: float | None
    approx: str
    vague: bool
    core_first: int  # token index where the number itself starts

    def attrs(self, text: str) -> dict[str, object]:
        return {"min": _num(self.min), "best": _num(self.best), "max": _num(self.max),
                "approx": self.approx, "vague": self.vague,
                "value_text": text[self.start:self.end]}


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A number as written that cannot be read whole: raw offsets and why."""

    start: int
    end: int
    reason: str  # "digits" (a digit string no format reads) | "scientific" (1e309)


@dataclass
class SentenceQuantities:
    """What :func:`find_quantities` found in one sentence."""

    quantities: list[Quantity] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _clean(value: float) -> float:
    """``14500.55 * 1e6`` read as the integer it is, not 14500550000.000002."""
    nearest = round(value)
    return float(nearest) if abs(value - nearest) < 1e-6 * max(1.0, abs(value)) else value


@cache
def _date_words() -> frozenset[str]:
    """Month names (each of their words) and weekdays: a number beside one is a date."""
    cal = load("calendar")
    words: set[str] = set()
    for key, names in cal.items():
        if key.endswith("months") and isinstance(names, (list, dict)):
            for name in names:
                words.update(normalize_str(name).split())
    return frozenset(w for w in words if len(w) > 2)


_PHRASE_INDEX: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _by_first(phrases: dict[tuple[str, ...], object]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases grouped by their first word (built once per lexicon table)."""
    index = _PHRASE_INDEX.get(id(phrases))
    if index is None:
        index = {}
        for phrase in sorted(phrases, key=len, reverse=True):
            index.setdefault(phrase[0], []).append(phrase)
        _PHRASE_INDEX[id(phrases)] = index
    return index


Bounds = tuple[int | None, int | None, int | None]


def _match_phrase(tokens: list[Token], i: int, end: int,
                  phrases: dict[tuple[str, ...], str] | dict[tuple[str, ...], Bounds]
                  ) -> tuple[int, tuple[str, ...]] | None:
    """The longest phrase of ``phrases`` starting at token ``i`` (first word may carry و)."""
    if i >= end:
        return None
    index = _by_first(phrases)  # type: ignore[arg-type]
    first = tokens[i].norm
    candidates = index.get(first) or (index.get(first[1:]) if first[:1] == "و" else None)
    for phrase in candidates or ():
        n = len(phrase)
        if i + n <= end and all(tokens[i + m].norm == phrase[m] for m in range(1, n)):
            return n, phrase
    return None


def _element(tokens: list[Token], k: int, end: int, text: str) -> tuple[WordValue, int] | None:
    """One number element at token ``k``: digits, a word, a teen (``ثلاثة عشر``),
    ``ثلاث مئة``. Returns its value and the index after it."""
    tok = tokens[k]
    if tok.kind == "number":
        raw = text[tok.start:tok.end]
        people = bool(DOT_THOUSAND.fullmatch(raw)) and k + 1 < end and is_people_noun(tokens[k + 1].norm)
        value = parse_digits(raw, before_people=people)
        return (WordValue("digits", value), k + 1) if value is not None else None
    if tok.kind != "word":
        return None
    wv = word_value(tok.norm)
    if wv is None or wv.kind == "vague":
        return None
    nxt = tokens[k + 1].norm if k + 1 < end else ""
    teen = wv.kind == "teen_heads" or (wv.kind == "units" and wv.value < 10)
    if teen and is_teen_tail(nxt):
        value = wv.value if wv.kind == "teen_heads" else 10 + wv.value
        return WordValue("units", value, None, wv.conj), k + 2
    if wv.kind == "teen_heads":
        return None
    after = word_value(nxt) if nxt else None
    if wv.kind == "units" and after is not None and after.kind == "hundreds" \
            and after.value == 100 and not after.conj:
        return WordValue("hundreds", wv.value * 100, None, wv.conj), k + 2
    return wv, k + 1


def _joinable(prev_kind: str, prev_mag: float, el: WordValue) -> bool:
    """May ``el`` (carrying و) continue a compound whose last group is ``prev``?"""
    if el.kind in ("scales",):
        return False
    if prev_kind == "units" and el.kind == "tens":
        return True  # خمسة وعشرون
    return prev_kind in ("scales", "fixed", "hundreds") and el.value < prev_mag


def _compound(tokens: list[Token], i: int, end: int, text: str) -> tuple[float, int] | None:
    """A number made of elements: ``ثلاثة آلاف وخمسمئة``, ``45 ألفا و541``."""
    first = _element(tokens, i, end, text)
    if first is None:
        return None
    el, k = first
    if el.kind == "scales" and tokens[i].norm.lstrip("و") in _PLURAL_SCALES:
        return None  # bare آلاف is vague, not 1000
    dual = _dual_scale(tokens, i, end, text)
    if dual is not None:
        return dual, i + 1
    total, current = 0.0, el.value
    prev_kind, prev_mag = el.kind, (el.value if el.kind in ("scales", "fixed") else 100.0
                                     if el.kind == "hundreds" else 1.0)
    if el.kind in ("scales", "fixed"):
        total, current = el.value, 0.0
    while k < end and k - i < _MAX_TOKENS:
        nxt = _element(tokens, k, end, text)
        conj = False
        if nxt is None and tokens[k].norm == "و" and k + 1 < end:
            nxt, conj = _element(tokens, k + 1, end, text), True
        if nxt is None:
            break
        el, after = nxt
        if el.kind == "scales" and not el.conj and not conj and current:
            total += current * el.value
            current, prev_kind, prev_mag, k = 0.0, "scales", el.value, after
            continue
        if not (el.conj or conj) or not _joinable(prev_kind, prev_mag, el):
            break
        current += el.value
        prev_kind = el.kind
        prev_mag = 100.0 if el.kind == "hundreds" else (10.0 if el.kind == "tens" else prev_mag)
        k = after
    return _clean(total + current), k


def _dual_scale(tokens: list[Token], i: int, end: int, text: str) -> float | None:
    """``ألفا شخص`` (2000), ``مليونا نازح``: a scale word in the dual construct state.

    It opens the number and a noun follows; written with tanween (``ألفًا``) it is the
    accusative singular (1000), as after a number (``45 ألفا``, read by the compound).
    """
    tok = tokens[i]
    value = lexicon().dual_scales.get(tok.norm)
    if value is None or "\u064b" in text[tok.start:tok.end]:
        return None
    nxt = tokens[i + 1] if i + 1 < end else None
    if nxt is None or nxt.kind != "word" or word_value(nxt.norm) is not None:
        return None
    return value


def _bounds(best: float | None, approx: str, vague: tuple[int | None, int | None, int | None] | None
            ) -> tuple[float | None, float | None, float | None]:
    if vague is not None:
        lo, _, hi = vague
        lo_f = None if lo is None else float(lo)
        hi_f = None if hi is None else float(hi)
        if approx == "more_than":
            return (None if lo_f is None else lo_f + 1), best, None
        if approx == "at_least":
            return lo_f, best, None
        return lo_f, best, hi_f
    assert best is not None  # only vague amounts lack a best
    step = 1.0 if best.is_integer() else 0.0
    table: dict[str, tuple[float | None, float, float | None]] = {
        "exact": (best, best, best),
        "more_than": (best + step, best, None),
        "at_least": (best, best, None),
        "about": (None, best, None),
        "less_than": (None, max(best - step, 0.0), max(best - step, 0.0)),
        "at_most": (None, best, best),
    }
    return table.get(approx, (best, best, best))


def _dangling(tokens: list[Token], k: int, end: int, lex: object) -> bool:
    """``مناطق عدة بقطاع غزة``: a quantifier with no noun after it is an adjective."""
    if k >= end or tokens[k].kind != "word":
        return True
    norm = tokens[k].norm
    return len(norm) > 4 and norm[0] in "بل" and not norm.startswith(("بين", "لاجئ"))


def _vague_best(bounds: Bounds) -> float | None:
    return None if bounds[1] is None else float(bounds[1])


def _core(tokens: list[Token], j: int, end: int, text: str
          ) -> tuple[float | None, int, tuple[int | None, int | None, int | None] | None] | None:
    lex = lexicon()
    phrase = _match_phrase(tokens, j, end, lex.vague_phrases)
    if phrase is not None:
        bounds = lex.vague_phrases[phrase[1]]
        # عدد من needs its noun; عشرات الآلاف is a count at a clause end too (مقتل عشرات الآلاف.)
        if bounds[1] is not None or not _dangling(tokens, j + phrase[0], end, lex):
            return _vague_best(bounds), j + phrase[0], bounds
    compound = _compound(tokens, j, end, text)
    if compound is not None:
        return compound[0], compound[1], None
    tok = tokens[j]
    bare = tok.norm[1:] if tok.norm[:1] == "و" and len(tok.norm) > 3 else tok.norm
    for form in (tok.norm, bare):
        if tok.kind != "word" or form not in lex.vague:
            continue
        bounds = lex.vague[form]
        if bounds[1] is None and _dangling(tokens, j + 1, end, lex):
            continue  # بعض / العديد with no noun after: not a count
        return _vague_best(bounds), j + 1, bounds
    if tok.kind == "word" and tok.norm.startswith("ال") and tok.norm[2:] not in _NO_DEFINITE:
        wv = word_value(tok.norm[2:])
        if wv is not None and wv.kind in ("units", "tens") and not wv.conj:
            return wv.value, j + 1, None  # أطفالها الخمسة
    return None


def _is_excluded(tokens: list[Token], first: int, last: int, core: int, text: str) -> bool:
    """Years, dates, ordinals and percentages are not quantities."""
    lex = lexicon()
    prev = tokens[core - 1].norm if core > 0 else ""
    nxt = tokens[last].norm if last < len(tokens) else ""
    if prev in _ORDINAL_BEFORE or prev in lex.percent_words or nxt in lex.percent_words:
        return True
    if prev == "/" or nxt in ("/", "م", "ه") or _dash_joined(tokens, core, last):
        return True
    if prev in _date_words() or nxt in _date_words():
        return True
    if core >= 2 and tokens[core - 1].kind == "number" and tokens[core - 2].norm in _date_words():
        return True  # the year of 18 كانون 2 2025
    tok = tokens[core]
    if tok.kind == "number" and _glued_to_code(tokens, core):
        return True  # F16, 5G: part of a name or code
    if tok.kind == "number" and last - core == 1:
        raw = text[tok.start:tok.end]
        if raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100:
            before = tokens[core - 2] if core >= 2 else None
            joined = prev == "و" and before is not None and before.kind == "number"
            return (prev in lex.year_words or prev.lstrip("و") in lex.year_words or joined
                    or nxt in ("", ".", "،"))
        if prev in lex.year_words:
            return True
    return False


def _dash_joined(tokens: list[Token], core: int, last: int) -> bool:
    """``2011-2013``, ``-5``: a number joined by a dash to another (a range, an id), not
    ``استشهد 49 -نصفهم أطفال-`` (a dash opening a parenthetical after a space)."""
    if core > 0 and tokens[core - 1].norm == "-" and tokens[core - 1].end == tokens[core].start:
        return core >= 2 and tokens[core - 2].kind == "number"
    if last < len(tokens) and tokens[last].norm == "-" and tokens[last - 1].end == tokens[last].start:
        return last + 1 < len(tokens) and tokens[last + 1].kind == "number"
    return False


def _glued_to_code(tokens: list[Token], k: int) -> bool:
    before = tokens[k - 1] if k > 0 else None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return (before is not None and before.kind == "latin" and before.end == tokens[k].start) or \
        (after is not None and after.kind == "latin" and after.start == tokens[k].end)


def parse_at(tokens: list[Token], i: int, end: int, text: str) -> Quantity | None:
    """The quantity starting at token ``i`` (before ``end``), or None."""
    lex = lexicon()
    approx, j = "exact", i
    before = _match_phrase(tokens, i, end, lex.approx_before)
    if before is not None:
        approx, j = lex.approx_before[before[1]], i + before[0]
    if j >= end:
        return None
    core = _core(tokens, j, end, text)
    if core is None:
        return None
    best, k, vague = core
    after = _match_phrase(tokens, k, end, lex.approx_after)
    if after is not None and approx == "exact":
        approx, k = lex.approx_after[after[1]], k + after[0]
    elif approx == "exact" and k + 1 < end and tokens[k].kind == "word":
        later = _match_phrase(tokens, k + 1, end, lex.approx_after)  # 12 شخصا على الأقل
        if later is not None:
            approx = lex.approx_after[later[1]]
    if _is_excluded(tokens, i, k, j, text):
        return None
    lo, best, hi = _bounds(best, approx, vague)
    start = tokens[i].start
    glued = tokens[i].kind == "word" and tokens[i].norm[:1] == "و" \
        and word_value(tokens[i].norm[1:]) is not None
    if glued or (before is not None and tokens[i].norm != before[1][0]):
        start += 1  # the conjunction و is not part of the quantity
    return Quantity(start, tokens[k - 1].end, i, k, best, lo, hi, approx,
                    vague is not None, j)


_SCIENTIFIC = re.compile(r"[eE][+-]?$")


def unreadable_at(tokens: list[Token], i: int, end: int, text: str) -> Unreadable | None:
    """A number at token ``i`` that cannot be read whole: a digit string that no format
    reads (``1.2.3``, 400 digits) or scientific notation (``1e309``, three tokens)."""
    tok = tokens[i]
    if tok.kind != "number":
        return None
    nxt = tokens[i + 1] if i + 1 < end else None
    if nxt is not None and nxt.kind == "latin" and nxt.start == tok.end and _SCIENTIFIC.match(nxt.norm) \
            and i + 2 < end and tokens[i + 2].start == nxt.end and tokens[i + 2].kind in ("number", "punct"):
        last = i + 2 if tokens[i + 2].kind == "number" else min(i + 3, end - 1)
        return Unreadable(tok.start, tokens[last].end, "scientific")
    if parse_digits(text[tok.start:tok.end]) is None and not _glued_to_code(tokens, i):
        return Unreadable(tok.start, tok.end, "digits")
    return None


def find_quantities(tokens: list[Token], first: int, end: int, text: str) -> SentenceQuantities:
    """All quantities among ``tokens[first:end]`` (one sentence), left to right, and the
    numbers that could not be read (with the scale words after them: never read alone)."""
    out = SentenceQuantities()
    i = first
    while i < end:
        bad = unreadable_at(tokens, i, end, text)
        if bad is not None:
            out.unreadable.append(bad)
            i += 1
            while i < end and (tokens[i].start < bad.end or _is_scale(tokens[i].norm)):
                i += 1
            continue
        q = parse_at(tokens, i, end, text)
        if q is None:
            i += 1
            continue
        out.quantities.append(q)
        i = q.last
    return out


def _is_scale(norm: str) -> bool:
    wv = word_value(norm)
    return wv is not None and wv.kind in ("scales", "fixed")
