"""Reading CoNLL-style NER data and the fixed, honest train/dev split.

ANERcorp has no sentence boundaries (a sentence ends at a ``.`` token) and no
document markers. The development split holds out **long contiguous runs**:
:data:`RUNS` runs of :data:`RUN` consecutive sentences (several whole articles
each, about 10% of the corpus), and drops :data:`GUARD` sentences on each side
of a run from training so that an article cut by a run's edge does not sit on
both sides. Fold ``k`` (0-9) starts its runs at ``1000 * i + 100 * k``; the
development split is fold :data:`DEV_FOLD`. (Until issue #13 the split held out
interleaved 40-sentence blocks, which put the same stories and names on both
sides and overstated scores on new stories.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..metrics import shared_data

RUN = 100
RUNS = 4
RUN_STRIDE = 1000
GUARD = 15
DEV_FOLD = 4
FOLDS = 10
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


def fold_of(index: int, fold: int = DEV_FOLD) -> str:
    """``"dev"``, ``"guard"`` or ``"train"`` for sentence ``index`` under ``fold``."""
    offset = index % RUN_STRIDE - RUN * fold
    if index // RUN_STRIDE < RUNS and 0 <= offset < RUN:
        return "dev"
    if index // RUN_STRIDE < RUNS + 1 and (-GUARD <= offset < 0 or RUN <= offset < RUN + GUARD):
        return "guard"
    return "train"


def is_dev(index: int, fold: int = DEV_FOLD) -> bool:
    return fold_of(index, fold) == "dev"


def dev_runs(sentences: list[Sentence], fold: int = DEV_FOLD) -> list[list[Sentence]]:
    """The held-out runs of ``fold``, each a list of consecutive sentences (a "document"
    for document-level label propagation)."""
    runs: list[list[Sentence]] = []
    last = -2
    for i, sent in enumerate(sentences):
        if is_dev(i, fold):
            if i != last + 1:
                runs.append([])
            runs[-1].append(sent)
            last = i
    return runs


def split(sentences: list[Sentence], fold: int = DEV_FOLD) -> tuple[list[Sentence], list[Sentence]]:
    """``(train, dev)``: the runs of ``fold`` held out, their guard sentences in neither;
    another ``fold`` (0-9) is for cross-validation or tuning, the development split is
    the default."""
    kinds = [fold_of(i, fold) for i in range(len(sentences))]
    train = [s for s, k in zip(sentences, kinds, strict=True) if k == "train"]
    dev = [s for s, k in zip(sentences, kinds, strict=True) if k == "dev"]
    return train, dev
