"""Throughput and peak memory of the events component (ar.events.v1).

Reads N articles (default 500) from the ANT multi-source archive in
../shared/data/corpora/ant-multisource (or $RASD_SHARED_DATA), spread over the archive,
runs the core components (structure, tokens, sentences) once, then times the events
component alone (its own fallbacks for places, dates and figures, since the other
analysis layers are not run) and, separately, the acled-csv / plover-jsonl writers.
Without the archive it falls back to the committed test articles (seed and tests/data/ant).

Usage: python bench/bench_events.py [-n 500]
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from rasd.batch import analyze_one
from rasd.errors import Rejection
from rasd.events.component import annotate, find
from rasd.export.events import EventWriter
from rasd.intake.inputs import RawInput
from rasd.layers import EVENTS as LAYER
from rasd.model import Article
from rasd.pipeline import needed_for, resolve
from rasd.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_analyze import sample_inputs, shared_data

CORE = tuple(n for n in needed_for("ar.events.v1") if n != "ar.events.v1")  # what events read
ROOT = Path(__file__).resolve().parents[1]


def local_inputs() -> list[RawInput]:
    paths = [
        ROOT / "tests" / "data" / "seed" / "al-araby-kazakhstan-consulate.txt",
        *sorted((ROOT / "tests" / "data" / "ant").glob("*.txt")),
    ]
    return [RawInput(str(p), p.read_bytes()) for p in paths] * 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="number of articles")
    args = parser.parse_args()
    archive = shared_data() / "corpora" / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
    inputs = sample_inputs(archive, args.n) if archive.exists() else local_inputs()
    source = "ANT archive" if archive.exists() else "committed test articles (ANT archive not found)"
    settings = Settings()
    components = resolve(CORE)
    articles: list[Article] = []
    for raw in inputs:
        result = analyze_one(raw, settings, "2018-02-20", components)
        if not isinstance(result, Rejection):
            articles.append(result)
    sentences = sum(len(a.sentences) for a in articles)
    chars = sum(len(a.text) for a in articles)
    tracemalloc.start()  # a first, traced pass (cold: lexicons and model load) for the peak
    for article in articles[:100]:
        find(article, settings)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start = time.process_time()
    events = 0
    for article in articles:
        found = find(article, settings)
        annotate(article, found)
        events += len(found)
    cpu = time.process_time() - start
    start = time.process_time()
    for fmt in ("acled-csv", "plover-jsonl"):
        writer = EventWriter(fmt, io.StringIO())
        for article in articles:
            writer.write(article)
    export_cpu = time.process_time() - start
    print(
        f"input: {len(articles)} articles from the {source}, {sentences} sentences, {chars / 1e6:.1f} M chars"
    )
    print(
        f"ar.events.v1: {cpu:.2f} s cpu -> {len(articles) / cpu:.1f} articles/s, "
        f"{sentences / cpu:.0f} sentences/s, "
        f"{chars / cpu / 1000:.0f} k chars/s per core; {events} events "
        f"({sum(len(a.layer(LAYER)) for a in articles) / max(1, len(articles)):.2f} per article)"
    )
    print(f"exports (acled-csv + plover-jsonl): {export_cpu:.2f} s cpu")
    check_sentences, check_cpu = _check_speed(articles)
    print(f"the trained check alone (features and scores of every sentence with a candidate): "
          f"{check_cpu:.2f} s cpu for {check_sentences} sentences -> "
          f"{check_sentences / max(check_cpu, 1e-9):.0f} sentences/s per core")
    print(
        f"peak memory traced during a cold events pass (lexicons, model, 100 articles): {peak / 1e6:.1f} MB; "
        "process max RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return 0


def _check_speed(articles: list[Article]) -> tuple[int, float]:
    """CPU time of the trained check (rasd.events.classify) alone: the features and scores
    of each sentence that has a candidate, the sentences read beforehand (untimed)."""
    from rasd.events.assemble import analyse_sentences, sentence_scores

    infos = [info for a in articles for info in analyse_sentences(a) if info.candidates]
    start = time.process_time()
    for info in infos:
        sentence_scores(info)
    return len(infos), time.process_time() - start


if __name__ == "__main__":
    sys.exit(main())
