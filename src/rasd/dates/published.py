"""When was the article published? Sources in order of trust, and the checks that
catch a wrong one.

1. Explicit metadata: ``--published``, the input's own field (JSON, RSS,
   TREC ``TIME``, ``WARC-Date``); ``published_source`` is kept as it was.
2. The HTML page's metadata (``html-meta``): a ``datePublished`` or
   ``article:published_time`` written with the publisher's own UTC offset
   gives the publisher's calendar day; otherwise the date trafilatura read.
3. A dateline in the text (``dateline``): a full date right after a
   dateline place or a publishing cue (``تم نشره``, ``نشر في``...).
4. The page header date (``header``), e.g. ``الأربعاء 24 أبريل 2024``.

Relative weekday words are clues: ``أمس الجمعة`` says the publication day is
a Saturday, ``اليوم الثلاثاء`` a Tuesday. A source that contradicts them is
flagged ``date_inconsistent``; a header date that contradicts them is not used
(it is most likely the day the page was viewed), and the weekday the clues
require is recorded instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import B, E, lookup, pieces, words

EXPLICIT_SOURCES = frozenset({"option", "input", "jsonl", "trec", "feed", "warc", "rss"})
WEEKDAY_EN = {i + 1: calendar.day_name[i] for i in range(7)}


@dataclass(frozen=True)
class Clue:
    """A relative day word with a weekday: the publication date must fall on ``weekday``."""

    start: int  # raw offsets
    end: int
    text: str
    weekday: int  # ISO weekday the publication day must have


@dataclass
class Decision:
    published: dt.date | None
    source: str | None
    candidates: list[tuple[str, str]] = field(default_factory=list)  # (source, iso date)
    required_weekday: int | None = None
    flags: list[str] = field(default_factory=list)
    header_role: str | None = None  # "published" | "viewing" | None

    def to_extra(self) -> dict[str, object]:
        out: dict[str, object] = {"candidates": [{"source": s, "date": d} for s, d in self.candidates]}
        if self.required_weekday is not None:
            out["required_weekday"] = WEEKDAY_EN[self.required_weekday]
        if self.header_role:
            out["header_role"] = self.header_role
        return out


@lru_cache(maxsize=1)
def _clue_pattern() -> re.Pattern[str]:
    p = pieces()
    return re.compile(B + r"(?:[وفبل])?(?P<x>(?:(?:" + p["PART"] + r")\s+|يوم\s+)?(?P<dw>" + p["DAYWORD"]
                      + r")\s*[،,]?\s*(?:يوم\s+)?(?P<wd>" + p["WD"] + r"))" + E)


def weekday_clues(norm: str, raw_span: object, raw_text: str) -> list[Clue]:
    """``أمس الجمعة``-style clues in a normalized text (``raw_span`` maps offsets back)."""
    clues = []
    for m in _clue_pattern().finditer(norm):
        offset = lookup(words().day_words, m.group("dw"))
        named = lookup(words().weekdays, m.group("wd"))
        start, end = raw_span(m.start("x"), m.end("x"))  # type: ignore[operator]
        clues.append(Clue(start, end, raw_text[start:end], (named - offset - 1) % 7 + 1))
    return clues


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def candidates(explicit: tuple[str | None, str | None], html_meta: str | None,
               dateline: dt.date | None, header: str | None) -> list[tuple[str, dt.date]]:
    """The publication-date sources present, most trusted first."""
    out: list[tuple[str, dt.date]] = []
    value, source = explicit
    date = _parse_iso(value)
    if date and (source in EXPLICIT_SOURCES or source not in {"html-meta", "dateline", "header", None}):
        out.append((source or "input", date))
    if (date := _parse_iso(html_meta)) is not None:
        out.append(("html-meta", date))
    if dateline is not None:
        out.append(("dateline", dateline))
    if (date := _parse_iso(header)) is not None:
        out.append(("header", date))
    return out


def decide(found: list[tuple[str, dt.date]], clues: list[Clue]) -> Decision:
    """Pick the most trusted source and check every source against the clues."""
    need = Counter(c.weekday for c in clues).most_common(1)[0][0] if clues else None
    decision = Decision(None, None, [(s, d.isoformat()) for s, d in found], need)
    for source, date in found:
        clash = need is not None and date.isoweekday() != need
        if need is not None and clash:
            said = ", ".join(sorted({c.text for c in clues if c.weekday == need}))
            decision.flags.append(
                f"{source} date {date.isoformat()} is a {WEEKDAY_EN[date.isoweekday()]}, but the text "
                f"says {said}: the publication day must be a {WEEKDAY_EN[need]}"
                + (" (the header looks like the viewing date)" if source == "header" else ""))
        if source == "header":
            decision.header_role = "viewing" if clash else "published" if decision.source is None else None
        if decision.source is None and not (clash and source == "header"):
            decision.published, decision.source = date, source
    return decision
