"""The pipeline component ``ar.events.v1``: layer ``events``, one span per event record
(at its first trigger, label = ACLED event type), the record's dict form in attrs.

It reads the layers other components wrote and nothing else: sentences and tokens,
entities (places and actors, with their links), dates, casualties (every count), quotes
and the sources line. It parses no number, date or place name itself.
"""

from __future__ import annotations

from .. import layers as L
from ..errors import PipelineError
from ..model import Article, Span
from ..settings import Settings
from . import NAME
from .assemble import assemble
from .detect import SCREEN_FLAGS
from .model import EventRecord

__all__ = ["NAME", "READS", "WRITES", "annotate", "event_records", "find"]

READS = (L.BLOCKS, L.SOURCES, L.TOKENS, L.SENTENCES, L.DATES, L.ENTITIES, L.QUOTES, L.CASUALTIES)
WRITES = (L.EVENTS,)
# Every span's ``source`` names its component, so the record's ``source`` (outlet and
# agencies) is kept under this key in the layer and restored by :func:`event_records`.
SOURCE_KEY = "reported_by"


def find(article: Article, settings: Settings) -> list[EventRecord]:
    """The article's event records reported as happening (:func:`is_candidate`), and with
    ``settings.all_candidates`` the others too, marked ``candidate``."""
    records = assemble(article)
    for record in records:
        record.candidate = is_candidate(record, settings.event_threshold)
    if settings.all_candidates:
        return records
    return [r for r in records if not r.candidate]


#: Realis of events reported as happening (ACLED and PLOVER count only these).
REPORTED = frozenset({"actual", "reported-as-claim"})


def is_candidate(record: EventRecord, threshold: float) -> bool:
    """Whether a record is not reported as happening: its realis is not ``actual`` or
    ``reported-as-claim`` (a past event cited as background, a denied, planned or
    hypothetical one), or its ``confidence`` (the trained check) is under ``threshold``,
    or, with no model, a screening flag of the rules doubts it."""
    if record.realis not in REPORTED:
        return True
    if record.confidence is None:
        return bool(set(record.flags) & SCREEN_FLAGS)
    return record.confidence < threshold


def annotate(article: Article, found: list[EventRecord]) -> None:
    article.layers[L.EVENTS] = []  # an empty layer says the component ran
    for record in found:
        attrs = {(SOURCE_KEY if k == "source" else k): v for k, v in record.to_dict().items()}
        article.add(L.EVENTS, Span(record.trigger.start, record.trigger.end, record.event_type or "Other",
                                   NAME, attrs))


def event_records(article: Article) -> list[EventRecord]:
    """The article's event records, read from its ``events`` layer.

    Raises :class:`~rasd.errors.PipelineError` when the events component did not run.
    """
    if L.EVENTS not in article.layers:
        raise PipelineError(f"the article has no {L.EVENTS} layer: run {NAME} (see rasd.pipeline)")
    return [record_of(span) for span in article.layers[L.EVENTS]]


def record_of(span: Span) -> EventRecord:
    """The typed record an ``events`` span holds (from the article or the store)."""
    return EventRecord.from_dict({("source" if k == SOURCE_KEY else k): v for k, v in span.attrs.items()})
