"""Fusion: which event reports of different articles tell of one incident.

ACLED's rule reads one event as one **type family, actors, location and day**. Two reports
(:class:`Node`) are **compatible** when they could be one incident: the same type family,
the same country, days that can coincide, places that can coincide (two towns more than
:data:`PLACE_KM` apart cannot; a country- or region-level report can be any town of it) and
two different texts (two records of one article were kept apart by the events component,
which merges what it can inside an article). Two compatible reports are **linked** when
something says they are one: the same place, or the two articles are near-duplicates or
rewrites of one story (:func:`story_similar`).

Reports are fused in two steps, each a pure function of the reports it is given, so the
result does not depend on the order in which articles were ingested:

1. Reports dated to a day by their own text are clustered per *block* (type family,
   country, day) by complete-link agglomeration over links, strongest first
   (:func:`cluster`): two clusters merge only when every pair across them is compatible, so
   a country-level report cannot chain two towns into one event.
2. A report with no day of its own (its window is the :data:`~.reports.LOOKBACK_DAYS` before
   publication, or a week or month) is **attached** to the best dated cluster of its family
   and country within its window that it is compatible with and linked to (:func:`attach`);
   the others are clustered among themselves per (family, country, last day).

Thresholds were chosen on the ``tune`` part of the fusion gold (eval/eval_fusion.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date

from .stories import similarity

#: Two places with coordinates more than this far apart are two places (km). Chosen on the tune
#: part of the fusion gold among 5, 10 and 25 (eval/eval_fusion.py --sweep): reports of a town
#: often name the nearest city instead (Damascus for Douma, 13 km away).
PLACE_KM = 25.0
#: MinHash similarity of two articles' openings at which they are one story (near-duplicates).
STORY_MINHASH = 0.3
#: Jaccard similarity of two articles' salient headline/lead words at which they are one story
#: (chosen on the tune part among 0.08, 0.12, 0.16 and 0.2).
STORY_JACCARD = 0.16


@dataclass
class Node:
    """A report as fusion reads it (a row of ``event_reports`` and its article's signals)."""

    id: int
    key: str
    family: str
    country: str | None
    admin1: str | None
    kb_id: str | None
    place: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    lo: Date
    hi: Date
    dated: bool
    sub_event_type: str | None
    terms: frozenset[str]
    sig: bytes | None
    syndicate: int | None

    @property
    def text(self) -> str:
        """The article's text hash: reports of one text are never fused."""
        return self.key.split(":", 1)[0]

    @property
    def coarse(self) -> bool:
        """A region- or country-level place, or none with coordinates."""
        return self.precision is None or self.precision >= 3 or self.lat is None or self.lon is None


def distance_km(a: Node, b: Node) -> float:
    """Great-circle distance (haversine, Earth radius 6,371 km); inf without coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: Node, b: Node, km: float = PLACE_KM) -> bool:
    """Both town-level and the same town: one knowledge-base id, one name, or close enough."""
    if a.coarse or b.coarse:
        return False
    if a.kb_id and a.kb_id == b.kb_id:
        return True
    if a.place and a.place == b.place:
        return True
    return distance_km(a, b) <= km


def place_compatible(a: Node, b: Node, km: float = PLACE_KM) -> bool:
    if not a.coarse and not b.coarse:
        return same_place(a, b, km)
    return not (a.admin1 and b.admin1 and a.admin1 != b.admin1)


def story_similar(a: Node, b: Node, minhash: float = STORY_MINHASH, jaccard: float = STORY_JACCARD) -> bool:
    """The two articles are near-duplicates or rewrites of one story (pairwise signals only: a
    syndicate group is transitive and grows as articles arrive, so it would make the result
    depend on the order of ingest)."""
    if a.sig is not None and b.sig is not None and similarity(a.sig, b.sig) >= minhash:
        return True
    union = len(a.terms | b.terms)
    return bool(union) and len(a.terms & b.terms) / union >= jaccard


@dataclass(frozen=True)
class Params:
    """Fusion thresholds (defaults above; eval/eval_fusion.py sweeps them on the tune part)."""

    place_km: float = PLACE_KM
    story_minhash: float = STORY_MINHASH
    story_jaccard: float = STORY_JACCARD


DEFAULT = Params()


def compatible(a: Node, b: Node, p: Params = DEFAULT) -> bool:
    """Whether two reports could be one incident (never false for a pair that is)."""
    return (a.family == b.family and a.country is not None and a.country == b.country
            and a.text != b.text and a.lo <= b.hi and b.lo <= a.hi and place_compatible(a, b, p.place_km))


def link(a: Node, b: Node, p: Params = DEFAULT) -> float | None:
    """How strongly two compatible reports are said to be one incident, or None."""
    if not compatible(a, b, p):
        return None
    place = same_place(a, b, p.place_km)
    story = story_similar(a, b, p.story_minhash, p.story_jaccard)
    if not (place or story):
        return None
    score = 2.0 * place + 1.0 * story + 0.5 * (a.sub_event_type == b.sub_event_type)
    if a.sig is not None and b.sig is not None:
        score += similarity(a.sig, b.sig)
    return score


def cluster(nodes: Iterable[Node], p: Params = DEFAULT) -> list[list[Node]]:
    """Complete-link clusters over links, strongest link first (ties by keys); each cluster
    sorted by key, the clusters by their first key. A pure function of the set of nodes."""
    ordered = sorted(nodes, key=lambda n: n.key)
    edges = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            score = link(a, b, p)
            if score is not None:
                edges.append((-score, a.key, b.key, a, b))
    edges.sort(key=lambda e: e[:3])
    group: dict[str, list[Node]] = {n.key: [n] for n in ordered}
    for _, _, _, a, b in edges:
        ga, gb = group[a.key], group[b.key]
        if ga is gb or not all(compatible(x, y, p) for x in ga for y in gb):
            continue
        ga.extend(gb)
        for y in gb:
            group[y.key] = ga
    seen: dict[int, list[Node]] = {}
    for g in group.values():
        seen.setdefault(id(g), g)
    return sorted((sorted(g, key=lambda n: n.key) for g in seen.values()), key=lambda g: g[0].key)


def attach(u: Node, clusters: dict[str, list[Node]], p: Params = DEFAULT) -> str | None:
    """The dated cluster (by id) an undated report belongs to: compatible with every member,
    linked to one; the strongest link wins, ties go to the smaller cluster id."""
    best: tuple[float, str] | None = None
    for cid in sorted(clusters):
        members = clusters[cid]
        if not all(compatible(u, x, p) for x in members):
            continue
        scores = [s for x in members if (s := link(u, x, p)) is not None]
        if scores and (best is None or (-max(scores), cid) < best):
            best = (-max(scores), cid)
    return None if best is None else best[1]
