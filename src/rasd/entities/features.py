"""Token features for the CRF named-entity tagger.

:meth:`FeatureExtractor.sentence` turns a sentence (a list of raw token
strings) into crfsuite feature lists. Features of a word on its own
(normalized form, clitic split, prefixes and suffixes, shape, gazetteer
membership, word clusters learned from unlabelled news) are computed once per
distinct word and cached; the context window (three words either side) and
gazetteer phrase matches are added per sentence. Training
(``scripts/train_ner.py``) and tagging use this same code,
so the model and its features cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..normalize import normalize_str

# Proclitics: conjunction, preposition, article. Longest readings first.
_ARTICLE = re.compile(r"^(?P<pre>[وف]?[بكل]?ال|[وف]?لل)(?P<stem>..+)$")
_SINGLE = re.compile(r"^(?P<pre>[وف][بكل]?|[بكل])(?P<stem>...+)$")
_SUFFIXES = ("ها", "هم", "هما", "كم", "نا", "ه", "ين", "ون", "ات", "يه", "يين", "يون", "ي", "ان")
_AR_LETTER = re.compile(r"[\u0621-\u064A]")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
#: Gazetteer classes used as features (and the key prefixes in the gazetteer file).
GAZ_CLASSES = ("LOC", "PERS", "ORG", "NAT", "TITLE", "PN", "CUR", "COMMON")
MAX_PHRASE = 4


@dataclass(frozen=True)
class Clusters:
    """Word clusters learned from unlabelled news (``scripts/build_word_clusters.py``):
    normalized word -> cluster at the finest level; ``parents`` maps a fine cluster to
    its coarser ones. A word the list lacks takes its clitic-stripped stem's cluster."""

    words: dict[str, int]
    parents: list[tuple[int, ...]]  # fine cluster -> (level-2 cluster, level-3 cluster)

    @classmethod
    def parse(cls, text: str) -> Clusters:
        """The ``ner_clusters.tsv.gz`` format: a JSON header line, then ``word TAB id`` lines."""
        import json

        first, _, body = text.partition("\n")
        header = json.loads(first)
        parents = [tuple(p) for p in zip(header["to256"], header["to64"], strict=True)]
        # split once in C: "word\tid\nword\tid..." -> word, id, word, id...
        fields = body.replace("\t", "\n").split("\n")
        if fields and fields[-1] == "":
            fields.pop()
        if len(fields) % 2:
            raise ValueError("word clusters: a line without its cluster id")
        words = dict(zip(fields[0::2], map(int, fields[1::2]), strict=True))
        return cls(words, parents)

    def features(self, norm: str, stem: str) -> list[str]:
        """``c10=``/``c8=``/``c6=`` (fine to coarse) of the word, else of its stem (``cs``)."""
        cid = self.words.get(norm)
        tag = "c"
        if cid is None:
            cid, tag = self.words.get(stem), "cs"
        if cid is None:
            return [tag + "=none"]
        mid, top = self.parents[cid]
        return [f"{tag}10={cid}", f"{tag}8={mid}", f"{tag}6={top}"]


@dataclass
class Gazetteer:
    """Normalized single words and phrases (space-joined stems) by class."""

    words: dict[str, frozenset[str]] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)  # phrase -> class

    @classmethod
    def from_lists(cls, lists: dict[str, list[str]]) -> Gazetteer:
        words: dict[str, set[str]] = {c: set() for c in GAZ_CLASSES}
        phrases: dict[str, str] = {}
        stems: dict[str, str] = {}  # each distinct word normalized once (the lists repeat words)

        def stem_of(word: str) -> str:
            got = stems.get(word)
            if got is None:
                got = stems[word] = strip_clitics(normalize_str(word))[1]
            return got

        for klass, items in lists.items():
            if klass not in words:
                continue
            for item in items:
                parts = [stem_of(p) for p in item.split()]
                parts = [p for p in parts if p]
                if not parts:
                    continue
                if len(parts) == 1:
                    words[klass].add(parts[0])
                elif len(parts) <= MAX_PHRASE:
                    phrases.setdefault(" ".join(parts), klass)
        return cls({k: frozenset(v) for k, v in words.items()}, phrases)

    def compiled(self) -> dict[str, Any]:
        """The gazetteer as normalized at build time, with the fingerprint it is valid for
        (stored beside the lists in ``ner_gazetteer.json.gz``, so loading skips normalizing)."""
        return {"fingerprint": compiled_fingerprint(),
                "words": {k: sorted(v) for k, v in self.words.items()}, "phrases": self.phrases}

    @classmethod
    def from_compiled(cls, data: Any) -> Gazetteer | None:
        """A gazetteer from :meth:`compiled` data, or None when it was built with another
        normalizer or stem rule (the lists are then normalized again)."""
        if not isinstance(data, dict) or data.get("fingerprint") != compiled_fingerprint():
            return None
        return cls({k: frozenset(v) for k, v in data["words"].items()}, dict(data["phrases"]))


#: Version of :func:`strip_clitics` and of the gazetteer's compiled form.
STEM_RULE = "1"


def compiled_fingerprint() -> str:
    from ..normalize import fingerprint

    return f"{fingerprint()}:{STEM_RULE}"


def strip_clitics(norm: str) -> tuple[str, str]:
    """``(prefix, stem)`` of a normalized word: the article run if present,
    otherwise one conjunction/preposition when at least three letters remain."""
    m = _ARTICLE.match(norm)
    if m:
        return m.group("pre"), m.group("stem")
    m = _SINGLE.match(norm)
    if m:
        return m.group("pre"), m.group("stem")
    return "", norm


