"""Scoring helpers shared by the evaluation scripts and the evaluation gates in tests."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

_WORD = re.compile(r"\w+")


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def word_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Bag-of-words precision/recall/F1: multiset overlap of ``\\w+`` tokens."""
    p, g = Counter(_WORD.findall(predicted)), Counter(_WORD.findall(gold))
    return prf(sum((p & g).values()), sum(p.values()), sum(g.values()))


def sha256_file(path: Path) -> str:
    """Hash pinned beside an evaluation floor, so editing gold cannot move a score unnoticed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
