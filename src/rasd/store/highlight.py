"""Where a query matches an article's raw text: highlights and snippets.

A word matches as the index matches it (:mod:`rasd.store.search`): as
written, or one of its clitic-stripped readings (``ومحمد`` -> ``محمد``), or
one starting with a prefix term, or a phrase of consecutive words; all on
the normalized view, mapped back to raw offsets so the highlight lands on
the displayed letters.

Reading a whole article's normalized view for every hit is what made search
slow under load, so :class:`Matcher` first finds, with one regular
expression run in C over the *raw* text, the places where a query word can
be (the raw text folded one character for one, each letter to the letter
it normalizes to and each deleted mark to a tatweel that the pattern allows
between letters; spelling variants spelled out), and normalizes only the
words there. A
stretch of text holding Arabic presentation forms (ligatures, or letters
that normalize to several) takes the exact path: its whole normalized view. Snippets read the
text a stretch at a time from the top, where most first matches are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalize import NormalizedText, _tables, normalize
from ..tokens import clitic_candidates
from .query import Term

_WORD = re.compile(r"\w+")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_SPACE = re.compile(r"\s")


#: What the letters normalization deletes become in the folded text (tatweel, deleted itself).
_GAP = "\u0640"


@lru_cache(maxsize=1)
def _folding() -> tuple[dict[int, str], re.Pattern[str], list[tuple[str, str]]]:
    """A one-for-one folding of raw text (each letter to the letter it normalizes to, each
    deleted mark to :data:`_GAP`, so offsets do not move); a pattern finding the characters it
    cannot fold one for one (presentation forms, ligatures); the spelling variants."""
    table, _, _, variants = _tables()
    fold: dict[int, str] = {}
    multi = ""
    for code, repl in table.items():
        if repl == "":
            fold[code] = _GAP
        elif len(repl) == 1 and not _PRESENTATION.match(chr(code)):
            fold[code] = repl
        else:
            multi += chr(code)
    multi_pattern = re.compile("|".join(map(re.escape, multi)) if multi else r"(?!)")
    return fold, multi_pattern, sorted(variants.items())


def _raw_pattern(needle: str) -> str:
    """A pattern for every folded raw spelling of the normalized ``needle``: its letters with
    deleted marks allowed between them. A needle that shares letters with a spelling variant's
    canonical form (``امري`` and ``امريكي``) also finds every occurrence of the variant, whose
    normalized form may hold the needle: the exact check decides."""
    _, _, variants = _folding()
    spellings = {needle}
    for variant, canonical in variants:
        if canonical in needle:
            spellings |= {s.replace(canonical, variant) for s in spellings}
        elif any(canonical[i:i + 2] in needle for i in range(len(canonical) - 1)):
            spellings.add(variant)
    gap = re.escape(_GAP) + "*"
    return "|".join(gap.join(map(re.escape, s)) for s in sorted(spellings))


@lru_cache(maxsize=256)
def _needles(needles: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns finding ``needles`` in normalized text and in folded raw text (kept for
    repeated queries)."""
    ordered = sorted(needles, key=len, reverse=True)
    return (re.compile("|".join(map(re.escape, ordered))),
            re.compile("|".join(_raw_pattern(n) for n in ordered)))


