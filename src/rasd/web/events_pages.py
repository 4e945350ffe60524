"""The dashboard's event pages, over the fused events (one row per incident, every report of it):
``/events`` (a filtered, paginated table and its timeline), ``/event/{id}`` (one event: actors,
place, date, figures, every report and its outlet) and ``/map`` (Leaflet over the shipped
Natural Earth shapes), plus ``/api/map-events`` (the map's GeoJSON).

Every row links to its evidence sentence in its article (``/article/{id}?ev=START-END#evidence``:
the sentence highlighted and scrolled to). The filters are those of ``/api/fused-events``;
the pages default to actual events above the detector's threshold (:mod:`.event_queries`).
Scripts are files under ``/static`` (the Content-Security-Policy allows no inline script).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..export.fields import location_fields
from ..store.event_query import REALIS, EventFilters, event_detail
from ..store.query import Budget, QueryLimits
from ..store.search import select_ids
from . import charts
from . import event_queries as eq
from . import render as r
from .api import ApiError, EventFiltersDep, StoreDep

pages = APIRouter(default_response_class=HTMLResponse)
api = APIRouter(prefix="/api")
PRECISION = {1: "the town", 2: "near the town, or part of a region", 3: "only the region or country"}
KINDS = (("fatalities", "Killed"), ("injured", "Injured"), ("arrested", "Arrested"))


def effective(request: Request, flt: EventFilters) -> EventFilters:
    """The filters a page applies: the dashboard's defaults where the query string is silent."""
    params = request.query_params
    return eq.default_filters(flt, "realis" in params, "min_confidence" in params)


def filter_query(flt: EventFilters, q: str = "") -> str:
    """The query string of these filters, the realis and confidence spelled out (so a download or
    the map gets what the page shows, defaults included)."""
    base = r.qs(q=q, type=flt.event_type, country=flt.country, admin1=flt.admin1, actor=flt.actor,
                **{"from": flt.date_from, "to": flt.date_to})
    conf = "" if flt.min_confidence is None else f"{flt.min_confidence:g}"
    spelled = urlencode({"realis": flt.realis or "", "min_confidence": conf})
    return f"{base}&{spelled}" if base else spelled


def articles_of(request: Request, store: StoreDep, q: str) -> list[int] | None:
    """The articles the words ``q`` match (None: no restriction), as a bounded search: the
    app's query limits and time budget (a 400 beyond the limits, a 503 out of time)."""
    if not q.strip():
        return None
    limits: QueryLimits = request.app.state.limits
    return [i for i, _ in select_ids(store.conn, q, None, limit=None, limits=limits,
                                     budget=Budget(limits.seconds))]


def filter_form(action: str, store: StoreDep, flt: EventFilters, q: str) -> str:
    options = "".join(f'<option value="{r.e(t)}">{r.e(t)} ({n:,})</option>'
                      for t, n in eq.type_options(store.conn))
    realis = "".join(f'<option value="{v}"{" selected" if (flt.realis or "") == v else ""}>{label}</option>'
                     for v, label in (("actual", "actual"), ("", "any"), *((x, x) for x in REALIS[1:])))
    conf = "" if flt.min_confidence is None else f"{flt.min_confidence:g}"
    fields = "".join(
        f'<label>{label}<input name="{name}" value="{r.e(value)}"{attrs}></label>'
        for label, name, value, attrs in (
            ("Type (ACLED, PLOVER, family)", "type", flt.event_type,
             ' list="event-types" autocomplete="off"'),
            ("Country", "country", flt.country, ' placeholder="SY, SYR or Syria"'),
            ("Admin1", "admin1", flt.admin1, ""),
            ("Actor", "actor", flt.actor, ""),
            ("Event from", "from", flt.date_from, ' type="date"'),
            ("Event to", "to", flt.date_to, ' type="date"'),
            ("Min. confidence", "min_confidence", conf, ' type="number" min="0" max="1" step="0.05"'),
        ))
    return (f'<form class="search filters" method="get" action="{action}">'
            f'<label>Words in the articles (Arabic)'
            f'<input name="q" value="{r.e(q)}" dir="rtl" lang="ar"></label>'
            f"{fields}<label>Realis<select name=\"realis\">{realis}</select></label>"
            f'<datalist id="event-types">{options}</datalist><button>Apply</button>'
            f'<a class="reset" href="{action}">reset</a></form>')


