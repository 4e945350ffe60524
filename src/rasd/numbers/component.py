"""The three pipeline components: ``ar.quantities.v1``, ``ar.quotes.v1``, ``ar.casualties.v1``.

Each reads the article's sentences (content blocks only, never boilerplate)
and tokens; ``find`` is pure, ``annotate`` writes the layer. Casualties run
after quotes so that a figure inside a reported statement gets its speaker
as the figure's source when no ``بحسب ...`` is given.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from ..model import Article, Span
from ..settings import Settings
from .casualties import Fact, _Sentence, find_sentence_facts, merge_repeats
from .quantities import Quantity
from .quantities import find_quantities as _find_in_tokens
from .quotes import Quote
from .quotes import find_quotes as _find_quotes

QUANTITIES = "ar.quantities.v1"
CASUALTIES = "ar.casualties.v1"
QUOTES = "ar.quotes.v1"


def sentence_ranges(article: Article) -> list[_Sentence]:
    """Each sentence of the article as a range of token indices."""
    starts = [t.start for t in article.tokens]
    out: list[_Sentence] = []
    for index, sent in enumerate(article.sentences):
        first = bisect_left(starts, sent.start)
        end = bisect_left(starts, sent.end)
        prev = out[-1] if out else None
        out.append(_Sentence(index, first, end, prev))
    return out


def _quantities(article: Article) -> list[tuple[_Sentence, list[Quantity]]]:
    return [(sent, _find_in_tokens(article.tokens, sent.first, sent.end, article.text))
            for sent in sentence_ranges(article)]


# quantities ----------------------------------------------------------------
def find_quantities(article: Article, settings: Settings) -> list[Quantity]:
    return [q for _, qs in _quantities(article) for q in qs]


def annotate_quantities(article: Article, found: list[Quantity]) -> None:
    article.layers["quantities"] = [
        Span(q.start, q.end, "quantity", QUANTITIES, q.attrs(article.text)) for q in found]


# quotes --------------------------------------------------------------------
def find_quotes(article: Article, settings: Settings) -> list[Quote]:
    return _find_quotes(article, sentence_ranges(article))


def annotate_quotes(article: Article, found: list[Quote]) -> None:
    spans = []
    entities = article.layer("entities")
    for quote in found:
        attrs: dict[str, Any] = {
            "speaker": quote.speaker,
            "speaker_span": list(quote.speaker_span) if quote.speaker_span else None,
            "speaker_kind": quote.speaker_kind, "verb": quote.verb, "cue": quote.cue,
            "sentence": quote.sentence,
        }
        attrs.update(_entity_attrs(entities, quote.speaker_span))
        spans.append(Span(quote.start, quote.end, quote.kind, QUOTES, attrs))
    article.layers["quotes"] = spans


def _entity_attrs(entities: list[Span], span: tuple[int, int] | None) -> dict[str, Any]:
    """The ``name_en``/``kb_id`` of an entity overlapping the speaker, when the
    entities layer exists (it comes from another component and may be absent)."""
    if span is None:
        return {}
    for ent in entities:
        if ent.label in ("PERS", "ORG") and ent.start < span[1] and span[0] < ent.end:
            return {k: ent.attrs[k] for k in ("name_en", "kb_id") if ent.attrs.get(k) is not None}
    return {}


# casualties ----------------------------------------------------------------
def find_casualties(article: Article, settings: Settings) -> list[Fact]:
    facts: list[Fact] = []
    for sent, qs in _quantities(article):
        facts.extend(find_sentence_facts(article.tokens, sent, qs, facts, article.text))
    facts = merge_repeats(facts)
    _sources_from_quotes(article, facts)
    return facts


def _sources_from_quotes(article: Article, facts: list[Fact]) -> None:
    quotes = [q for q in article.layer("quotes") if q.label in ("direct", "indirect")]
    for fact in facts:
        if fact.figure_source:
            continue
        inside = next((q for q in quotes if q.start <= fact.start and fact.end <= q.end
                       and q.attrs.get("speaker")), None)
        if inside is not None:
            fact.figure_source = inside.attrs["speaker"]


def annotate_casualties(article: Article, found: list[Fact]) -> None:
    by_offsets = {(s.start, s.end): s for s in article.layer("quantities")}
    index = {id(f): i for i, f in enumerate(found)}
    spans = []
    for fact in found:
        q = fact.quantity
        qspan = by_offsets.get((q.start, q.end)) or Span(
            q.start, q.end, "quantity", QUANTITIES, q.attrs(article.text))
        attrs = {
            "min": qspan.attrs["min"], "best": qspan.attrs["best"], "max": qspan.attrs["max"],
            "who": fact.who, "who_text": fact.who_text,
            "subset_of": index.get(id(fact.parent)) if fact.parent is not None else None,
            "cumulative": fact.cumulative, "figure_source": fact.figure_source,
            "quantity": qspan, "sentence": fact.sentence,
            "repeats": [list(r) for r in fact.repeats],
        }
        spans.append(Span(fact.start, fact.end, fact.category, CASUALTIES, attrs))
    article.layers["casualties"] = spans
