"""Training and document-split cross-validation of the event-report check (issue 11).

Shared by ``scripts/train_event_detector.py`` (the model rasd ships) and
``eval/eval_events.py`` (the figures reported). Each labelled sentence (eval/events_data.py)
is analysed by the real pipeline; for each family the rules found a candidate of with
realis ``actual`` or ``reported-as-claim`` (what users could get), the sentence's features
(:func:`rasd.events.assemble.info_features`) become one example labelled by the gold label
of that family. A family the rules did not find in a sentence is a miss the check cannot
repair: it counts as a negative prediction.

The model is a logistic regression (scikit-learn, L2) over family-specific copies of every
feature and a shared copy of the family-independent ones (``rasd.events.classify``), fitted
on soft labels: a GSR sentence is a report with the share of its annotators who accepted it
(GSR ``yes`` needs all of them; a 2-of-4 ``difficult no`` counts half), a sentence of the
adjudicated report set with 1 or 0. The
threshold of each family is the one that maximises F1 over out-of-fold scores of a 5-fold
cross-validation split by document; :func:`nested_cv` repeats that inside each of 5 outer
folds, so a reported figure never uses the rows its threshold or weights were fitted on.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from events_data import Item
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from rasd.errors import InputError
from rasd.events.classify import FAMILIES, SHARED_PREFIXES, family
from rasd.events.detect import SCREEN_FLAGS
from rasd.model import Article

TRAINED = ("PROTEST", "ASSAULT", "ARREST", "AGREE")
COUNTED = frozenset({"actual", "reported-as-claim"})
FOLDS = 5
C = 0.3  # inverse L2 strength (0.1-1.0 gave the same cross-validated F1 within 0.02)
REPEATS = 3  # inner cross-validations averaged for the out-of-fold scores
PLATEAU = 0.01  # mean F1 below the best that still counts as the best


@dataclass
class Unit:
    """One (item, family) the rules found a counted candidate of: the union of the
    features of the item's sentences that hold one, and the gold label."""

    item: str
    doc: str
    source: str
    family: str
    feats: list[str]
    label: int | None  # None: the item has no label for the family
    agreement: float = 0.0  # share of annotators who said it reports the event (the soft label)
    rules: bool = False  # the rules alone keep it: a counted candidate no screening flag doubts


@dataclass
class Sample:
    item: Item
    units: dict[str, Unit] = field(default_factory=dict)  # family -> unit


def analyse(item: Item, article: Article | None = None) -> Sample:
    """The item's units, from ``article`` (analysed without the events component) or from
    a fresh analysis of its text."""
    from rasd.events.assemble import _families, analyse_sentences, info_features

    sample = Sample(item)
    if article is None:
        article = _pre_events(item.text)
    if article is None:
        return sample
    feats: dict[str, set[str]] = {}
    rules: set[str] = set()
    for info in analyse_sentences(article):
        counted = [c for c in info.candidates if c.realis in COUNTED]
        for fam in {f for c in counted for f in _families(info, c)}:
            feats.setdefault(fam, set()).update(info_features(info, fam))
        rules |= {family(c) for c in counted if not c.flags & SCREEN_FLAGS}
    for fam, fs in feats.items():
        sample.units[fam] = Unit(item.id, item.doc, item.source, fam, sorted(fs), item.labels.get(fam),
                                 item.agreement.get(fam, float(item.labels.get(fam) or 0)), fam in rules)
    return sample


def _pre_events(text: str) -> Article | None:
    from rasd.api import analyze
    from rasd.pipeline import DEFAULT_PIPELINE
    from rasd.settings import Settings

    try:
        return analyze(text.encode("utf-8"), settings=Settings(min_chars=1, on_error="raise"),
                       pipeline=tuple(n for n in DEFAULT_PIPELINE if n != "ar.events.v1"))
    except InputError:
        return None


def fold_of(doc: str, k: int = FOLDS, salt: str = "") -> int:
    """A document's fold (sha1 of its id): every sentence of a document is in one fold."""
    return int(hashlib.sha1((salt + doc).encode("utf-8")).hexdigest(), 16) % k


# -- the model ------------------------------------------------------------------------
def _columns(unit: Unit) -> list[str]:
    own = [f"{unit.family}|{f}" for f in unit.feats]
    return own + [f"S|{f}" for f in unit.feats if f.startswith(SHARED_PREFIXES)]