def _figure(row: dict[str, Any], kind: str) -> str:
    best, low, high = row.get(f"{kind}_best"), row.get(f"{kind}_min"), row.get(f"{kind}_max")
    if best is None and low is None:
        return ""
    shown = f"{(best if best is not None else low):,}"
    if low is not None and high is not None and low != high:
        shown += f' <small title="lowest and highest reported">{low:,}–{high:,}</small>'
    return shown


def _date(row: dict[str, Any]) -> str:
    precision = row.get("date_precision") or ""
    note = f" <small>({r.e(precision)})</small>" if precision and precision != "day" else ""
    return f"{r.e(row.get('event_date') or '?')}{note}"


def evidence_href(ev: eq.Evidence | dict[str, Any]) -> str:
    d = ev.to_dict() if isinstance(ev, eq.Evidence) else ev
    return f"/article/{d['article_id']}?ev={d['start']}-{d['end']}#evidence"


def _place(row: dict[str, Any]) -> str:
    """The place as ACLED's ``location`` gives it (a linked place, else the admin1 or country), the
    words read when they were not linked, the larger places, and the geo precision."""
    name, read = location_fields(row.get("location"), row.get("location_kb_id"), row.get("admin1"),
                                 row.get("country_name"))
    where = ", ".join(x for x in (row.get("admin1"), row.get("country_name")) if x and x != name)
    precision = row.get("geo_precision")
    unlinked = f' <small>(read <bdi lang="ar">{r.e(read)}</bdi>, not linked)</small>' if read else ""
    return (r.e(name or "?") + unlinked
            + (f"<br><small>{r.e(where)}</small>" if where else "")
            + (f'<br><small class="geo-p{precision}" title="{r.e(PRECISION.get(precision, ""))}">'
               f"geo precision {precision}</small>" if precision else ""))


def event_row(row: dict[str, Any]) -> list[str]:
    """One row of the events table: date, type, place, actors, figures, sources, evidence, detail."""
    ev = row.get("evidence_ref")
    evidence = (f'<a class="evidence" href="{evidence_href(ev)}">{r.ar(_short(ev.text, 160))}</a>'
                if isinstance(ev, eq.Evidence) else "")
    actors = " · ".join(r.e(x) for x in (row.get("actor1"), row.get("actor2")) if x)
    realis = row.get("realis")
    flags = (f"<br><small class=realis>{r.e(realis)}</small>" if realis and realis != "actual" else "") + (
        f"<br><small>conf. {row['confidence']:.2f}</small>" if row.get("confidence") is not None else "")
    outlets = ", ".join(row.get("outlets") or [])
    kind = f"{r.e(row.get('event_type') or '')}<br><small>{r.e(row.get('sub_event_type') or '')}</small>"
    return [
        _date(row), kind + flags, _place(row), actors, *(_figure(row, k) for k, _ in KINDS),
        f"{row.get('reports', 1)} report(s)<br><small>{r.e(outlets)}</small>", evidence,
        f'<a class="detail" href="/event/{r.e(row["id"])}">details</a>',
    ]


EVENT_HEADERS = ["Date", "Type", "Place", "Actors", "Killed", "Injured", "Arrested", "Sources", "Evidence",
                 ""]


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def downloads(what: str, query: str, formats: tuple[tuple[str, str], ...]) -> str:
    links = " · ".join(f'<a class="download" href="/download/{what}.{ext}?{r.e(query)}" download>{label}</a>'
                       for ext, label in formats)
    return f'<p class="downloads">Download what you see: {links}</p>'


EVENT_FORMATS = (("csv", "CSV"), ("acled.csv", "ACLED CSV"), ("geojson", "GeoJSON"), ("parquet", "Parquet"))


