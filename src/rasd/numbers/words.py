"""Arabic number words and digit strings: what one token is worth.

The lexicon (``rasd/data/numbers_ar.json``) lists gender and case forms
(``ثلاث/ثلاثة``, ``عشرون/عشرين``, ``مئة/مائة``, ``ألفا/آلاف/ألفي``); it is
normalized on load like the text, so lookups use token ``norm`` forms.
Digit strings are parsed from the *raw* text (``١٬٢٠٠``, ``٣٫٥``, ``1,200``):
the normalized view keeps the separators, but the raw text is the evidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from ..errors import LexiconError
from ..lexicon import load
from ..normalize import normalize_str

LEXICON = "numbers_ar"
_KINDS = ("units", "tens", "hundreds", "scales", "fixed", "teen_heads")
_CONJ = ("و", "ف")
_PREPS = ("ب", "ل", "ك")


@dataclass(frozen=True)
class WordValue:
    """The reading of one word: ``kind`` is one of units, tens, hundreds, scales,
    fixed, teen_heads, vague; ``value`` its number; ``bounds`` for vague words."""

    kind: str
    value: float
    bounds: tuple[int | None, int | None, int | None] | None = None
    conj: bool = False  # the word carried the conjunction و (``وخمسمئة``)


@dataclass(frozen=True)
class NumberLexicon:
    words: dict[str, tuple[str, float]]
    vague: dict[str, tuple[int | None, int | None, int | None]]  # [min, best, max]; best may be None
    vague_phrases: dict[tuple[str, ...], tuple[int | None, int | None, int | None]]
    approx_before: dict[tuple[str, ...], str]
    approx_after: dict[tuple[str, ...], str]
    teen_tails: frozenset[str]
    year_words: frozenset[str]
    percent_words: frozenset[str]
    dual_scales: dict[str, float]
    people_nouns: frozenset[str]


def _bounds(value: object, name: str) -> tuple[int | None, int | None, int | None]:
    if not (isinstance(value, list) and len(value) == 3):
        raise LexiconError(f"{LEXICON}: vague entry {name!r} needs [min, best, max]")
    lo, best, hi = value
    return lo, best, hi


@cache
def lexicon() -> NumberLexicon:
    """The number lexicon, normalized and validated (cached; no I/O at import)."""
    data = load(LEXICON)
    words: dict[str, tuple[str, float]] = {}
    for kind in _KINDS:
        for word, value in data[kind].items():
            words[normalize_str(word)] = (kind, float(value))
    vague = {normalize_str(w): _bounds(v, w) for w, v in data["vague"].items()}
    phrases = {tuple(normalize_str(w).split()): _bounds(v, w)
               for w, v in data["vague_phrases"].items()}
    before = {tuple(normalize_str(w).split()): str(v) for w, v in data["approx_before"].items()}
    after = {tuple(normalize_str(w).split()): str(v) for w, v in data["approx_after"].items()}
    return NumberLexicon(
        words=words, vague=vague, vague_phrases=phrases, approx_before=before,
        approx_after=after,
        teen_tails=frozenset(normalize_str(w) for w in data["teen_tails"]),
        year_words=frozenset(normalize_str(w) for w in data["year_words"]),
        percent_words=frozenset(normalize_str(w) for w in data["percent_words"]),
        dual_scales={normalize_str(w): float(v) for w, v in data["dual_scales"].items()},
        people_nouns=frozenset(normalize_str(w) for w in data["people_nouns"]),
    )


def _strip_conj(norm: str) -> tuple[str, bool]:
    if len(norm) > 2 and norm[0] in _CONJ:
        return norm[1:], True
    return norm, False


def word_value(norm: str) -> WordValue | None:
    """The number value of a normalized word, or None (``وخمسمئه`` -> 500, conj)."""
    lex = lexicon()
    for form, conj in ((norm, False), _strip_conj(norm)):
        if form in lex.words:
            kind, value = lex.words[form]
            return WordValue(kind, value, None, conj)
        if form in lex.vague:
            bounds = lex.vague[form]
            return WordValue("vague", float(bounds[0] or 0), bounds, conj)
        if len(form) > 3 and form[0] in _PREPS and form[1:] in lex.words:
            kind, value = lex.words[form[1:]]
            return WordValue(kind, value, None, conj)
    return None


def is_teen_tail(norm: str) -> bool:
    return norm in lexicon().teen_tails


def is_people_noun(norm: str) -> bool:
    """A count noun of people (``شخص``, ``فلسطينيا``), with و/ال/ب/ل stripped: ``1.200``
    before it is 1200. Nisba adjectives used as nouns (``فلسطينيا``, ``يمنيين``) count."""
    lex = lexicon()
    stem = norm[1:] if norm[:1] in _CONJ and len(norm) > 3 else norm
    stem = stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem
    if stem in lex.people_nouns:
        return True
    if word_value(norm) is not None:
        return False  # مليون, ملايين: scale words, not nisba nouns
    return len(stem) >= 5 and stem.endswith(("ي", "يا", "يين", "يون", "يه", "يات"))


#: The largest count of people that can be true: the world's population, rounded up
#: (UN DESA, World Population Prospects 2024: 8.16 billion in mid-2024). A count above
#: it is a misreading, never a figure (issue 16).
WORLD_POPULATION = 8.2e9
#: Digits before the decimal point that a digit string may have: beyond this it is an
#: identifier or noise, not an amount (and floats lose exactness past 15 digits).
MAX_INTEGER_DIGITS = 15

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
#: Separators as written, then the one reading each format has. ``G`` groups thousands,
#: ``D`` marks the decimals: ``1,200`` / ``١٬٢٠٠`` (G), ``3.5`` / ``٣٫٥`` / ``3,5`` (D),
#: ``1.200.000`` (dots grouping), ``14,500.5`` / ``١٤٬٥٠٠٫٥٥`` (both), ``1.234,5`` (both,
#: European order).
_FORMATS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\d+"), "", ""),
    (re.compile(r"\d{1,3}(?:[,\u066c]\d{3})+"), ",\u066c", ""),
    (re.compile(r"\d{1,3}(?:\.\d{3}){2,}"), ".", ""),
    (re.compile(r"\d+[.\u066b]\d+"), "", ".\u066b"),
    (re.compile(r"\d+,\d{1,2}|\d+,\d{4,}"), "", ","),
    (re.compile(r"\d{1,3}(?:[,\u066c]\d{3})+[.\u066b]\d+"), ",\u066c", ".\u066b"),
    (re.compile(r"\d{1,3}(?:\.\d{3})+,\d+"), ".", ","),
)
#: ``1.200`` may be 1.2 or 1200; before a count of people it is 1200 (a fraction of a
#: person does not exist).
DOT_THOUSAND = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]{1,3}[.\u066b][0-9\u0660-\u0669\u06f0-\u06f9]{3}")


def parse_digits(raw: str, *, before_people: bool = False) -> float | None:
    """A digit string as written (Western or Arabic-Indic digits, separators).

    ``1,200`` and ``١٬٢٠٠`` are 1200; ``٣٫٥``, ``3.5`` and ``3,5`` are 3.5;
    ``1.200.000`` is 1200000; ``14,500.5`` and ``١٤٬٥٠٠٫٥٥`` carry both a grouping and a
    decimal separator (14500.5, 14500.55). ``1.200`` is 1.2, or 1200 when
    ``before_people`` (the caller saw a count noun of people after it). Returns None
    when the string cannot be read whole (``1.2.3``, ``1,23,45``, more than
    :data:`MAX_INTEGER_DIGITS` digits): never a partial value, never inf or nan.
    """
    text = raw.translate(_DIGITS)
    if before_people and DOT_THOUSAND.fullmatch(raw):
        return float(text.replace(".", "").replace("\u066b", ""))
    # 1,234 is ambiguous between a decimal comma and a thousands comma: thousands wins
    # (as in 1,200 شخص); a decimal comma has one, two or four and more decimals (3,5).
    for pattern, group, decimal in _FORMATS:
        if not pattern.fullmatch(text):
            continue
        for sep in group:
            text = text.replace(sep, "")
        for sep in decimal:
            text = text.replace(sep, ".")
        if len(text.split(".")[0].lstrip("0")) > MAX_INTEGER_DIGITS:
            return None
        value = float(text)
        return value if math.isfinite(value) else None
    return None
