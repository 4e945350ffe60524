"""RSS and Atom feeds: one article per entry, read with feedparser.

An entry's content (or summary) is HTML or text; its title, link and
publication time become the article's title, URL and ``published``.

A feed that declares an encoding which is not a character set (``hex``,
``undefined``...), which feedparser itself may fail on, is decoded by rasd
(:mod:`rasd.intake.decode`) and handed to feedparser as UTF-8; its entries
are flagged ``charset_ignored``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Rejection
from .decode import declared_charset, decode

if TYPE_CHECKING:
    from .inputs import RawInput

_FEED_HEAD = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_XML_ENCODING = re.compile(r"""(<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""", re.I)
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


def _parse(data: bytes) -> tuple[Any, str | None]:
    """feedparser's reading of ``data``, and why its declared encoding was ignored (if it was)."""
    import feedparser

    _, ignored = declared_charset(data)
    if ignored is None:
        try:
            return feedparser.parse(data), None
        except (UnicodeError, LookupError) as exc:  # an encoding feedparser cannot use
            ignored = f"declared encoding unusable ({exc}); ignored"
    text = _XML_ENCODING.sub(r'\1"utf-8"', decode(data).text, count=1)
    return feedparser.parse(text.encode("utf-8")), ignored


def iter_feed(source: str, data: bytes) -> Iterator[RawInput | Rejection]:
    from .inputs import RawInput

    try:
        feed, ignored = _parse(data)
    except InputError as exc:
        yield Rejection(source, exc.reason, exc.detail)
        return
    flags = [("charset_ignored", ignored)] if ignored else []
    if not feed.entries:
        reason = "malformed" if feed.get("bozo") else "empty"
        yield Rejection(source, reason, f"feed without entries ({feed.get('bozo_exception', 'no items')})")
        return
    for i, entry in enumerate(feed.entries):
        body = _body(entry)
        kind = "html" if _MARKUP.search(body) else "text"
        yield RawInput(f"{source}#{i + 1}", body, kind, url=entry.get("link") or None,
                       published=_published(entry), title=entry.get("title") or None,
                       extra={"feed": feed.feed.get("title", "")}, published_source="feed",
                       flags=list(flags))
