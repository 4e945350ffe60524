"""Events in the store: event reports written with their article, fused incrementally.

:func:`add_reports` writes the report rows of a stored article (or of a syndicated copy of
one); :func:`refresh` then fuses the new reports into ``events`` looking only at candidate
reports found through the ``event_reports_block`` index (type family, country, days), never
at the whole store: the dated blocks the new reports fall in, the undated reports whose
window covers those days, and the undated blocks that touches (:mod:`.fusion` explains the
two steps). Everything runs inside the ingest batch's transaction, so a killed ingest loses
the batch's events with its articles and a rerun redoes both.

Each event gets its stable id (:func:`.fused.event_id`); when the new reports merge
events, split one, or give one an earlier founding report, ``event_changes`` records
``(kind, old_id, new_id)`` (``merged``, ``split``, ``renamed``), so an export of yesterday
can be reconciled with today's.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from typing import Any

from .fused import event_id, fuse
from .fusion import DEFAULT, Node, Params, attach, cluster
from .reports import FUSABLE, ReportRow

#: The widest window a report can have (a year named alone), so a window query is a bounded range.
MAX_WINDOW_DAYS = 366
_NODE_COLS = (
    "r.id, r.key, r.family, r.country, r.admin1, r.location_kb_id, r.location, r.latitude, r.longitude, "
    "r.geo_precision, r.lo, r.hi, r.dated, r.sub_event_type, m.terms, m.sig, a.syndicate_id, r.realis, "
    "r.cluster, r.event_id"
)
_NODE_FROM = (
    "FROM event_reports r JOIN articles a ON a.id = r.article_id "
    "LEFT JOIN minhashes m ON m.article_id = r.article_id WHERE r.copy_id IS NULL"
)


@dataclass
class Loaded:
    """A node and what the store said of it before this refresh."""

    node: Node
    fusable: bool
    cluster: str | None
    event_id: str | None


@dataclass
class FusionStats:
    """What one refresh did."""

    reports: int = 0
    events_written: int = 0
    changes: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def add_reports(conn: sqlite3.Connection, article_id: int, rows: Sequence[ReportRow]) -> list[int]:
    """Write an article's report rows; return their ids."""
    cols = ReportRow.columns()
    sql = (f"INSERT INTO event_reports (article_id, {', '.join(_q(c) for c in cols)}) "
           f"VALUES (?, {', '.join('?' * len(cols))})")
    ids = []
    for row in rows:
        ids.append(int(conn.execute(sql, (article_id, *row.values())).lastrowid or 0))
    return ids


def add_copy_reports(conn: sqlite3.Connection, article_id: int, copy_id: int, *, url: str,
                     outlet: str | None, published: str | None) -> list[int]:
    """Write, for a syndicated copy of a stored article, one report per report of the original
    (the same key and event; its own outlet, URL and date)."""
    cols = [c for c in ReportRow.columns() if c not in ("outlet", "url", "published")]
    names = ", ".join(_q(c) for c in cols)
    conn.execute(
        f"INSERT INTO event_reports (article_id, copy_id, outlet, url, published, event_id, {names}) "
        f"SELECT article_id, ?, ?, ?, ?, event_id, {names} FROM event_reports "
        "WHERE article_id = ? AND copy_id IS NULL",
        (copy_id, outlet, url, (published or "")[:10] or None, article_id),
    )
    return [int(r[0]) for r in conn.execute("SELECT id FROM event_reports WHERE copy_id = ?", (copy_id,))]


def _q(column: str) -> str:
    return f'"{column}"' if column == "end" else column


def _day(value: str) -> Date:
    return Date.fromisoformat(value)


def _loaded(row: tuple[Any, ...]) -> Loaded:
    (rid, key, fam, country, admin1, kb, place, lat, lon, prec, lo, hi, dated, sub, terms, sig, synd,
     realis, clus, eid) = row
    fusable = realis in FUSABLE and country is not None and lo is not None
    node = Node(rid, key, fam, country, admin1, kb, place, lat, lon, prec,
                _day(lo) if lo else Date.min, _day(hi) if hi else Date.min, bool(dated), sub,
                frozenset((terms or "").split()), sig, synd)
    return Loaded(node, fusable, clus, eid)


