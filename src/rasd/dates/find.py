"""Find every date in a text: run the absolute and relative rules, keep the longest
non-overlapping readings, and map them back to raw offsets.

``parse_text("سمحت الوزارة أمس الجمعة", base=date(2022, 1, 8))`` is the
plain-string entry point (used by the evaluation); the component calls
:func:`find_in_normalized` on each content block of an article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..normalize import normalize
from .absolute import find_absolute
from .context import Candidate, Context
from .relative import find_relative
from .values import DateValue

_MARKS = re.compile(r"[\u0640\u064b-\u0652]+")


def extend_marks(text: str, end: int) -> int:
    """Move a span end over trailing tatweel and diacritics (``1445هـ``), which the
    normalized view dropped."""
    tail = _MARKS.match(text, end)
    return tail.end() if tail else end


@dataclass
class DateMatch:
    """A date at raw offsets ``start:end`` of the text it was found in."""

    start: int
    end: int
    text: str
    date: DateValue
    rule: str


def select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Longest first, then by rule priority; drop whatever overlaps a chosen one."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if all(cand.end <= o.start or cand.start >= o.end for o in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def find_in_normalized(ctx: Context) -> list[Candidate]:
    return select([*find_absolute(ctx), *find_relative(ctx)])


def anchor_name(base: dt.date | None, source: str = "published") -> str | None:
    return f"{source}:{base.isoformat()}" if base else None


def parse_text(text: str, base: dt.date | None = None, *, war_start: dt.date | None = None,
               anchor: str | None = None) -> list[DateMatch]:
    """The dates in a plain string, relative ones resolved against ``base``."""
    view = normalize(text)
    ctx = Context(view.text, base, anchor or anchor_name(base, "base"), war_start, doc=view.text)
    out = []
    for cand in find_in_normalized(ctx):
        start, end = view.raw_span(cand.start, cand.end)
        end = extend_marks(text, end)
        out.append(DateMatch(start, end, text[start:end], cand.date, cand.rule))
    return out
