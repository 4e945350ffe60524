"""Latin transliteration of Arabic names that the knowledge base does not know.

Each token is looked up in a dictionary of name tokens (``rasd/models/
translit.json.gz``, about 55k tokens, built by ``scripts/build_kb.py`` from
the Wikidata NETransliteration pairs (CC0), google/transliteration ar2en
(Apache-2.0), arabnamer (CC BY 4.0, Yousef 2026) and name-variants (MIT));
the spelling news use most wins (see ``build_translit``); a name with the article
keeps it as ``al-`` (``الحسين`` -> ``al-Hussein``). A token the dictionary lacks (after
trying it without its article or proclitic) is spelled letter by letter.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

from ..errors import LexiconError
from ..tokens import clitic_candidates
from .kb import key

TRANSLIT_FILE = "translit.json.gz"
_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ء": "'", "ئ": "'", "ؤ": "'",
}
_VOWEL_AFTER = {"و": "u", "ي": "i", "ا": "a"}
#: Name particles spelled by convention, not by the dictionary.
_PARTICLES = {"عبد": "Abdul", "بن": "bin", "ابن": "ibn", "ابو": "Abu", "ام": "Umm", "ال": "al"}


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    try:
        raw = resources.files("rasd").joinpath("models", TRANSLIT_FILE).read_bytes()
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise LexiconError(f"cannot load {TRANSLIT_FILE}: {exc}; run scripts/build_kb.py") from exc
    if not isinstance(data, dict) or not data:
        raise LexiconError(f"{TRANSLIT_FILE} must be a non-empty object")
    return data


def spell(token: str) -> str:
    """Letter-by-letter spelling of a normalized token (long vowels as vowels)."""
    out = []
    for i, ch in enumerate(token):
        if i == 0 and ch in "عءئ":
            out.append("a")
        elif ch in _VOWEL_AFTER and i > 0:
            out.append(_VOWEL_AFTER[ch] if ch != "ا" else "a")
        elif ch == "ه" and i == len(token) - 1 and i > 0:
            out.append("a")
        else:
            out.append(_LETTERS.get(ch, ""))
    return "".join(out).strip("'")


def token(norm: str) -> str:
    """Latin form of one normalized name token."""
    if norm in _PARTICLES:
        return _PARTICLES[norm]
    if norm == "عبدالله":
        return "Abdullah"
    table = _dictionary()
    hit = table.get(norm)
    if hit and not norm.startswith("ال"):
        return hit.capitalize()
    if norm.startswith("عبد") and len(norm) > 5:  # عبدالرحمن -> Abdul Rahman
        return "Abdul " + token(norm[3:].removeprefix("ال"))
    if norm.startswith("ال") and len(norm) > 3:  # الحسين -> al-Hussein (news keep the article)
        stem = norm[2:]
        return "al-" + (table.get(stem) or table.get(norm) or spell(stem)).capitalize()
    for _prefix, stem in clitic_candidates(norm)[1:]:
        if stem in table:
            return table[stem].capitalize()
    return spell(norm).capitalize()


def transliterate(name: str) -> str:
    """Latin transliteration of an Arabic name (``مسعود معلوف`` -> ``Masoud Maalouf``)."""
    words = key(name).split()
    out = []
    i = 0
    while i < len(words):
        if words[i] == "عبد" and i + 1 < len(words):  # عبد الله -> Abdullah, عبد الرحمن -> Abdul Rahman
            rest = words[i + 1]
            out.append(token("عبد" + rest) if rest == "الله" else "Abdul " + token(rest.removeprefix("ال")))
            i += 2
            continue
        if i + 1 < len(words) and words[i + 1] == "الله":  # نصر الله -> Nasrallah
            out.append(token(words[i]) + "allah")
            i += 2
            continue
        out.append(token(words[i]))
        i += 1
    return " ".join(out)
