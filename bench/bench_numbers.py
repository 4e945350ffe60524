"""Throughput and peak memory of the numbers components over the Al Jazeera ledes.

Runs structure, tokens, sentences, quantities, quotes and casualties on every
(deduplicated) headline + lede of ``../shared/data/corpora/aljazeera-gaza-ledes``
(``RASD_SHARED_DATA`` overrides the data folder) and prints ledes/s, the time
spent in the three numbers components alone, facts and quotes found, and the
peak memory (max RSS). Says so and exits 0 when the data is absent.

    .venv/bin/python bench/bench_numbers.py [--limit N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from eval_numbers import LEDES_DIR, lede_texts, shared_data  # noqa: E402

from rasd.api import analyze  # noqa: E402
from rasd.errors import RasdError  # noqa: E402
from rasd.pipeline import needed_for, resolve  # noqa: E402
from rasd.settings import Settings  # noqa: E402

NUMBERS = ("ar.quantities.v1", "ar.quotes.v1", "ar.casualties.v1")
BASE = tuple(n for n in needed_for(*NUMBERS) if n not in NUMBERS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N ledes")
    args = parser.parse_args(argv)
    data = shared_data()
    if not (data / LEDES_DIR).is_dir():
        print(f"shared data not found at {data} (set RASD_SHARED_DATA): nothing measured")
        return 0
    texts = list(lede_texts(data).values())
    if args.limit:
        texts = texts[:args.limit]
    settings = Settings(on_error="raise", min_chars=1)
    total = in_numbers = 0.0
    facts = quotes = rejected = 0
    for text in texts:
        t0 = time.perf_counter()
        try:
            article = analyze(text, settings=settings, pipeline=BASE)
        except RasdError:
            rejected += 1
            continue
        t1 = time.perf_counter()
        for comp in resolve(BASE + NUMBERS)[len(BASE):]:
            comp.annotate(article, comp.find(article, settings))
        t2 = time.perf_counter()
        total += t2 - t0
        in_numbers += t2 - t1
        facts += len(article.layer("casualties"))
        quotes += len(article.layer("quotes"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    done = len(texts) - rejected
    print(f"ledes: {done} (rejected {rejected})")
    print(f"end to end: {done / total:.0f} ledes/s ({total:.2f} s)")
    print(f"numbers components alone: {done / in_numbers:.0f} ledes/s ({in_numbers:.2f} s)")
    print(f"found: {facts} casualty facts, {quotes} quotes")
    print(f"peak memory (max RSS of the process): {peak / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
