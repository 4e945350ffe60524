"""Dates that need an anchor: ``أمس الجمعة``, ``الأحد الماضي``, ``الشهر المقبل``,
``منذ ثلاثة أيام``, ``خلال 24 ساعة الماضية``, ``اليوم الـ284 من الحرب``, ``يوليو/تموز الماضي``.

They resolve against :attr:`Context.base` (the publication date). A bare
weekday (``الجمعة``) is the most recent such day on or before the base,
unless its sentence speaks of the future (then the next one on or after).
Without a base, a relative date is still marked (``value`` None,
``unresolved`` giving the reason), so a reader sees it was not understood.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from . import values as V
from .context import Candidate, Context, active_war, nearest_month_year
from .lexicon import WEAK_MONTHS, B, E, lookup, pieces, words
from .values import DateValue

Handler = Callable[[re.Match[str], Context], DateValue | None]

_ORDINAL_AFTER = (r"(?!\s+(?:ال\d|ال(?:اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|عالمي|وطني|"
                  r"دولي|تالي|سابق|لاحق|ذي|ذاتي|اخير|موعود)\w*|نفسه|ذاته|\d))")
_PAIR = r"(?:\s*[/(\-–]?\s*\(?(?P<m2>{MONTH})\)?)?"

PATTERNS: dict[str, str] = {
    "war_day": (B + r"(?P<x>(?:ال|لل)يوم\s+(?:ال)?(?P<n>\d{{1,4}})\s+(?:على\s+التوالي\s+)?"
                r"(?:من\s+(?:ال)?|على\s+(?:ال)?|لل)(?:(?:بدء|بدايه|اندلاع)\s+(?:ال)?)?"
                r"(?P<w>{WAR})(?:ه|ها)?)" + E),
    "hours24": (B + r"(?P<x>(?:خلال|في|طوال)\s+(?:ال)?(?:(?:24|اربع\s+وعشرين)\s+ساعه|الساعات\s+(?:ال)?"
                r"(?:24|اربع\s+وعشرين))\s+(?:ال)?(?:ماضيه|اخيره))" + E),
    "day_word": (B + r"(?:[وفبل])?(?<!هذا\s)(?<!ذلك\s)(?P<x>(?:(?:(?P<part>{PART})\s+)|يوم\s+)?"
                 r"(?P<dw>{DAYWORD})" + _ORDINAL_AFTER + r"(?:\s*[،,]?\s*(?:يوم\s+)?(?P<wd>{WD}))?)" + E),
    "weekday": (B + r"(?:[وفبل]|لل)?(?P<x>(?:(?P<part>{PART})\s+|يوم\s+)?(?:يوم\s+)?(?P<wd>{WD})"
                r"(?:\s+(?P<mod>{PAST}|{NEXT}))?)" + E + r"(?!\s+عشر)"),
    "ago": (B + r"(?:[وف])?(?P<x>(?P<ago>{AGO})\s+(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{NUMW})\s+)?(?P<u>{UNIT}))"
            + E + r"(?!\s+(?:من|على|ان)(?!\w))"),
    "period": (B + r"(?:[وفبل])?(?P<x>(?:(?:مطلع|اواخر|اوائل|منتصف|بدايه|نهايه)\s+)?(?:(?P<this>هذا|هذه)\s+)?"
               r"(?P<p>{PERIOD})(?:\s+(?P<mod>{MOD}))?)" + E),
    "month_mod": (B + r"(?:[وفبل])?(?P<x>(?:شهر\s+)?(?P<m>{MONTH})" + _PAIR + r"\s+(?P<mod>{MOD}))" + E),
    "month_bare": (B + r"(?:(?P<prep>في|منذ|خلال|حتى|مطلع|اواخر|اوائل|منتصف|بدايه|نهايه)\s+)?"
                   r"(?:[وفبل])?(?P<x>(?P<shahr>شهر\s+)?(?P<m>{MONTH})" + _PAIR + r")" + E),
}


def _unresolved(precision: str, reason: str = "no publication date to resolve against") -> DateValue:
    return DateValue(None, precision, kind="relative", attrs={"unresolved": reason})


def _rel(value: DateValue, ctx: Context, **attrs: object) -> DateValue:
    value.kind = "relative"
    value.attrs.update(ctx.relative(**attrs))
    return value


def war_day(m: re.Match[str], ctx: Context) -> DateValue | None:
    n = int(m.group("n"))
    found = active_war(ctx)
    if found is None:
        return _unresolved("day", "war start neither stated nor configured")
    start, war = found
    value = V.day(start + dt.timedelta(days=n - 1), kind="relative")
    value.attrs.update({"anchor": f"{war}:{start.isoformat()}", "war_day": n})
    return value


def hours24(m: re.Match[str], ctx: Context) -> DateValue | None:
    if ctx.base is None:
        return _unresolved("day")
    out = V.day(ctx.base, range=((ctx.base - dt.timedelta(days=1)).isoformat(), ctx.base.isoformat()))
    return _rel(out, ctx)


#: Why a weekday written with ``اليوم``/``أمس`` wins over the publication date when they
#: disagree (docs/dates.md): in 1,547 Al Jazeera ledes with such a clue, 20 disagree with
#: the listing date, 19 of them by exactly one day (a day boundary between the listing's
#: clock and the newsroom's); the weekday is written with the event, the date is metadata.
WEEKDAY_TRUSTED = ("the weekday written with the day word disagrees with the publication date; "
                   "the weekday is trusted (it is written with the event, and a publication date "
                   "a day off is a clock or time-zone boundary)")


def day_word(m: re.Match[str], ctx: Context) -> DateValue | None:
    if ctx.base is None:
        return _unresolved("day")
    date = ctx.base + dt.timedelta(days=lookup(words().day_words, m.group("dw")))
    if not m.group("wd"):
        return _rel(V.day(date), ctx)
    named = lookup(words().weekdays, m.group("wd"))
    if named == date.isoweekday():
        return _rel(V.day(date), ctx, weekday=named, weekday_ok=True)
    back, fwd = (date.isoweekday() - named) % 7, (named - date.isoweekday()) % 7
    trusted = date - dt.timedelta(days=back) if back <= fwd else date + dt.timedelta(days=fwd)
    return _rel(V.day(trusted), ctx, weekday=named, weekday_ok=False, trusted="weekday",
                day_word_value=date.isoformat(), why=WEEKDAY_TRUSTED)


def weekday(m: re.Match[str], ctx: Context) -> DateValue | None:
    named = lookup(words().weekdays, m.group("wd"))
    before = ctx.norm[max(0, m.start("x") - 8):m.start("x")]
    if named == 1 and re.search(r"(?:بين|كلا|هذين)\s+$", before):
        return None  # الاثنين as "the two"
    if re.search(r"سوق\s+$", before) or "العظيم" in ctx.norm[m.end("x"):m.end("x") + 8]:
        return None  # a market's name (سوق الجمعة), Good Friday (الجمعة العظيمة)
    mod = m.group("mod")
    if mod in words().past:
        direction = "before"
    elif mod in words().next:
        direction = "after"
    else:
        direction = "on_or_after" if ctx.future(m.start("x"), m.end("x")) else "on_or_before"
    if ctx.base is None:
        return _unresolved("day")
    date = V.weekday_near(ctx.base, named, direction)
    return _rel(V.day(date), ctx, weekday=named, direction=direction)


def _units(m: re.Match[str]) -> tuple[str, int] | None:
    unit = words().units[m.group("u")]
    if unit.endswith("2"):
        return (unit[:-1], 2) if not (m.group("n") or m.group("nw")) else None
    if m.group("n"):
        return unit, int(m.group("n"))
    if m.group("nw"):
        return unit, lookup(words().numbers, m.group("nw"))
    # a bare singular ("منذ أسبوع") is one; a bare plural ("منذ أيام") is too vague, but
    # "منذ ساعات" (hours ago) is still the publication day or the day before
    if m.group("u") == "ساعات":
        return unit, 0
    return (unit, 1) if m.group("u") in ("يوم", "اسبوع", "شهر", "عام", "سنه", "ساعه") else None


def ago(m: re.Match[str], ctx: Context) -> DateValue | None:
    found = _units(m)
    if found is None:
        return None
    unit, n = found
    if ctx.base is None:
        return _unresolved("day" if unit == "hour" else unit)
    if unit == "hour":
        return _rel(hours_ago(ctx.base, n), ctx, offset=f"-{n} hour" if n else "-hours")
    return _rel(shift(ctx.base, unit, -n), ctx, offset=f"-{n} {unit}")


def hours_ago(base: dt.date, n: int) -> DateValue:
    """``قبل ٥ ساعات``: a day, since the publication time of day is not kept. The value is
    the later candidate day; ``range`` spans the days the instant may fall on (the
    publication day and the day before for fewer than 24 hours; ``n == 0`` for
    ``منذ ساعات``)."""
    hours = n or 23
    latest = base - dt.timedelta(days=hours // 24)
    earliest = base - dt.timedelta(days=-(-hours // 24))
    return V.day(latest, range=(earliest.isoformat(), latest.isoformat()))


def shift(base: dt.date, unit: str, n: int) -> DateValue:
    """The day, week, month or year ``n`` units from ``base``."""
    if unit == "day":
        return V.day(base + dt.timedelta(days=n))
    if unit == "week":
        return V.week(base + dt.timedelta(days=7 * n))
    if unit == "month":
        return V.month(*V.add_months(base, n))
    return V.year(base.year + n)


def period(m: re.Match[str], ctx: Context) -> DateValue | None:
    mod = m.group("mod")
    if mod is None and not m.group("this"):
        return None
    unit = words().periods[m.group("p")]
    n = -1 if mod in words().past else 1 if mod in words().next else 0
    if ctx.base is None:
        return _unresolved(unit)
    return _rel(shift(ctx.base, unit, n), ctx)


def _month(m: re.Match[str]) -> int | None:
    first = lookup(words().months, m.group("m"))
    if m.group("m2") and lookup(words().months, m.group("m2")) != first:
        return None
    return first


def month_mod(m: re.Match[str], ctx: Context) -> DateValue | None:
    mon, mod = _month(m), m.group("mod")
    if mon is None:
        return None
    if ctx.base is None:
        return _unresolved("month")
    base = ctx.base
    if mod in words().past:
        year = base.year if mon < base.month else base.year - 1
    elif mod in words().next:
        year = base.year if mon > base.month else base.year + 1
    else:
        year = base.year
    return _rel(V.month(year, mon), ctx)


def month_bare(m: re.Match[str], ctx: Context) -> DateValue | None:
    mon = _month(m)
    name = " ".join(m.group("m").split())
    strong = m.group("m2") or m.group("shahr") or (m.group("prep") and name not in WEAK_MONTHS)
    if mon is None or not strong:
        return None
    year = nearest_month_year(ctx, m.start("x"), m.end("x"), mon)
    if year is None:
        return _unresolved("month")
    return _rel(V.month(year, mon), ctx, year_inferred=True)


HANDLERS: dict[str, tuple[Handler, int]] = {
    "war_day": (war_day, 0), "hours24": (hours24, 0), "day_word": (day_word, 1),
    "weekday": (weekday, 2), "ago": (ago, 1), "period": (period, 1),
    "month_mod": (month_mod, 1), "month_bare": (month_bare, 4),
}


@lru_cache(maxsize=1)
def compiled() -> dict[str, re.Pattern[str]]:
    p = pieces()
    return {name: re.compile(pattern.format(**p)) for name, pattern in PATTERNS.items()}


def find_relative(ctx: Context) -> Iterator[Candidate]:
    """Every relative date the rules read in ``ctx.norm``."""
    for name, pattern in compiled().items():
        handler, priority = HANDLERS[name]
        for m in pattern.finditer(ctx.norm):
            value = handler(m, ctx)
            if value is not None:
                yield Candidate(m.start("x"), m.end("x"), value, name, priority + 10)
