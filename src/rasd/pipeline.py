"""Components and the runner that calls them in order.

A component is a small named pair of callables, like spaCy's
``SpanRuler.match`` / ``set_annotations``: ``find(article, settings)`` is
pure and returns what it found; ``annotate(article, found)`` writes it into
the article's layers. Components are registered explicitly, with versioned
names, in :data:`REGISTRY`; importing this module does no I/O.

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

from . import structure, tokens
from .dates import component as dates
from .errors import ComponentError
from .events import component as events
from .model import Article
from .ner import component as entities
from .numbers import component as numbers
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Component:
    name: str
    find: Callable[[Article, Settings], Any]
    annotate: Callable[[Article, Any], None]
    requires: tuple[str, ...] = ()  # names of components that must run first


REGISTRY: dict[str, Component] = {
    c.name: c
    for c in (
        Component(structure.NAME, structure.find, structure.annotate),
        Component(tokens.TOKENS, tokens.find_tokens, tokens.annotate_tokens, (structure.NAME,)),
        Component(tokens.SENTENCES, tokens.find_sentences, tokens.annotate_sentences,
                  (structure.NAME,)),
        Component(dates.NAME, dates.find, dates.annotate, (structure.NAME, tokens.SENTENCES)),
        Component(entities.NAME, entities.find, entities.annotate, (tokens.TOKENS, tokens.SENTENCES)),
        Component(numbers.QUANTITIES, numbers.find_quantities, numbers.annotate_quantities,
                  (tokens.TOKENS, tokens.SENTENCES)),
        Component(numbers.QUOTES, numbers.find_quotes, numbers.annotate_quotes,
                  (tokens.TOKENS, tokens.SENTENCES)),
        Component(numbers.CASUALTIES, numbers.find_casualties, numbers.annotate_casualties,
                  (numbers.QUANTITIES,)),
        Component(events.NAME, events.find, events.annotate, (structure.NAME, tokens.SENTENCES)),
    )
}
DEFAULT_PIPELINE: tuple[str, ...] = tuple(REGISTRY)


def register(component: Component) -> None:
    """Add a component (its name must be new and versioned, e.g. ``ar.dates.v1``)."""
    if component.name in REGISTRY:
        raise ValueError(f"component {component.name} is already registered")
    if not component.name.rsplit(".", 1)[-1].startswith("v"):
        raise ValueError(f"component name {component.name!r} needs a version suffix (.v1)")
    REGISTRY[component.name] = component


def resolve(names: tuple[str, ...] | None = None) -> list[Component]:
    """Components by name, checking each one's requirements come earlier."""
    chosen = [REGISTRY[n] for n in (names or DEFAULT_PIPELINE)]
    done: set[str] = set()
    for comp in chosen:
        missing = [r for r in comp.requires if r not in done]
        if missing:
            raise ValueError(f"{comp.name} needs {', '.join(missing)} to run before it")
        done.add(comp.name)
    return chosen


def run(article: Article, components: list[Component], settings: Settings) -> Article:
    """Call each component's ``find`` then ``annotate`` on the article."""
    for comp in components:
        try:
            found = comp.find(article, settings)
            comp.annotate(article, found)
        except Exception as exc:  # the one handler that routes failures, see module doc
            if settings.on_error == "raise":
                raise ComponentError(f"{comp.name} failed on {article.meta.path}: {exc}") from exc
            log.warning("%s failed on %s: %s", comp.name, article.meta.path, exc)
            article.flag("component_failed", f"{type(exc).__name__}: {exc}", comp.name)
    return article
