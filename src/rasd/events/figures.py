"""Casualty and arrest figures: from the ``casualties`` layer when it is there,
otherwise from a small fallback reader of the sentence (``18 قتيلا``,
``عشرات القتلى``, ``اعتقل أكثر من 3800 شخص``, ``مقتل خمسة أشخاص``).

Each figure keeps ``min``/``best``/``max``, who it counts (``who``), whether it
is a part of another figure (``subset``: ``بينهم``/``منهم``) or a running total
(``cumulative``: ``حصيلة``, ``أحدث الأرقام``), and where it was said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from .text import SentenceView

KINDS = ("killed", "injured", "arrested")


@dataclass
class Figure:
    kind: str  # killed | injured | arrested
    min: int | None
    best: int | None
    max: int | None
    start: int  # normalized offsets in the sentence (fallback) or raw (layer: see ``raw``)
    end: int
    who: str | None = None
    subset: bool = False
    cumulative: bool = False
    figure_source: str | None = None
    raw: tuple[int, int] | None = None  # raw article offsets of the figure
    sentence: tuple[int, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def key(self) -> tuple[Any, ...]:
        return (self.kind, self.min, self.best, self.max, self.who)


_UNITS = {
    "واحد": 1,
    "شخص": 1,
    "اثنان": 2,
    "اثنين": 2,
    "ثلاثه": 3,
    "ثلاث": 3,
    "اربعه": 4,
    "اربع": 4,
    "خمسه": 5,
    "خمس": 5,
    "سته": 6,
    "ست": 6,
    "سبعه": 7,
    "سبع": 7,
    "ثمانيه": 8,
    "ثماني": 8,
    "تسعه": 9,
    "تسع": 9,
    "عشره": 10,
    "عشر": 10,
    "عشرين": 20,
    "عشرون": 20,
    "ثلاثين": 30,
    "ثلاثون": 30,
    "اربعين": 40,
    "خمسين": 50,
    "مئه": 100,
    "مائه": 100,
    "مئتي": 200,
    "مائتي": 200,
    "مئتان": 200,
    "مائتان": 200,
    "الف": 1000,
    "الفين": 2000,
    "الفا": 1000,
    "مليون": 1000000,
}
# Vague plurals: (min, best, max). Conservative best, as ACLED codes "dozens".
_VAGUE = {
    "عشرات": (20, 20, 99),
    "مئات": (200, 200, 999),
    "الاف": (2000, 2000, 9999),
    "الالاف": (2000, 2000, 9999),
    "عشرات الالاف": (20000, 20000, 99999),
}
_NUM = (
    r"(?:\d+(?:[.,]\d+)*(?:\s+(?:الف|مليون))?|عشرات الالاف|عشرات|مئات|الاف|الالاف|"
    + "|".join(sorted((k for k in _UNITS if k != "شخص"), key=len, reverse=True))
    + ")"
)
_QUAL = (
    r"(?:(?P<qual>اكثر من|ما يزيد (?:عن|علي)|ما لا يقل عن|لا يقل عن|نحو|حوالي|حوالى|قرابه|زهاء|اقل من|"
    r"ما يقارب|اكثر|اقل)\s+)?"
)
_NOUNS = {
    "killed": r"(?:ال)?(?:قتيل|قتيلا|قتلي|شهيد|شهيدا|شهداء|ضحيه|ضحايا|جثه|جثث|وفيات|حالات وفاه)",
    "injured": r"(?:ال)?(?:جريح|جريحا|جرحي|مصاب|مصابا|مصابين|اصابات|بجروح)",
    "arrested": r"(?:ال)?(?:معتقل|معتقلا|معتقلين|موقوف|موقوفا|موقوفين|محتجز|محتجزا|محتجزين|سجين|سجناء)",
}
_VERBS = {
    "killed": r"(?:[وف]?(?:مقتل|قتل|قتلت|قتلوا|مصرع|سقوط|استشهاد|استشهد|لقي|لقي حتفه))",
    "injured": r"(?:[وف]?(?:اصابه|اصيب|اصيبوا|اصيبت|جرح|جرحت|اصابت))",
    "arrested": (
        r"(?:[وف]?(?:اعتقال|اعتقل|اعتقلت|اعتقلوا|توقيف|اوقفت|احتجاز|احتجزت|القبض علي|القت القبض علي))"
    ),
}
_PERSON = (
    r"(?:\s+(?:من\s+)?(?:ال)?(?:اشخاص|شخصا|شخص|افراد|مدنيين|مدنيا|اخرين|اخرون|اخري|عناصر|جنود|جنديا|"
    r"شرطيا|شرطيين|متظاهرين|متظاهرا|محتجين|مسلحين|مسلحا|اطفال|طفلا|نساء|مواطنين|مواطنا|عسكريين|عسكريا))?"
)
_SUBSET_BEFORE = re.compile(r"(?:بينهم|بينهن|منهم|منهن|بينها)\s*$")
_CUMULATIVE = re.compile(
    r"حصيله|ارتفع عدد|ليرتفع|يرتفع عدد|الاجمالي|منذ بدء|منذ بدايه|احدث الارقام|اخر الارقام|في المجمل"
)
_SOURCE = re.compile(r"(?:بحسب|حسب|وفق|وفقا ل|نقلا عن)\s+((?:\w+\s?){1,5})")
_IN_RANKS = re.compile(r"(?:في|من)\s+صفوف(?:ها|هم|ه)?(?:\s+(?P<who>ال\w+))?")


def _compile() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for kind in KINDS:
        # "18 قتيلا", "أكثر من ألف جريح", "عشرات القتلى"
        out.append(
            (kind, re.compile(rf"(?<!\w)[وف]?{_QUAL}(?P<num>{_NUM})\s+(?:من\s+)?{_NOUNS[kind]}(?!\w)"))
        )
        # "مقتل 5 أشخاص", "اعتقل أكثر من 3800 شخص"
        out.append((kind, re.compile(rf"(?<!\w){_VERBS[kind]}\s+{_QUAL}(?P<num>{_NUM}){_PERSON}(?!\w)")))
    return out


_PATTERNS = _compile()


def parse_number(num: str, qual: str | None) -> tuple[int | None, int | None, int | None]:
    num = num.strip()
    if num in _VAGUE:
        lo, best, hi = _VAGUE[num]
    else:
        parts = num.split()
        digits = parts[0].replace(",", "")
        try:
            value = float(digits) if digits[:1].isdigit() else float(_UNITS[digits])
        except (KeyError, ValueError):
            return None, None, None
        if len(parts) > 1:
            value *= _UNITS[parts[1]]
        lo = best = hi = int(value)
    if qual in ("اكثر من", "ما يزيد عن", "ما يزيد علي", "اكثر"):
        return lo + 1 if lo == hi else lo, (lo + 1 if lo == hi else best), None if lo == hi else hi
    if qual in ("ما لا يقل عن", "لا يقل عن"):
        return lo, best, None
    if qual in ("اقل من", "اقل"):
        return None, max(0, hi - 1), hi - 1
    return lo, best, hi


def read_figures(view: SentenceView) -> list[Figure]:
    """The fallback reader: figures in one sentence (normalized offsets)."""
    text = view.text
    found: list[Figure] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            lo, best, hi = parse_number(m.group("num"), m.group("qual"))
            if best is None:
                continue
            fig = Figure(kind, lo, best, hi, m.start(), m.end())
            fig.subset = bool(_SUBSET_BEFORE.search(text[max(0, m.start() - 12) : m.start()]))
            fig.cumulative = bool(_CUMULATIVE.search(text))
            src = _SOURCE.search(text, m.end())
            if src:
                fig.figure_source = src.group(1).strip()
            ranks = _IN_RANKS.search(text, m.end(), min(len(text), m.end() + 40))
            if ranks:
                fig.who = ranks.group("who") or "@speaker"
            found.append(fig)
    _chain_kinds(text, found)
    return sorted(found, key=lambda f: f.start)


def _chain_kinds(text: str, found: list[Figure]) -> None:
    """``18 قتيلا و748 جريحا في صفوفها``: figures joined by و share the later ``who``."""
    found.sort(key=lambda f: f.start)
    for a, b in pairwise(found):
        gap = text[a.end : b.start].strip()
        if gap in ("و", "") and b.who and not a.who:
            a.who = b.who


def from_layer(spans: list[Any], view: SentenceView) -> list[Figure]:
    """Figures from ``casualties`` spans lying inside the sentence (raw offsets kept)."""
    out = []
    for span in spans:
        if span.label not in KINDS or not (view.start <= span.start and span.end <= view.end):
            continue
        a = span.attrs
        fig = Figure(span.label, a.get("min"), a.get("best"), a.get("max"), -1, -1)
        who = a.get("who_text") or a.get("who")
        fig.who = who.get("text") if isinstance(who, dict) else (str(who) if who else None)
        if a.get("who"):
            fig.extra["who_code"] = a.get("who")
        fig.subset = bool(a.get("subset_of"))
        fig.cumulative = bool(a.get("cumulative"))
        src = a.get("figure_source")
        fig.figure_source = src.get("text") if isinstance(src, dict) else (str(src) if src else None)
        fig.raw = (span.start, span.end)
        out.append(fig)
    return out
