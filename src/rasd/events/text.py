"""A sentence as the events component reads it: normalized text, words, clauses, terms.

Matching runs on the article's normalized view (:mod:`rasd.normalize`); a
:class:`SentenceView` maps any normalized slice back to raw article offsets. Its words
are the article's tokens (``ar.tokens.v1``), never a second tokenizer, and its terms come
from one pass of the events lexicon over those words (:mod:`.lexicon`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Token
from ..normalize import NormalizedText
from .lexicon import Match, Matches, events_lexicon

_CLAUSE_PUNCT = re.compile(r"\s*[،,;؛:]\s*")
_SEGMENT_PUNCT = re.compile(r"\s*[;؛]\s*")


@dataclass(frozen=True)
class SentenceView:
    """One sentence: ``text`` is normalized; ``raw_span`` maps back to article offsets.

    ``words`` are ``(start, end, norm)`` of the sentence's word, number and Latin tokens
    in normalized sentence offsets.
    """

    text: str
    start: int  # raw start of the sentence in the article
    end: int
    _norm: NormalizedText
    _offset: int  # offset of ``text`` inside ``_norm.text``
    source: str = ""  # the raw text the raw offsets index
    tokens: tuple[Token, ...] = field(default=(), repr=False)

    @classmethod
    def of_article(cls, norm: NormalizedText, start: int, end: int, source: str,
                   tokens: tuple[Token, ...]) -> SentenceView:
        ns, ne = norm.norm_offset(start), norm.norm_offset(end)
        return cls(norm.text[ns:ne], start, end, norm, ns, source, tokens)

    def raw_text(self, ns: int, ne: int) -> str:
        """The raw words behind a normalized slice."""
        s, e = self.raw_span(ns, ne)
        return self.source[s:e] if self.source else self.text[ns:ne]

    def norm_pos(self, raw: int) -> int:
        """The sentence-local normalized position of a raw article offset."""
        return max(0, min(len(self.text), self._norm.norm_offset(raw) - self._offset))

    def raw_span(self, ns: int, ne: int) -> tuple[int, int]:
        return self._norm.raw_span(self._offset + ns, self._offset + ne)

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        out = []
        for tok in self.tokens:
            if tok.kind in ("word", "number", "latin"):
                s = tok.nstart - self._offset if tok.nstart >= 0 else self.norm_pos(tok.start)
                out.append((s, s + len(tok.norm), tok.norm))
        return out

    @cached_property
    def matches(self) -> Matches:
        """Every events-lexicon term found in the sentence (one pass over its words)."""
        return events_lexicon().matches(self.words, self.text)

    def find(self, group: str, start: int = 0, end: int | None = None) -> list[Match]:
        return list(self.matches.find(group, start, end))

    def has(self, group: str, start: int = 0, end: int | None = None) -> bool:
        return self.matches.any(group, start, end)

    def first_word(self, start: int, end: int) -> tuple[int, int] | None:
        """Normalized offsets of the first word in ``[start, end)``."""
        return next(((s, e) for s, e, _w in self.words if start <= s < end), None)

    @cached_property
    def clauses(self) -> list[tuple[int, int]]:
        """Clause boundaries (normalized offsets): commas, semicolons, colons, and clause
        openers such as حيث / بعدما / ثم (lexicon group ``clause_opener``)."""
        return self._pieces(_CLAUSE_PUNCT, "clause_opener")

    @cached_property
    def segments(self) -> list[tuple[int, int]]:
        """Incident segments (normalized offsets): the sentence cut only at semicolons and
        at words that open a parallel report (بينما، في حين، كما، إلى ذلك: lexicon group
        ``incident_break``). Commas do not cut a segment: ``قتل مسلحون ثلاثة أشخاص، مساء
        أمس الخميس، في هجوم على …`` is one incident with its date and its attack."""
        return self._pieces(_SEGMENT_PUNCT, "incident_break")

    def _pieces(self, punct: re.Pattern[str], group: str) -> list[tuple[int, int]]:
        """The sentence cut at ``punct`` (the marks dropped) and before every word of the
        lexicon ``group``; empty pieces left out, the whole sentence when nothing is left."""
        cuts = [(m.start(), m.end()) for m in punct.finditer(self.text)]
        cuts += [(m.start, m.start) for m in self.matches.find(group) if m.start > 0]
        out, pos = [], 0
        for s, e in sorted(cuts):
            if s > pos:
                out.append((pos, s))
            pos = max(pos, e)
        if pos < len(self.text):
            out.append((pos, len(self.text)))
        return [(s, e) for s, e in out if self.text[s:e].strip()] or [(0, len(self.text))]

    def segment_of(self, pos: int) -> tuple[int, int]:
        """The incident segment holding normalized offset ``pos``."""
        segs = self.segments
        return next(((s, e) for s, e in segs if s <= pos < e), segs[-1])

    def clause_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.clauses):
            if s <= pos < e or (pos == e and i == len(self.clauses) - 1):
                return i
        return max(0, len(self.clauses) - 1)

    def words_between(self, a: int, b: int) -> int:
        lo, hi = sorted((a, b))
        return sum(1 for s, _e, _w in self.words if lo <= s < hi)
