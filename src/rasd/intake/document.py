"""Turn one raw input into an :class:`~rasd.model.Article`.

Decode bytes (saying which encoding was used), detect the kind of input,
extract the text (trafilatura for HTML, the fields of a TREC document) and
check that the result is Arabic and not empty. For HTML and TREC inputs the
extracted pieces become the article's text, joined by blank lines, and each
piece is recorded as a span in the ``segments`` layer with its kind hint.

Limits apply before the expensive stages: HTML longer than
``max_markup_chars`` loses its scripts, styles and comments and is cut
before extraction; a text longer than ``max_text_chars`` is cut before any
component runs. Strings that UTF-8 cannot hold (lone surrogates) are
repaired here, once, for every kind of input; a URL that does not parse is
dropped (:mod:`rasd.intake.urls`). Each of these leaves a flag.
"""

from __future__ import annotations

import re
from typing import Any

from ..dates.html_meta import published_from_html
from ..errors import InputError
from ..model import Article, Flag, Meta, Span
from ..settings import Settings
from .decode import decode, replace_surrogates
from .html import Segment, extract_html
from .inputs import RawInput
from .language import guess_language
from .urls import url_problem

SOURCE = "rasd.intake.document.v1"
_HTML_HINT = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|article|meta|title)\b", re.I)
_TREC_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


def detect_kind(text: str) -> str:
    """``html`` when the text carries HTML markup near its start, else ``text``."""
    head = text[:4096]
    if head.lstrip().startswith("<DOC>"):
        return "trec"
    return "html" if _HTML_HINT.search(head) else "text"


def build_article(raw: RawInput, settings: Settings) -> Article:
    """Decode, extract and check one input; raise :class:`InputError` with a reason."""
    flags = [Flag(code, message, SOURCE) for code, message in raw.flags]
    repaired = _Repair()
    meta = Meta(path=raw.source, url=_checked_url(repaired.text(raw.url), flags),
                title=repaired.text(raw.title))
    if isinstance(raw.data, bytes):
        if not raw.data.strip():
            raise InputError("input is empty", reason="empty")
        decoded = decode(raw.data)
        text, meta.encoding, meta.encoding_method = decoded.text, decoded.encoding, decoded.method
        if decoded.ignored:
            flags.append(Flag("charset_ignored", decoded.ignored, SOURCE))
    else:
        text, meta.encoding, meta.encoding_method = repaired.text(raw.data) or "", "utf-8", "given"
    if not text.strip():
        raise InputError("input is empty", reason="empty")
    meta.input_kind = raw.kind or detect_kind(text)
    if raw.published:
        meta.published, meta.published_source = repaired.text(raw.published), raw.published_source
    meta.extra.update(repaired.value(raw.extra))
    if meta.input_kind == "html":
        text = _limit_markup(text, settings, flags)
    article = _limit(_extract(text, meta, settings, flags), settings)
    article.flags[:0] = flags + repaired.flags()
    if raw.truncated:
        article.flag("too_large", f"input longer than max_input_bytes={settings.max_input_bytes}; "
                     "only its head was analysed")
    _check_language(article, settings)
    return article


class _Repair:
    """Lone surrogates replaced in the strings of one input, counted for one flag."""

    def __init__(self) -> None:
        self.count = 0

    def text(self, value: str | None) -> str | None:
        if value is None:
            return None
        fixed, n = replace_surrogates(value)
        self.count += n
        return fixed

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {self.text(k): self.value(v) for k, v in value.items()}
        return value

    def flags(self) -> list[Flag]:
        if not self.count:
            return []
        return [Flag("invalid_unicode", f"{self.count} lone surrogate(s) replaced by U+FFFD", SOURCE)]


def _checked_url(url: str | None, flags: list[Flag]) -> str | None:
    if url is None:
        return None
    problem = url_problem(url)
    if problem is None:
        return url.strip()
    flags.append(Flag("malformed_url", f"URL {url[:200]!r} dropped: {problem}", SOURCE))
    return None


_BULKY_OPEN = re.compile(r"<(?:script|style|noscript|svg|template)\b|<!--", re.I)


