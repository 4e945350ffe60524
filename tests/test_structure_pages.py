"""Clean-text extraction on real HTML pages with gold, and the evaluation gate."""

from __future__ import annotations

import gzip
import json

import pytest
import trafilatura

from rasd.api import analyze
from rasd.metrics import sha256_file, word_prf
from rasd.settings import Settings
from rasd.structure.blocks import boilerplate_reason

from .conftest import PAGES

FLOORS = json.loads((PAGES / "floors.json").read_text(encoding="utf-8"))


def _gold_body(name: str) -> str:
    spec = FLOORS[name]
    path = PAGES / spec["gold"]
    assert sha256_file(path) == spec["sha256"], f"gold {path.name} changed: re-pin its floor on purpose"
    if name == "lbc":
        gold = json.loads(path.read_text(encoding="utf-8"))["V1"]["body"]["sections"]
        return "\n".join(p for s in gold for p in s["paragraphs"])
    return path.read_text(encoding="utf-8")


PAGE_FILES = {"cnn-arabic": "html__arabic_article.html", "lbc": "LBCGroup_2026_01_08.html.gz"}


@pytest.mark.parametrize("name", sorted(PAGE_FILES))
def test_structure_body_f1_at_least_floor_and_trafilatura(name: str, strict: Settings) -> None:
    path = PAGES / PAGE_FILES[name]
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    gold = _gold_body(name)
    ours = word_prf(analyze(path, settings=strict).body_text(), gold)[2]
    baseline = word_prf(trafilatura.extract(raw) or "", gold)[2]
    assert ours >= FLOORS[name]["f1_floor"]
    assert ours >= baseline


def test_structure_cnn_title_dateline_and_comment_policy(strict: Settings) -> None:
    article = analyze(PAGES / "html__arabic_article.html", settings=strict)
    meta = json.loads((PAGES / "metadata__arabic_article.json").read_text(encoding="utf-8"))
    assert article.headline == meta["title"]
    assert article.span_text(article.layer("datelines")[0]) == "دمشق، سوريا (CNN) --"
    reasons = [b.attrs.get("reason") for b in article.blocks if b.label == "boilerplate"]
    assert reasons == ["comments", "comments"]


def test_structure_lbc_related_stories_left_out(strict: Settings) -> None:
    article = analyze(PAGES / "LBCGroup_2026_01_08.html.gz", settings=strict)
    clean = article.clean_text()
    assert "عراقجي" not in clean and "12:58" not in clean
    assert len([b for b in article.blocks if b.label in ("lead", "paragraph")]) == 6


def test_structure_assabah_with_and_without(strict: Settings) -> None:
    spec = FLOORS["assabah"]
    assert sha256_file(PAGES / spec["gold"]) == spec["sha256"]
    gold = json.loads((PAGES / spec["gold"]).read_text(encoding="utf-8"))
    clean = analyze(PAGES / "assabah.com.tn.article.html.gz", settings=strict).clean_text()
    assert all(s in clean for s in gold["with"])
    assert not any(s in clean for s in gold["without"])


@pytest.mark.parametrize(("line", "reason"), [
    ("شارك القصة", "share"), ("تابع القراءة", "navigation"), ("Close", "navigation"),
    ("Changed", "navigation"), ("اقرأ أيضاً: مقتل 5 في غارة", "related"), ("12:58", "counter"),
    ("منذ 3 ساعات", "timestamp"), ("جميع الحقوق محفوظة © 2024", "copyright"),
    ("الاحتجاجات تتواصل في ألماتي", None),
])
def test_structure_boilerplate_lines(line: str, reason: str | None) -> None:
    assert boilerplate_reason(line) == reason


SEED_PARAGRAPHS = [p for p in (PAGES.parent / "seed" / "al-araby-kazakhstan-consulate.txt")
                   .read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 15]


@pytest.mark.parametrize(("tail", "kind", "names"), [
    ("المصادر:\nالعربي - أ ف ب", "sources", ["Al-Araby", "AFP"]),
    ("المصدر: رويترز، د ب أ", "sources", ["Reuters", "dpa"]),
    ("(رويترز)", "sources", ["Reuters"]),
    ("*نقلاً عن الرؤية الإماراتية", "sources", ["الرؤية الإماراتية"]),
    ("نقلا عن مصادر أمنية، قتل خمسة أشخاص في هجوم على حاجز للشرطة في شمال البلاد اليوم.", "paragraph", []),
    ("للمزيد - حسين حبري: تراجيديا تشادية", "boilerplate", []),
])
def test_structure_sources_line_forms(tail: str, kind: str, names: list[str], strict: Settings) -> None:
    text = "\n\n".join(SEED_PARAGRAPHS[:2]) + "\n\n" + tail
    article = analyze(text, settings=strict)
    assert article.blocks[-1].label == kind
    assert [s.attrs["name"] for s in article.layer("sources")] == names


def test_structure_headline_citing_sources_is_headline(strict: Settings) -> None:
    from rasd.api import analyze_raw
    from rasd.intake.inputs import RawInput

    title = "مصادر: ملك الأردن يستدعي رئيس الوزراء للمثول أمامه"
    raw = RawInput("t", "\n".join(SEED_PARAGRAPHS[:2]), "text", title=title)
    article = analyze_raw(raw, strict)
    assert article.headline == "مصادر: ملك الأردن يستدعي رئيس الوزراء للمثول أمامه"
    assert article.layer("sources") == []