@pages.get("/events")
def events_list(request: Request, store: StoreDep, flt: EventFiltersDep, q: str = "",
                page: Annotated[int, Query(ge=1)] = 1) -> str:
    shown = effective(request, flt)
    articles = articles_of(request, store, q)
    rows, total = eq.events_page(store.conn, shown, page, articles, size=eq.PAGE_SIZE)
    query = filter_query(shown, q)
    pager = _pager(page, len(rows), total, query)
    tl = eq.timeline(store.conn, shown, articles)
    chart = _timeline(tl)
    table = (r.table(EVENT_HEADERS, [event_row(x) for x in rows], "events") if rows else
             '<p class="empty">No event matches these filters.</p>')
    body = (f"<h1>Events</h1><p class=meta>One row per incident, fused across the articles that report it. "
            f"Shown: {r.e(shown.realis or 'any realis')} events, detector confidence at least "
            f"{shown.min_confidence or 0:g} (events of types the detector does not check are kept).</p>"
            f"{filter_form('/events', store, shown, q)}<h2>Timeline</h2>{chart}"
            f"{downloads('events', query, EVENT_FORMATS)}{pager}{table}{pager}")
    return r.page("Events", body, "events")


def _pager(page: int, shown: int, total: int, query: str) -> str:
    if not shown:
        return ""
    first = (page - 1) * eq.PAGE_SIZE + 1
    links = [f"Events {first:,}–{first + shown - 1:,} of {total:,}"]
    if page > 1:
        links.append(f'<a rel="prev" href="/events?{r.e(query)}&amp;page={page - 1}">previous</a>')
    if page * eq.PAGE_SIZE < total:
        links.append(f'<a rel="next" href="/events?{r.e(query)}&amp;page={page + 1}">next {eq.PAGE_SIZE}</a>')
    return f'<p class="pager">{" · ".join(links)}</p>'


def _timeline(tl: dict[str, Any]) -> str:
    bins = [{"date": b["date"], "values": b["types"], "line": b["killed"]} for b in tl["bins"]]
    unit = f"events per {tl['bin']}"
    chart = charts.time_chart(bins, tl["start"], tl["end"], bin_days=7 if tl["bin"] == "week" else 1,
                              series=eq.EVENT_TYPES, unit=unit, line="killed", line_label="people killed")
    note = (f'<p class="meta">{tl["undated"]:,} event(s) dated only to a month or a year are not drawn.</p>'
            if tl["undated"] else "")
    return chart + charts.legend(eq.EVENT_TYPES, "people killed") + note


@pages.get("/event/{event_id}")
def event_page(store: StoreDep, event_id: str) -> str:
    ev = event_detail(store.conn, event_id)
    if ev is None:
        raise ApiError(404, "not_found", f"no event {event_id}")
    facts = [("Event", f"{r.e(ev['event_type'])} / {r.e(ev['sub_event_type'])}"),
             ("ACLED id", r.e(ev["event_id_cnty"])), ("rasd id", r.e(ev["id"])),
             ("Date", f"{_date(ev)} <small>time precision {ev.get('time_precision')}, "
                      f"from {r.e(ev.get('date_basis'))}</small>"),
             ("Place", _place(ev) + (f"<br><small>{ev['latitude']:.4f}, {ev['longitude']:.4f}</small>"
                                     if ev.get("latitude") is not None else "")),
             ("Realis", r.e(ev["realis"])),
             ("Confidence", "" if ev.get("confidence") is None else f"{ev['confidence']:.2f}"),
             ("PLOVER", r.e(" / ".join(x for x in (ev.get("plover_event"), ev.get("plover_mode")) if x))),
             ("Sources", f"{len(ev['reports'])} report(s), {ev['sources']} independent: "
                         f"{r.e(', '.join(ev['outlets'] + ev['agencies']))}"),
             ("Tags", r.e(ev.get("tags") or ""))]
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts if v)
    actors = r.table(["Role", "Actor", "Type", "ACLED inter", "Country", "KB id"],
                     [[r.e(a.get("role")), r.e(a.get("name")), r.e(a.get("type")), r.e(a.get("inter")),
                       r.e(a.get("country")), r.e(a.get("kb_id"))] for a in ev["actors"]], "actors")
    figures = r.table(["", "Lowest", "Best (ACLED: most conservative)", "Highest", "From report"],
                      [[label, r.e(_n(ev[f"{k}_min"])), r.e(_n(ev[f"{k}_best"])), r.e(_n(ev[f"{k}_max"])),
                        r.e(ev.get(f"{k}_report") or "")] for k, label in KINDS
                       if ev.get(f"{k}_best") is not None or ev.get(f"{k}_min") is not None], "figures")
    place = location_fields(ev.get("location"), ev.get("location_kb_id"), ev.get("admin1"),
                            ev.get("country_name"))
    body = (f'<h1>{r.e(ev["event_type"])}: {r.e(place[0] or "?")}, {r.e(ev.get("event_date"))}</h1>'
            f'<dl class="facts">{dl}</dl><h2>Notes</h2>{r.ar(ev.get("notes") or "", "p")}'
            f"<h2>Actors</h2>{actors}<h2>Figures</h2>{figures}"
            f"<h2>Reports ({len(ev['reports'])})</h2>{_reports(ev['reports'])}{_changes(ev['changes'])}")
    return r.page(f"Event {event_id}", body, "events")


