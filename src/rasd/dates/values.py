"""Date values: a day, week, month or year, with its range, and calendar arithmetic.

Hijri dates are converted with ``hijridate`` (the Umm al-Qura calendar,
valid for Hijri years 1343-1500, Gregorian 1924-2077); outside that range a
Hijri date is kept as written and gets no Gregorian value.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hijridate import Gregorian, Hijri

PRECISIONS = ("day", "week", "month", "year")


@dataclass
class DateValue:
    """What a date expression means. ``value`` is ISO (YYYY-MM-DD, YYYY-MM or YYYY)."""

    value: str | None
    precision: str
    kind: str = "absolute"  # absolute | relative
    calendar: str = "gregorian"  # gregorian | hijri
    range: tuple[str, str] | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_attrs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "precision": self.precision,
                               "kind": self.kind, "calendar": self.calendar}
        if self.range:
            out["range"] = list(self.range)
        out.update(self.attrs)
        return out

    @property
    def first_day(self) -> dt.date | None:
        if self.range:
            return dt.date.fromisoformat(self.range[0])
        return dt.date.fromisoformat(self.value) if self.value and self.precision == "day" else None

    @property
    def last_day(self) -> dt.date | None:
        if self.range:
            return dt.date.fromisoformat(self.range[1])
        return self.first_day


def day(d: dt.date, **kw: Any) -> DateValue:
    return DateValue(d.isoformat(), "day", **kw)


def month(year: int, mon: int, **kw: Any) -> DateValue:
    last = calendar.monthrange(year, mon)[1]
    rng = (dt.date(year, mon, 1).isoformat(), dt.date(year, mon, last).isoformat())
    return DateValue(f"{year:04d}-{mon:02d}", "month", range=rng, **kw)


def year(y: int, **kw: Any) -> DateValue:
    return DateValue(f"{y:04d}", "year", range=(f"{y:04d}-01-01", f"{y:04d}-12-31"), **kw)


def week(d: dt.date, **kw: Any) -> DateValue:
    """The ISO week (Monday to Sunday) holding ``d``; the value is its first day."""
    first = d - dt.timedelta(days=d.weekday())
    last = first + dt.timedelta(days=6)
    return DateValue(first.isoformat(), "week", range=(first.isoformat(), last.isoformat()), **kw)


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def add_months(d: dt.date, n: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + n
    return total // 12, total % 12 + 1


def weekday_near(base: dt.date, iso_weekday: int, direction: str) -> dt.date:
    """The day named ``iso_weekday`` nearest ``base``.

    ``on_or_before`` / ``on_or_after`` may return ``base`` itself; ``before`` /
    ``after`` never do.
    """
    back = (base.isoweekday() - iso_weekday) % 7
    fwd = (iso_weekday - base.isoweekday()) % 7
    if direction == "on_or_before":
        return base - dt.timedelta(days=back)
    if direction == "before":
        return base - dt.timedelta(days=back or 7)
    if direction == "on_or_after":
        return base + dt.timedelta(days=fwd)
    return base + dt.timedelta(days=fwd or 7)


def hijri_day(y: int, m: int, d: int) -> dt.date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def hijri_month_range(y: int, m: int) -> tuple[dt.date, dt.date] | None:
    first = hijri_day(y, m, 1)
    if first is None:
        return None
    try:
        length = Hijri(y, m, 1).month_length()
    except (ValueError, OverflowError):
        return None
    return first, first + dt.timedelta(days=length - 1)


def hijri_year_range(y: int) -> tuple[dt.date, dt.date] | None:
    first, last = hijri_month_range(y, 1), hijri_month_range(y, 12)
    return (first[0], last[1]) if first and last else None


def hijri_month_in_gregorian_year(m: int, gyear: int) -> int | None:
    """The Hijri year whose month ``m`` begins in Gregorian year ``gyear``."""
    try:
        hy = Gregorian(gyear, 1, 1).to_hijri().year
    except (ValueError, OverflowError):
        return None
    for y in (hy, hy + 1):
        rng = hijri_month_range(y, m)
        if rng and rng[0].year == gyear:
            return y
    return None
