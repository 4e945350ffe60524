"""Places and dates for events: from the ``entities`` and ``dates`` layers when
they are there, otherwise from small fallbacks (the events gazetteer
``events_places.json``; weekdays, أمس and day-month dates anchored on the
article's publication date, never on the machine's clock).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicon import load
from ..normalize import normalize_str
from .text import SentenceView, clitic_forms


@dataclass
class Place:
    start: int  # normalized offsets in the sentence
    end: int
    text: str
    kind: str  # city | country | region | admin1 | place
    country: str | None
    name_en: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    kb_id: str | None = None
    near: bool = False
    raw: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name_en or self.raw or self.text,
            "text": self.raw or self.text,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "kb_id": self.kb_id,
        }


@dataclass
class DateMention:
    start: int
    end: int
    value: str | None  # ISO day, month (YYYY-MM) or year
    precision: str  # day | week | month | year
    kind: str  # absolute | relative


@cache
def gazetteer() -> tuple[dict[str, dict[str, Any]], dict[str, str], dict[str, dict[str, Any]]]:
    """(place index by normalized name, demonym -> ISO2, countries by ISO2)."""
    data = load("events_places")
    countries = data["countries"]
    index: dict[str, dict[str, Any]] = {}
    for name, entry in data["cities"].items():
        index[normalize_str(name)] = {"kind": "city", **entry}
    for name, iso2 in data["country_names"].items():
        c = countries[iso2]
        index[normalize_str(name)] = {
            "kind": "country",
            "country": iso2,
            "name_en": c["name_en"],
            "lat": c["lat"],
            "lon": c["lon"],
            "admin1": None,
        }
    for word in _AMBIGUOUS:
        index.pop(normalize_str(word), None)
    demonyms: dict[str, str] = {}
    for name, iso2 in data["demonyms"].items():
        key = normalize_str(name)
        demonyms.setdefault(key, iso2)
        # the case and number forms the lists leave out: اسرائيلي -> اسرائيليين، اسرائيليون
        if key.endswith("ي"):
            for form in (key + "ين", key + "ون", key + "ه"):
                demonyms.setdefault(form, iso2)
        elif key.endswith("ون"):
            demonyms.setdefault(key[:-2] + "ين", iso2)
    return index, demonyms, countries


# Place names that are also common words in news text.
_AMBIGUOUS = (
    "صور",
    "الامل",
    "النصر",
    "السلام",
    "الوحده",
    "الحريه",
    "الشعب",
    "الاستقلال",
    "الجمعه",
    "حيث",
    "مدينه",
    "الثوره",
    "عمر",
    "سلطان",
    "ادلب المدينه",
    "الحسين",
    "الامير",
    "دوله",
    "الدوله",
)
_AMBIGUOUS_NORM = frozenset(normalize_str(w) for w in _AMBIGUOUS)


@cache
def _region_terms() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load("events_actors")
    return (
        tuple(normalize_str(w) for w in data["region_words"]),
        tuple(normalize_str(w) for w in data["near_words"]),
    )


def find_places(view: SentenceView, entity_spans: list[Any] | None = None) -> list[Place]:
    if entity_spans:
        places = [
            _from_entity(view, s)
            for s in entity_spans
            if s.label == "LOC" and view.start <= s.start and s.end <= view.end
        ]
        places = [p for p in places if not _ambiguous(p.text) and p.kind != "continent" and _plausible(p)]
        places += [p for p in _lookup(view) if not any(q.start < p.end and p.start < q.end for q in places)]
    else:
        places = _lookup(view)
    places += _regions(view, places)
    _mark_near(view, places)
    for p in places:
        p.raw = view.raw_text(p.start, p.end)
    return sorted(places, key=lambda p: p.start)


def _plausible(place: Place) -> bool:
    """A short one-word place name (``لوم``, ``كان``, ``رجل``) is kept only if the events
    gazetteer knows it: such words are more often common nouns or verbs."""
    words = place.text.split()
    if len(words) > 1 or len(words[0]) > 4:
        return True
    index = gazetteer()[0]
    return any(f in index for f in clitic_forms(words[0]))


def _ambiguous(text: str) -> bool:
    words = text.split()
    return len(words) == 1 and any(f in _AMBIGUOUS_NORM for f in clitic_forms(words[0]))


def _from_entity(view: SentenceView, span: Any) -> Place:
    a = span.attrs
    ns, ne = view.norm_pos(span.start), view.norm_pos(span.end)
    kind = str(a.get("type") or "place").lower()
    kind = {
        "country": "country",
        "pcli": "country",
        "city": "city",
        "town": "city",
        "village": "city",
        "ppl": "city",
        "ppla": "city",
        "pplc": "city",
        "admin1": "admin1",
        "province": "admin1",
        "state": "admin1",
        "governorate": "admin1",
        "admin2": "admin1",
        "district": "admin1",
        "region": "region" if a.get("country") else "continent",
    }.get(kind, "place")
    return Place(
        ns,
        ne,
        view.text[ns:ne],
        kind,
        a.get("country"),
        a.get("name_en"),
        a.get("admin1"),
        a.get("lat"),
        a.get("lon"),
        a.get("kb_id"),
    )


def _lookup(view: SentenceView) -> list[Place]:
    index, _dem, _c = gazetteer()
    words = view.words
    out: list[Place] = []
    i = 0
    while i < len(words):
        hit = None
        for n in (4, 3, 2, 1):
            if i + n > len(words):
                continue
            rest = " ".join(w for _s, _e, w in words[i + 1 : i + n])
            for form in clitic_forms(words[i][2]):
                key = f"{form} {rest}".strip()
                if key in index:
                    hit = (n, index[key])
                    break
            if hit:
                break
        if hit:
            n, e = hit
            s, end = words[i][0], words[i + n - 1][1]
            out.append(
                Place(
                    s,
                    end,
                    view.text[s:end],
                    e["kind"],
                    e.get("country"),
                    e.get("name_en"),
                    e.get("admin1"),
                    e.get("lat"),
                    e.get("lon"),
                    f"geonames:{e['geonameid']}" if e.get("geonameid") else None,
                )
            )
            i += n
        else:
            i += 1
    return out


def _regions(view: SentenceView, places: list[Place]) -> list[Place]:
    regions, _near = _region_terms()
    out: list[Place] = []
    for term in regions:
        for m in re.finditer(rf"(?<!\w)(?:[وف]?[بكل]?)?{re.escape(term)}(?!\w)", view.text):
            if not any(p.start <= m.start() < p.end for p in places + out):
                out.append(Place(m.start(), m.end(), m.group(), "region", None))
    return out


def _mark_near(view: SentenceView, places: list[Place]) -> None:
    near = _region_terms()[1]
    for p in places:
        before = view.text[max(0, p.start - 14) : p.start].split()
        if before and any(before[-1].endswith(w) or " ".join(before[-2:]) == w for w in near):
            p.near = True


# ---------------------------------------------------------------------------
# Dates
@cache
def _calendar() -> tuple[dict[str, int], dict[str, int]]:
    cal = load("calendar")
    months: dict[str, int] = {}
    for series in ("gregorian_months", "levantine_months", "maghrebi_months"):
        for name, num in cal.get(series, {}).items():
            months[normalize_str(name)] = int(num)
    return months, _WEEKDAYS


_WEEKDAYS = {"الاثنين": 1, "الثلاثاء": 2, "الاربعاء": 3, "الخميس": 4, "الجمعه": 5, "السبت": 6, "الاحد": 7}
_RELATIVE = re.compile(
    r"(?<!\w)(?:[وف]?(?P<ago>اول امس|امس)(?:\s+(?:يوم\s+)?(?P<wd1>\w+))?|"
    r"[وف]?(?:يوم\s+)?(?P<wd2>ال(?:اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد))|[وف]?(?P<today>اليوم))(?!\w)"
)


def find_dates(
    view: SentenceView, published: str | None, date_spans: list[Any] | None = None
) -> list[DateMention]:
    if date_spans:
        out = []
        for s in date_spans:
            if view.start <= s.start and s.end <= view.end and s.attrs.get("value"):
                out.append(
                    DateMention(
                        view.norm_pos(s.start),
                        view.norm_pos(s.end),
                        str(s.attrs["value"]),
                        str(s.attrs.get("precision") or "day"),
                        str(s.attrs.get("kind") or "absolute"),
                    )
                )
        return out
    return _absolute(view, published) + _relative(view, published)


def _anchor(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _relative(view: SentenceView, published: str | None) -> list[DateMention]:
    base = _anchor(published)
    out = []
    for m in _RELATIVE.finditer(view.text):
        value = None
        wd = m.group("wd1") if m.group("wd1") in _WEEKDAYS else m.group("wd2")
        if m.group("ago") and not wd:
            wd_end = m.end("ago")
            days = 2 if m.group("ago") == "اول امس" else 1
            value = (base - dt.timedelta(days=days)).isoformat() if base else None
            out.append(DateMention(m.start(), wd_end, value, "day", "relative"))
            continue
        if m.group("today"):
            out.append(DateMention(m.start(), m.end(), base.isoformat() if base else None, "day", "relative"))
            continue
        if wd and base:
            delta = (base.isoweekday() - _WEEKDAYS[wd]) % 7
            value = (base - dt.timedelta(days=delta)).isoformat()
        out.append(DateMention(m.start(), m.end(), value, "day", "relative"))
    return out


def _absolute(view: SentenceView, published: str | None) -> list[DateMention]:
    months, _wd = _calendar()
    base = _anchor(published)
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    pattern = re.compile(
        rf"(?<!\w)(?P<day>\d{{1,2}})\s+(?:من\s+)?(?P<month>{names})(?:\s*[/(]?\s*(?:{names})?\s*\)?)?"
        rf"(?:\s+(?:عام\s+)?(?P<year>\d{{4}}))?(?!\w)"
    )
    out = []
    for m in pattern.finditer(view.text):
        day, month = int(m.group("day")), months[m.group("month")]
        year = int(m.group("year")) if m.group("year") else (base.year if base else None)
        if year is None or not 1 <= day <= 31:
            continue
        if not m.group("year") and base and (month, day) > (base.month, base.day):
            year -= 1
        try:
            value = dt.date(year, month, day).isoformat()
        except ValueError:
            continue
        out.append(DateMention(m.start(), m.end(), value, "day", "absolute"))
    taken = [(d.start, d.end) for d in out]
    for m in _YEAR.finditer(view.text):
        if not any(s <= m.start("year") < e for s, e in taken):
            out.append(DateMention(m.start(), m.end(), m.group("year"), "year", "absolute"))
    if base:
        for m in _LAST_YEAR.finditer(view.text):
            out.append(DateMention(m.start(), m.end(), str(base.year - 1), "year", "relative"))
    return out


_YEAR = re.compile(r"(?<!\w)(?:[وف]?(?:عام|سنه|العام)\s+|[وف]?في\s+)(?P<year>(?:19|20)\d{2})(?!\w)")
_LAST_YEAR = re.compile(r"(?<!\w)(?:العام الماضي|السنه الماضيه|العام المنصرم)(?!\w)")
