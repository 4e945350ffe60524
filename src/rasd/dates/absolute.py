"""Dates written out: ``24 أبريل / نيسان 2024``, ``مايو/ أيار 1992``, ``15/1/1959``,
``15 رمضان 1445هـ``, ``عام 1948``, ``2024م``.

Each rule is a bounded pattern over the normalized text and a handler that
turns its match into a :class:`~rasd.dates.values.DateValue`. A year stands
alone only in a date context (``عام``, ``في``, ``منذ``... or a ``م`` suffix)
and never before a counted noun (``3800 شخص``), so counts, prices and ids are
not read as years.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from . import values as V
from .context import Candidate, Context, active_war, infer_year
from .lexicon import B, E, lookup, pieces, words
from .values import DateValue

Handler = Callable[[re.Match[str], Context], DateValue | None]

_PAIR = r"(?:\s*[/(\-–]?\s*\(?(?P<m2>{MONTH})\)?)?"
_YEARWORD = r"(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?"
#: ``السابع من أكتوبر``, but not ``النصف الثاني من يوليو`` or ``الأسبوع الأول من مارس``.
_ORDINAL = r"(?<!النصف\s)(?<!الاسبوع\s)(?<!الربع\s)(?<!الثلث\s)(?P<od>{ORD})\s+(?=من\s)"
_WDPRE = r"(?:(?P<wd>{WD})\s*[،,]?\s*(?:الموافق\s+)?)?"

PATTERNS: dict[str, str] = {
    "dmy_named": (B + r"(?:[وفبل])?(?P<x>" + _WDPRE + r"(?:(?:ال)?(?P<d>[0-3]?\d)|" + _ORDINAL
                  + r")\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{MONTH})"
                  + _PAIR + r"(?:\s*[،,/]?\s*" + _YEARWORD
                  + r"\(?(?P<y>[12]\d{{3}})\)?(?:\s*(?P<ys>{YSUF})(?!\w))?|\s+(?P<mod>{MOD}))?)" + E),
    "my_named": (B + r"(?:[وفبل])?(?P<x>(?:شهر\s+)?(?P<m>{MONTH})" + _PAIR + r"\s*[،,/]?\s*"
                 + _YEARWORD + r"\(?\s*(?P<y>[12]\d{{3}})\s*\)?(?:\s*(?P<ys>{YSUF})(?!\w))?)" + E),
    "dmy_numeric": (r"(?<![\d/.\-])(?P<x>" + _WDPRE + r"(?P<d>[0-3]?\d)\s*(?P<sep>[/.\-])\s*"
                    r"(?P<m>[0-3]?\d)\s*(?P=sep)\s*(?P<y>[12]\d{{3}}|\d\d))(?![\d/])"
                    r"(?!\s*(?:{DURATION})(?!\w))"),
    "ymd_numeric": (r"(?<![\d/.\-])(?P<x>(?P<y>[12]\d{{3}})(?P<sep>[/.\-])(?P<m>[01]?\d)(?P=sep)"
                    r"(?P<d>[0-3]?\d))(?![\d/.])"),
    "hijri_day": (B + r"(?P<x>(?P<d>[0-3]?\d)\s*/?\s*(?:من\s+)?(?:شهر\s+)?(?P<hm>{HMONTH})\s*[/،,]?\s*"
                  r"(?P<y>1[2-5]\d\d|[12]\d{{3}})\s*(?P<hs>{HSUF})?)" + E),
    "hijri_month": (B + r"(?:[وفبل])?(?P<x>(?:شهر\s+)?(?P<hm>{HMONTH})(?:\s+(?:المبارك|الفضيل|الحرام))?"
                    r"\s*[/،,]?\s*" + _YEARWORD + r"(?P<y>1[2-5]\d\d|[12]\d{{3}})\s*(?P<hs>{HSUF})?)" + E),
    "hijri_year": (B + r"(?P<x>(?:(?:عام|العام|سنه|لعام|لسنه)\s*)?\(?\s*(?P<y>1[2-5]\d\d)\s*\)?\s*"
                   r"(?P<hs>{HSUF}))" + E),
    "year_suffix": B + r"(?P<x>(?P<y>[12]\d{{3}})\s*(?P<ys>{YSUF}))" + E + r"(?!\s+(?:مربع|مكعب))",
    "year_event": B + r"(?:[وفبل])?(?P<yw>{YEVENT})\s+\(?\s*(?P<x>(?P<y>1[89]\d\d|20\d\d))(?!\d)",
    "year_paren": r"\(\s*(?P<x>(?P<y>1[89]\d\d|20[0-3]\d))\s*\)",
    "year_context": (B + r"(?:[وفبل])?(?P<yw>{YWORD})\s+\(?\s*(?P<x>(?P<y>[12]\d{{3}}))(?!\d)"
                     r"(?:\s*\)?\s*(?P<ys>{YSUF})(?!\w))?"),
}
#: Words after which a bare year needs more evidence than the preposition alone.
_WEAK_YEAR_WORDS = frozenset({"في", "منذ", "حتى", "خلال", "قبل", "بعد", None})


def _wd_check(m: re.Match[str], date: dt.date, out: DateValue) -> DateValue:
    if m.groupdict().get("wd"):
        named = lookup(words().weekdays, m.group("wd"))
        out.attrs["weekday"] = named
        out.attrs["weekday_ok"] = named == date.isoweekday()
    return out


def _month_of(m: re.Match[str]) -> int | None:
    """The month named (checking that a paired name names the same month)."""
    first = lookup(words().months, m.group("m"))
    if m.groupdict().get("m2") and lookup(words().months, m.group("m2")) != first:
        return None
    return first


def _day_year(m: re.Match[str], ctx: Context, mon: int, day: int) -> int | None:
    """The year of a day written without one (``7 أكتوبر``, ``2 مايو/أيار الماضي``)."""
    base = ctx.base
    if base is None:
        return None
    war = active_war(ctx)
    if war and (war[0].month, war[0].day) == (mon, day):
        return war[0].year  # the day the war began, a named date in its coverage
    mod = m.group("mod")
    if mod in words().past or re.search(r"منذ\s+$", ctx.norm[max(0, m.start("x") - 6):m.start("x")]):
        return base.year if (mon, day) <= (base.month, base.day) else base.year - 1
    if mod in words().next:
        return base.year if (mon, day) > (base.month, base.day) else base.year + 1
    return infer_year(ctx, m.start("x"), m.end("x"), mon, day)


def dmy_named(m: re.Match[str], ctx: Context) -> DateValue | None:
    mon = _month_of(m)
    day = int(m.group("d")) if m.group("d") else lookup(words().ordinals, m.group("od"))
    if mon is None or not 1 <= day <= 31:
        return None
    if not m.group("y"):
        year = _day_year(m, ctx, mon, day)
        if year is None:
            return DateValue(None, "day", attrs={"unresolved": "no year and no base date"})
        date = V.safe_date(year, mon, day)
        attrs: dict[str, object] = {"year_inferred": True, "anchor": ctx.anchor}
        if m.group("mod"):
            attrs["modifier"] = m.group("mod")
        return _wd_check(m, date, V.day(date, attrs=attrs)) if date else None
    date = V.safe_date(int(m.group("y")), mon, day)
    return _wd_check(m, date, V.day(date)) if date else None


def my_named(m: re.Match[str], ctx: Context) -> DateValue | None:
    mon = _month_of(m)
    return V.month(int(m.group("y")), mon) if mon else None


def two_digit_year(yy: int, base: dt.date | None) -> int:
    """The year of ``12/3/25``: the one ending in ``yy`` nearest the base date and not
    more than a year after it; without a base, POSIX's convention (69-99 -> 1900s,
    00-68 -> 2000s)."""
    if base is None:
        return 1900 + yy if yy >= 69 else 2000 + yy
    year = base.year - base.year % 100 + yy
    if year > base.year + 1:
        year -= 100
    return year if base.year - year < 99 else year + 100


def dmy_numeric(m: re.Match[str], ctx: Context) -> DateValue | None:
    d, mon, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    if mon > 12 and d <= 12:  # month/day/year, as in some Levantine records
        d, mon = mon, d
    short = len(m.group("y")) == 2
    if short:
        if m.group("sep") != "/" or mon > 12:
            return None  # 12.3.25 and 12-3-25 are too often scores, times and ids
        y = two_digit_year(y, ctx.base)
    date = V.safe_date(y, mon, d)
    if date is None:
        return None
    attrs: dict[str, object] = {"year_written": m.group("y"), "anchor": ctx.anchor} if short else {}
    return _wd_check(m, date, V.day(date, attrs=attrs))


def ymd_numeric(m: re.Match[str], ctx: Context) -> DateValue | None:
    date = V.safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return V.day(date) if date else None


def _approx_hijri_year(hy: int) -> int:
    return int(hy * 0.970229 + 621.5643)


def hijri_day(m: re.Match[str], ctx: Context) -> DateValue | None:
    hm, d, y = lookup(words().hijri_months, m.group("hm")), int(m.group("d")), int(m.group("y"))
    if y >= 1600 or not 1 <= d <= 30:
        return None
    written = f"{y:04d}-{hm:02d}-{d:02d}"
    date = V.hijri_day(y, hm, d)
    if date is None:
        return DateValue(f"{_approx_hijri_year(y):04d}", "year", calendar="hijri",
                         attrs={"hijri": written, "approximate": True})
    return V.day(date, calendar="hijri", attrs={"hijri": written})


def hijri_month(m: re.Match[str], ctx: Context) -> DateValue | None:
    hm, y = lookup(words().hijri_months, m.group("hm")), int(m.group("y"))
    if y >= 1600:  # a Hijri month with a Gregorian year: رمضان 2020
        if m.group("hs"):
            return None
        found = V.hijri_month_in_gregorian_year(hm, y)
        if found is None:
            return None
        y = found
    rng = V.hijri_month_range(y, hm)
    if rng is None:
        return None
    return DateValue(rng[0].strftime("%Y-%m"), "month", calendar="hijri",
                     range=(rng[0].isoformat(), rng[1].isoformat()), attrs={"hijri": f"{y:04d}-{hm:02d}"})


def hijri_year(m: re.Match[str], ctx: Context) -> DateValue | None:
    y = int(m.group("y"))
    rng = V.hijri_year_range(y)
    attrs: dict[str, object] = {"hijri": f"{y:04d}"}
    if rng is None:
        attrs["approximate"] = True
        return DateValue(f"{_approx_hijri_year(y):04d}", "year", calendar="hijri", attrs=attrs)
    return DateValue(f"{rng[0].year:04d}", "year", calendar="hijri",
                     range=(rng[0].isoformat(), rng[1].isoformat()), attrs=attrs)


def year_suffix(m: re.Match[str], ctx: Context) -> DateValue | None:
    return V.year(int(m.group("y")))


def year_context(m: re.Match[str], ctx: Context) -> DateValue | None:
    y = int(m.group("y"))
    rest = ctx.norm[m.end():m.end() + 40]
    if re.match(r"\s*\)?\s*(?:" + pieces()["HSUF"] + r")(?!\w)", rest):
        return None  # a Hijri year, read by hijri_year
    nxt = re.match(r"\s*([^\s\d.,،:;()]+)", rest)
    if nxt and nxt.group(1) in words().not_year_after:
        return None
    if m.groupdict().get("yw") in _WEAK_YEAR_WORDS and not m.groupdict().get("ys"):
        top = (ctx.base.year + 2) if ctx.base else 2100
        if not 1900 <= y <= top or re.match(r"\s*[-–]\s*\d", rest):
            return None
    return V.year(y)


def year_paren(m: re.Match[str], ctx: Context) -> DateValue | None:
    """A year in parentheses (``نابلس ( 1948 )``), unless a number label comes before
    (``رقم ( 1604 )``)."""
    before = ctx.norm[max(0, m.start() - 12):m.start()].split()[-1:]
    if before and before[0] in words().group("not_year_before"):
        return None
    return year_context(m, ctx)


HANDLERS: dict[str, tuple[Handler, int]] = {
    "dmy_named": (dmy_named, 0), "my_named": (my_named, 1), "dmy_numeric": (dmy_numeric, 0),
    "ymd_numeric": (ymd_numeric, 0), "hijri_day": (hijri_day, 0), "hijri_month": (hijri_month, 1),
    "hijri_year": (hijri_year, 1), "year_suffix": (year_suffix, 2), "year_context": (year_context, 3),
    "year_event": (year_context, 3), "year_paren": (year_paren, 4),
}


@lru_cache(maxsize=1)
def compiled() -> dict[str, re.Pattern[str]]:
    p = pieces()
    return {name: re.compile(pattern.format(**p)) for name, pattern in PATTERNS.items()}


def find_absolute(ctx: Context) -> Iterator[Candidate]:
    """Every absolute date the rules read in ``ctx.norm``."""
    for name, pattern in compiled().items():
        handler, priority = HANDLERS[name]
        for m in pattern.finditer(ctx.norm):
            value = handler(m, ctx)
            if value is not None:
                yield Candidate(m.start("x"), m.end("x"), value, name, priority)
