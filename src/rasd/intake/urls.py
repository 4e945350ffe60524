"""One rule for the URL an input carries, whatever reads it (``analyze`` or ``ingest``).

A URL is kept when :func:`urllib.parse.urlsplit` parses it, its host and port
are valid, and it holds no spaces or control characters (a real URL encodes
them). Otherwise the article keeps its text, loses the URL, and is flagged
``malformed_url``. Which URLs may become a link is the dashboard's rule
(:func:`rasd.web.render.safe_href`: ``http``/``https`` only).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def url_problem(url: str) -> str | None:
    """Why ``url`` is malformed, or ``None`` when it is usable."""
    if _SPACE_OR_CONTROL.search(url.strip()):
        return "it contains spaces or control characters"
    try:
        parts = urlsplit(url.strip())
        _ = parts.port, parts.hostname
    except ValueError as exc:  # a bad IPv6 host, a port that is not a number or out of range
        return str(exc)
    return None
