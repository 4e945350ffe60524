"""Store commands: ``rasd ingest``, ``rasd search``, ``rasd export``, ``rasd serve``.

Each command shares its names and flags with the Python API in
:mod:`rasd.store` and :mod:`rasd.web` (``ingest_paths``, ``search``,
``export``, ``create_app``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from ..serialize import dumps
from ..store.db import DEFAULT_BATCH, DEFAULT_DB
from ..store.event_query import REALIS, EventFilters
from ..store.search import Filters


def add_parser(sub: argparse._SubParsersAction, formatter: Any) -> None:  # type: ignore[type-arg]
    _add_ingest(sub, formatter)
    _add_search(sub, formatter)
    _add_export(sub, formatter)
    _add_serve(sub, formatter)


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"SQLite database (default {DEFAULT_DB})")


def iso_date(value: str) -> str:
    """An argparse type: ``YYYY-MM-DD``, or a usage error that says what was expected."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from exc


def _filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (a filter on a layer the store does not have matches nothing)")
    g.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD",
                   help="published on or after")
    g.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD", help="published on or before")
    g.add_argument("--outlet", metavar="X", help="outlet host or name (alarabiya.net, bbc)")
    g.add_argument("--entity", metavar="X", help="an entity, in Arabic or by its English name")
    g.add_argument("--event-type", metavar="X", help="event type (label of the events layer)")
    g.add_argument("--place", metavar="X", help="a place named in the article, its dateline or its events")
    g.add_argument("--story", type=int, metavar="ID", help="articles of one story")


def _event_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("event filters (fused events and their reports; see docs/store.md)")
    g.add_argument("--type", dest="ev_type", metavar="X",
                   help="ACLED event or sub-event type, PLOVER event, rasd type or family (violence...)")
    g.add_argument("--country", metavar="X", help="ISO2 or ISO3 code or country name")
    g.add_argument("--admin1", metavar="X", help="first-level division")
    g.add_argument("--event-from", type=iso_date, metavar="YYYY-MM-DD", help="events on or after this day")
    g.add_argument("--event-to", type=iso_date, metavar="YYYY-MM-DD", help="events on or before this day")
    g.add_argument("--actor", metavar="X", help="part of an actor's name (Police Forces of Kazakhstan)")
    g.add_argument("--realis", choices=REALIS, help="only events of this realis")
    g.add_argument("--min-confidence", type=float, metavar="P",
                   help="detector confidence at least P (events without one are kept)")


def event_filters_from(args: argparse.Namespace) -> EventFilters:
    return EventFilters(event_type=args.ev_type, country=args.country, admin1=args.admin1,
                        date_from=args.event_from, date_to=args.event_to, actor=args.actor,
                        realis=args.realis, min_confidence=args.min_confidence)


def _add_ingest(sub: argparse._SubParsersAction, formatter: Any) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ingest",
        formatter_class=formatter,
        help="Analyse articles and store them in a SQLite database (idempotent).",
        description="Analyse files, folders, JSON Lines, TREC files, tar/zip archives and WARC files, "
        "and store each article with all its layers. An input already stored (same URL, "
        "same bytes or same normalized text) is not stored again; an interrupted ingest "
        "is completed by running it again. Stories are recomputed at the end.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="file, folder, archive, JSON Lines or WARC file (none: migrate and index the store)")
    _db(p)
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="analysis processes (the writer is always one); default 1",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH,
        metavar="N",
        help=f"articles written per transaction (default {DEFAULT_BATCH})",
    )
    p.add_argument("--limit", type=int, metavar="N", help="read at most N inputs (the first N, in order)")
    p.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                   help="publication date of the input(s); overrides dates found in metadata (as analyze)")
    p.add_argument("--settings", metavar="FILE", help="JSON file of settings merged over the defaults")
    p.add_argument(
        "--format", choices=("text", "json"), default="text",
        help="the run summary: text on stderr (like every command), or one JSON object on stdout"
    )
    p.add_argument("--quiet", action="store_true",
                   help="no progress bar, no rejection lines and no text summary on stderr")
    p.set_defaults(func=cmd_ingest)


def cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    from ..errors import StoreError
    from ..settings import load_settings
    from ..store.db import open_store
    from ..store.ingest import ingest
    from . import _count_files

    settings = load_settings(args.settings)
    missing = [p for p in args.paths if p != "-" and not Path(p).exists()]
    if missing:  # before the database is created: a mistyped path leaves nothing behind
        raise StoreError(f"no such file or folder: {', '.join(missing)}", reason="not_found")
    with open_store(args.db) as store:
        summary = ingest(
            store,
            args.paths,
            settings=settings,
            workers=max(1, args.workers),
            batch_size=max(1, args.batch_size),
            progress=None if args.quiet else sys.stderr,
            total=args.limit or _count_files(args.paths),
            log=None if args.quiet else sys.stderr,
            limit=args.limit,
            published=args.published,
        )
    if args.format == "json":
        out.write(dumps(summary.to_dict()) + "\n")
    elif not args.quiet:
        print(f"rasd: {summary.render()}", file=sys.stderr)
    return 1 if summary.read and not (summary.stored or summary.already_stored or summary.duplicates) else 0


