"""One :class:`~.model.EventRecord` from a group of merged mentions.

``evidence`` maps every field to the raw offsets of the sentence it was read from;
``mentions`` lists every sentence that reports the event. Counts, places, dates and
actors also point to the spans of their own layers (see :mod:`.model`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .. import layers as L
from ..lexicon import load
from ..model import Article
from .counts import FIELDS, figure_record, totals, unique_figures
from .detect import SCREEN_FLAGS
from .model import EventRecord, Plover, Source, Trigger
from .parties import actor, interaction, target
from .triggers import kinds
from .where import after_publication, best_place, event_date, location

if TYPE_CHECKING:
    from .assemble import EventMention

_SUB_RANK = {"Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2}
_ARMED_TYPES = frozenset({"state forces", "rebels", "political militia", "identity militia",
                          "external forces"})
_REALIS_RANK = {"actual": 0, "reported-as-claim": 1, "historical": 2, "future": 3, "hypothetical": 4,
                "negated": 5}
_CONTEXT = {"future": "future", "hypothetical": "hypothetical", "negated": "negation",
            "historical": "historical"}


@cache
def _types() -> dict[str, Any]:
    return load("events_types")


class _Evidence(dict[str, list[int]]):
    def add(self, fieldname: str, em: EventMention | None) -> None:
        if em is not None:
            self.setdefault(fieldname, list(em.sentence))


def build_record(article: Article, group: list[EventMention], country: str | None, n: int) -> EventRecord:
    """The record of one event (``n``: its number in the article, for ``id`` ``e<n>``); the
    most specific mention gives the type (``قصف`` over ``مقتل``), its first the trigger."""
    from .assemble import specificity

    head = min(group, key=specificity)
    spec = head.cand.spec
    evidence = _Evidence()
    evidence.add("event_type", head)
    sub_em = max(group, key=lambda g: _SUB_RANK.get(g.cand.sub_event_type or "", 0))
    event_type, sub = spec.event_type, sub_em.cand.sub_event_type
    evidence.add("sub_event_type", sub_em)
    evidence.add("plover", head)
    place_em = best_place(group)
    where = location(place_em.place if place_em else None, country, group)
    evidence.add("location", place_em)
    event_country = where.country or country
    a1_em, actor1 = actor(group, 1, event_country, head.cand.kind)
    a2_em, actor2 = actor(group, 2, event_country, head.cand.kind, head)
    if actor1 and actor2 and actor1.name == actor2.name and not actor2.assoc:
        a2_em, actor2 = None, None  # one side named twice is not two sides
    evidence.add("actor1", a1_em)
    evidence.add("actor2", a2_em)
    date_em, date = event_date(group, article)
    evidence.add("date", date_em)
    figures = [f for g in group for f in g.figures]
    counts = totals(figures)
    for kind, (_count, fig) in counts.items():
        if fig.sentence:
            evidence.setdefault(FIELDS[kind], list(fig.sentence))
    realis = min((g.cand.realis for g in group), key=lambda r: _REALIS_RANK[r])
    evidence.add("realis", next(g for g in group if g.cand.realis == realis))
    source, source_span = _source(article)
    if source_span:
        evidence["source"] = source_span
    disorder = _types()["disorder_overrides"].get(sub) or (
        _types()["acled"][event_type]["disorder_type"] if event_type else None)
    armed_target = actor2 is not None and actor2.type in _ARMED_TYPES
    if event_type == "Violence against civilians" and sub == "Attack" and armed_target:
        # ACLED: an attack on an armed actor is a battle, not violence against civilians
        event_type, sub, disorder = "Battles", "Armed clash", "Political violence"
    record = EventRecord(
        id=f"e{n}", event_type=event_type, sub_event_type=sub, disorder_type=disorder,
        rasd_type=spec.rasd_type,
        plover=Plover(spec.plover, _mode(group, head), sorted({c for g in group for c in _contexts(g)}),
                      _types()["plover_quad"].get(spec.plover)),
        actor1=actor1, actor2=actor2, interaction=interaction(actor1, actor2),
        civilian_targeting="Civilian targeting" if actor2 and actor2.type == "civilians" and event_type in (
            "Violence against civilians", "Explosions/Remote violence") else "",
        location=where, date=date,
        fatalities=counts["killed"][0] if "killed" in counts else None,
        injured=counts["injured"][0] if "injured" in counts else None,
        arrested=counts["arrested"][0] if "arrested" in counts else None,
        casualties=[figure_record(f) for f in unique_figures(figures)],
        realis=realis, confidence=_confidence(group), tags=sorted({t for g in group for t in g.cand.tags}),
        source=source, trigger=_trigger(head), evidence=dict(evidence), mentions=_mention_spans(group),
        notes=_notes(article, group),
    )
    _extras(article, group, record, event_country, evidence)
    record.evidence = dict(evidence)
    record.flags = _flags(group, date.basis)
    published = (article.meta.published or "")[:10] or None
    if any(g.date and after_publication(g.date.value, published) for g in group):
        record.flags = sorted({*record.flags, "date_after_published"})
    return record


def _flags(group: list[EventMention], date_basis: str) -> list[str]:
    """The record's doubts: the rules' screening flags every mention has (``bare``,
    ``named_only``, ``no_force``: see :mod:`.detect`), and ``date_unread`` when the date
    is only the publication date although a mention holds a date-like word the dates
    layer did not read."""
    common = set.intersection(*(g.cand.flags & SCREEN_FLAGS for g in group))
    if date_basis != "text" and any(g.unread_date for g in group):
        common.add("date_unread")
    return sorted(common)


def _extras(article: Article, group: list[EventMention], record: EventRecord, country: str | None,
            evidence: _Evidence) -> None:
    """The fields only some events have: a protest's target, an embassy departure's
    kind, a motive."""
    target_em, record.target = target(group, country)
    evidence.add("target", target_em)
    if record.rasd_type == "embassy_departure":
        record.departure = next((g.cand.departure for g in group if g.cand.departure), None)
        if record.departure == "expelled":
            record.plover.mode = "expel"
    motive_em = next((g for g in group if g.cand.motive), None)
    if motive_em and motive_em.cand.motive:
        s, e = motive_em.view.raw_span(*motive_em.cand.motive)
        record.motive = {"text": article.text[s:e], "start": s, "end": e}
        evidence.add("motive", motive_em)


def _notes(article: Article, group: list[EventMention]) -> str:
    """ACLED's notes: the first three sentences that report the event."""
    return " ".join(article.text[s:e].strip() for s, e in (g.sentence for g in _unique_sentences(group)[:3]))


