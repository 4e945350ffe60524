"""Sentence-level detection, realis, figures and actors on real GSR sentences."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rasd.api import analyze
from rasd.events.lexicon import events_lexicon
from rasd.events.sentences import sentence_records
from rasd.events.text import SentenceView
from rasd.pipeline import needed_for
from rasd.settings import Settings


def _view(text: str) -> SentenceView:
    """The first sentence of ``text`` analysed as an article, as the component sees it."""
    article = analyze(text.encode("utf-8"), settings=Settings(min_chars=1, on_error="raise"),
                      pipeline=needed_for("ar.sentences.v1", "ar.tokens.v1"))
    sent = article.sentences[0]
    tokens = tuple(t for t in article.tokens if sent.start <= t.start < sent.end)
    return SentenceView.of_article(article.normalized, sent.start, sent.end, article.text, tokens)

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
    assert plover in {r.plover.event for r in sentence_records(text) if r.realis == "actual"}


def test_events_detect_protesters_named_without_event_is_no_protest() -> None:
    text = "وسلم المتظاهرون مذكرة الى السفارة لشكر تشيلي على السماح بتسليم فوجيموري."
    assert "PROTEST" not in {r.plover.event for r in sentence_records(text)}


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
    # realis is read on every candidate: the trained check leaves most non-actual ones out
    records = sentence_records(text, all_candidates=True)
    assert records and records[0].realis == realis


def test_events_detect_drone_is_not_a_march() -> None:
    kinds = {r.trigger.kind for r in sentence_records("قصفت طائرة مسيرة موقعا للمسلحين")}
    assert "protest" not in kinds and "airstrike" in kinds


@pytest.mark.parametrize(
    "text, expected",
    [
        # the counts come from the casualties layer: one reading of every figure
        ("وأعلنت الشرطة سقوط 18 قتيلًا و748 جريحًا في صفوفها جراء أعمال الشغب.", ("Riots", 18, 748)),
        ("وأدت أعمال الشغب إلى سقوط عشرات القتلى وأكثر من ألف جريح بحسب السلطات.", ("Riots", 10, 1001)),
    ],
)
def test_events_counts_from_casualties_layer(text: str, expected: tuple[str, int, int]) -> None:
    record = next(r for r in sentence_records(text) if r.event_type == expected[0])
    assert record.fatalities is not None and record.injured is not None
    assert (record.fatalities.min, record.injured.min) == expected[1:]
    assert all(ref.layer == "casualties" for ref in record.fatalities.spans + record.injured.spans)


def test_events_lexicon_one_pass_clitics_and_offsets() -> None:
    view = _view("لوضع حد لأعمال الشغب، ثم والتظاهرات")
    found = [(view.raw_text(m.start, m.end), m.value) for m in view.find("trigger")]
    assert found == [("لأعمال الشغب", "riot"), ("والتظاهرات", "protest")]
    # the same word read once for every group: a purpose cue and a clause opener too
    assert [view.raw_text(m.start, m.end) for m in view.find("purpose")] == ["لوضع حد"]
    assert len(view.clauses) == 2  # the comma; ثم right after it opens no third clause


@pytest.mark.parametrize(("word", "matches"), [("والمتظاهرين", True), ("متظاهرون", True), ("تظاهرة", False)])
def test_events_lexicon_word_specs(word: str, matches: bool) -> None:
    lex = events_lexicon()
    view = _view(word)
    assert bool(view.find("trigger")) is True  # every form is some trigger
    kinds = {m.value for m in view.find("trigger")}
    assert ("protest_actor" in kinds) is matches
    assert lex.word_specs(view.words[0][2]) is lex.word_specs(view.words[0][2])  # cached


def test_events_actor_roles_assault() -> None:
    text = _text("وقال الجيش الاميركي ان جنوده قتلوا خمسة مسلحين")
    event = next(r for r in sentence_records(text) if r.plover.event == "ASSAULT")
    assert event.actor1 is not None and event.actor1.text and "جنود" in event.actor1.text
    assert event.actor2 is not None and event.actor2.text and "مسلحين" in event.actor2.text


@pytest.mark.parametrize(
    "text",
    [
        "كما هاجم الرئيس مكتب التحقيقات الفيدرالي ووصفه بالفاشل",  # words, not force
        "تراجعت شركة الطيران عن تأكيد خبر مقتل من كانوا على متن الطائرة المنكوبة",  # an accident
    ],
)
def test_events_detect_not_political_violence(text: str) -> None:
    assert not [r for r in sentence_records(text, all_candidates=True) if r.plover.event == "ASSAULT"]


def test_events_detect_expelled_diplomats() -> None:
    text = "وقالت ماي إن الدبلوماسيين الروس أمامهم مهلة أسبوع لمغادرة البلاد في أكبر عملية طرد لدبلوماسيين"
    assert [r.trigger.kind for r in sentence_records(text)] == ["embassy_departure"]