def _load(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[Loaded]:
    return [_loaded(r) for r in conn.execute(f"SELECT {_NODE_COLS} {_NODE_FROM} AND {where}", params)]


def refresh(conn: sqlite3.Connection, report_ids: Iterable[int], now: str, *, run_id: int | None = None,
            params: Params = DEFAULT) -> FusionStats:
    """Fuse the new reports (ids of ``event_reports`` rows, copies included) into ``events``."""
    ids = sorted(set(report_ids))
    stats = FusionStats(reports=len(ids))
    if not ids:
        return stats
    new = _by_ids(conn, ids)
    copies = {r[0] for r in _chunks(conn, "SELECT key FROM event_reports WHERE copy_id IS NOT NULL AND id IN",
                                    ids)}
    groups, touched = _regroup(conn, [x for x in new if x.fusable], params)
    for x in new:  # (the loaded copies in ``touched`` carry the new clusters)
        touched.setdefault(x.node.key, x)
    groups += [[x.node.key] for x in new if not x.fusable]
    grouped = {k for g in groups for k in g}
    for key in sorted(copies - grouped):  # a copy of an article whose events did not move
        rows = _chunks(conn, "SELECT event_id FROM event_reports WHERE copy_id IS NULL AND key IN", [key])
        eid = rows[0][0] if rows else None
        members = [r[0] for r in conn.execute(
            "SELECT key FROM event_reports WHERE event_id = ? AND copy_id IS NULL", (eid,))] if eid else [key]
        groups.append(members)
        grouped.update(members)
        for k in members:
            touched.setdefault(k, _load(conn, "r.key = ?", (k,))[0])
    _write(conn, groups, touched, now=now, run_id=run_id, stats=stats)
    return stats


def _by_ids(conn: sqlite3.Connection, ids: list[int]) -> list[Loaded]:
    out = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out += _load(conn, f"r.id IN ({','.join('?' * len(chunk))})", chunk)
    return out


def _chunks(conn: sqlite3.Connection, sql: str, values: Sequence[Any]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for i in range(0, len(values), 500):
        chunk = list(values[i:i + 500])
        out += conn.execute(f"{sql} ({','.join('?' * len(chunk))})", chunk).fetchall()
    return out


Block = tuple[str, str | None, str]


def _regroup(conn: sqlite3.Connection, new: list[Loaded],
             params: Params) -> tuple[list[list[str]], dict[str, Loaded]]:
    """Recompute every cluster the new fusable reports can change; return the groups of keys
    (one per event) and every report loaded (with its new ``cluster``)."""
    touched: dict[str, Loaded] = {}
    blocks = sorted({(x.node.family, x.node.country or "", x.node.lo.isoformat())
                     for x in new if x.node.dated})
    recomputed: dict[str, list[Node]] = {}
    for fam, country, day in blocks:
        block = [m for m in _load(conn, "r.family = ? AND r.country = ? AND r.dated = 1 AND r.hi = ?",
                                  (fam, country, day)) if m.fusable]
        touched.update({m.node.key: m for m in block})
        for group in cluster([m.node for m in block], params):
            recomputed[group[0].key] = group
    redone = {n.key for g in recomputed.values() for n in g}
    undated = {x.node.key: x for x in new if not x.node.dated}
    for fam, country, day in blocks:
        last = (_day(day) + timedelta(days=MAX_WINDOW_DAYS)).isoformat()  # bounds the index range
        for x in _load(conn, "r.family = ? AND r.country = ? AND r.dated = 0 AND r.hi BETWEEN ? AND ? "
                       "AND r.lo <= ?", (fam, country, day, last, day)):
            if x.fusable:
                undated.setdefault(x.node.key, x)
    touched.update(undated)
    before = {k: x.cluster for k, x in undated.items()}
    decided = {k: _attach(conn, x.node, recomputed, redone, params) for k, x in sorted(undated.items())}
    groups = []
    for cid in sorted(set(recomputed) | {c for c in [*decided.values(), *before.values()] if c}):
        members = _cluster_members(conn, cid, recomputed, redone | set(undated), touched)
        if members:
            members += [k for k, c in decided.items() if c == cid]
            for k in members:
                touched[k].cluster = cid
            groups.append(members)
    return groups + _undated_groups(conn, undated, decided, touched, params), touched


def _cluster_members(conn: sqlite3.Connection, cid: str, recomputed: dict[str, list[Node]], skip: set[str],
                     touched: dict[str, Loaded]) -> list[str]:
    """The keys of a dated cluster (recomputed, or as stored) and of the undated reports already
    attached to it that are not being decided again; empty when the cluster is gone."""
    members = [n.key for n in recomputed[cid]] if cid in recomputed else []
    for m in _load(conn, "r.cluster = ?", (cid,)):
        k = m.node.key
        if k in skip or k in members or (m.node.dated and cid in recomputed):
            continue
        touched.setdefault(k, m)
        members.append(k)
    return members if any(touched[k].node.dated for k in members) else []


def _undated_groups(conn: sqlite3.Connection, undated: dict[str, Loaded], decided: dict[str, str | None],
                    touched: dict[str, Loaded], params: Params) -> list[list[str]]:
    """Clusters of the undated reports attached to no dated cluster, per (family, country, last day)."""
    groups = []
    for fam, country, day in sorted({(x.node.family, x.node.country or "", x.node.hi.isoformat())
                                     for x in undated.values()}):
        rest = [m for m in _load(conn, "r.family = ? AND r.country = ? AND r.dated = 0 AND r.hi = ?",
                                 (fam, country, day)) if m.fusable]
        alone = [m for m in rest if decided.get(m.node.key, m.cluster) is None]
        for m in alone:
            touched.setdefault(m.node.key, m).cluster = None
        groups += [[n.key for n in g] for g in cluster([m.node for m in alone], params)]
    return groups


def _attach(conn: sqlite3.Connection, u: Node, recomputed: dict[str, list[Node]], redone: set[str],
            params: Params) -> str | None:
    """The dated cluster an undated report joins: among the recomputed clusters and the stored
    ones (outside the recomputed blocks) of its family and country within its window."""
    clusters: dict[str, list[Node]] = {cid: g for cid, g in recomputed.items()
                                       if g[0].family == u.family and g[0].country == u.country
                                       and u.lo <= g[0].lo <= u.hi}
    for x in _load(conn, "r.family = ? AND r.country = ? AND r.dated = 1 AND r.hi >= ? AND r.hi <= ?",
                   (u.family, u.country, u.lo.isoformat(), u.hi.isoformat())):
        if x.fusable and x.cluster is not None and x.node.key not in redone:
            clusters.setdefault(x.cluster, []).append(x.node)
    return attach(u, clusters, params)


def _write(conn: sqlite3.Connection, groups: list[list[str]], touched: dict[str, Loaded], *, now: str,
           run_id: int | None, stats: FusionStats) -> None:
    """Write the events of ``groups`` (lists of report keys), replacing the old ones, and record
    how old ids map to new ones."""
    old_of = {k: x.event_id for k, x in touched.items()}
    new_of: dict[str, str] = {}
    old_ids = {e for e in old_of.values() if e}
    rows = []
    for group in groups:
        reports = _report_rows(conn, group)
        if not reports:
            continue
        row = fuse(reports, now)
        rows.append((row, group))
        for k in group:
            new_of[k] = row["id"]
    _record_changes(conn, old_of, new_of, now=now, run_id=run_id, stats=stats)
    conn.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in sorted(old_ids)])
    for row, group in rows:
        cols = list(row)
        marks = ", ".join("?" * len(cols))
        conn.execute(f"INSERT OR REPLACE INTO events ({', '.join(cols)}) VALUES ({marks})",
                     [row[c] for c in cols])
        for k in group:
            conn.execute("UPDATE event_reports SET event_id = ?, cluster = ? WHERE key = ?",
                         (row["id"], touched[k].cluster if k in touched else None, k))
        stats.events_written += 1


