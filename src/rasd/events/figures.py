"""Casualty and arrest figures of a sentence, read from the ``casualties`` layer.

The events component never reads numbers itself: each :class:`Figure` is one span of
the casualties layer (its ``min``/``best``/``max`` as the casualties component read
them, who it counts, whether it is a part of another figure or a running total, and
whose figure it is), with the raw offsets of that span so that an event's counts can
name the spans they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Span

KINDS = ("killed", "injured", "arrested")


@dataclass
class Figure:
    kind: str  # killed | injured | arrested
    min: int | None
    best: int | None
    max: int | None
    start: int  # normalized offsets in the sentence
    end: int
    raw: tuple[int, int]  # raw article offsets of the casualties span
    who: str | None = None  # the group counted, as the casualties layer says (``police``)
    who_text: str | None = None
    subset: bool = False
    cumulative: bool = False
    figure_source: str | None = None
    sentence: tuple[int, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # the figure's clause adds up a span of time or cites the past (``منذ بداية الحرب``,
    # ``خلال خمسة أيام``): a running total, never the count of a current event
    running_total: bool = False

    def key(self) -> tuple[Any, ...]:
        return (self.kind, self.min, self.best, self.max, self.who)


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) else None


def from_layer(spans: list[Span], norm_pos: Any) -> list[Figure]:
    """Figures from the sentence's ``casualties`` spans (killed, injured, arrested);
    ``norm_pos`` maps a raw offset to a normalized sentence offset."""
    out = []
    for span in spans:
        if span.label not in KINDS:
            continue
        a = span.attrs
        src = a.get("figure_source")
        out.append(Figure(
            span.label, _int(a.get("min")), _int(a.get("best")), _int(a.get("max")),
            norm_pos(span.start), norm_pos(span.end), (span.start, span.end),
            who=a.get("who"), who_text=a.get("who_text"), subset=a.get("subset_of") is not None,
            cumulative=bool(a.get("cumulative")),
            figure_source=src.get("text") if isinstance(src, dict) else (str(src) if src else None)))
    return sorted(out, key=lambda f: f.start)
