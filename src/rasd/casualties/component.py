"""The ``ar.casualties.v1`` component: casualty facts from the quantities layer.

It reads tokens, sentences, quantities (never parsing numbers itself), the PERS
entities (a named person killed, injured or arrested is a count of one) and
quotes (a figure inside a reported statement gets its speaker as the figure's
source when no ``بحسب ...`` is given); ``annotate`` writes the ``casualties``
layer, each fact pointing to its quantity span, and an ``implausible_count`` flag
for a figure larger than the world's population.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from .. import layers as L
from ..model import Article, Span
from ..numbers.component import quantity_of
from ..numbers.quantities import Quantity
from ..settings import Settings
from ..tokens import SentenceRange, sentence_ranges
from .facts import Fact
from .merge import merge_repeats
from .reader import find_sentence_facts
from .singles import about_sport

NAME = "ar.casualties.v1"
READS = (L.TOKENS, L.SENTENCES, L.QUANTITIES, L.ENTITIES, L.QUOTES)
WRITES = (L.CASUALTIES,)
FLAG = "implausible_count"


@dataclass
class Found:
    facts: list[Fact] = field(default_factory=list)
    implausible: list[Quantity] = field(default_factory=list)


def _quantities_by_sentence(article: Article) -> list[tuple[SentenceRange, list[Quantity]]]:
    """The ``quantities`` layer, grouped by sentence (in order)."""
    sentences = sentence_ranges(article)
    starts = [t.start for t in article.tokens]
    sent_starts = [s.start for s in article.sentences]
    grouped: list[list[Quantity]] = [[] for _ in sentences]
    for span in article.layer(L.QUANTITIES):
        i = bisect_left(sent_starts, span.start + 1) - 1
        if 0 <= i < len(grouped):
            grouped[i].append(quantity_of(span, article.tokens, starts))
    return list(zip(sentences, grouped, strict=True))


def _names(article: Article) -> dict[int, int]:
    """PERS entities as token index of their first word -> index after their last."""
    starts = [t.start for t in article.tokens]
    out = {}
    for span in article.layer(L.ENTITIES):
        if span.label != "PERS":
            continue
        first = bisect_left(starts, span.start)
        last = bisect_left(starts, span.end)
        if first < len(starts) and starts[first] == span.start and last > first:
            out[first] = last
    return out


def find(article: Article, settings: Settings) -> Found:
    found = Found()
    names = _names(article)
    sports = about_sport(article.tokens)
    for sent, qs in _quantities_by_sentence(article):
        found.facts.extend(find_sentence_facts(article.tokens, sent, qs, facts=found.facts,
                                               text=article.text, names=names,
                                               rejected=found.implausible, sports=sports))
    found.facts = merge_repeats(found.facts)
    _sources_from_quotes(article, found.facts)
    return found


def _sources_from_quotes(article: Article, facts: list[Fact]) -> None:
    quotes = [q for q in article.layer(L.QUOTES) if q.label in ("direct", "indirect")]
    for fact in facts:
        if fact.figure_source:
            continue
        inside = next((q for q in quotes if q.start <= fact.start and fact.end <= q.end
                       and q.attrs.get("speaker")), None)
        if inside is not None:
            fact.figure_source = inside.attrs["speaker"]


def annotate(article: Article, found: Found) -> None:
    by_offsets = {(s.start, s.end): s for s in article.layer(L.QUANTITIES)}
    index = {id(f): i for i, f in enumerate(found.facts)}
    spans = []
    for fact in found.facts:
        q = fact.quantity
        qspan = by_offsets.get((q.start, q.end)) or Span(
            q.start, q.end, "quantity", NAME, q.attrs(article.text))
        attrs = {
            "min": qspan.attrs["min"], "best": qspan.attrs["best"], "max": qspan.attrs["max"],
            "who": fact.who, "who_text": fact.who_text,
            "subset_of": index.get(id(fact.parent)) if fact.parent is not None else None,
            "cumulative": fact.cumulative, "figure_source": fact.figure_source,
            "quantity": qspan, "sentence": fact.sentence, "basis": fact.basis,
            "repeats": [list(r) for r in fact.repeats],
        }
        spans.append(Span(fact.start, fact.end, fact.category, NAME, attrs))
    article.layers[L.CASUALTIES] = spans
    for q in found.implausible:
        article.flag(FLAG, f"{article.text[q.start:q.end][:40]!r} at {q.start}: more than the world's "
                           "population, not read as a count of people", NAME)
