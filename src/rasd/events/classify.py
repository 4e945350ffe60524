"""A tiny logistic-regression check on sentence-level PROTEST / ASSAULT detection.

The trigger rules find nearly every protest or assault sentence but also many
sentences that only mention protesters or violence. This model, trained on the
80% training split of the Arabic event GSR development portion
(``scripts/train_event_detector.py``), scores a sentence from its words (clitics
and article stripped) and from what the rules found (trigger kinds and terms,
realis, figures, places, dates). Weights live in ``data/events_detector.json``;
an absent model scores nothing (``None``) and the rules stand alone.
"""

from __future__ import annotations

import math
import re
from functools import cache
from itertools import pairwise
from typing import Any

from ..errors import LexiconError
from ..lexicon import load
from .detect import Candidate
from .text import SentenceView

_WORD = re.compile(r"[^\W\d_]{2,}")
_PREFIX = re.compile(r"^(?:[وف])?(?:[بكل])?(?:ال|لل)")


def stem(word: str) -> str:
    """A light stem: proclitics and the article off, a few endings off."""
    w = _PREFIX.sub("", word) if len(word) > 4 else word
    for suf in ("ات", "ون", "ين", "ها", "هم", "ه", "ي", "ا"):
        if len(w) > 4 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def features(
    view: SentenceView, cands: list[Candidate], n_figures: int, n_places: int, n_dates: int
) -> list[str]:
    words = [stem(w) for w in _WORD.findall(view.text)]
    out = [f"w:{w}" for w in set(words)]
    out += [f"b:{a}_{b}" for a, b in set(pairwise(words))]
    for c in cands:
        out.append(f"k:{c.kind}")
        out.append(f"kr:{c.kind}:{c.realis}")
        out.append(f"t:{stem(view.text[c.trigger.start : c.trigger.end].split()[0])}")
        out.append(f"p:{c.spec.plover}:{c.realis}")
    out.append(f"fig:{min(n_figures, 2)}")
    out.append(f"place:{min(n_places, 2)}")
    out.append(f"date:{min(n_dates, 1)}")
    out.append(f"len:{min(len(words) // 10, 5)}")
    out.append("bias")
    return out


@cache
def model() -> dict[str, Any] | None:
    try:
        data = load("events_detector")
    except LexiconError:
        return None
    return data


def score(feats: list[str], etype: str) -> float | None:
    """P(sentence reports an event of PLOVER type ``etype``), or None without a model."""
    m = model()
    if m is None or etype not in m["weights"]:
        return None
    w = m["weights"][etype]
    z = sum(w.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def threshold(etype: str) -> float:
    m = model()
    return float(m["thresholds"].get(etype, 0.5)) if m else 0.0


def train(
    examples: list[tuple[list[str], int]],
    epochs: int = 150,
    lr: float = 0.5,
    l2: float = 1e-3,
    min_count: int = 3,
) -> dict[str, float]:
    """Logistic regression by full-batch gradient descent, positives weighted up to
    balance the classes. Features seen fewer than ``min_count`` times are dropped."""
    counts: dict[str, int] = {}
    for feats, _y in examples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    keep = {f for f, c in counts.items() if c >= min_count} | {"bias"}
    data = [(sorted(f for f in set(feats) if f in keep), y) for feats, y in examples]
    pos = sum(y for _f, y in data) or 1
    wpos = (len(data) - pos) / pos
    weights: dict[str, float] = {}
    for _epoch in range(epochs):
        grad: dict[str, float] = {}
        for feats, y in data:
            z = sum(weights.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * (wpos if y else 1.0)
            for f in feats:
                grad[f] = grad.get(f, 0.0) + g
        n = len(data)
        for f, g in grad.items():
            w = weights.get(f, 0.0)
            weights[f] = w - lr * (g / n + (l2 * w if f != "bias" else 0.0))
    return {f: round(w, 3) for f, w in weights.items() if abs(w) >= 5e-3}
