"""Sentence-level detection, realis, figures and actors on real GSR sentences."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rasd.events.assemble import sentence_events
from rasd.events.figures import read_figures
from rasd.events.text import SentenceView, TermMatcher

SLICE = Path(__file__).parent / "data" / "events" / "gsr-slice.csv"
ROWS = list(csv.DictReader(SLICE.open(encoding="utf-8")))


def _text(start: str) -> str:
    return next(r["text"] for r in ROWS if r["text"].startswith(start))


@pytest.mark.parametrize(
    "text, plover",
    [
        ("وتجمع مئات المتظاهرين امام مبنى مجلس محافظة كركرك وسط المدينة، مطالبين الحكومة التركية", "PROTEST"),
        ("كما اختطف مسلحون 15 شخصا في نقطة تفتيش وهمية وسط بغداد.", "ASSAULT"),
        ("من ناحية ثانية، أوقع هجوم بسيارة مفخخة على حفل زفاف بالفلوجة سبعة قتلى.", "ASSAULT"),
    ],
)
def test_events_detect_gsr_positive(text: str, plover: str) -> None:
    assert plover in {e["plover"] for e in sentence_events(text) if e["realis"] == "actual"}


def test_events_detect_protesters_named_without_event_is_no_protest() -> None:
    text = "وسلم المتظاهرون مذكرة الى السفارة لشكر تشيلي على السماح بتسليم فوجيموري."
    assert "PROTEST" not in {e["plover"] for e in sentence_events(text)}


@pytest.mark.parametrize(
    "text, realis",
    [
        ("لكن لم تحدث اشتباكات بين هذه القوات والمتظاهرين", "negated"),
        ("دعت المعارضة إلى مظاهرة حاشدة يوم الجمعة المقبل", "future"),
        ("إذا تظاهر الطلاب فإن الشرطة ستتدخل", "hypothetical"),
        ("تظاهر آلاف الطلاب أمس في العاصمة", "actual"),
    ],
)
def test_events_detect_realis(text: str, realis: str) -> None:
    events = sentence_events(text)
    assert events and events[0]["realis"] == realis


def test_events_detect_drone_is_not_a_march() -> None:
    kinds = {e["kind"] for e in sentence_events("قصفت طائرة مسيرة موقعا للمسلحين")}
    assert "protest" not in kinds and "airstrike" in kinds


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "وأعلنت الشرطة سقوط 18 قتيلًا و748 جريحًا في صفوفها.",
            [("killed", 18, 18, 18), ("injured", 748, 748, 748)],
        ),
        (
            "إلى سقوط عشرات القتلى وأكثر من ألف جريح بحسب السلطات.",
            [("killed", 20, 20, 99), ("injured", 1001, 1001, None)],
        ),
        ("واعتقل أكثر من 3800 شخص في جميع أنحاء البلاد", [("arrested", 3801, 3801, None)]),
        ("أسفر عن مقتل ستة مدنيين وجرح حوالي 12 آخرين", [("killed", 6, 6, 6), ("injured", 12, 12, 12)]),
    ],
)
def test_events_figures_fallback(text: str, expected: list[tuple[object, ...]]) -> None:
    figs = read_figures(SentenceView.of_string(text))
    assert [(f.kind, f.min, f.best, f.max) for f in figs] == expected


def test_events_figures_subset_and_who() -> None:
    figs = read_figures(SentenceView.of_string("قتل 20 شخصا بينهم 5 أطفال"))
    assert [(f.kind, f.best, f.subset) for f in figs] == [("killed", 20, False)]
    police = read_figures(SentenceView.of_string("وأعلنت الشرطة سقوط 18 قتيلا في صفوفها"))
    assert police[0].who == "@speaker"  # resolved to the speaker (الشرطة) during assembly


def test_events_term_matcher_clitics_and_offsets() -> None:
    m = TermMatcher([("أعمال الشغب", "riot"), ("شغب", "riot"), ("تظاهر*", "protest")])
    view = SentenceView.of_string("لوضع حد لأعمال الشغب، ثم والتظاهرات")
    found = [(view.raw_text(s, e), v) for s, e, v, _t in m.finditer(view.text)]
    assert found == [("لأعمال الشغب", "riot"), ("والتظاهرات", "protest")]


def test_events_actor_roles_assault() -> None:
    text = _text("وقال الجيش الاميركي ان جنوده قتلوا خمسة مسلحين")
    event = next(e for e in sentence_events(text) if e["plover"] == "ASSAULT")
    assert event["actor1"] and "جنود" in event["actor1"]
    assert event["actor2"] and "مسلحين" in event["actor2"]


@pytest.mark.parametrize(
    "text",
    [
        "كما هاجم الرئيس مكتب التحقيقات الفيدرالي ووصفه بالفاشل",  # words, not force
        "تراجعت شركة الطيران عن تأكيد خبر مقتل من كانوا على متن الطائرة المنكوبة",  # an accident
    ],
)
def test_events_detect_not_political_violence(text: str) -> None:
    assert not [e for e in sentence_events(text) if e["plover"] == "ASSAULT"]


def test_events_detect_expelled_diplomats() -> None:
    text = "وقالت ماي إن الدبلوماسيين الروس أمامهم مهلة أسبوع لمغادرة البلاد في أكبر عملية طرد لدبلوماسيين"
    events = sentence_events(text)
    assert [e["kind"] for e in events] == ["embassy_departure"]