def _confidence(group: list[EventMention]) -> float | None:
    """The trained check's highest sentence score (PROTEST / ASSAULT events only)."""
    scores = [g.confidence for g in group if g.confidence is not None]
    return round(max(scores), 3) if scores else None


def _mention_spans(group: list[EventMention]) -> list[list[int]]:
    spans = {tuple(g.sentence) for g in group} | {f.sentence for g in group for f in g.figures if f.sentence}
    return [list(s) for s in sorted(spans)]


def _unique_sentences(group: list[EventMention]) -> list[EventMention]:
    seen, out = set(), []
    for g in group:
        if g.sentence not in seen:
            seen.add(g.sentence)
            out.append(g)
    return out


def _trigger(em: EventMention) -> Trigger:
    s, e = em.view.raw_span(em.cand.trigger.start, em.cand.trigger.end)
    return Trigger(s, e, em.view.raw_text(em.cand.trigger.start, em.cand.trigger.end), em.cand.trigger.term,
                   em.cand.kind)


def _mode(group: list[EventMention], head: EventMention) -> str | None:
    spec = head.cand.spec
    for g in group:
        for t in g.cand.absorbed:
            k = kinds()[t.kind]
            if k.plover == spec.plover and k.mode and spec.mode is None:
                return k.mode
    return spec.mode


def _contexts(em: EventMention) -> list[str]:
    out = [_CONTEXT[em.cand.realis]] if em.cand.realis in _CONTEXT else []
    if em.cand.motive and em.view.has("economic_motive", *em.cand.motive):
        out.append("economic")
    return out


def _source(article: Article) -> tuple[Source, list[int] | None]:
    """The outlet and agencies of the sources line, and the offsets they span."""
    outlets = [s for s in article.layer(L.SOURCES) if s.label == "outlet"]
    agencies = [s for s in article.layer(L.SOURCES) if s.label == "agency"]
    spans = outlets + agencies
    source = Source(outlets[0].attrs.get("name") if outlets else (article.meta.site or None),
                    sorted({str(a.attrs["name"]) for a in agencies if a.attrs.get("name")}), article.meta.url)
    return source, ([min(s.start for s in spans), max(s.end for s in spans)] if spans else None)
