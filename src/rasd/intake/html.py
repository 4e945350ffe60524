"""Main content of an HTML page, kept as typed segments: a fast path (resiliparse) with
trafilatura as the fallback.

The fast path parses the page once with resiliparse (lexbor, C++), takes its main-content
extract in minimal HTML (``<h1-6>`` headings, ``<p>`` paragraphs, list items, image alt
texts) and reads the title, canonical URL and site name from the head: about 1 ms a page
against trafilatura's 45. When that result looks poor (:func:`_poor`: little text, or no
paragraph of sentence length), or resiliparse is absent or fails, trafilatura runs
(``output_format="xml"``; its ``<head>`` subheadings, ``<p>`` paragraphs, ``<graphic>``
alt texts and ``<lb/>`` breaks become segments). Either way the segments are hints that
the Arabic-aware structure component refines (boilerplate, duplicates, captions and
credits, the sources line). ``html_extractor`` (a setting) chooses: ``fast`` (default)
or ``trafilatura``. Body-text F1 on the gold pages: eval/eval_extraction.py.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ..errors import InputError

log = logging.getLogger(__name__)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\ufeff]+")


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
    extractor: str = "trafilatura"  # fast | trafilatura | page-text


#: The fast path's result is poor (trafilatura runs instead) below this many letters of text,
#: when fewer than ``_MIN_LONG_SHARE`` of its characters are in segments of ``_MIN_PARAGRAPH``
#: characters or more, or when it has more short segments (under ``_SHORT`` characters: menu
#: items, buttons, counters) than long ones: page furniture the main-content heuristic kept.
_MIN_LETTERS = 200
_MIN_PARAGRAPH = 60
_MIN_LONG_SHARE = 0.75
_SHORT = 25
_BLOCK = re.compile(r"<(h[1-6]|p|li|pre)>(.*?)</\1>|([^<\n][^\n]*)", re.S)
_TAG = re.compile(r"<[^>]{0,200}>")
_LETTER = re.compile(r"[^\W\d_]")
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:]\s+[^|\-–—:]{1,40}$")


def _fast(html: str) -> HtmlContent | None:
    """Main content with resiliparse, or ``None`` (not installed, failed, or a poor result)."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        return None
    try:
        tree = HTMLTree.parse(html)
        minimal = extract_plain_text(tree, preserve_formatting="minimal_html", main_content=True,
                                     alt_texts=True, list_bullets=False, links=False)
    except (TypeError, ValueError, RuntimeError) as exc:  # resiliparse's parser errors
        log.warning("resiliparse failed: %s", exc)
        return None
    segments = _from_first_paragraph(_minimal_segments(minimal))
    if _poor(segments):
        return None
    head = _head_meta(tree)
    return HtmlContent(segments, head.get("title"), _page_date(html), head.get("site"), head.get("url"),
                       extractor="fast")


def _from_first_paragraph(segments: list[Segment]) -> list[Segment]:
    """Segments from the first paragraph of sentence length on: what the main-content
    heuristic keeps above it is the page's header (logo texts, the title again, a date and
    "last updated" line); the title is the article's headline anyway."""
    first = next((i for i, s in enumerate(segments)
                  if s.kind == "paragraph" and len(s.text) >= _MIN_PARAGRAPH), 0)
    return segments[first:]


def _page_date(html: str) -> str | None:
    """The page's date as trafilatura's metadata finds it (htmldate, ``YYYY-MM-DD``): the
    quick search of the markup first (about 3 ms), the extensive one (about 20 ms, what
    trafilatura always runs) only when that finds nothing."""
    from htmldate import find_date

    for extensive in (False, True):
        try:
            found = find_date(html, extensive_search=extensive, original_date=True)
        except (ValueError, TypeError) as exc:
            log.warning("htmldate failed: %s", exc)
            return None
        if found:
            return str(found)
    return None


def _minimal_segments(minimal: str) -> list[Segment]:
    import html as html_lib

    segments = []
    for m in _BLOCK.finditer(minimal):
        tag, inner, bare = m.group(1), m.group(2), m.group(3)
        kind = "paragraph" if tag in (None, "p", "pre") else "item" if tag == "li" else "subheading"
        for part in re.split(r"<br\s*/?>|\n", inner if inner is not None else bare):
            text = _clean(html_lib.unescape(_TAG.sub("", part)))
            if text:
                segments.append(Segment(kind, text))
    return segments


def _poor(segments: list[Segment]) -> bool:
    letters = sum(len(_LETTER.findall(s.text)) for s in segments)
    if letters < _MIN_LETTERS:
        return True
    long = [len(s.text) for s in segments if len(s.text) >= _MIN_PARAGRAPH]
    short = sum(1 for s in segments if len(s.text) < _SHORT)
    return not long or sum(long) < _MIN_LONG_SHARE * sum(len(s.text) for s in segments) or short > len(long)


def _head_meta(tree: object) -> dict[str, str]:
    """Title (og:title, the first h1, else <title> without a trailing site name), canonical
    URL (link rel=canonical, else og:url) and site name (og:site_name)."""
    doc = tree.document  # type: ignore[attr-defined]

    def first(*selectors: str) -> str | None:
        for sel in selectors:
            el = doc.query_selector(sel)
            if el is None:
                continue
            is_attr = sel.startswith(("meta", "link"))
            value = (el.getattr("content") or el.getattr("href")) if is_attr else el.text
            if value and value.strip():
                return _clean(value)
        return None

    out = {}
    title = first('meta[property="og:title"]', "h1")
    if title is None and (page_title := first("title")):
        title = _TITLE_SUFFIX.sub("", page_title) or page_title
    for key, value in (("title", title), ("url", first('link[rel="canonical"]', 'meta[property="og:url"]')),
                       ("site", first('meta[property="og:site_name"]'))):
        if value:
            out[key] = value
    return out


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


def extract_html(html: str, extractor: str = "fast") -> HtmlContent:
    """Typed segments and metadata of ``html``'s main content: the fast path first when
    ``extractor == "fast"``, trafilatura when it is ``"trafilatura"`` or the fast result is
    poor, the page's text as a last resort. Raises :class:`InputError` (``malformed``)."""
    import trafilatura

    if "<" not in html:
        raise InputError("no HTML markup found", reason="malformed")
    if extractor == "fast" and (fast := _fast(html)) is not None:
        return fast
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
    return HtmlContent(segments, title or None, fallback=True, extractor="page-text")
