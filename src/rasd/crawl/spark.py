"""``--engine spark``: Spark schedules and retries; every task runs :func:`process_warc`.

:func:`run_spark` parallelizes the WARC list (one partition per WARC, so a failed or slow
file is one retried task) and collects each task's small :class:`WarcResult`. The
task writes its Parquet files itself, to a folder every executor can write (a local
folder in ``local[N]``, a shared file system on a cluster). Models load once per Python
worker (Spark reuses workers, ``spark.python.worker.reuse``). :func:`dedup_spark` is the
second stage with Spark doing the heavy part: band collisions of the MinHash
signatures, pair checks, connected components by min-label propagation, and grouping
of events to fuse; the (small) results are written by the driver with the same writers
as the local engine, so both engines give the same tables.

Needs the ``spark`` extra (``pip install 'rasd[spark]'``) and Java 17.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from .dedup import (
    BANDS,
    DUPLICATES,
    EVENT_COLUMNS,
    FUSED,
    ROWS,
    STORIES,
    _fused,
    event_key,
    near_pair,
    order_key,
    write_derived,
)
from .process import WarcResult
from .run import CrawlJob

#: Iterations of min-label propagation before giving up (a story chain longer than this is split).
MAX_ITERATIONS = 30


def session(master: str | None = None) -> Any:
    """The active Spark session, or a new one (``master`` such as ``local[2]``; default
    ``local[*]`` unless ``spark-submit`` set one). In local mode the Python workers run
    this interpreter."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName("rasd crawl")
    if master is not None or "spark.master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", ""):
        builder = builder.master(master or os.environ.get("RASD_SPARK_MASTER", "local[*]"))
    if (master or "local").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        # 200 shuffle partitions (the default) cost seconds of empty tasks on one machine.
        builder = builder.config("spark.sql.shuffle.partitions", "8").config("spark.default.parallelism", "8")
    return (builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
            .config("spark.python.worker.reuse", "true")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())


def run_spark(job: CrawlJob, warcs: list[str], master: str | None = None) -> list[WarcResult]:
    """Process ``warcs`` as Spark tasks (one per WARC); the results in manifest order."""
    if not warcs:
        return []
    sc = session(master).sparkContext
    rdd = sc.parallelize(warcs, numSlices=len(warcs))
    return [WarcResult.from_dict(d) for d in rdd.map(lambda source: job.run(source).to_dict()).collect()]


def dedup_spark(out: Path) -> dict[str, int]:
    """The second stage on Spark (see :mod:`rasd.crawl.dedup` for the tables): one Spark
    job groups articles by canonical URL, text hash and MinHash band and checks each
    band's candidate pairs; connected components of the pairs by label propagation."""
    spark = session()
    arts = spark.read.parquet(str(out / "articles")).select(
        "article_id", "canonical_url", "text_hash", "date", "minhash")
    found = arts.rdd.flatMap(_keys).groupByKey().flatMap(_group).collect()
    ids = sorted((x[1] for x in found if x[0] == "id"), key=order_key)
    dups, exact = _exact_from_groups([x for x in found if x[0] in ("url", "text")])
    pairs = {(x[1], x[2]) for x in found if x[0] == "pair" and x[1] not in exact and x[2] not in exact}
    first_near: dict[str, str] = {}
    for a, b in sorted(pairs):
        first_near.setdefault(b, a)
    dups += [{"article_id": b, "duplicate_of": a, "kind": "near"} for b, a in sorted(first_near.items())]
    kept = [a for a in ids if a not in exact]
    labels = _components(spark, kept, pairs)
    sizes: dict[str, int] = {}
    for root in labels.values():
        sizes[root] = sizes.get(root, 0) + 1
    stories = [{"article_id": a, "story_id": r, "size": sizes[r]} for a, r in sorted(labels.items())]
    fused = _fuse(spark, out, exact)
    write_derived(out, "duplicates", dups, DUPLICATES)
    write_derived(out, "stories", stories, STORIES)
    write_derived(out, "fused_events", fused, FUSED)
    return {"articles": len(ids), "exact duplicates": len(exact), "near-duplicates": len(first_near),
            "stories": len(sizes), "stories with 2+ reports": sum(1 for n in sizes.values() if n > 1),
            "fused events": len(fused)}


