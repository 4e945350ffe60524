"""Charts drawn on the server as SVG, on a real time axis: a day's place on the axis is its
distance from the first day, so 1971 and 2018 are 47 years apart, not neighbours.

Bars are stacked counts per bin (a day or a week), one CSS class per series (``s-0``,
``s-1``...); an optional line (people killed) has its own scale on the right axis, labelled.
Colours live in style.css; the SVG carries no ``style`` attribute (the Content-Security-Policy
allows none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .render import e

WIDTH, HEIGHT = 960, 250
PAD_L, PAD_R, PAD_T, PAD_B = 48, 76, 14, 30


@dataclass(frozen=True)
class Axis:
    """The time axis: ``start`` to ``end`` inclusive (whole bins), mapped to pixels."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def x(self, day: dt.date) -> float:
        return PAD_L + (day - self.start).days / self.days * (WIDTH - PAD_L - PAD_R)

    def width(self, days: int) -> float:
        return max(days / self.days * (WIDTH - PAD_L - PAD_R) - 0.6, 0.8)


def _ticks(axis: Axis) -> list[tuple[dt.date, str]]:
    """Dates to label: weeks for a month, months for up to two years, else years."""
    span = axis.days
    out: list[tuple[dt.date, str]] = []
    if span <= 45:
        day = axis.start
        while day <= axis.end:
            out.append((day, day.isoformat()))
            day += dt.timedelta(days=7)
        return out
    step = 1 if span <= 370 else 3 if span <= 800 else 12 * max(1, span // (365 * 8))
    year, month = axis.start.year, axis.start.month
    while True:
        day = dt.date(year, month, 1)
        if day > axis.end:
            return out
        if day >= axis.start and (step < 12 or month == 1):
            out.append((day, day.strftime("%b %Y") if step < 12 else str(year)))
        month += step if step < 12 else 12
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        if step >= 12:
            month = 1


def time_chart(bins: list[dict[str, Any]], start: str | None, end: str | None, *, bin_days: int,
               series: tuple[str, ...], unit: str, line: str | None = None, line_label: str = "",
               css: str = "s") -> str:
    """An SVG of stacked bars per bin (``bins``: ``[{date, values: {series: n}, line: n}]``)
    between ``start`` and ``end`` (ISO days), with the optional ``line`` value on its own
    right-hand scale."""
    if not bins or not start or not end:
        return '<p class="empty">Nothing dated to a day in this selection.</p>'
    axis = Axis(dt.date.fromisoformat(start), dt.date.fromisoformat(end) + dt.timedelta(days=bin_days - 1))
    plot_h = HEIGHT - PAD_T - PAD_B
    top = max(sum(b["values"].values()) for b in bins) or 1
    top_line = max((b.get("line") or 0 for b in bins), default=0) or 1
    base = PAD_T + plot_h
    parts = [f'<line class="axis" x1="{PAD_L}" y1="{base}" x2="{WIDTH - PAD_R}" y2="{base}"/>']
    points: list[tuple[dt.date, str]] = []
    for b in bins:
        day = dt.date.fromisoformat(b["date"])
        x, w = axis.x(day), axis.width(bin_days)
        y: float = PAD_T + plot_h
        for i, name in enumerate(series):
            n = b["values"].get(name, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(f'<rect class="bar {css}-{i}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                         f'height="{h:.1f}">'
                         f"<title>{e(b['date'])}: {n:,} {e(name)}</title></rect>")
        if line is not None and b.get("line"):
            cy = PAD_T + plot_h - plot_h * b["line"] / top_line
            points.append((day, f"{x + w / 2:.1f},{cy:.1f}"))
            parts.append(f'<circle class="line-dot" cx="{x + w / 2:.1f}" cy="{cy:.1f}" r="2.5">'
                         f"<title>{e(b['date'])}: {b['line']:,} {e(line_label)}</title></circle>")
    parts += _segments(points, bin_days)
    parts += _axes(axis, top, top_line if line is not None else None, (unit, line_label), plot_h)
    return (f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-label="{e(unit)} on a time axis">{"".join(parts)}</svg>')


def _segments(points: list[tuple[dt.date, str]], bin_days: int) -> list[str]:
    """The line through consecutive bins only: a gap (no one killed, or no event) breaks it, so two
    points years apart are never joined."""
    out, run = [], points[:1]
    for prev, cur in pairwise(points):
        if (cur[0] - prev[0]).days <= bin_days:
            run.append(cur)
            continue
        if len(run) > 1:
            out.append(f'<polyline class="line" points="{" ".join(p for _, p in run)}"/>')
        run = [cur]
    if len(run) > 1:
        out.append(f'<polyline class="line" points="{" ".join(p for _, p in run)}"/>')
    return out


def _axes(axis: Axis, top: int, top_line: int | None, labels: tuple[str, str], plot_h: float) -> list[str]:
    unit, line_label = labels
    out = [f'<text class="tick" x="{PAD_L - 6}" y="{PAD_T + 8}" text-anchor="end">{top:,}</text>',
           f'<text class="tick" x="{PAD_L - 6}" y="{PAD_T + plot_h}" text-anchor="end">0</text>',
           f'<text class="axis-label" x="4" y="{PAD_T + plot_h / 2:.0f}" '
           f'transform="rotate(-90 12 {PAD_T + plot_h / 2:.0f})">{e(unit)}</text>']
    if top_line is not None:
        x = WIDTH - PAD_R + 6
        out += [f'<line class="axis-line" x1="{WIDTH - PAD_R}" y1="{PAD_T}" x2="{WIDTH - PAD_R}" '
                f'y2="{PAD_T + plot_h}"/>',
                f'<text class="tick tick-line" x="{x}" y="{PAD_T + 8}">{top_line:,}</text>',
                f'<text class="tick tick-line" x="{x}" y="{PAD_T + plot_h}">0</text>',
                f'<text class="axis-label tick-line" x="{WIDTH - 4}" y="{PAD_T + plot_h / 2:.0f}" '
                f'transform="rotate(90 {WIDTH - 12} {PAD_T + plot_h / 2:.0f})">{e(line_label)}</text>']
    for day, label in _ticks(axis):
        tx = axis.x(day)
        out.append(f'<line class="tick-mark" x1="{tx:.1f}" y1="{PAD_T + plot_h}" x2="{tx:.1f}" '
                   f'y2="{PAD_T + plot_h + 4}"/><text class="tick" x="{tx:.1f}" y="{HEIGHT - 10}" '
                   f'text-anchor="middle">{e(label)}</text>')
    return out


def legend(series: tuple[str, ...], line_label: str = "") -> str:
    """The chart's key (HTML), colours by the same classes as the bars."""
    items = "".join(f'<span class="key"><span class="swatch s-{i}"></span>{e(name)}</span>'
                    for i, name in enumerate(series))
    if line_label:
        items += f'<span class="key"><span class="swatch line-key"></span>{e(line_label)} (right axis)</span>'
    return f'<p class="chart-key">{items}</p>'
