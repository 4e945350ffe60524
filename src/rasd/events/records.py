"""One event record from a group of merged mentions: the fields of issue #6.

``evidence`` maps every field to the raw offsets of the sentence it was read
from; ``mentions`` lists every sentence that reports the event.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ..lexicon import load
from ..model import Article
from .actors import Mention, default_mention
from .figures import KINDS, Figure
from .where_when import Place, gazetteer

if TYPE_CHECKING:
    from .assemble import EventMention

_SUB_RANK = {"Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2}
_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_ARMED_TYPES = frozenset(
    {"state forces", "rebels", "political militia", "identity militia", "external forces"}
)
_REALIS_RANK = {
    "actual": 0,
    "reported-as-claim": 1,
    "historical": 2,
    "future": 3,
    "hypothetical": 4,
    "negated": 5,
}
_CONTEXT = {
    "future": "future",
    "hypothetical": "hypothetical",
    "negated": "negation",
    "historical": "historical",
}


@cache
def _types() -> dict[str, Any]:
    return load("events_types")


def build_record(article: Article, group: list[EventMention], country: str | None, n: int) -> dict[str, Any]:
    head = group[0]
    spec = head.cand.spec
    evidence: dict[str, list[int]] = {}

    def ev(fieldname: str, em: EventMention) -> None:
        evidence.setdefault(fieldname, list(em.sentence))

    ev("event_type", head)
    sub_em = max(group, key=lambda g: _SUB_RANK.get(g.cand.sub_event_type or "", 0))
    sub = sub_em.cand.sub_event_type
    event_type = spec.event_type
    ev("sub_event_type", sub_em)
    ev("plover", head)
    place_em = _best_place(group)
    location = _location(place_em.place if place_em else None, country, group)
    if place_em:
        ev("location", place_em)
    event_country = location.get("country") or country
    a1_em, actor1 = _actor(group, 1, event_country, spec.kind if hasattr(spec, "kind") else head.cand.kind)
    a2_em, actor2 = _actor(group, 2, event_country, head.cand.kind)
    if actor1 and actor2 and actor1["name"] == actor2["name"] and not actor2.get("assoc"):
        a2_em, actor2 = None, None  # one side named twice is not two sides
    if a1_em:
        ev("actor1", a1_em)
    if a2_em:
        ev("actor2", a2_em)
    date = _date(group, article)
    date_em = next((g for g in group if g.date and g.date.value == date.get("value")), None)
    if date_em:
        ev("date", date_em)
    totals, casualties = _figures(group, evidence)
    realis = min((g.cand.realis for g in group), key=lambda r: _REALIS_RANK[r])
    ev("realis", next(g for g in group if g.cand.realis == realis))
    source = _source(article)
    if source.get("span"):
        evidence["source"] = source.pop("span")
    else:
        source.pop("span", None)
    disorder = _types()["disorder_overrides"].get(sub) or (
        _types()["acled"][spec.event_type]["disorder_type"] if spec.event_type else None
    )
    tags = sorted({t for g in group for t in g.cand.tags})
    context = sorted({c for g in group for c in _contexts(g)})
    if (
        event_type == "Violence against civilians"
        and sub == "Attack"
        and actor2
        and actor2["type"] in _ARMED_TYPES
    ):
        # ACLED: an attack on an armed actor is a battle, not violence against civilians
        event_type, sub, disorder = "Battles", "Armed clash", "Political violence"
    inter1 = _inter(actor1)
    inter2 = _inter(actor2)
    record: dict[str, Any] = {
        "id": f"e{n}",
        "event_type": event_type,
        "sub_event_type": sub,
        "disorder_type": disorder,
        "rasd_type": spec.rasd_type,
        "plover": {
            "event": spec.plover,
            "mode": _mode(group),
            "context": context,
            "quad_code": _types()["plover_quad"].get(spec.plover),
        },
        "actor1": actor1,
        "actor2": actor2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if actor2
        and actor2.get("type") == "civilians"
        and event_type in ("Violence against civilians", "Explosions/Remote violence")
        else "",
        "location": location,
        "date": date,
        "fatalities": totals.get("killed"),
        "injured": totals.get("injured"),
        "arrested": totals.get("arrested"),
        "casualties": casualties,
        "realis": realis,
        "confidence": _confidence(group),
        "tags": tags,
        "source": source,
        "trigger": _trigger(head),
        "evidence": evidence,
        "mentions": _mention_spans(group),
        "notes": " ".join(
            article.text[s:e].strip()
            for s, e in ((g.sentence[0], g.sentence[1]) for g in _unique_sentences(group)[:3])
        ),
    }
    _extras(article, group, record, event_country)
    return record


def _extras(article: Article, group: list[EventMention], record: dict[str, Any], country: str | None) -> None:
    """The fields only some events have: a protest's target, an embassy departure's
    kind, a motive."""
    evidence = record["evidence"]
    target_em = next((g for g in group if g.target is not None), None)
    if target_em is not None and target_em.target is not None:
        record["target"] = _actor_dict(target_em.target, country)
        record["target"]["name"] = target_em.target.raw or target_em.target.text
        evidence.setdefault("target", list(target_em.sentence))
    if record["rasd_type"] == "embassy_departure":
        departure = next((g.cand.departure for g in group if g.cand.departure), None)
        record["departure"] = departure
        if departure == "expelled":
            record["plover"]["mode"] = "expel"
    motive_em = next((g for g in group if g.cand.motive), None)
    if motive_em and motive_em.cand.motive:
        s, e = motive_em.view.raw_span(*motive_em.cand.motive)
        record["motive"] = {"text": article.text[s:e], "start": s, "end": e}
        evidence.setdefault("motive", list(motive_em.sentence))


def _confidence(group: list[EventMention]) -> float | None:
    """The trained check's highest sentence score (PROTEST / ASSAULT events only)."""
    scores = [g.confidence for g in group if g.confidence is not None]
    return round(max(scores), 3) if scores else None


