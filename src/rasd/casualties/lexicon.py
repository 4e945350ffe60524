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
    dual_forms: frozenset[str]
    person_stems: dict[str, frozenset[str]]
    broken_plurals: dict[str, str]
    nisba_not_person: frozenset[str]
    not_single: frozenset[str]
    dual_markers: frozenset[str]
    agent_words: frozenset[str]
    time_words: frozenset[str]
    not_realized: frozenset[str]
    verdict_cues: frozenset[str]
    carried_out: frozenset[str]
    one_of: frozenset[str]
    running_total: frozenset[str]
    to_words: frozenset[str]
    disease_cues: frozenset[str]
    clause_stops: frozenset[str]
    casualty_cases: frozenset[str]
    yield_words: frozenset[str]
    executions: frozenset[str]
    singular_nouns: dict[str, str]
    demand_cues: frozenset[str]
    after_cues: frozenset[str]
    figure_only: frozenset[str]
    injury_causes: frozenset[str]
    pronoun_not: frozenset[str]
    not_person: frozenset[str]
    displacement_places: frozenset[str]
    expulsion: frozenset[str]
    death_words: frozenset[str]
    disease_words: frozenset[str]
    missing_after: frozenset[tuple[str, ...]]
    verbal_nouns: frozenset[str]
    sport_words: frozenset[str]
    weapons: frozenset[str]
    bodies: frozenset[str]
    handover: frozenset[str]
    victim_of: frozenset[str]
    victim_verbs: frozenset[str]
    restating: frozenset[str]
    agent_markers: frozenset[tuple[str, ...]]
    time_units: frozenset[str]
    subject_pronouns: frozenset[str]
    kin: frozenset[str]
    suspension: frozenset[str]


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
        dual_forms=frozenset(duals),
        person_stems={k: _words(v, f"person_stems.{k}") for k, v in d["person_stems"].items()},
        broken_plurals={normalize_str(k): normalize_str(v) for k, v in d["broken_plurals"].items()},
        nisba_not_person=_words(d["nisba_not_person"], "nisba_not_person"),
        not_single=_words(d["not_single"], "not_single"),
        dual_markers=_words(d["dual_markers"], "dual_markers"),
        agent_words=_words(d["agent_words"], "agent_words"),
        time_words=_words(d["time_words"], "time_words"),
        not_realized=_words(d["not_realized"], "not_realized"),
        verdict_cues=_words(d["verdict_cues"], "verdict_cues"),
        carried_out=_words(d["carried_out_cues"], "carried_out_cues"),
        one_of=_words(d["one_of"], "one_of"),
        running_total=_words(d["running_total"], "running_total"),
        to_words=_words(d["to_words"], "to_words"),
        disease_cues=_words(d["disease_cues"], "disease_cues"),
        clause_stops=_words(d["clause_stops"], "clause_stops"),
        casualty_cases=_words(d["casualty_cases"], "casualty_cases"),
        yield_words=_words(d["yield_words"], "yield_words"),
        executions=_words(d["executions"], "executions"),
        singular_nouns=_index(d["singular_nouns"], "singular_nouns"),
        demand_cues=_words(d["demand_cues"], "demand_cues"),
        after_cues=_words(d["after_cues"], "after_cues"),
        figure_only=_words(d["figure_only"], "figure_only"),
        injury_causes=_words(d["injury_causes"], "injury_causes"),
        pronoun_not=_words(d["pronoun_not"], "pronoun_not"),
        not_person=_words(d["not_person"], "not_person"),
        displacement_places=_words(d["displacement_places"], "displacement_places"),
        expulsion=_words(d["expulsion"], "expulsion"),
        death_words=_words(d["death_words"], "death_words"),
        disease_words=_words(d["disease_words"], "disease_words"),
        missing_after=frozenset(tuple(w.split()) for w in _words(d["missing_after"], "missing_after")),
        verbal_nouns=_words(d["verbal_nouns"], "verbal_nouns"),
        sport_words=_words(d["sport_words"], "sport_words"),
        weapons=_words(d["weapons"], "weapons"),
        bodies=_words(d["bodies"], "bodies"),
        handover=_words(d["handover"], "handover"),
        victim_of=_words(d["victim_of"], "victim_of"),
        victim_verbs=_words(d["victim_verbs"], "victim_verbs"),
        restating=_words(d["restating"], "restating"),
        agent_markers=frozenset(tuple(w.split()) for w in _words(d["agent_markers"], "agent_markers")),
        time_units=_words(d["time_units"], "time_units"),
        subject_pronouns=_words(d["subject_pronouns"], "subject_pronouns"),
        kin=_words(d["kin"], "kin"),
        suspension=_words(d["suspension_after"], "suspension_after"),
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