def _keys(row: Any) -> list[tuple[Any, Any]]:
    """An article's group keys: itself, its canonical URL, its text hash, its LSH bands."""
    aid = row["article_id"]
    out: list[tuple[Any, Any]] = [(("id", aid), None)]
    if row["canonical_url"] is not None:
        out.append((("url", row["canonical_url"]), aid))
    if row["text_hash"] is not None:
        out.append((("text", row["text_hash"]), aid))
    if row["minhash"]:
        sig = bytes(row["minhash"])
        item = (aid, row["date"], sig)
        out += [(("band", bytes([b]) + sig[b * ROWS * 4:(b + 1) * ROWS * 4]), item) for b in range(BANDS)]
    return out


def _group(kv: tuple[tuple[str, Any], Any]) -> list[tuple[Any, ...]]:
    """What one group gives: the id, a URL or text group of 2+ articles, or checked pairs."""
    (kind, key), members = kv
    if kind == "id":
        return [("id", key)]
    if kind in ("url", "text"):
        items = sorted(set(members), key=order_key)
        return [(kind, tuple(items))] if len(items) > 1 else []
    items = sorted(set(members))
    out = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if near_pair({"date": a[1], "minhash": a[2]}, {"date": b[1], "minhash": b[2]}):
                out.append(("pair", min(a[0], b[0]), max(a[0], b[0])))
    return out


def _exact_from_groups(groups: list[tuple[Any, ...]]) -> tuple[list[dict[str, str]], set[str]]:
    """Duplicates as :func:`rasd.crawl.dedup.exact_duplicates` finds them: URL first, then
    the text hash among the articles that are not URL duplicates; in crawl order."""
    dups: list[dict[str, str]] = []
    url_dups: set[str] = set()
    for kind, group in sorted(groups, key=lambda g: g[0] != "url"):
        members = [m for m in group if kind == "url" or m not in url_dups]
        for m in members[1:]:
            dups.append({"article_id": m, "duplicate_of": members[0], "kind": kind})
            if kind == "url":
                url_dups.add(m)
    dups.sort(key=lambda d: order_key(d["article_id"]))
    return dups, {d["article_id"] for d in dups}


def _components(spark: Any, ids: list[str], pairs: set[tuple[str, str]]) -> dict[str, str]:
    """Connected components by min-label propagation over the pair graph (Spark joins);
    each article's label ends as the smallest id of its component."""
    from pyspark.sql import functions as F

    labels_of = {a: a for a in ids}
    if not pairs:
        return labels_of
    labels = spark.createDataFrame([(a,) for a in sorted({x for p in pairs for x in p})], "id string")
    labels = labels.withColumn("label", F.col("id"))
    edges = spark.createDataFrame([*pairs, *((b, a) for a, b in pairs)], "src string, dst string")
    for _ in range(MAX_ITERATIONS):
        sent = edges.join(labels, edges.src == labels.id).select(F.col("dst").alias("id"), "label")
        new = labels.unionByName(sent).groupBy("id").agg(F.min("label").alias("label")).localCheckpoint()
        changed = new.alias("n").join(labels.alias("o"), "id").where("n.label != o.label").count()
        labels = new
        if changed == 0:
            break
    labels_of.update({r["id"]: r["label"] for r in labels.collect()})
    return labels_of


def _fuse(spark: Any, out: Path, exact_ids: set[str]) -> list[dict[str, Any]]:
    events_dir = out / "events"
    if not any(events_dir.glob("*.parquet")):
        return []
    events = spark.read.parquet(str(events_dir)).select(*EVENT_COLUMNS)
    keyed = events.rdd.map(lambda r: r.asDict()).filter(lambda e: e["article_id"] not in exact_ids)
    grouped = keyed.map(lambda e: (event_key(e) or e["event_id"], e)).groupByKey()
    fused = grouped.map(lambda kv: _fused(sorted(kv[1], key=lambda e: e["event_id"]))).collect()
    return sorted(fused, key=lambda f: f["fused_id"])
