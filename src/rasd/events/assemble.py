"""Per-article assembly: sentence candidates become event mentions with actors,
place, date and figures, and mentions of the same event merge into one record.

Merging follows ACLED's aggregation rule (same type, actors, day and place),
read leniently inside one article: an unknown field, or a country that
contains the other mention's town, does not keep two mentions apart. Negated,
hypothetical and future mentions never merge with actual ones.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .. import layers as L
from ..model import Article, Span
from .actors import Mention, find_mentions
from .classify import families, family, features, score
from .detect import CROWD, VIOLENCE, Candidate, clause_unit, context_background, detect
from .figures import Figure, from_layer
from .model import EventRecord
from .places import DateMention, Place, find_dates, find_places
from .records import build_record
from .roles import assign, protest_target
from .text import SentenceView

_SPECIFIC = {"city": 0, "place": 1, "admin1": 2, "region": 3, "country": 4}
_FIGURE_KINDS = {
    "killed": set(VIOLENCE) | set(CROWD) | {"casualty", "shoot_to_kill_order"},
    "injured": set(VIOLENCE) | set(CROWD) | {"casualty"},
    "arrested": {"arrest"} | set(CROWD),
}
_CONTINUE_WINDOW = 3  # sentences a figure-only sentence may look back for its event
#: A toll of this many killed or more is read as a running total unless its clause dates
#: it to a day: no single event of the ACLED kinds kills ten thousand people in a day
#: as news reports it, while wars, genocides and decades of conflict do (issue 11).
HUGE_TOLL = 10_000


@dataclass
class EventMention:
    cand: Candidate
    view: SentenceView
    index: int  # sentence index
    actor1: Mention | None
    actor2: Mention | None
    place: Place | None
    date: DateMention | None
    figures: list[Figure] = field(default_factory=list)
    spread: list[Place] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    confidence: float | None = None
    target: Mention | None = None  # what a protest is against (PLOVER recipient)
    family: str = "OTHER"  # the trained check's family (rasd.events.classify)
    unread_date: bool = False  # a date-like word in its segment that the dates layer did not read

    @property
    def sentence(self) -> tuple[int, int]:
        return self.view.start, self.view.end


@dataclass
class SentenceInfo:
    view: SentenceView
    places: list[Place]
    mentions: list[Mention]
    dates: list[DateMention]
    figures: list[Figure]
    candidates: list[Candidate]
    quotes: int = 0  # spans of the quotes layer inside the sentence


class _LayerIndex:
    """A layer's spans sorted by start, looked up by offset range (no scan of the article)."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]

    def within(self, start: int, end: int) -> list[Span]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.spans) and self.spans[i].start < end:
            if self.spans[i].end <= end:
                out.append(self.spans[i])
            i += 1
        return out


def analyse_sentences(article: Article) -> list[SentenceInfo]:
    """Per sentence: its view (tokens, normalized text, term matches) and what the
    entities, dates and casualties layers hold inside it."""
    entities = _LayerIndex(article.layer(L.ENTITIES))
    dates = _LayerIndex(article.layer(L.DATES))
    casualties = _LayerIndex(article.layer(L.CASUALTIES))
    quotes = _LayerIndex(article.layer(L.QUOTES))
    token_starts = [t.start for t in article.tokens]
    out = []
    for sent in article.sentences:
        first, last = bisect_left(token_starts, sent.start), bisect_left(token_starts, sent.end)
        view = SentenceView.of_article(article.normalized, sent.start, sent.end, article.text,
                                       tuple(article.tokens[first:last]))
        ents = entities.within(sent.start, sent.end)
        places = find_places(view, ents)
        mentions = find_mentions(view, places, ents)
        found = find_dates(view, dates.within(sent.start, sent.end))
        figures = from_layer(casualties.within(sent.start, sent.end), view.norm_pos)
        _mark_running_totals(view, figures, found)
        out.append(SentenceInfo(view, places, mentions, found, figures, detect(view, figures),
                                len(quotes.within(sent.start, sent.end))))
    return out


def _mark_running_totals(view: SentenceView, figures: list[Figure], dates: list[DateMention]) -> None:
    """A figure is a running total when its clause (or its incident before it) cites the
    past or adds up a span of time, or when it counts ``HUGE_TOLL`` killed or more with no
    day named in its clause."""
    for f in figures:
        f.sentence = (view.start, view.end)
        clause = view.clauses[view.clause_of(f.start)]
        huge = f.kind == "killed" and max(f.min or 0, f.best or 0, f.max or 0) >= HUGE_TOLL
        f.running_total = (context_background(view, clause, view.segment_of(f.start), f.start) is not None
                           or (huge and not _dated_to_day(dates, clause)))


def main_country(infos: list[SentenceInfo]) -> str | None:
    counts: Counter[str] = Counter()
    for info in infos:
        for p in info.places:
            if p.country:
                counts[p.country] += 1
    return counts.most_common(1)[0][0] if counts else None


