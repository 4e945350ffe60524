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
from ..store.query import DEFAULT_LIMITS, Budget, QueryLimits, QueryTimeout
from ..store.search import Filters, parse_query, search_page
from . import queries
from . import render as r
from .api import ENDPOINTS, SEARCH_THREADS, ApiError, FiltersDep, StoreDep, error_response, router, run_search

PAGE_SIZE = 20
EVENT_COLUMNS = ["Date", "Type", "Actors", "Place", "Killed", "Evidence", "Article"]


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
            f"<h2>Articles per day</h2>{r.timeline_svg(queries.timeline(store.conn))}"
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
        f'<ol class="hits">{items}</ol>{pager}'
    )
    return r.page(f"Search: {q}", body, "search")


def article_page(request: Request, store: StoreDep, article_id: int, q: str = "") -> str:
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
        f"{r.article_body(article['text'], blocks, shown)}"
        + (f"<h2>Flags</h2><ul>{flags}</ul>" if flags else "")
        + _span_tables(shown)
        + story
    )
    return r.page(article["headline"] or f"Article {article_id}", body)


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


def events_page(store: StoreDep, flt: FiltersDep, type: str = "") -> str:
    types = queries.event_types(store.conn)
    options = "".join(
        f'<option value="{r.e(t)}"{" selected" if t == type else ""}>{r.e(t)} ({n})</option>'
        for t, n in types
    )
    extra = f'<label>Type<select name="type"><option value="">any</option>{options}</select></label>'
    evs = queries.events(store.conn, flt, type or None)
    rows = [_event_row(ev) for ev in evs]
    table = (
        r.table(EVENT_COLUMNS, rows, "events")
        if rows
        else '<p class="empty">No events in this store (the events layer is empty or absent), '
        "or none match the filters.</p>"
    )
    body = (
        f"<h1>Events</h1>{_filter_form('/events', None, flt, extra)}"
        f"<h2>Timeline</h2>{r.timeline_svg(queries.timeline(store.conn, flt))}"
        f"<h2>Events ({len(evs)})</h2>{table}"
    )
    return r.page("Events", body, "events")


def map_page(store: StoreDep, flt: FiltersDep) -> str:
    data = queries.map_points(store.conn, flt)
    what = (
        "event locations (events layer)"
        if data["kind"] == "events"
        else "places mentioned (entities with coordinates); no located events yet"
    )
    rows = [
        [
            r.e(p["name"]),
            str(p["count"]),
            f"{p['lat']:.2f}, {p['lon']:.2f}",
            " ".join(f'<a href="/article/{i}">{i}</a>' for i in p["articles"][:8]),
        ]
        for p in data["points"][:100]
    ]
    body = (
        f"<h1>Map</h1><p class=meta>Circles: {what}. Countries shaded by mentions. "
        f"Drawn offline from Natural Earth shapes shipped with rasd.</p>"
        f"{_filter_form('/map', None, flt)}{r.map_svg(data['points'], data['countries'])}"
        + (
            r.table(["Place", "Count", "Lat, lon", "Articles"], rows)
            if rows
            else '<p class="empty">No located events or places in this store yet.</p>'
        )
    )
    return r.page("Map", body, "map")


def entities_page(store: StoreDep, q: str = "", label: str = "") -> str:
    items = queries.entities(store.conn, q, label or None, 200)
    rows = [
        [
            f'<a href="{r.entity_link(x["name"])}">{r.ar(x["name"])}</a>',
            r.e(x["name_en"]),
            r.e(x["label"]),
            str(x["articles"]),
            str(x["mentions"]),
        ]
        for x in items
    ]
    form = (
        f'<form class="search" action="/entities"><label>Name (Arabic or English)'
        f'<input name="q" value="{r.e(q)}"></label><label>Type<input name="label" value="{r.e(label)}">'
        f"</label><button>Go</button></form>"
    )
    body = f"<h1>Entities</h1>{form}" + (
        r.table(["Name", "English", "Type", "Articles", "Mentions"], rows)
        if rows
        else '<p class="empty">No entities in this store yet (the entities layer is empty or absent).</p>'
    )
    return r.page("Entities", body, "entities")


def entity_page(store: StoreDep, name: str) -> str:
    found = queries.entity(store.conn, name)
    if not found["mentions"]:
        raise ApiError(404, "not_found", f"no entity {name!r} in the store")
    forms = ", ".join(f"{k} ({v})" for k, v in found["forms"].items())
    evs = [_event_row(ev) for ev in found["events"]]
    labels = ", ".join(f"{k} {v}" for k, v in found["labels"].items())
    body = (
        f'<h1><span dir="rtl" lang="ar">{r.e(name)}</span> {r.e(found["name_en"] or "")}</h1>'
        f"<p class=meta>{found['mentions']} mention(s) in {len(found['articles'])} article(s); "
        f'types {r.e(labels)}; written <span dir="rtl" lang="ar">{r.e(forms)}</span></p>'
        f"<h2>Articles</h2>{_articles_table(found['articles'])}"
        + (f"<h2>Events</h2>{r.table(EVENT_COLUMNS, evs, 'events')}" if evs else "")
    )
    return r.page(name, body, "entities")


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
    ("/events", events_page),
    ("/map", map_page),
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


def _actor(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("text") or "")
    return str(value or "")


def _event_row(ev: dict[str, Any]) -> list[str]:
    """One row of the events table, read from the typed event record the span holds."""
    from ..events.component import record_of
    from ..model import Span

    link = f"/article/{ev['article_id']}"
    headline = f'<a href="{link}">{r.ar(ev["headline"] or "(no headline)")}</a>'
    try:
        rec = record_of(Span(ev["start"], ev["end"], ev["label"], "ar.events.v1", ev["attrs"]))
    except (KeyError, TypeError, ValueError):  # a store written before typed records: re-ingest
        return [r.e(queries.event_date(ev)), r.e(ev["label"]), "", "", "", r.ar(str(ev["text"])), headline]
    kind = r.e(rec.event_type or "") + (
        f"<br><small>{r.e(rec.sub_event_type)}</small>" if rec.sub_event_type else "")
    actors = " · ".join(a.name for a in (rec.actor1, rec.actor2) if a is not None)
    killed = rec.fatalities.best if rec.fatalities is not None else None
    return [
        r.e(queries.event_date(ev)),
        kind,
        r.e(actors),
        r.e(rec.location.name or ""),
        r.e("" if killed is None else f"{killed:,}"),
        r.ar(rec.notes[:300] or str(ev["text"])),
        headline,
    ]


def _span_tables(spans: list[dict[str, Any]]) -> str:
    by_layer: dict[str, list[dict[str, Any]]] = {}
    for s in spans:
        if s["layer"] != "match":
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