def _report_rows(conn: sqlite3.Connection, keys: list[str]) -> list[dict[str, Any]]:
    """Full rows of the reports with these keys (copies included), with the article's syndicate."""
    cur = conn.execute(
        "SELECT r.*, a.syndicate_id FROM event_reports r JOIN articles a ON a.id = r.article_id "
        f"WHERE r.key IN ({','.join('?' * len(keys))})", keys)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _record_changes(conn: sqlite3.Connection, old_of: dict[str, str | None], new_of: dict[str, str], *,
                    now: str, run_id: int | None, stats: FusionStats) -> None:
    by_old: dict[str, set[str]] = defaultdict(set)
    for k, old in old_of.items():
        if old and k in new_of:
            by_old[old].add(new_of[k])
    sources: dict[str, set[str]] = defaultdict(set)
    for old, news in by_old.items():
        for n in news:
            sources[n].add(old)
    rows = []
    for old, news in sorted(by_old.items()):
        if news == {old}:
            continue
        if len(news) > 1:
            rows += [("split", old, n) for n in sorted(news) if n != old]
        else:
            (n,) = news
            rows.append(("merged" if len(sources[n]) > 1 else "renamed", old, n))
    for kind, old, n in rows:
        stats.changes[kind] += 1
        conn.execute("INSERT INTO event_changes (run_id, changed, kind, old_id, new_id) VALUES (?,?,?,?,?)",
                     (run_id, now, kind, old, n))


__all__ = ["FusionStats", "add_copy_reports", "add_reports", "event_id", "rebuild", "refresh"]


def rebuild(conn: sqlite3.Connection, now: str, params: Params = DEFAULT) -> FusionStats:
    """Fuse every stored report from scratch (evaluation sweeps; what incremental fusion must
    equal). Drops the events and the change log; the caller owns the transaction."""
    conn.execute("DELETE FROM events")
    conn.execute("DELETE FROM event_changes")
    conn.execute("UPDATE event_reports SET event_id = NULL, cluster = NULL")
    ids = [r[0] for r in conn.execute("SELECT id FROM event_reports ORDER BY id")]
    return refresh(conn, ids, now, params=params)
