"""Count how often each word the knowledge base reads as a place is tagged a place (issue 13).

    nice -n 10 .venv/bin/python scripts/build_place_prior.py [--limit N]

Run after ``scripts/build_kb.py`` and ``scripts/train_ner.py``: it tags the unlabelled news
of ``../shared/data/corpora/`` (ANT, all outlets and categories; SaudiNewsNet; Al Jazeera
ledes; never ANERcorp or NewsFANE) with the packaged tagger, sentence by sentence, and
counts for every word whose knowledge-base reading (clitics stripped as the linker does)
is a place: occurrences, occurrences tagged ``LOC``, occurrences tagged as any entity.
The documents of the linking evaluation (``tests/data/entities/linking_items.jsonl``) are
left out. Writes ``src/rasd/models/place_prior.json.gz`` (words seen at least 3 times),
read by :mod:`rasd.entities.prior`. Exits 1 when the corpora are absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))
sys.path.insert(0, str(ROOT / "scripts"))

from build_word_clusters import ALL_ANT, sentences  # noqa: E402
from linking_docs import ANT_ARCHIVE, Doc, ant_docs, ledes_docs, saudinewsnet_docs  # noqa: E402

from rasd.entities.kb import PLACE_TYPES, default_kb, key  # noqa: E402
from rasd.entities.model import default_tagger  # noqa: E402
from rasd.metrics import shared_data  # noqa: E402

MODELS = ROOT / "src" / "rasd" / "models"
ITEMS = ROOT / "tests" / "data" / "entities" / "linking_items.jsonl"


def documents(data: Path, skip: set[str]) -> Iterator[Doc]:
    """The three corpora interleaved (two ANT, two SaudiNewsNet, one Al Jazeera lede in
    turn), so that ``--limit`` draws on all of them."""
    streams = [iter(ant_docs(data, ALL_ANT)), iter(saudinewsnet_docs(data)), iter(ledes_docs(data))]
    pattern = (0, 0, 1, 1, 2)
    while streams:
        for which in [p for p in pattern if p < len(streams)]:
            doc = next(streams[which], None)
            if doc is None:
                streams.pop(which)
                break
            if doc.ref not in skip:
                yield doc


def tagger_vocabulary() -> set[str]:
    """Words of the tagger's training split: where the tagger's rate on a word is informed."""
    from rasd.entities.corpus import load_anercorp, split

    return {key(w) for sent in split(load_anercorp())[0] for w, _ in sent}


def cluster_rates(counts: dict[str, list[int]]) -> dict[str, list[int]]:
    """Per word cluster (finest level): tagged-LOC and total occurrences over its words that
    the tagger knows from training (``حلب``, ``دمشق``, ``درعا`` make the Syrian towns'
    cluster a place cluster). A word the tagger never saw in training (``عفرين``, 2018 news)
    is tagged by guesswork; its cluster's rate says what such words are."""
    from rasd.entities.model import load_clusters
    from rasd.normalize import normalize_str

    clusters = load_clusters()
    seen = tagger_vocabulary()
    out: dict[str, list[int]] = {}
    for word, (n, loc, _entity) in counts.items():
        cid = clusters.words.get(normalize_str(word)) if clusters else None
        if cid is None or word not in seen or n < 5:
            continue
        cell = out.setdefault(str(cid), [0, 0])
        cell[0] += loc
        cell[1] += n
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=0, help="stop after N documents (0: all)")
    parser.add_argument("--out", type=Path, default=MODELS)
    args = parser.parse_args()
    data = shared_data()
    if not (data / ANT_ARCHIVE).is_file():
        print(f"build_place_prior: corpora not found under {data}", file=sys.stderr)
        return 1
    skip = set()
    if ITEMS.exists():
        skip = {json.loads(line)["ref"] for line in ITEMS.read_text(encoding="utf-8").splitlines() if line}
    kb = default_kb()
    tagger = default_tagger()
    placey: dict[str, bool] = {}

    def is_place(word: str) -> bool:
        hit = placey.get(word)
        if hit is None:
            match = kb.lookup(key(word))
            recs = [kb.get(i) for i in match.ids] if match else []
            hit = placey[word] = any(r is not None and r.type in PLACE_TYPES for r in recs)
        return hit

    counts: dict[str, list[int]] = {}
    t0, docs, tagged = time.time(), 0, 0
    for doc in documents(data, skip):
        docs += 1
        for sent in sentences(doc.text):
            words = sent.split(" ")
            hits = [i for i, w in enumerate(words) if is_place(w)]
            if not hits:
                continue
            tags = tagger.tag(words)
            tagged += 1
            for i in hits:
                cell = counts.setdefault(key(words[i]), [0, 0, 0])
                cell[0] += 1
                cell[1] += tags[i].endswith("-LOC")
                cell[2] += tags[i] != "O"
        if args.limit and docs >= args.limit:
            break
    kept = {w: c for w, c in sorted(counts.items()) if c[0] >= 3}
    seen = tagger_vocabulary()
    clusters = cluster_rates(kept)
    for word, cell in kept.items():
        cell.append(int(word in seen))
    payload = {"_doc": "rasd place prior, built by scripts/build_place_prior.py: word -> "
                       "[occurrences, tagged LOC, tagged any entity, word in the tagger's training "
                       "data (0/1)]; clusters: word cluster -> [tagged LOC, occurrences] over its words",
               "documents": docs, "counts": kept, "clusters": clusters}
    path = args.out / "place_prior.json.gz"
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    path.write_bytes(gzip.compress(raw, 9, mtime=0))
    print(f"{path}: {len(kept)} words from {docs} documents ({tagged} sentences tagged), "
          f"{path.stat().st_size / 1e6:.2f} MB, {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
