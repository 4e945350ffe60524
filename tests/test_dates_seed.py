"""The issue's done-when checks, on the seed article (tests/data/seed)."""

from __future__ import annotations

import pytest

from rasd.api import analyze
from rasd.model import Article
from rasd.settings import Settings

from .conftest import SEED


@pytest.fixture(scope="module")
def published(strict: Settings) -> Article:
    return analyze(SEED, published="2022-01-08", settings=strict)


@pytest.fixture(scope="module")
def unpublished(strict: Settings) -> Article:
    return analyze(SEED, settings=strict)


def _dates(article: Article) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for span in article.layer("dates"):
        out.setdefault(article.span_text(span), []).append(span.attrs)
    return out


def test_dates_seed_month_precision(published: Article) -> None:
    (attrs,) = _dates(published)["مايو/ أيار 1992"]
    assert (attrs["value"], attrs["precision"], attrs["kind"]) == ("1992-05", "month", "absolute")
    assert attrs["range"] == ["1992-05-01", "1992-05-31"]


def test_dates_seed_yesterday_friday(published: Article) -> None:
    (attrs,) = _dates(published)["أمس الجمعة"]
    assert (attrs["value"], attrs["kind"]) == ("2022-01-07", "relative")
    assert attrs["anchor"] == "published:2022-01-08"
    assert attrs["weekday_ok"] is True


def test_dates_seed_sunday_protests_began(published: Article) -> None:
    (attrs,) = _dates(published)["الأحد"]
    assert attrs["value"] == "2022-01-02"


def test_dates_seed_bare_fridays(published: Article) -> None:
    assert [a["value"] for a in _dates(published)["الجمعة"]] == ["2022-01-07", "2022-01-07"]


def test_dates_seed_casualty_count_is_not_a_date(published: Article) -> None:
    assert not any("3800" in published.span_text(s) for s in published.layer("dates"))
    assert not any(s.attrs.get("value") in ("3800", "0018", "0748") for s in published.layer("dates"))


def test_dates_seed_spans_only_in_content(published: Article) -> None:
    content = list(published.content_blocks())
    assert published.layer("dates")
    assert all(any(b.contains(s) for b in content) for s in published.layer("dates"))
    assert not any(s.start < 30 for s in published.layer("dates"))  # not the header line


@pytest.mark.parametrize("fixture", ["published", "unpublished"])
def test_dates_seed_header_flagged_against_yesterday_friday(fixture: str,
                                                            request: pytest.FixtureRequest) -> None:
    article: Article = request.getfixturevalue(fixture)
    flags = [f for f in article.flags if f.code == "date_inconsistent" and f.source == "ar.dates.v1"]
    assert any("2024-04-24" in f.message and "أمس الجمعة" in f.message and "Saturday" in f.message
               for f in flags)
    assert article.meta.extra["published_reasoning"]["header_role"] == "viewing"


def test_dates_seed_explicit_published_kept(published: Article) -> None:
    assert (published.meta.published, published.meta.published_source) == ("2022-01-08", "option")


def test_dates_seed_header_not_used_as_publication_date(unpublished: Article) -> None:
    assert unpublished.meta.published is None
    assert unpublished.meta.extra["published_reasoning"]["required_weekday"] == "Saturday"
    (attrs,) = _dates(unpublished)["أمس الجمعة"]
    assert attrs["value"] is None and attrs["unresolved"]
