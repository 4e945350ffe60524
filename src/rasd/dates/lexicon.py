"""The date words of ``data/calendar.json`` and ``data/dates.json``, normalized, as patterns.

Every name is normalized with the same normalizer as the text (so ``أيار``
is matched as ``ايار`` and ``الجمعة`` as ``الجمعه``) and compiled once, on
first use; importing this module does no I/O. All patterns are bounded
(no nested unbounded repeats) and run on the normalized view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import LexiconError
from ..lexicon import load
from ..normalize import normalize_str

MONTH_SERIES = ("gregorian_months", "levantine_months", "maghrebi_months", "moroccan_months")
#: Month names that are also common words (``اب`` father, ``مارس`` practised, ``ماي``):
#: they count only beside a day, a year, a paired name or ``شهر``.
WEAK_MONTHS = frozenset({"اب", "مارس", "ماي", "جوان"})


def alternation(words: Any) -> str:
    """A regex alternation of the given (already normalized) words, longest first."""
    items = sorted(set(words), key=len, reverse=True)
    if not items:
        raise LexiconError("empty word group in a date pattern")
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@dataclass(frozen=True)
class DateWords:
    months: dict[str, int]
    hijri_months: dict[str, int]
    weekdays: dict[str, int]
    day_words: dict[str, int]
    units: dict[str, str]
    periods: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    past: frozenset[str]
    next: frozenset[str]
    this: frozenset[str]
    future_cues: tuple[str, ...]
    not_year_after: frozenset[str]
    wars: tuple[tuple[str, str, str, tuple[str, ...]], ...]  # id, start, until, terms
    raw: dict[str, Any]

    def group(self, name: str) -> tuple[str, ...]:
        return tuple(normalize_str(str(w)) for w in self.raw[name])


def _names(mapping: dict[str, Any]) -> dict[str, int]:
    return {" ".join(normalize_str(k).split()): int(v) for k, v in mapping.items()}


@lru_cache(maxsize=1)
def words() -> DateWords:
    cal, data = load("calendar"), load("dates")
    months: dict[str, int] = {}
    for series in MONTH_SERIES:
        months.update(_names(cal[series]))
    wars = tuple((k, v["start"], v["until"], tuple(normalize_str(t) for t in v["terms"]))
                 for k, v in data["wars"].items())
    return DateWords(
        months=months, hijri_months=_names(cal["hijri_months"]), weekdays=_names(cal["weekdays"]),
        day_words=_names(data["day_words"]),
        units={normalize_str(k): str(v) for k, v in data["units"].items()},
        periods={normalize_str(k): str(v) for k, v in data["period_nouns"].items()},
        numbers=_names(data["number_words"]), ordinals=_names(data["ordinal_days"]),
        past=frozenset(normalize_str(w) for w in data["past_words"]),
        next=frozenset(normalize_str(w) for w in data["next_words"]),
        this=frozenset(normalize_str(w) for w in data["this_words"]),
        future_cues=tuple(normalize_str(w) for w in data["future_cues"]),
        not_year_after=frozenset(normalize_str(w) for w in data["not_year_after"]),
        wars=wars, raw=data,
    )


def lookup(mapping: dict[str, int], text: str) -> int:
    """The value of a matched name, whatever whitespace it was written with."""
    return mapping[" ".join(text.split())]


# Building blocks shared by the absolute and relative patterns ----------------------
B = r"(?<![\w])"  # no letter or digit before
E = r"(?![\w])"   # no letter or digit after
PRE = r"(?:[وفبل]|لل)?"  # a proclitic glued to the first word; it stays outside the span


@lru_cache(maxsize=1)
def pieces() -> dict[str, str]:
    w = words()
    return {
        "MONTH": alternation(w.months),
        "HMONTH": alternation(w.hijri_months),
        "WD": alternation(w.weekdays),
        "DAYWORD": alternation(w.day_words),
        "PART": alternation(w.group("day_parts")),
        "UNIT": alternation(w.units),
        "PERIOD": alternation(w.periods),
        "NUMW": alternation(w.numbers),
        "ORD": alternation(w.ordinals),
        "PAST": alternation(w.past),
        "NEXT": alternation(w.next),
        "THIS": alternation(w.this),
        "MOD": alternation(w.past | w.next | w.this),
        "YSUF": alternation(w.group("year_suffixes")),
        "HSUF": alternation(w.group("hijri_suffixes")),
        "YWORD": alternation(w.group("year_words")),
        "YEVENT": alternation(w.group("year_events")),
        "NOTYBEFORE": alternation(w.group("not_year_before")),
        "WAR": alternation(w.group("war_day")),
        "AGO": alternation(w.group("ago_words")),
        "PUBCUE": alternation(w.group("published_cues")),
        "DURATION": alternation(w.group("duration_units")),
    }
