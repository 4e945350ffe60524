"""Arabic-aware full-text search over the store.

The index holds a normalized, dediacritized copy of each article
(:func:`rasd.normalize.normalize_str`: no diacritics or tatweel, unified
alef/ya/ta marbuta, Western digits) in two columns: ``surface`` (every word)
and ``stems`` (every clitic-stripped reading of every word, from
:func:`rasd.tokens.clitic_candidates`). A query word matches either column,
so ``محمد`` finds ``مُحَمَّد``, ``محمّد`` and ``ومحمد``.

Query syntax and bounds are in :mod:`rasd.store.query`. Highlights are found
again in the article's own normalized view and mapped back to raw offsets, so
they land on the displayed words; only the stretch of text that holds the
first match is normalized, and only the words that contain a query word are
read closely, so a snippet costs about the same whatever the article's length.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from ..normalize import normalize_str
from ..tokens import clitic_candidates
from .highlight import Matcher
from .query import (
    DEFAULT_LIMITS,
    Budget,
    QueryError,
    QueryLimits,
    QueryTimeout,
    Term,
    budgeted,
    fts_query,
    parse_query,
)

__all__ = ["DEFAULT_LIMITS", "Budget", "Filters", "QueryError", "QueryLimits", "QueryTimeout", "SearchHit",
           "Term", "count", "fts_query", "index_text", "match_offsets", "parse_query", "search",
           "search_page",
           "select_ids", "snippet"]

_WORD = re.compile(r"\w+")
#: Layers and labels searched by the ``place`` filter.
PLACE_LABELS = ("LOC", "GPE", "FAC")
#: An event type matches the span's label (ACLED event type), its sub-event type or its PLOVER event.
EVENT_TYPE_MATCH = (
    "(s.label = ? COLLATE NOCASE OR json_extract(s.attrs, '$.sub_event_type') = ? COLLATE NOCASE "
    "OR json_extract(s.attrs, '$.plover.event') = ? COLLATE NOCASE)"
)


def index_text(headline: str | None, clean_text: str) -> tuple[str, str]:
    """The two search columns for an article: normalized words, and their clitic-stripped stems."""
    words = _WORD.findall(normalize_str(f"{headline or ''}\n{clean_text}"))
    stems: list[str] = []
    for word in words:
        stems.extend(stem for _, stem in clitic_candidates(word)[1:])
    return " ".join(words), " ".join(stems)


@dataclass
class Filters:
    """Filters shared by search, export and the web app; empty ones are ignored."""

    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    entity: str | None = None
    event_type: str | None = None
    place: str | None = None
    story: int | None = None

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions on ``a`` (articles) and their parameters.

        Filters on a layer the store does not have yet match nothing, as they should.
        """
        conds: list[str] = []
        params: list[Any] = []
        if self.date_from:
            conds.append("a.date >= ?")
            params.append(self.date_from)
        if self.date_to:
            conds.append("a.date <= ?")
            params.append(self.date_to)
        if self.outlet:
            conds.append("(a.outlet = ? COLLATE NOCASE OR a.outlet LIKE ? COLLATE NOCASE)")
            params += [self.outlet, f"%{self.outlet}%"]
        if self.story is not None:
            conds.append("a.story_id = ?")
            params.append(self.story)
        if self.entity:
            conds.append(_span_exists("s.layer = 'entities'", self.entity))
            params += _name_params(self.entity)
        if self.place:
            labels = ",".join(f"'{x}'" for x in PLACE_LABELS)
            conds.append(
                "("
                + _span_exists(
                    f"((s.layer = 'entities' AND s.label IN ({labels})) OR s.layer = 'datelines')", self.place
                )
                + " OR EXISTS (SELECT 1 FROM spans s WHERE s.article_id = a.id AND s.layer = 'events' AND "
                "(json_extract(s.attrs, '$.location.name') = ? COLLATE NOCASE "
                "OR json_extract(s.attrs, '$.location.country_name') = ? COLLATE NOCASE "
                "OR json_extract(s.attrs, '$.location.text') = ? "
                "OR json_extract(s.attrs, '$.location.kb_id') = ?)))"
            )
            params += [*_name_params(self.place), self.place, self.place, self.place, self.place]
        if self.event_type:
            conds.append(
                "EXISTS (SELECT 1 FROM spans s WHERE s.article_id = a.id AND s.layer = 'events' "
                f"AND {EVENT_TYPE_MATCH})"
            )
            params += [self.event_type] * 3
        return conds, params


def _span_exists(layer_cond: str, name: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM spans s WHERE s.article_id = a.id AND {layer_cond} AND "
        "(s.norm = ? OR json_extract(s.attrs, '$.name_en') = ? COLLATE NOCASE "
        "OR json_extract(s.attrs, '$.kb_id') = ? OR json_extract(s.attrs, '$.name') = ? COLLATE NOCASE))"
    )


def _name_params(name: str) -> list[Any]:
    return [normalize_str(name).strip(), name, name, name]


@dataclass
class SearchHit:
    id: int
    url: str | None
    outlet: str | None
    date: str | None
    headline: str | None
    story_id: int | None
    score: float
    snippet: str = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)  # in the snippet

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "date": self.date,
            "headline": self.headline,
            "story_id": self.story_id,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
        }


