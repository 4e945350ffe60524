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
from .features import FeatureExtractor, Gazetteer

MODEL_FILE = "ner_crf.crfsuite"
GAZETTEER_FILE = "ner_gazetteer.json.gz"


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


class Tagger:
    """A crfsuite tagger with its feature extractor."""

    def __init__(self, model_file: str, gazetteer: Gazetteer) -> None:
        import pycrfsuite  # type: ignore[import-untyped]

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(model_file)
        self.features = FeatureExtractor(gazetteer)

    @classmethod
    def from_dir(cls, folder: Path, model_name: str = MODEL_FILE) -> Tagger:
        """A model trained elsewhere (``scripts/train_ner.py --out DIR``), with the
        gazetteer it was trained with, which lies beside it."""
        lists = load_gazetteer_lists(folder / GAZETTEER_FILE)
        return cls(str(folder / model_name), Gazetteer.from_lists(lists))

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 tags of one sentence of raw token strings."""
        if not words:
            return []
        return list(self._tagger.tag(self.features.sentence(words)))

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
    return Tagger(model_file, Gazetteer.from_lists(load_gazetteer_lists()))


def tag(words: Sequence[str]) -> list[str]:
    return default_tagger().tag(words)
