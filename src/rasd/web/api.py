"""The JSON API under ``/api``: one error shape for every failure.

Errors, whatever their cause (unknown article, bad parameter, bad query, no
database), are ``{"error": {"status": 404, "code": "not_found", "message": "..."}}``
with the HTTP status repeated in the body. Endpoints are listed in
docs/store.md and at ``GET /api``.

Responses are strict JSON (:func:`rasd.serialize.dumps`: never ``NaN`` or
``Infinity``, even from an older store). Searches (the search page and
``/api/search``) are bounded (:class:`~rasd.store.query.QueryLimits`, a 400
beyond them), run under a time budget (a 503 ``query_timeout`` when it runs
out) in a small pool of threads, and stop as soon as their client goes away.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from ..errors import StoreError
from ..serialize import dumps
from ..store.db import Store, open_store
from ..store.event_query import REALIS, EventFilters, changes, count_events, event_detail, select_events
from ..store.query import DEFAULT_LIMITS, Budget, QueryLimits
from ..store.search import Filters, SearchHit, search_page, select_ids
from . import queries

T = TypeVar("T")
#: Searches running at once; the others wait their turn (fewer threads fighting for the GIL).
SEARCH_THREADS = 4
#: How often a running search checks whether its client went away (seconds).
DISCONNECT_POLL = 0.05

ENDPOINTS: tuple[tuple[str, str], ...] = (
    ("GET /api", "this list"),
    ("GET /api/stats", "counts: articles, outlets, stories, spans per layer"),
    (
        "GET /api/search?q=&from=&to=&outlet=&entity=&event_type=&place=&story=&limit=&offset=",
        "search hits with snippets and highlight offsets",
    ),
    ("GET /api/articles/{id}", "one article: the stored JSON (all layers) and its spans"),
    ("GET /api/stories?min_size=&limit=&offset=", "stories, largest first"),
    ("GET /api/stories/{id}", "one story and its reports"),
    ("GET /api/events?type=&from=&to=&outlet=&place=&limit=", "spans of the events layer (event mentions)"),
    (
        "GET /api/fused-events?type=&country=&admin1=&from=&to=&actor=&realis=&min_confidence="
        "&q=&limit=&offset=",
        "fused events (one per incident, every report of it), newest first",
    ),
    ("GET /api/fused-events/{id}", "one fused event, its reports and the recorded changes of its id"),
    ("GET /api/event-changes?since=", "merges, splits and renames of event ids, oldest first"),
    (
        "GET /api/map-events?type=&country=&admin1=&from=&to=&actor=&realis=&min_confidence=&q=",
        "the map's events as GeoJSON (actual events above the detector's threshold unless asked otherwise)",
    ),
    ("GET /api/timeline?from=&to=&outlet=", "per day: articles, events, people killed and injured"),
    ("GET /api/map?from=&to=", "event (or place) locations and mentions per country"),
    ("GET /api/entities?q=&label=&limit=", "entities by number of articles"),
    ("GET /api/entities/{name}", "an entity's mentions, articles and events"),
)


class ApiError(Exception):
    """An error answered in the API's one shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


class StrictJSONResponse(JSONResponse):
    """JSON that every strict parser accepts (no NaN or Infinity, no lone surrogate)."""

    def render(self, content: Any) -> bytes:
        return dumps(content, compact=True).encode("utf-8")


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return StrictJSONResponse(error_body(status, code, message), status_code=status)


def open_reader(db: str) -> Store:
    """A read-only connection; an :class:`ApiError` 503 when the database cannot be read."""
    try:
        return open_store(db, readonly=True)
    except StoreError as exc:
        raise ApiError(503, "database_unavailable", exc.detail) from exc


_READERS = threading.local()


def pooled_reader(db: str) -> Store:
    """This thread's read-only connection to ``db``, opened once and kept while the file is the
    same (a store replaced on disk gets a new connection). The search pool's threads use it."""
    try:
        st = Path(db).stat()
    except OSError as exc:
        raise ApiError(503, "database_unavailable", f"no database at {db}: {exc.strerror}") from exc
    key = (db, st.st_dev, st.st_ino)
    cached: dict[tuple[str, int, int], Store] = _READERS.__dict__.setdefault("stores", {})
    store = cached.get(key)
    if store is None:
        for old in [k for k in cached if k[0] == db]:
            cached.pop(old).close()
        store = cached[key] = open_reader(db)
    return store


def store_dependency(request: Request) -> Iterator[Store]:
    """A read-only connection for one request."""
    store = open_reader(request.app.state.db)
    try:
        yield store
    finally:
        store.close()


async def run_search(request: Request, work: Callable[[Store, Budget, QueryLimits], T]) -> T:
    """Run ``work(store, budget, limits)`` in the search pool, under the query time budget, and
    cancel it (the budget's switch) as soon as the client disconnects."""
    limits: QueryLimits = request.app.state.limits
    budget = Budget(limits.seconds)

    def job() -> T:
        budget.check()  # it may have waited its turn long enough
        return work(pooled_reader(request.app.state.db), budget, limits)

    async def watch() -> None:
        while not await request.is_disconnected():
            await anyio.sleep(DISCONNECT_POLL)
        budget.cancel()

    outcome: list[T] = []
    failure: list[Exception] = []
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(watch)
        try:
            outcome.append(await anyio.to_thread.run_sync(job, limiter=request.app.state.search_pool))
        except Exception as exc:  # noqa: BLE001 - re-raised below, outside the group, for the handlers
            failure.append(exc)
        finally:
            tasks.cancel_scope.cancel()
    if failure:
        raise failure[0]
    return outcome[0]


StoreDep = Annotated[Store, Depends(store_dependency)]


