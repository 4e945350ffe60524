"""Reading CoNLL-style NER data and the fixed train/dev split.

ANERcorp has no sentence boundaries: a sentence ends at a ``.`` token. The
development split is deterministic: sentences are grouped in consecutive
blocks of :data:`DEV_BLOCK` (roughly a few articles each, so names seen in one
article do not leak between the splits), and every :data:`DEV_EVERY`-th block
(``block % DEV_EVERY == DEV_EVERY - 1``) is held out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..metrics import shared_data

DEV_BLOCK = 40
DEV_EVERY = 10
Sentence = list[tuple[str, str]]  # (token, tag)


def anercorp_path() -> Path:
    return shared_data() / "ner" / "anercorp-train" / "ANERCorp.train.txt"


def read_conll(lines: Iterable[str], split_on_period: bool = False) -> Iterator[Sentence]:
    """Sentences of ``(token, tag)``; blank lines separate sentences, and with
    ``split_on_period`` a ``.`` token ends one too. Malformed lines are skipped."""
    sent: Sentence = []
    for line in lines:
        parts = line.strip().replace("\u200f", "").replace("\u200e", "").split()
        if not parts:
            if sent:
                yield sent
                sent = []
            continue
        if len(parts) != 2:
            continue
        token, tag = parts
        sent.append((token, tag))
        if split_on_period and token == ".":
            yield sent
            sent = []
    if sent:
        yield sent


def load_anercorp(path: Path | None = None) -> list[Sentence]:
    path = path or anercorp_path()
    with path.open(encoding="utf-8") as fh:
        return list(read_conll(fh, split_on_period=True))


def common_words(sentences: list[Sentence], min_count: int = 3, min_o_rate: float = 0.97) -> set[str]:
    """Normalized words that are almost never part of an entity in ``sentences``."""
    from collections import Counter

    from ..normalize import normalize_str

    total: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    for sent in sentences:
        for word, label in sent:
            norm = normalize_str(word)
            total[norm] += 1
            outside[norm] += label == "O"
    return {w for w, n in total.items() if n >= min_count and outside[w] / n >= min_o_rate}


def is_dev(index: int, fold: int = DEV_EVERY - 1) -> bool:
    return (index // DEV_BLOCK) % DEV_EVERY == fold


def split(sentences: list[Sentence], fold: int = DEV_EVERY - 1) -> tuple[list[Sentence], list[Sentence]]:
    """``(train, dev)`` by the fixed block rule; ``fold`` picks another held-out tenth
    (cross-validation only: the development split is the default fold)."""
    train = [s for i, s in enumerate(sentences) if not is_dev(i, fold)]
    dev = [s for i, s in enumerate(sentences) if is_dev(i, fold)]
    return train, dev
