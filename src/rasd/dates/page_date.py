"""Recognise a line that is only a date, such as a page's header date.

``الأربعاء 24 أبريل / أبريل 2024`` -> 2024-04-24, weekday Wednesday, and a
check that the weekday fits the date. Month names come from every Arab-world
series in ``data/calendar.json`` (Egyptian/Gulf, Levantine, Maghrebi,
Moroccan). Full date handling in running text is a separate component; this
one only decides whether a whole line is a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import load
from ..normalize import normalize_str

MONTH_SERIES = ("gregorian_months", "levantine_months", "maghrebi_months", "moroccan_months")


@dataclass(frozen=True)
class LineDate:
    date: dt.date
    weekday_given: int | None  # ISO weekday named on the line
    weekday_ok: bool


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    data = load("calendar")
    names: dict[str, int] = {}
    for series in MONTH_SERIES:
        for name, number in data[series].items():
            names[normalize_str(name)] = int(number)
    return names


@lru_cache(maxsize=1)
def weekday_names() -> dict[str, int]:
    return {normalize_str(k): int(v) for k, v in load("calendar")["weekdays"].items()}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    months = "|".join(sorted(map(re.escape, month_names()), key=len, reverse=True))
    days = "|".join(sorted(map(re.escape, weekday_names()), key=len, reverse=True))
    return re.compile(
        rf"^(?:(?P<wd>{days})\s*[،,]?\s*)?(?P<d>\d{{1,2}})\s+(?P<m>{months})"
        rf"(?:\s*[/(-]\s*(?P<m2>{months})\s*\)?)?\s*[،,]?\s*(?P<y>\d{{4}})\s*م?$"
    )


_ISO = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$")
_DMY = re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$")


def parse_line_date(line: str) -> LineDate | None:
    """The date a whole line states, or None if the line is not just a date."""
    norm = " ".join(normalize_str(line).split())
    if len(norm) > 60:
        return None
    m = _pattern().match(norm)
    weekday = None
    if m:
        month = month_names()[m.group("m")]
        weekday = weekday_names()[m.group("wd")] if m.group("wd") else None
    else:
        m = _ISO.match(norm) or _DMY.match(norm)
        if not m:
            return None
        month = int(m.group("m"))
    try:
        date = dt.date(int(m.group("y")), month, int(m.group("d")))
    except ValueError:
        return None
    return LineDate(date, weekday, weekday is None or weekday == date.isoweekday())
