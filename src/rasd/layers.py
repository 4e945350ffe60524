"""The names of the article's layers, in one place.

Every component declares the layers it reads and writes with these constants
(:class:`rasd.pipeline.Component`); :func:`rasd.pipeline.resolve` refuses a
pipeline whose reads are not written by an earlier component, and the runner
checks that a component wrote only what it declared. ``TOKENS`` names the
article's token list (``Article.tokens``), which is not a span layer but is
written and read like one.
"""

from __future__ import annotations

SEGMENTS = "segments"  # written by intake (HTML, TREC, JSON records): extracted pieces
BLOCKS = "blocks"
SOURCES = "sources"
CREDITS = "credits"
DATELINES = "datelines"
TOKENS = "tokens"
SENTENCES = "sentences"
DATES = "dates"
ENTITIES = "entities"
QUANTITIES = "quantities"
QUOTES = "quotes"
CASUALTIES = "casualties"
EVENTS = "events"

#: Layers that intake writes before any component runs (present only for some inputs).
INPUT_LAYERS = frozenset({SEGMENTS})
#: Every layer name rasd writes, in pipeline order.
ALL = (SEGMENTS, BLOCKS, SOURCES, CREDITS, DATELINES, TOKENS, SENTENCES, DATES, ENTITIES,
       QUANTITIES, QUOTES, CASUALTIES, EVENTS)
