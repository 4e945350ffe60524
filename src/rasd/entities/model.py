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
from .features import Clusters, FeatureExtractor, Gazetteer, WordInfo

MODEL_FILE = "ner_crf.crfsuite"
GAZETTEER_FILE = "ner_gazetteer.json.gz"
CLUSTERS_FILE = "ner_clusters.tsv.gz"


def _model_path(name: str) -> Any:
    return resources.files("rasd").joinpath("models", name)


def _gazetteer_file(path: Any = None) -> dict[str, Any]:
    try:
        raw = (path or _model_path(GAZETTEER_FILE)).read_bytes()
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise LexiconError(f"cannot load NER gazetteer {GAZETTEER_FILE}: {exc}") from exc
    if not isinstance(data, dict) or not data:
        raise LexiconError(f"NER gazetteer {GAZETTEER_FILE} must be a non-empty object")
    return data


def load_gazetteer_lists(path: Any = None) -> dict[str, list[str]]:
    """The feature gazetteer's word lists, packaged beside the model (or at ``path``)."""
    return {k: list(v) for k, v in _gazetteer_file(path).items() if not k.startswith("_")}


def load_gazetteer(path: Any = None) -> Gazetteer:
    """The feature gazetteer, from its compiled form when it matches this normalizer
    (fast), else normalized from its lists. Raises :class:`LexiconError` when unreadable."""
    data = _gazetteer_file(path)
    compiled = Gazetteer.from_compiled(data.get("_compiled"))
    if compiled is not None:
        return compiled
    return Gazetteer.from_lists({k: list(v) for k, v in data.items() if not k.startswith("_")})


def write_gazetteer(path: Path, lists: dict[str, list[str]]) -> Gazetteer:
    """Write the gazetteer file (its lists and their compiled form); return the gazetteer."""
    gazetteer = Gazetteer.from_lists(lists)
    payload = {"_doc": "rasd NER feature gazetteer, built by scripts/train_ner.py", **lists,
               "_compiled": gazetteer.compiled()}
    path.write_bytes(gzip.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), 9, mtime=0))
    return gazetteer


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
        clusters = load_clusters(folder / CLUSTERS_FILE)
        return cls(str(folder / model_name), load_gazetteer(folder / GAZETTEER_FILE), clusters)

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 tags of one sentence of raw token strings."""
        if not words:
            return []
        return after_title(words, list(self._tagger.tag(self.features.sentence(words))), self.features)

    def tag_scored(self, words: Sequence[str]) -> tuple[list[str], list[float]]:
        """Tags of one sentence and, per token, the marginal probability of its tag
        (1.0 for ``O``: only entity tokens are scored, to keep tagging fast)."""
        if not words:
            return [], []
        crf = list(self._tagger.tag(self.features.sentence(words)))
        tags = after_title(words, crf, self.features)
        probs = [1.0 if t == "O" else float(self._tagger.marginal(t, i)) if t == c else TITLE_NAME_P
                 for i, (t, c) in enumerate(zip(tags, crf, strict=True))]
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


#: the probability given to a name tagged by :func:`after_title`
TITLE_NAME_P = 0.8


def after_title(words: Sequence[str], tags: list[str], features: FeatureExtractor) -> list[str]:
    """A lone name right after a title and a nationality is a person: ``الرئيس الفلسطيني
    عرفات``, ``الرئيس المصري مبارك``. After a title word (gazetteer ``TITLE``) and one or two
    nationality adjectives (``NAT``), an adjective the tagger put at the start of a person's
    name leaves it (``الفلسطيني`` of ``الفلسطيني عرفات``), and an untagged word of the
    given-name list (``PERS``, without the article or a proclitic, not a frequent ordinary
    word of the training data: ``على`` "on" is spelled like ``علي`` Ali) becomes ``B-PERS``.
    Looser versions (any name token, no nationality) tagged ordinary words (``بين``,
    ``قادر``) on the training folds, so the rule stays this narrow."""
    out = list(tags)
    for i, word in enumerate(words):
        info = features.word(word)
        if "g=TITLE" not in info.feats or tags[i] != "O":
            continue
        j = i + 1
        while j < len(words) and j - i <= 2 and _nationality(features.word(words[j])):
            if out[j] == "B-PERS" and j + 1 < len(words) and out[j + 1] == "I-PERS":
                out[j], out[j + 1] = "O", "B-PERS"  # الرئيس [الفلسطيني] عرفات: the adjective is no name
            j += 1
        if j > i + 1 and j < len(words) and out[j] == "O" and _given_name(features.word(words[j]).feats):
            out[j] = "B-PERS"
    return out


def _nationality(info: WordInfo) -> bool:
    """A nationality adjective: the gazetteer's ``NAT`` or a demonym of the knowledge base."""
    from .kb import default_kb, key

    return "g=NAT" in info.feats or (info.norm.startswith("ال") and default_kb().demonym(key(info.norm))
                                     is not None)


def _given_name(feats: list[str]) -> bool:
    """A given name (gazetteer ``PERS``) in Arabic script, without article or proclitic."""
    return ("g=PERS" in feats and "g=COMMON" not in feats and "sh=AR" in feats and "al" not in feats
            and "pre=" in feats)


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The packaged model, loaded on first use."""
    path = _model_path(MODEL_FILE)
    try:
        model_file = str(path)
        Path(model_file).stat()
    except OSError as exc:
        raise LexiconError(f"NER model {MODEL_FILE} is missing; run scripts/train_ner.py") from exc
    return Tagger(model_file, load_gazetteer(), load_clusters())


def tag(words: Sequence[str]) -> list[str]:
    return default_tagger().tag(words)
