"""Articles as JSON (for machines) and as a readable report (for people).

The JSON schema is documented in the README ("Output schema"); every span
has ``start``, ``end`` (character offsets into ``text``) and ``text``.

Output is always strict JSON (RFC 8259), wherever rasd writes it (``rasd
analyze --format json``, the store, exports, the web API): :func:`dumps`
never writes ``NaN`` or ``Infinity`` and never a lone surrogate. An analysed
article's non-finite numbers are replaced by ``null`` and flagged
``non_finite_value`` (:func:`drop_non_finite`, run after the components).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from . import __version__
from .errors import Rejection
from .model import Article, Span

SOURCE = "rasd.serialize"
_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: Any, *, indent: int | None = None, compact: bool = False) -> str:
    """``value`` as strict JSON text (UTF-8 safe, ``ensure_ascii=False``): a non-finite float
    becomes ``null`` and a lone surrogate U+FFFD, so no strict parser rejects the line."""
    seps = (",", ":") if compact else None
    try:
        out = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent, separators=seps)
    except ValueError:
        out = None
    if out is None or _SURROGATE.search(out):
        out = json.dumps(strict_value(value), ensure_ascii=False, allow_nan=False, indent=indent,
                         separators=seps)
    return out


def strict_value(value: Any) -> Any:
    """A copy of a JSON-able value with non-finite floats as ``None`` and lone surrogates as
    U+FFFD (in keys too)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {strict_value(str(k)): strict_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict_value(v) for v in value]
    return value


def drop_non_finite(article: Article) -> None:
    """Replace every NaN or infinite number in the article's span attributes and ``meta.extra``
    by ``None``, with one ``non_finite_value`` flag naming where (a component's figure that
    overflowed, an input field)."""
    found: list[str] = []
    for name, spans in article.layers.items():
        for i, span in enumerate(spans):
            _finite(span.attrs, f"{name}[{i}]", found)
    _finite(article.meta.extra, "meta.extra", found)
    if found:
        article.flag("non_finite_value", f"{len(found)} non-finite number(s) replaced by null: "
                     f"{', '.join(found[:5])}", SOURCE)


def _finite(value: Any, path: str, found: list[str]) -> Any:
    """``value`` with non-finite floats replaced (dicts and lists in place); their paths in ``found``."""
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        found.append(path)
        return None
    if isinstance(value, Span):
        _finite(value.attrs, path, found)
    elif isinstance(value, dict):
        for k, v in value.items():
            new = _finite(v, f"{path}.{k}", found)
            if new is not v:
                value[k] = new
    elif isinstance(value, list):
        for i, v in enumerate(value):
            new = _finite(v, f"{path}[{i}]", found)
            if new is not v:
                value[i] = new
    elif isinstance(value, tuple):
        items = [_finite(v, f"{path}[{i}]", found) for i, v in enumerate(value)]
        if any(a is not b for a, b in zip(items, value, strict=True)):
            return tuple(items)
    return value

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
