"""Running a crawl: a manifest of WARC files, an engine, one summary.

``--engine local`` processes WARC files in a pool of forked processes on this machine
(the pipeline's models and lexicons load in the parent before the fork, so every worker
starts warm); ``--engine spark`` hands the same list to Spark (:mod:`rasd.crawl.spark`),
which only schedules and retries tasks, each task running :func:`process_warc`. Both
end with the second stage (:mod:`rasd.crawl.dedup`: duplicates across WARC files,
near-duplicates and stories, crawl-wide events) and a :class:`CrawlSummary`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..settings import Settings
from .options import CrawlOptions
from .process import WarcResult, process_warc

ENGINES = ("local", "spark")
_WARC_NAME = (".warc", ".warc.gz")


def read_manifest(paths: Sequence[str]) -> list[str]:
    """The WARC files named by ``paths``: each is a WARC (path or URL), a folder (its
    ``*.warc``/``*.warc.gz`` files, sorted) or a manifest file with one WARC path or URL a
    line (blank lines and ``#`` comments skipped; a relative path is relative to the
    manifest). Order kept, repeats dropped. Raises :class:`InputError` for a missing path."""
    out: list[str] = []
    for path in paths:
        if "://" in path or path.lower().endswith(_WARC_NAME):
            out.append(path)
            continue
        p = Path(path)
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*") if f.name.lower().endswith(_WARC_NAME))
        elif p.is_file():
            out += _manifest_lines(p)
        else:
            raise InputError(f"no WARC file, folder or manifest at {path}", reason="not_found")
    return list(dict.fromkeys(out))


def _manifest_lines(p: Path) -> list[str]:
    lines = []
    for line in p.read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if "://" not in entry and not Path(entry).is_absolute():
            entry = str(p.parent / entry)
        lines.append(entry)
    return lines


@dataclass
class CrawlSummary:
    """The run: WARC files done, skipped and failed, records read, gated and analysed,
    rejections by reason, events, the second stage's counts, and the time it took."""

    engine: str
    workers: int
    warcs: int = 0
    done: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    records: int = 0
    gated: Counter[str] = field(default_factory=Counter)
    analysed: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    events: int = 0
    cpu_seconds: float = 0.0
    second_stage: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def add(self, result: WarcResult) -> None:
        """Count one WARC's result (a skipped WARC's counts are its marker's, not added)."""
        self.warcs += 1
        if result.status == "failed":
            self.failed.append(f"{result.warc}: {'; '.join(result.errors)}")
            return
        if result.status == "skipped":
            self.skipped += 1
            return
        self.done += 1
        if result.errors:
            self.broken.append(f"{result.warc}: {'; '.join(result.errors)}")
        self.records += result.records
        self.gated.update(result.gated)
        self.analysed += result.analysed
        self.rejected.update(result.rejected)
        self.events += result.events
        self.cpu_seconds += result.cpu_seconds

    def to_dict(self) -> dict[str, Any]:
        return {"engine": self.engine, "workers": self.workers, "warcs": self.warcs, "done": self.done,
                "skipped": self.skipped, "failed": self.failed, "broken": self.broken,
                "records": self.records, "gated": sum(self.gated.values()),
                "gated_by_reason": dict(self.gated), "analysed": self.analysed,
                "rejected": sum(self.rejected.values()), "rejected_by_reason": dict(self.rejected),
                "events": self.events, "second_stage": self.second_stage,
                "seconds": round(self.seconds, 3), "cpu_seconds": round(self.cpu_seconds, 3)}

    def render(self) -> str:
        def reasons(c: Counter[str]) -> str:
            return ", ".join(f"{k}: {v}" for k, v in sorted(c.items())) or "none"

        rate = self.analysed / self.seconds if self.seconds else 0.0
        lines = [
            f"WARC files {self.warcs}: done {self.done}, skipped {self.skipped} (marker matched), "
            f"failed {len(self.failed)}, broken off {len(self.broken)}",
            f"records read {self.records}, gated {sum(self.gated.values())} ({reasons(self.gated)}), "
            f"analysed {self.analysed}, rejected {sum(self.rejected.values())} ({reasons(self.rejected)}), "
            f"events {self.events}",
        ]
        if self.second_stage:
            lines.append("crawl-wide: " + ", ".join(f"{k} {v}" for k, v in self.second_stage.items()))
        lines += [f"failed: {f}" for f in self.failed] + [f"broken: {b}" for b in self.broken]
        lines.append(f"{self.seconds:.1f} s ({rate:.1f} articles/s, {self.engine} engine, "
                     f"{self.workers} worker(s))")
        return "\n".join(lines)


