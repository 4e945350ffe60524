"""The crawl's second stage, over the whole output folder: duplicates across WARC files,
near-duplicates and stories from the stored MinHash signatures, and crawl-wide events.

It reads a few columns of ``articles``, ``events`` and ``reports`` and writes tables of
its own, so article files are never rewritten:

- ``duplicates``: ``article_id``, ``duplicate_of`` (the first article, by id, with the same
  key), ``kind`` (``url``: same canonical URL; ``text``: same normalized-text hash;
  ``near``: MinHash similarity at least the store's :data:`~rasd.store.stories.THRESHOLD`
  within :data:`~rasd.store.stories.MAX_DAYS` days);
- ``stories``: ``article_id``, ``story_id`` (the smallest article id of its connected
  component of near-duplicate pairs), ``size``;
- ``fused_events``: per-article event records fused across the crawl by
  :func:`fuse_events`.

Candidate pairs come from LSH banding of the 64 MinHash values (:data:`BANDS` bands of
:data:`ROWS` values: a pair of similarity 0.3 shares a band with probability 0.95).
This local implementation and the Spark one (:mod:`rasd.crawl.spark`) use the same
banding, threshold and union rule.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from ..store.stories import MAX_DAYS, NUM_PERM, THRESHOLD

ROWS = 2
BANDS = NUM_PERM // ROWS
DERIVED = ("duplicates", "stories", "fused_events")

DUPLICATES = pa.schema([("article_id", pa.string()), ("duplicate_of", pa.string()), ("kind", pa.string())])
STORIES = pa.schema([("article_id", pa.string()), ("story_id", pa.string()), ("size", pa.int32())])
FUSED = pa.schema([
    ("fused_id", pa.string()), ("event_type", pa.string()), ("sub_event_type", pa.string()),
    ("event_date", pa.date32()), ("location", pa.string()), ("country", pa.string()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("reports", pa.int32()),
    ("articles", pa.int32()), ("outlets", pa.int32()), ("event_ids", pa.list_(pa.string())),
    ("fatalities_min", pa.int32()), ("fatalities_max", pa.int32()),
    ("injured_min", pa.int32()), ("injured_max", pa.int32()),
])


def bands(sig: bytes) -> list[bytes]:
    """The LSH band keys of one signature: band number and its ``ROWS`` values."""
    return [bytes([b]) + sig[b * ROWS * 4:(b + 1) * ROWS * 4] for b in range(BANDS)]


def similar(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures (share of equal values)."""
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


