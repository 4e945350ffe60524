"""Arabic-aware full-text search over the store.

The index holds a normalized, dediacritized copy of each article
(:func:`rasd.normalize.normalize_str`: no diacritics or tatweel, unified
alef/ya/ta marbuta, Western digits) in two columns: ``surface`` (every word)
and ``stems`` (every clitic-stripped reading of every word, from
:func:`rasd.tokens.clitic_candidates`). A query word matches either column,
so ``محمد`` finds ``مُحَمَّد``, ``محمّد`` and ``ومحمد``.

Query syntax: words (all must match), ``"a phrase"`` (consecutive words),
``word*`` (prefix), ``OR`` between two terms, ``-word`` (must not match).
Highlights are found again in the article's own normalized view and mapped
back to raw offsets, so they land on the displayed words.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from ..normalize import normalize, normalize_str
from ..tokens import clitic_candidates

_WORD = re.compile(r"\w+")
_QUERY_TERM = re.compile(r'(-?)"([^"]*)"|(\S+)')
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
class Term:
    words: list[str]
    prefix: bool = False
    negated: bool = False


def parse_query(query: str) -> list[list[Term]]:
    """A query as AND-ed groups of OR-ed terms, each normalized like the index."""
    groups: list[list[Term]] = []
    pending_or = False
    for m in _QUERY_TERM.finditer(query):
        negated, phrase, bare = m.group(1) == "-", m.group(2), m.group(3)
        if bare == "OR":
            pending_or = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = True, bare[1:]
        raw = phrase if phrase is not None else bare
        prefix = raw.endswith("*")
        words = _WORD.findall(normalize_str(raw))
        if not words:
            continue
        term = Term(words, prefix, negated)
        if pending_or and not negated:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return groups


def _fts_term(term: Term) -> str:
    phrase = '"' + " ".join(term.words) + '"' + (" *" if term.prefix else "")
    # One word may be a surface form or a stem; a phrase runs over the surface column.
    return f"{{surface stems}} : {phrase}" if len(term.words) == 1 else f"surface : {phrase}"


def fts_query(groups: list[list[Term]]) -> str:
    """The FTS5 MATCH expression for parsed groups ('' when nothing positive remains)."""
    positive = [g for g in groups if not g[0].negated]
    if not positive:
        return ""
    parts = ["(" + " OR ".join(_fts_term(t) for t in g) + ")" for g in positive]
    expr = " AND ".join(parts)
    for g in groups:
        if g[0].negated:
            expr += " NOT " + _fts_term(g[0])
    return expr


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


def select_ids(
    conn: sqlite3.Connection,
    query: str,
    filters: Filters | None = None,
    limit: int | None = 20,
    offset: int = 0,
) -> list[tuple[int, float]]:
    """Article ids matching ``query`` and ``filters``, best first (newest first without a query)."""
    filters = filters or Filters()
    conds, params = filters.where()
    expr = fts_query(parse_query(query)) if query.strip() else ""
    if query.strip() and not expr:
        return []
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
    try:
        return [(int(r[0]), -float(r[1])) for r in conn.execute(sql, params)]
    except sqlite3.OperationalError as exc:
        raise StoreError(f"search failed for {query!r}: {exc}", reason="malformed") from exc


def count(conn: sqlite3.Connection, query: str, filters: Filters | None = None) -> int:
    return len(select_ids(conn, query, filters, limit=None))


def search(
    conn: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0
) -> list[SearchHit]:
    """Search the store: hits with a snippet of the clean text and highlighted matches."""
    ids = select_ids(conn, query, filters, limit, offset)
    groups = parse_query(query)
    hits = []
    for article_id, score in ids:
        row = conn.execute(
            "SELECT url, outlet, date, headline, story_id, clean_text FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        hit = SearchHit(article_id, row[0], row[1], row[2], row[3], row[4], score)
        hit.snippet, hit.highlights = snippet(row[5], groups)
        hits.append(hit)
    return hits


def match_offsets(text: str, groups: list[list[Term]]) -> list[tuple[int, int]]:
    """Raw ``(start, end)`` of every word of ``text`` a positive query term matches."""
    wanted: set[str] = set()
    prefixes: list[str] = []
    phrases: list[list[str]] = []
    for group in groups:
        for term in group:
            if term.negated:
                continue
            if len(term.words) > 1:
                phrases.append(term.words)
            elif term.prefix:
                prefixes.append(term.words[0])
            else:
                wanted.add(term.words[0])
    view = normalize(text)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(view.text)]
    out = []
    for i, (start, end, word) in enumerate(words):
        readings = [word, *(stem for _, stem in clitic_candidates(word)[1:])]
        hit = any(r in wanted for r in readings) or any(r.startswith(p) for r in readings for p in prefixes)
        if hit:
            out.append(view.raw_span(start, end))
        for phrase in phrases:
            if [w[2] for w in words[i : i + len(phrase)]] == phrase:
                out.append(view.raw_span(start, words[i + len(phrase) - 1][1]))
    return sorted(set(out))


def snippet(text: str, groups: list[list[Term]], width: int = 240) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around its first match, and the matches inside it (snippet offsets)."""
    matches = match_offsets(text, groups) if groups else []
    start = max(0, matches[0][0] - width // 3) if matches else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    prefix, suffix = ("… " if start else ""), (" …" if end < len(text) else "")
    shift = len(prefix) - start
    inside = [(s + shift, e + shift) for s, e in matches if s >= start and e <= end]
    return prefix + text[start:end].replace("\n", " ") + suffix, inside
