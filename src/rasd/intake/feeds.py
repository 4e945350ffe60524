"""RSS and Atom feeds: one article per entry, read with feedparser.

An entry's content (or summary) is HTML or text; its title, link and
publication time become the article's title, URL and ``published``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import Rejection

if TYPE_CHECKING:
    from .inputs import RawInput

_FEED_HEAD = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_MARKUP = re.compile(r"<(?:p|div|br|img|a|span|figure|h\d)\b", re.I)


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes open an RSS, Atom or RDF feed."""
    return bool(_FEED_HEAD.search(head))


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)


def _body(entry: Any) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return str(content["value"])
    return str(entry.get("summary") or "")


def iter_feed(source: str, data: bytes) -> Iterator[RawInput | Rejection]:
    import feedparser

    from .inputs import RawInput

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = "malformed" if feed.get("bozo") else "empty"
        yield Rejection(source, reason, f"feed without entries ({feed.get('bozo_exception', 'no items')})")
        return
    for i, entry in enumerate(feed.entries):
        body = _body(entry)
        kind = "html" if _MARKUP.search(body) else "text"
        yield RawInput(f"{source}#{i + 1}", body, kind, url=entry.get("link") or None,
                       published=_published(entry), title=entry.get("title") or None,
                       extra={"feed": feed.feed.get("title", "")}, published_source="feed")
