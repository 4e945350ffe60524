"""What an oversized input costs: CPU seconds and peak memory, small against huge, in the same run.

Each case runs ``rasd.analyze_path`` on one file in a fresh child process (default settings,
every component) and reports the child's CPU seconds, wall seconds, peak resident memory
(``VmHWM``) and the results (articles, rejections by reason, flags):

- text: real ANT article text, 2 MB against 200 MB (ANT's 85 MB of text, repeated);
- html: the same text as one HTML page (paragraphs), 2 MB against 200 MB;
- jsonl: a ``.jsonl.gz`` whose first line is one JSON record of 1 GiB (a few MB compressed),
  then one ordinary record.

The texts are built in a temporary folder from ``../shared/data/corpora/ant-multisource``
(or ``$RASD_SHARED_DATA``). The ratios huge/small are what the limits promise to keep near 1
(``max_input_bytes``, ``max_markup_chars``, ``max_text_chars``; a JSON line longer than
``max_input_bytes`` is refused while it is read).

Usage: python bench/bench_intake_limits.py [--cases text,html,jsonl] [--small-mb 2] [--huge-mb 200]
       [--line-gib 1]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from rasd.metrics import shared_data

ARCHIVE = ("corpora", "ant-multisource", "antcorpus.multisource.data-f117ce4.tar.xz")
CHILD = """
import json, resource, sys, time
from collections import Counter
from rasd.api import analyze_path
cpu, wall = time.process_time(), time.perf_counter()
results = list(analyze_path(sys.argv[1]))
out = {"cpu_s": round(time.process_time() - cpu, 1), "wall_s": round(time.perf_counter() - wall, 1),
       # VmHWM: this process's own peak (ru_maxrss keeps the forking parent's peak across exec)
       "peak_rss_mb": round(int(next(l.split()[1] for l in open("/proc/self/status")
                                      if l.startswith("VmHWM:"))) / 1024),
       "articles": sum(1 for r in results if not hasattr(r, "reason")),
       "rejected": dict(Counter(r.reason for r in results if hasattr(r, "reason"))),
       "flags": dict(Counter(f.code for r in results for f in getattr(r, "flags", []))),
       "chars_analysed": [len(r.text) for r in results if hasattr(r, "text")]}
print(json.dumps(out))
"""


def ant_text(limit: int) -> str:
    """Texts of ANT articles, joined by blank lines, up to ``limit`` characters."""
    parts: list[str] = []
    size = 0
    with tarfile.open(shared_data().joinpath(*ARCHIVE)) as tar:
        for member in tar:
            stream = tar.extractfile(member) if member.isfile() else None
            if stream is None:
                continue
            m = re.search(r"<TEXT>(.*?)</TEXT>", stream.read().decode("utf-8", "replace"), re.S)
            if m:
                parts.append(m.group(1).strip())
                size += len(parts[-1]) + 2
            if size >= limit:
                break
    return "\n\n".join(parts)


def write_sized(path: Path, text: str, size: int, html: bool) -> None:
    """``path`` of about ``size`` bytes: ``text`` (as HTML paragraphs if asked), repeated."""
    unit = text
    if html:
        unit = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    data = unit.encode("utf-8")
    with path.open("wb") as out:
        if html:
            out.write(b"<html><head><title>\xd8\xae\xd8\xa8\xd8\xb1</title></head><body><article>\n")
        written = 0
        while written < size:
            chunk = data[: size - written]
            out.write(chunk)
            written += len(chunk)
        if html:
            out.write(b"</article></body></html>\n")


def write_long_line(path: Path, text: str, gib: float) -> None:
    """A .jsonl.gz: one record whose text is ``gib`` GiB, then one ordinary record."""
    piece = json.dumps(text)[1:-1].encode("utf-8")
    target = int(gib * (1 << 30))
    with gzip.open(path, "wb", compresslevel=6) as out:
        out.write(b'{"text": "')
        written = 0
        while written < target:
            out.write(piece)
            written += len(piece)
        out.write(b'"}\n')
        out.write(json.dumps({"text": text[:5000]}).encode("utf-8") + b"\n")


def run(path: Path) -> dict[str, object]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr[-2000:], "wall_s": round(time.perf_counter() - started, 1)}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["file_mb"] = round(path.stat().st_size / 1e6, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--cases", default="text,html,jsonl")
    parser.add_argument("--small-mb", type=float, default=2.0)
    parser.add_argument("--huge-mb", type=float, default=200.0)
    parser.add_argument("--line-gib", type=float, default=1.0)
    args = parser.parse_args(argv)
    if not shared_data().joinpath(*ARCHIVE).is_file():
        print("bench_intake_limits: the ANT archive is absent; nothing measured. Set RASD_SHARED_DATA.")
        return 0
    cases = args.cases.split(",")
    text = ant_text(int(args.huge_mb * 1e6))
    report: dict[str, object] = {"peak_rss_mb_of_this_process_before": round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    with tempfile.TemporaryDirectory(prefix="rasd-limits-") as tmp:
        for case in ("text", "html"):
            if case not in cases:
                continue
            rows = {}
            for label, mb in (("small", args.small_mb), ("huge", args.huge_mb)):
                path = Path(tmp) / f"{case}-{label}.{'html' if case == 'html' else 'txt'}"
                write_sized(path, text, int(mb * 1e6), html=case == "html")
                rows[label] = run(path)
                path.unlink()
            small, huge = rows["small"], rows["huge"]
            if "cpu_s" in small and "cpu_s" in huge:
                ratio = float(huge["cpu_s"]) / max(float(small["cpu_s"]), 0.1)  # type: ignore[arg-type]
                rows["cpu_ratio_huge_over_small"] = round(ratio, 2)
            report[case] = rows
        if "jsonl" in cases:
            path = Path(tmp) / "long-line.jsonl.gz"
            write_long_line(path, text[:200_000], args.line_gib)
            report["jsonl_long_line"] = run(path)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
