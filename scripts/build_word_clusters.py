"""Learn word clusters for the NER tagger from unlabelled Arabic news (issue 13).

    .venv/bin/pip install -e '.[train]'            # gensim
    nice -n 10 .venv/bin/python scripts/build_word_clusters.py [--work /tmp/rasd-w2v]

1. Tokenizes the unlabelled news of ``../shared/data/corpora/`` (ANT, all outlets and
   categories; SaudiNewsNet; Al Jazeera headlines and ledes; the Arabic text and Arabic
   MT of FIGNEWS) into normalized words (:func:`rasd.normalize.normalize_str`), one
   sentence a line, cached in ``--work``. ANERcorp and NewsFANE are **not** used:
   ANERcorp's development text must stay unseen and NewsFANE contains ANERcorp's
   official test text.
2. Trains skip-gram word2vec (gensim, one worker thread, fixed seed and a deterministic
   hash, so a rerun gives the same vectors).
3. Clusters the vectors of the ``--vocab`` most frequent words with k-means (cosine,
   fixed seed) into 1024 clusters, then the 1024 centroids into 256 and 64: a
   three-level hierarchy, like Brown-cluster path prefixes.
4. Writes ``src/rasd/models/ner_clusters.tsv.gz``: ``word TAB c1024`` lines after a
   header line with the 1024 -> 256 -> 64 maps. The tagger uses the three levels as
   features (:mod:`rasd.entities.features`); words outside the list fall back to their
   clitic-stripped stem's cluster.

Exits 1 when the corpora are absent. The corpora are research-use news (see their
PROVENANCE.md); the file holds only cluster numbers of words, no text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from linking_docs import ANT_ARCHIVE, ant_docs, ledes_docs, saudinewsnet_docs  # noqa: E402

from rasd.metrics import shared_data  # noqa: E402
from rasd.normalize import normalize_str  # noqa: E402

MODELS = ROOT / "src" / "rasd" / "models"
OUT_NAME = "ner_clusters.tsv.gz"
SEED = 13
_TOKEN = re.compile(r"[\u0621-\u064A]+|[A-Za-z]+|\d+(?:[.,]\d+)?|[^\s\w]")
_SENT_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
ALL_ANT = ("middleEast", "internationalNews", "economy", "sport", "culture", "technology")


def sentences(text: str) -> Iterator[str]:
    for sent in _SENT_END.split(normalize_str(text)):
        toks = _TOKEN.findall(sent)
        if len(toks) >= 3:
            yield " ".join(toks)


def fignews_texts(data: Path) -> Iterator[str]:
    import csv

    path = data / "corpora" / "fignews-2024" / "FIGNEWS-2024-TEXT-IAA.tsv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = row.get("Text", "") if row.get("Source Language") == "Arabic" else row.get("Arabic MT", "")
            if text:
                yield text


def write_corpus(data: Path, path: Path) -> int:
    """The tokenized corpus, one sentence a line; returns the number of tokens."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        texts = [(d.text for d in ant_docs(data, ALL_ANT)), (d.text for d in saudinewsnet_docs(data)),
                 (d.text for d in ledes_docs(data)), fignews_texts(data)]
        for stream in texts:
            for text in stream:
                for sent in sentences(text):
                    out.write(sent + "\n")
                    n += sent.count(" ") + 1
    return n


def stable_hash(text: str) -> int:
    """gensim seeds each word's initial vector with this; Python's ``hash`` is salted."""
    return zlib.crc32(text.encode("utf-8"))


def kmeans(x: object, k: int, iterations: int, seed: int) -> tuple[object, object]:
    """Spherical k-means (rows of ``x`` unit length): ``(centroids, assignment)``."""
    import numpy as np

    xs = np.asarray(x, dtype=np.float32)
    rng = np.random.default_rng(seed)
    cent = xs[rng.choice(len(xs), k, replace=False)].copy()
    assign = np.zeros(len(xs), dtype=np.int64)
    for _ in range(iterations):
        assign = np.concatenate([np.argmax(xs[i:i + 20000] @ cent.T, axis=1)
                                 for i in range(0, len(xs), 20000)])
        for c in range(k):
            members = xs[assign == c]
            if len(members):
                v = members.sum(axis=0)
                cent[c] = v / (np.linalg.norm(v) + 1e-9)
            else:  # an empty cluster takes a random point
                cent[c] = xs[rng.integers(len(xs))]
    return cent, assign


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/tmp/rasd-w2v"), help="corpus and vectors cache")
    parser.add_argument("--vocab", type=int, default=200_000, help="words that get a cluster")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--out", type=Path, default=MODELS)
    args = parser.parse_args()
    data = shared_data()
    if not (data / ANT_ARCHIVE).is_file():
        print(f"build_word_clusters: corpora not found under {data}", file=sys.stderr)
        return 1
    from gensim.models import Word2Vec

    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.work / "corpus.txt"
    t0 = time.time()
    if not corpus.exists():
        n = write_corpus(data, corpus)
        print(f"corpus: {n:,} tokens in {time.time() - t0:.0f}s")
    vec_file = args.work / f"w2v-{args.dim}-{args.epochs}.kv"
    if not vec_file.exists():
        model = Word2Vec(corpus_file=str(corpus), vector_size=args.dim, window=5, min_count=args.min_count,
                         sg=1, negative=5, epochs=args.epochs, workers=1, seed=SEED, hashfxn=stable_hash)
        model.wv.save(str(vec_file))
        print(f"word2vec: {len(model.wv)} words in {time.time() - t0:.0f}s")
    from gensim.models import KeyedVectors

    wv = KeyedVectors.load(str(vec_file))
    words = list(wv.index_to_key[:args.vocab])
    vectors = wv.get_normed_vectors()[:len(words)]
    c1024, assign = kmeans(vectors, 1024, 15, SEED)
    c256, a256 = kmeans(c1024, 256, 30, SEED)
    _, a64 = kmeans(c256, 64, 30, SEED)
    header = {"levels": [1024, 256, 64], "to256": [int(a) for a in a256],
              "to64": [int(a64[a]) for a in a256], "source": "scripts/build_word_clusters.py"}
    lines = [json.dumps(header)] + [f"{w}\t{int(c)}" for w, c in zip(words, assign, strict=True)]
    path = args.out / OUT_NAME
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0))
    print(f"{path}: {len(words)} words, {path.stat().st_size / 1e6:.2f} MB, {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
