"""The casualty and speech lexicons, normalized and indexed for lookup.

Words are matched on a token's normalized form or on one of its clitic
readings (``والقتلى`` -> ``قتلى``), see :func:`forms`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..errors import LexiconError
from ..lexicon import load
from ..normalize import normalize_str
from ..tokens import clitic_candidates

CASUALTIES = "casualties_ar"


def _words(values: object, where: str) -> frozenset[str]:
    if not isinstance(values, list) or not values:
        raise LexiconError(f"{where} must be a non-empty list")
    return frozenset(normalize_str(str(v)) for v in values)


def _index(groups: object, where: str) -> dict[str, str]:
    """``{"killed": [words]}`` -> ``{word: "killed"}`` (first group wins)."""
    if not isinstance(groups, dict) or not groups:
        raise LexiconError(f"{where} must be a non-empty object")
    out: dict[str, str] = {}
    for group, words in groups.items():
        for word in _words(words, f"{where}.{group}"):
            out.setdefault(word, group)
    return out


@dataclass(frozen=True)
class CasualtyLexicon:
    nouns: dict[str, str]
    triggers: dict[str, str]
    after_verbs: dict[str, str]
    who: dict[str, str]
    person: frozenset[str]
    militant_markers: frozenset[str]
    org_who: dict[str, str]
    ranks: frozenset[str]
    subset_cues: frozenset[str]
    negations: frozenset[str]
    hypothetical: frozenset[tuple[str, ...]]
    cumulative: frozenset[str]
    since: frozenset[str]
    sources: frozenset[str]
    release: frozenset[str]
    function_words: frozenset[str]
    duals: dict[str, tuple[str | None, str | None]]


@cache
def casualty_lexicon() -> CasualtyLexicon:
    d = load(CASUALTIES)
    duals = {normalize_str(w): (v[0], v[1]) for w, v in d["duals"].items() if " " not in w}
    return CasualtyLexicon(
        nouns=_index(d["nouns"], "nouns"),
        triggers=_index(d["triggers"], "triggers"),
        after_verbs=_index(d["after_verbs"], "after_verbs"),
        who=_index(d["who_words"], "who_words"),
        person=_words(d["person_words"], "person_words"),
        militant_markers=_words(d["militant_markers"], "militant_markers"),
        org_who=_index(d["org_who"], "org_who"),
        ranks=_words(d["ranks"], "ranks"),
        subset_cues=_words(d["subset_cues"], "subset_cues"),
        negations=_words(d["negations"], "negations"),
        hypothetical=frozenset(tuple(w.split()) for w in _words(d["hypothetical"], "hypothetical")),
        cumulative=_words(d["cumulative_cues"], "cumulative_cues"),
        since=_words(d["since_cues"], "since_cues"),
        sources=_words(d["source_cues"], "source_cues"),
        release=_words(d["release_cues"], "release_cues"),
        function_words=_words(d["function_words"], "function_words"),
        duals=duals,
    )


@cache
def forms(norm: str) -> tuple[str, ...]:
    """The surface and the clitic-stripped stems of a normalized word."""
    out = [stem for _, stem in clitic_candidates(norm)]
    return tuple(dict.fromkeys(out))


def lookup(norm: str, table: dict[str, str] | frozenset[str]) -> str | None:
    """The entry of ``table`` matching ``norm`` or one of its stems (the word itself
    for a set), or None."""
    for form in forms(norm):
        if form in table:
            return table[form] if isinstance(table, dict) else form
    return None