def _mention_spans(group: list[EventMention]) -> list[list[int]]:
    spans = {tuple(g.sentence) for g in group} | {f.sentence for g in group for f in g.figures if f.sentence}
    return [list(s) for s in sorted(spans)]


def _unique_sentences(group: list[EventMention]) -> list[EventMention]:
    seen, out = set(), []
    for g in group:
        if g.sentence not in seen:
            seen.add(g.sentence)
            out.append(g)
    return out


def _trigger(em: EventMention) -> dict[str, Any]:
    s, e = em.view.raw_span(em.cand.trigger.start, em.cand.trigger.end)
    return {
        "start": s,
        "end": e,
        "text": em.view.raw_text(em.cand.trigger.start, em.cand.trigger.end),
        "term": em.cand.trigger.term,
    }


def _mode(group: list[EventMention]) -> str | None:
    spec = group[0].cand.spec
    for g in group:
        for t in g.cand.absorbed:
            from .triggers import kinds

            k = kinds()[t.kind]
            if k.plover == spec.plover and k.mode and spec.mode is None:
                return k.mode
    return spec.mode


def _contexts(em: EventMention) -> list[str]:
    out = [_CONTEXT[em.cand.realis]] if em.cand.realis in _CONTEXT else []
    if em.cand.motive:
        text = em.view.text[em.cand.motive[0] : em.cand.motive[1]]
        if any(w in text for w in ("اسعار", "الغاز", "الوقود", "الرواتب", "الاجور", "البطاله", "الغلاء")):
            out.append("economic")
    return out


# ---------------------------------------------------------------------------
def _best_place(group: list[EventMention]) -> EventMention | None:
    from .assemble import _SPECIFIC

    with_place = [g for g in group if g.place]
    if not with_place:
        return None
    return min(with_place, key=lambda g: _SPECIFIC.get(g.place.kind, 1) if g.place else 9)


