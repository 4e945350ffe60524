"""Publication-date reasoning: sources in order of trust, and the consistency flags."""

from __future__ import annotations

import csv
import datetime as dt
import gzip

import pytest

from rasd.api import analyze
from rasd.dates.html_meta import published_from_html
from rasd.dates.published import Clue, candidates, decide
from rasd.model import Article
from rasd.settings import Settings

from .conftest import PAGES, SEED

MEDIACLOUD = PAGES / "mediacloud"
SEED_LINES = SEED.read_text(encoding="utf-8").split("\n\n")
HEADLINE, YESTERDAY_FRIDAY = SEED_LINES[1], SEED_LINES[5]  # real lines of the seed


def _text(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def _flags(article: Article) -> list[str]:
    return [f.message for f in article.flags if f.code == "date_inconsistent"]


def test_dates_published_header_used_when_consistent(strict: Settings) -> None:
    article = analyze(_text("السبت 8 يناير 2022", HEADLINE, YESTERDAY_FRIDAY), settings=strict)
    assert (article.meta.published, article.meta.published_source) == ("2022-01-08", "header")
    assert _flags(article) == []
    (span,) = [s for s in article.layer("dates") if article.span_text(s) == "أمس الجمعة"]
    assert span.attrs["value"] == "2022-01-07"


def test_dates_published_option_beats_header_and_is_checked(strict: Settings) -> None:
    article = analyze(_text("السبت 8 يناير 2022", HEADLINE, YESTERDAY_FRIDAY), settings=strict,
                      published="2022-01-10")
    assert (article.meta.published, article.meta.published_source) == ("2022-01-10", "option")
    assert any("option date 2022-01-10 is a Monday" in m for m in _flags(article))


def test_dates_published_dateline_cue(strict: Settings) -> None:
    text = _text(HEADLINE, "تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً",
                 "بلغت حصيلة الوفيات الناجمة عن فيروس كورونا المستجدّ في الولايات المتحدة 50 ألفاً "
                 "مساء الخميس، وذلك بعدما حصد الوباء أرواح 49 ألفاً.")
    article = analyze(text, settings=strict)
    assert (article.meta.published, article.meta.published_source) == ("2020-04-24", "dateline")
    (span,) = [s for s in article.layer("dates") if article.span_text(s) == "مساء الخميس"]
    assert span.attrs["value"] == "2020-04-23"


def test_dates_published_weekday_mismatch_flag(strict: Settings) -> None:
    article = analyze(_text(HEADLINE, "وقعت الحادثة يوم الخميس 24 أبريل 2024 في المدينة وأسفرت عن قتلى."),
                      settings=strict, published="2024-04-25")
    assert any("does not fall on 2024-04-24" in m for m in _flags(article))


def test_dates_published_event_after_publication_flag(strict: Settings) -> None:
    article = analyze(_text(HEADLINE, "وقعت الحادثة في 3 مارس 2022 في المدينة وأسفرت عن قتلى."),
                      settings=strict, published="2022-01-08")
    assert any("after the publication date 2022-01-08" in m for m in _flags(article))


def test_dates_published_future_sentence_not_flagged(strict: Settings) -> None:
    article = analyze(_text(HEADLINE, "ومن المقرر أن تجرى الانتخابات في 3 مارس 2022 في البلاد."),
                      settings=strict, published="2022-01-08")
    assert _flags(article) == [] or all("after the publication" not in m for m in _flags(article))


def test_dates_published_decide_prefers_trust_order() -> None:
    found = candidates(("2020-04-24", "input"), "2020-04-23", dt.date(2020, 4, 22), "2020-04-21")
    assert [s for s, _ in found] == ["input", "html-meta", "dateline", "header"]
    assert decide(found, []).source == "input"


def test_dates_published_decide_skips_contradicted_header() -> None:
    clue = Clue(0, 10, "أمس الجمعة", 6)
    decision = decide([("header", dt.date(2024, 4, 24))], [clue])
    assert decision.published is None and decision.header_role == "viewing"
    assert "must be a Saturday" in decision.flags[0]


@pytest.mark.parametrize(("raw", "day"), [
    ('<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">'
     '<script>{"datePublished":"2020-12-25T01:59:50+02:00"}</script>', "2020-12-25"),
    ('<meta property="article:published_time" content="2020-08-24T09:23:13Z">', "2020-08-24"),
    ('<meta property="article:published_time" content="الأربعاء، 07 أكتوبر 2020 - 12:09 م">', "2020-10-07"),
])
def test_dates_html_meta_local_day(raw: str, day: str) -> None:
    stamp = published_from_html(raw)
    assert stamp is not None and stamp["date"] == day


def test_dates_published_mediacloud_pages() -> None:
    """At least as many right as htmldate (10 of 11): 8 Arabic and 3 Persian pages."""
    rows = list(csv.DictReader((MEDIACLOUD / "INDEX.generated.tsv").open(encoding="utf-8"), delimiter="\t"))
    settings = Settings(max_persian_ratio=1.0, on_error="raise")
    right = [r["file"] for r in rows
             if analyze(MEDIACLOUD / (r["file"] + ".gz"), settings=settings).meta.published == r["gold_date"]]
    assert len(rows) == 11 and len(right) >= 10, right


def test_dates_published_local_offset_page(strict: Settings) -> None:
    article = analyze(MEDIACLOUD / "1806793639.html.gz", settings=strict)
    assert article.meta.extra["html_date"] == "2020-12-24"  # trafilatura: the UTC day
    assert (article.meta.published, article.meta.published_source) == ("2020-12-25", "html-meta")
    assert gzip.decompress((MEDIACLOUD / "1806793639.html.gz").read_bytes())  # the page is shipped