def date_param(name: str, value: str | None) -> str | None:
    """An ISO date, or None for an empty form field; anything else is an invalid parameter."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ApiError(422, "invalid_parameter", f"{name}: expected YYYY-MM-DD, got {value!r}") from exc


async def filters(
    *,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    outlet: str | None = None,
    entity: str | None = None,
    event_type: str | None = None,
    place: str | None = None,
    story: str | None = None,
) -> Filters:
    if story and not story.isdigit():
        raise ApiError(422, "invalid_parameter", f"story: expected a number, got {story!r}")
    return Filters(
        date_param("from", date_from),
        date_param("to", date_to),
        outlet or None,
        entity or None,
        event_type or None,
        place or None,
        int(story) if story else None,
    )


FiltersDep = Annotated[Filters, Depends(filters)]
router = APIRouter(prefix="/api", default_response_class=StrictJSONResponse)


@router.get("")
def index() -> dict[str, Any]:
    return {
        "endpoints": [{"endpoint": k, "returns": v} for k, v in ENDPOINTS],
        "error_shape": error_body(404, "not_found", "what went wrong"),
    }


@router.get("/stats")
def api_stats(store: StoreDep) -> dict[str, Any]:
    return queries.stats(store.conn)


@router.get("/search")
async def api_search(
    request: Request,
    flt: FiltersDep,
    q: str = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    def work(store: Store, budget: Budget, limits: QueryLimits) -> tuple[int, list[SearchHit]]:
        return search_page(store.conn, q, flt, limit, offset, budget=budget, limits=limits)

    total, hits = await run_search(request, work)
    body = {"query": q, "total": total, "offset": offset, "hits": [h.to_dict() for h in hits]}
    return StrictJSONResponse(body)  # type: ignore[return-value]


@router.get("/articles/{article_id}")
def api_article(store: StoreDep, article_id: int) -> dict[str, Any]:
    article = store.article(article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article {article_id}")
    article["spans"] = store.spans(article_id)
    return article


@router.get("/stories")
def api_stories(
    store: StoreDep,
    min_size: Annotated[int, Query(ge=1)] = 2,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    return {"stories": queries.stories(store.conn, min_size, limit, offset)}


@router.get("/stories/{story_id}")
def api_story(store: StoreDep, story_id: int) -> dict[str, Any]:
    story = queries.story(store.conn, story_id)
    if story is None:
        raise ApiError(404, "not_found", f"no story {story_id}")
    return story


@router.get("/events")
def api_events(
    store: StoreDep,
    flt: FiltersDep,
    type: str | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
) -> dict[str, Any]:
    return {
        "types": dict(queries.event_types(store.conn)),
        "events": queries.events(store.conn, flt, type, limit),
    }


@router.get("/timeline")
def api_timeline(store: StoreDep, flt: FiltersDep) -> dict[str, Any]:
    return {"days": queries.timeline(store.conn, flt)}


@router.get("/map")
def api_map(store: StoreDep, flt: FiltersDep) -> dict[str, Any]:
    return queries.map_points(store.conn, flt)


@router.get("/entities")
def api_entities(
    store: StoreDep, q: str = "", label: str | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> dict[str, Any]:
    return {"entities": queries.entities(store.conn, q, label, limit)}


@router.get("/entities/{name}")
def api_entity(store: StoreDep, name: str) -> dict[str, Any]:
    found = queries.entity(store.conn, name)
    if not found["mentions"]:
        raise ApiError(404, "not_found", f"no entity {name!r} in the store")
    return found


def event_filters(
    *,
    type: str | None = None,
    country: str | None = None,
    admin1: str | None = None,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    actor: str | None = None,
    realis: str | None = None,
    min_confidence: str | None = None,
) -> EventFilters:
    """The fused-event filters of ``/api/fused-events`` (``from``/``to`` are event dates; an empty
    field is no filter, as a form sends it)."""
    if realis and realis not in REALIS:
        raise ApiError(422, "invalid_parameter", f"realis: one of {', '.join(REALIS)}, got {realis!r}")
    return EventFilters(type or None, country or None, admin1 or None, date_param("from", date_from),
                        date_param("to", date_to), actor or None, realis or None, _confidence(min_confidence))


def _confidence(value: str | None) -> float | None:
    """A confidence between 0 and 1, or None for an empty field; anything else is invalid."""
    if not value:
        return None
    try:
        got = float(value)
    except ValueError as exc:
        raise ApiError(422, "invalid_parameter", f"min_confidence: expected a number, got {value!r}") from exc
    if not 0.0 <= got <= 1.0:
        raise ApiError(422, "invalid_parameter", f"min_confidence: between 0 and 1, got {value!r}")
    return got


EventFiltersDep = Annotated[EventFilters, Depends(event_filters)]


@router.get("/fused-events")
def api_fused_events(
    store: StoreDep,
    flt: EventFiltersDep,
    q: str = "",
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    articles = [i for i, _ in select_ids(store.conn, q, None, limit=None, limits=DEFAULT_LIMITS)] \
        if q.strip() else None
    rows = select_events(store.conn, flt, limit=limit, offset=offset, article_ids=articles)
    total = count_events(store.conn, flt) if articles is None else len(
        select_events(store.conn, flt, article_ids=articles))
    return {"total": total, "offset": offset, "events": rows}


@router.get("/fused-events/{event_id}")
def api_fused_event(store: StoreDep, event_id: str) -> dict[str, Any]:
    found = event_detail(store.conn, event_id)
    if found is None:
        raise ApiError(404, "not_found", f"no event {event_id}")
    return found


@router.get("/event-changes")
def api_event_changes(store: StoreDep, since: str | None = None) -> dict[str, Any]:
    return {"changes": changes(store.conn, since=since or None)}