def _location(place: Place | None, country: str | None, group: list[EventMention]) -> dict[str, Any]:
    _index, _dem, countries = gazetteer()
    iso2 = (place.country if place else None) or country
    c = countries.get(iso2 or "", {})
    out: dict[str, Any] = {
        "name": None,
        "text": None,
        "kind": None,
        "country": iso2,
        "country_name": c.get("name_en"),
        "iso": c.get("iso_num"),
        "region": _region(iso2, c),
        "admin1": None,
        "lat": c.get("lat"),
        "lon": c.get("lon"),
        "geo_precision": 3,
        "kb_id": None,
        "basis": "article",
    }
    if place is not None:
        out.update(place.to_dict())
        out["country"] = iso2
        out["basis"] = "text"
        if place.kind == "region" or place.lat is None:
            out["lat"], out["lon"] = c.get("lat"), c.get("lon")
            out["name"] = c.get("name_en") if place.kind == "region" else (out["name"] or c.get("name_en"))
        out["geo_precision"] = (
            1 if place.kind == "city" and not place.near else (2 if place.kind == "city" else 3)
        )
    else:
        out["name"] = c.get("name_en")
    spread = [p for g in group for p in g.spread]
    if spread:
        out["spread_to"] = [p.to_dict() for p in spread]
    return out


def _region(iso2: str | None, c: dict[str, Any]) -> str | None:
    if not iso2:
        return None
    types = _types()
    region = types["acled_region_by_country"].get(iso2) or types["acled_regions"].get(c.get("subregion", ""))
    return str(region) if region else None


def _date(group: list[EventMention], article: Article) -> dict[str, Any]:
    dated = [g for g in group if g.date and g.date.value]
    if dated:
        d = min(dated, key=lambda g: (_PRECISION.get(g.date.precision, 3), g.date.value))  # type: ignore[union-attr]
        dm = d.date
        assert dm is not None
        return {
            "value": dm.value,
            "precision": dm.precision,
            "time_precision": _PRECISION.get(dm.precision, 3),
            "kind": dm.kind,
            "basis": "text",
            "text": d.view.raw_text(dm.start, dm.end),
        }
    published = (article.meta.published or "")[:10] or None
    return {
        "value": published,
        "precision": "week" if published else None,
        "time_precision": 2 if published else 3,
        "kind": "published",
        "basis": "published" if published else "none",
        "text": None,
    }


# ---------------------------------------------------------------------------
def _actor(
    group: list[EventMention], role: int, country: str | None, kind: str
) -> tuple[EventMention | None, dict[str, Any] | None]:
    found = [(g, g.actor1 if role == 1 else g.actor2) for g in group]
    explicit = [(g, m) for g, m in found if m is not None]
    if explicit:
        g, m = max(explicit, key=lambda gm: _actor_rank(gm[1]))
        out = _actor_dict(m, country)
        assoc = [d for d in (_actor_dict(x, country) for _g, x in explicit) if not _same_actor(d, out)]
        if assoc:
            seen: set[str] = set()
            out["assoc"] = [a for a in assoc if not (a["name"] in seen or seen.add(a["name"]))]  # type: ignore[func-returns-value]
        return g, out
    default = _default_group(kind, role, group)
    if default is None:
        return None, None
    return None, _actor_dict(default_mention(default), country)


