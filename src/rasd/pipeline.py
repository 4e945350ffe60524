"""Components and the runner that calls them in order.

A component is a small named pair of callables, like spaCy's
``SpanRuler.match`` / ``set_annotations``: ``find(article, settings)`` is
pure and returns what it found; ``annotate(article, found)`` writes it into
the article's layers. Like spaCy's ``assigns``/``requires``, each component
declares the layers it reads and the layers it writes (names from
:mod:`rasd.layers`). :func:`resolve` refuses a pipeline in which a component
reads a layer that no earlier component writes (:class:`PipelineError`), and
:func:`run` checks after each component that it wrote only what it declared.

Components are registered explicitly, with versioned names, in
:data:`REGISTRY`; importing this module does no I/O.

The runner routes a failing component to one handler: with
``on_error="raise"`` (tests) the error propagates; with ``"record"`` (batch
runs) the article gets a ``component_failed`` flag naming the component and
the run goes on with the next component.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import layers as L
from . import tokens
from .casualties import component as casualties
from .dates import component as dates
from .entities import component as entities
from .errors import ComponentError, PipelineError
from .events import component as events
from .model import Article
from .numbers import component as numbers
from .quotes import component as quotes
from .settings import Settings
from .structure import blocks as structure

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Component:
    """A named step: ``find`` (pure) then ``annotate``, with its declared layers."""

    name: str
    find: Callable[[Article, Settings], Any]
    annotate: Callable[[Article, Any], None]
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()


REGISTRY: dict[str, Component] = {
    c.name: c
    for c in (
        Component(structure.NAME, structure.find, structure.annotate, structure.READS, structure.WRITES),
        Component(tokens.TOKENS, tokens.find_tokens, tokens.annotate_tokens, (L.BLOCKS,), (L.TOKENS,)),
        Component(tokens.SENTENCES, tokens.find_sentences, tokens.annotate_sentences,
                  (L.BLOCKS,), (L.SENTENCES,)),
        Component(dates.NAME, dates.find, dates.annotate, dates.READS, dates.WRITES),
        Component(entities.NAME, entities.find, entities.annotate, entities.READS, entities.WRITES),
        Component(numbers.NAME, numbers.find, numbers.annotate, numbers.READS, numbers.WRITES),
        Component(quotes.NAME, quotes.find, quotes.annotate, quotes.READS, quotes.WRITES),
        Component(casualties.NAME, casualties.find, casualties.annotate, casualties.READS,
                  casualties.WRITES),
        Component(events.NAME, events.find, events.annotate, events.READS, events.WRITES),
    )
}
DEFAULT_PIPELINE: tuple[str, ...] = tuple(REGISTRY)


def register(component: Component) -> None:
    """Add a component (its name must be new and versioned, e.g. ``ar.dates.v1``).

    Raises :class:`PipelineError` for a taken or unversioned name, or an unknown layer.
    """
    if component.name in REGISTRY:
        raise PipelineError(f"component {component.name} is already registered")
    if not component.name.rsplit(".", 1)[-1].startswith("v"):
        raise PipelineError(f"component name {component.name!r} needs a version suffix (.v1)")
    unknown = [n for n in component.reads + component.writes if n not in L.ALL]
    if unknown:
        raise PipelineError(f"component {component.name} names unknown layers: {', '.join(unknown)}")
    REGISTRY[component.name] = component


def resolve(names: tuple[str, ...] | None = None) -> list[Component]:
    """The components named (default: all, in registry order), checked.

    Raises :class:`PipelineError` when a name is unknown or a component reads a layer
    that no earlier component in the list writes (intake's ``segments`` is always
    available: it is there when the input had extracted pieces).
    """
    unknown = [n for n in (names or ()) if n not in REGISTRY]
    if unknown:
        raise PipelineError(f"unknown component(s): {', '.join(unknown)}")
    chosen = [REGISTRY[n] for n in (names or DEFAULT_PIPELINE)]
    written: set[str] = set(L.INPUT_LAYERS)
    for comp in chosen:
        missing = [layer for layer in comp.reads if layer not in written]
        if missing:
            raise PipelineError(
                f"{comp.name} reads {', '.join(missing)}, which no earlier component writes; "
                f"add the component that writes it before {comp.name}")
        written.update(comp.writes)
    return chosen


def needed_for(*names: str) -> tuple[str, ...]:
    """The registered components needed to run ``names``: each of them and, transitively,
    the components that write what they read, in registry order.

    ``needed_for("ar.casualties.v1")`` is structure, tokens, sentences, entities,
    quantities, quotes and casualties (dates are not read, so not needed). Raises
    :class:`PipelineError` for an unknown name or a layer no component writes.
    """
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise PipelineError(f"unknown component(s): {', '.join(unknown)}")
    writer = {layer: c.name for c in REGISTRY.values() for layer in c.writes}
    wanted: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        for layer in REGISTRY[name].reads:
            if layer in L.INPUT_LAYERS:
                continue
            if layer not in writer:
                raise PipelineError(f"no registered component writes {layer} (read by {name})")
            todo.append(writer[layer])
    return tuple(n for n in REGISTRY if n in wanted)


def _snapshot(article: Article) -> dict[str, tuple[int, int]]:
    state = {name: (id(spans), len(spans)) for name, spans in article.layers.items()}
    state[L.TOKENS] = (id(article.tokens), len(article.tokens))
    return state


def _check_writes(comp: Component, before: dict[str, tuple[int, int]], article: Article) -> None:
    after = _snapshot(article)
    changed = sorted(n for n, v in after.items() if before.get(n) != v and n not in comp.writes)
    if changed:
        raise PipelineError(f"{comp.name} wrote undeclared layer(s): {', '.join(changed)}")


def run(article: Article, components: list[Component], settings: Settings) -> Article:
    """Call each component's ``find`` then ``annotate`` on the article.

    A failure (or an undeclared write) raises :class:`ComponentError` with
    ``on_error="raise"``; otherwise it becomes a ``component_failed`` flag.
    """
    for comp in components:
        try:
            before = _snapshot(article)
            found = comp.find(article, settings)
            comp.annotate(article, found)
            _check_writes(comp, before, article)
        except Exception as exc:  # the one handler that routes failures, see module doc
            if settings.on_error == "raise":
                raise ComponentError(f"{comp.name} failed on {article.meta.path}: {exc}") from exc
            log.warning("%s failed on %s: %s", comp.name, article.meta.path, exc)
            article.flag("component_failed", f"{type(exc).__name__}: {exc}", comp.name)
    return article