def _add_search(sub: argparse._SubParsersAction, formatter: Any) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "search",
        formatter_class=formatter,
        help="Search stored articles (Arabic-aware: diacritics, spelling variants and clitics ignored).",
        description='Full-text search. Words must all match; "a phrase" matches consecutive words; '
        "word* is a prefix; OR joins two terms; -word excludes. An empty query lists "
        "the newest articles matching the filters.",
    )
    p.add_argument("query", metavar="QUERY", help="search terms, in Arabic (or empty with filters)")
    _db(p)
    _filters(p)
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: readable hits; json: one JSON object per hit",
    )
    p.add_argument("--limit", type=int, default=20, metavar="N", help="hits shown (default 20)")
    p.add_argument("--what", choices=("articles", "events"), default="articles",
                   help="articles: search hits; events: fused events with a report in a matching article")
    _event_filters(p)
    p.set_defaults(func=cmd_search)


def filters_from(args: argparse.Namespace) -> Filters:
    return Filters(
        date_from=args.date_from,
        date_to=args.date_to,
        outlet=args.outlet,
        entity=args.entity,
        event_type=args.event_type,
        place=args.place,
        story=args.story,
    )


def cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from ..store.db import open_store
    from ..store.query import DEFAULT_LIMITS, Budget
    from ..store.search import search

    if args.what == "events":
        return _search_events(args, out)
    with open_store(args.db, readonly=True) as store:
        hits = search(store.conn, args.query, filters_from(args), limit=max(1, args.limit),
                      budget=Budget(CLI_SEARCH_SECONDS), limits=DEFAULT_LIMITS)
    for hit in hits:
        if args.format == "json":
            out.write(dumps(hit.to_dict()) + "\n")
            continue
        marked = _mark(hit.snippet, hit.highlights)
        out.write(
            f"[{hit.id}] {hit.date or '?'}  {hit.outlet or '?'}  story {hit.story_id}\n"
            f"  \u2067{hit.headline or ''}\u2069\n  \u2067{marked}\u2069\n\n"
        )
    if args.format == "text":
        print(f"rasd: {len(hits)} hit(s)", file=sys.stderr)
    return 0 if hits else 1


def _article_ids(conn: Any, args: argparse.Namespace) -> list[int] | None:
    """Articles the query and article filters select (None: no restriction)."""
    from ..store.search import select_ids

    flt = filters_from(args)
    if not args.query.strip() and flt == Filters():
        return None
    return [i for i, _ in select_ids(conn, args.query, flt, limit=None)]


def _search_events(args: argparse.Namespace, out: TextIO) -> int:
    from ..store.db import open_store
    from ..store.event_query import count_events, select_events

    with open_store(args.db, readonly=True) as store:
        filters, article_ids = event_filters_from(args), _article_ids(store.conn, args)
        rows = select_events(store.conn, filters, limit=max(1, args.limit), article_ids=article_ids)
        total = count_events(store.conn, filters) if article_ids is None else None
    for row in rows:
        if args.format == "json":
            out.write(dumps(row) + "\n")
            continue
        killed = row["fatalities_best"] if row["fatalities_best"] is not None else "-"
        out.write(f"[{row['id']}] {row['event_date'] or '?'}  {row['event_type']} / {row['sub_event_type']}  "
                  f"{row['location'] or '?'} ({row['country'] or '?'})  killed {killed}  "
                  f"{row['reports']} report(s), {row['sources']} source(s): {', '.join(row['outlets'])}\n")
    if args.format == "text":
        more = total is not None and total > len(rows)
        shown = f"{len(rows)} of {total} event(s) shown (--limit N for more)" if more \
            else f"{len(rows)} event(s)"
        print(f"rasd: {shown}", file=sys.stderr)
    return 0 if rows else 1


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    parts, pos = [], 0
    for start, end in spans:
        parts += [text[pos:start], "[", text[start:end], "]"]
        pos = end
    return "".join(parts) + text[pos:]


