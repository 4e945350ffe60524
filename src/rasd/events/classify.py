"""The trained check: does a sentence report that an event of a family happened?

The trigger rules (:mod:`.detect`) find candidates with high recall; most sentences that
only *mention* protesters or violence, cite an earlier event as background, react to an
event, deny, plan or threaten one are candidates too. This check gives every candidate a
``confidence``: the probability, under a logistic regression per event family, that its
sentence reports an event of that family happening (``report`` in
eval/guidelines/events.md; GSR ``yes``). Families: ``PROTEST`` (protests and riots),
``ASSAULT`` (PLOVER ASSAULT: battles, explosions, violence against civilians, looting),
``ARREST``, ``AGREE`` (agreements: ceasefires, truces, accords), and ``OTHER`` for the
other strategic developments (deployments, requests for troops, curfews, states of emergency,
embassy departures, orders to shoot), too few in the labelled data to train on.

Features (:func:`features`) come from the sentence as the component read it: light-stemmed
words and word pairs of the sentence and around the trigger, and what the rules and the
other layers found (trigger kinds and terms, verb or noun, realis, background and
running-total cues, reaction, legal and release words, flags of :mod:`.detect`, casualty
figures, places, dates, quotes). Family-specific weights use every feature; shared
weights, learned on all families, use only the family-independent ones (no words). A
family the model has no threshold for (no labelled data) is not scored: its events carry
no confidence, and the rules' screening flags decide whether they are candidates.

The model (``data/events_detector.json``) is trained by ``scripts/train_event_detector.py``
on the labelled sentences of eval/events_data.py; its per-family ``offset`` moves the
logit so that 0.5 is the operating point chosen on data split by document
(``event_threshold`` in settings). An absent model scores nothing (``None``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from ..errors import LexiconError
from ..lexicon import load
from .detect import CROWD, Candidate, background, is_verb
from .figures import Figure
from .text import SentenceView

FAMILIES = ("PROTEST", "ASSAULT", "ARREST", "AGREE", "OTHER")
_WORD = re.compile(r"[^\W\d_]{2,}")
_PREFIX = re.compile(r"^(?:[وف])?(?:[بكل])?(?:ال|لل)")
_CUES = ("reaction", "report_verb", "release", "legal", "future_plan", "date_cue", "pluperfect_aux")
#: Features that say nothing family-specific (no words): the shared part of the model.
SHARED_PREFIXES = ("r:", "fl:", "c:", "bg:", "fig", "place:", "date:", "q:", "len:", "pos:", "v:", "n:",
                   "bias")


def family(cand: Candidate) -> str:
    """The model family of a candidate (see the module docstring)."""
    spec = cand.spec
    if cand.kind in CROWD:
        return "PROTEST"
    if cand.kind == "arrest":
        return "ARREST"
    if spec.plover == "ASSAULT" and cand.kind not in ("shoot_to_kill_order",):
        return "ASSAULT"
    if cand.kind == "agreement":
        return "AGREE"
    return "OTHER"


def families(cand: Candidate, casualties: bool) -> tuple[str, ...]:
    """The families a candidate is scored for: its own, and for a riot or a protest with
    people killed or injured in its sentence ASSAULT too (eval/guidelines/events.md C1 and
    C17: a riot that hurts people, or force that kills or wounds protesters, reports both);
    its confidence is the higher score."""
    own = family(cand)
    return (own, "ASSAULT") if cand.kind in CROWD and casualties else (own,)


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """A light stem: proclitics and the article off, a few endings off."""
    w = _PREFIX.sub("", word) if len(word) > 4 else word
    for suf in ("ات", "ون", "ين", "ها", "هم", "ه", "ي", "ا"):
        if len(w) > 4 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def features(
    view: SentenceView,
    cands: list[Candidate],
    figures: list[Figure],
    *,
    n_places: int,
    n_dates: int,
    n_quotes: int = 0,
) -> list[str]:
    """The features of one sentence for one family: ``cands`` are the sentence's candidates
    of that family (see the module docstring for what is read)."""
    words = [stem(w) for w in _WORD.findall(view.text)]
    out = {f"w:{w}" for w in words} | {f"b:{a}_{b}" for a, b in pairwise(words)}
    for c in cands:
        out |= _candidate_features(view, c)
    for name in _CUES:
        if view.has(f"cue:{name}"):
            out.add(f"c:{name}")
    out |= _figure_features(view, figures, cands)
    out.add(f"place:{min(n_places, 2)}")
    out.add(f"date:{min(n_dates, 1)}")
    out.add(f"q:{min(n_quotes, 1)}")
    if "؟" in view.text or "?" in view.text:
        out.add("q:question")
    out.add(f"len:{min(len(words) // 8, 6)}")
    out.add(f"n:{min(len(cands), 3)}")
    out.add("bias")
    return sorted(out)


def _candidate_features(view: SentenceView, c: Candidate) -> set[str]:
    out = {f"k:{c.kind}", f"r:{c.realis}", f"kr:{c.kind}:{c.realis}"}
    out |= {f"fl:{f}" for f in c.flags}
    for t in c.triggers:
        first = view.text[t.start:t.end].split()
        if first:
            out.add(f"t:{stem(first[0])}")
    bg = background(view, c)
    if bg:
        out.add(f"bg:{bg}")
    if is_verb(view, c.trigger) or is_verb(view, c.trigger, "protest_verb"):
        word = view.first_word(c.trigger.start, c.trigger.end)
        form = view.text[word[0]:word[1]] if word else ""
        out.add("v:imperfect" if form[:1] in ("ي", "ت", "ن") else "v:perfect")
    if is_verb(view, c.trigger, "victim_verb"):
        out.add("v:victim")
    index = sum(1 for s, _e, _w in view.words if s < c.trigger.start)
    out.add(f"pos:{min(index, 4) if index < 4 else (5 if index < 10 else 6)}")
    cs = c.clause[0]
    for name in ("reaction", "report_verb", "legal", "release", "future_plan", "pluperfect_aux"):
        if view.has(f"cue:{name}", cs, c.trigger.start):
            out.add(f"c:{name}:before")
    ws = [w for w in view.words if w[1] <= c.trigger.start][-3:] + \
        [w for w in view.words if w[0] >= c.trigger.end][:3]
    out |= {f"tw:{stem(w)}" for _s, _e, w in ws}
    return out


def _figure_features(view: SentenceView, figures: list[Figure], cands: list[Candidate]) -> set[str]:
    out = {f"fig:{min(len(figures), 2)}"}
    for f in figures:
        out.add(f"fig:{f.kind}")
        if f.cumulative:
            out.add("fig:cumulative")
        if f.running_total:
            out.add("fig:running_total")
        if f.who:
            out.add(f"fig:who:{f.who}")
        if f.best is not None:
            out.add(f"fig:size:{min(len(str(f.best)), 5)}")
        if cands:
            gap = min(view.words_between(f.start, c.trigger.start) for c in cands)
            out.add(f"fig:gap:{min(gap, 6)}")
    return out


@cache
def model() -> dict[str, Any] | None:
    """The trained model, or None when its file is absent or of an older form."""
    try:
        data = load("events_detector")
    except LexiconError:
        return None
    return data if data.get("form") == 2 else None


def score(feats: Iterable[str], fam: str) -> float | None:
    """P(the sentence reports an event of family ``fam``), re-centred so that 0.5 is the
    operating point chosen on held-out documents; None without a model."""
    m = model()
    if m is None or fam not in m.get("thresholds", {}):
        return None  # no model, or a family it was never evaluated on: no confidence
    shared = m["shared"]
    own = m["weights"].get(fam, {})
    z = m["offsets"].get(fam, m["offsets"]["OTHER"])
    for f in feats:
        z += own.get(f, 0.0) + shared.get(f, 0.0)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
