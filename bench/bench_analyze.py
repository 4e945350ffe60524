"""Throughput and memory of `rasd analyze` over ANT corpus articles.

Reads N articles (default 1,000) from the ANT multi-source archive in
../shared/data/corpora/ant-multisource (or $RASD_SHARED_DATA), spread evenly over the
archive so every outlet is represented, then times the whole analysis (decode, extract,
structure, tokens, sentences, and every other registered component) plus JSON
serialization, in one process on one core.

Usage: python bench/bench_analyze.py [-n 1000] [--core-only]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tarfile
import time
from pathlib import Path

from rasd.errors import RasdError, Rejection
from rasd.intake.document import build_article
from rasd.intake.inputs import RawInput
from rasd.metrics import shared_data
from rasd.model import Article
from rasd.pipeline import DEFAULT_PIPELINE, REGISTRY, Component, resolve
from rasd.serialize import result_to_dict
from rasd.settings import Settings

CORE = ("ar.structure.v1", "ar.tokens.v1", "ar.sentences.v1")


def sample_inputs(archive: Path, n: int) -> list[RawInput]:
    with tarfile.open(archive, "r:xz") as tar:
        names = sorted(m.name for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt"))
    step = max(1, len(names) // n)
    wanted = set(names[::step][:n])
    inputs: list[RawInput] = []
    with tarfile.open(archive, "r:xz") as tar:
        for member in tar:
            if member.name in wanted:
                stream = tar.extractfile(member)
                if stream is None:
                    continue
                data = stream.read()
                inputs.extend(r for r in iter_inputs_bytes(member.name, data) if isinstance(r, RawInput))
    return inputs


def iter_inputs_bytes(name: str, data: bytes) -> list[RawInput | Rejection]:
    from rasd.intake.inputs import _from_bytes

    return list(_from_bytes(name, data, False, Settings().max_input_bytes))


def analyze_timed(raw: RawInput, settings: Settings, components: list[Component],
                  seconds: dict[str, float]) -> Article | Rejection:
    """The work of rasd.api._one, with the CPU time of each stage added to ``seconds``."""
    t = time.process_time()
    try:
        article = build_article(raw, settings)
    except RasdError as exc:
        return Rejection(raw.source, exc.reason, exc.detail)
    finally:
        seconds["read+decode+extract"] = seconds.get("read+decode+extract", 0.0) + time.process_time() - t
    for comp in components:
        t = time.process_time()
        comp.annotate(article, comp.find(article, settings))
        seconds[comp.name] = seconds.get(comp.name, 0.0) + time.process_time() - t
    return article


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="number of articles")
    parser.add_argument("--core-only", action="store_true", help="only the core components")
    args = parser.parse_args()
    archive = shared_data() / "corpora" / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
    if not archive.exists():
        print(f"bench_analyze: ANT archive not found at {archive} (set RASD_SHARED_DATA); nothing to do")
        return 0
    load_start = time.perf_counter()
    inputs = sample_inputs(archive, args.n)
    load_seconds = time.perf_counter() - load_start
    settings = Settings()
    names = CORE if args.core_only else DEFAULT_PIPELINE
    components = resolve(tuple(n for n in names if n in REGISTRY))
    chars = ok = 0
    rejected: dict[str, int] = {}
    stages: dict[str, float] = {}
    start_cpu, start = time.process_time(), time.perf_counter()
    for raw in inputs:
        result = analyze_timed(raw, settings, components, stages)
        t = time.process_time()
        json.dumps(result_to_dict(result), ensure_ascii=False)
        stages["json"] = stages.get("json", 0.0) + time.process_time() - t
        if isinstance(result, Rejection):
            rejected[result.reason] = rejected.get(result.reason, 0) + 1
        else:
            ok += 1
            chars += len(result.text)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"components: {', '.join(c.name for c in components)}")
    print(f"articles: {len(inputs)} read from the archive in {load_seconds:.1f} s "
          f"({ok} analysed, rejected: {rejected or 'none'})")
    print(f"wall {wall:.2f} s, cpu {cpu:.2f} s -> {len(inputs) / cpu:.1f} articles/s per core, "
          f"{chars / cpu / 1000:.0f} k chars/s per core")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    print("CPU time by stage:")
    for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<22} {secs:7.2f} s  {100 * secs / cpu:5.1f} %  "
              f"{1000 * secs / max(1, len(inputs)):6.2f} ms/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