@dataclass(frozen=True)
class CrawlJob:
    """Everything a worker needs to process a WARC (pickled to Spark executors)."""

    out: str
    settings: Settings
    options: CrawlOptions
    pipeline: tuple[str, ...] | None = None
    force: bool = False

    def run(self, source: str) -> WarcResult:
        return process_warc(source, self.out, settings=self.settings, options=self.options,
                            pipeline=self.pipeline, force=self.force)


def crawl(paths: Sequence[str], out: str | Path, *, engine: str = "local", workers: int = 1,
          settings: Settings | None = None, options: CrawlOptions | None = None,
          pipeline: tuple[str, ...] | None = None, spark_master: str | None = None,
          on_result: Callable[[WarcResult], None] | None = None, second_stage: bool = True) -> CrawlSummary:
    """Process every WARC that ``paths`` name into ``out`` and return the summary.

    ``engine`` is ``local`` (``workers`` processes) or ``spark`` (the active or a new Spark
    session; ``spark_master`` such as ``local[2]`` for a new one). ``on_result`` is called
    with each WARC's result as it completes (progress). Raises :class:`InputError` for a
    missing manifest and ``ValueError`` for an unknown engine.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")
    job = CrawlJob(str(out), settings or Settings(), options or CrawlOptions(), pipeline)
    warcs = read_manifest(paths)
    Path(out).mkdir(parents=True, exist_ok=True)
    summary = CrawlSummary(engine, max(1, workers))
    if engine == "spark":
        from .spark import run_spark

        results: Iterable[WarcResult] = run_spark(job, warcs, master=spark_master)
    else:
        results = run_local(job, warcs, summary.workers)
    for result in results:
        summary.add(result)
        if on_result is not None:
            on_result(result)
    if second_stage and (summary.done or not _derived_exist(Path(out))):
        summary.second_stage = _second_stage(engine, Path(out))
    summary.seconds = time.perf_counter() - summary.started
    return summary


def _derived_exist(out: Path) -> bool:
    from .dedup import DERIVED

    return all((out / table / "part-0.parquet").is_file() for table in DERIVED)


def _second_stage(engine: str, out: Path) -> dict[str, int]:
    if engine == "spark":
        from .spark import dedup_spark

        return dedup_spark(out)
    from .dedup import dedup_local

    return dedup_local(out)


# -- the local engine -----------------------------------------------------------------------
#: The job of this process's workers (set before the fork, inherited by the children).
_JOBS: dict[str, CrawlJob] = {}


def _work(source: str) -> WarcResult:
    return _JOBS["current"].run(source)


def run_local(job: CrawlJob, warcs: list[str], workers: int) -> Iterator[WarcResult]:
    """Process ``warcs`` in this process (``workers == 1``) or in a pool forked after the
    models are loaded; results in completion order."""
    _JOBS["current"] = job
    if workers <= 1 or len(warcs) <= 1:
        yield from map(_work, warcs)
        return
    import multiprocessing

    from ..batch import warm

    warm(job.pipeline, job.settings)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(min(workers, len(warcs))) as pool:
        yield from pool.imap_unordered(_work, warcs, chunksize=1)
