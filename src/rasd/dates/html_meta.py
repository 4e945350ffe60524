"""Publication timestamps written in an HTML page's metadata, kept in the publisher's time.

trafilatura reports one date per page; when a CMS writes
``article:published_time`` in UTC (``2020-12-24T23:59:50+00:00``) and the
JSON-LD ``datePublished`` in local time (``2020-12-25T01:59:50+02:00``), the
publisher's calendar day is the local one. :func:`published_from_html` reads
both and prefers a timestamp with a non-UTC offset. It is called once per
HTML input (see ``rasd.intake.document``) and its result is stored in
``meta.extra["html_published"]``.
"""

from __future__ import annotations

import datetime as dt
import re

_FIELDS = re.compile(
    r"""(?:"datePublished"\s*:\s*"(?P<ld>[^"]{8,60})"|"""
    r"""(?:property|name|itemprop)=["']?(?P<name>article:published_time|datePublished|og:published_time|"""
    r"""pubdate|publishdate)["']?\s+content=["'](?P<content>[^"']{8,60})["'])""",
    re.IGNORECASE,
)
_ISO = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)"
                  r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$")
MAX_SCAN = 400_000  # characters of a page searched (metadata sits in the head)


def _offset_minutes(tz: str | None) -> int | None:
    if tz is None:
        return None
    if tz == "Z":
        return 0
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:]))


def _read(value: str, field: str) -> dict[str, object] | None:
    text = value.strip()
    m = _ISO.match(text)
    if m:
        try:
            date = dt.date.fromisoformat(m.group("date"))
        except ValueError:
            return None
        return {"date": date.isoformat(), "offset_minutes": _offset_minutes(m.group("tz")),
                "field": field, "raw": text}
    from .find import parse_text  # a date written in words, e.g. "الأربعاء، 07 أكتوبر 2020"

    for match in parse_text(text):
        if match.date.precision == "day" and match.date.kind == "absolute" and match.date.value:
            return {"date": match.date.value, "offset_minutes": None, "field": field, "raw": text}
    return None


def published_from_html(html: str) -> dict[str, object] | None:
    """The page's own publication timestamp, local (non-UTC) ones first."""
    found = []
    for m in _FIELDS.finditer(html, 0, min(len(html), MAX_SCAN)):
        field = "ld+json:datePublished" if m.group("ld") else f"meta:{m.group('name')}"
        item = _read(m.group("ld") or m.group("content"), field)
        if item:
            found.append(item)
    if not found:
        return None
    local = [f for f in found if f["offset_minutes"] not in (None, 0)]
    return (local or found)[0]