def shape(word: str) -> str:
    if _AR_LETTER.search(word):
        return "AR" if not _DIGIT.search(word) else "ARD"
    if _LATIN.search(word):
        return "LAT"
    if _DIGIT.search(word):
        return "DIG"
    return "PUN"


@dataclass(frozen=True, slots=True)
class WordInfo:
    """A word's own features and the features it lends its neighbours, by offset."""

    norm: str
    stem: str
    feats: list[str]
    classes: str  # gazetteer classes, two letters each ("LOPN")
    context: dict[int, list[str]]


class FeatureExtractor:
    """Cached word features plus context; one instance per gazetteer."""

    def __init__(self, gazetteer: Gazetteer, clusters: Clusters | None = None) -> None:
        self.gaz = gazetteer
        self.clusters = clusters
        self._cache: dict[str, WordInfo] = {}
        self._phrase_starts = frozenset(p.split(" ", 1)[0] for p in gazetteer.phrases)

    def word(self, raw: str) -> WordInfo:
        """The features of one word, cached."""
        hit = self._cache.get(raw)
        if hit is not None:
            return hit
        norm = normalize_str(raw)
        pre, stem = strip_clitics(norm)
        shp = shape(norm)
        feats = [
            "b", "w=" + norm, "s=" + stem, "pre=" + pre, "sh=" + shp,
            "p2=" + stem[:2], "p3=" + stem[:3],
            "p4=" + stem[:4], "x1=" + stem[-1:], "x2=" + stem[-2:], "x3=" + stem[-3:], "x4=" + stem[-4:],
            "len=" + str(min(len(stem), 8)),
        ]
        if norm.startswith("ال") or pre.endswith(("ال", "لل")):
            feats.append("al")
        for suf in _SUFFIXES:
            if stem.endswith(suf) and len(stem) > len(suf) + 2:
                feats.append("suf=" + suf)
                feats.append("sb=" + stem[: -len(suf)])
                break
        for klass, words in self.gaz.words.items():
            if stem in words or norm in words:
                feats.append("g=" + klass)
        if shp == "LAT":
            feats.append("lat=" + ("up" if raw.isupper() else "cap" if raw[:1].isupper() else "low"))
        clus = self.clusters.features(norm, stem) if self.clusters is not None else []
        feats += clus
        near = [f for f in feats if f.startswith(("sh=", "x2=", "g="))]
        coarse = [f for f in clus if f[1:3] in ("8=", "6=", "s8", "s6") or f.endswith("=none")]
        context = {off: [f"{off}s={stem}"] for off in (-3, 3)}
        for off in (-2, 2):
            context[off] = [f"{off}w={norm}", f"{off}s={stem}", *(f"{off}{f}" for f in coarse)]
        for off in (-1, 1):
            context[off] = [f"{off}w={norm}", f"{off}s={stem}", *(f"{off}{f}" for f in near),
                            *(f"{off}{f}" for f in clus)]
        classes = "".join(f[2:4] for f in feats if f.startswith("g="))
        info = WordInfo(norm, stem, feats, classes, context)
        if len(self._cache) < 500_000:
            self._cache[raw] = info
        return info

    def phrase_tags(self, stems: Sequence[str]) -> list[str]:
        """Greedy longest gazetteer phrase matches, as ``B-CLASS``/``I-CLASS`` per token."""
        tags = [""] * len(stems)
        phrases = self.gaz.phrases
        starts = self._phrase_starts
        i = 0
        n = len(stems)
        while i < n:
            if stems[i] not in starts:
                i += 1
                continue
            for size in range(min(MAX_PHRASE, n - i), 1, -1):
                klass = phrases.get(" ".join(stems[i:i + size]))
                if klass is not None:
                    tags[i] = "B-" + klass
                    for j in range(i + 1, i + size):
                        tags[j] = "I-" + klass
                    i += size
                    break
            else:
                i += 1
        return tags

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """crfsuite feature lists for each word of a sentence."""
        info = [self.word(w) for w in words]
        stems = [x.stem for x in info]
        gaz = self.phrase_tags(stems)
        n = len(words)
        out = []
        for i in range(n):
            cur = info[i]
            prev = info[i - 1] if i > 0 else None
            nxt = info[i + 1] if i + 1 < n else None
            feats = cur.feats.copy()
            if gaz[i]:
                feats.append("gp=" + gaz[i])
            if prev is not None:
                feats += prev.context[-1]
                feats.append("-1|0=" + prev.stem + "|" + cur.stem)
                if cur.classes or prev.classes:
                    feats.append(f"gg=-1{prev.classes}|{cur.classes}")
                if gaz[i - 1]:
                    feats.append("-1gp=" + gaz[i - 1])
            else:
                feats.append("-1BOS")
            if nxt is not None:
                feats += nxt.context[1]
                feats.append("0|1=" + cur.stem + "|" + nxt.stem)
                if cur.classes or nxt.classes:
                    feats.append(f"gg=+1{cur.classes}|{nxt.classes}")
                if gaz[i + 1]:
                    feats.append("1gp=" + gaz[i + 1])
            else:
                feats.append("1EOS")
            for off in (-3, -2, 2, 3):
                j = i + off
                if 0 <= j < n:
                    feats += info[j].context[off]
            out.append(feats)
        return out
