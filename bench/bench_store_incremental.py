"""What one incremental ingest of 100 articles costs the store, at 5,000 and 50,000 articles.

The cost measured is the store's: writing the articles and their event reports, linking them
to stories (persisted LSH bands and word postings) and fusing their reports into events,
in one batch transaction, exactly as ``rasd ingest`` writes a batch (``ingest._write``).
Analysis is excluded: it costs the same per article whatever the store holds (it is timed
once here, for reference).

5,100 ANT news articles (``middleEast`` and ``internationalNews``, in archive order) are
analysed once with the full pipeline (cached with ``--cache``). A store
of S articles holds S / 5,000 copies of the first 5,000, copy c shifted by c x 400 days and
given its own text hash, URL and report keys: the store grows in time at ANT's density, as a
store fed for years does. The last 100 articles, shifted into the last period, are the
incremental batch. In the same run, on the same stores, the old way of grouping stories (a
full recompute over the store, ``stories.assign``, which ingest ran after every run before
#14) is timed as the alternative. CPU seconds of this process (the writer) are reported.

    python bench/bench_store_incremental.py [--sizes 5000 50000] [--cache /tmp/rasd-rows.pkl]
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rasd.metrics import shared_data

BASE = 5000
NEW = 100
SHIFT_DAYS = 400


def analysed_rows(n: int, workers: int, cache: Path | None) -> tuple[list[Any], float]:
    """``n`` ANT articles analysed into the rows ingest stores, and the CPU+wall time it took."""
    if cache is not None and cache.is_file():
        rows, seconds = pickle.loads(cache.read_bytes())
        return rows, seconds
    from rasd.batch import run_batch
    from rasd.intake.inputs import iter_inputs
    from rasd.settings import Settings
    from rasd.store.ingest import finish_row

    archive = shared_data() / "corpora" / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
    settings = Settings()

    def inputs() -> Any:
        taken = 0
        for item in iter_inputs(str(archive), settings.max_input_bytes):
            if taken >= n:
                return
            if "/middleEast/" in item.source or "/internationalNews/" in item.source:
                taken += 1
                yield item

    started = time.perf_counter()
    rows = [r for r in run_batch(inputs(), settings=settings, workers=workers, finish=finish_row)
            if hasattr(r, "text_hash")]
    seconds = time.perf_counter() - started
    if cache is not None:
        cache.write_bytes(pickle.dumps((rows, seconds)))
    return rows, seconds


def _shift(value: str | None, days: int) -> str | None:
    if not value or days == 0:
        return value
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (day + timedelta(days=days)).isoformat() + value[10:]


def shifted(row: Any, c: int) -> Any:
    """Copy ``c`` of an analysed row: dates moved by c x SHIFT_DAYS, its own identity."""
    if c == 0:
        return row
    out = copy.copy(row)
    days = c * SHIFT_DAYS
    out.text_hash = f"{c:06d}{row.text_hash[6:]}"  # the report keys use the first 16 digits
    out.raw_hash = f"{c:06d}{row.raw_hash[6:]}"
    out.url = f"{row.url}#copy{c}" if row.url else None
    out.published, out.date = _shift(row.published, days), _shift(row.date, days)
    out.reports = []
    for rep in row.reports:
        r = copy.copy(rep)
        r.key = f"{out.text_hash[:16]}:{rep.record_id}"
        r.event_date, r.lo, r.hi = _shift(rep.event_date, days), _shift(rep.lo, days), _shift(rep.hi, days)
        r.published = _shift(rep.published, days)
        out.reports.append(r)
    return out


def build(db: Path, rows: list[Any], size: int) -> float:
    """A store of ``size`` articles written batch by batch as ingest writes them; wall seconds."""
    from rasd.batch import Summary
    from rasd.store.db import open_store
    from rasd.store.ingest import _write

    started = time.perf_counter()
    with open_store(str(db)) as store:
        summary = Summary(stored=0, duplicates=0, copies=0)
        batch: list[Any] = []
        for c in range((size + BASE - 1) // BASE):
            for row in rows[:BASE]:
                if c * BASE + len(batch) >= size and not batch:
                    break
                batch.append(shifted(row, c))
                if len(batch) == 200:
                    _write(store, batch, summary)
                    batch = []
        _write(store, batch, summary)
    return time.perf_counter() - started


def incremental(db: Path, new: list[Any]) -> dict[str, float]:
    from rasd.batch import Summary
    from rasd.store.db import open_store
    from rasd.store.ingest import _write
    from rasd.store.stories import assign

    with open_store(str(db)) as store:
        wall, cpu = time.perf_counter(), time.process_time()
        _write(store, new, Summary(stored=0, duplicates=0, copies=0))
        inc = {"incremental_wall_s": time.perf_counter() - wall,
               "incremental_cpu_s": time.process_time() - cpu}
        articles = store.count()
        events = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        wall, cpu = time.perf_counter(), time.process_time()
        assign(store.conn)
        full = {"full_story_recompute_wall_s": time.perf_counter() - wall,
                "full_story_recompute_cpu_s": time.process_time() - cpu}
    return {"articles": articles, "events": events, **inc, **full}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="pickle of the analysed rows (reused when present)")
    args = parser.parse_args(argv)
    if not (shared_data() / "corpora" / "ant-multisource").is_dir():
        print("bench_store_incremental: the ANT corpus is absent; nothing measured")
        return 0
    rows, analysis_s = analysed_rows(BASE + NEW, args.workers, args.cache)
    report: dict[str, Any] = {"analysed_articles": len(rows), "analysis_wall_s": round(analysis_s, 1),
                              "analysis_s_per_100": round(analysis_s / len(rows) * 100, 2), "stores": []}
    for size in args.sizes:
        last = (size + BASE - 1) // BASE - 1
        new = [shifted(r, last) for r in rows[BASE:BASE + NEW]]
        with tempfile.TemporaryDirectory(prefix="rasd-inc-") as tmp:
            db = Path(tmp) / "s.db"
            built = build(db, rows, size)
            result = incremental(db, new)
            result.update({"size": size, "build_wall_s": round(built, 1),
                           "db_mb": round(db.stat().st_size / 1e6, 1)})
            report["stores"].append({k: round(v, 3) if isinstance(v, float) else v
                                     for k, v in result.items()})
            print(json.dumps(report["stores"][-1]), file=sys.stderr)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