class Matcher:
    """The matches of a query's positive terms in a text (raw offsets)."""

    def __init__(self, groups: list[list[Term]]) -> None:
        self.wanted: set[str] = set()
        self.prefixes: list[str] = []
        self.phrases: list[list[str]] = []
        for term in (t for g in groups for t in g if not t.negated):
            if len(term.words) > 1:
                self.phrases.append(term.words)
            elif term.prefix:
                self.prefixes.append(term.words[0])
            else:
                self.wanted.add(term.words[0])
        # A word can only match if it contains a query word (a reading is the word, a suffix of
        # it, or ال + a suffix).
        needles = {*self.wanted, *self.prefixes, *(p[0] for p in self.phrases)}
        needles |= {w[2:] for w in needles if w.startswith("ال") and len(w) > 2}
        self.needle: re.Pattern[str] | None = None
        self.raw_needle: re.Pattern[str] | None = None
        if needles:
            self.needle, self.raw_needle = _needles(tuple(sorted(needles)))
        # Words after a candidate that a phrase may need (punctuation tokens hold no word).
        self.reach = 2 * max((len(p) for p in self.phrases), default=1)

    def offsets(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Raw ``(start, end)`` of every match inside ``text[start:end]`` (cut at spaces)."""
        end = len(text) if end is None else end
        if self.raw_needle is None or start >= end:
            return []
        region = text[start:end]
        fold, multi, _ = _folding()
        if multi.search(region):
            return self._exact(normalize(region), start)
        out: set[tuple[int, int]] = set()
        done_upto = -1
        for m in self.raw_needle.finditer(region.translate(fold)):
            if m.start() < done_upto:
                continue
            token_start = _space_before(region, m.start())
            token_end = _space_after(region, m.end())
            window_end = _tokens_after(region, token_end, self.reach)
            view = normalize(region[token_start:window_end])
            out.update((s + start + token_start, e + start + token_start)
                       for s, e in self._matches(view, limit=token_end - token_start))
            done_upto = token_end
        return sorted(out)

    def _exact(self, view: NormalizedText, shift: int) -> list[tuple[int, int]]:
        if self.needle is None or not self.needle.search(view.text):
            return []
        return sorted({(s + shift, e + shift) for s, e in self._matches(view, limit=view.raw_length)})

    def _matches(self, view: NormalizedText, limit: int) -> list[tuple[int, int]]:
        """Matches of the words of ``view`` that start before raw offset ``limit``."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(view.text)]
        out = []
        for i, (ws, we, word) in enumerate(words):
            if view.starts[ws] >= limit:
                break
            readings = [word, *(stem for _, stem in clitic_candidates(word)[1:])]
            if any(r in self.wanted for r in readings) or any(
                    r.startswith(p) for r in readings for p in self.prefixes):
                out.append(view.raw_span(ws, we))
            for phrase in self.phrases:
                if [w[2] for w in words[i : i + len(phrase)]] == phrase:
                    out.append(view.raw_span(ws, words[i + len(phrase) - 1][1]))
        return out

    def first(self, text: str, chunk: int = 400, overlap: int = 200) -> tuple[int, int] | None:
        """The first match, reading ``text`` a stretch at a time, each twice as long as the one
        before (most matches are near the top: the headline, the lead)."""
        found = self._first(text, chunk, overlap)
        return found[0][0] if found else None

    def _first(self, text: str, chunk: int,
               overlap: int) -> tuple[list[tuple[int, int]], int, int] | None:
        """The matches of the first stretch that has any, and that stretch's bounds."""
        pos = 0
        while pos < len(text):
            end = _space_after(text, pos + chunk)
            found = self.offsets(text, pos, end)
            if found:
                return found, pos, end
            if end >= len(text):
                return None
            pos = _space_after(text, max(pos + 1, end - overlap))
            chunk *= 2
        return None

    def snippet(self, text: str, width: int = 240) -> tuple[str, list[tuple[int, int]]]:
        """A window of ``text`` around its first match, and the matches inside it (snippet offsets)."""
        found = self._first(text, 400, 200)
        start = max(0, found[0][0][0] - width // 3) if found else 0
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < start + 30 else start
        end = min(len(text), start + width)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start + width // 2 else end
        prefix, suffix = ("… " if start else ""), (" …" if end < len(text) else "")
        shift = len(prefix) - start
        matches: list[tuple[int, int]] = []
        if found:
            lo, hi = _space_before(text, start), _space_after(text, end)
            # The stretch already read holds the window's words whole: its matches are the window's.
            matches = found[0] if found[1] <= lo and hi <= found[2] else self.offsets(text, lo, hi)
        inside = [(s + shift, e + shift) for s, e in matches if s >= start and e <= end]
        return prefix + text[start:end].replace("\n", " ") + suffix, inside


def _space_after(text: str, pos: int) -> int:
    """The first whitespace at or after ``pos`` (the end of the text if none), so no word is cut."""
    if pos >= len(text):
        return len(text)
    m = _SPACE.search(text, pos)
    return len(text) if m is None else m.start()


def _space_before(text: str, pos: int) -> int:
    """The start of the word holding ``pos`` (just after the whitespace before it)."""
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


@lru_cache(maxsize=16)
def _next_tokens(count: int) -> re.Pattern[str]:
    return re.compile(rf"(?:\s+\S+){{0,{count}}}")


def _tokens_after(text: str, pos: int, count: int) -> int:
    """The end of the ``count``-th whitespace-separated token after ``pos``."""
    m = _next_tokens(count).match(text, pos)
    return pos if m is None else m.end()


__all__ = ["Matcher"]
