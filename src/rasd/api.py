"""The Python API, with the same names and options as the command line.

``rasd.analyze(x)`` analyses one article: ``x`` is a path, ``bytes`` as
received, or a ``str`` of text or HTML. ``rasd.analyze_path(path)`` yields a
result per article found at a path (a file, a folder, JSON Lines, a TREC
file or a tar archive), in input order: an :class:`~rasd.model.Article`, or
a :class:`~rasd.errors.Rejection` with a reason code. One bad input never
stops the others.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .document import build_article
from .errors import InputError, RasdError, Rejection
from .inputs import RawInput, iter_inputs
from .model import Article
from .pipeline import Component, resolve, run
from .settings import Settings

Result = Article | Rejection


def _check_date(published: str | None) -> str | None:
    if published is None:
        return None
    try:
        return dt.date.fromisoformat(published).isoformat()
    except ValueError as exc:
        raise InputError(f"--published must be YYYY-MM-DD, got {published!r}", reason="malformed") from exc


def analyze_raw(raw: RawInput, settings: Settings | None = None, published: str | None = None,
                pipeline: tuple[str, ...] | None = None) -> Article:
    """Analyse one raw input; raises :class:`InputError` when it is rejected."""
    settings = settings or Settings()
    return _analyzed(build_article(raw, settings), _check_date(published), resolve(pipeline), settings)


def _analyzed(article: Article, published: str | None, components: list[Component],
              settings: Settings) -> Article:
    """Apply a --published date (it outranks the input's metadata), then run the components."""
    if published:
        article.meta.published, article.meta.published_source = published, "option"
    return run(article, components, settings)


def analyze(source: str | bytes | os.PathLike[str], *, published: str | None = None,
            url: str | None = None, settings: Settings | None = None,
            pipeline: tuple[str, ...] | None = None) -> Article:
    """Analyse one article given as a path, raw bytes, or a string of text/HTML."""
    settings = settings or Settings()
    if isinstance(source, os.PathLike) or (
            isinstance(source, str) and "\n" not in source and len(source) < 4096
            and Path(source).is_file()):
        results = list(iter_inputs(os.fspath(source), settings.max_input_bytes))
        if not results:
            raise InputError(f"nothing to read at {source}", reason="empty")
        first = results[0]
        if isinstance(first, Rejection):
            raise InputError(first.message, reason=first.reason)
        raw = first
    else:
        raw = RawInput("<string>" if isinstance(source, str) else "<bytes>", source)
    raw.url = url or raw.url
    return analyze_raw(raw, settings, published, pipeline)


@dataclass
class Summary:
    """What a batch run did: counts by outcome and reason, and the time it took."""

    processed: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def count(self, result: Result) -> None:
        if isinstance(result, Rejection):
            self.rejected[result.reason] += 1
        else:
            self.processed += 1
            for f in result.flags:
                self.flagged[f.code] += 1
        self.seconds = time.perf_counter() - self.started

    def to_dict(self) -> dict[str, object]:
        return {"processed": self.processed, "rejected": sum(self.rejected.values()),
                "rejected_by_reason": dict(self.rejected), "flagged_by_code": dict(self.flagged),
                "seconds": round(self.seconds, 3)}

    def render(self) -> str:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.rejected.items())) or "none"
        rate = self.processed / self.seconds if self.seconds else 0.0
        return (f"processed {self.processed}, rejected {sum(self.rejected.values())} ({reasons}), "
                f"{self.seconds:.1f} s ({rate:.1f} articles/s)")


def analyze_path(paths: str | Iterable[str], *, published: str | None = None,
                 settings: Settings | None = None, summary: Summary | None = None,
                 pipeline: tuple[str, ...] | None = None) -> Iterator[Result]:
    """Yield one result per article found at ``paths``, in input order."""
    settings = settings or Settings()
    published = _check_date(published)
    components = resolve(pipeline)
    for path in [paths] if isinstance(paths, str) else paths:
        for item in iter_inputs(path, settings.max_input_bytes):
            result = item if isinstance(item, Rejection) else _one(item, settings, published, components)
            if summary is not None:
                summary.count(result)
            yield result


def _one(raw: RawInput, settings: Settings, published: str | None,
         components: list[Component]) -> Result:
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
    return _analyzed(article, published, components, settings)