def fit(units: list[Unit], c: float = C, min_count: int = 2) -> dict[str, Any]:
    """Weights ``{"weights": {family: {feat: w}}, "shared": {feat: w}}`` fitted on the
    labelled ``units``."""
    data = [u for u in units if u.label is not None]
    counts: dict[str, int] = {}
    for u in data:
        for col in _columns(u):
            counts[col] = counts.get(col, 0) + 1
    vocab = sorted(col for col, n in counts.items() if n >= min_count)
    index = {col: i for i, col in enumerate(vocab)}
    rows, cols = [], []
    for r, u in enumerate(data):
        for col in _columns(u):
            if col in index:
                rows.append(r)
                cols.append(index[col])
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(data), len(vocab)))
    # soft labels: each sentence counts as a report with the weight of the annotators who
    # accepted it and as no report with the weight of those who did not (GSR accept/total;
    # the adjudicated report set: 1 or 0)
    agree = np.array([u.agreement for u in data])
    y = np.concatenate([np.ones(len(data)), np.zeros(len(data))])
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=2000, fit_intercept=False)
    clf.fit(sparse.vstack([x, x]), y, sample_weight=np.concatenate([agree, 1 - agree]))
    out: dict[str, Any] = {"weights": {f: {} for f in TRAINED}, "shared": {}}
    for col, w in zip(vocab, clf.coef_[0], strict=True):
        if abs(w) < 1e-3:
            continue
        fam, feat = col.split("|", 1)
        (out["shared"] if fam == "S" else out["weights"][fam])[feat] = round(float(w), 4)
    return out


def raw_score(model: dict[str, Any], unit: Unit) -> float:
    own = model["weights"].get(unit.family, {})
    shared = model["shared"]
    z = sum(own.get(f, 0.0) + shared.get(f, 0.0) for f in unit.feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# -- thresholds and cross-validation ---------------------------------------------------
def oof_scores(units: list[Unit], c: float = C, repeats: int = REPEATS) -> dict[int, float]:
    """Out-of-fold raw scores (by ``id(unit)``) of document-split cross-validations, the
    mean over ``repeats`` different splits (a steadier base for choosing a threshold)."""
    out: dict[int, float] = {}
    for r in range(repeats):
        salt = f"inner{r}"
        for k in range(FOLDS):
            model = fit([u for u in units if fold_of(u.doc, salt=salt) != k], c)
            for u in units:
                if fold_of(u.doc, salt=salt) == k:
                    out[id(u)] = out.get(id(u), 0.0) + raw_score(model, u) / repeats
    return out


def thresholds(units: list[Unit], c: float = C, sources: tuple[str, ...] = ("gsr", "report")
               ) -> dict[str, float]:
    """Per family, the threshold over out-of-fold scores (split by document) that maximises
    the mean F1 of the labelled sets of ``sources`` that have positives of the family: the
    GSR (a report only when every annotator accepted it) and the report set (the project's
    guideline, real news of 2015-2025) count the same, whatever their sizes."""
    oof = oof_scores(units, c)
    out = {}
    for fam in TRAINED:
        groups = [[(oof[id(u)], int(u.label)) for u in units
                   if u.family == fam and u.label is not None and u.source == src] for src in sources]
        groups = [g for g in groups if any(y for _s, y in g)]
        if groups:  # a family without labelled positives gets no threshold
            out[fam] = best_threshold_mean(groups)
    return out


def _f1_at(pairs: list[tuple[float, int]], t: float) -> float:
    tp = sum(1 for s, y in pairs if s >= t and y)
    fp = sum(1 for s, y in pairs if s >= t and not y)
    fn = sum(1 for s, y in pairs if s < t and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_threshold_mean(groups: list[list[tuple[float, int]]]) -> float:
    """The threshold that maximises the mean F1 over ``groups``: the median of the cuts
    within ``PLATEAU`` of the best mean F1 (the middle of the plateau, not its noisy edge)."""
    cuts = sorted({s for g in groups for s, _y in g})
    scored = [(sum(_f1_at(g, t) for g in groups) / len(groups), t) for t in cuts]
    top = max(f for f, _t in scored)
    near = [t for f, t in scored if f >= top - PLATEAU]
    return near[len(near) // 2]


def train(units: list[Unit], c: float = C) -> dict[str, Any]:
    """The shipped form: weights fitted on every unit, and per family the offset that puts
    the cross-validated threshold at 0.5. A family without labelled data gets no threshold
    (the events component then gives its events no confidence) and the mean offset."""
    model = fit(units, c)
    thr = thresholds(units, c)
    offsets = {fam: round(-math.log(t / (1 - t)), 4) for fam, t in thr.items()}
    for fam in FAMILIES:
        offsets.setdefault(fam, round(sum(offsets.values()) / len(offsets), 4))
    model.update({"form": 2, "offsets": offsets, "thresholds": {k: round(v, 4) for k, v in thr.items()}})
    assert set(model["offsets"]) == set(FAMILIES)
    return model


def nested_cv(samples: list[Sample], c: float = C, sources: tuple[str, ...] = ("gsr", "report")
              ) -> dict[str, dict[str, bool]]:
    """Held-out predictions: per item, per family, whether the output users get (rules +
    check at a threshold chosen inside the training folds) reports the family."""
    preds: dict[str, dict[str, bool]] = {}
    for k in range(FOLDS):
        train_units = [u for s in samples if fold_of(s.item.doc) != k for u in s.units.values()]
        model = fit(train_units, c)
        thr = thresholds(train_units, c, sources)
        for s in samples:
            if fold_of(s.item.doc) != k:
                continue
            preds[s.item.id] = {
                fam: fam in s.units and fam in thr and raw_score(model, s.units[fam]) >= thr[fam]
                for fam in TRAINED}
    return preds
