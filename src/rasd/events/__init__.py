"""Events: who did what to whom, where, when, how many, with evidence.

The component ``ar.events.v1`` (:mod:`.component`) reads the layers other components
write (sentences, tokens, entities, dates, casualties, quotes, sources) and parses no
number, date or place name itself. Terms of every events vocabulary are found in one
pass over a sentence's words (:mod:`.lexicon`, :mod:`.text`); triggers and clauses
(:mod:`.triggers`, :mod:`.detect`); actors and roles (:mod:`.actors`, :mod:`.roles`,
:mod:`.parties`); places and dates of a sentence (:mod:`.places`) and of an event
(:mod:`.where`); counts from casualty spans (:mod:`.figures`, :mod:`.counts`); mentions
merged per article (:mod:`.assemble`) into typed records (:mod:`.records`,
:mod:`.model`). Importing this package does no I/O; lexicons load on first use.
"""

from __future__ import annotations

NAME = "ar.events.v1"
