"""The CRF named-entity tagger: loaded lazily from ``rasd/models/``, offline.

``tag(words)`` returns ANERcorp IOB2 tags (``B-PERS``, ``I-LOC``, ``O``...)
for a sentence of raw token strings. The model file and its gazetteer are
written by ``scripts/train_ner.py``; the model is trained on ANERcorp
(CC BY-SA 4.0, Benajiba, Rosso and Benedí Ruiz 2007) and carries that
attribution.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import LexiconError
from .features import Clusters, FeatureExtractor, Gazetteer

MODEL_FILE = "ner_crf.crfsuite"
GAZETTEER_FILE = "ner_gazetteer.json.gz"
CLUSTERS_FILE = "ner_clusters.tsv.gz"


def _model_path(name: str) -> Any:
    return resources.files("rasd").joinpath("models", name)


def load_gazetteer_lists(path: Any = None) -> dict[str, list[str]]:
    """The feature gazetteer packaged beside the model (or at ``path``)."""
    try:
        raw = (path or _model_path(GAZETTEER_FILE)).read_bytes()
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise LexiconError(f"cannot load NER gazetteer {GAZETTEER_FILE}: {exc}") from exc
    if not isinstance(data, dict) or not data:
        raise LexiconError(f"NER gazetteer {GAZETTEER_FILE} must be a non-empty object")
    return {k: list(v) for k, v in data.items() if not k.startswith("_")}


def load_clusters(path: Any = None) -> Clusters | None:
    """The word clusters packaged beside the model (or at ``path``); ``None`` when the
    file is absent (a model trained without them)."""
    path = path or _model_path(CLUSTERS_FILE)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        return Clusters.parse(gzip.decompress(raw).decode("utf-8"))
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise LexiconError(f"cannot load word clusters {CLUSTERS_FILE}: {exc}") from exc


class Tagger:
    """A crfsuite tagger with its feature extractor."""

    def __init__(self, model_file: str, gazetteer: Gazetteer, clusters: Clusters | None = None) -> None:
        import pycrfsuite  # type: ignore[import-untyped]

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(model_file)
        self.features = FeatureExtractor(gazetteer, clusters)

    @classmethod
    def from_dir(cls, folder: Path, model_name: str = MODEL_FILE) -> Tagger:
        """A model trained elsewhere (``scripts/train_ner.py --out DIR``), with the
        gazetteer it was trained with, which lies beside it."""
        lists = load_gazetteer_lists(folder / GAZETTEER_FILE)
        clusters = load_clusters(folder / CLUSTERS_FILE)
        return cls(str(folder / model_name), Gazetteer.from_lists(lists), clusters)

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 tags of one sentence of raw token strings."""
        if not words:
            return []
        return list(self._tagger.tag(self.features.sentence(words)))

    def tag_scored(self, words: Sequence[str]) -> tuple[list[str], list[float]]:
        """Tags of one sentence and, per token, the marginal probability of its tag
        (1.0 for ``O``: only entity tokens are scored, to keep tagging fast)."""
        if not words:
            return [], []
        tags = list(self._tagger.tag(self.features.sentence(words)))
        probs = [1.0 if t == "O" else float(self._tagger.marginal(t, i)) for i, t in enumerate(tags)]
        return tags, probs

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 tags of a document's sentences, made consistent across the document
        (see :func:`rasd.entities.document.consistent`)."""
        from .document import consistent

        words = [list(s) for s in sentences]
        return consistent(words, [self.tag(s) for s in words], self.common)

    @property
    def common(self) -> frozenset[str]:
        """Frequent non-entity words of the training data (the gazetteer's ``COMMON``)."""
        from .kb import key

        return frozenset(key(w) for w in self.features.gaz.words.get("COMMON", ()))


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The packaged model, loaded on first use."""
    path = _model_path(MODEL_FILE)
    try:
        model_file = str(path)
        Path(model_file).stat()
    except OSError as exc:
        raise LexiconError(f"NER model {MODEL_FILE} is missing; run scripts/train_ner.py") from exc
    return Tagger(model_file, Gazetteer.from_lists(load_gazetteer_lists()), load_clusters())


def tag(words: Sequence[str]) -> list[str]:
    return default_tagger().tag(words)