def _bm25_order(conn: sqlite3.Connection, expr: str, limit: int,
                offset: int) -> list[tuple[int, float]] | None:
    """The best ``limit`` ids after ``offset`` for an unfiltered query, ranked in the index alone
    (no row of ``articles`` read per match), then ordered with their dates; ``None`` when two
    scores tie across the cut, so the caller orders every match instead."""
    want = offset + limit
    rows = conn.execute(
        "SELECT rowid, bm25(articles_fts, 1.0, 0.5) AS score FROM articles_fts WHERE articles_fts MATCH ? "
        "ORDER BY score LIMIT ?",
        (expr, want + 1),
    ).fetchall()
    if len(rows) > want and want and rows[want][1] == rows[want - 1][1]:
        return None
    if not rows:
        return []
    ids = [r[0] for r in rows[:want]]
    dates = dict(conn.execute(f"SELECT id, date FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids))
    ranked = sorted(rows[:want], key=lambda r: (r[1], _desc(dates.get(r[0])), r[0]))
    return [(int(i), -float(score)) for i, score in ranked[offset:]]


def _desc(date: str | None) -> tuple[int, list[int]]:
    """A sort key putting later dates first (``ORDER BY date DESC``: NULL last)."""
    return (1, []) if date is None else (0, [-ord(c) for c in date])


def select_ids(
    conn: sqlite3.Connection,
    query: str,
    filters: Filters | None = None,
    limit: int | None = 20,
    offset: int = 0,
    *,
    budget: Budget | None = None,
    limits: QueryLimits | None = None,
) -> list[tuple[int, float]]:
    """Article ids matching ``query`` and ``filters``, best first (newest first without a query).

    Raises :class:`QueryError` for a query beyond ``limits`` and :class:`QueryTimeout` when
    ``budget`` runs out.
    """
    filters = filters or Filters()
    conds, params = filters.where()
    expr = fts_query(parse_query(query, limits)) if query.strip() else ""
    if query.strip() and not expr:
        return []
    with budgeted(conn, budget):
        if expr and not conds and limit is not None:
            fast = _bm25_order(conn, expr, limit, offset)
            if fast is not None:
                return fast
        sql, params = _select_sql(expr, conds, params, limit, offset)
        try:
            return [(int(r[0]), -float(r[1])) for r in conn.execute(sql, params)]
        except sqlite3.OperationalError as exc:
            if budget is not None and budget.expired():
                raise
            raise StoreError(f"search failed for {query!r}: {exc}", reason="malformed") from exc


def _select_sql(expr: str, conds: list[str], params: list[Any], limit: int | None,
                offset: int) -> tuple[str, list[Any]]:
    if expr:
        sql = (
            "SELECT a.id, bm25(articles_fts, 1.0, 0.5) AS score FROM articles_fts "
            "JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?"
        )
        params = [expr, *params]
        order = "score, a.date DESC, a.id"
    else:
        sql = "SELECT a.id, 0.0 AS score FROM articles a WHERE 1"
        order = "a.date DESC, a.id DESC"
    for cond in conds:
        sql += f" AND {cond}"
    sql += f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return sql, params


def count(conn: sqlite3.Connection, query: str, filters: Filters | None = None, *,
          budget: Budget | None = None, limits: QueryLimits | None = None) -> int:
    """How many articles match ``query`` and ``filters`` (nothing is ranked or read)."""
    conds, params = (filters or Filters()).where()
    expr = fts_query(parse_query(query, limits)) if query.strip() else ""
    if query.strip() and not expr:
        return 0
    if expr:
        sql = ("SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
               "WHERE articles_fts MATCH ?") if conds else \
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
        params = [expr, *params]
    else:
        sql = "SELECT count(*) FROM articles a WHERE 1"
    sql += "".join(f" AND {c}" for c in conds)
    with budgeted(conn, budget):
        try:
            return int(conn.execute(sql, params).fetchone()[0])
        except sqlite3.OperationalError as exc:
            if budget is not None and budget.expired():
                raise
            raise StoreError(f"search failed for {query!r}: {exc}", reason="malformed") from exc


def search(
    conn: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0,
    *, budget: Budget | None = None, limits: QueryLimits | None = None,
) -> list[SearchHit]:
    """Search the store: hits with a snippet of the clean text and highlighted matches.

    Raises :class:`QueryError` (beyond ``limits``) and :class:`QueryTimeout` (``budget`` spent).
    """
    ids = select_ids(conn, query, filters, limit, offset, budget=budget, limits=limits)
    matcher = Matcher(parse_query(query))
    hits = []
    for article_id, score in ids:
        if budget is not None:
            budget.check()
        row = conn.execute(
            "SELECT url, outlet, date, headline, story_id, clean_text FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        hit = SearchHit(article_id, row[0], row[1], row[2], row[3], row[4], score)
        hit.snippet, hit.highlights = matcher.snippet(row[5])
        hits.append(hit)
    return hits


def search_page(
    conn: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0,
    *, budget: Budget | None = None, limits: QueryLimits | None = DEFAULT_LIMITS,
) -> tuple[int, list[SearchHit]]:
    """``(total, hits)`` for one page of results: what the web app and the API answer."""
    hits = search(conn, query, filters, limit, offset, budget=budget, limits=limits)
    total = count(conn, query, filters, budget=budget, limits=limits)
    return total, hits


def match_offsets(text: str, groups: list[list[Term]]) -> list[tuple[int, int]]:
    """Raw ``(start, end)`` of every word of ``text`` a positive query term matches."""
    return Matcher(groups).offsets(text)


def snippet(text: str, groups: list[list[Term]], width: int = 240) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around its first match, and the matches inside it (snippet offsets)."""
    return Matcher(groups).snippet(text, width)
