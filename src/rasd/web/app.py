"""The dashboard (``rasd serve``): HTML pages over the store, plus the JSON API.

The database is opened read-only for every request (``mode=ro``, or
``immutable=1`` on read-only storage). Pages are built by
:mod:`rasd.web.render` from :mod:`rasd.web.queries`; nothing is loaded from
the internet (no CDN, no tile server, no web fonts).

Every response carries a Content-Security-Policy that allows scripts, styles,
images and fonts from this server only (no inline script, no inline event
handler, no ``style`` attribute, no ``javascript:`` URL), plus
``X-Content-Type-Options: nosniff``; docs/store.md says what a page may do
under it. A stored URL becomes a link only when it is ``http`` or ``https``.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated, Any, ClassVar

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import StoreError
from ..store.db import Store
from ..store.event_query import EventFilters, select_events
from ..store.query import DEFAULT_LIMITS, Budget, QueryLimits, QueryTimeout
from ..store.search import Filters, parse_query, search_page
from . import charts, downloads, events_pages, queries
from . import event_queries as eq
from . import render as r
from .api import ENDPOINTS, SEARCH_THREADS, ApiError, FiltersDep, StoreDep, error_response, router, run_search

PAGE_SIZE = 20
#: Newest events on the home page (each a link to its evidence sentence).
LATEST_EVENTS = 8
ARTICLE_FORMATS = (("csv", "CSV"), ("parquet", "Parquet"), ("jsonl", "JSON Lines"))


#: Sent with every response (pages, API, static files). No inline script or handler, no style
#: attribute, no javascript: URL, nothing from another origin; forms post only here.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db: str, limits: QueryLimits = DEFAULT_LIMITS) -> FastAPI:
    """The application for the database at ``db`` (opened read-only per request); searches are
    bounded by ``limits``."""
    app = FastAPI(
        title="rasd", version=__version__, docs_url=None, redoc_url=None, openapi_url="/api/openapi.json"
    )
    app.state.db = db
    app.state.limits = limits
    app.state.search_pool = anyio.CapacityLimiter(SEARCH_THREADS)
    app.add_middleware(SecurityHeaders)
    app.include_router(router)
    app.include_router(events_pages.api)
    app.include_router(events_pages.pages)
    app.include_router(downloads.router)
    app.mount("/static", StaticFiles(directory=str(files("rasd.web").joinpath("static"))), name="static")
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(QueryTimeout, _timeout)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _store_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.include_router(_pages())
    return app


def _answer(request: Request, status: int, code: str, message: str) -> Response:
    if request.url.path.startswith("/api"):
        return error_response(status, code, message)
    body = f'<h1>{status}</h1><p class="error"><b>{r.e(code)}</b>: {r.e(message)}</p>'
    return HTMLResponse(r.page("Error", body), status_code=status)


async def _api_error(request: Request, exc: ApiError) -> Response:
    return _answer(request, exc.status, exc.code, exc.message)


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every response (pages, API, static files,
    errors), without wrapping the response body."""

    _RAW: ClassVar[list[tuple[bytes, bytes]]] = [
        (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in self._RAW if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _store_error(request: Request, exc: StoreError) -> Response:
    return _answer(request, 400, "bad_request", exc.detail)


async def _timeout(request: Request, exc: QueryTimeout) -> Response:
    return _answer(request, 503, "query_timeout", exc.detail)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
    return _answer(request, 422, "invalid_parameter", problems)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return _answer(request, exc.status_code, code, str(exc.detail))


def _filter_form(action: str, q: str | None, flt: Filters, extra: str = "") -> str:
    query = (
        (
            f'<label>Search (Arabic)<input name="q" value="{r.e(q)}" dir="rtl" lang="ar" '
            f'placeholder="مثال: غزة" autofocus></label>'
        )
        if q is not None
        else ""
    )
    fields = "".join(
        f'<label>{label}<input name="{name}" value="{r.e(value)}"{attrs}></label>'
        for label, name, value, attrs in (
            ("From", "from", flt.date_from, ' type="date"'),
            ("To", "to", flt.date_to, ' type="date"'),
            ("Outlet", "outlet", flt.outlet, ""),
            ("Entity", "entity", flt.entity, ""),
            ("Event type", "event_type", flt.event_type, ""),
            ("Place", "place", flt.place, ""),
        )
    )
    form = f'<form class="search" method="get" action="{action}">'
    return f"{form}{query}{fields}{extra}<button>Go</button></form>"


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in spans:
        out += [r.e(text[pos:start]), "<mark>", r.e(text[start:end]), "</mark>"]
        pos = end
    return "".join(out) + r.e(text[pos:])


def _article_link(a: dict[str, Any], q: str = "") -> str:
    href = f"/article/{a['id']}" + (f"?{r.qs(q=q)}" if q else "")
    return f'<a href="{href}">{r.ar(a.get("headline") or "(no headline)")}</a>'


def _articles_table(items: list[dict[str, Any]]) -> str:
    return r.table(
        ["Date", "Outlet", "Headline", "Story"],
        [
            [
                r.e(a["date"]),
                r.e(a["outlet"]),
                _article_link(a),
                f'<a href="/story/{a["story_id"]}">{a["story_id"]}</a>' if a.get("story_id") else "",
            ]
            for a in items
        ],
    )


async def home(request: Request, flt: FiltersDep, q: str = "",
               page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
    """The search page: a bounded search in the search pool (see :func:`rasd.web.api.run_search`)."""

    def work(store: Store, budget: Budget, limits: QueryLimits) -> str:
        return _home_html(store, budget, limits, flt, q, page)

    return HTMLResponse(await run_search(request, work))


def _home_html(store: Store, budget: Budget, limits: QueryLimits, flt: Filters, q: str,  # noqa: PLR0917
               page: int) -> str:
    form = _filter_form("/", q, flt)
    if not q.strip() and flt == Filters():
        s = queries.stats(store.conn)
        cards = "".join(
            f'<div class="card"><b>{v}</b>{k}</div>'
            for k, v in (
                ("articles", s["articles"]),
                ("outlets", s["outlets"]),
                ("stories", s["stories"]),
                ("stories with 2+ reports", s["multi_report_stories"]),
            )
        )
        layers = ", ".join(f"{k} ({v})" for k, v in sorted(s["layers"].items()))
        body = (
            f"<h1>Search the store</h1>{form}<div class=cards>{cards}</div>"
            f"<p class=meta>{r.e(s['first_date'])} to {r.e(s['last_date'])} · layers: {r.e(layers)}</p>"
            f"{latest_events(store)}<h2>Articles per day</h2>{articles_chart(queries.timeline(store.conn))}"
        )
        return r.page("Search", body, "search")
    total, hits = search_page(store.conn, q, flt, PAGE_SIZE, (page - 1) * PAGE_SIZE, budget=budget,
                              limits=limits)
    items = "".join(
        f'<li class="hit" data-id="{h.id}"><div class="headline">{_article_link(h.to_dict(), q)}</div>'
        f'<span class="meta">{r.e(h.date)} · {r.e(h.outlet)} · '
        f'<a href="/story/{h.story_id}">story {h.story_id}</a></span>'
        f'<span class="snippet" dir="rtl" lang="ar">{_marked(h.snippet, h.highlights)}</span></li>'
        for h in hits
    )
    pager = ""
    if total > page * PAGE_SIZE:
        pager = (
            f'<p class="pager"><a href="/?{r.qs(q=q, page=page + 1, **_flt_params(flt))}">'
            f"next {PAGE_SIZE}</a></p>"
        )
    body = (
        f"<h1>Search</h1>{form}<p class=meta id=total>{total} article(s) match</p>"
        + events_pages.downloads("articles", r.qs(q=q, **_flt_params(flt)), ARTICLE_FORMATS)
        + f"<p class=meta><a href=\"/events?{r.e(r.qs(q=q))}\">events in these articles</a></p>"
        f'<ol class="hits">{items}</ol>{pager}'
    )
    return r.page(f"Search: {q}", body, "search")


def latest_events(store: StoreDep) -> str:
    """The newest actual events, each row linking to its evidence sentence (one click) and its detail."""
    flt = eq.default_filters(EventFilters(), False, False)
    rows, total = eq.events_page(store.conn, flt, 1, size=LATEST_EVENTS)
    if not rows:
        return ""
    links = f'<a href="/events">all {total:,}</a> · <a href="/map">map</a>'
    return (f"<h2>Latest events <small>{links}</small></h2>"
            + r.table(events_pages.EVENT_HEADERS, [events_pages.event_row(x) for x in rows], "events latest"))


def articles_chart(days: list[dict[str, Any]]) -> str:
    """Articles per day (per week over long ranges) on a real time axis."""
    import datetime as dt

    dated = sorted((dt.date.fromisoformat(d["date"][:10]), d["articles"]) for d in days if d["articles"])
    if not dated:
        return '<p class="empty">No dated articles.</p>'
    weekly = (dated[-1][0] - dated[0][0]).days > eq.DAY_BINS_MAX
    bins: dict[dt.date, int] = {}
    for day, n in dated:
        key = day - dt.timedelta(days=day.weekday()) if weekly else day
        bins[key] = bins.get(key, 0) + n
    items: list[dict[str, Any]] = [{"date": d.isoformat(), "values": {"articles": n}}
                                   for d, n in sorted(bins.items())]
    return charts.time_chart(items, str(items[0]["date"]), dated[-1][0].isoformat(),
                             bin_days=7 if weekly else 1, series=("articles",), css="a",
                             unit=f"articles per {'week' if weekly else 'day'}")


def _evidence_span(ev: str, text: str) -> list[dict[str, Any]]:
    """The evidence sentence an event links to (``ev=START-END``), as a highlight; nothing when
    the offsets do not fit the text."""
    try:
        start, end = (int(x) for x in ev.split("-", 1))
    except ValueError:
        return []
    if not 0 <= start < end <= len(text):
        return []
    return [{"layer": "evidence", "label": "evidence", "start": start, "end": end, "text": text[start:end],
             "attrs": {}}]


def article_page(request: Request, store: StoreDep, article_id: int, q: str = "",
                 ev: str = "") -> str:
    article = store.article(article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article {article_id}")
    spans = store.spans(article_id)
    blocks = [s for s in spans if s["layer"] == "blocks"]
    shown = [s for s in spans if s["layer"] not in queries.STRUCTURE_LAYERS]
    if q.strip():
        from ..store.search import match_offsets

        shown += [
            {"layer": "match", "label": "query", "start": s, "end": e, "attrs": {}}
            for s, e in match_offsets(article["text"], parse_query(q, request.app.state.limits))
        ]
    shown += _evidence_span(ev, article["text"])
    counts: dict[str, int] = {}
    for s in shown:
        counts[s["layer"]] = counts.get(s["layer"], 0) + 1
    story = ""
    if article["story_id"]:
        others = [
            a
            for a in queries.story(store.conn, article["story_id"])["articles"]  # type: ignore[index]
            if a["id"] != article_id
        ]
        if others:
            story = f"<h2>Other reports of this story ({len(others)})</h2>{_articles_table(others)}"
    meta = (
        f'<p class="meta">{r.e(article["date"])} · {r.e(article["outlet"])} · '
        f'<a href="/story/{article["story_id"]}">story {article["story_id"]}</a>'
        + (f' · <a href="{r.e(href)}" rel="noreferrer noopener">original</a>'
           if (href := r.safe_href(article["url"])) else "")
        + f' · <a href="/api/articles/{article_id}">JSON</a></p>'
    )
    flags = "".join(
        f"<li>{r.e(f['code'])}: {r.e(f['message'])}</li>" for f in article["doc"].get("flags", [])
    )
    body = (
        f'<h1 dir="rtl" lang="ar">{r.e(article["headline"])}</h1>{meta}{r.legend(counts)}'
        f'<div id="span-details">Hover or click a highlight for its details.</div>'
        f"{_first_evidence_id(r.article_body(article['text'], blocks, shown))}"
        + (f"<h2>Flags</h2><ul>{flags}</ul>" if flags else "")
        + _span_tables(shown)
        + story
    )
    return r.page(article["headline"] or f"Article {article_id}", body)


def _first_evidence_id(html: str) -> str:
    """The first mark of the evidence sentence gets ``id="evidence"`` (the link's ``#evidence``
    scrolls to it; a sentence split by crossing spans has several marks)."""
    return html.replace('<mark class="hl hl-evidence"', '<mark id="evidence" class="hl hl-evidence"', 1)


def stories_page(
    store: StoreDep, min_size: Annotated[int, Query(ge=1)] = 2, page: Annotated[int, Query(ge=1)] = 1
) -> str:
    items = queries.stories(store.conn, min_size, 50, (page - 1) * 50)
    rows = [
        [
            f'<a href="/story/{s["id"]}">{s["id"]}</a>',
            str(s["size"]),
            str(s["outlets"]),
            f'<a href="/story/{s["id"]}">{r.ar(s["headline"])}</a>',
            f"{r.e(s['first_date'])} – {r.e(s['last_date'])}",
        ]
        for s in items
    ]
    body = (
        f"<h1>Stories</h1><p class=meta>Reports grouped by near-duplicate text (MinHash/LSH); "
        f"showing stories with at least {min_size} report(s). "
        f'<a href="/stories?min_size=1">all</a></p>'
        + r.table(["Story", "Reports", "Outlets", "Headline", "Dates"], rows, "stories")
        + (
            f'<p class="pager"><a href="/stories?{r.qs(min_size=min_size, page=page + 1)}">more</a></p>'
            if len(items) == 50
            else ""
        )
    )
    return r.page("Stories", body, "stories")


def story_page(store: StoreDep, story_id: int) -> str:
    story = queries.story(store.conn, story_id)
    if story is None:
        raise ApiError(404, "not_found", f"no story {story_id}")
    body = (
        f'<h1 dir="rtl" lang="ar">{r.e(story["headline"])}</h1>'
        f"<p class=meta>{story['size']} report(s) from {story['outlets']} outlet(s), "
        f"{r.e(story['first_date'])} – {r.e(story['last_date'])}</p>{_articles_table(story['articles'])}"
    )
    return r.page(f"Story {story_id}", body, "stories")


def entities_page(store: StoreDep, q: str = "", label: str = "") -> str:
    items = queries.entities(store.conn, q, label or None, 200)
    rows = [
        [
            f'<a href="{r.entity_link(x["kb_id"] or x["name_en"] or x["name"])}">{r.ar(x["name"])}</a>',
            r.e(x["name_en"]),
            r.ar(" · ".join(f for f in x["forms"] if f != x["name"])),
            r.e(x["label"]),
            f"{x['articles']:,}",
            f"{x['mentions']:,}",
        ]
        for x in items
    ]
    form = (
        f'<form class="search" action="/entities"><label>Name (Arabic, any spelling, or English: Trump)'
        f'<input name="q" value="{r.e(q)}"></label><label>Type (PERS, LOC, ORG)<input name="label" '
        f'value="{r.e(label)}"></label><button>Go</button></form>'
    )
    query = r.qs(q=q, label=label)
    body = f"<h1>Entities</h1>{form}" + events_pages.downloads(
        "entities", query, (("csv", "CSV"), ("parquet", "Parquet"))) + (
        r.table(["Name (as written)", "English", "Other spellings", "Type", "Articles", "Mentions"], rows,
                "entities")
        if rows
        else '<p class="empty">No entity matches (the entities layer may be empty or absent).</p>'
    )
    return r.page("Entities", body, "entities")


def entity_page(store: StoreDep, name: str) -> str:
    found = queries.entity(store.conn, name)
    if not found["mentions"]:
        raise ApiError(404, "not_found", f"no entity {name!r} in the store")
    shown = next(iter(found["forms"]), name)
    forms = ", ".join(f"{k} ({v})" for k, v in found["forms"].items())
    labels = ", ".join(f"{k} {v}" for k, v in found["labels"].items())
    ids = [a["id"] for a in found["articles"]]
    flt = eq.default_filters(EventFilters(), False, False)
    evs = select_events(store.conn, flt, limit=50, article_ids=ids)
    refs = eq.evidence(store.conn, [e["id"] for e in evs])
    for ev in evs:
        ev["evidence_ref"] = refs.get(ev["id"])
    body = (
        f'<h1><span dir="rtl" lang="ar">{r.e(shown)}</span> {r.e(found["name_en"] or "")}</h1>'
        f"<p class=meta>{found['mentions']} mention(s) in {len(found['articles'])} article(s); "
        f'types {r.e(labels)}; written <span dir="rtl" lang="ar">{r.e(forms)}</span></p>'
        + (f"<h2>Events in these articles</h2>"
           f"{r.table(events_pages.EVENT_HEADERS, [events_pages.event_row(e) for e in evs], 'events')}"
           if evs else "")
        + f"<h2>Articles</h2>{_articles_table(found['articles'])}"
    )
    return r.page(shown, body, "entities")


def api_help() -> str:
    rows = [[f"<code>{r.e(k)}</code>", r.e(v)] for k, v in ENDPOINTS]
    body = (
        "<h1>JSON API</h1>"
        + r.table(["Endpoint", "Returns"], rows)
        + '<h2>Errors</h2><pre class="api">{"error": {"status": 404, "code": "not_found", '
        '"message": "no article 7"}}</pre>'
    )
    return r.page("API", body, "api")


#: The dashboard's pages: path and the function that builds it.
PAGES: tuple[tuple[str, Any], ...] = (
    ("/", home),
    ("/article/{article_id}", article_page),
    ("/stories", stories_page),
    ("/story/{story_id}", story_page),
    ("/entities", entities_page),
    ("/entity/{name}", entity_page),
    ("/api/", api_help),
)


def _pages() -> Any:
    from fastapi import APIRouter

    pages = APIRouter(default_response_class=HTMLResponse)
    for path, func in PAGES:
        pages.get(path)(func)
    return pages


def _flt_params(flt: Filters) -> dict[str, Any]:
    return {
        "from": flt.date_from,
        "to": flt.date_to,
        "outlet": flt.outlet,
        "entity": flt.entity,
        "event_type": flt.event_type,
        "place": flt.place,
        "story": flt.story,
    }


def _span_tables(spans: list[dict[str, Any]]) -> str:
    by_layer: dict[str, list[dict[str, Any]]] = {}
    for s in spans:
        if s["layer"] not in ("match", "evidence"):
            by_layer.setdefault(s["layer"], []).append(s)
    parts = []
    for layer, items in sorted(by_layer.items(), key=lambda kv: r._layer_rank(kv[0])):
        rows = []
        for s in items:
            text = (
                r.ar(s["text"])
                if s["layer"] != "entities"
                else (f'<a href="{r.entity_link(s["text"])}">{r.ar(s["text"])}</a>')
            )
            rows.append([text, r.e(s["label"]), f"{s['start']}..{s['end']}", r.e(r._title(s))])
        parts.append(
            f"<details><summary>{r.e(layer)} ({len(items)})</summary>"
            f"{r.table(['Text', 'Label', 'Offsets', 'Details'], rows)}</details>"
        )
    return "<h2>Layers</h2>" + "".join(parts) if parts else ""


def app_from_environment() -> FastAPI:
    """The application for the database named by ``$RASD_DB`` (how ``rasd serve --workers N`` hands
    it to each worker process)."""
    import os

    return create_app(os.environ["RASD_DB"])


__all__ = ["app_from_environment", "create_app"]
