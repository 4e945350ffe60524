"""Scaling of `rasd analyze --workers N` and `rasd ingest --workers N`: the same ANT articles
with 1 and 2 workers, in one run, wall and CPU time.

Runs the batch runner exactly as the commands do (``run_batch`` with the CLI's ``finish``,
the parent writing JSON Lines to /dev/null, or ingest into a fresh database) for N ANT
articles (default 300) sampled as bench/bench_analyze.py does. Rounds alternate
(1, 2, 1, 2...) so a change in the machine's load hits both. Reports per setting: wall
seconds, articles per second, CPU seconds (parent + workers), and the speed-up of 2
workers over 1 (median of rounds). The machine's load average is printed: on a shared
machine the other users' jobs take cores, and a speed-up can only be read against it.

Usage: python bench/bench_workers.py [-n 300] [--rounds 2] [--what analyze|ingest|both]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analyze import sample_inputs

from rasd.metrics import shared_data

ARCHIVE = Path("corpora") / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def parent_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def run_analyze(inputs: list, workers: int) -> tuple[float, float, float]:
    from rasd.cli import analyze_output
    from rasd.settings import Settings

    settings = Settings()
    start, c0, p0 = time.perf_counter(), cpu(), parent_cpu()
    with Path(os.devnull).open("w", encoding="utf-8") as sink:
        for line in analyze_output(iter(inputs), settings=settings, fmt="json", workers=workers,
                                   include_tokens=True):
            sink.write(line if isinstance(line, str) else "")
    return time.perf_counter() - start, cpu() - c0, parent_cpu() - p0


def run_ingest(inputs: list, workers: int) -> tuple[float, float, float]:
    """``rasd ingest --limit N --workers W`` of the archive's first N articles (so not the
    sampled ones: the same N for 1 and 2 workers)."""
    from rasd.store.db import open_store
    from rasd.store.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        start, c0, p0 = time.perf_counter(), cpu(), parent_cpu()
        with open_store(str(Path(tmp) / "b.db")) as store:
            ingest(store, [str(shared_data() / ARCHIVE)], workers=workers, limit=len(inputs))
        return time.perf_counter() - start, cpu() - c0, parent_cpu() - p0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=300, help="ANT articles (default 300)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds (default 2)")
    ap.add_argument("--what", choices=("analyze", "ingest", "both"), default="both")
    args = ap.parse_args()
    archive = shared_data() / ARCHIVE
    if not archive.is_file():
        print(f"bench_workers: ANT archive not found at {archive} (set RASD_SHARED_DATA); nothing to do")
        return 0
    inputs = sample_inputs(archive, args.n)
    print(f"{len(inputs)} ANT articles, {args.rounds} alternating rounds, {os.cpu_count()} cores, "
          f"load average before: {os.getloadavg()[0]:.2f}")
    kinds = ("analyze", "ingest") if args.what == "both" else (args.what,)
    for kind in kinds:
        fn = run_analyze if kind == "analyze" else run_ingest
        runs: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
        for _ in range(args.rounds):
            for workers in (1, 2):
                runs[workers].append(fn(inputs, workers))
        for workers, got in runs.items():
            wall = statistics.median(w for w, _, _ in got)
            used = statistics.median(c for _, c, _ in got)
            parent = statistics.median(p for _, _, p in got)
            print(f"  {kind:<8} --workers {workers}: wall {wall:6.1f} s  {len(inputs) / wall:6.1f} articles/s"
                  f"  CPU {used:6.1f} s ({1000 * used / len(inputs):.0f} ms/article; parent {parent:.1f} s)")
        speedup = statistics.median(w for w, _, _ in runs[1]) / statistics.median(w for w, _, _ in runs[2])
        one = statistics.median(c for _, c, _ in runs[1])
        two, parent = (statistics.median(x[i] for x in runs[2]) for i in (1, 2))
        bound = one / max(parent, two / 2)
        print(f"  {kind:<8} 2 workers / 1 worker: {speedup:.2f}x (wall); on 2 free cores the CPU "
              f"figures bound it at {bound:.2f}x (1 worker's CPU over max(parent CPU, half of the total))")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
