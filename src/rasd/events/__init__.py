"""Events: who did what to whom, where, when, how many, with evidence (issue #6).

Sentence-level detection with a trigger lexicon (:mod:`.triggers`), actors
(:mod:`.actors`), places and dates (:mod:`.where_when`), casualty figures
(:mod:`.figures`), per-article assembly and merging (:mod:`.assemble`), and
the pipeline component ``ar.events.v1`` (:mod:`.component`). Importing this
package does no I/O; lexicons load on first use.
"""

from __future__ import annotations

NAME = "ar.events.v1"
