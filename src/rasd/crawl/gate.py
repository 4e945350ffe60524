"""The crawl's gate: drop what cannot be an Arabic article, cheapest test first.

1. the record: ``response``/``resource`` only, HTTP 2xx, an HTML or text body
   (:func:`rasd.intake.warc.is_article_record`: ``not_response``, ``http_status``,
   ``mime_type``), decided on headers before the body is read;
2. the host: outlets known to publish no Arabic (``rasd/data/crawl_hosts.json`` and the
   ``exclude_hosts`` setting) -> ``host_excluded``, also before the body is read;
3. the bytes: the head of the body (``gate_head_bytes``, 64 KB) must hold at least
   ``gate_min_arabic_bytes`` UTF-8 lead bytes of Arabic letters (``D8``-``DB``, counted
   with ``bytes.count``, about 20 microseconds a record) -> ``no_arabic_bytes``. A page that
   declares Windows-1256 or ISO-8859-6 (in its HTTP headers or its head) passes: its Arabic
   is single bytes that this count cannot see;
4. then rasd's own language check when the article is built (``not_arabic``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from ..intake.warc import WarcRecord, is_article_record
from ..lexicon import load
from .options import CrawlOptions

#: UTF-8 lead bytes of U+0600-U+06FF (Arabic letters, digits and marks).
_ARABIC_LEADS = (b"\xd8", b"\xd9", b"\xda", b"\xdb")
_SINGLE_BYTE_ARABIC = re.compile(
    rb"charset\s*=\s*[\"']?\s*(?:windows-1256|cp1256|x-cp1256|iso-8859-6|iso_8859-6|iso8859-6|arabic|asmo-708)",
    re.I)
#: Gate reason codes, in the order the tests run (each is also in rasd.errors.REASONS).
GATE_REASONS = ("not_response", "http_status", "mime_type", "host_excluded", "no_arabic_bytes")


@lru_cache(maxsize=8)
def _hosts(extra: tuple[str, ...]) -> frozenset[str]:
    return frozenset(h.lower().removeprefix("www.") for h in (*load("crawl_hosts")["no_arabic"], *extra))


def host_excluded(url: str | None, options: CrawlOptions) -> bool:
    """Whether ``url``'s host, or a parent domain of it, is listed as publishing no Arabic."""
    if not url:
        return False
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    hosts = _hosts(options.exclude_hosts)
    parts = host.split(".")
    return any(".".join(parts[i:]) in hosts for i in range(len(parts) - 1))


def gate_headers(record: WarcRecord, options: CrawlOptions) -> str | None:
    """The reason to drop a record on its headers alone, or ``None``."""
    reason = is_article_record(record)
    if reason is not None:
        return reason
    if host_excluded(record.url, options):
        return "host_excluded"
    return None


_CHUNK = 8192


def arabic_bytes(head: bytes, enough: int | None = None) -> int:
    """Count of bytes ``D8``-``DB`` in ``head``: in UTF-8 the lead bytes of the Arabic block
    (about one per Arabic letter). Counting stops, 8 KB at a time, once ``enough`` is reached.
    In Windows-1256 and ISO-8859-6 the same bytes are common Arabic letters (ع غ ط ظ), so
    an undeclared single-byte page is often let through too (the language check decides)."""
    total = 0
    for start in range(0, len(head), _CHUNK):
        chunk = head[start:start + _CHUNK]
        total += sum(chunk.count(lead) for lead in _ARABIC_LEADS)
        if enough is not None and total >= enough:
            break
    return total


def gate_body(data: bytes, content_type: str, options: CrawlOptions) -> str | None:
    """``no_arabic_bytes`` when the body's head shows too little Arabic, else ``None``."""
    head = data[:options.gate_head_bytes]
    if arabic_bytes(head, options.gate_min_arabic_bytes) >= options.gate_min_arabic_bytes:
        return None
    if _SINGLE_BYTE_ARABIC.search(content_type.encode("latin-1", "replace")) or \
            _SINGLE_BYTE_ARABIC.search(head[:4096]):
        return None
    return "no_arabic_bytes"
