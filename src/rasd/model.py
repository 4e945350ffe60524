"""The document model: one immutable text, every annotation a span into it.

Like spaCy's ``Doc``: an :class:`Article` holds the text it was built from and
never changes it. Blocks, sentences, entities, dates, numbers, quotes and
event evidence are :class:`Span` objects in named layers, each carrying
``start``/``end`` character offsets into :attr:`Article.text`, a ``label``
and the versioned name of the component that produced it (``source``).
Tokens are a separate, lighter list because there are many of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .normalize import NormalizedText

#: Block kinds whose text is part of the clean article.
CONTENT_KINDS = frozenset({"headline", "lead", "paragraph", "subheading", "caption"})
#: Block kinds that describe the article but are not running text.
META_KINDS = frozenset({"header_date", "sources", "sources_label", "byline"})
#: Block kinds that are left out of the clean text.
BOILERPLATE_KINDS = frozenset({"boilerplate", "duplicate"})
BLOCK_KINDS = CONTENT_KINDS | META_KINDS | BOILERPLATE_KINDS


@dataclass(slots=True)
class Span:
    """A labelled slice ``text[start:end]`` of an article."""

    start: int
    end: int
    label: str
    source: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")

    def contains(self, other: Span | Token) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_dict(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": text[self.start:self.end],
            "label": self.label,
            "source": self.source,
        }
        for key, value in self.attrs.items():
            out[key] = _jsonable(value, text)
        return out


@dataclass(slots=True)
class Token:
    """A word, number or punctuation mark with its offsets and matching forms.

    ``norm`` is the normalized surface (see :mod:`rasd.normalize`); ``prefix``
    is the proclitic run that was recognised (``"و+ال"``), and ``stem_start``
    the offset where the stem begins, so a match on the stem maps back to raw
    offsets without losing the surface form. ``nstart`` is where ``norm`` starts in
    the article's normalized view (``article.normalized.text``).
    """

    start: int
    end: int
    kind: str  # word | number | latin | punct | symbol
    norm: str
    prefix: str = ""
    stem_start: int = -1
    block: int = -1
    nstart: int = -1

    @property
    def stem_norm(self) -> str:
        if not self.prefix:
            return self.norm
        return self.norm[len(self.prefix.replace("+", "")):]

    def to_dict(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": text[self.start:self.end],
            "kind": self.kind,
            "norm": self.norm,
        }
        if self.prefix:
            out["prefix"] = self.prefix
            out["stem"] = {"start": self.stem_start, "end": self.end,
                           "text": text[self.stem_start:self.end]}
        return out


@dataclass(frozen=True, slots=True)
class Flag:
    """Something a reader of the result should know: a partial result, a doubt."""

    code: str
    message: str
    source: str = "rasd"

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "source": self.source}


@dataclass
class Meta:
    """What is known about an article besides its text."""

    url: str | None = None
    path: str | None = None
    input_kind: str = "text"  # text | html | jsonl | trec
    encoding: str | None = None
    encoding_method: str | None = None  # bom | utf-8 | declared | detected | given
    language: str | None = None
    title: str | None = None  # a title given by the container (HTML <title>, TREC <TITLE>)
    published: str | None = None  # YYYY-MM-DD[THH:MM:SS...] as given
    published_source: str | None = None  # option | jsonl | html-meta | trec | header
    page_date: str | None = None  # a date printed on the page (header), ISO
    site: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "extra" and v is not None}
        if self.extra:
            out["extra"] = self.extra
        return out


class Article:
    """An article: an immutable text plus layers of spans over it."""

    def __init__(self, text: str, meta: Meta | None = None) -> None:
        self._text = text
        self.meta = meta or Meta()
        self.layers: dict[str, list[Span]] = {}
        self.tokens: list[Token] = []
        self.flags: list[Flag] = []

    @property
    def text(self) -> str:
        return self._text

    @cached_property
    def normalized(self) -> NormalizedText:
        """The normalized view of the whole text, with its offset map."""
        from .normalize import normalize

        return normalize(self._text)

    # layers -------------------------------------------------------------
    def layer(self, name: str) -> list[Span]:
        return self.layers.get(name, [])

    def add(self, name: str, span: Span) -> Span:
        if span.end > len(self._text):
            raise ValueError(f"span {span.start}..{span.end} beyond text of {len(self._text)}")
        self.layers.setdefault(name, []).append(span)
        return span

    def span_text(self, span: Span | Token) -> str:
        return self._text[span.start:span.end]

    def flag(self, code: str, message: str, source: str = "rasd") -> None:
        self.flags.append(Flag(code, message, source))

    # structure ------------------------------------------------------------
    @property
    def blocks(self) -> list[Span]:
        return self.layer("blocks")

    def content_blocks(self) -> Iterator[Span]:
        return (b for b in self.blocks if b.label in CONTENT_KINDS)

    def first_block(self, kind: str) -> Span | None:
        return next((b for b in self.blocks if b.label == kind), None)

    @property
    def headline(self) -> str | None:
        block = self.first_block("headline")
        return None if block is None else self.span_text(block)

    @property
    def sentences(self) -> list[Span]:
        return self.layer("sentences")

    def clean_text(self, kinds: frozenset[str] = CONTENT_KINDS) -> str:
        """The article without boilerplate: content blocks joined by blank lines.

        Captions contribute their text without the photo credit.
        """
        parts = []
        for block in self.blocks:
            if block.label not in kinds:
                continue
            end = block.attrs.get("text_end", block.end)
            parts.append(self._text[block.start:end].strip())
        return "\n\n".join(p for p in parts if p)

    def body_text(self) -> str:
        """Lead, paragraphs and subheadings only (what body-text gold files hold)."""
        return self.clean_text(frozenset({"lead", "paragraph", "subheading"}))


def _jsonable(value: Any, text: str) -> Any:
    if isinstance(value, (Span, Token)):
        return value.to_dict(text)
    if isinstance(value, list):
        return [_jsonable(v, text) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v, text) for k, v in value.items()}
    return value
