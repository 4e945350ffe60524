"""Blocks of an article: headline, header date, caption and credit, lead,
paragraphs, subheadings, sources line, and boilerplate.

Works on lines of a plain text, or on the segments an HTML/TREC extractor
recorded (``segments`` layer, whose kinds are hints). Each line becomes one
block span; boilerplate (share buttons, "Changed", related-story links) and
repeated headlines or captions are kept as blocks of kind ``boilerplate`` /
``duplicate`` so that nothing is lost, and they stay out of the clean text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import layers as L
from ..dates.page_date import parse_line_date
from ..lexicon import load
from ..model import Article, Span
from ..normalize import normalize_str
from ..settings import Settings
from .sources import match_source, split_items

NAME = "ar.structure.v1"
_LINE = re.compile(r"[^\n]+")
_TERMINAL = tuple(".!?؟:؛;,،…")
_QUOTE_END = tuple("»\"”'")
_CREDIT = re.compile(r"\s*[(\[]\s*(?P<credit>[^()\[\]]{1,40}?)\s*[)\]]\s*$")
_SOURCES_LABEL = re.compile(
    r"^\s*\*?\s*(?:(?:ال)?(?:مصادر|مصدر)\s*[:：]|نقلا\s+عن|نقلاً\s+عن|بالتعاون\s+مع)\s*", re.U)
_DATELINE_PAREN = re.compile(
    r"^(?P<place>[^\s()\d][^()\n:]{0,40}?)\s*\((?P<src>[^()\n]{1,30})\)\s*(?:--|—|–|-|:)\s*")
_DATELINE_DASH = re.compile(
    r"^(?P<place>[^\s()\d:][^()\n:–—-]{0,30}?)\s*[-–—]\s*(?P<src>[^:\n]{1,30}?)\s*:\s*")
_WORD = re.compile(r"\S+")


@dataclass
class Unit:
    """A stretch of text that becomes one block."""

    start: int
    end: int
    hint: str | None = None  # kind suggested by the extractor
    blank_before: bool = True
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Structure:
    blocks: list[Span] = field(default_factory=list)
    credits: list[Span] = field(default_factory=list)
    sources: list[Span] = field(default_factory=list)
    datelines: list[Span] = field(default_factory=list)
    page_date: str | None = None


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[dict[str, str], list[tuple[str, str]], list[tuple[re.Pattern[str], str]]]:
    data = load("boilerplate")
    lines = {_line_key(term): reason for reason, terms in data["lines"].items() for term in terms}
    prefixes = [(normalize_str(p).lower(), reason) for reason, ps in data["prefixes"].items() for p in ps]
    patterns = [(re.compile(p), reason) for reason, ps in data["patterns"].items() for p in ps]
    return lines, prefixes, patterns


def _line_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", normalize_str(text).lower()).split())


def boilerplate_reason(line: str) -> str | None:
    """Why a line is page furniture, or None if it may be article text."""
    lines, prefixes, patterns = _boilerplate()
    key = _line_key(line)
    if not key and line.strip():
        return "symbols"
    if key in lines:
        return lines[key]
    norm = normalize_str(line.strip()).lower()
    for prefix, reason in prefixes:
        if norm.startswith(prefix):
            return reason
    for pattern, reason in patterns:
        if pattern.fullmatch(norm):
            return reason
    return None


def units_from_text(text: str) -> list[Unit]:
    units: list[Unit] = []
    last_end = 0
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        blank = not units or "\n" in text[last_end:m.start()].replace("\n", "", 1)
        units.append(Unit(start, end, None, blank))
        last_end = m.end()
    return units


def units_from_segments(segments: list[Span]) -> list[Unit]:
    return [Unit(s.start, s.end, s.label, True, dict(s.attrs)) for s in segments]


READS = (L.SEGMENTS,)
WRITES = (L.BLOCKS, L.CREDITS, L.SOURCES, L.DATELINES)


def find(article: Article, settings: Settings) -> Structure:
    segments = article.layer("segments")
    units = units_from_segments(segments) if segments else units_from_text(article.text)
    return _Classifier(article, settings, units).run()


def annotate(article: Article, found: Structure) -> None:
    article.layers["blocks"] = found.blocks
    article.layers["credits"] = found.credits
    article.layers["sources"] = found.sources
    article.layers["datelines"] = found.datelines
    if found.page_date and not article.meta.page_date:
        article.meta.page_date = found.page_date


class _Classifier:
    """Walks the units once, in order, deciding each one's kind."""

    def __init__(self, article: Article, settings: Settings, units: list[Unit]) -> None:
        self.article = article
        self.text = article.text
        self.settings = settings
        self.units = units
        self.out = Structure()
        self.seen: dict[str, int] = {}
        self.expect_sources = False
        self.has_headline = False
        self.has_lead = False
        self.is_html = article.meta.input_kind == "html"
        self.last_paragraph = max((i for i, u in enumerate(units) if u.hint == "paragraph"
                                   and len(self.text[u.start:u.end].split()) >= 8), default=-1)

    def run(self) -> Structure:
        for i, unit in enumerate(self.units):
            kind, attrs = self._classify(i, unit)
            attrs.update(unit.attrs)
            attrs["index"] = len(self.out.blocks)
            self.out.blocks.append(Span(unit.start, unit.end, kind, NAME, attrs))
        return self.out

    # one decision per rule, in order of precedence ---------------------------------
    def _classify(self, i: int, unit: Unit) -> tuple[str, dict[str, Any]]:
        line = self.text[unit.start:unit.end]
        reason = boilerplate_reason(line)
        if reason is not None:
            return "boilerplate", {"reason": reason}
        if unit.hint != "headline" and (self.expect_sources or _SOURCES_LABEL.match(line)):
            found = self._sources(unit, line)
            if found is not None:
                return found
        if unit.hint == "byline":
            return "byline", self._dateline_items(unit.start, line)
        if not self.has_headline and not self.has_lead:
            date = parse_line_date(line)
            if date is not None:
                iso = date.date.isoformat()
                self.out.page_date = self.out.page_date or iso
                return "header_date", {"date": iso, "weekday_ok": date.weekday_ok}
        key = _line_key(line)
        if key in self.seen:
            return "duplicate", {"duplicate_of": self.seen[key]}
        if len(key) > 3:
            self.seen[key] = len(self.out.blocks)
        if self.is_html and unit.hint == "caption" and i > self.last_paragraph >= 0:
            return "boilerplate", {"reason": "related"}
        caption = self._caption(unit, line)
        if caption is not None:
            return caption
        if self._is_sources_only(line) and self.has_lead:
            self._add_sources(unit.start, line)
            return "sources", {}
        return self._text_kind(i, unit, line)

    def _text_kind(self, i: int, unit: Unit, line: str) -> tuple[str, dict[str, Any]]:
        words = len(line.split())
        terminal = line.rstrip().endswith(_TERMINAL)
        if unit.hint == "headline" or (
                not self.has_headline and not self.has_lead and not terminal and words <= 35
                and unit.hint is None):
            self.has_headline = True
            return "headline", {}
        if unit.hint == "subheading" or (self.has_lead and self._looks_subheading(i, line, words, terminal)):
            return "subheading", {}
        if not self.has_lead:
            self.has_lead = True
            self._dateline_at(unit.start, line)
            return "lead", {}
        return "paragraph", {}

    def _looks_subheading(self, i: int, line: str, words: int, terminal: bool) -> bool:
        if terminal or line.rstrip().endswith(_QUOTE_END) or words > self.settings.max_subheading_words:
            return False
        nxt = self.units[i + 1] if i + 1 < len(self.units) else None
        if nxt is None:
            return False
        next_line = self.text[nxt.start:nxt.end]
        return len(next_line.split()) > words and boilerplate_reason(next_line) is None

    def _caption(self, unit: Unit, line: str) -> tuple[str, dict[str, Any]] | None:
        m = _CREDIT.search(line)
        if m is None:
            return ("caption", {}) if unit.hint == "caption" else None
        before = line[:m.start()].rstrip()
        if not before or before.endswith(tuple(".!؟?")) or len(before.split()) > 30:
            return None
        entry = match_source(m.group("credit"))
        if entry is None:
            return ("caption", {}) if unit.hint == "caption" else None
        credit_start = unit.start + m.start("credit")
        credit = Span(credit_start, credit_start + len(m.group("credit")), "photo_credit", NAME,
                      {"id": entry.id, "name": entry.name, "kind": entry.kind})
        self.out.credits.append(credit)
        return "caption", {"text_end": unit.start + len(before),
                           "credit": {"id": entry.id, "name": entry.name}}

    # sources line and datelines ------------------------------------------------------
    def _sources(self, unit: Unit, line: str) -> tuple[str, dict[str, Any]] | None:
        label = _SOURCES_LABEL.match(line)
        rest_start = label.end() if label else 0
        if label and not line[rest_start:].strip():
            self.expect_sources = True
            return "sources_label", {}
        self.expect_sources = False
        rest = line[rest_start:]
        # "مصادر: ملك الأردن يستدعي..." is a headline citing sources, not a sources line.
        if len(rest.split()) > 6 and not self._is_sources_only(rest):
            return None
        self._add_sources(unit.start + rest_start, rest)
        return "sources", {}

    def _is_sources_only(self, line: str) -> bool:
        inner = line.strip().strip("()[]").strip()
        if not inner or len(inner.split()) > 6:
            return False
        items = split_items(inner, 0)
        return bool(items) and all(match_source(inner[s:e], ("agency", "outlet")) for s, e in items)

    def _add_sources(self, base: int, text: str) -> None:
        for item_start, item_end in split_items(text, base):
            raw = self.text[item_start:item_end].strip("()[] ")
            if not raw:
                continue
            s = self.text.index(raw, item_start)
            e = s + len(raw)
            entry = match_source(raw, ("agency", "outlet"))
            if entry is None:
                attrs = {"id": None, "name": raw, "known": False}
                label = "outlet"
            else:
                attrs = {"id": entry.id, "name": entry.short, "full_name": entry.name, "known": True}
                label = entry.kind
            self.out.sources.append(Span(s, e, label, NAME, attrs))

    def _dateline_at(self, start: int, line: str) -> None:
        for pattern in (_DATELINE_PAREN, _DATELINE_DASH):
            m = pattern.match(line)
            if m is None:
                continue
            entry = match_source(m.group("src"), ("agency", "outlet"))
            if entry is None and pattern is _DATELINE_DASH:
                continue
            self._add_dateline(start, m)
            return

    def _dateline_items(self, start: int, line: str) -> dict[str, Any]:
        """A byline: ``دبي - العربية.نت`` (place, then outlet or agency) or
        ``لندن: رنيم حنوش`` (place, then reporter). Returns the block's attrs."""
        colon = re.match(r"^\s*(?P<place>[^:\d]{2,30}?)\s*:\s*(?P<who>\S.{1,60})$", line)
        if colon and not match_source(colon.group("place"), ("agency",)):
            s = start + colon.start("place")
            self.out.datelines.append(Span(s, s + len(colon.group("place")), "dateline", NAME,
                                           {"place": colon.group("place")}))
            who = colon.group("who").strip()
            if match_source(who, ("agency", "outlet")):
                self._add_sources(start + colon.start("who"), who)
                return {}
            return {"reporter": who}
        items = split_items(line, start)
        known = [(s, e) for s, e in items if match_source(self.text[s:e], ("agency", "outlet"))]
        for s, e in known:
            self._add_sources(s, self.text[s:e])
        places = [(s, e) for s, e in items if (s, e) not in known]
        if places and known and places[0][0] < known[0][0]:
            s, e = places[0]
            self.out.datelines.append(Span(s, e, "dateline", NAME, {"place": self.text[s:e]}))
        elif places and not known:
            return {"reporter": line.strip()}
        return {}

    def _add_dateline(self, start: int, m: re.Match[str]) -> None:
        place = m.group("place").strip()
        end = start + len(m.group().rstrip())
        span = Span(start, end, "dateline", NAME, {"place": place})
        self.out.datelines.append(span)
        src_start = start + m.start("src")
        self._add_sources(src_start, m.group("src"))