def _n(value: Any) -> str:
    return "" if value is None else f"{value:,}"


def _reports(reports: list[dict[str, Any]]) -> str:
    rows = []
    for rep in reports:
        start, end = eq.report_evidence(rep)
        link = evidence_href({"article_id": rep["article_id"], "start": start, "end": end})
        figures = ", ".join(f"{label.lower()} {_n(_value(rep, k))}" for k, label in KINDS
                            if _value(rep, k) is not None)
        copy = " <small>(syndicated copy)</small>" if rep.get("copy_id") else ""
        rows.append([r.e(rep.get("outlet") or "?") + copy, r.e((rep.get("published") or "")[:10]),
                     f'<a class="evidence" href="{link}">{r.ar(rep.get("headline") or "(no headline)")}</a>',
                     r.e(rep.get("event_date")), r.e(rep.get("location")), r.e(rep.get("realis")),
                     r.e(figures)])
    return r.table(["Outlet", "Published", "Article (opens at the evidence)", "Date read", "Place read",
                    "Realis", "Figures"], rows, "reports")


def _value(rep: dict[str, Any], kind: str) -> Any:
    return rep.get(f"{kind}_best") if rep.get(f"{kind}_best") is not None else rep.get(f"{kind}_min")


def _changes(items: list[dict[str, Any]]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{r.e(c['changed'])}: {r.e(c['kind'])} {r.e(c['old_id'])} → {r.e(c['new_id'])}</li>"
                  for c in items)
    return f"<h2>Id changes</h2><ul>{lis}</ul>"


@pages.get("/map")
def map_page(request: Request, store: StoreDep, flt: EventFiltersDep, q: str = "") -> str:
    shown = effective(request, flt)
    query = filter_query(shown, q)
    body = (f"<h1>Map</h1>{filter_form('/map', store, shown, q)}"
            '<p class="meta">Circles: events located at a town (solid) or near one (ringed), sized by '
            "people killed. Shaded countries: events located only to a region or the whole country. "
            "Click either to list its events. Drawn offline from the Natural Earth shapes shipped with rasd "
            "(Leaflet, no tiles).</p>"
            f'<div class="map-wrap"><div id="map" data-events="/api/map-events?{r.e(query)}"></div>'
            '<div id="map-list"><p class="meta">Click a circle or a shaded country to list its events.</p>'
            "</div></div><p id=map-count class=meta></p>"
            f"{downloads('events', query, EVENT_FORMATS)}")
    return r.page("Map", body, "map", scripts=("leaflet.js", "map.js"), styles=("leaflet.css",))


@api.get("/map-events")
def api_map_events(request: Request, store: StoreDep, flt: EventFiltersDep, q: str = "") -> dict[str, Any]:
    """The map's events (GeoJSON), with the dashboard's defaults where the query is silent."""
    return eq.map_features(store.conn, effective(request, flt), articles_of(request, store, q))
