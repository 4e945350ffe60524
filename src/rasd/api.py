"""The Python API, with the same names and options as the command line.

``rasd.analyze(x)`` analyses one article: ``x`` is a :class:`~pathlib.Path`
(any ``os.PathLike``), ``bytes`` as received, or a ``str`` of text or HTML; a
path given as a string is ``analyze(path="...")``. A string is never probed
as a file name. ``rasd.analyze_path(path)`` yields a
result per article found at a path (a file, a folder, JSON Lines, a TREC
file or a tar archive), in input order: an :class:`~rasd.model.Article`, or
a :class:`~rasd.errors.Rejection` with a reason code. One bad input never
stops the others.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .batch import Summary, analyze_built, run_batch
from .errors import InputError, Rejection
from .intake.document import build_article
from .intake.inputs import RawInput, iter_inputs
from .model import Article
from .pipeline import resolve
from .settings import Settings

Result = Article | Rejection
__all__ = ["Result", "Summary", "analyze", "analyze_path", "analyze_raw"]


def check_date(published: str | None) -> str | None:
    """``published`` as ``YYYY-MM-DD``; raises :class:`InputError` (``malformed``) otherwise."""
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
    article = build_article(raw, settings)
    return analyze_built(article, check_date(published), resolve(pipeline), settings)


def _with_candidates(settings: Settings | None, all_candidates: bool) -> Settings:
    settings = settings or Settings()
    return replace(settings, all_candidates=True) if all_candidates else settings


def analyze(source: str | bytes | os.PathLike[str] | None = None, *,
            path: str | os.PathLike[str] | None = None, published: str | None = None,
            url: str | None = None, settings: Settings | None = None,
            pipeline: tuple[str, ...] | None = None, all_candidates: bool = False) -> Article:
    """Analyse one article: ``source`` is a ``Path`` (read like ``rasd analyze PATH``; its first
    article), ``bytes`` as received, or a ``str`` of text or HTML (never taken for a file name);
    or give ``path=`` as a string. Raises :class:`InputError` when the input is rejected (its
    ``reason`` is the rejection's) and ``TypeError`` when neither or both are given.
    ``all_candidates`` (``rasd analyze --all-candidates``) keeps the events below the
    ``event_threshold`` setting in the events layer, marked ``candidate`` (docs/events.md).
    """
    settings = _with_candidates(settings, all_candidates)
    if (source is None) == (path is None):
        raise TypeError("analyze() takes a source or path=, not both")
    if path is not None or isinstance(source, os.PathLike):
        where = os.fspath(path if path is not None else source)  # type: ignore[arg-type]
        raw = _first_input(str(where), settings)
    else:
        raw = RawInput("<string>" if isinstance(source, str) else "<bytes>", source)  # type: ignore[arg-type]
    raw.url = url or raw.url
    return analyze_raw(raw, settings, published, pipeline)


def _first_input(path: str, settings: Settings) -> RawInput:
    first = next(iter_inputs(path, settings.max_input_bytes, settings.max_json_depth,
                                settings.max_array_bytes), None)
    if first is None:
        raise InputError(f"nothing to read at {path}", reason="empty")
    if isinstance(first, Rejection):
        raise InputError(first.message, reason=first.reason)
    return first



def analyze_path(paths: str | Iterable[str], *, published: str | None = None,
                 settings: Settings | None = None, summary: Summary | None = None,
                 pipeline: tuple[str, ...] | None = None, workers: int = 1,
                 all_candidates: bool = False) -> Iterator[Result]:
    """Yield one result per article found at ``paths``, in input order.

    Each result is an :class:`Article` or a :class:`Rejection` (reason code, never an
    exception); ``summary`` counts them. ``workers > 1`` analyses in that many processes.
    ``all_candidates`` keeps events below ``event_threshold``, marked (as :func:`analyze`).
    Raises :class:`InputError` for a malformed ``published`` date and
    :class:`~rasd.errors.PipelineError` for a wrongly assembled ``pipeline``.
    """
    settings = _with_candidates(settings, all_candidates)
    published = check_date(published)
    yield from run_batch(input_stream(paths, settings), settings=settings, published=published,
                         pipeline=pipeline, workers=workers, summary=summary)


def input_stream(paths: str | Iterable[str], settings: Settings) -> Iterator[RawInput | Rejection]:
    """Every input found at ``paths``, in order (see :func:`rasd.intake.inputs.iter_inputs`)."""
    for path in [paths] if isinstance(paths, str) else paths:
        yield from iter_inputs(path, settings.max_input_bytes, settings.max_json_depth,
                                settings.max_array_bytes)
