"""Helpers shared by the evaluation, benchmark and training scripts and the evaluation gates
in tests: scores, gold-file hashes, and where the large shared data lives."""

from __future__ import annotations

import hashlib
import os
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


def shared_data() -> Path:
    """The large data (``../shared/data`` beside the project checkout), or ``$RASD_SHARED_DATA``.

    Scripts check that the folder they need exists and say so when it does not.
    """
    env = os.environ.get("RASD_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"