def _add_export(sub: argparse._SubParsersAction, formatter: Any) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export",
        formatter_class=formatter,
        help="Export stored articles, fused events or event reports (CSV, ACLED, PLOVER, Parquet, GeoJSON).",
        description="--what articles (default): JSON Lines holds each whole stored article (all layers); CSV "
        "one row per article (id, url, source, outlet, published, date, headline, story_id, clean_text); "
        "Parquet the same columns plus the article JSON in 'doc'. --what events: one row per fused event "
        "(every report of one incident, across outlets); --what reports: one row per report. Events and "
        "reports export as csv, acled-csv, plover-jsonl, parquet (typed columns), geojson (RFC 7946) or "
        "jsonl. A query or article filters keep the events with a report in a matching article.",
    )
    _db(p)
    p.add_argument("--what", choices=("articles", "events", "reports"), default="articles",
                   help="articles, fused events, or event reports")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet", "acled-csv", "plover-jsonl", "geojson"),
                   default="jsonl", help="output format (acled-csv, plover-jsonl, geojson: events, reports)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument("--query", default="", metavar="QUERY", help="search terms (default: every article)")
    p.add_argument("--limit", type=int, metavar="N", help="at most N rows")
    _filters(p)
    _event_filters(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from ..export.articles import export
    from ..store.db import open_store

    if args.what != "articles":
        return _export_events(args)
    if args.format not in ("jsonl", "csv", "parquet"):
        print(f"rasd: --format {args.format} needs --what events or --what reports", file=sys.stderr)
        return 2
    with open_store(args.db, readonly=True) as store:
        n = export(
            store.conn,
            args.format,
            args.output,
            query=args.query,
            filters=filters_from(args),
            limit=args.limit,
        )
    print(f"rasd: exported {n} article(s) to {args.output}", file=sys.stderr)
    return 0


def _export_events(args: argparse.Namespace) -> int:
    from ..export.store_events import export_events
    from ..store.db import open_store

    with open_store(args.db, readonly=True) as store:
        n = export_events(store.conn, args.what, args.format, args.output,
                          filters=event_filters_from(args), article_ids=_article_ids(store.conn, args),
                          limit=args.limit)
    print(f"rasd: exported {n} {args.what[:-1]}(s) to {args.output}", file=sys.stderr)
    return 0


def _add_serve(sub: argparse._SubParsersAction, formatter: Any) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve",
        formatter_class=formatter,
        help="Start the dashboard and its JSON API (read-only on the database).",
        description="A local web app over the store: search, articles with every layer highlighted, "
        "stories, events, a timeline, an offline map, entity pages; the JSON API is under "
        "/api (see docs/store.md). Needs the 'web' extra (fastapi, uvicorn).",
    )
    _db(p)
    p.add_argument("--crawl", metavar="DIR",
                   help="serve a 'rasd crawl' output folder instead: events and aggregates through DuckDB "
                        "over its Parquet files (the 'crawl' extra; no full-text search)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1); any other than loopback makes the "
                        "dashboard, which has no authentication, reachable from the network (a warning "
                        "is printed)")
    p.add_argument("--port", type=int, default=8000, metavar="N", help="port (default 8000)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="server processes answering requests (default 1); searches are CPU-bound "
                        "Python, so one process per core answers a busy dashboard faster")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    import uvicorn

    from ..store.db import open_store
    from ..web.app import create_app

    if not is_loopback(args.host):
        print(f"rasd: WARNING: the dashboard has no authentication, and --host {args.host} makes it "
              f"reachable from the network: anyone who can reach this machine on port {args.port} can "
              "read the whole store. Use --host 127.0.0.1 (the default) unless that is what you want.",
              file=sys.stderr)
    if args.crawl:
        from ..errors import StoreError
        from ..web.crawl import create_crawl_app

        if not (Path(args.crawl) / "articles").is_dir():
            raise StoreError(f"no crawl output at {args.crawl} (run 'rasd crawl' first)", reason="not_found")
        print(f"rasd: serving the crawl {args.crawl} on http://{args.host}:{args.port}/", file=sys.stderr)
        uvicorn.run(create_crawl_app(args.crawl), host=args.host, port=args.port, log_level="warning")
        return 0
    open_store(args.db, readonly=True).close()  # fail early, with a clear error, on a missing database
    print(f"rasd: serving {args.db} on http://{args.host}:{args.port}/", file=sys.stderr)
    options: dict[str, Any] = {"host": args.host, "port": args.port, "log_level": "warning",
                               "timeout_graceful_shutdown": SHUTDOWN_SECONDS}
    if args.workers > 1:
        import os

        os.environ["RASD_DB"] = str(args.db)
        uvicorn.run("rasd.web.app:app_from_environment", factory=True, workers=args.workers, **options)
    else:
        uvicorn.run(create_app(args.db), **options)
    return 0


#: Time budget of one ``rasd search`` (the dashboard's is QueryLimits.seconds): a person waits longer
#: at a terminal, but not forever.
CLI_SEARCH_SECONDS = 60.0
#: Seconds a stopping server waits for requests in flight (a search stops at its time budget anyway).
SHUTDOWN_SECONDS = 5


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
