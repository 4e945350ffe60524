"""One article as it arrived, before decoding and extraction (:class:`RawInput`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawInput:
    """One article as it arrived: ``data`` (bytes as read, or a ``str`` from a JSON record or a
    feed), where it came from, what its container said about it (URL, publication date, title,
    other fields in ``extra``) and the doubts reading it raised, as ``(code, message)``
    (``invalid_unicode``, ``non_finite_value``, a WARC record cut short), which the article
    inherits as flags."""

    source: str  # a path, path:line, or archive!member (names made printable: escape_surrogates)
    data: bytes | str
    kind: str | None = None  # text | html | trec | None (detect)
    url: str | None = None
    published: str | None = None
    title: str | None = None
    truncated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    published_source: str = "input"  # input | trec | feed | warc
    flags: list[tuple[str, str]] = field(default_factory=list)
