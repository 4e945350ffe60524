"""What a date rule may look at: the normalized text, the base date, the clause around a match."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import words
from .values import DateValue

_CLAUSE_END = re.compile(r"[.!?؟…\n]")
_SUBCLAUSE = re.compile(r"[،,؛;:]")


@lru_cache(maxsize=1)
def _future_pattern() -> re.Pattern[str]:
    cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in words().future_cues)
    return re.compile(rf"(?<!\w)[وف]?(?:{cues})(?!\w)")


@dataclass
class Candidate:
    """A date found at normalized offsets ``start:end`` of the searched string."""

    start: int
    end: int
    date: DateValue
    rule: str
    priority: int = 0  # lower wins between equally long overlapping candidates


@dataclass
class Context:
    """The normalized text being searched and what relative dates resolve against.

    ``base`` is the publication date (or another anchor); ``anchor`` names it
    (``published:2022-01-08``). ``war_start`` anchors "day N of the war"; when
    it is None the war is looked up in ``data/dates.json`` by the words around.
    """

    norm: str
    base: dt.date | None = None
    anchor: str | None = None
    war_start: dt.date | None = None
    doc: str = ""  # the whole article (normalized), where a war's name is looked for
    _futures: dict[int, bool] = field(default_factory=dict)

    def clause_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of the sentence around ``start:end`` (bounded to 400 characters each side)."""
        lo = max(0, start - 400)
        head = self.norm[lo:start]
        cut = [m.end() for m in _CLAUSE_END.finditer(head)]
        s = lo + cut[-1] if cut else lo
        m = _CLAUSE_END.search(self.norm, end, min(len(self.norm), end + 400))
        return s, (m.start() if m else min(len(self.norm), end + 400))

    def clause(self, start: int, end: int) -> str:
        """The sentence around ``start:end``."""
        s, e = self.clause_bounds(start, end)
        return self.norm[s:e]

    def subclause(self, start: int, end: int) -> str:
        """The comma-delimited part of the sentence holding ``start:end``; when that part
        is little more than the date itself (``، الأحد،``), the part before it too."""
        s0, e0 = self.clause_bounds(start, end)
        sentence = self.norm[s0:e0]
        rel_s, rel_e = start - s0, end - s0
        cuts = [0] + [m.end() for m in _SUBCLAUSE.finditer(sentence)] + [len(sentence) + 1]
        i = max(k for k, c in enumerate(cuts[:-1]) if c <= rel_s)
        j = min(k for k, c in enumerate(cuts) if c > rel_e)
        lo = cuts[i - 1] if i > 0 and (cuts[j] - cuts[i]) - (rel_e - rel_s) < 20 else cuts[i]
        return sentence[lo:cuts[j]]

    def future(self, start: int, end: int) -> bool:
        """Whether the sentence speaks of the future (``سوف``, ``من المقرر``, ``غدا``...)."""
        if start not in self._futures:
            text = self.subclause(start, end)
            self._futures[start] = _future_pattern().search(text) is not None
        return self._futures[start]

    def relative(self, **attrs: object) -> dict[str, object]:
        out: dict[str, object] = {"anchor": self.anchor}
        out.update(attrs)
        return out


def infer_year(ctx: Context, start: int, end: int, month: int, day: int = 1) -> int | None:
    """The year of a day or month written without one: the nearest occurrence around
    the base date, in the past unless the sentence speaks of the future."""
    if ctx.base is None:
        return None
    base = ctx.base
    if ctx.future(start, end):
        return base.year if (month, day) >= (base.month, base.day) else base.year + 1
    # A month up to one ahead of publication is read in the same year (schedules).
    return base.year if month <= base.month + 1 else base.year - 1


def active_war(ctx: Context) -> tuple[dt.date, str] | None:
    """The war "day N" counts from: configured, or the one in ``data/dates.json`` whose
    period holds the base date and whose words occur in the article."""
    if ctx.war_start is not None:
        return ctx.war_start, "war:configured"
    if ctx.base is None:
        return None
    window = ctx.doc or ctx.norm
    for war_id, start, until, terms in words().wars:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(until)
        if first <= ctx.base <= last and any(t in window for t in terms):
            return first, f"war:{war_id}"
    return None


def nearest_month_year(ctx: Context, start: int, end: int, month: int) -> int | None:
    """The year of a month named alone (``في سبتمبر``): the occurrence nearest the base
    date; between two equally near, the past one unless the sentence speaks of the future."""
    if ctx.base is None:
        return None
    here = ctx.base.year * 12 + ctx.base.month
    future = ctx.future(start, end)
    options = [(abs(y * 12 + month - here), (y * 12 + month < here) == future, y)
               for y in (ctx.base.year - 1, ctx.base.year, ctx.base.year + 1)]
    return min(options)[2]
