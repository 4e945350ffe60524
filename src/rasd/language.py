"""Is this text Arabic? Script and letter statistics, no model download.

Arabic, Persian and Urdu share a script. Persian and Urdu use letters that
Arabic news never does (پ چ ژ گ and the Persian forms ی ک; Urdu ٹ ڈ ڑ ں ے ہ)
and rarely use Arabic's ي ك ة. A text is Arabic when most of its letters
are in the Arabic script and the letters peculiar to Persian or Urdu stay
under a small share.
"""

from __future__ import annotations

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


def _is_arabic_letter(ch: str) -> bool:
    code = ord(ch)
    return (0x0620 <= code <= 0x064A or 0x066E <= code <= 0x06D3 or 0x06FA <= code <= 0x06FF
            or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFC)


def guess_language(text: str, max_persian_ratio: float = 0.02) -> LanguageGuess:
    """Guess between Arabic, Persian, Urdu, Latin-script and undetermined."""
    sample = text[:200_000]
    letters = arabic = persian = urdu = arabic_only = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        if _is_arabic_letter(ch):
            arabic += 1
            if ch in _PERSIAN:
                persian += 1
            elif ch in _URDU:
                urdu += 1
            elif ch in _ARABIC_ONLY:
                arabic_only += 1
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
