"""Search queries: parsing, their bounds, and the time budget every query runs under.

Query syntax: words (all must match), ``"a phrase"`` (consecutive words),
``word*`` (prefix), ``OR`` between two terms, ``-word`` (must not match).
Each word is normalized like the index (:func:`rasd.normalize.normalize_str`).

A query costs at most what :class:`QueryLimits` allows: its length, its
number of terms and of prefix terms, and the shortest prefix are checked
before SQLite sees it (:class:`QueryError`, a 400 in the web app); then it
runs under a :class:`Budget` (SQLite's progress handler, checked between the
snippets too), which also stops it when the web client goes away
(:class:`QueryTimeout`).
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import StoreError
from ..normalize import normalize_str

_WORD = re.compile(r"\w+")
_QUERY_TERM = re.compile(r'(-?)"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class QueryLimits:
    """What one search may ask for (defaults shown in docs/store.md)."""

    max_chars: int = 500  #: characters in the query
    max_terms: int = 16  #: words, phrases and prefixes, negated ones included
    max_prefix_terms: int = 4  #: ``word*`` terms
    min_prefix_chars: int = 2  #: letters before a ``*`` (after normalization)
    seconds: float = 3.0  #: time budget of one query, SQL and snippets together


DEFAULT_LIMITS = QueryLimits()


class QueryError(StoreError):
    """A query beyond :class:`QueryLimits`; the message says which bound and how to narrow it."""

    reason = "malformed"


class QueryTimeout(StoreError):
    """A query stopped by its :class:`Budget`: out of time, or its client went away."""

    reason = "malformed"


@dataclass
class Term:
    words: list[str]
    prefix: bool = False
    negated: bool = False


def parse_query(query: str, limits: QueryLimits | None = None) -> list[list[Term]]:
    """A query as AND-ed groups of OR-ed terms, each normalized like the index.

    With ``limits``, raises :class:`QueryError` for a query beyond them.
    """
    if limits is not None and len(query) > limits.max_chars:
        raise QueryError(f"the query has {len(query)} characters; at most {limits.max_chars} are allowed")
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
        words = _WORD.findall(normalize_str(raw))
        if not words:
            continue
        term = Term(words, raw.endswith("*"), negated)
        if pending_or and not negated:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    if limits is not None:
        check_limits(groups, limits)
    return groups


def check_limits(groups: list[list[Term]], limits: QueryLimits) -> None:
    """Raise :class:`QueryError` when parsed ``groups`` ask for more than ``limits`` allow."""
    terms = [t for g in groups for t in g]
    prefixes = [t for t in terms if t.prefix]
    if len(terms) > limits.max_terms:
        raise QueryError(f"the query has {len(terms)} terms; at most {limits.max_terms} are allowed")
    if len(prefixes) > limits.max_prefix_terms:
        raise QueryError(f"the query has {len(prefixes)} prefix terms (word*); at most "
                         f"{limits.max_prefix_terms} are allowed")
    short = next((t for t in prefixes if len(t.words[-1]) < limits.min_prefix_chars), None)
    if short is not None:
        raise QueryError(f"the prefix {short.words[-1]}* is too short: a prefix needs at least "
                         f"{limits.min_prefix_chars} letters")


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


class Budget:
    """A deadline for one query, and a switch to stop it early (its client went away)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def expired(self) -> bool:
        return self.cancelled or (self.deadline is not None and time.monotonic() > self.deadline)

    def check(self) -> None:
        """Raise :class:`QueryTimeout` once the budget is spent or cancelled."""
        if self.expired():
            raise self.error()

    def error(self) -> QueryTimeout:
        if self.cancelled:
            return QueryTimeout("the query was stopped: its client went away")
        return QueryTimeout(f"the query did not finish within its time budget of {self.seconds:g} s; "
                            "narrow it (fewer or longer prefixes, fewer terms, a date or outlet filter)")


#: SQLite virtual-machine instructions between two checks of the budget (well under a millisecond).
_CHECK_EVERY = 10_000


@contextmanager
def budgeted(conn: sqlite3.Connection, budget: Budget | None) -> Iterator[None]:
    """Run statements on ``conn`` under ``budget``: SQLite stops (``interrupted``) when it is spent,
    and the error becomes :class:`QueryTimeout`."""
    if budget is None:
        yield
        return
    conn.set_progress_handler(lambda: int(budget.expired()), _CHECK_EVERY)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if budget.expired():
            raise budget.error() from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
