"""The ``ar.dates.v1`` component: publication date first, then every date in the content.

``find`` decides the publication date (:mod:`rasd.dates.published`), reads the
dates of each content block against it and collects the consistency flags;
``annotate`` writes the ``dates`` layer, the publication date and its source
(when the input did not give one), the reasoning in
``meta.extra["published_reasoning"]``, and ``date_inconsistent`` flags.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .. import layers as L
from ..model import Article, Span
from ..settings import Settings
from .absolute import find_absolute
from .context import Candidate, Context
from .find import extend_marks, find_in_normalized
from .lexicon import pieces, words
from .published import Clue, Decision, candidates, decide, weekday_clues

NAME = "ar.dates.v1"
READS = (L.BLOCKS, L.DATELINES, L.SENTENCES)
WRITES = (L.DATES,)
FLAG = "date_inconsistent"
#: Blocks searched for a dateline or "published on" line (from the top of the article).
DATELINE_BLOCKS = 6


@dataclass
class Found:
    spans: list[Span] = field(default_factory=list)
    decision: Decision = field(default_factory=lambda: Decision(None, None))
    flags: list[str] = field(default_factory=list)


def _block_range(article: Article, block: Span) -> tuple[int, int]:
    """Normalized offsets of a block's text (a caption stops before its credit)."""
    end = block.attrs.get("text_end", block.end)
    view = article.normalized
    return view.norm_offset(block.start), view.norm_offset(end)


def _raw(article: Article, ns: int, cand: Candidate) -> tuple[int, int]:
    start, end = article.normalized.raw_span(ns + cand.start, ns + cand.end)
    return start, extend_marks(article.text, end)


def _clues(article: Article) -> list[Clue]:
    view, clues = article.normalized, []
    for block in article.content_blocks():
        ns, ne = _block_range(article, block)
        clues += weekday_clues(view.text[ns:ne], lambda s, e, o=ns: view.raw_span(o + s, o + e),
                               article.text)
    return clues


def dateline_date(article: Article) -> dt.date | None:
    """A full date written where a dateline or a "published on" cue puts it."""
    view = article.normalized
    cue = re.compile(r"(?:" + pieces()["PUBCUE"] + r")\s*(?:في|بتاريخ|يوم)?\s*[:：-]?\s*$")
    ends = {view.norm_offset(d.end) for d in article.layer("datelines")}
    blocks = [b for b in article.blocks if b.label not in ("boilerplate", "duplicate", "header_date")]
    for block in blocks[:DATELINE_BLOCKS]:
        ns, ne = _block_range(article, block)
        ctx = Context(view.text[ns:ne])
        for cand in find_absolute(ctx):
            if cand.date.precision != "day" or not cand.date.value:
                continue
            before = ctx.norm[max(0, cand.start - 30):cand.start]
            near_place = any(0 <= ns + cand.start - e <= 4 for e in ends)
            if near_place or cue.search(before):
                return dt.date.fromisoformat(cand.date.value)
    return None


def _decide(article: Article) -> Decision:
    meta = article.meta
    stamp = meta.extra.get("html_published")
    html = stamp.get("date") if isinstance(stamp, dict) else None
    html = html or meta.extra.get("html_date")
    found = candidates((meta.published, meta.published_source), html, dateline_date(article),
                       meta.page_date)
    return decide(found, _clues(article))


#: A verb with the future prefix (``ستختتم``, ``سيعقد``) or a deadline word before the date;
#: used only to keep the after-publication check quiet, never to resolve a date.
_FUTURE_VERB = re.compile(r"(?<!\w)[وف]?س[يتن](?!ياس|يار|يطر|يد|يناء|ينار|يول|يره|ته|تين|نه|نوات|نوي|نين)"
                          r"\w{3,}")
_DEADLINE = re.compile(r"(?:قبل|حتى|بحلول|موعد|موعدا|يجب|اعتبارا\s+من)\s+(?:يوم\s+)?$")


def _announced(article: Article, span: Span, future: bool) -> bool:
    """Whether a date after publication is announced rather than reported."""
    a = span.attrs
    if future or a.get("kind") != "absolute" or a.get("modifier", "") not in words().past | {""}:
        return True  # a future clause, a relative date, or "next"/"this" month (المقبل، الجاري)
    view = article.normalized
    ns = view.norm_offset(span.start)
    before = view.text[max(0, ns - 120):ns]
    clause = re.split(r"[.!?؟،,؛]", before)[-1]
    return bool(_FUTURE_VERB.search(clause) or _DEADLINE.search(before))


def _checks(article: Article, spans: list[Span], base: dt.date | None,
            future: dict[int, bool]) -> list[str]:
    """Weekdays that do not fit their date; dates after publication that are not announced."""
    out = []
    for span in spans:
        a, text = span.attrs, article.text[span.start:span.end]
        if a.get("kind") == "absolute" and a.get("weekday_ok") is False:
            out.append(f"{text!r}: the weekday named does not fall on {a['value']}")
        if base is None or a.get("precision") != "day" or not a.get("value"):
            continue
        late = dt.date.fromisoformat(a["value"]) > base + dt.timedelta(days=1)
        if late and not _announced(article, span, future[span.start]):
            out.append(f"{text!r} ({a['value']}) is after the publication date {base.isoformat()}")
    return out


def find(article: Article, settings: Settings) -> Found:
    decision = _decide(article)
    base = decision.published
    anchor = f"published:{base.isoformat()}" if base else None
    view, spans, future = article.normalized, [], {}
    for block in article.content_blocks():
        ns, ne = _block_range(article, block)
        ctx = Context(view.text[ns:ne], base, anchor, doc=view.text)
        for cand in find_in_normalized(ctx):
            start, end = _raw(article, ns, cand)
            future[start] = ctx.future(cand.start, cand.end)
            attrs = cand.date.to_attrs()
            attrs["rule"] = cand.rule
            spans.append(Span(start, end, "date", NAME, attrs))
    return Found(spans, decision, decision.flags + _checks(article, spans, base, future))


def annotate(article: Article, found: Found) -> None:
    article.layers["dates"] = found.spans
    decision, meta = found.decision, article.meta
    if decision.published and meta.published is None:
        meta.published, meta.published_source = decision.published.isoformat(), decision.source
    meta.extra["published_reasoning"] = decision.to_extra()
    for message in found.flags:
        article.flag(FLAG, message, NAME)
