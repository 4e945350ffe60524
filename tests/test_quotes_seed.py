"""Quotes (issue #5): the done-when checks on the seed, and speaker resolution."""

from __future__ import annotations

import pytest

from rasd.model import Article, Span
from rasd.quotes.speech import quote_pairs

from .numbers_helpers import SEED, run


@pytest.fixture(scope="module")
def seed() -> Article:
    return run(SEED)


def quote_with(article: Article, words: str, label: str | None = None) -> Span:
    found = [q for q in article.layer("quotes") if words in article.span_text(q)
             and (label is None or q.label == label)]
    assert len(found) == 1, [(q.label, article.span_text(q)) for q in article.layer("quotes")]
    return found[0]


def test_quotes_seed_state_department_statement(seed: Article) -> None:
    q = quote_with(seed, "وافقت الوزارة على المغادرة الطوعية")
    assert q.label == "direct"
    assert q.attrs["speaker"] == "وزارة الخارجية"
    assert q.attrs["speaker_kind"] == "organisation"
    assert seed.text[q.attrs["speaker_span"][0]:q.attrs["speaker_span"][1]] == "وزارة الخارجية"


@pytest.mark.parametrize(("words", "verb"), [("ثمة درس من التاريخ الحديث", "وقال"),
                                             ("يبدو لي أن السلطات", "وأضاف")])
def test_quotes_seed_blinken_direct(seed: Article, words: str, verb: str) -> None:
    q = quote_with(seed, words)
    assert (q.label, q.attrs["speaker"], q.attrs["verb"]) == ("direct", "بلينكن", verb)
    assert not seed.span_text(q).startswith('"')


@pytest.mark.parametrize(("words", "verb", "cue"), [
    ("واشنطن لا تزال في مرحلة الترقب", "أكد", "explicit"),
    ("حتى الآن لم تتخذ واشنطن موقفًا", "وأضاف", "continues_previous"),
    ("معاهدة الأمن الجماعية التي تدخلت", "وأشار", "explicit"),
    ("الرئيس قاسم جومرت توكاييف يتهم", "وتابع", "continues_previous"),
    ("أن تتدخل واشنطن في كازاخستان", "واستبعد", "explicit"),
    ("يكون هناك تدخلًا غير معلن", "رجح", "same_sentence"),
])
def test_quotes_seed_maalouf(seed: Article, words: str, verb: str, cue: str) -> None:
    q = quote_with(seed, words)
    assert q.label == "indirect"
    assert "معلوف" in q.attrs["speaker"]
    assert (q.attrs["verb"], q.attrs["cue"]) == (verb, cue)


def test_quotes_seed_tokayev_partial(seed: Article) -> None:
    q = quote_with(seed, "إطلاق النار بهدف القتل")
    assert q.label == "partial"
    assert seed.span_text(q) == "إطلاق النار بهدف القتل"
    assert "توكاييف" in q.attrs["speaker"]


@pytest.mark.parametrize("word", ["أجانب", "الناتو"])
def test_quotes_seed_scare_quotes(seed: Article, word: str) -> None:
    q = quote_with(seed, word, "scare")
    assert (seed.span_text(q), q.attrs["speaker"]) == (word, None)


def test_quotes_seed_no_statement_from_boilerplate(seed: Article) -> None:
    content = [(b.start, b.end) for b in seed.content_blocks()]
    for q in seed.layer("quotes"):
        assert any(s <= q.start and q.end <= e for s, e in content)


def test_quotes_pairs_curly_and_guillemets() -> None:
    text = 'قال «نحن هنا» ثم ”زعيم مافيا” و“سفاح”'
    assert [text[a + 1:b] for a, b in quote_pairs(text, 0, len(text))] == ["نحن هنا", "زعيم مافيا", "سفاح"]


@pytest.mark.parametrize(("text", "expected"), [
    ("أردوغان: سنقف ضد مساعي إسرائيل لإشعال المنطقة\n\nقال الرئيس التركي رجب طيب أردوغان اليوم "
     "الأربعاء إن بلاده ستقف ضد مساعي إسرائيل.",
     [("direct", "أردوغان"), ("indirect", "الرئيس التركي رجب طيب أردوغان")]),
    ("ونقلت وكالة رويترز عن خالد عمر، مدير مكتب إعلام المفوضية، قوله إن ثلاثة موظفين قتلوا.",
     [("indirect", "خالد عمر، مدير مكتب إعلام المفوضية")]),
    ("قال خالد اليماني، وزير الخارجية اليمني، إن التصريحات تبرر مواقف الحوثيين.",
     [("indirect", "خالد اليماني، وزير الخارجية اليمني")]),
    ('قالت صحيفة “يديعوت أحرونوت” إن مؤسسة هند رجب قدمت طلب اعتقال.',
     [("indirect", "صحيفة “يديعوت أحرونوت”")]),
    ("ولم تعلن أي جهة حتى الآن مسؤوليتها، ولكن يعتقد أن مسلحين على صلة بالتنظيم.", []),
    ("حذر وزير الدفاع يسرائيل كاتس من حرب استنزاف، قائلا إن المحتجزين في خطر.",
     [("indirect", "وزير الدفاع يسرائيل كاتس")]),
])
def test_quotes_speakers(text: str, expected: list[tuple[str, str]]) -> None:
    article = run(text)
    got = [(q.label, q.attrs["speaker"]) for q in article.layer("quotes")
           if q.label in ("direct", "indirect")]
    assert got == expected
