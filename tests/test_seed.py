"""The canonical sample, end to end: what issue #2's 'done when' lists."""

from __future__ import annotations

import json

from rasd.cli import main
from rasd.model import Article

from .conftest import SEED

HEADLINE = "كازاخستان.. واشنطن تسمح لموظفيها القنصليين غير الأساسيين بالمغادرة"
CAPTION = "القنصلية الأميركية في ألماتي بكازاخستان"


def test_seed_headline_once(seed: Article) -> None:
    assert seed.headline == HEADLINE
    assert seed.clean_text().count(HEADLINE) == 1
    assert [b.label for b in seed.blocks].count("headline") == 1


def test_seed_caption_once_with_getty_credit(seed: Article) -> None:
    captions = [b for b in seed.blocks if b.label == "caption"]
    assert len(captions) == 1
    assert seed.text[captions[0].start:captions[0].attrs["text_end"]] == CAPTION
    assert captions[0].attrs["credit"]["name"] == "Getty Images"
    assert seed.clean_text().count(CAPTION) == 1
    assert "(غيتي)" not in seed.clean_text()
    credit = seed.layer("credits")[0]
    assert seed.span_text(credit) == "غيتي"


def test_seed_lead(seed: Article) -> None:
    lead = seed.first_block("lead")
    assert lead is not None
    assert seed.span_text(lead).startswith("وافقت وزارة الخارجية الأميركية على المغادرة الطوعية")


def test_seed_subheadings(seed: Article) -> None:
    subs = [seed.span_text(b) for b in seed.blocks if b.label == "subheading"]
    assert subs == ["احتجاجات كازاخستان", "الموقف الأميركي مما يحدث في كازاخستان"]


def test_seed_sources_are_alaraby_and_afp(seed: Article) -> None:
    sources = {(s.label, s.attrs["id"], seed.span_text(s)) for s in seed.layer("sources")}
    assert sources == {("outlet", "alaraby", "العربي"), ("agency", "afp", "أ ف ب")}


def test_seed_boilerplate_left_out(seed: Article) -> None:
    clean = seed.clean_text()
    for junk in ("شارك القصة", "تابع القراءة", "Close", "Changed", "المصادر"):
        assert junk not in clean
    kinds = {seed.span_text(b): b.label for b in seed.blocks}
    assert kinds["شارك القصة"] == "boilerplate"
    assert kinds["Changed"] == "boilerplate"


def test_seed_header_date_is_page_date(seed: Article) -> None:
    assert seed.meta.page_date == "2024-04-24"
    header = seed.first_block("header_date")
    assert header is not None and header.attrs["weekday_ok"] is True
    assert seed.meta.published is None  # the header is the viewing date, not publication


def test_seed_every_paragraph_once(seed: Article) -> None:
    body = seed.body_text()
    assert body.count("وأعلنت الشرطة سقوط 18 قتيلًا و748 جريحًا في صفوفها") == 1
    assert body.endswith("لكنه رجح أن يكون هناك تدخلًا غير معلن.")


def test_seed_cli_json(capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["analyze", str(SEED), "--format", "json", "--published", "2022-01-08", "--quiet"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["headline"] == HEADLINE
    assert data["published"] == "2022-01-08"
    assert data["meta"]["published_source"] == "option"
    assert data["page_date"] == "2024-04-24"
    assert [c["credit"]["name"] for c in data["captions"]] == ["Getty Images"]
    names = {s["name"] for s in data["sources_summary"]["outlets"] + data["sources_summary"]["agencies"]}
    assert names == {"Al-Araby", "AFP"}
    text = data["text"]
    for layer in ("blocks", "sentences", "tokens", "sources", "credits"):
        for span in data[layer]:
            assert text[span["start"]:span["end"]] == span["text"]
