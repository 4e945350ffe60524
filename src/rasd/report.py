"""The readable report of ``rasd analyze`` (the default ``text`` format and ``make demo``).

What an analyst reads first, in this order: the article's headline, dates and sources;
its events as a compact table (date with precision, ACLED type and sub-type, place with
geo precision, actors, killed/injured/arrested, realis when not actual, the evidence
sentence shortened); the casualty figures with who and whose figure; who said what
(speaker in Arabic and English, the first words of the quote); the main people, places
and organisations with their English names; then the cleaned text (``--no-text`` leaves
it out) and the flags.

Arabic is printed as plain text in logical order, with no invisible bidirectional
control characters: a terminal lays each Arabic run out right to left by itself, and
text a person copies from the report is the article's own text. Labels come first on a
line and Arabic last, so mixed lines read correctly. Colour (``rich``) only when the
output is a terminal; piped output is plain.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.text import Text

from . import layers as L
from .errors import Rejection
from .events.model import Count, EventRecord
from .model import Article, Span

_PRECISION = {1: "day", 2: "week", 3: "month or more"}
_MAX_EVIDENCE = 90
_MAX_QUOTE = 70
_TOP_ENTITIES = 8


def console_for(out: TextIO, color: bool | None = None, width: int | None = None) -> Console:
    """A console writing to ``out``: colour when ``out`` is a terminal (or ``color``)."""
    tty = out.isatty() if color is None else color
    return Console(file=out, force_terminal=tty, no_color=not tty, highlight=False, emoji=False,
                   width=width or (None if tty else 132), soft_wrap=False)


def render(article: Article, console: Console, *, text: bool = True) -> None:
    """Write the report of one analysed article."""
    _header(article, console)
    _events(article, console)
    _casualties(article, console)
    _quotes(article, console)
    _entities(article, console)
    if text:
        _clean_text(article, console)
    for f in article.flags:
        console.print(Text(f"FLAG {f.code}: {f.message} ({f.source})", style="yellow"))


def render_rejection(rejection: Rejection, console: Console) -> None:
    console.print(Text(f"== {rejection.source}: REJECTED [{rejection.reason}] {rejection.message}",
                       style="red"))


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _line(console: Console, label: str, value: str) -> None:
    line = Text(f"{label:<11}", style="bold")
    line.append(value)
    console.print(line)


def _header(article: Article, console: Console) -> None:
    meta = article.meta
    console.print(Text(f"== {meta.path or meta.url or 'article'} · {meta.input_kind} · "
                       f"{meta.encoding or '?'} ({meta.encoding_method or '?'}) · language {meta.language}",
                       style="bold cyan"))
    if article.headline:
        _line(console, "Headline", article.headline)
    if meta.published:
        _line(console, "Published", f"{meta.published} (from {meta.published_source})")
    if meta.page_date:
        _line(console, "Page date", f"{meta.page_date} (printed on the page)")
    named = list(dict.fromkeys(f"{s.attrs.get('name')} ({s.label})"
                               for s in article.layer(L.SOURCES) if s.attrs.get("name")))
    if named:
        _line(console, "Sources", " · ".join(named))
    for d in article.layer(L.DATELINES):
        _line(console, "Dateline", article.span_text(d))
    console.print()


def _count(c: Count | None) -> str:
    if c is None or (c.best is None and c.min is None):
        return ""
    low = c.min if c.min is not None else c.best
    if c.max is None and c.min is not None and c.best is not None and c.min > c.best:
        return f">{c.best:,}"
    if c.max is not None and c.max != low:
        return f"{low:,}–{c.max:,}"
    return f"{(c.best if c.best is not None else low):,}"


def _records(article: Article) -> list[EventRecord]:
    from .events.component import event_records

    return event_records(article) if L.EVENTS in article.layers else []


def _events(article: Article, console: Console) -> None:
    records = _records(article)
    if not records:
        return
    actual = [r for r in records if r.realis == "actual"]
    console.print(Text(f"Events: {len(actual)} reported as happening"
                       + (f", {len(records) - len(actual)} not (hypothetical, negated, historical...)"
                          if len(records) > len(actual) else ""), style="bold"))
    for rec in sorted(records, key=lambda r: (r.realis != "actual", _number(r.id))):
        _event_lines(article, rec, console)
    console.print()


def _number(event_id: str) -> int:
    return int(event_id[1:]) if event_id[1:].isdigit() else 0


def _event_lines(article: Article, rec: EventRecord, console: Console) -> None:
    """Three lines per event: when, what, where and how many; who; the evidence words."""
    date = rec.date
    when = f"{date.value or '?'} ({'published, ' if date.basis == 'published' else ''}" \
           f"{_PRECISION.get(date.time_precision, '?')})"
    kind = " / ".join(x for x in (rec.event_type or "Other", rec.sub_event_type) if x)
    if rec.rasd_type:
        kind += f" [{rec.rasd_type.replace('_', ' ')}]"
    dim = rec.realis != "actual"
    head = Text(f"  {rec.id:<4}", style="dim")
    head.append(f"{when:<26} ")
    head.append(kind, style="dim" if dim else "bold")
    if dim:
        head.append(f" ({rec.realis})", style="italic")
    head.append(f" · {rec.location.name or '?'} (geo precision {rec.location.geo_precision})")
    counts = [f"{label} {_count(c)}" for label, c in (("killed", rec.fatalities), ("injured", rec.injured),
                                                    ("arrested", rec.arrested)) if _count(c)]
    if counts:
        head.append(" · " + ", ".join(counts), style="bold red" if not dim else "dim")
    console.print(head)
    actors = " → ".join(a.name for a in (rec.actor1, rec.actor2) if a is not None)
    if actors:
        console.print(Text(f"        {actors}", style="dim" if dim else ""))
    span = rec.evidence.get("event_type") or (rec.mentions[0] if rec.mentions else [0, 0])
    console.print(Text("        ") + Text(_short(article.text[span[0]:span[1]], _MAX_EVIDENCE), style="dim"))


def _casualties(article: Article, console: Console) -> None:
    facts = article.layer(L.CASUALTIES)
    if not facts:
        return
    console.print(Text("Casualty figures", style="bold"))
    for span in facts:
        a = span.attrs
        count = _count(Count(a.get("min"), a.get("best"), a.get("max")))
        line = Text(f"  {span.label:<9} {count or '?':>12}  ")
        extras = []
        if a.get("who"):
            extras.append(f"who: {a['who']}")
        if a.get("subset_of") is not None:
            extras.append("part of a figure above")
        if a.get("cumulative"):
            extras.append("running total")
        if extras:
            line.append(f"[{', '.join(extras)}] ", style="dim")
        if a.get("figure_source"):
            line.append(f"source: {a['figure_source']} · ", style="dim")
        line.append(_short(article.span_text(span), 60))
        console.print(line)
    console.print()


def _quotes(article: Article, console: Console) -> None:
    quotes = [q for q in article.layer(L.QUOTES) if q.label in ("direct", "indirect")]
    if not quotes:
        return
    console.print(Text("Who said what", style="bold"))
    for q in quotes:
        speaker = q.attrs.get("speaker") or "?"
        english = q.attrs.get("name_en")
        line = Text(f"  {q.label:<9} ")
        if english:
            line.append(f"{english}: ", style="bold")
        line.append(f"{speaker} — {_short(article.span_text(q), _MAX_QUOTE)}")
        console.print(line)
    console.print()


def _entities(article: Article, console: Console) -> None:
    spans = [s for s in article.layer(L.ENTITIES) if s.label in ("PERS", "LOC", "ORG")]
    if not spans:
        return
    console.print(Text("People, places, organisations", style="bold"))
    for label in ("PERS", "LOC", "ORG"):
        groups = _entity_groups([s for s in spans if s.label == label], article)
        if not groups:
            continue
        shown = ", ".join(f"{en or ar} ({ar}{f' ×{n}' if n > 1 else ''})" for (ar, en), n in groups)
        line = Text(f"  {label:<5} ", style="bold")
        line.append(shown)
        console.print(line)
    console.print()


def _entity_groups(spans: list[Span], article: Article) -> list[tuple[tuple[str, str | None], int]]:
    """One group per linked record (or per spelling when unlinked): its first spelling in
    the text, its English name, and how many mentions."""
    first: dict[str, tuple[str, str | None]] = {}
    counts: Counter[str] = Counter()
    for s in spans:
        key = str(s.attrs.get("kb_id") or s.attrs.get("cluster") or article.span_text(s))
        first.setdefault(key, (article.span_text(s), s.attrs.get("name_en")))
        counts[key] += 1
    return [(first[k], n) for k, n in counts.most_common(_TOP_ENTITIES)]


def _clean_text(article: Article, console: Console) -> None:
    console.print(Text("Text", style="bold"))
    for block in article.blocks:
        kind = block.label
        if kind in ("boilerplate", "duplicate", "header_date", "sources_label", "byline", "sources"):
            continue
        end = block.attrs.get("text_end", block.end)
        body = article.text[block.start:end].strip()
        if kind == "caption":
            credit = block.attrs.get("credit")
            console.print(Text(f"[caption{', credit: ' + credit['name'] if credit else ''}] ", style="dim")
                          + Text(body))
        elif kind == "subheading":
            console.print(Text("## ", style="bold") + Text(body, style="bold"))
        elif kind == "headline":
            console.print(Text(body, style="bold"))
        else:
            console.print(Text(body))
        console.print()
    skipped = sum(1 for b in article.blocks if b.label in ("boilerplate", "duplicate"))
    console.print(Text(f"{len(article.blocks)} blocks ({skipped} left out as boilerplate or repeats), "
                       f"{len(article.sentences)} sentences, {len(article.tokens)} tokens", style="dim"))
