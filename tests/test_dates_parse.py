"""rasd.dates.parse_text: one behaviour per case, on phrases as Arabic news writes them.

The phrases are the issue's examples and short excerpts of the fixtures (seed,
MediaCloud pages, Wojood sample); the gold file carries the corpus-scale check.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.dates import parse_text

BASE = dt.date(2022, 1, 8)  # the seed's publication day, a Saturday


def only(text: str, base: dt.date | None = BASE) -> tuple[str, str | None, str]:
    found = parse_text(text, base)
    assert len(found) == 1, [(m.text, m.date.value) for m in found]
    m = found[0]
    return m.text, m.date.value, m.date.precision


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("تأسست في مايو/ أيار 1992، وتضم روسيا", "1992-05", "month"),
    ("الأربعاء 24 أبريل / أبريل 2024", "2024-04-24", "day"),
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24", "day"),
    ("جريدة فلسطين 19 تشرين الأول 1921 .", "1921-10-19", "day"),
    ("صدر في 3 جانفي 2021 بالجزائر", "2021-01-03", "day"),
    ("يوم 14 جويلية 2019", "2019-07-14", "day"),
    ("في 20 يوليوز 2018 بالرباط", "2018-07-20", "day"),
    ("منذ شتنبر 2017", "2017-09", "month"),
    ("بتاريخ ٢٤ / ١٠ / ٢٠٠٨", "2008-10-24", "day"),
    ("انتخابات ٢٠٢٤م", "2024", "year"),
    ("بتاريخ ( 15 / 1 / 1959 )", "1959-01-15", "day"),
    ("فا إلى اعضاء اللجان القومية ( 1 / 30 / 1948 )", "1948-01-30", "day"),
    ("في السابع من أكتوبر/تشرين الأول 2023", "2023-10-07", "day"),
    ("عام ( 1948 )", "1948", "year"),
    ("الانتفاضة الأولى 1987", "1987", "year"),
])
def test_dates_absolute(text: str, value: str, precision: str) -> None:
    assert only(text, None)[1:] == (value, precision)


@pytest.mark.parametrize(("text", "value", "hijri"), [
    ("15 رمضان 1445هـ", "2024-03-25", "1445-09-15"),
    ("20 / شعبان / 1428 هجرية", "2007-09-02", "1428-08-20"),
])
def test_dates_hijri_day_converted_and_kept(text: str, value: str, hijri: str) -> None:
    (m,) = parse_text(text)
    assert (m.date.value, m.date.calendar, m.date.attrs["hijri"]) == (value, "hijri", hijri)


def test_dates_hijri_span_keeps_tatweel() -> None:
    (m,) = parse_text("في 15 رمضان 1445هـ الماضي")
    assert m.text == "15 رمضان 1445هـ"


def test_dates_hijri_month_with_gregorian_year() -> None:
    (m,) = parse_text("والذي عرض في رمضان 2020، وشارك")
    assert (m.date.value, m.date.precision) == ("2020-04", "month")
    assert m.date.range == ("2020-04-24", "2020-05-23")


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("سمحت الوزارة أمس الجمعة للموظفين", "2022-01-07", "day"),
    ("حركة احتجاج بدأت الأحد في المقاطعات", "2022-01-02", "day"),
    ("قال الوزير اليوم إن", "2022-01-08", "day"),
    ("وقعت اشتباكات أول أمس", "2022-01-06", "day"),
    ("ويصل الوفد غدا إلى", "2022-01-09", "day"),
    ("قصفت الطائرات الليلة الماضية", "2022-01-07", "day"),
    ("وقالت مساء الأحد الماضي", "2022-01-02", "day"),
    ("سيعقد الاجتماع الأحد المقبل", "2022-01-09", "day"),
    ("من المقرر أن يصل الوزير، الثلاثاء، إلى القاهرة", "2022-01-11", "day"),
    ("التقى الوفد الأسبوع الماضي", "2021-12-27", "week"),
    ("تجرى الانتخابات الشهر المقبل", "2022-02", "month"),
    ("ارتفعت الأسعار العام الماضي", "2021", "year"),
    ("اعتقل منذ ثلاثة أيام", "2022-01-05", "day"),
    ("وصل قبل يومين", "2022-01-06", "day"),
    ("قتل 35 خلال 24 ساعة الماضية", "2022-01-08", "day"),
    ("في ديسمبر/كانون الأول الماضي", "2021-12", "month"),
    ("الذي استشهد في 2 مايو/أيار الماضي", "2021-05-02", "day"),
])
def test_dates_relative(text: str, value: str, precision: str) -> None:
    assert only(text)[1:] == (value, precision)


def test_dates_relative_records_anchor() -> None:
    (m,) = parse_text("سمحت الوزارة أمس الجمعة", BASE, anchor="published:2022-01-08")
    assert (m.date.kind, m.date.attrs["anchor"], m.date.attrs["weekday_ok"]) == \
        ("relative", "published:2022-01-08", True)


def test_dates_war_day_counts_from_the_war_start() -> None:
    text = "ارتفع عدد الشهداء في غزة إلى 35، وذلك في اليوم الـ284 من الحرب الإسرائيلية"
    found = {m.text: m.date for m in parse_text(text, dt.date(2024, 7, 16))}
    assert found["اليوم الـ284 من الحرب"].value == "2024-07-16"
    assert found["اليوم الـ284 من الحرب"].attrs["anchor"] == "war:gaza-2023:2023-10-07"


def test_dates_war_day_configured_start() -> None:
    (m,) = parse_text("في اليوم الـ10 من الحرب", dt.date(2022, 3, 5), war_start=dt.date(2022, 2, 24))
    assert m.date.value == "2022-03-05"


def test_dates_war_day_without_a_known_war_is_unresolved() -> None:
    (m,) = parse_text("في اليوم الـ10 من الحرب", dt.date(2010, 1, 1))
    assert m.date.value is None and "war start" in m.date.attrs["unresolved"]


def test_dates_relative_without_base_is_marked_unresolved() -> None:
    (m,) = parse_text("سمحت الوزارة أمس الجمعة", None)
    assert m.date.value is None and m.date.attrs["unresolved"]


@pytest.mark.parametrize("text", [
    "واعتقل أكثر من 3800 شخص في جميع أنحاء البلاد",
    "وبلغ سعر البرميل 2020 دولارا",
    "بيان رقم ( 1987 ) صادر عن",
    "قطعة أرض مساحتها 1000 م مربع",
    "أعلنت الشرطة سقوط 18 قتيلًا و748 جريحًا",
    "وفي 2019 قتيلا سقطوا",
    "شهد النصف الثاني من يوليو/تموز",  # the month, never day 2
    "سوق الجمعة في مدينة القدس",
    "اتفاقية الجمعة العظيمة",
    "اليوم السابع",
    "اليوم العالمي للمرأة",
    "ترك كلا الاثنين المكان",
])
def test_dates_no_false_day_or_year(text: str) -> None:
    bad = [m for m in parse_text(text, BASE) if m.date.precision in ("day", "year")]
    assert bad == [], [(m.text, m.date.value) for m in bad]


def test_dates_weekday_mismatch_is_reported() -> None:
    (m,) = parse_text("الخميس 24 أبريل 2024")
    assert m.date.attrs["weekday_ok"] is False


@given(st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩ /-()،.أمسالجمعةيوليوتموزرمضانهـعام", max_size=80))
@settings(max_examples=200, deadline=None)
def test_dates_fuzz_spans_stay_inside(text: str) -> None:
    for m in parse_text(text, BASE):
        assert 0 <= m.start < m.end <= len(text)
        assert m.text == text[m.start:m.end]
        assert m.date.precision in ("day", "week", "month", "year")


def test_dates_repeated_sentence_regression() -> None:
    """Found by tests/test_fuzz.py: a sentence repeated verbatim sent the clause lookup to
    the first copy, and the future-tense check failed on an empty range."""
    from rasd.api import analyze
    from rasd.settings import Settings

    sentence = ("ومنظمة معاهدة الأمن الجماعي تأسست في مايو/ أيار 1992، وتضم روسيا وأرمينيا "
                "وبيلاروسيا وكازاخستان وطاجيكستان وقرغيزيا.")
    article = analyze(sentence + sentence, settings=Settings(on_error="raise"))
    values = [d.attrs["value"] for d in article.layer("dates")]
    assert values == ["1992-05", "1992-05"]


# Issue 12 ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("في 18 كانون 2 2025", "2025-01-18"),  # Levantine and Iraqi months written with a digit
    ("في 20 تشرين 1 2024", "2024-10-20"),
    ("في 5 كانون 1 2023", "2023-12-05"),
    ("في 3 تشرين 2 2022", "2022-11-03"),
])
def test_dates_levantine_month_with_a_digit(text: str, value: str) -> None:
    assert only(text, None)[1:] == (value, "day")


@pytest.mark.parametrize(("text", "base", "value"), [
    ("في 12/3/25 وقع الحادث", dt.date(2025, 3, 20), "2025-03-12"),
    ("في ١٢/٣/٢٥ وقع الحادث", dt.date(2025, 3, 20), "2025-03-12"),
    ("في 30/12/99 انتهى العقد", dt.date(2025, 3, 20), "1999-12-30"),
    ("في 1/1/26 يبدأ العمل", dt.date(2025, 12, 20), "2026-01-01"),
])
def test_dates_two_digit_year_takes_the_century_of_the_base(text: str, base: dt.date, value: str) -> None:
    (m,) = parse_text(text, base)
    assert (m.date.value, m.date.attrs["year_written"]) == (value, value[2:4])


@pytest.mark.parametrize("text", [
    "العائدة لابراهيم الاخضر نتيجة هذا الشوط وبزمن بلغ 1/15/52 دقيقة",  # SaudiNewsNet: a race time
    "النتيجة 12.3.25 في المباراة",
])
def test_dates_times_and_scores_are_not_two_digit_years(text: str) -> None:
    assert parse_text(text, dt.date(2015, 8, 1)) == []


@pytest.mark.parametrize(("text", "value", "range_"), [
    ("وقع قبل ٥ ساعات", "2025-03-20", ("2025-03-19", "2025-03-20")),
    ("كوريا الشمالية تلغي لقاء مع بنس.. قبل ساعتين", "2025-03-20", ("2025-03-19", "2025-03-20")),  # ANT
    ("تلقينا اتصالا منذ ساعة بعد أنباء عن وقوع انفجار كبير", "2025-03-20", ("2025-03-19", "2025-03-20")),
    ("قبل 36 ساعة", "2025-03-19", ("2025-03-18", "2025-03-19")),
])
def test_dates_hours_ago_is_the_publication_day(text: str, value: str, range_: tuple[str, str]) -> None:
    (m,) = parse_text(text, dt.date(2025, 3, 20))
    assert (m.date.value, m.date.precision, m.date.range, m.date.kind) == (value, "day", range_, "relative")


def test_dates_hours_before_an_event_are_not_relative_to_publication() -> None:
    assert parse_text("اشترطت حركة حماس هدوءا قبل 48 ساعة من التنفيذ", dt.date(2025, 1, 17)) == []


@pytest.mark.parametrize(("text", "base", "value", "said"), [
    ("في مؤتمر صحفي اليوم الثلاثاء", dt.date(2024, 7, 15), "2024-07-16", "2024-07-15"),  # Al Jazeera
    ("قالت أمس الخميس", dt.date(2024, 9, 19), "2024-09-19", "2024-09-18"),
    ("أعلن اليوم الخميس", dt.date(2024, 8, 23), "2024-08-22", "2024-08-23"),
])
def test_dates_weekday_is_trusted_over_the_day_word(text: str, base: dt.date, value: str, said: str) -> None:
    (m,) = parse_text(text, base)
    a = m.date.attrs
    got = (m.date.value, a["weekday_ok"], a["trusted"], a["day_word_value"])
    assert got == (value, False, "weekday", said)
    assert "weekday is trusted" in a["why"]


def test_dates_agreeing_weekday_is_not_marked() -> None:
    (m,) = parse_text("أمس الجمعة", BASE)
    assert m.date.value == "2022-01-07" and "trusted" not in m.date.attrs
