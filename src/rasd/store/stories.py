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

Stories are the connected components (union-find); a story id is the smallest article id
in it. Ingest links new articles incrementally (:func:`link_new`): the MinHash LSH bands
(``lsh_buckets``) and the salient words (``story_terms``, with their document frequencies
in ``term_df``) are kept in the store, so a new article is compared only with the articles
sharing a band or a rare word within ``MAX_DAYS``, never with the whole store; stories only
merge. :func:`assign` recomputes every story from scratch (its weights are the final
document frequencies, so it can differ slightly from the incremental grouping, whose
weights are those of the moment each article arrived). Near-duplicates whose similarity
reaches ``SYNDICATE_THRESHOLD`` are one syndicated text (``articles.syndicate_id``, the
smallest article id of the group): fusion counts them as one source. Precision and recall
on labelled ANT pairs: eval/eval_stories.py.
"""

from __future__ import annotations

import hashlib
import math
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
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
#: ... and above which they are one syndicated text (one source for counting).
SYNDICATE_THRESHOLD = 0.5
#: LSH bands x rows for THRESHOLD with NUM_PERM (what datasketch's MinHashLSH(0.3, 64) chooses).
BANDS, ROWS = 21, 3
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


# -- incremental, in the store ------------------------------------------------------------
def band_buckets(sig: bytes) -> list[tuple[int, int]]:
    """``(band, bucket)`` of a signature for the persisted LSH index (a signed 64-bit hash of
    each band's ``ROWS`` values)."""
    values = np.frombuffer(sig, dtype=_DTYPE)
    out = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


def indexed_count(conn: sqlite3.Connection) -> int:
    """How many articles the story indexes hold (kept in ``store_state``: no count over the store)."""
    row = conn.execute("SELECT value FROM store_state WHERE key = 'story_articles'").fetchone()
    if row is None:  # a store indexed before the counter existed, or a fresh one
        return int(conn.execute("SELECT count(DISTINCT article_id) FROM lsh_buckets").fetchone()[0])
    return int(row[0])


def index_articles(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Add articles to the LSH bands, the word postings and the document frequencies."""
    items = _items(conn, ids)
    total = indexed_count(conn) + len(items)
    conn.execute("INSERT OR REPLACE INTO store_state (key, value) VALUES ('story_articles', ?)",
                 (str(total),))
    for article_id, day, sig, words in items:
        conn.executemany("INSERT OR IGNORE INTO lsh_buckets (band, bucket, article_id) VALUES (?,?,?)",
                         [(b, k, article_id) for b, k in band_buckets(sig)])
        terms_ = sorted(words)
        conn.executemany("INSERT OR IGNORE INTO story_terms (term, date, article_id) VALUES (?,?,?)",
                         [(t, day or "", article_id) for t in terms_])
        conn.executemany("INSERT INTO term_df (term, df) VALUES (?, 1) "
                         "ON CONFLICT(term) DO UPDATE SET df = df + 1", [(t,) for t in terms_])


Indexed = tuple[int, str | None, bytes, frozenset[str]]


def _items(conn: sqlite3.Connection, ids: Iterable[int]) -> list[Indexed]:
    out = []
    for article_id in ids:
        row = conn.execute("SELECT a.date, m.sig, m.terms FROM articles a "
                           "JOIN minhashes m ON m.article_id = a.id WHERE a.id = ?", (article_id,)).fetchone()
        if row is not None:
            out.append((article_id, row[0], row[1], frozenset((row[2] or "").split())))
    return out


def _window(day: str | None) -> tuple[str, str] | None:
    try:
        d = Date.fromisoformat((day or "")[:10])
    except ValueError:
        return None
    return ((d - timedelta(days=MAX_DAYS)).isoformat(), (d + timedelta(days=MAX_DAYS)).isoformat())


Pairs = list[tuple[int, int]]


def link_new(conn: sqlite3.Connection, ids: Iterable[int]) -> tuple[Pairs, Pairs]:
    """Pairs joining new (already indexed) articles to stored ones or to each other: ``(story
    pairs, syndicate pairs)``. Candidates come from the persisted LSH bands and the postings of
    words no more frequent than the cap, within ``MAX_DAYS``."""
    n = indexed_count(conn)
    cap = max(2, min(int(MAX_DF * n), MAX_POSTING))
    story: set[tuple[int, int]] = set()
    syndicate: set[tuple[int, int]] = set()
    for article_id, day, sig, words in _items(conn, ids):
        window = _window(day)
        date_cond, date_params = ("AND a.date BETWEEN ? AND ?", list(window)) if window else ("", [])
        for band, bucket in band_buckets(sig):
            for other, osig in conn.execute(
                    "SELECT l.article_id, m.sig FROM lsh_buckets l JOIN articles a ON a.id = l.article_id "
                    "JOIN minhashes m ON m.article_id = l.article_id WHERE l.band = ? AND l.bucket = ? "
                    f"AND l.article_id != ? {date_cond}", [band, bucket, article_id, *date_params]):
                sim = similarity(sig, osig)
                pair = (min(article_id, other), max(article_id, other))
                if sim >= THRESHOLD:
                    story.add(pair)
                if sim >= SYNDICATE_THRESHOLD:
                    syndicate.add(pair)
        story.update(_word_pairs(conn, article_id, words, window, (n, cap)))
    return sorted(story), sorted(syndicate)


def _word_pairs(conn: sqlite3.Connection, article_id: int, words: frozenset[str],
                window: tuple[str, str] | None, sizes: tuple[int, int]) -> Pairs:
    """Stored articles whose salient words overlap ``words`` enough (weighted by the current
    document frequencies); ``sizes`` is (articles in the store, posting cap)."""
    n, cap = sizes
    if not words:
        return []
    df = _df(conn, words)
    rare = [t for t in words if df.get(t, 0) <= cap]
    others: set[int] = set()
    for t in rare:
        if window:
            rows = conn.execute("SELECT article_id FROM story_terms WHERE term = ? AND date BETWEEN ? AND ?",
                                (t, *window))
        else:
            rows = conn.execute("SELECT article_id FROM story_terms WHERE term = ?", (t,))
        others.update(r[0] for r in rows)
    others.discard(article_id)
    out = []
    for other, oterms in _terms_of(conn, sorted(others)):
        df.update(_df(conn, oterms - df.keys()))
        idf = {t: math.log((n + 1) / (df.get(t, 1) + 0.5)) for t in words | oterms}
        shared = sum(idf[t] for t in words & oterms)
        union_w = sum(idf[t] for t in words | oterms)
        if union_w and shared / union_w >= STORY_THRESHOLD:
            out.append((min(article_id, other), max(article_id, other)))
    return out


def _df(conn: sqlite3.Connection, words: Iterable[str]) -> dict[str, int]:
    words = list(words)
    out: dict[str, int] = {}
    for i in range(0, len(words), 500):
        chunk = words[i:i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk).fetchall())
    return out


def _terms_of(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[int, frozenset[str]]]:
    out = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out += [(r[0], frozenset((r[1] or "").split())) for r in conn.execute(
            f"SELECT article_id, terms FROM minhashes WHERE article_id IN ({','.join('?' * len(chunk))})",
            chunk)]
    return out


def merge(conn: sqlite3.Connection, ids: Iterable[int], story_pairs: Iterable[tuple[int, int]],
          syndicate_pairs: Iterable[tuple[int, int]]) -> None:
    """Give new articles their own story and syndicate, then merge along the pairs (a merged
    group takes its smallest id) and rewrite the ``stories`` rows that changed."""
    ids = list(ids)
    conn.executemany("UPDATE articles SET story_id = coalesce(story_id, id), "
                     "syndicate_id = coalesce(syndicate_id, id) WHERE id = ?", [(i,) for i in ids])
    _union(conn, "syndicate_id", syndicate_pairs)
    touched = set(_union(conn, "story_id", story_pairs))
    touched.update(r[0] for r in _chunked(conn, "SELECT story_id FROM articles WHERE id IN", ids))
    for sid in sorted(touched):
        conn.execute("DELETE FROM stories WHERE id = ?", (sid,))
        conn.execute(
            "INSERT INTO stories (id, size, outlets, headline, first_date, last_date) "
            "SELECT story_id, count(*), count(DISTINCT outlet), "
            "(SELECT headline FROM articles b WHERE b.story_id = a.story_id ORDER BY b.date, b.id LIMIT 1), "
            "min(date), max(date) FROM articles a WHERE story_id = ? GROUP BY story_id", (sid,))


def _chunked(conn: sqlite3.Connection, sql: str, values: list[int]) -> list[tuple[int]]:
    out = []
    for i in range(0, len(values), 500):
        chunk = values[i:i + 500]
        out += conn.execute(f"{sql} ({','.join('?' * len(chunk))})", chunk).fetchall()
    return out


def _union(conn: sqlite3.Connection, column: str, pairs: Iterable[tuple[int, int]]) -> list[int]:
    """Merge the groups (``story_id`` or ``syndicate_id``) joined by pairs; return the ids that
    disappeared and the ids that grew."""
    out: list[int] = []
    for a, b in pairs:
        row = conn.execute(f"SELECT (SELECT {column} FROM articles WHERE id = ?), "
                           f"(SELECT {column} FROM articles WHERE id = ?)", (a, b)).fetchone()
        ga, gb = row
        if ga is None or gb is None or ga == gb:
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        conn.execute(f"UPDATE articles SET {column} = ? WHERE {column} = ?", (keep, gone))
        out += [keep, gone]
    return out


def count_stories(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])