def near_pair(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two articles are near-duplicates: similar signatures, published close enough."""
    if a["date"] is not None and b["date"] is not None and abs((a["date"] - b["date"]).days) > MAX_DAYS:
        return False
    return similar(a["minhash"], b["minhash"]) >= THRESHOLD


class UnionFind:
    """Connected components; a component is named by its smallest member."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _read(out: Path, table: str, columns: list[str]) -> list[dict[str, Any]]:
    files = sorted((out / table).glob("*.parquet"))
    if not files:
        return []
    data = pa.concat_tables([pq.read_table(f, columns=columns) for f in files])
    rows: list[dict[str, Any]] = data.to_pylist()
    return rows


def order_key(article_id: str) -> tuple[str, int]:
    """Articles in crawl order: by WARC id, then record number (``warc-id/12``)."""
    warc, _, record = article_id.rpartition("/")
    return warc, int(record) if record.isdigit() else 0


def exact_duplicates(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Later articles (in crawl order) with an earlier one's canonical URL or text hash."""
    first: dict[tuple[str, str], str] = {}
    out = []
    for row in sorted(rows, key=lambda r: order_key(r["article_id"])):
        for kind, key in (("url", row["canonical_url"]), ("text", row["text_hash"])):
            if key is None:
                continue
            if (kind, key) in first:
                out.append({"article_id": row["article_id"], "duplicate_of": first[kind, key], "kind": kind})
                break
            first[(kind, key)] = row["article_id"]
    return out


def near_pairs(rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """Pairs (smaller id first) of near-duplicate articles, from band collisions."""
    buckets: dict[bytes, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row["minhash"]:
            for band in bands(row["minhash"]):
                buckets[band].append(i)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                a, b = rows[i]["article_id"], rows[j]["article_id"]
                key = (min(a, b), max(a, b))
                if key not in pairs and near_pair(rows[i], rows[j]):
                    pairs.add(key)
    return pairs


def stories_from(ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """Story rows: each article's component (smallest id) and the component's size."""
    uf = UnionFind()
    for a in ids:
        uf.find(a)
    for a, b in pairs:
        uf.union(a, b)
    roots = {a: uf.find(a) for a in uf.parent}
    sizes: dict[str, int] = defaultdict(int)
    for root in roots.values():
        sizes[root] += 1
    return [{"article_id": a, "story_id": r, "size": sizes[r]} for a, r in sorted(roots.items())]


# -- crawl-wide events ------------------------------------------------------------------------
@dataclass(frozen=True)
class EventKey:
    """What makes two per-article records one event across the crawl: ACLED's event
    definition (type and sub-type, one day, one place)."""

    event_type: str
    sub_event_type: str | None
    day: Any
    place: str


def event_key(event: dict[str, Any]) -> EventKey | None:
    """The fusion key of an ``events`` row, or ``None`` when it cannot be fused (no day,
    a place known only to the country, not an actual event)."""
    if event["event_date"] is None or event["realis"] != "actual" or not event["event_type"]:
        return None
    if (event["geo_precision"] or 3) > 2:
        return None
    place = event["location_kb_id"] or f"{event['country']}:{event['location']}"
    return EventKey(event["event_type"], event["sub_event_type"], event["event_date"], place)


def fuse_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fuse per-article event rows into crawl-wide events (one row per fused event).

    Interim rule until the store's cross-article fusion (issue 14) lands: rows with the
    same :class:`EventKey` are one event; counts keep the range the reports gave (min and
    max of their best figures), never a sum. Rows without a key stay single events.
    Replace :func:`event_key` and the range rule by the store's rules there.
    """
    groups: dict[EventKey | str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        groups[event_key(event) or event["event_id"]].append(event)
    fused = [_fused(sorted(group, key=lambda e: e["event_id"])) for group in groups.values()]
    return sorted(fused, key=lambda f: f["fused_id"])


def _fused(group: list[dict[str, Any]]) -> dict[str, Any]:
    first = group[0]

    def span(name: str) -> tuple[int | None, int | None]:
        values = [e[name] for e in group if e[name] is not None]
        return (min(values), max(values)) if values else (None, None)

    fat, inj = span("fatalities_best"), span("injured_best")
    return {
        "fused_id": first["event_id"], "event_type": first["event_type"],
        "sub_event_type": first["sub_event_type"], "event_date": first["event_date"],
        "location": first["location"], "country": first["country"], "latitude": first["latitude"],
        "longitude": first["longitude"], "reports": len(group),
        "articles": len({e["article_id"] for e in group}),
        "outlets": len({e["outlet"] for e in group if e["outlet"]}),
        "event_ids": [e["event_id"] for e in group], "fatalities_min": fat[0], "fatalities_max": fat[1],
        "injured_min": inj[0], "injured_max": inj[1],
    }


EVENT_COLUMNS = ["event_id", "article_id", "event_type", "sub_event_type", "event_date", "realis",
                 "geo_precision", "location_kb_id", "country", "location", "latitude", "longitude",
                 "outlet", "fatalities_best", "injured_best"]


def write_derived(out: Path, table: str, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    """Replace ``OUT/<table>/part-0.parquet`` (written under a temporary name, renamed)."""
    folder = out / table
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".part-0.parquet.tmp-{os.getpid()}"
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd")
    tmp.replace(folder / "part-0.parquet")


def dedup_local(out: Path) -> dict[str, int]:
    """Run the second stage in this process; return its counts."""
    rows = _read(out, "articles", ["article_id", "canonical_url", "text_hash", "date", "minhash"])
    dups = exact_duplicates(rows)
    exact = {d["article_id"] for d in dups}
    kept = [r for r in rows if r["article_id"] not in exact]
    pairs = near_pairs(kept)
    first_near: dict[str, str] = {}
    for a, b in sorted(pairs):
        first_near.setdefault(b, a)
    dups += [{"article_id": b, "duplicate_of": a, "kind": "near"} for b, a in sorted(first_near.items())]
    stories = stories_from((r["article_id"] for r in kept), pairs)
    events = [e for e in _read(out, "events", EVENT_COLUMNS) if e["article_id"] not in exact]
    fused = fuse_events(events)
    write_derived(out, "duplicates", dups, DUPLICATES)
    write_derived(out, "stories", stories, STORIES)
    write_derived(out, "fused_events", fused, FUSED)
    return {"articles": len(rows), "exact duplicates": len(exact), "near-duplicates": len(first_near),
            "stories": len({s["story_id"] for s in stories}),
            "stories with 2+ reports": len({s["story_id"] for s in stories if s["size"] > 1}),
            "fused events": len(fused)}
