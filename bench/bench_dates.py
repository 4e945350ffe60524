"""Throughput of date finding, and peak memory.

    .venv/bin/python bench/bench_dates.py [--limit N]

1. ``rasd.dates.parse_text`` over Al Jazeera ledes from the shared data (each with its
   listing date as base): ledes per second and dates per second.
2. The whole pipeline (structure, tokens, sentences, dates) on the seed, repeated:
   articles per second, and the share of time the dates component takes.

Peak memory is the process's maximum resident set size (``resource.getrusage``).
Without the shared data only part 2 runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

from rasd.metrics import shared_data as shared_dir

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seed" / "al-araby-kazakhstan-consulate.txt"


def bench_ledes(limit: int) -> None:
    from rasd.dates import parse_text

    corpus = shared_dir() / "corpora" / "aljazeera-gaza-ledes"
    if not corpus.is_dir():
        print(f"shared data not found at {corpus}: lede benchmark skipped")
        return
    items = []
    for name in ("articles_data_3.json", "articles_data_4.json", "articles_data_6.json"):
        items += json.loads((corpus / name).read_text(encoding="utf-8"))
    texts = [(f"{i['title']}. {i.get('excerpt') or ''}", dt.date.fromisoformat(i["date"]))
             for i in items[:limit]]
    parse_text("أمس الجمعة", dt.date(2022, 1, 8))  # compile the patterns first
    start, found = time.perf_counter(), 0
    for text, base in texts:
        found += len(parse_text(text, base))
    secs = time.perf_counter() - start
    chars = sum(len(t) for t, _ in texts)
    print(f"ledes: {len(texts)} in {secs:.2f} s = {len(texts) / secs:.0f} ledes/s, "
          f"{found / secs:.0f} dates/s ({found} dates), {chars / secs / 1e6:.2f} M chars/s")


def bench_pipeline(repeat: int) -> None:
    from rasd.api import analyze
    from rasd.dates import component
    from rasd.settings import Settings

    settings = Settings(on_error="raise")
    names = ("ar.structure.v1", "ar.tokens.v1", "ar.sentences.v1", component.NAME)
    analyze(SEED, published="2022-01-08", settings=settings, pipeline=names)
    start = time.perf_counter()
    for _ in range(repeat):
        analyze(SEED, published="2022-01-08", settings=settings, pipeline=names)
    total = time.perf_counter() - start
    article = analyze(SEED, published="2022-01-08", settings=settings, pipeline=names[:3])
    start = time.perf_counter()
    for _ in range(repeat):
        article.layers.pop("dates", None)
        component.annotate(article, component.find(article, settings))
    dates = time.perf_counter() - start
    print(f"seed pipeline: {repeat / total:.0f} articles/s; dates component alone "
          f"{repeat / dates:.0f} articles/s ({dates / total:.0%} of the pipeline time)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=5000, help="ledes to parse")
    parser.add_argument("--repeat", type=int, default=200, help="seed analyses")
    args = parser.parse_args()
    bench_ledes(args.limit)
    bench_pipeline(args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
