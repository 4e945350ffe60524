"""Is this text Arabic? Script and letter statistics, no model download.

Arabic, Persian and Urdu share a script. Persian and Urdu use letters that
Arabic news never does (پ چ ژ گ and the Persian forms ی ک; Urdu ٹ ڈ ڑ ں ے ہ)
and rarely use Arabic's ي ك ة. A text is Arabic when most of its letters
are in the Arabic script and the letters peculiar to Persian or Urdu stay
under a small share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERSIAN = frozenset("پچژگیک")
_URDU = frozenset("ٹڈڑںےہۓ")
_ARABIC_ONLY = frozenset("ةيكى")


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # ar | fa | ur | und | latin
    arabic_script_ratio: float
    persian_ratio: float
    letters: int


_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(
    "[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]")


def guess_language(text: str, max_persian_ratio: float = 0.02) -> LanguageGuess:
    """Guess between Arabic, Persian, Urdu, Latin-script and undetermined."""
    sample = text[:200_000]
    letters = len(_LETTER.findall(sample))
    arabic = len(_ARABIC_LETTER.findall(sample))
    persian = sum(sample.count(ch) for ch in _PERSIAN)
    urdu = sum(sample.count(ch) for ch in _URDU)
    arabic_only = sum(sample.count(ch) for ch in _ARABIC_ONLY)
    if letters == 0:
        return LanguageGuess("und", 0.0, 0.0, 0)
    script_ratio = arabic / letters
    foreign = (persian + urdu) / arabic if arabic else 0.0
    if arabic == 0 or script_ratio < 0.2:
        language = "latin" if letters else "und"
    elif foreign > max_persian_ratio and (persian + urdu) > arabic_only * 0.2:
        language = "ur" if urdu > persian else "fa"
    else:
        language = "ar"
    return LanguageGuess(language, round(script_ratio, 4), round(foreign, 4), letters)
