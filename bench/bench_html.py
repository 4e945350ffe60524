"""CPU of rasd's full analysis of HTML pages against trafilatura's extraction alone, in one run.

Reads the 211 pages of ../shared/data/pages/rendered-news/pages.tar.gz (or
$RASD_SHARED_DATA), then in alternating rounds times on the same pages:

- ``trafilatura.extract(html)`` (its default text output: what a user of trafilatura runs);
- rasd's full analysis (decode, main content, every registered component) with
  ``html_extractor="trafilatura"`` (the path before the fast one);
- the same with ``html_extractor="fast"`` (resiliparse, trafilatura when the result is poor).

Reports CPU milliseconds per page (median of rounds), the ratios to trafilatura alone, how
the fast setting's pages were extracted (fast path or trafilatura fallback), and the share
of the full analysis spent in intake (decode + extraction + article) against components.

Usage: python bench/bench_html.py [--rounds 2] [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tarfile
import time
from collections import Counter

from rasd.metrics import shared_data


def load_pages(limit: int | None) -> list[bytes]:
    archive = shared_data() / "pages" / "rendered-news" / "pages.tar.gz"
    pages = []
    with tarfile.open(archive, "r:gz") as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if member.isfile() and member.name.endswith(".html"):
                stream = tar.extractfile(member)
                if stream is not None:
                    pages.append(stream.read())
    return pages[:limit] if limit else pages


def time_trafilatura(pages: list[bytes]) -> float:
    import trafilatura

    start = time.process_time()
    for page in pages:
        trafilatura.extract(page)
    return time.process_time() - start


def time_rasd(pages: list[bytes], extractor: str, how: Counter[str]) -> tuple[float, float]:
    """(CPU of the whole analysis, CPU of intake alone) over ``pages``."""
    from rasd.errors import RasdError
    from rasd.intake.document import build_article
    from rasd.intake.inputs import RawInput
    from rasd.pipeline import resolve, run
    from rasd.settings import Settings

    settings = Settings(html_extractor=extractor)
    components = resolve(None)
    total = intake = 0.0
    for i, page in enumerate(pages):
        start = time.process_time()
        try:
            article = build_article(RawInput(f"page-{i}", page), settings)
        except RasdError as exc:
            how[f"rejected:{exc.reason}"] += 1
            total += time.process_time() - start
            continue
        built = time.process_time()
        run(article, components, settings)
        end = time.process_time()
        intake += built - start
        total += end - start
        how[str(article.meta.extra.get("html_extractor"))] += 1
    return total, intake


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds (default 2)")
    ap.add_argument("--limit", type=int, help="only the first N pages")
    args = ap.parse_args()
    if not (shared_data() / "pages" / "rendered-news" / "pages.tar.gz").is_file():
        print("bench_html: rendered-news pages not found (set RASD_SHARED_DATA); nothing to do")
        return 0
    pages = load_pages(args.limit)
    time_rasd(pages[:2], "fast", Counter())  # load models and lexicons outside the timing
    time_trafilatura(pages[:2])
    runs: dict[str, list[float]] = {"trafilatura": [], "rasd/trafilatura": [], "rasd/fast": []}
    intake: dict[str, list[float]] = {"rasd/trafilatura": [], "rasd/fast": []}
    how: Counter[str] = Counter()
    for _ in range(args.rounds):
        runs["trafilatura"].append(time_trafilatura(pages))
        for extractor in ("trafilatura", "fast"):
            seen: Counter[str] = Counter()
            total, built = time_rasd(pages, extractor, seen)
            runs[f"rasd/{extractor}"].append(total)
            intake[f"rasd/{extractor}"].append(built)
            if extractor == "fast":
                how = seen
    n = len(pages)
    base = statistics.median(runs["trafilatura"])
    print(f"{n} pages, {args.rounds} alternating rounds, CPU time (median of rounds)")
    for name, values in runs.items():
        cpu = statistics.median(values)
        line = f"  {name:<18} {1000 * cpu / n:7.1f} ms/page  {cpu / base:5.2f}x trafilatura.extract"
        if name in intake:
            share = statistics.median(intake[name]) / cpu
            line += f"  (intake {100 * share:.0f} %, components {100 * (1 - share):.0f} %)"
        print(line)
    print(f"  fast setting, pages by extractor: {dict(how)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
