"""A sentence's normalized view, its clauses and a compiled term matcher.

Matching runs on the normalized text (:mod:`rasd.normalize`); a
:class:`SentenceView` maps any normalized slice back to raw article offsets.
Lexicon terms use one small syntax (see ``events_triggers.json``): words may
take proclitics, ``*`` matches any continuation, ``=`` allows only و/ف before the
word and ``!`` no ending after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..normalize import NormalizedText, normalize, normalize_str

# Common inflectional endings a lexicon word may take (normalized letters).
_SUFFIX = r"(?:ها|هم|هن|ه|ات|ون|ين|ان|ا|وا|ي|يه|يين|يون|تا|تين|هما)?"
_GAP = r"[\s\"'«»“”()\-]+"
_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"\s*[،,;؛:]\s*|\s+(?=(?:حيث|بعدما|بينما|فيما|ثم|لكن|لكنه|لكنها)\s)")


@dataclass(frozen=True)
class SentenceView:
    """One sentence: ``text`` is normalized; ``raw_span`` maps back to article offsets."""

    text: str
    start: int  # raw start of the sentence in the article
    end: int
    _norm: NormalizedText
    _offset: int  # offset of ``text`` inside ``_norm.text``
    source: str = ""  # the raw text the raw offsets index

    @classmethod
    def of_string(cls, raw: str) -> SentenceView:
        norm = normalize(raw)
        return cls(norm.text, 0, len(raw), norm, 0, raw)

    @classmethod
    def of_article(cls, norm: NormalizedText, start: int, end: int, source: str = "") -> SentenceView:
        ns, ne = norm.norm_offset(start), norm.norm_offset(end)
        return cls(norm.text[ns:ne], start, end, norm, ns, source)

    def raw_text(self, ns: int, ne: int) -> str:
        """The raw words behind a normalized slice (the normalized slice if the raw text is unknown)."""
        if not self.source:
            return self.text[ns:ne]
        s, e = self.raw_span(ns, ne)
        return self.source[s:e]

    def norm_pos(self, raw: int) -> int:
        """The sentence-local normalized position of a raw article offset."""
        return max(0, min(len(self.text), self._norm.norm_offset(raw) - self._offset))

    def raw_span(self, ns: int, ne: int) -> tuple[int, int]:
        return self._norm.raw_span(self._offset + ns, self._offset + ne)

    @cached_property
    def clauses(self) -> list[tuple[int, int]]:
        """Clause boundaries (normalized offsets): commas, colons and clause-opening
        conjunctions such as حيث / بعدما / ثم."""
        out, pos = [], 0
        for m in _CLAUSE_BREAK.finditer(self.text):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if pos < len(self.text):
            out.append((pos, len(self.text)))
        return out or [(0, len(self.text))]

    def clause_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.clauses):
            if s <= pos < e or (pos == e and i == len(self.clauses) - 1):
                return i
        return max(0, len(self.clauses) - 1)

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.text)]

    def word_index(self, pos: int) -> int:
        """Index of the word starting at or after ``pos``."""
        for i, (s, _e, _w) in enumerate(self.words):
            if s >= pos:
                return i
        return len(self.words)

    def words_between(self, a: int, b: int) -> int:
        lo, hi = sorted((a, b))
        return sum(1 for s, _e, _w in self.words if lo <= s < hi)


def word_pattern(word: str) -> str:
    """The regular expression for one lexicon word (already normalized)."""
    bare = word.startswith("=")
    exact = word.endswith("!")
    word = word.lstrip("=").rstrip("!")
    star = word.endswith("*")
    word = word.rstrip("*")
    tail = r"\w*" if star else ("" if exact else _SUFFIX)
    if bare:
        return r"[وف]?" + re.escape(word) + tail
    if word.startswith("ال") and len(word) > 3:
        stem = re.escape(word[2:])
        return rf"(?:[وف]?[بكل]?ال|[وف]?لل){stem}{tail}"
    return rf"(?:[وف]?[بكل]?(?:ال|لل)?){re.escape(word)}{tail}"


def term_pattern(term: str) -> str:
    words = normalize_str(term).split()
    return r"(?<!\w)" + _GAP.join(word_pattern(w) for w in words) + r"(?!\w)"


class TermMatcher:
    """One compiled alternation over many terms, each tagged with a value.

    Longer terms are tried first, so a phrase wins over the word it starts with.
    The alternation is only tried at words whose stem (clitics removed) starts
    like some term, which keeps matching fast on long texts.
    """

    def __init__(self, entries: Iterable[tuple[str, object]]) -> None:
        items = sorted(
            {(t, v) for t, v in ((str(t), v) for t, v in entries) if t.strip()},
            key=lambda tv: (-len(normalize_str(tv[0])), tv[0], str(tv[1])),
        )
        self.values = [v for _t, v in items]
        self.terms = [t for t, _v in items]
        if not items:
            raise ValueError("TermMatcher needs at least one term")
        self.regex = re.compile("|".join(f"(?P<t{i}>{term_pattern(t)})" for i, (t, _v) in enumerate(items)))
        self.anchors = frozenset(_anchor(normalize_str(t).split()[0]) for t in self.terms)

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[tuple[int, int, object, str]]:
        """``(start, end, value, term)`` for each non-overlapping match."""
        end = len(text) if end is None else end
        pos = start
        for w in _WORD.finditer(text, start, end):
            if w.start() < pos or not self._may_start(w.group()):
                continue
            m = self.regex.match(text, w.start(), end)
            if m is None:
                continue
            idx = int((m.lastgroup or "t0")[1:])
            pos = m.end()
            yield m.start(), m.end(), self.values[idx], self.terms[idx]

    def _may_start(self, word: str) -> bool:
        anchors = self.anchors
        return any(f[:3] in anchors or f[:2] in anchors for f in _stems(word))


def _anchor(word: str) -> str:
    core = word.lstrip("=").rstrip("!*")
    if core.startswith("ال") and len(core) > 3:
        core = core[2:]
    return core[:3]


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[str, ...]:
    """The word with every proclitic reading removed (و ف, ب ك ل, ال لل)."""
    out = [word]
    for w in list(out):
        if len(w) > 2 and w[0] in "وف":
            out.append(w[1:])
    for w in list(out):
        if len(w) > 2 and w[0] in "بكل":
            out.append(w[1:])
    for w in list(out):
        if w.startswith("ال") and len(w) > 3:
            out.append(w[2:])
        if w.startswith("لل") and len(w) > 3:
            out.append(w[2:])
    return tuple(out)


def clitic_forms(word: str) -> list[str]:
    """The word and its readings without و/ف, ب/ك/ل and with لل read as ال."""
    out = [word]
    if len(word) > 3 and word[0] in "وف":
        out.append(word[1:])
    for w in list(out):
        if w.startswith("لل") and len(w) > 4:
            out.append("ال" + w[2:])
        if len(w) > 3 and w[0] in "بكل":
            out.append(w[1:])
    return out
