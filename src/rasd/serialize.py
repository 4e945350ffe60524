"""Articles as JSON (for machines) and as a readable report (for people).

The JSON schema is documented in the README ("Output schema"); every span
has ``start``, ``end`` (character offsets into ``text``) and ``text``.
"""

from __future__ import annotations

from typing import Any

from . import __version__
from .errors import Rejection
from .model import Article, Span

SCHEMA_VERSION = "1"
# Layers written under their own top-level key, in this order; others go under "layers".
_TOP_LAYERS = ("blocks", "sentences", "datelines", "credits", "sources")
_INTERNAL_LAYERS = frozenset({"segments"})


def sources_summary(article: Article) -> dict[str, list[dict[str, Any]]]:
    """Outlets and agencies named by the sources line, datelines and bylines, deduplicated."""
    out: dict[str, list[dict[str, Any]]] = {"outlets": [], "agencies": []}
    seen: set[tuple[str, str]] = set()
    for span in article.layer("sources"):
        group = "agencies" if span.label == "agency" else "outlets"
        key = (group, span.attrs.get("id") or span.attrs["name"])
        if key in seen:
            continue
        seen.add(key)
        out[group].append({"id": span.attrs.get("id"), "name": span.attrs["name"],
                           "full_name": span.attrs.get("full_name", span.attrs["name"]),
                           "text": article.span_text(span)})
    return out


def article_to_dict(article: Article, include_tokens: bool = True) -> dict[str, Any]:
    text = article.text
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "rasd": __version__,
        "status": "ok",
        "url": article.meta.url,
        "meta": article.meta.to_dict(),
        "headline": article.headline,
        "page_date": article.meta.page_date,
        "published": article.meta.published,
        "sources_summary": sources_summary(article),
        "captions": [_caption(article, b) for b in article.blocks if b.label == "caption"],
        "lead": _block_text(article, article.first_block("lead")),
        "subheadings": [article.span_text(b) for b in article.blocks if b.label == "subheading"],
        "clean_text": article.clean_text(),
        "flags": [f.to_dict() for f in article.flags],
        "text": text,
    }
    for name in _TOP_LAYERS:
        out[name] = [s.to_dict(text) for s in article.layer(name)]
    extra = {k: [s.to_dict(text) for s in v] for k, v in article.layers.items()
             if k not in _TOP_LAYERS and k not in _INTERNAL_LAYERS}
    out.update(extra)
    if include_tokens:
        out["tokens"] = [t.to_dict(text) for t in article.tokens]
    return out


def _block_text(article: Article, block: Span | None) -> str | None:
    return None if block is None else article.span_text(block)


def _caption(article: Article, block: Span) -> dict[str, Any]:
    end = block.attrs.get("text_end", block.end)
    return {"start": block.start, "end": end, "text": article.text[block.start:end],
            "credit": block.attrs.get("credit")}


def result_to_dict(result: Article | Rejection, include_tokens: bool = True) -> dict[str, Any]:
    if isinstance(result, Rejection):
        return result.to_dict()
    return article_to_dict(result, include_tokens)
