"""Is this word a person, how many, and which group? (``شاب``, ``مستوطنان``, ``موظفيها``)

A person noun is read from its base form in ``person_stems`` (``مستوطن``, group
``settlers``) by the inflections Arabic gives it, so the lexicon lists each noun
once: singular ``مستوطن``/``مستوطنا``/``مستوطنة``, dual ``مستوطنان``/``مستوطنتين``,
plural ``مستوطنون``/``مستوطنات``, irregular plurals from ``broken_plurals``
(``جنود`` -> ``جندي``), possessives (``موظفيها``, ``عائلته``, ``أبنائها``) and
nisba nouns of origin (``فلسطيني``, ``فلسطينيا``, ``مقدسية``).

``-ين`` is both the genitive plural and the genitive dual of a regular noun
(``فلسطينيين``): it is a dual only when the noun has an irregular plural
(``جنديين``, ``شخصين``) or the raw text shows the dual's sukun (``فلسطينييْن``);
otherwise it is reported as ``ambiguous`` and the caller looks for a dual verb or
``اثنين`` after it. Without diacritics, a regular ``-ين`` plural is never guessed
to be two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..normalize import normalize_str
from ..numbers.words import word_value
from .lexicon import casualty_lexicon, forms

SG, DU, PL, AMBIGUOUS = "sg", "du", "pl", "ambiguous"
_POSSESSIVES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
_SUKUN = "\u0652"
_ARTICLE = re.compile(r"^(?:[وف]?(?:[بكل]?ال|لل))")


@dataclass(frozen=True)
class Person:
    """A person noun: ``number`` is sg, du, pl or ambiguous (a regular ``-ين``);
    ``who`` the group of the lexicon (None: a person, no group); ``base`` its base
    form (normalized); ``possessed`` when it carried a possessive (``موظفيها``)."""

    number: str
    who: str | None
    base: str
    possessed: bool = False
    nisba: bool = False
    generic: bool = False  # a nisba noun read by its shape alone, not from the lexicon


def _sound_plural_too(base: str) -> bool:
    """Active participles (فاعل: ``عامل``, ``ناشط``, ``زائر``) take a sound plural beside
    their broken one (``العاملين``), so their ``-ين`` stays ambiguous."""
    return len(base) == 4 and base[1] == "ا"


def _forms_of(base: str, has_broken: bool) -> list[tuple[str, str]]:
    """The inflected forms of a base noun with their number."""
    out = [(base, SG)]
    if len(base) <= 2:
        return out  # أم, أب, أخ: their derived forms are other words (أما, أمان, أبا)
    if base.endswith("ه"):  # a feminine base: طفله, سيده, امراه
        stem = base[:-1] + "ت"
        return [*out, (stem + "ان", DU), (stem + "ين", DU), (base[:-1] + "ات", PL)]
    out += [(base + "ا", SG), (base + "ه", SG), (base + "ان", DU), (base + "تان", DU),
            (base + "تين", DU), (base + "ون", PL), (base + "ات", PL), (base + "ي", PL)]
    out.append((base + "ين", DU if has_broken and not _sound_plural_too(base) else AMBIGUOUS))
    return out


@dataclass(frozen=True)
class _Index:
    forms: dict[str, tuple[str, str | None, str]]  # form -> (number, who, base)
    origin: frozenset[str]  # bases that are nouns of origin (also adjectives)
    nisba_not: frozenset[str]
    not_single: frozenset[str]


@cache
def _index() -> _Index:
    lex = casualty_lexicon()
    broken = {normalize_str(p): normalize_str(b) for p, b in lex.broken_plurals.items()}
    with_broken = frozenset(broken.values())
    table: dict[str, tuple[str, str | None, str]] = {}
    groups = {b: who for who, bases in lex.person_stems.items() for b in bases}
    for base, who in groups.items():
        group = None if who in ("none", "origin") else who
        for form, number in _forms_of(base, base in with_broken):
            table.setdefault(form, (number, group, base))
    for plural, base in broken.items():
        table[plural] = (PL, table.get(base, (SG, None, base))[1], base)
    for word in lex.not_person:
        table.pop(word, None)
        table.pop(word[2:] if word.startswith("ال") else word, None)
    return _Index(table, lex.person_stems.get("origin", frozenset()), lex.nisba_not_person | lex.not_person,
                  lex.not_single)


def _nisba(word: str, nisba_not: frozenset[str]) -> tuple[str, str] | None:
    """A noun of origin not in the lexicon, by its shape (``نيجيريا``... no: ``صومالي``):
    singular or ``-يون`` plural only, and long enough not to be another word (duals
    and ``-ين`` of unknown words are never guessed: ``الإمبراطوريتين``, ``منفذي``)."""
    if word in nisba_not or word.endswith("تي"):
        return None  # جريمتي, مذكرتي: a feminine dual in construct, not a noun of origin
    for suffix, number in (("يون", PL), ("يا", SG), ("ي", SG)):
        if word.endswith(suffix):
            base = word[:-len(suffix)] + "ي"
            return (number, base) if len(base) >= 6 and base not in nisba_not else None
    return None


def _direct(word: str, idx: _Index) -> Person | None:
    hit = idx.forms.get(word)
    return Person(hit[0], hit[1], hit[2], nisba=hit[2] in idx.origin) if hit is not None else None


def _without_possessive(word: str, idx: _Index) -> Person | None:
    for suffix in _POSSESSIVES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        rest = word[:-len(suffix)]
        for cand in (rest, rest[:-1] + "ه" if rest.endswith("ت") else "",
                     rest[:-1] + "ء" if rest.endswith("ئ") else ""):
            hit = idx.forms.get(cand) if cand else None
            if hit is not None:
                return Person(hit[0], hit[1], hit[2], possessed=True)
    return None


@cache
def person(norm: str) -> Person | None:
    """The person a normalized word names, or None (``قوات``, ``منزل``, ``إداري``).

    Proclitics (و، ف، ب، ل، ال) are stripped first (:func:`rasd.casualties.lexicon.forms`).
    """
    idx = _index()
    if norm in idx.nisba_not:
        return None
    candidates = forms(norm)
    for word in candidates:
        found = _direct(word, idx) or _without_possessive(word, idx)
        if found is not None:
            return found
    bare = _ARTICLE.sub("", norm)  # فلسطيني of والفلسطيني (never ف of فلسطيني)
    if len(bare) < 4 or word_value(bare) is not None:
        return None  # ثمانية is a number, not a nisba noun
    nisba = _nisba(bare, idx.nisba_not)
    return Person(nisba[0], None, nisba[1], nisba=True, generic=True) if nisba is not None else None


def is_dual_in_raw(raw: str) -> bool:
    """``فلسطينييْن``: the dual's sukun on the ya before the final nun."""
    bare = raw.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651")
    return len(bare) >= 3 and bare.endswith("ن") and _SUKUN in bare[-3:-1]


def counts_alone(p: Person) -> bool:
    """May this singular noun be read as one person without a numeral? Not ``العالم``
    (also "the world"), ``الأم`` or a nisba adjective that follows its noun."""
    return p.number == SG and p.base not in _index().not_single
