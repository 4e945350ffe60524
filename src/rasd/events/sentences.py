"""Events of one bare sentence, through the real pipeline (evaluation and tests).

The GSR and the project's labelled sets are sentences without their articles. Each is
analysed as a one-paragraph article by every registered component, exactly the path a
user's article takes, and the event records of the ``events`` layer are returned.
"""

from __future__ import annotations

from ..errors import InputError
from .component import event_records
from .model import EventRecord


def sentence_records(text: str, published: str | None = None) -> list[EventRecord]:
    """The event records rasd gives for ``text`` analysed as an article (``published``:
    ``YYYY-MM-DD`` or None); an input rasd rejects (not Arabic, empty) has none."""
    from ..api import analyze
    from ..settings import Settings

    try:
        # bytes, not str: the API must never probe user text as a path (issue 16)
        article = analyze(text.encode("utf-8"), published=published,
                          settings=Settings(min_chars=1, on_error="raise"))
    except InputError:
        return []
    return event_records(article)


def sentence_features(text: str) -> list[str]:
    """The trained check's features for ``text`` analysed as an article, exactly as the
    component computes them (the union over the article's sentences)."""
    from ..api import analyze
    from ..settings import Settings
    from .assemble import analyse_sentences, info_features

    try:
        article = analyze(text.encode("utf-8"), settings=Settings(min_chars=1, on_error="raise"))
    except InputError:
        return ["bias"]
    feats: set[str] = set()
    for info in analyse_sentences(article):
        feats.update(info_features(info))
    return sorted(feats) or ["bias"]
