"""HTML for the dashboard: the page layout, highlighted article text, the timeline and the map.

Charts are SVG drawn on the server (:mod:`rasd.web.charts`); the map is Leaflet
(``static/map.js``); ``static/app.js`` toggles layers and shows span details. Arabic
content is wrapped in ``dir="rtl" lang="ar"`` elements.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib.resources import files
from itertools import pairwise
from string import Template
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from ..model import CONTENT_KINDS, META_KINDS

#: Colours per layer (CSS classes ``hl-<layer>`` in style.css use the same names).
LAYER_ORDER = (
    "evidence",
    "match",
    "entities",
    "dates",
    "quantities",
    "casualties",
    "quotes",
    "events",
    "sources",
    "datelines",
    "credits",
)


def e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


@lru_cache(maxsize=4)
def _template(name: str) -> Template:
    return Template(files("rasd.web").joinpath("templates", name).read_text(encoding="utf-8"))


def page(title: str, body: str, active: str = "", *, scripts: tuple[str, ...] = (),
         styles: tuple[str, ...] = ()) -> str:
    """A whole page; ``scripts`` and ``styles`` are more files under ``/static`` (no inline script:
    the Content-Security-Policy allows only files from this server)."""
    nav = "".join(
        f'<a href="{href}"{" class=active" if key == active else ""}>{label}</a>'
        for key, href, label in (
            ("search", "/", "Search"),
            ("stories", "/stories", "Stories"),
            ("events", "/events", "Events"),
            ("map", "/map", "Map"),
            ("entities", "/entities", "Entities"),
            ("api", "/api", "API"),
        )
    )
    head = "".join(f'<link rel="stylesheet" href="/static/{e(name)}">' for name in styles)
    tail = "".join(f'<script src="/static/{e(name)}"></script>' for name in scripts)
    return _template("base.html").substitute(title=e(title), nav=nav, body=body, head=head, scripts=tail)


def ar(text: Any, tag: str = "span", cls: str = "") -> str:
    """Arabic content, right-to-left."""
    klass = f' class="{cls}"' if cls else ""
    return f'<{tag} dir="rtl" lang="ar"{klass}>{e(text)}</{tag}>'


def qs(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def safe_href(url: Any) -> str | None:
    """``url`` when it may become a link (``http`` or ``https``, whatever its case or leading
    spaces), else ``None``: a stored ``javascript:`` or ``data:`` URL is shown, never linked."""
    if not isinstance(url, str):
        return None
    cleaned = url.strip()
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    return cleaned if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def entity_link(name: str) -> str:
    return f"/entity/{quote(name, safe='')}"


# -- highlighted text ---------------------------------------------------------
def _title(span: dict[str, Any]) -> str:
    attrs = span.get("attrs", {})
    bits = [f"{span['layer']}: {span['label']}"]
    for key in ("name_en", "name", "value", "best", "speaker", "place", "kb_id"):
        value = attrs.get(key)
        if isinstance(value, dict):
            value = value.get("text") or value.get("name_en")
        if value not in (None, "", [], {}):
            bits.append(f"{key}: {value}")
    return " · ".join(bits)


def _open(span: dict[str, Any], index: int) -> str:
    attrs = span.get("attrs", {})
    extra = f' data-name-en="{e(attrs["name_en"])}"' if attrs.get("name_en") else ""
    return (
        f'<mark class="hl hl-{e(span["layer"])}" data-layer="{e(span["layer"])}" '
        f'data-label="{e(span["label"])}" data-start="{span["start"]}" data-end="{span["end"]}" '
        f'data-span="{index}" title="{e(_title(span))}"{extra}>'
    )


def highlight(text: str, start: int, end: int, spans: list[dict[str, Any]]) -> str:
    """``text[start:end]`` as HTML with every span inside it wrapped in a ``<mark>``.

    Nested spans nest; a span that crosses another's end is closed and reopened, so every
    character is inside exactly the marks whose spans cover it.
    """
    inside = [
        (i, s) for i, s in enumerate(spans) if s["start"] < end and s["end"] > start and s["end"] > s["start"]
    ]
    bounds = sorted(
        {start, end, *(max(start, s["start"]) for _, s in inside), *(min(end, s["end"]) for _, s in inside)}
    )
    out: list[str] = []
    stack: list[int] = []
    for left, right in pairwise(bounds):
        covering = sorted(
            (i for i, s in inside if s["start"] <= left and s["end"] >= right),
            key=lambda i: (spans[i]["start"], -spans[i]["end"], i),
        )
        keep = 0
        while keep < len(stack) and keep < len(covering) and stack[keep] == covering[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        del stack[keep:]
        for i in covering[keep:]:
            out.append(_open(spans[i], i))
            stack.append(i)
        out.append(e(text[left:right]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def article_body(text: str, blocks: list[dict[str, Any]], spans: list[dict[str, Any]]) -> str:
    """The clean text, block by block, right-to-left, with the spans highlighted; the lines that
    describe the article (date line, byline, sources) are shown muted, boilerplate not at all."""
    parts = []
    for block in blocks:
        if block["label"] not in CONTENT_KINDS and block["label"] not in META_KINDS:
            continue
        end = int(block["attrs"].get("text_end", block["end"]))
        tag = {"headline": "h2", "subheading": "h3"}.get(block["label"], "p")
        meta = " block-meta" if block["label"] in META_KINDS else ""
        parts.append(
            f'<{tag} class="block block-{e(block["label"])}{meta}" data-start="{block["start"]}">'
            f"{highlight(text, block['start'], end, spans)}</{tag}>"
        )
    return f'<article class="text" dir="rtl" lang="ar">{"".join(parts)}</article>'


def legend(counts: dict[str, int]) -> str:
    items = [
        f'<label class="legend-item"><input type="checkbox" checked data-toggle="{e(layer)}"> '
        f'<span class="swatch hl-{e(layer)}"></span>{e(layer)} ({n})</label>'
        for layer, n in sorted(counts.items(), key=lambda kv: _layer_rank(kv[0]))
    ]
    return f'<div class="legend">{"".join(items) or "<em>no highlighted layers</em>"}</div>'


def _layer_rank(layer: str) -> tuple[int, str]:
    return (LAYER_ORDER.index(layer) if layer in LAYER_ORDER else len(LAYER_ORDER), layer)


def table(headers: list[str], rows: list[list[str]], cls: str = "") -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
