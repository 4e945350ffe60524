"""Throughput of rasd's NER tagger (sentences per second, one core) and peak memory.

    .venv/bin/python bench/bench_ner.py [--repeat 3]

Tags every ANERcorp sentence (train and dev) with the packaged model after a
warm-up pass that loads the model; the feature cache is cleared before each
timed pass so words seen in an earlier pass are not free; then the same
sentences as documents with document consistency, in CPU time and as a ratio
to sentence-by-sentence tagging; a last pass shows the warm-cache rate of a
long-running process. Also times the full
``ar.entities.v1`` component on the seed article. Exits 0 when the data is absent.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.entities.corpus import anercorp_path, load_anercorp  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not anercorp_path().exists():
        print(f"bench_ner: ANERcorp not found at {anercorp_path()}; nothing to time")
        return 0
    from rasd.entities.model import default_tagger

    sentences = [[w for w, _ in s] for s in load_anercorp()]
    tokens = sum(map(len, sentences))
    t0 = time.perf_counter()
    tagger = default_tagger()
    tagger.tag(sentences[0])
    print(f"model load {time.perf_counter() - t0:.2f}s")
    best = 0.0
    for _ in range(args.repeat):
        tagger.features._cache.clear()
        t0 = time.perf_counter()
        for sent in sentences:
            tagger.tag(sent)
        elapsed = time.perf_counter() - t0
        best = max(best, len(sentences) / elapsed)
        print(f"{len(sentences)} sentences ({tokens} tokens) in {elapsed:.2f}s: "
              f"{len(sentences) / elapsed:,.0f} sentences/s, {tokens / elapsed:,.0f} tokens/s")
    print(f"best: {best:,.0f} sentences/s on one core (word-feature cache cleared before each pass)")
    # the same sentences as 40-sentence documents with document consistency (rasd ner --conll,
    # the article pipeline): its cost relative to sentence-by-sentence tagging
    tagger.features._cache.clear()
    t0 = time.process_time()
    for i in range(0, len(sentences), 40):
        tagger.tag_document(sentences[i:i + 40])
    doc_cpu = time.process_time() - t0
    tagger.features._cache.clear()
    t0 = time.process_time()
    for sent in sentences:
        tagger.tag(sent)
    sent_cpu = time.process_time() - t0
    print(f"CPU time: sentence by sentence {sent_cpu:.2f}s, with document consistency {doc_cpu:.2f}s "
          f"(ratio {doc_cpu / sent_cpu:.2f}); {len(sentences) / doc_cpu:,.0f} sentences per CPU-second")
    t0 = time.perf_counter()
    for sent in sentences:
        tagger.tag(sent)
    elapsed = time.perf_counter() - t0
    print(f"warm cache (a long-running process that has seen these words): "
          f"{len(sentences) / elapsed:,.0f} sentences/s")
    seed = ROOT / "tests" / "data" / "seed" / "al-araby-kazakhstan-consulate.txt"
    if seed.exists():
        from rasd.api import analyze

        analyze(seed)
        t0 = time.perf_counter()
        for _ in range(20):
            analyze(seed)
        print(f"full pipeline on the seed article: {(time.perf_counter() - t0) / 20 * 1000:.1f} ms/article")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