def event_mentions(
    infos: list[SentenceInfo], country: str | None, published: str | None = None
) -> list[EventMention]:
    out: list[EventMention] = []
    for i, info in enumerate(infos):
        own: list[EventMention] = []
        for cand in info.candidates:
            if cand.realis == "actual" and _earlier_year(info, cand, published):
                cand.realis = "historical"
        scores = sentence_scores(info)
        for cand in info.candidates:
            if cand.kind == "casualty" and _recent(out, i):
                continue
            area = cand.segment if cand.kind in VIOLENCE or cand.kind == "casualty" else cand.clause
            victims = tuple(f.who_text for f in info.figures if f.who_text
                            and f.kind in ("killed", "injured") and area[0] <= f.start < area[1])
            a1, a2 = assign(info.view, cand.kind, (cand.trigger.start, cand.trigger.end), info.mentions, area,
                            victims=victims, nouns=tuple((t.start, t.end) for t in cand.absorbed))
            place = _place(info, cand, (a1, a2))
            em = EventMention(cand, info.view, i, a1, a2, place, _date(info, cand), mentions=info.mentions)
            em.spread = _spread(info, cand)
            em.family = family(cand)
            got = [s for f in _families(info, cand) if (s := scores.get(f)) is not None]
            em.confidence = max(got) if got else None
            em.unread_date = _unread_date(info, cand)
            if cand.kind in CROWD:
                em.target = protest_target(info.view, cand.clause, info.mentions)
            own.append(em)
        _attach_figures(info, own, out, i)
        out += own
    return out


def _earlier_year(info: SentenceInfo, cand: Candidate, published: str | None) -> bool:
    """The trigger's clause dates it to a year before publication (``عام 2012``,
    ``العام الماضي``), or the date the event takes does (a timeline entry, ``17 يوليو 2014:
    مقتل 298 شخصا``), and nothing more recent does: a historical event, not news."""
    if not published or not published[:4].isdigit():
        return False
    cs, ce = cand.clause
    dated = [d for d in info.dates if cs <= d.start < ce]
    own = _date(info, cand)
    years = [int(d.value[:4]) for d in [*dated, *([own] if own else [])] if d.value and d.value[:4].isdigit()]
    return bool(years) and max(years) < int(published[:4])


def _recent(previous: list[EventMention], index: int) -> EventMention | None:
    for em in reversed(previous):
        if index - em.index > _CONTINUE_WINDOW:
            return None
        if em.cand.kind in VIOLENCE or em.cand.kind in CROWD:
            return em
    return None


def _place(
    info: SentenceInfo, cand: Candidate, actors: tuple[Mention | None, Mention | None]
) -> Place | None:
    used = [a for a in actors if a is not None and a.extra.get("place")]
    places = [p for p in info.places if not any(a.start <= p.start < a.end for a in used)]
    cs, ce = _area(info, cand)
    inside = [p for p in places if cs <= p.start < ce]
    pool = inside or [p for p in places if p.end <= cand.trigger.start] or places
    if not pool:
        return None
    t = cand.trigger.start
    return min(pool, key=lambda p: (_SPECIFIC.get(p.kind, 1), abs(p.start - t)))


def _area(info: SentenceInfo, cand: Candidate) -> tuple[int, int]:
    """Where a candidate's place and date are read: a violent incident's whole segment (commas
    do not cut it: ``قتل مسلحون ثلاثة أشخاص، مساء أمس الخميس، في هجوم``), another event's
    clause with the phrases that qualify it (a protest that began on Sunday and turned into
    a riot later: the riot is not dated Sunday)."""
    if cand.kind in VIOLENCE or cand.kind == "casualty":
        return cand.segment
    return clause_unit(info.view, cand.clause)


def _date(info: SentenceInfo, cand: Candidate) -> DateMention | None:
    cs, ce = _area(info, cand)
    inside = [
        d for d in info.dates if cs <= d.start < ce and d.value and d.precision in ("day", "week", "month")
    ]
    return min(inside, key=lambda d: abs(d.start - cand.trigger.start)) if inside else None


def _dated_to_day(dates: list[DateMention], clause: tuple[int, int]) -> bool:
    return any(clause[0] <= d.start < clause[1] and d.precision == "day" for d in dates)


def _unread_date(info: SentenceInfo, cand: Candidate) -> bool:
    """A date-like word (a weekday, a month, ``أمس``: lexicon ``cue:date_cue``) in the
    candidate's segment that no span of the dates layer covers."""
    cs, ce = cand.segment
    return any(not any(d.start <= m.start < d.end for d in info.dates)
               for m in info.view.find("cue:date_cue", cs, ce))


def _spread(info: SentenceInfo, cand: Candidate) -> list[Place]:
    """``ثم امتدت إلى مدن أخرى وخصوصا إلى ألماتي``: places of a following clause
    that says the event spread, when that clause has no trigger of its own."""
    if cand.kind not in CROWD:
        return []
    clauses = info.view.clauses
    idx = clauses.index(cand.clause) if cand.clause in clauses else -1
    out = []
    for cs, ce in clauses[idx + 1 : idx + 3]:
        if not info.view.has("spread_verb", cs, ce):
            continue
        out += [p for p in info.places if cs <= p.start < ce and p.kind != "region"]
    return out


