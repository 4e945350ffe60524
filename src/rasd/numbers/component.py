"""The ``ar.quantities.v1`` component: every quantity of the article's sentences.

It reads tokens and sentences (content blocks only, never boilerplate);
``find`` is pure, ``annotate`` writes the ``quantities`` layer and a
``number_unreadable`` flag for each number that could not be read whole
(``1.2.3``, a 400-digit string, ``1e309``). Other components (casualties,
events) read quantities from that layer and never parse numbers again.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .. import layers as L
from ..model import Article, Span, Token
from ..settings import Settings
from ..tokens import sentence_ranges
from .quantities import Quantity, Unreadable, find_quantities

NAME = "ar.quantities.v1"
READS = (L.TOKENS, L.SENTENCES)
WRITES = (L.QUANTITIES,)
FLAG = "number_unreadable"


@dataclass
class Found:
    quantities: list[Quantity] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


def find(article: Article, settings: Settings) -> Found:
    found = Found()
    for sent in sentence_ranges(article):
        got = find_quantities(article.tokens, sent.first, sent.end, article.text)
        found.quantities.extend(got.quantities)
        found.unreadable.extend(got.unreadable)
    return found


def annotate(article: Article, found: Found) -> None:
    article.layers[L.QUANTITIES] = [
        Span(q.start, q.end, "quantity", NAME, q.attrs(article.text)) for q in found.quantities]
    for bad in found.unreadable:
        written = article.text[bad.start:bad.end]
        article.flag(FLAG, f"{written[:40]!r} at {bad.start}: a number that cannot be read whole "
                           f"({bad.reason}); not read as a quantity", NAME)


def quantity_of(span: Span, tokens: list[Token], starts: list[int] | None = None) -> Quantity:
    """The :class:`Quantity` a ``quantities`` span holds, with its token indices
    recovered from the article's tokens (``starts``: their start offsets, to reuse)."""
    starts = starts if starts is not None else [t.start for t in tokens]
    first = max(0, bisect_right(starts, span.start) - 1)
    last = max(first + 1, bisect_left(starts, span.end))
    a = span.attrs
    best = float(a["best"]) if a.get("best") is not None else None
    lo = None if a.get("min") is None else float(a["min"])
    hi = None if a.get("max") is None else float(a["max"])
    return Quantity(span.start, span.end, first, last, best, lo, hi, str(a.get("approx", "exact")),
                    bool(a.get("vague")), first)
