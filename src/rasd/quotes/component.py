"""The ``ar.quotes.v1`` component: reported speech with its speakers.

It reads tokens, sentences and entities (a speaker that is a linked entity
gets its ``name_en`` and ``kb_id``); ``annotate`` writes the ``quotes`` layer.
"""

from __future__ import annotations

from typing import Any

from .. import layers as L
from ..model import Article, Span
from ..settings import Settings
from ..tokens import sentence_ranges
from .speech import Quote, find_quotes

NAME = "ar.quotes.v1"
READS = (L.TOKENS, L.SENTENCES, L.ENTITIES)
WRITES = (L.QUOTES,)


def find(article: Article, settings: Settings) -> list[Quote]:
    return find_quotes(article, sentence_ranges(article))


def annotate(article: Article, found: list[Quote]) -> None:
    spans = []
    entities = article.layer(L.ENTITIES)
    for quote in found:
        attrs: dict[str, Any] = {
            "speaker": quote.speaker,
            "speaker_span": list(quote.speaker_span) if quote.speaker_span else None,
            "speaker_kind": quote.speaker_kind, "verb": quote.verb, "cue": quote.cue,
            "sentence": quote.sentence,
        }
        attrs.update(_entity_attrs(article, entities, quote.speaker_span))
        spans.append(Span(quote.start, quote.end, quote.kind, NAME, attrs))
    article.layers[L.QUOTES] = spans


def _entity_attrs(article: Article, entities: list[Span], span: tuple[int, int] | None) -> dict[str, Any]:
    """``name_en``, ``kb_id`` and ``speaker_type`` of the speaker, as the entities owner reads
    it (:func:`rasd.entities.speakers.speaker_attrs`): the person, not the organisation in
    the person's title; a stable English label for unnamed sources."""
    from ..entities.speakers import speaker_attrs

    return speaker_attrs(article.text, entities, span)
