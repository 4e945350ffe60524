"""Inputs as they really arrive, and bad inputs that must not stop a batch."""

from __future__ import annotations

import gzip
import json
import tarfile
from pathlib import Path

import pytest

from rasd.api import Summary, analyze, analyze_path
from rasd.errors import InputError, Rejection
from rasd.model import Article
from rasd.settings import Settings

from .conftest import DATA, PAGES, SEED

ANT = sorted((DATA / "ant").glob("*.txt"))
PERSIAN = ["1523806243", "1602557452", "1641304459"]


def test_inputs_trec_fields(strict: Settings) -> None:
    article = analyze(DATA / "ant" / "FR-internationalNews-1-20180218.txt", settings=strict)
    assert article.meta.input_kind == "trec"
    assert article.headline == "إيران: تحطم طائرة على متنها 66 شخصا جنوب غرب البلاد"
    assert article.meta.published == "2018-02-18T08:14:44+00:00"
    assert article.meta.url.startswith("http://www.france24.com/ar/")
    assert [s.attrs["id"] for s in article.layer("sources")] == ["france24"]
    subs = [article.span_text(b) for b in article.blocks if b.label == "subheading"]
    assert "شركة الطيران تتراجع عن تأكيد خبر من كانوا على متن الطائرة" in subs


def test_inputs_trec_dateline_cnn(strict: Settings) -> None:
    article = analyze(DATA / "ant" / "CN-internationalNews-1-20180218.txt", settings=strict)
    dateline = article.layer("datelines")[0]
    assert article.span_text(dateline).startswith("دبي، الإمارات العربية المتحدة (CNN)")
    assert {s.attrs["id"] for s in article.layer("sources")} == {"cnnarabic"}


