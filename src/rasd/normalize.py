"""The normalized view of a text, with an offset map back to the raw text.

Matching runs on a normalized form: no diacritics, tatweel or invisible
marks; unified alef, ya and ta marbuta; Western digits; presentation forms
unfolded; spelling variants such as ``أميركي``/``أمريكي`` unified. The raw
text is never overwritten: :class:`NormalizedText` keeps, for every
normalized character, the raw offsets it came from, so a match found in the
normalized view maps back to the exact raw words.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load


@dataclass(frozen=True)
class NormalizedText:
    """``text`` is the normalized string; ``starts[i]``/``ends[i]`` the raw
    offsets of the raw characters that produced normalized character ``i``."""

    text: str
    starts: array
    ends: array
    raw_length: int

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized ``[start, end)`` to raw offsets."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"normalized span {start}..{end} out of range")
        if start == end:
            pos = self.starts[start] if start < len(self.text) else self.raw_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def norm_offset(self, raw: int) -> int:
        """The first normalized position whose raw start is at or after ``raw``."""
        from bisect import bisect_left

        return bisect_left(self.starts, raw)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], re.Pattern[str] | None, dict[str, str]]:
    charmap = load("charmap")
    table: dict[str, str] = {}
    for chars in charmap["delete"].values():
        for ch in chars:
            table[ch] = ""
    table.update(charmap["map"])
    pairs = load("variants")["infix"]
    variants = {v: c for v, c in pairs}
    pattern = re.compile("|".join(sorted(map(re.escape, variants), key=len, reverse=True)))
    return table, pattern, variants


def _char(ch: str, table: dict[str, str]) -> str:
    mapped = table.get(ch)
    if mapped is not None:
        return mapped
    code = ord(ch)
    # Arabic presentation forms (ligatures such as U+FEFB lam-alef) unfold.
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        unfolded = unicodedata.normalize("NFKC", ch)
        return "".join(table.get(c, c) for c in unfolded)
    return ch


def normalize(text: str) -> NormalizedText:
    """Build the normalized view of ``text`` with its offset map."""
    table, pattern, variants = _tables()
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    for i, ch in enumerate(text):
        mapped = _char(ch, table) if (ord(ch) > 0x7F) else ch
        for piece in mapped:
            out.append(piece)
            starts.append(i)
            ends.append(i + 1)
    norm = "".join(out)
    if pattern is not None and pattern.search(norm):
        norm, starts, ends = _apply_variants(norm, starts, ends, pattern, variants)
    return NormalizedText(norm, starts, ends, len(text))


def _apply_variants(norm: str, starts: array, ends: array, pattern: re.Pattern[str],
                    variants: dict[str, str]) -> tuple[str, array, array]:
    pieces: list[str] = []
    new_starts = array("l")
    new_ends = array("l")
    pos = 0
    for m in pattern.finditer(norm):
        pieces.append(norm[pos:m.start()])
        new_starts.extend(starts[pos:m.start()])
        new_ends.extend(ends[pos:m.start()])
        repl = variants[m.group()]
        pieces.append(repl)
        # Each replacement character maps to the whole matched raw stretch.
        raw_start, raw_end = starts[m.start()], ends[m.end() - 1]
        new_starts.extend([raw_start] * len(repl))
        new_ends.extend([raw_end] * len(repl))
        pos = m.end()
    pieces.append(norm[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(pieces), new_starts, new_ends


def normalize_str(text: str) -> str:
    """The normalized string alone (for lexicon entries and queries)."""
    return normalize(text).text
