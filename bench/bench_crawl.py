"""Crawl throughput, in one run: `rasd crawl --engine local` with 1 and 2 workers,
`--engine spark` in local[2], and plain `rasd analyze` of the same Arabic pages.

Builds WARC files from N ANT articles with bench/build_warcs.py (English pages, images,
404s, an excluded host and Persian pages mixed in) unless ``--warcs DIR`` is given, and
writes the Arabic pages as .html files too. Then, on the same data:

- plain ``rasd analyze`` (one process) of the .html pages: wall, CPU;
- ``crawl --engine local --workers 1`` and ``--workers 2``: wall, CPU (parent + workers),
  articles per second;
- ``crawl --engine spark`` with ``local[2]``: Spark's fixed start-up (session creation)
  measured apart, then the crawl's wall time (the second stage included for every engine);
  its CPU is the driver's plus what each task measured in its Python worker;
- the gate alone over every record: microseconds per record for the header and the byte
  tests, what each test dropped, and whether any Arabic article was lost (the URLs the
  crawl analysed against the Arabic pages written);
- a projection of the cores needed for a million Arabic articles an hour from the
  measured CPU per article (analysis, reading and gating included) at a given share of
  non-Arabic records (``--mix``: records per Arabic article, default 20).

The machine's load average is printed: other users' jobs take cores and stretch wall times;
CPU times and ratios measured in the same run are the figures to read.

Usage: python bench/bench_crawl.py [-n 400] [--warcs DIR] [--mix 20] [--no-spark]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_warcs import ARCHIVE, build

from rasd.metrics import shared_data


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: object) -> tuple[object, float, float]:
    start, c0 = time.perf_counter(), cpu()
    result = fn()  # type: ignore[operator]
    return result, time.perf_counter() - start, cpu() - c0


def plain_analyze(pages: Path) -> int:
    from rasd.api import analyze_path
    from rasd.errors import Rejection

    return sum(1 for r in analyze_path(str(pages)) if not isinstance(r, Rejection))


def gate_only(warcs: list[Path]) -> dict[str, object]:
    """Read every record and run the gate: drops by reason, seconds in the header tests, in
    the byte count, and for the whole loop (reading and decompressing included)."""
    from collections import Counter

    from rasd.crawl.gate import gate_body, gate_headers
    from rasd.crawl.options import CrawlOptions
    from rasd.intake.warc import WarcError, read_records

    options, drops = CrawlOptions(), Counter[str]()
    head_s = body_s = 0.0
    records = counted = 0
    start = time.process_time()
    for path in warcs:
        with path.open("rb") as stream:
            for record in read_records(stream):
                if isinstance(record, WarcError):
                    continue
                records += 1
                t = time.process_time()
                reason = gate_headers(record, options)
                head_s += time.process_time() - t
                if reason is None:
                    data = record.payload(10_000_000).data
                    t = time.process_time()
                    reason = gate_body(data, record.content_type, options)
                    body_s += time.process_time() - t
                    counted += 1
                if reason:
                    drops[reason] += 1
    return {"drops": dict(drops), "records": records, "header_us": 1e6 * head_s / max(1, records),
            "bytes_us": 1e6 * body_s / max(1, counted), "loop_cpu": time.process_time() - start}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=400, help="ANT articles (default 400)")
    ap.add_argument("--warcs", type=Path, help="use the WARC files in DIR (built by build_warcs.py)")
    ap.add_argument("--mix", type=float, default=20.0,
                    help="records per Arabic article in the projected crawl (default 20)")
    ap.add_argument("--no-spark", action="store_true", help="leave the Spark engine out")
    args = ap.parse_args()
    if args.warcs is None and not (shared_data() / ARCHIVE).is_file():
        print("bench_crawl: ANT archive not found (set RASD_SHARED_DATA); nothing to do")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-crawl-"))
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def run(args: argparse.Namespace, tmp: Path) -> None:
    from rasd.crawl.run import crawl

    folder = args.warcs or tmp / "warcs"
    pages = tmp / "pages"
    if args.warcs is None:
        print("built:", build(folder, args.n, 4, 1.0, pages))
    warcs = sorted(folder.glob("*.warc*"))
    print(f"{len(warcs)} WARC files, {sum(w.stat().st_size for w in warcs) / 1e6:.1f} MB; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    rows: dict[str, tuple[int, float, float]] = {}
    if pages.is_dir():
        n, wall, used = timed(lambda: plain_analyze(pages))
        rows["rasd analyze (1 process)"] = (int(n), wall, used)  # type: ignore[call-overload]
    summaries = {}
    for workers in (1, 2):
        summary, wall, used = timed(lambda w=workers: crawl([str(folder)], tmp / f"local-{w}", workers=w))
        summaries[workers] = summary
        analysed = summary.analysed  # type: ignore[attr-defined]
        rows[f"crawl --engine local --workers {workers}"] = (analysed, wall, used)
    spark_start = None
    if not args.no_spark:
        from rasd.crawl.spark import session

        spark, spark_start, _ = timed(lambda: session("local[2]"))
        spark.sparkContext.setLogLevel("ERROR")  # type: ignore[attr-defined]
        summary, wall, used = timed(lambda: crawl([str(folder)], tmp / "spark", engine="spark"))
        # the tasks run in Python workers the JVM starts: their CPU is what the tasks measured
        used += summary.cpu_seconds  # type: ignore[attr-defined]
        rows["crawl --engine spark local[2]"] = (summary.analysed, wall, used)  # type: ignore[attr-defined]
        spark.stop()  # type: ignore[attr-defined]
    print(f"{'run':<36} {'articles':>8} {'wall s':>8} {'art/s':>7} {'CPU s':>7} {'ms CPU/art':>10}")
    for name, (n, wall, used) in rows.items():
        per = 1000 * used / max(1, n)
        print(f"{name:<36} {n:>8} {wall:>8.1f} {n / wall:>7.1f} {used:>7.1f} {per:>10.1f}")
    one, two = rows["crawl --engine local --workers 1"], rows["crawl --engine local --workers 2"]
    print(f"local engine, 2 workers / 1 worker: {one[1] / two[1]:.2f}x (wall)")
    if spark_start is not None:
        print(f"Spark start-up (session: JVM and context, a fixed cost): {spark_start:.1f} s; the Python "
              "workers also load rasd's models on their first WARC")
    gate = gate_only(warcs)
    report_gate(gate, summaries[1], pages)
    per_article = one[2] / max(1, one[0])
    skip = float(gate["loop_cpu"]) / max(1, int(gate["records"]))  # type: ignore[call-overload]
    cost = per_article + args.mix * skip
    print(f"projection: {1000 * per_article:.1f} ms CPU per analysed article (1 worker; reading, gate, "
          f"analysis, writing) + {args.mix:.0f} other records x {1e6 * skip:.0f} us (read and gate) = "
          f"{1000 * cost:.1f} ms; 1,000,000 Arabic articles an hour need {1e6 * cost / 3600:.0f} cores "
          f"at full use, {1e6 * cost / 3600 / 0.8:.0f} at 80 %")


def report_gate(gate: dict[str, object], one: object, pages: Path) -> None:
    print(f"gate over {gate['records']} records: header tests {gate['header_us']:.1f} us/record, "
          f"byte count {gate['bytes_us']:.1f} us per body; dropped {gate['drops']}")
    analysed = one.analysed  # type: ignore[attr-defined]
    dups = one.rejected.get("duplicate", 0)  # type: ignore[attr-defined]
    print(f"crawl (1 worker): gated {dict(one.gated)}, rejected {dict(one.rejected)}")  # type: ignore[attr-defined]
    if pages.is_dir():
        written = len(list(pages.glob("*.html")))
        verdict = "no Arabic article lost" if analysed + dups >= written else "ARABIC ARTICLES LOST"
        print(f"Arabic pages in the WARCs {written}; analysed {analysed} + in-file duplicates {dups}: "
              f"{verdict}")


if __name__ == "__main__":
    sys.exit(main())
