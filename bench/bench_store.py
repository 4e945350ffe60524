"""The store at scale: ingest N ANT articles, then search them.

Ingests the first N articles (default 5,000) of the ANT multi-source archive
(../shared/data/corpora/ant-multisource, or $RASD_SHARED_DATA) straight from its
``.tar.xz`` into a fresh database, with W analysis processes (default 2) and the
one writer, exactly as ``rasd ingest --limit N --workers W`` does; then runs Q
searches (default 100) drawn from words of the stored articles. Reports:

- ingest throughput (articles stored per second, wall clock, story grouping included),
- database size per 1,000 articles,
- search latency p50/p95 (hits with snippets and highlights, 20 per query),
- peak memory (resident set of the writer process and of the largest worker).

Usage: python bench/bench_store.py [-n 5000] [--workers 2] [--queries 100] [--core-only] [--db PATH]

``bench/bench_store_incremental.py`` measures what one incremental ingest of 100 articles costs the store
(writing, story grouping, event fusion; analysis excluded, it is the same per article whatever
the store) in stores of 5,000 and 50,000 articles (``--sizes``). The articles are analysed once
(5,100 ANT articles, full pipeline; cached with ``--cache``); a store of S articles holds
S / 5,000 copies of the 5,000, each shifted by 400 days and given its own text hash and URL,
so the store grows in time at ANT's density (about 150 news articles a day), as a store fed
for years does. The 100 new articles fall in the last period. In the same run the old way of
grouping stories (a full recompute, ``stories.assign``) is timed on the same stores.

    python bench/bench_store_incremental.py [--sizes 5000 50000] [--cache /tmp/rows.pkl]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rasd.metrics import shared_data

CORE = ("ar.structure.v1", "ar.tokens.v1", "ar.sentences.v1")


def queries(conn: object, n: int, seed: int = 7) -> list[str]:
    """Single words, two-word AND queries, phrases and prefixes taken from stored articles."""
    rng = random.Random(seed)
    rows = conn.execute("SELECT surface FROM search_docs ORDER BY random() LIMIT ?", (n,)).fetchall()  # type: ignore[attr-defined]
    out = []
    for i, (surface,) in enumerate(rows):
        words = [w for w in surface.split() if len(w) >= 4 and not w.isdigit()] or ["غزه"]
        j = rng.randrange(len(words))
        kind = i % 4
        if kind == 0 or len(words) < j + 2:
            out.append(words[j])
        elif kind == 1:
            out.append(f"{words[j]} {rng.choice(words)}")
        elif kind == 2:
            out.append(f'"{words[j]} {words[j + 1]}"')
        else:
            out.append(words[j][:3] + "*")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5000, help="articles to ingest (default 5000)")
    parser.add_argument("--workers", type=int, default=2, help="analysis processes (default 2)")
    parser.add_argument("--queries", type=int, default=100, help="searches to time (default 100)")
    parser.add_argument(
        "--core-only", action="store_true", help="run only the core components (structure, tokens)"
    )
    parser.add_argument("--db", help="database path (default: a fresh temporary file)")
    args = parser.parse_args(argv)
    archive = shared_data() / "corpora" / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
    if not archive.is_file():
        print(
            f"bench_store: the ANT archive is absent ({archive}); nothing measured. "
            "Set RASD_SHARED_DATA to the shared data folder."
        )
        return 0

    from rasd.store.db import open_store
    from rasd.store.ingest import ingest
    from rasd.store.search import search

    tmp = None
    if args.db:
        db = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="rasd-bench-")
        db = Path(tmp.name) / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    with open_store(str(db)) as store:
        summary = ingest(
            store,
            [str(archive)],
            workers=args.workers,
            limit=args.n,
            pipeline=CORE if args.core_only else None,
            progress=sys.stderr,
            total=args.n,
        )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ingest_s = time.perf_counter() - started
    size = db.stat().st_size
    with open_store(str(db), readonly=True) as store:
        qs = queries(store.conn, args.queries)
        search(store.conn, qs[0])  # warm the page cache once
        times, hits = [], 0
        for q in qs:
            t = time.perf_counter()
            hits += len(search(store.conn, q, limit=20))
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    stored = summary.articles_in_store
    report = {
        "articles_read": summary.read,
        "articles_stored": stored,
        "duplicates": summary.duplicates,
        "rejected": dict(summary.rejected),
        "stories": summary.stories,
        "workers": args.workers,
        "pipeline": "core" if args.core_only else "full",
        "cpus": os.cpu_count(),
        "ingest_seconds": round(ingest_s, 1),
        "articles_per_second": round(stored / ingest_s, 1),
        "db_mb": round(size / 1e6, 1),
        "db_mb_per_1000_articles": round(size / 1e6 / max(stored, 1) * 1000, 2),
        "search_queries": len(qs),
        "search_hits": hits,
        "search_ms_p50": round(statistics.median(times), 2),
        "search_ms_p95": round(times[int(0.95 * (len(times) - 1))], 2),
        "peak_rss_mb_writer": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_mb_largest_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }
    print(json.dumps(report, indent=2))
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
