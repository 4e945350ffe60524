"""The one batch runner and run summary, used by ``analyze`` and ``ingest``.

:func:`run_batch` turns a stream of raw inputs (or rejections already made
while reading them) into results in input order: an
:class:`~rasd.model.Article` (or what ``finish`` makes of it, such as the row
ingest stores) or a :class:`~rasd.errors.Rejection` with a reason code. One
bad input never stops the batch. With ``workers > 1`` the pipeline's models
and lexicons are loaded in this process first and the pool is forked after,
so every worker starts warm and shares the loaded data copy-on-write.

:class:`Summary` counts what a run did: inputs read, articles processed,
rejections by reason, flags by code, and for ingest what was stored.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import RasdError, Rejection
from .intake.document import build_article
from .intake.inputs import RawInput
from .model import Article
from .pipeline import Component, resolve, run
from .settings import Settings

Result = Article | Rejection
#: A function run on each analysed article in the worker (module-level, so it pickles).
Finish = Callable[[Article, RawInput], Any]

#: A short real-looking text that exercises every component once (loads models and lexicons).
_WARM_TEXT = ("خبر\n\nقتل 3 أشخاص وأصيب 12 آخرون في هجوم على مركز للشرطة في مدينة حلب يوم الخميس، "
              "وقال وزير الداخلية محمد علي إن قوات الأمن اعتقلت 5 مشتبه بهم.\n")


@dataclass
class Summary:
    """What a batch run did: counts by outcome and reason, and the time it took.

    ``read`` counts every input (rejected ones included); ``processed`` the analysed
    articles; ``rejected`` by reason code; ``flagged`` articles by flag code. Ingest
    fills ``stored``, ``already_stored``, ``duplicates`` (of which ``copies``: the same text
    under a new URL, recorded as a syndicated copy), ``stories``, ``articles_in_store`` and
    ``events_in_store``; they stay ``None`` for ``analyze``.
    """

    read: int = 0
    processed: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    stored: int | None = None
    already_stored: int | None = None
    duplicates: int | None = None
    copies: int | None = None
    stories: int | None = None
    articles_in_store: int | None = None
    events_in_store: int | None = None
    started: float = field(default_factory=time.perf_counter)
    cpu_started: float = field(default_factory=time.process_time)
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    def count(self, result: object) -> None:
        """Count one result (a rejection, an article, or anything ``finish`` returned
        that has ``flags``: a list of flag codes)."""
        self.read += 1
        if isinstance(result, Rejection):
            self.rejected[result.reason] += 1
        else:
            self.processed += 1
            for f in getattr(result, "flags", ()):
                self.flagged[f if isinstance(f, str) else f.code] += 1
        self.tick()

    def tick(self) -> None:
        self.seconds = time.perf_counter() - self.started
        self.cpu_seconds = time.process_time() - self.cpu_started

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "read": self.read, "processed": self.processed,
            "rejected": sum(self.rejected.values()), "rejected_by_reason": dict(self.rejected),
            "flagged_by_code": dict(self.flagged),
        }
        for name in ("stored", "already_stored", "duplicates", "copies", "stories", "articles_in_store",
                     "events_in_store"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        out["seconds"] = round(self.seconds, 3)
        return out

    def render(self) -> str:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.rejected.items())) or "none"
        flags = ", ".join(f"{k}: {v}" for k, v in sorted(self.flagged.items()))
        rate = self.read / self.seconds if self.seconds else 0.0
        parts = [f"read {self.read}, processed {self.processed}, "
                 f"rejected {sum(self.rejected.values())} ({reasons})"]
        if flags:
            parts.append(f"flagged {flags}")
        if self.stored is not None:
            parts.append(f"stored {self.stored}, already stored {self.already_stored or 0}, "
                         f"duplicates {self.duplicates or 0} (syndicated copies {self.copies or 0}); "
                         f"{self.articles_in_store or 0} articles in {self.stories or 0} stories, "
                         f"{self.events_in_store or 0} events")
        parts.append(f"{self.seconds:.1f} s ({rate:.1f} inputs/s)")
        return "; ".join(parts)


# -- one input ------------------------------------------------------------------
def analyze_one(raw: RawInput, settings: Settings, published: str | None,
                components: list[Component]) -> Result:
    """Build and analyse one input; a rejection (never an exception) when it cannot be.

    ``published`` (an ISO date, already checked) outranks the input's own metadata.
    With ``settings.on_error == "raise"`` errors propagate instead (tests).
    """
    try:
        article = build_article(raw, settings)
    except RasdError as exc:
        if settings.on_error == "raise":
            raise
        return Rejection(raw.source, exc.reason, exc.detail, raw.url)
    except Exception as exc:  # a bug must not lose the rest of the batch; it is reported
        if settings.on_error == "raise":
            raise
        return Rejection(raw.source, "internal_error", f"{type(exc).__name__}: {exc}", raw.url)
    return analyze_built(article, published, components, settings)


def analyze_built(article: Article, published: str | None, components: list[Component],
                  settings: Settings) -> Article:
    """Apply a ``--published`` date (it outranks the input's metadata), then run the components."""
    from .serialize import drop_non_finite

    if published:
        article.meta.published, article.meta.published_source = published, "option"
    run(article, components, settings)
    drop_non_finite(article)
    return article


# -- the batch ------------------------------------------------------------------
@dataclass
class _Job:
    settings: Settings
    published: str | None
    names: tuple[str, ...] | None
    finish: Finish | None


_JOB: _Job | None = None
_COMPONENTS: list[Component] = []


def _setup(job: _Job) -> None:
    global _JOB, _COMPONENTS
    _JOB, _COMPONENTS = job, resolve(job.names)


def _work(item: RawInput | Rejection) -> Any:
    assert _JOB is not None
    if isinstance(item, Rejection):
        return item
    result = analyze_one(item, _JOB.settings, _JOB.published, _COMPONENTS)
    if isinstance(result, Rejection) or _JOB.finish is None:
        return result
    try:
        return _JOB.finish(result, item)
    except (RasdError, ValueError, OSError) as exc:
        if _JOB.settings.on_error == "raise":
            raise
        return Rejection(item.source, "internal_error", f"cannot finish: {exc}", item.url)


def warm(names: tuple[str, ...] | None, settings: Settings) -> None:
    """Load every model and lexicon the pipeline uses, in this process (before a fork)."""
    from .intake.inputs import RawInput as _Raw

    analyze_one(_Raw("<warm-up>", _WARM_TEXT), settings.merged({"on_error": "record"}), "2020-01-02",
                resolve(names))


def run_batch(inputs: Iterable[RawInput | Rejection], *, settings: Settings,
              published: str | None = None, pipeline: tuple[str, ...] | None = None,
              workers: int = 1, finish: Finish | None = None,
              summary: Summary | None = None, chunksize: int = 4) -> Iterator[Any]:
    """Yield one result per input, in input order: a rejection, an article, or what
    ``finish(article, raw)`` returned (run in the worker). ``summary`` counts them.

    ``workers > 1`` analyses in that many forked processes (models loaded first).
    Raises :class:`~rasd.errors.PipelineError` for a wrongly assembled pipeline, before
    any input is read.
    """
    job = _Job(settings, published, pipeline, finish)
    resolve(pipeline)  # fail early on a bad pipeline
    if workers <= 1:
        _setup(job)
        results: Iterator[Any] = map(_work, inputs)
    else:
        results = _pooled(job, inputs, workers, chunksize)
    for result in results:
        if summary is not None:
            summary.count(result)
        yield result


def _pooled(job: _Job, inputs: Iterable[RawInput | Rejection], workers: int,
            chunksize: int) -> Iterator[Any]:
    import multiprocessing

    warm(job.names, job.settings)
    _setup(job)  # the children inherit the job and the loaded models through fork
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        yield from pool.imap(_work, inputs, chunksize=chunksize)