def _same_actor(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["name"] == b["name"]:
        return True
    state = ("state forces", "external forces")
    return (
        bool(a.get("country"))
        and a.get("country") == b.get("country")
        and a["type"] in state
        and b["type"] in state
    )


def _actor_rank(m: Mention) -> int:
    return {"person": 5, "org": 4, "government": 3, "police": 3, "military": 3, "country": 1}.get(m.group, 2)


def _default_group(kind: str, role: int, group: list[EventMention]) -> str | None:
    if role == 1:
        return {
            "riot": "rioters",
            "protest": "protesters",
            "strike": "protesters",
            "hunger_strike": "protesters",
            "obstruct": "protesters",
            "arrest": "police",
        }.get(kind)
    whos = [f.who for g in group for f in g.figures if f.who]
    if kind == "riot" and any(w and ("شرط" in w or "امن" in w) for w in whos):
        return "police"
    return None


def _actor_dict(m: Mention, country: str | None) -> dict[str, Any]:
    _index, _dem, countries = gazetteer()
    own = m.country
    home = own or country
    cname = countries.get(home or "", {}).get("name_en", "Unknown")
    atype = m.type
    if atype == "state forces" and own and country and own != country:
        atype = "external forces"
    if m.group in ("org",):
        name = m.name or m.text
    elif m.group in ("person", "country"):
        name = f"Government of {cname}"
    else:
        name = (m.name or "{country}").format(country=cname, name=m.raw or m.text)
    out: dict[str, Any] = {
        "name": name,
        "type": atype,
        "inter": _types()["inter"].get(atype),
        "sector": m.sector,
        "country": home,
        "text": m.raw or m.text or None,
        "default": m.default,
    }
    if m.person:
        out["person"] = m.person
    if m.kb_id:
        out["kb_id"] = m.kb_id
    if m.extra.get("anaphor_of"):
        out["refers_to"] = m.extra["anaphor_of"]
    return out


def _inter(actor: dict[str, Any] | None) -> int | None:
    return actor.get("inter") if actor else None


def _interaction(a: int | None, b: int | None) -> int | None:
    if a is None:
        return None
    if b is None:
        return a * 10
    lo, hi = sorted((a, b))
    return lo * 10 + hi


# ---------------------------------------------------------------------------
def _figures(
    group: list[EventMention], evidence: dict[str, list[int]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Totals per kind without double counting: identical figures count once, parts
    (``بينهم``) never add, figures for named sides add up, and a general figure (no
    side, or a running total) covers them when it is larger."""
    totals: dict[str, Any] = {}
    listed: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    by_kind: dict[str, list[Figure]] = {k: [] for k in KINDS}
    for g in group:
        for f in g.figures:
            if f.key() in seen:
                continue
            seen.add(f.key())
            by_kind[f.kind].append(f)
            listed.append(
                {
                    "kind": f.kind,
                    "min": f.min,
                    "best": f.best,
                    "max": f.max,
                    "who": f.who,
                    "subset": f.subset,
                    "cumulative": f.cumulative,
                    "figure_source": f.figure_source,
                    "start": f.raw[0] if f.raw else None,
                    "end": f.raw[1] if f.raw else None,
                    "evidence": list(f.sentence) if f.sentence else None,
                }
            )
    field_names = {"killed": "fatalities", "injured": "injured", "arrested": "arrested"}
    for kind, found in by_kind.items():
        figs = [f for f in found if not f.subset and f.best is not None]
        if not figs:
            continue
        general = [f for f in figs if not f.who or f.cumulative]
        sides = [f for f in figs if f.who and not f.cumulative]
        total = _sum(sides) if sides else None
        if general:
            top = max(general, key=lambda f: f.best or 0)
            total = _bound(top, total)
        totals[kind] = total
        src = max(general or sides, key=lambda f: f.best or 0)
        if src.sentence:
            evidence[field_names[kind]] = list(src.sentence)
    return totals, listed


def _sum(figs: list[Figure]) -> dict[str, Any]:
    out: dict[str, Any] = {"min": 0, "best": 0, "max": 0}
    for f in figs:
        out["min"] += f.min or 0
        out["best"] += f.best or 0
        out["max"] = None if out["max"] is None or f.max is None else out["max"] + f.max
    return out


def _bound(general: Figure, sides: dict[str, Any] | None) -> dict[str, Any]:
    """A general figure (``عشرات القتلى``) and the sum of named sides (18 police): the
    sides raise the lower bound and the best guess, the general figure caps the range."""
    lo, best, hi = general.min, general.best, general.max
    if sides:
        lo = max(lo or 0, sides["min"])
        best = max(best or 0, sides["best"])
        if hi is not None and hi < best:
            hi = best
    return {"min": lo, "best": best, "max": hi}


def _source(article: Article) -> dict[str, Any]:
    outlets = [s for s in article.layer("sources") if s.label == "outlet"]
    agencies = [s for s in article.layer("sources") if s.label == "agency"]
    spans = outlets + agencies
    out: dict[str, Any] = {
        "outlet": outlets[0].attrs.get("name") if outlets else (article.meta.site or None),
        "agencies": sorted({a.attrs.get("name") for a in agencies if a.attrs.get("name")}),
        "url": article.meta.url,
        "span": [min(s.start for s in spans), max(s.end for s in spans)] if spans else None,
    }
    return out