def _limit_markup(html: str, settings: Settings, flags: list[Flag]) -> str:
    """HTML longer than ``max_markup_chars``, without its scripts (JSON-LD kept), styles and
    comments, then cut at a tag end: main-content extraction costs the same for a 200 MB page as
    for a 2 MB one."""
    limit = settings.max_markup_chars
    if len(html) <= limit:
        return html
    slim = _without_bulk(html)
    cut = slim
    if len(slim) > limit:
        end = slim.rfind(">", 0, limit) + 1
        cut = slim[: end if end > limit // 2 else limit]
    flags.append(Flag("too_large", f"page of {len(html)} characters: scripts, styles and comments "
                      f"removed ({len(slim)} left), then cut to {len(cut)} (max_markup_chars={limit})",
                      SOURCE))
    return cut


def _without_bulk(html: str) -> str:
    """``html`` without script (except JSON-LD), style, noscript, svg and template elements and
    comments; linear in the length (an unclosed element drops the rest)."""
    lower = html.lower()
    out: list[str] = []
    pos = 0
    while (m := _BULKY_OPEN.search(lower, pos)) is not None:
        opener = m.group()
        close = "-->" if opener == "<!--" else "</" + opener[1:]
        found = lower.find(close, m.end())
        if found < 0:
            out.append(html[pos:m.start()])
            return "".join(out)
        end = found + len(close) if opener == "<!--" else (lower.find(">", found) + 1 or len(html))
        keep = opener == "<script" and "ld+json" in lower[m.start():lower.find(">", m.start())]
        out.append(html[pos:end] if keep else html[pos:m.start()])
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _extract(text: str, meta: Meta, settings: Settings, flags: list[Flag]) -> Article:
    if meta.input_kind == "html":
        content = extract_html(text, settings.html_extractor)
        meta.extra["html_extractor"] = content.extractor
        meta.title = meta.title or content.title
        meta.site = content.site
        meta.url = meta.url or _checked_url(content.url, flags)
        if content.date:
            meta.extra["html_date"] = content.date
        if (stamp := published_from_html(text)) is not None:
            meta.extra["html_published"] = stamp
        segments = list(content.segments)
        if meta.title:
            segments.insert(0, Segment("headline", meta.title))
        article = compose(segments, meta)
        if content.fallback:
            article.flag("extraction_fallback", "no extractor found main content; page text used")
        return article
    if meta.input_kind == "trec":
        body = _TREC_TEXT.search(text)
        return compose(_titled(meta, body.group(1) if body else ""), meta)
    if meta.title or meta.extra.get("author"):
        return compose(_titled(meta, text), meta)
    return Article(text, meta)


def _titled(meta: Meta, body: str) -> list[Segment]:
    """Segments for a text that came with a separate title and byline (TREC, JSON, feeds)."""
    segments = [Segment("headline", meta.title)] if meta.title else []
    if meta.extra.get("author"):
        segments.append(Segment("byline", str(meta.extra["author"]).strip()))
    segments += [Segment("paragraph", line.strip()) for line in body.splitlines() if line.strip()]
    return segments


def compose(segments: list[Segment], meta: Meta) -> Article:
    """Join extracted pieces into one text, keeping each piece as a span."""
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for seg in segments:
        if not seg.text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(seg.text)
        spans.append(Span(pos, pos + len(seg.text), seg.kind, SOURCE, dict(seg.attrs)))
        pos += len(seg.text)
    article = Article("".join(parts), meta)
    article.layers["segments"] = spans
    return article


def _limit(article: Article, settings: Settings) -> Article:
    """Cut a text longer than ``max_text_chars`` at a line break and flag it."""
    limit = settings.max_text_chars
    if len(article.text) <= limit:
        return article
    cut = article.text.rfind("\n", 0, limit)
    cut = cut if cut > limit // 2 else limit
    short = Article(article.text[:cut], article.meta)
    if "segments" in article.layers:
        short.layers["segments"] = [s for s in article.layers["segments"] if s.end <= cut]
    short.flags = list(article.flags)
    short.flag("too_large", f"text of {len(article.text)} characters cut to {cut} "
               f"(max_text_chars={limit})")
    return short


def _check_language(article: Article, settings: Settings) -> None:
    guess = guess_language(article.text, settings.max_persian_ratio)
    article.meta.language = guess.language
    letters_in_arabic = guess.letters * guess.arabic_script_ratio
    if guess.letters < settings.min_chars:
        raise InputError(f"only {guess.letters} letters of text", reason="empty")
    if guess.language != "ar" or guess.arabic_script_ratio < settings.min_arabic_ratio:
        if guess.language == "ar" and letters_in_arabic >= 200:
            article.flag("mixed_script", f"only {guess.arabic_script_ratio:.0%} of letters are Arabic")
            return
        raise InputError(f"text is not Arabic (language={guess.language}, arabic script "
                         f"{guess.arabic_script_ratio:.0%}, persian/urdu letters "
                         f"{guess.persian_ratio:.1%})", reason="not_arabic")
