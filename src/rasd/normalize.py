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
    starts: array[int]
    ends: array[int]
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
def _tables() -> tuple[dict[int, str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """The character table (ord -> replacement), a pattern finding the characters it
    changes, and the spelling-variant pattern with its replacements."""
    charmap = load("charmap")
    table: dict[str, str] = {}
    for chars in charmap["delete"].values():
        for ch in chars:
            table[ch] = ""
    table.update(charmap["map"])
    # Arabic presentation forms (ligatures such as U+FEFB lam-alef) unfold through NFKC.
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        ch = chr(code)
        unfolded = unicodedata.normalize("NFKC", ch)
        if unfolded != ch:
            table[ch] = "".join(table.get(c, c) for c in unfolded)
    changing = re.compile("[" + "".join(re.escape(c) for c in sorted(table)) + "]")
    pairs = load("variants")["infix"]
    variants = dict(pairs)
    pattern = re.compile("|".join(sorted(map(re.escape, variants), key=len, reverse=True)))
    return {ord(k): v for k, v in table.items()}, changing, pattern, variants


def normalize(text: str) -> NormalizedText:
    """Build the normalized view of ``text`` with its offset map.

    Unchanged runs are copied whole; only the characters the table changes are
    visited one by one.
    """
    table, changing, pattern, variants = _tables()
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    pos = 0
    for m in changing.finditer(text):
        i = m.start()
        if i > pos:
            out.append(text[pos:i])
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
        replacement = table[ord(text[i])]
        out.append(replacement)
        starts.extend([i] * len(replacement))
        ends.extend([i + 1] * len(replacement))
        pos = i + 1
    if pos < len(text):
        out.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    norm = "".join(out)
    if pattern.search(norm):
        norm, starts, ends = _apply_variants(norm, starts, ends, pattern, variants)
    return NormalizedText(norm, starts, ends, len(text))


def _apply_variants(norm: str, starts: array[int], ends: array[int], pattern: re.Pattern[str],
                    variants: dict[str, str]) -> tuple[str, array[int], array[int]]:
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
    """The normalized string alone (for lexicon entries and queries); same result as
    ``normalize(text).text`` without building the offset map."""
    table, _, pattern, variants = _tables()
    norm = text.translate(table)
    return pattern.sub(lambda m: variants[m.group()], norm)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the normalizer's tables (``charmap``, ``variants``): data normalized ahead
    of time (a model's gazetteer) is valid only while it matches."""
    import hashlib
    import json

    tables = json.dumps([load("charmap"), load("variants")], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(tables.encode("utf-8")).hexdigest()[:16]
