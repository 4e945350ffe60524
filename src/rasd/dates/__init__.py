"""Dates in Arabic news: absolute and relative expressions, Hijri dates, and the
publication date an article's relative dates are resolved against.

See ``docs/dates.md``. The component is :data:`NAME` (``ar.dates.v1``),
writing the ``dates`` layer; :func:`parse_text` reads a plain string.
"""

from __future__ import annotations

from .find import DateMatch, parse_text
from .values import DateValue

NAME = "ar.dates.v1"

__all__ = ["NAME", "DateMatch", "DateValue", "parse_text"]
