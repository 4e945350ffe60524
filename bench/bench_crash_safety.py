"""Crash safety of ingest: kill -9 it again and again, then check the store and count.

Reads the first N articles (default 600) of the ANT archive
(``../shared/data/corpora/ant-multisource``, or ``$RASD_SHARED_DATA``). First a reference
store is built without interruption. Then the same ingest is started K times (default 26)
on one store, each time killed with SIGKILL after a random delay, and the store is checked
after every kill:

- ``PRAGMA integrity_check`` is ``ok``, ``PRAGMA foreign_key_check`` is empty, and the FTS5
  index passes its ``integrity-check``;
- every stored article has its search document and MinHash signature, and every span its
  article (no half-written article survives a kill);
- no text is stored twice.

A last run completes the ingest, and the stored articles (by normalized-text hash) must equal
the reference: nothing lost, nothing duplicated. Prints a JSON report.

After a rerun that finishes (not killed), the completed store is compared with the reference
too, and the next kills start again from an empty store.

Usage: python bench/bench_crash_safety.py [-n 600] [--kills 26] [--batch-size 20] [--pipeline core|full]
       [--seed 16]
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rasd.metrics import shared_data

ARCHIVE = ("corpora", "ant-multisource", "antcorpus.multisource.data-f117ce4.tar.xz")
CORE = ("ar.structure.v1", "ar.tokens.v1", "ar.sentences.v1")
INGEST = """
import sys
from rasd.store.db import open_store
from rasd.store.ingest import ingest
db, archive, n, batch, pipeline = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
core = ("ar.structure.v1", "ar.tokens.v1", "ar.sentences.v1")
with open_store(db) as store:
    ingest(store, [archive], limit=n, batch_size=batch, pipeline=core if pipeline == "core" else None)
"""


def run_ingest(db: Path, archive: Path, n: int, batch: int, pipeline: str,  # noqa: PLR0917
               kill_after: float | None) -> bool:
    """Run one ingest in a child process; kill it with SIGKILL after ``kill_after`` seconds.
    True when it was killed before finishing."""
    command = [sys.executable, "-c", INGEST, str(db), str(archive), str(n), str(batch), pipeline]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=kill_after)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def check(db: Path) -> dict[str, object]:
    """The checks listed in the module doc, and the counts."""
    conn = sqlite3.connect(db)
    try:
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        if one("SELECT count(*) FROM sqlite_master WHERE name = 'articles'") == 0:
            # killed before the first migration committed: an empty database, consistent
            return {"integrity_check": one("PRAGMA integrity_check"), "foreign_key_problems": 0,
                    "fts_integrity_ok": True, "articles": 0, "articles_without_search_doc": 0,
                    "articles_without_minhash": 0, "orphan_spans": 0, "duplicate_texts": 0}
        fts_ok = True
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError:
            fts_ok = False
        return {
            "integrity_check": one("PRAGMA integrity_check"),
            "foreign_key_problems": len(conn.execute("PRAGMA foreign_key_check").fetchall()),
            "fts_integrity_ok": fts_ok,
            "articles": one("SELECT count(*) FROM articles"),
            "articles_without_search_doc": one(
                "SELECT count(*) FROM articles a LEFT JOIN search_docs d ON d.id = a.id WHERE d.id IS NULL"),
            "articles_without_minhash": one(
                "SELECT count(*) FROM articles a LEFT JOIN minhashes m ON m.article_id = a.id "
                "WHERE m.article_id IS NULL"),
            "orphan_spans": one("SELECT count(*) FROM spans s LEFT JOIN articles a ON a.id = s.article_id "
                                "WHERE a.id IS NULL"),
            "duplicate_texts": one("SELECT count(*) - count(DISTINCT text_hash) FROM articles"),
        }
    finally:
        conn.close()


def hashes(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        if not conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles'").fetchone()[0]:
            return set()
        return {r[0] for r in conn.execute("SELECT text_hash FROM articles")}


def healthy(state: dict[str, object]) -> bool:
    return (state["integrity_check"] == "ok" and state["fts_integrity_ok"] is True
            and not any(state[k] for k in ("foreign_key_problems", "articles_without_search_doc",
                                           "articles_without_minhash", "orphan_spans", "duplicate_texts")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("-n", type=int, default=600, help="articles to ingest (default 600)")
    parser.add_argument("--kills", type=int, default=26, help="ingests killed with SIGKILL (default 26)")
    parser.add_argument("--batch-size", type=int, default=20, help="articles per transaction (default 20)")
    parser.add_argument("--pipeline", choices=("core", "full"), default="core")
    parser.add_argument("--seed", type=int, default=16, help="seed of the kill delays")
    args = parser.parse_args(argv)
    archive = shared_data().joinpath(*ARCHIVE)
    if not archive.is_file():
        print("bench_crash_safety: the ANT archive is absent; nothing measured. Set RASD_SHARED_DATA.")
        return 0
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="rasd-crash-") as tmp:
        reference, crashed = Path(tmp) / "reference.db", Path(tmp) / "crashed.db"
        started = time.perf_counter()
        run_ingest(reference, archive, args.n, args.batch_size, args.pipeline, None)
        full_seconds = time.perf_counter() - started
        want = hashes(reference)
        rounds: list[dict[str, object]] = []
        while sum(1 for r in rounds if r["killed"]) < args.kills and len(rounds) < 4 * args.kills:
            delay = rng.uniform(0.3, max(1.0, full_seconds))
            killed = run_ingest(crashed, archive, args.n, args.batch_size, args.pipeline, delay)
            state = check(crashed)
            rounds.append({"kill_after_s": round(delay, 2), "killed": killed, "healthy": healthy(state),
                           "articles": state["articles"]})
            if not healthy(state):
                rounds[-1]["state"] = state
            if not killed:  # the reruns completed it: compare, then start again from nothing
                rounds[-1]["complete_equals_reference"] = hashes(crashed) == want
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{crashed}{suffix}").unlink(missing_ok=True)
        run_ingest(crashed, archive, args.n, args.batch_size, args.pipeline, None)
        final = check(crashed)
        got = hashes(crashed)
    report = {
        "articles_in_reference": len(want), "pipeline": args.pipeline, "batch_size": args.batch_size,
        "reference_ingest_seconds": round(full_seconds, 1),
        "kills": sum(1 for r in rounds if r["killed"]),
        "rounds_finished_before_kill": sum(1 for r in rounds if not r["killed"]),
        "completions_equal_to_reference": sum(1 for r in rounds if r.get("complete_equals_reference")),
        "unhealthy_after_kill": sum(1 for r in rounds if not r["healthy"]),
        "final": final, "final_healthy": healthy(final),
        "lost": len(want - got), "extra": len(got - want),
        "rounds": rounds,
    }
    print(json.dumps(report, indent=2))
    return 0 if report["final_healthy"] and not report["lost"] and not report["extra"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