def test_inputs_jsonl_keeps_order_and_url(tmp_path: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    html = (PAGES / "html__arabic_article.html").read_text(encoding="utf-8")
    lines = [
        {"text": seed, "url": "https://example.org/seed", "published": "2022-01-08"},
        {"html": html, "url": "https://example.org/cnn"},
        {"text": "", "url": "https://example.org/empty"},
        {"text": "This English sentence is long enough to be judged and it is not Arabic at all.",
         "url": "https://example.org/english"},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n{broken\n")
    results = list(analyze_path(str(path)))
    assert [getattr(r, "url", None) or r.meta.url for r in results[:4]] == [r["url"] for r in lines]
    assert isinstance(results[0], Article) and results[0].meta.published == "2022-01-08"
    assert isinstance(results[1], Article) and results[1].meta.input_kind == "html"
    assert isinstance(results[2], Rejection) and results[2].reason == "empty"
    assert isinstance(results[3], Rejection) and results[3].reason == "not_arabic"
    assert isinstance(results[4], Rejection) and results[4].reason == "malformed"


@pytest.mark.parametrize("page", PERSIAN)
def test_inputs_persian_pages_not_arabic(page: str) -> None:
    with pytest.raises(InputError) as err:
        analyze(PAGES / "mediacloud" / f"{page}.html.gz")
    assert err.value.reason == "not_arabic"


def test_inputs_arabic_mediacloud_pages_kept() -> None:
    index = (PAGES / "mediacloud" / "INDEX.generated.tsv").read_text().splitlines()[1:]
    arabic = [row.split("\t")[0] for row in index if row.split("\t")[1] == "ar"]
    assert len(arabic) == 8
    for name in arabic:
        article = analyze(PAGES / "mediacloud" / f"{name}.gz")
        assert article.meta.language == "ar"
        assert article.headline and len(article.body_text()) > 200


def test_inputs_bad_batch_completes(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_binary.bin").write_bytes(b"\x00\x01\x02\xff" * 1000)
    (folder / "c_seed.txt").write_bytes(SEED.read_bytes())
    html = (PAGES / "html__arabic_article.html").read_bytes()
    (folder / "d_truncated.html").write_bytes(html[: len(html) // 2])
    broken = b"<html><body><p><div>" + SEED.read_bytes()[:3000] + b"</span></p>"
    (folder / "e_malformed.html").write_bytes(broken)
    (folder / "f_persian.html.gz").write_bytes((PAGES / "mediacloud" / "1523806243.html.gz").read_bytes())
    (folder / "g_cp1256.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("cp1256", errors="ignore"))
    summary = Summary()
    results = list(analyze_path(str(folder), summary=summary))
    outcome = [r.reason if isinstance(r, Rejection) else "ok" for r in results]
    assert outcome == ["empty", "binary", "ok", "ok", "ok", "not_arabic", "ok"]
    assert results[6].meta.encoding == "cp1256"
    assert summary.processed == 4
    assert summary.rejected == {"empty": 1, "binary": 1, "not_arabic": 1}


def test_inputs_huge_file_flagged_partial(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    paragraph = SEED.read_bytes()
    with big.open("wb") as fh:
        while fh.tell() < 50_000_000:
            fh.write(paragraph)
    settings = Settings(max_input_bytes=2_000_000, max_text_chars=200_000)
    [result] = list(analyze_path(str(big), settings=settings))
    assert isinstance(result, Article)
    assert "too_large" in {f.code for f in result.flags}
    assert len(result.text) <= 200_000


def test_inputs_tar_archive_and_missing_path(tmp_path: Path) -> None:
    archive = tmp_path / "ant.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        for f in ANT:
            tar.add(f, arcname=f"data/{f.name}")
    results = list(analyze_path([str(archive), str(tmp_path / "missing.txt")]))
    assert [isinstance(r, Article) for r in results] == [True] * len(ANT) + [False]
    assert results[-1].reason == "not_found"


def test_inputs_gzip_page_is_read_as_bytes(strict: Settings) -> None:
    article = analyze(PAGES / "LBCGroup_2026_01_08.html.gz", settings=strict)
    assert article.meta.encoding == "utf-8" and article.meta.input_kind == "html"
    assert gzip.decompress((PAGES / "LBCGroup_2026_01_08.html.gz").read_bytes())


def _ant_records() -> list[dict[str, str]]:
    """The ANT fixtures as SaudiNewsNet-style records: content, title, author, date_extracted."""
    import re

    records = []
    for f in ANT:
        doc = f.read_text(encoding="utf-8")
        field = {m.group(1): m.group(2).strip()
                 for m in re.finditer(r"<(SRC|URL|TITLE|AUTHOR|TIME|TEXT)>(.*?)</\1>", doc, re.S)}
        records.append({"source": field["SRC"], "url": field["URL"], "title": field["TITLE"],
                        "author": field["AUTHOR"], "date_extracted": field["TIME"],
                        "content": field["TEXT"]})
    return records


def test_inputs_json_array_in_zip(tmp_path: Path, strict: Settings) -> None:
    """A zip of a JSON array of articles (SaudiNewsNet's layout), with 'content' and 'author'."""
    import zipfile

    archive = tmp_path / "day.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("day.json", json.dumps(_ant_records(), ensure_ascii=False))
    results = list(analyze_path(str(archive), settings=strict))
    assert len(results) == len(ANT) and all(isinstance(r, Article) for r in results)
    alarabiya = results[0]
    assert alarabiya.headline == "انفجار صاروخ قرب قطاع غزة دون إصابات"
    assert alarabiya.meta.extra["source"] == "alarabia"
    assert alarabiya.meta.published == "Mon, 19 Feb 2018 00:16:11 +0400"
    assert [alarabiya.span_text(d) for d in alarabiya.layer("datelines")] == ["دبي"]


@pytest.mark.parametrize(("author", "place", "reporter", "source"), [
    ("لندن: رنيم حنوش", "لندن", "رنيم حنوش", None),     # SaudiNewsNet's 'city: reporter'
    ("دبي - العربية.نت", "دبي", None, "alarabiya"),      # ANT's 'city - outlet'
    ("الرياض: واس", "الرياض", None, "spa"),
])
def test_inputs_byline_forms(author: str, place: str, reporter: str | None, source: str | None,
                             strict: Settings) -> None:
    record = {"title": "عنوان الخبر", "author": author,
              "text": (SEED.read_text(encoding="utf-8").split("\n\n")[5])}
    [article] = list(analyze_path_records([record], strict))
    byline = article.first_block("byline")
    assert byline is not None and byline.attrs.get("reporter") == reporter
    assert [article.span_text(d) for d in article.layer("datelines")] == [place]
    assert [s.attrs["id"] for s in article.layer("sources")] == ([source] if source else [])


def analyze_path_records(records: list[dict[str, str]], settings: Settings) -> list[Article]:
    from rasd.api import analyze_raw
    from rasd.intake.inputs import _from_record

    return [analyze_raw(_from_record("test", r, settings.max_input_bytes), settings)  # type: ignore[arg-type]
            for r in records]


def test_inputs_rss_feed_entries(strict: Settings) -> None:
    results = list(analyze_path(str(DATA / "feeds" / "ant-sample.rss"), settings=strict))
    assert len(results) == 5
    article = results[3]
    assert isinstance(article, Article)
    assert article.headline == "إيران: تحطم طائرة على متنها 66 شخصا جنوب غرب البلاد"
    assert article.meta.published == "2018-02-18T08:14:44+00:00"
    assert article.meta.published_source == "feed"
    assert article.meta.url.startswith("http://www.france24.com/ar/")
    assert "ذكرت وسائل إعلام إيرانية" in article.body_text()


def test_inputs_broken_feed_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>', encoding="utf-8")
    [result] = list(analyze_path(str(bad)))
    assert isinstance(result, Rejection) and result.reason in ("malformed", "empty")
