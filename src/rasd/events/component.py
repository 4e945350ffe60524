"""The pipeline component ``ar.events.v1``: layer ``events``, one span per event
record (at its first trigger, label = ACLED event type), the record in attrs.

It reads the ``entities``, ``dates`` and ``casualties`` layers when they are
there and falls back to its own readers when they are not, so it runs on a
bare pipeline too.
"""

from __future__ import annotations

from typing import Any

from .. import layers as L
from ..model import Article, Span
from ..settings import Settings
from . import NAME

__all__ = ["NAME", "annotate", "find"]
from .assemble import assemble

LAYER = L.EVENTS
READS = (L.BLOCKS, L.SOURCES, L.SENTENCES)  # and, until issue 10 lands, whatever else is there
WRITES = (L.EVENTS,)
# Every span's ``source`` names its component, so the record's ``source`` (outlet and
# agencies) is kept under this key in the layer and restored by :func:`event_records`.
SOURCE_KEY = "reported_by"


def find(article: Article, settings: Settings) -> list[dict[str, Any]]:
    return assemble(article)


def annotate(article: Article, found: list[dict[str, Any]]) -> None:
    article.layers.setdefault(LAYER, [])  # an empty layer says the component ran
    for record in found:
        trig = record["trigger"]
        attrs = {(SOURCE_KEY if k == "source" else k): v for k, v in record.items()}
        article.add(LAYER, Span(trig["start"], trig["end"], record["event_type"] or "Other", NAME, attrs))


def event_records(article: Article) -> list[dict[str, Any]]:
    """The article's event records: from the ``events`` layer if the component ran,
    otherwise computed now (the article is not changed)."""
    if LAYER in article.layers:
        return [
            {("source" if k == SOURCE_KEY else k): v for k, v in s.attrs.items()}
            for s in article.layers[LAYER]
        ]
    return assemble(article)
