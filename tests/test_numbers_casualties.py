"""Casualty facts (issue #5): the done-when checks on the seed, and regressions."""

from __future__ import annotations

import pytest

from rasd.model import Article, Span

from .numbers_helpers import SEED, run


@pytest.fixture(scope="module")
def seed() -> Article:
    return run(SEED)


def facts(article: Article) -> list[tuple[str, object, object]]:
    return [(s.label, s.attrs["best"], s.attrs["who"]) for s in article.layer("casualties")]


def fact(article: Article, label: str, best: int) -> Span:
    found = [s for s in article.layer("casualties") if s.label == label and s.attrs["best"] == best]
    assert len(found) == 1, facts(article)
    return found[0]


def test_casualties_seed_dozens_killed(seed: Article) -> None:
    span = fact(seed, "killed", 10)
    assert (span.attrs["min"], span.attrs["max"]) == (10, 99)
    assert "عشرات القتلى" in seed.span_text(span)
    assert span.attrs["quantity"].attrs["vague"] is True


def test_casualties_seed_more_than_a_thousand_injured_by_the_authorities(seed: Article) -> None:
    span = fact(seed, "injured", 1000)
    assert seed.span_text(span) == "أكثر من ألف جريح"
    assert span.attrs["min"] == 1001
    assert span.attrs["figure_source"] == "بحسب السلطات"


@pytest.mark.parametrize(("label", "best", "text"), [("killed", 18, "18 قتيلًا"),
                                                      ("injured", 748, "748 جريحًا")])
def test_casualties_seed_police_in_its_ranks(seed: Article, label: str, best: int, text: str) -> None:
    span = fact(seed, label, best)
    assert span.attrs["who"] == "police"
    assert seed.span_text(span) == text


def test_casualties_seed_arrests_nationwide(seed: Article) -> None:
    span = fact(seed, "arrested", 3800)
    assert (span.attrs["min"], span.attrs["best"], span.attrs["max"]) == (3801, 3800, None)
    assert "أكثر من 3800 شخص" in seed.span_text(span)


def test_casualties_seed_nothing_else(seed: Article) -> None:
    assert sorted(facts(seed), key=str) == sorted([
        ("killed", 10, None), ("injured", 1000, None), ("killed", 18, "police"),
        ("injured", 748, "police"), ("arrested", 3800, None)], key=str)
    texts = [seed.span_text(s) for s in seed.layer("casualties")]
    assert not any("1992" in t or "الستة" in t for t in texts)


def test_casualties_seed_dozens_used_once(seed: Article) -> None:
    dozens = [s for s in seed.layer("casualties") if s.attrs["quantity"].attrs["value_text"] == "عشرات"]
    assert len(dozens) == 1
    assert len(dozens[0].attrs["repeats"]) == 1  # the second mention folded into the first


def test_casualties_spans_inside_sentences(seed: Article) -> None:
    for span in seed.layer("casualties"):
        sentence = seed.sentences[span.attrs["sentence"]]
        assert sentence.start <= span.start < span.end <= sentence.end
        q = span.attrs["quantity"]
        assert span.start <= q.start < q.end <= span.end


@pytest.mark.parametrize(("text", "expected"), [
    ("11 شهيدا في قصف إسرائيلي بينهم 5 أطفال على منزل بمخيم النصيرات",
     [("killed", 11, None), ("killed", 5, "children")]),
    ("استشهد 6 فلسطينيين وأصيب 15 آخرون في غارة على خان يونس.",
     [("killed", 6, None), ("injured", 15, None)]),
    ("قتل 3 جنود إسرائيليين وأصيب 12 في عملية للمقاومة.",
     [("killed", 3, "soldiers"), ("injured", 12, "soldiers")]),
    ("وقتل 32 فلسطينيا وأربعة إسرائيليين منذ إعلان ترامب.",
     [("killed", 32, None), ("killed", 4, None)]),
    ("قالت مصادرنا إن 46 عنصرا من ميليشيات الحوثي قتلوا في مواجهات بالساحل الغربي.",
     [("killed", 46, "militants")]),
    ("تظاهر مئات النشطاء اليوم السبت ضد الزيارة.", [("crowd", 100, "protesters")]),
    ("خرج آلاف المتظاهرين إلى الشوارع.", [("crowd", 1000, "protesters")]),
    ("حذرت الأونروا من أن نحو مليون نازح يواجهون البرد.", [("displaced", 1000000, None)]),
    ("أوقعت الغارات 37 شهيدا و113 مصابا خلال 24 ساعة.", [("killed", 37, None), ("injured", 113, None)]),
])
def test_casualties_real_patterns(text: str, expected: list[tuple[str, int, str | None]]) -> None:
    assert facts(run(text)) == expected


@pytest.mark.parametrize("text", [
    "لم يسفر الهجوم عن إصابات بين 5 من الجنود.",
    "تضرر وغرق 10 آلاف خيمة نزوح في غزة جراء الأمطار.",
    "ارتكبت قوات الاحتلال 16 مجزرة خلال 24 ساعة.",
    "استشهد وأصيب عشرات في مجازر جديدة وسط القطاع.",  # one figure for two categories
    "غارات تخلف عشرات الشهداء والجرحى في مدينة غزة.",
    "أصدرت المحكمة حكمها بإعدام 75 متهما في القضية.",
    "أعلن الجيش أنه سيتم الإفراج عن نحو 25 أسيرا فلسطينيا.",
    "إذا قتل 20 شخصا فسيكون ذلك كارثة.",
])
def test_casualties_not_facts(text: str) -> None:
    assert facts(run(text)) == []


def test_casualties_cumulative_totals() -> None:
    article = run("أعلنت وزارة الصحة ارتفاع حصيلة الشهداء إلى 45 ألفا و541 شهيدا و108 آلاف و338 "
                  "مصابا منذ 7 أكتوبر/تشرين الأول 2023.")
    assert facts(article) == [("killed", 45541, None), ("injured", 108338, None)]
    assert all(s.attrs["cumulative"] for s in article.layer("casualties"))


def test_casualties_subset_points_to_parent() -> None:
    article = run("أفاد مراسل الجزيرة باستشهاد 10 فلسطينيين بينهم 3 أطفال في غارة على منزل.")
    spans = article.layer("casualties")
    assert [s.attrs["subset_of"] for s in spans] == [None, 0]


def test_casualties_headline_repeat_is_one_fact() -> None:
    article = run("10 شهداء في غارة إسرائيلية على مدينة غزة\n\n"
                  "أفاد مراسل الجزيرة باستشهاد 10 فلسطينيين بينهم 3 أطفال في غارة على منزل.")
    assert facts(article) == [("killed", 10, None), ("killed", 3, "children")]
    assert article.layer("casualties")[1].attrs["subset_of"] == 0


def test_casualties_vague_headline_restated_precisely() -> None:
    article = run("عشرات الشهداء بغزة\n\nاستشهد 51 فلسطينيا بنيران جيش الاحتلال منذ فجر اليوم.")
    assert facts(article) == [("killed", 51, None)]


def test_casualties_figure_source_from_the_quote() -> None:
    article = run("قالت وزارة الصحة في قطاع غزة إن الغارات خلفت 55 شهيدا ونحو 123 مصابا.")
    assert {s.attrs["figure_source"] for s in article.layer("casualties")} == {"وزارة الصحة في قطاع غزة"}
