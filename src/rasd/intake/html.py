"""Main content of an HTML page with trafilatura, kept as typed segments.

trafilatura finds the main content and the page metadata; we keep its XML
structure (``<head>`` subheadings, ``<p>`` paragraphs, ``<graphic>`` images
with their alt text, ``<lb/>`` breaks) as a list of :class:`Segment` hints
that the Arabic-aware structure component then refines (boilerplate,
duplicates, captions and credits, the sources line).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ..errors import InputError

log = logging.getLogger(__name__)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass
class Segment:
    kind: str  # headline | paragraph | subheading | caption | item
    text: str
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class HtmlContent:
    segments: list[Segment]
    title: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    fallback: bool = False


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _segments_from_xml(xml: str) -> tuple[list[Segment], dict[str, str]]:
    from lxml import etree

    try:
        root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"trafilatura returned unreadable XML: {exc}", reason="malformed") from exc
    if root is None:
        return [], {}
    meta = {k: v for k, v in root.attrib.items() if isinstance(v, str)}
    segments: list[Segment] = []
    main = root.find("main")
    for el in (main if main is not None else root).iter("p", "head", "graphic", "item", "quote"):
        if el.tag == "graphic":
            alt = _clean(el.get("alt") or el.get("title") or "")
            if alt:
                segments.append(Segment("caption", alt, {"src": el.get("src") or ""}))
            continue
        if el.tag == "item" and el.getparent() is not None and el.getparent().tag != "list":
            continue
        kind = {"head": "subheading", "item": "item", "quote": "paragraph"}.get(el.tag, "paragraph")
        # <lb/> inside a paragraph separates what the page printed as paragraphs.
        parts = _split_on_lb(el)
        for part in parts:
            if part:
                segments.append(Segment(kind, part))
    return segments, meta


def _split_on_lb(el: object) -> list[str]:
    from lxml import etree

    assert isinstance(el, etree._Element)
    chunks: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            chunks.append("")
        elif child.tag in ("p", "head", "graphic", "item", "list", "quote"):
            pass  # nested blocks are visited on their own
        else:
            chunks[-1] += "".join(child.itertext())
        chunks[-1] += child.tail or ""
    return [_clean(c) for c in chunks]


def extract_html(html: str) -> HtmlContent:
    """Run trafilatura on ``html`` and return typed segments and metadata."""
    import trafilatura

    if "<" not in html:
        raise InputError("no HTML markup found", reason="malformed")
    try:
        xml = trafilatura.extract(
            html, output_format="xml", include_comments=False, include_images=True,
            include_tables=True, with_metadata=True, deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError) as exc:  # lxml on pathological input
        log.warning("trafilatura failed: %s", exc)
        xml = None
    if xml:
        segments, meta = _segments_from_xml(xml)
        if segments:
            return HtmlContent(segments, meta.get("title") or None, meta.get("date") or None,
                               meta.get("sitename") or None, meta.get("url") or None)
    return _fallback(html)


def _fallback(html: str) -> HtmlContent:
    """trafilatura found no main content: take the page's text as paragraphs."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        # document_fromstring always gives an <html> element (fromstring may give a comment).
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"HTML could not be parsed: {exc}", reason="malformed") from exc
    for bad in tree.xpath("//script|//style|//noscript|//nav|//footer|//header"):
        bad.drop_tree()
    title_el = tree.find(".//title")
    title = _clean(title_el.text_content()) if title_el is not None else None
    lines = [_clean(line) for line in tree.text_content().splitlines()]
    segments = [Segment("paragraph", line) for line in lines if line]
    return HtmlContent(segments, title or None, fallback=True)
