"""Stories: near-duplicates and same-story reports across outlets, grouped.

Two signals join two articles published within ``MAX_DAYS`` of each other:

1. Near-duplicates (one wire story syndicated by ten outlets): a MinHash
   signature over word-pair shingles of the normalized, clitic-light opening
   text (``والحكومة`` and ``الحكومة`` shingle alike); LSH finds candidates and
   the estimated Jaccard similarity must reach ``THRESHOLD``.
2. Same story, rewritten: the salient words of the headline and lead,
   weighted by inverse document frequency over the store; the weighted
   Jaccard similarity must reach ``STORY_THRESHOLD``. Candidates come from an
   inverted index of words rarer than ``MAX_DF``.

Stories are the connected components (union-find) and are renumbered after
each ingest: a story id (the smallest article id in it) names the group until
the next ingest. Precision and recall on labelled ANT pairs: eval/eval_stories.py.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache

import numpy as np

from ..lexicon import normalized_terms
from ..normalize import normalize_str

NUM_PERM = 64
SCHEME = "affine32"
_DTYPE = "<u4"  # affine32 hash values, little-endian, in the minhashes table
SHINGLE = 2
#: Estimated Jaccard similarity of word-pair shingles above which two reports are one story.
THRESHOLD = 0.3
MAX_DAYS = 3
#: Only the opening words decide: wire copies share their lead, rewrites differ further down.
MAX_WORDS = 120
_WORD = re.compile(r"\w+")
_CLITIC = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?ال(?=\w{2})|^(?:و|ف)(?=\w{3})")


def shingles(headline: str | None, text: str, size: int = SHINGLE, max_words: int = MAX_WORDS) -> set[bytes]:
    """Word ``size``-grams of the normalized, clitic-light headline and opening text."""
    words = [_CLITIC.sub("", w) for w in _WORD.findall(normalize_str(f"{headline or ''} {text}"))]
    words = [w for w in words if len(w) > 1][:max_words]
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(headline: str | None, text: str) -> bytes:
    from datasketch import MinHash  # type: ignore[import-untyped]

    m = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
    sh = shingles(headline, text)
    if sh:
        m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype=_DTYPE).tobytes()


def _minhash(sig: bytes) -> object:
    from datasketch import LeanMinHash

    return LeanMinHash(seed=7, hashvalues=np.frombuffer(sig, dtype=_DTYPE), scheme=SCHEME)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.frombuffer(a, dtype=_DTYPE) == np.frombuffer(b, dtype=_DTYPE)))


@dataclass
class Item:
    id: int
    date: str | None
    sig: bytes
    terms: frozenset[str] = frozenset()


#: Words of the headline and lead that describe a story (weighted by rarity).
LEAD_WORDS = 60
STORY_THRESHOLD = 0.15
#: Words in more than this share of the articles never propose a pair (still weigh in the score).
MAX_DF = 0.05
#: ... and never more than this many articles (keeps pair generation linear on large stores).
MAX_POSTING = 100


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """Words too common to tell stories apart (``rasd/data/story_stopwords.json``), normalized."""
    return frozenset(normalized_terms("story_stopwords", "words"))


def terms(headline: str | None, text: str, lead_words: int = LEAD_WORDS) -> frozenset[str]:
    """Salient words of the headline and the opening of the text, normalized and clitic-light."""
    words = [_CLITIC.sub("", w) for w in _WORD.findall(normalize_str(f"{headline or ''} {text[:2000]}"))]
    stop = _stopwords()
    return frozenset(w for w in words[:lead_words] if len(w) > 2 and w not in stop)


def _days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0
    try:
        return abs((Date.fromisoformat(a[:10]) - Date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


def cluster(
    items: Iterable[Item],
    threshold: float = THRESHOLD,
    max_days: int = MAX_DAYS,
    story_threshold: float = STORY_THRESHOLD,
) -> dict[int, int]:
    """Map each item id to the smallest id of its story."""
    from datasketch import MinHashLSH

    items = list(items)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    parent = {it.id: it.id for it in items}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)

    by_id = {it.id: it for it in items}
    for it in items:
        mh = _minhash(it.sig)
        for other in lsh.query(mh):
            o = by_id[other]
            if _days_apart(it.date, o.date) <= max_days and similarity(it.sig, o.sig) >= threshold:
                union(it.id, other)
        lsh.insert(it.id, mh)
    for a, b in same_story_pairs(items, story_threshold, max_days):
        union(a, b)
    return {i: find(i) for i in parent}


def same_story_pairs(
    items: list[Item], threshold: float = STORY_THRESHOLD, max_days: int = MAX_DAYS
) -> list[tuple[int, int]]:
    """Pairs whose salient words overlap enough, weighted by rarity (inverse document frequency)."""
    df: Counter[str] = Counter(t for it in items for t in it.terms)
    n = len(items)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    index: dict[str, list[Item]] = defaultdict(list)
    cap = max(2, min(int(MAX_DF * n), MAX_POSTING))
    for it in items:
        for t in it.terms:
            if df[t] <= cap:
                index[t].append(it)
    seen: set[tuple[int, int]] = set()
    out = []
    for posting in index.values():
        for i, a in enumerate(posting):
            for b in posting[i + 1 :]:
                key = (min(a.id, b.id), max(a.id, b.id))
                if key in seen or _days_apart(a.date, b.date) > max_days:
                    continue
                seen.add(key)
                shared = sum(idf[t] for t in a.terms & b.terms)
                union_w = sum(idf[t] for t in a.terms | b.terms)
                if union_w and shared / union_w >= threshold:
                    out.append(key)
    return out


def assign(conn: sqlite3.Connection) -> int:
    """Recompute stories for the whole store in one transaction; return how many there are."""
    rows = conn.execute(
        "SELECT a.id, a.date, m.sig, a.headline, substr(a.clean_text, 1, 2000) FROM articles a "
        "JOIN minhashes m ON m.article_id = a.id ORDER BY a.id"
    ).fetchall()
    roots = cluster(Item(r[0], r[1], r[2], terms(r[3], r[4])) for r in rows)
    members: dict[int, list[int]] = defaultdict(list)
    for article_id, root in roots.items():
        members[root].append(article_id)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM stories")
        conn.executemany(
            "UPDATE articles SET story_id = ? WHERE id = ?", [(root, a) for a, root in roots.items()]
        )
        conn.execute(
            "INSERT INTO stories (id, size, outlets, headline, first_date, last_date) "
            "SELECT story_id, count(*), count(DISTINCT outlet), "
            "(SELECT headline FROM articles b WHERE b.story_id = a.story_id ORDER BY b.date, b.id LIMIT 1), "
            "min(date), max(date) FROM articles a WHERE story_id IS NOT NULL GROUP BY story_id"
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return len(members)
