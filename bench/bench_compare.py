"""Two rasd checkouts on the same articles, in one run: CPU per article, per stage, and the
cost per character from 1k to 400k characters.

Machines here are shared and noisy, so absolute times drift; ratios measured in the same
run do not. Each checkout runs in its own interpreter (its own virtual environment), in
alternating rounds (A, B, A, B...) over the same N ANT articles, and reports CPU time
(``time.process_time``), not wall time. The long-text part joins ANT articles into texts
of about 1k, 10k, 100k and 400k characters and reports CPU microseconds per character.

    python bench/bench_compare.py --a /work/baseline --b . [-n 1000] [--rounds 2]

Each ROOT is a rasd checkout with ``ROOT/.venv/bin/python``. Exits 0 without the ANT
archive (set RASD_SHARED_DATA).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.metrics import shared_data  # noqa: E402

ARCHIVE = Path("corpora") / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
LONG_SIZES = (1_000, 10_000, 100_000, 400_000)

# Runs inside each checkout's interpreter: works with the module layout before and after
# issue 10 (rasd.document / rasd.intake.document).
WORKER = r'''
import json, re, sys, tarfile, time
try:
    from rasd.intake.document import build_article
    from rasd.intake.inputs import RawInput
except ImportError:
    from rasd.document import build_article
    from rasd.inputs import RawInput
from rasd.pipeline import DEFAULT_PIPELINE, resolve
from rasd.settings import Settings

archive, n, long_sizes = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
with tarfile.open(archive, "r:xz") as tar:
    names = sorted(m.name for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt"))
step = max(1, len(names) // n)
wanted = set(names[::step][:n])
docs = []
with tarfile.open(archive, "r:xz") as tar:
    for member in tar:
        if member.name in wanted:
            docs.append(tar.extractfile(member).read())
settings = Settings(max_text_chars=1_000_000)
components = resolve(DEFAULT_PIPELINE)

def run(data, source):
    stages = {}
    t = time.process_time()
    try:
        article = build_article(RawInput(source, data), settings)
    except Exception:
        return None, stages
    stages["intake"] = time.process_time() - t
    for comp in components:
        t = time.process_time()
        comp.annotate(article, comp.find(article, settings))
        stages[comp.name] = time.process_time() - t
    return article, stages

run(docs[0], "warm")  # load models and lexicons outside the timing
total, by_stage, ok, chars = 0.0, {}, 0, 0
for i, data in enumerate(docs):
    article, stages = run(data, f"ant-{i}")
    for k, v in stages.items():
        by_stage[k] = by_stage.get(k, 0.0) + v
        total += v
    if article is not None:
        ok += 1
        chars += len(article.text)
bodies = [re.sub(r"<[^>]+>", "\n", d.decode("utf-8", "replace")) for d in docs]
pool = "\n\n".join(b.strip() for b in bodies)
longs = {}
for size in long_sizes:
    text = "خبر\n\n" + pool[:size]
    t = time.process_time()
    article, _ = run(text.encode("utf-8"), f"long-{size}")
    cpu = time.process_time() - t
    longs[str(size)] = {"chars": len(article.text) if article else 0, "cpu": cpu}
print(json.dumps({"articles": len(docs), "analysed": ok, "chars": chars, "cpu": total,
                  "stages": by_stage, "long": longs}))
'''


def measure(root: Path, n: int) -> dict[str, Any]:
    """One run of the worker in ``root``'s interpreter over the first ``n`` sampled articles."""
    python = root / ".venv" / "bin" / "python"
    argv = [str(python), "-c", WORKER, str(shared_data() / ARCHIVE), str(n), json.dumps(LONG_SIZES)]
    out = subprocess.run(argv, cwd=root, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--a", type=Path, required=True, help="the checkout measured first (e.g. before)")
    ap.add_argument("--b", type=Path, required=True, help="the checkout compared with it (e.g. after)")
    ap.add_argument("-n", type=int, default=1000, help="ANT articles (default 1000)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds per checkout (default 2)")
    args = ap.parse_args()
    if not (shared_data() / ARCHIVE).is_file():
        print(f"bench_compare: ANT archive not found under {shared_data()} (set RASD_SHARED_DATA)")
        return 0
    runs: dict[str, list[dict[str, Any]]] = {"a": [], "b": []}
    for _ in range(args.rounds):
        for key, root in (("a", args.a), ("b", args.b)):
            runs[key].append(measure(root.resolve(), args.n))
    rate = {k: statistics.median(r["articles"] / r["cpu"] for r in v) for k, v in runs.items()}
    print(f"{args.n} ANT articles, {args.rounds} alternating rounds, CPU time (median of rounds)")
    for key, root in (("a", args.a), ("b", args.b)):
        best = min(runs[key], key=lambda r: float(r["cpu"]))
        print(f"  {key} {root}: {rate[key]:.1f} articles/s per core, "
              f"{1000 * best['cpu'] / best['articles']:.1f} ms/article")
        stages = best["stages"]
        total = sum(stages.values())
        for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
            print(f"      {name:<22} {secs:7.2f} s  {100 * secs / total:5.1f} %")
        for size, v in best["long"].items():
            print(f"      {int(size):>7,} chars: {1e6 * v['cpu'] / max(1, v['chars']):6.1f} µs/char")
    print(f"speed-up b/a: {rate['b'] / rate['a']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
