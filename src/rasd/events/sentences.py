"""Events of one bare sentence, through the real pipeline (evaluation and tests).

The GSR and the project's labelled sets are sentences without their articles. Each is
analysed as a one-paragraph article by every registered component, exactly the path a
user's article takes, and the event records of the ``events`` layer are returned.
"""

from __future__ import annotations

from ..errors import InputError
from .component import event_records
from .model import EventRecord


def sentence_records(text: str, published: str | None = None, all_candidates: bool = False
                     ) -> list[EventRecord]:
    """The event records rasd gives for ``text`` analysed as an article (``published``:
    ``YYYY-MM-DD`` or None; ``all_candidates``: as ``rasd analyze --all-candidates``); an
    input rasd rejects (not Arabic, empty) has none."""
    from ..api import analyze
    from ..settings import Settings

    try:
        # bytes, not str: the API must never probe user text as a path (issue 16)
        article = analyze(text.encode("utf-8"), published=published, all_candidates=all_candidates,
                          settings=Settings(min_chars=1, on_error="raise"))
    except InputError:
        return []
    return event_records(article)

