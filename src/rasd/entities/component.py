"""The ``ar.entities.v1`` component: named entities, linked to the knowledge base.

``find`` tags the article's sentences (never boilerplate), adds dictionary
names, links every mention (see :mod:`.linking`), clusters people across
the article and returns ``Span`` objects; ``annotate`` stores them in the
``entities`` layer. Agencies, outlets and photo credits that the structure
component found in the sources line and captions (``sources``/``credits``
layers) become ``ORG`` entities too, linked to the same records.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import layers as L
from ..model import CONTENT_KINDS, Article, Span
from ..settings import Settings
from ..structure.sources import match_source
from ..tokens import clitic_candidates
from .kb import PLACE_TYPES, POPULATED, KnowledgeBase, Record, default_kb, key
from .linking import (
    SMALL_TOWN,
    Mention,
    context_countries,
    find_role,
    link_ministry,
    rank,
    record_attrs,
    shares,
)
from .mentions import find_mentions
from .model import default_tagger
from .places import place_here
from .prior import word_prior
from .translit import transliterate

NAME = "ar.entities.v1"
LAYER = L.ENTITIES
READS = (L.BLOCKS, L.SOURCES, L.CREDITS, L.TOKENS, L.SENTENCES)
WRITES = (L.ENTITIES,)
MAX_CANDIDATES = 3
#: a tagger this sure of ORG/PERS keeps the mention off GeoNames places
SURE = 0.8


def find(article: Article, settings: Settings) -> list[Span]:
    kb = default_kb()
    mentions = find_mentions(article, kb, default_tagger())
    words = [t.norm for t in article.tokens if t.kind == "word" and t.block >= 0
             and article.blocks[t.block].label in CONTENT_KINDS]
    relabel_surnames(kb, mentions, article)
    for m in mentions:
        m.ids = place_ids(kb, m)
    context = context_countries(kb, mentions, words)
    link_all(kb, mentions, context, article)
    # a name only the dictionary proposed stands only when it linked
    mentions = [m for m in mentions if m.origin != "kb" or m.attrs.get("kb_id")]
    cluster_people(kb, mentions, context)
    spans = [Span(m.start, m.end, m.label, NAME, m.attrs) for m in mentions]
    spans += source_entities(article, kb)
    return sorted(spans, key=lambda s: (s.start, s.end))


def annotate(article: Article, spans: list[Span]) -> None:
    article.layers[LAYER] = spans


def relabel_surnames(kb: KnowledgeBase, mentions: list[Mention], article: Article) -> None:
    """A one-word LOC/ORG mention that repeats a word of an earlier person's name is that
    person (``هشام جنينة`` … ``جنينة``, not the Sudanese town Geneina)."""
    names: set[str] = set()
    for m in mentions:
        words = m.key.split()
        if m.label == "PERS" and len(words) > 1:
            names.update(w for w in words[1:] if len(w) > 2)
        elif m.label in ("LOC", "ORG") and len(words) == 1:
            reading = next(((p, s) for p, s in clitic_candidates(m.key) if s in names), None)
            records = [kb.get(i) for i in m.ids]
            if reading is None or any(r is not None and r.type == "country" for r in records):
                continue
            m.label = "PERS"
            m.ids = tuple(r.id for r in records if r is not None and r.type == "person")
            if reading[0]:  # لجنينة: the person is جنينة
                ns = article.normalized.norm_offset(m.start) + len(reading[0])
                m.start, m.key = article.normalized.starts[ns], reading[1]


def link_all(kb: KnowledgeBase, mentions: list[Mention], context: Counter[str], article: Article) -> None:
    """Choose a record for each mention (or a transliteration when none fits)."""
    ministries: dict[str, dict[str, Any]] = {}
    for m in mentions:
        attrs = link_ministry(kb, m.key)
        if attrs is None and m.ids:
            attrs = choose(kb, m, context)
        if attrs is None and not m.ids and m.label == "LOC":
            attrs = link_tail(kb, m, context)
        if attrs is None and m.key.startswith("وزاره"):
            attrs = ministries.get(m.key)  # "وزارة الخارجية" after "وزارة الخارجية الأميركية"
        if attrs is None and m.label == "ORG":
            entry = match_source(article.text[m.start:m.end], ("agency", "outlet"))
            rec = kb.get("org:" + entry.id) if entry else None
            if rec is not None:
                attrs = {**record_attrs(rec), "score": 1.0}
        if attrs is not None and attrs.get("type") == "ministry":
            base = " ".join(m.key.split()[:2])
            ministries.setdefault(base, attrs)
        if attrs is None:
            attrs = {"translit": transliterate(m.key)} if m.key and m.label != "MISC" else {}
        if m.origin in ("org+place", "org+owner"):
            attrs.pop("translit", None)  # a description (برلمان ليبيا), not a name to spell
            place = located_in(kb, m, stripped=m.origin == "org+place")
            if place and m.origin == "org+place":
                attrs["located_in"] = place
            elif place and place.get("country"):
                attrs["country"] = place["country"]  # برلمان ليبيا: Libya's parliament
        else:
            m.label = _label_for(attrs.get("type", ""), m.label)
        m.attrs = attrs


def link_tail(kb: KnowledgeBase, m: Mention, context: Counter[str]) -> dict[str, Any] | None:
    """A longer name links like its short form: ``ناغورني قره باغ`` like ``قره باغ``,
    ``منتجع كامب ديفيد`` like ``كامب ديفيد``. Leading words are dropped one at a time
    while at least two words remain (a single last word is too often a namesake:
    ``نورث كارولينا`` is not Carolina, Puerto Rico); the rest must name a place.
    ``reason`` ends in ``+tail``."""
    words = m.key.split()
    for i in range(1, len(words) - 1):
        rest = words[i:]
        found = kb.lookup(" ".join(rest))
        ranked = rank(kb, found.ids, "LOC", context) if found and not found.cut else []
        ranked = [r for r in ranked if r[1].type in PLACE_TYPES]
        if ranked:
            attrs = record_attrs(ranked[0][1])
            attrs["score"] = round(shares(ranked)[0], 3)
            attrs["reason"] = ranked[0][2] + "+tail"
            return attrs
    return None


def located_in(kb: KnowledgeBase, m: Mention, *, stripped: bool = True) -> dict[str, Any] | None:
    """The place at the end of an organisation's name (``الجامعة الألمانية بالقاهرة`` ->
    Cairo, behind a stripped ``ب``; ``برلمان ليبيا`` -> Libya with ``stripped=False``), as
    record attributes, or ``None``."""
    words = m.key.split()
    for size in (3, 2, 1):
        if len(words) <= size:
            continue
        found = kb.lookup(" ".join(words[-size:]))
        ranked = rank(kb, found.ids, "LOC", Counter()) if found and (found.cut or not stripped) else []
        if ranked and ranked[0][1].type in PLACE_TYPES:
            return record_attrs(ranked[0][1])
    return None


def _label_for(rtype: str, label: str) -> str:
    if rtype == "person":
        return "PERS"
    if rtype in PLACE_TYPES:
        return "LOC"
    if rtype in ("organisation", "agency", "outlet", "company", "party", "agency_gov", "ministry", "photo"):
        return "ORG"
    return label


def place_ids(kb: KnowledgeBase, m: Mention) -> tuple[str, ...]:
    """The mention's candidates without the places the evidence rejects (see
    :mod:`.places`): a one-word name whose reading is an ordinary word here. Countries
    stay unless reached by stripping a proclitic off a word that is mostly not a place."""
    if m.origin in ("org+place", "org+owner"):
        return m.ids
    recs = [kb.get(i) for i in m.ids]
    if m.label in ("ORG", "PERS") and m.origin == "crf" and (m.tag_p or 0) >= SURE:
        # نادي اليرموك: not the town al-Yarmuk; ميناء الحديدة (ORG at 0.55) may still be the city
        return tuple(r.id for r in recs
                     if r is not None and not (r.id.startswith("gn:") and r.label == "LOC"))
    if len(m.key.split()) > 1:
        return m.ids
    gated = [r.id for r in recs if r is not None and r.type in PLACE_TYPES
             and (r.type != "country" or (m.stripped and word_prior(m.surface) is not None))]
    if not gated or place_here(m.surface, m.stripped, m.tag_p, m.context, m.key):
        return m.ids
    return tuple(i for i in m.ids if i not in gated)


def vouched(m: Mention, best: Record, context: Counter[str]) -> bool:
    """A one-word GeoNames place that only the dictionary found, on a word the tagger never
    saw in training (its place rate then comes from its word cluster: ``عفرين``), stands only
    in a country the article is about; ``الكنائس`` ("the churches") is not Alcañiz, Spain.
    Any one-word small town in a country the article never names, while it names another at
    least twice, is a namesake (:func:`_foreign_namesake`)."""
    if " " not in m.key and _foreign_namesake(best, context):
        return False
    if m.origin != "kb" or " " in m.key or not best.id.startswith("gn:") or best.label != "LOC":
        return True
    prior = word_prior(m.surface)
    if prior is not None and prior.known:
        return True
    return bool(best.country and context.get(best.country))


#: A one-word small town (:data:`.linking.SMALL_TOWN`) in a country the article gives no
#: other evidence of (its own mention aside), while it names another at least twice, is a
#: namesake: left unlinked (``المرج`` in a Ghouta article is not Al Marj, Libya; ``يوبي`` in a
#: Nigerian one is not Ube, Japan).


def _foreign_namesake(best: Record, context: Counter[str]) -> bool:
    if best.type not in POPULATED or not best.country or best.population >= SMALL_TOWN:
        return False
    own = context.get(best.country, 0)  # at most the town's own mention
    others = max((n for c, n in context.items() if c != best.country), default=0)
    return own <= 1 and others >= 2


def choose(kb: KnowledgeBase, m: Mention, context: Counter[str]) -> dict[str, Any] | None:
    ranked = rank(kb, m.ids, m.label, context, kind=m.context.kind, name=m.key)
    if not ranked or not vouched(m, ranked[0][1], context):
        return None
    share = shares(ranked)
    _, best, reason = ranked[0]
    attrs = record_attrs(best)
    attrs["score"] = round(share[0], 3)
    attrs["reason"] = reason
    if len(ranked) > 1:
        attrs["candidates"] = [
            {"kb_id": rec.id, "name_en": rec.name_en, "country": rec.country, "score": round(p, 3)}
            for (_, rec, _), p in zip(ranked[:MAX_CANDIDATES], share, strict=False)]
    return attrs


def cluster_people(kb: KnowledgeBase, mentions: list[Mention], context: Counter[str]) -> None:
    """One cluster per person across the article; roles and links shared in a cluster."""
    clusters: list[dict[str, Any]] = []
    for m in mentions:
        if m.label != "PERS":
            continue
        words = set(m.key.split())
        kb_id = m.attrs.get("kb_id")
        cluster = next((c for c in clusters if kb_id and c["kb_id"] == kb_id), None)
        if cluster is None and not kb_id:
            cluster = next((c for c in reversed(clusters) if words and words <= c["words"]), None)
        if cluster is None:
            cluster = {"id": f"p{len(clusters) + 1}", "kb_id": kb_id, "words": set(), "attrs": m.attrs,
                       "role": None}
            clusters.append(cluster)
        cluster["words"] |= words
        person = kb.get(kb_id) if kb_id else None
        role = find_role(kb, m.before, person, context)
        if role and not cluster["role"]:
            cluster["role"] = role
        m.attrs["_cluster"] = cluster
    for m in mentions:
        cluster = m.attrs.pop("_cluster", None)
        if cluster is None:
            continue
        if not m.attrs.get("kb_id") and cluster["kb_id"]:
            m.attrs = {k: v for k, v in cluster["attrs"].items() if k != "translit"}
        elif not m.attrs.get("kb_id") and "translit" in cluster["attrs"]:
            m.attrs["translit"] = cluster["attrs"]["translit"]
        m.attrs["cluster"] = cluster["id"]
        if cluster["role"]:
            m.attrs["role"] = cluster["role"]


def source_entities(article: Article, kb: KnowledgeBase) -> list[Span]:
    """``ORG`` entities for the agencies, outlets and photo credits of the structure layers."""
    out = []
    for layer in ("sources", "credits"):
        for span in article.layer(layer):
            sid = span.attrs.get("id")
            rec = kb.get(f"org:{sid}") if sid else None
            if rec is not None:
                attrs: dict[str, Any] = {**record_attrs(rec), "score": 1.0}
            else:
                translit = None if sid else transliterate(key(article.span_text(span)))
                attrs = {"kb_id": f"src:{sid}" if sid else None, "name_en": span.attrs.get("name"),
                         "type": span.label, "translit": translit}
                attrs = {k: v for k, v in attrs.items() if v}
            attrs["from_layer"] = layer
            out.append(Span(span.start, span.end, "ORG", NAME, attrs))
    return out
