"""Arabic number words and digit strings: what one token is worth.

The lexicon (``rasd/data/numbers_ar.json``) lists gender and case forms
(``ثلاث/ثلاثة``, ``عشرون/عشرين``, ``مئة/مائة``, ``ألفا/آلاف/ألفي``); it is
normalized on load like the text, so lookups use token ``norm`` forms.
Digit strings are parsed from the *raw* text (``١٬٢٠٠``, ``٣٫٥``, ``1,200``):
the normalized view keeps the separators, but the raw text is the evidence.
"""

from __future__ import annotations

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
    vague: dict[str, tuple[int | None, int | None, int | None]]
    vague_phrases: dict[tuple[str, ...], tuple[int | None, int | None, int | None]]
    approx_before: dict[tuple[str, ...], str]
    approx_after: dict[tuple[str, ...], str]
    teen_tails: frozenset[str]
    year_words: frozenset[str]
    percent_words: frozenset[str]


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
            return WordValue("vague", float(bounds[1] or 0), bounds, conj)
        if len(form) > 3 and form[0] in _PREPS and form[1:] in lex.words:
            kind, value = lex.words[form[1:]]
            return WordValue(kind, value, None, conj)
    return None


def is_teen_tail(norm: str) -> bool:
    return norm in lexicon().teen_tails


_THOUSANDS = re.compile(r"^\d{1,3}(?:[,\u066c]\d{3})+$")
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def parse_digits(raw: str) -> float | None:
    """A digit string as written (Western or Arabic-Indic digits, separators).

    ``1,200`` and ``١٬٢٠٠`` are 1200; ``٣٫٥`` and ``3.5`` are 3.5; ``1.200.000``
    (dots as thousands separators) is 1200000. Returns None when unreadable.
    """
    text = raw.translate(_DIGITS).replace("\u066b", ".")
    if _THOUSANDS.match(text):
        return float(text.replace(",", "").replace("\u066c", ""))
    if _DOT_THOUSANDS.match(text):
        return float(text.replace(".", ""))
    text = text.replace("\u066c", ",")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a decimal comma: 3,5
    if not re.fullmatch(r"\d+(?:\.\d+)?", text):
        return None
    return float(text)