def _attach_figures(
    info: SentenceInfo, own: list[EventMention], previous: list[EventMention], index: int
) -> None:
    for fig in info.figures:
        fits = [em for em in own if em.cand.kind in _FIGURE_KINDS[fig.kind]]
        target: EventMention | None
        if fits:
            before = [em for em in fits if em.cand.trigger.start <= fig.start]
            target = before[-1] if before else fits[0]
        else:
            if fig.running_total:
                continue  # a running total is no event's count, and adds to no earlier event
            target = (
                _recent(previous, index) if not own or all(e.cand.kind == "casualty" for e in own) else None
            )
            if target is None and own:
                target = own[0] if own[0].cand.kind == "casualty" else None
        if target is None or target.cand.kind not in _FIGURE_KINDS[fig.kind] | {"casualty"}:
            continue
        target.figures.append(fig)


# ---------------------------------------------------------------------------
# Merging
def _merge_key(em: EventMention) -> tuple[Any, ...]:
    spec = em.cand.spec
    group = "open" if em.cand.realis in ("actual", "reported-as-claim") else em.cand.realis
    if em.family == "ASSAULT":
        return ("ASSAULT", group)  # kinds are checked by _compatible_kind
    return (spec.event_type, spec.rasd_type, group)


#: Violent kinds that name no means of violence: a mention of one is the same incident as a
#: more specific mention (``مقتل 4 مدنيين`` in the headline, ``قصف`` in the body).
GENERIC_VIOLENCE = frozenset({"kill", "attack", "casualty", "gunfire"})


def _compatible_kind(group: list[EventMention], em: EventMention) -> bool:
    """Violent mentions merge when they are of one ACLED type or one of them is generic."""
    if em.family != "ASSAULT":
        return True
    specific = {g.cand.spec.event_type for g in group if g.cand.kind not in GENERIC_VIOLENCE}
    if em.cand.kind in GENERIC_VIOLENCE or not specific:
        return True
    return specific == {em.cand.spec.event_type}


def specificity(em: EventMention) -> int:
    """Lower for a more specific kind (``VIOLENCE`` order; generic and other kinds last)."""
    kind = em.cand.kind
    return VIOLENCE.index(kind) if kind in VIOLENCE and kind not in GENERIC_VIOLENCE else len(VIOLENCE)


def _compatible_place(a: Place | None, b: Place | None, country: str | None) -> bool:
    if a is None or b is None:
        return True
    ca, cb = a.country or country, b.country or country
    if a.kind == "city" and b.kind == "city":
        return (a.name_en or a.text) == (b.name_en or b.text)
    return ca == cb


_STATE_TYPES = frozenset({"state forces", "external forces"})


def _compatible_actor(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None or a.default or b.default:
        return True
    same_class = a.type == b.type or (a.type in _STATE_TYPES and b.type in _STATE_TYPES)
    if a.group == b.group and (a.country is None or b.country is None or a.country == b.country):
        return True
    return same_class and (a.country is None or b.country is None or a.country == b.country)


def merge(mentions: list[EventMention], country: str | None) -> list[list[EventMention]]:
    groups: list[list[EventMention]] = []
    for em in mentions:
        for group in groups:
            head = group[0]
            if _merge_key(head) != _merge_key(em) or not _compatible_kind(group, em):
                continue
            places = [g.place for g in group if g.place]
            dates = {g.date.value for g in group if g.date}
            if em.date and dates and em.date.value not in dates:
                continue
            if not all(_compatible_place(p, em.place, country) for p in places):
                continue
            if not all(_compatible_actor(g.actor1, em.actor1) for g in group):
                continue
            group.append(em)
            break
        else:
            groups.append([em])
    return groups


def assemble(article: Article) -> list[EventRecord]:
    """Event records of one article, in order of first mention."""
    infos = analyse_sentences(article)
    country = main_country(infos)
    mentions = event_mentions(infos, country, article.meta.published)
    return [build_record(article, group, country, n) for n, group in enumerate(merge(mentions, country), 1)]


def _families(info: SentenceInfo, cand: Candidate) -> tuple[str, ...]:
    return families(cand, any(f.kind in ("killed", "injured") for f in info.figures))


def info_features(info: SentenceInfo, fam: str) -> list[str]:
    """The trained check's features of a sentence for one family: its candidates scored for
    that family."""
    mine = [c for c in info.candidates if fam in _families(info, c)]
    return features(info.view, mine, info.figures, n_places=len(info.places), n_dates=len(info.dates),
                    n_quotes=info.quotes)


def sentence_scores(info: SentenceInfo) -> dict[str, float | None]:
    """The trained check's score of the sentence for each family it has candidates of."""
    fams = {f for c in info.candidates for f in _families(info, c)}
    return {fam: score(info_features(info, fam), fam) for fam in fams}
