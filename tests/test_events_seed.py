"""The events component on the seed article (issue #6 'done when'), published 2022-01-08.

The core tests run the component on a bare pipeline (structure, tokens, sentences,
events): they check what ar.events.v1 guarantees with its own fallbacks. The
``full`` tests run every registered component (failures recorded, not raised, since
other layers are developed in parallel) and check the same facts still hold.
"""

from __future__ import annotations

from typing import Any

import pytest

from rasd.api import analyze
from rasd.events.component import event_records
from rasd.model import Article
from rasd.pipeline import REGISTRY
from rasd.settings import Settings

from .conftest import SEED

CORE = ("ar.structure.v1", "ar.tokens.v1", "ar.sentences.v1", "ar.events.v1")


@pytest.fixture(scope="module")
def core_article() -> Article:
    return analyze(SEED, published="2022-01-08", settings=Settings(on_error="raise"), pipeline=CORE)


@pytest.fixture(scope="module")
def full_article() -> Article:
    return analyze(SEED, published="2022-01-08", settings=Settings(on_error="record"))


@pytest.fixture(scope="module", params=["core", "full"])
def records(
    request: pytest.FixtureRequest, core_article: Article, full_article: Article
) -> list[dict[str, Any]]:
    article = core_article if request.param == "core" else full_article
    assert not [f for f in article.flags if f.source == "ar.events.v1"]
    return event_records(article)


def _one(records: list[dict[str, Any]], **where: Any) -> dict[str, Any]:
    found = [r for r in records if all(r.get(k) == v for k, v in where.items()) and r["realis"] == "actual"]
    assert len(found) == 1, (where, [(r["event_type"], r["rasd_type"], r["realis"]) for r in records])
    return found[0]


def _sentence(article_text: str, span: list[int]) -> str:
    return article_text[span[0] : span[1]]


def test_events_seed_riots_dozens_killed_over_thousand_injured(records: list[dict[str, Any]]) -> None:
    riot = _one(records, event_type="Riots")
    assert riot["sub_event_type"] == "Violent demonstration"
    assert riot["plover"] == {**riot["plover"], "event": "PROTEST", "mode": "riot"}
    assert riot["location"]["country"] == "KZ"
    assert riot["location"]["name"] == "Almaty" and riot["location"]["geo_precision"] == 1
    assert riot["actor1"]["type"] == "rioters"
    assert riot["fatalities"]["min"] >= 10 and riot["fatalities"]["max"] in (None, 99)
    assert riot["injured"]["min"] == 1001
    assert "gunfire exchanged" in riot["tags"]
    text = SEED.read_text(encoding="utf-8")
    assert "أكثر من ألف جريح" in _sentence(text, riot["evidence"]["injured"])


def test_events_seed_police_side_not_double_counted(records: list[dict[str, Any]]) -> None:
    riot = _one(records, event_type="Riots")
    police = [c for c in riot["casualties"] if c["who"] and "شرط" in c["who"]]
    assert sorted((c["kind"], c["best"]) for c in police) == [("injured", 748), ("killed", 18)]
    text = SEED.read_text(encoding="utf-8")
    assert all("18 قتيلًا و748 جريحًا" in _sentence(text, c["evidence"]) for c in police)
    # the police's 748 injured are part of the >1,000, not added to them
    assert riot["injured"]["min"] == 1001
    assert riot["actor2"]["type"] == "state forces"


def test_events_seed_arrests_nationwide(records: list[dict[str, Any]]) -> None:
    arrests = _one(records, sub_event_type="Arrests")
    assert arrests["plover"]["event"] == "COERCE" and arrests["plover"]["mode"] == "arrest"
    assert arrests["arrested"]["min"] == 3801
    assert arrests["location"]["country"] == "KZ" and arrests["location"]["geo_precision"] == 3
    text = SEED.read_text(encoding="utf-8")
    assert "3800" in _sentence(text, arrests["evidence"]["arrested"])


def test_events_seed_protests_began_sunday_in_provinces(records: list[dict[str, Any]]) -> None:
    protest = _one(records, event_type="Protests")
    assert protest["date"]["value"] == "2022-01-02" and protest["date"]["time_precision"] == 1
    assert protest["location"]["country"] == "KZ" and protest["location"]["geo_precision"] == 3
    assert "Almaty" in [p["name"] for p in protest["location"].get("spread_to", [])]
    assert "أسعار الغاز" in protest["motive"]["text"]
    assert "economic" in protest["plover"]["context"]
    text = SEED.read_text(encoding="utf-8")
    assert "بدأت الأحد في المقاطعات" in _sentence(text, protest["evidence"]["date"])


def test_events_seed_voluntary_departure_from_almaty_consulate(records: list[dict[str, Any]]) -> None:
    dep = _one(records, rasd_type="embassy_departure")
    assert dep["event_type"] == "Strategic developments" and dep["departure"] == "voluntary"
    assert dep["plover"]["event"] == "SANCTION" and dep["plover"]["mode"] == "withdraw"
    assert dep["actor1"]["country"] == "US" and dep["actor1"]["type"] == "external forces"
    assert dep["location"]["name"] == "Almaty"
    assert dep["date"]["value"] == "2022-01-07"
    text = SEED.read_text(encoding="utf-8")
    assert "أمس الجمعة" in _sentence(text, dep["evidence"]["date"])
    assert len(dep["mentions"]) >= 3  # headline, lead, paragraph and the quoted statement


def test_events_seed_request_for_russian_csto_troops(records: list[dict[str, Any]]) -> None:
    req = _one(records, rasd_type="foreign_troops_request")
    assert req["plover"]["event"] == "DEMAND" and req["plover"]["mode"] == "military"
    assert req["actor1"]["country"] == "KZ"
    named = [req["actor2"]["name"]] + [a["name"] for a in req["actor2"].get("assoc", [])]
    assert any("Russia" in n for n in named) and any("CSTO" in n or "Collective Security" in n for n in named)
    text = SEED.read_text(encoding="utf-8")
    assert "طلبت الأخيرة من موسكو نشر قوات" in _sentence(text, req["evidence"]["event_type"])


def test_events_seed_shoot_to_kill_order(records: list[dict[str, Any]]) -> None:
    order = _one(records, rasd_type="shoot_to_kill_order")
    assert order["plover"]["event"] == "THREATEN"
    assert order["actor1"]["name"] == "Government of Kazakhstan"
    assert "توكاييف" in order["actor1"]["text"]
    assert order["date"]["value"] == "2022-01-07"
    text = SEED.read_text(encoding="utf-8")
    assert "إطلاق النار بهدف القتل" in _sentence(text, order["evidence"]["event_type"])


def test_events_seed_hypothetical_mentions_kept_apart(records: list[dict[str, Any]]) -> None:
    # Blinken: "once the Russians enter a country..." is not a deployment report
    hypothetical = [r for r in records if r["realis"] == "hypothetical"]
    assert any(r["rasd_type"] == "foreign_troops_deployment" for r in hypothetical)
    # "the authorities can handle the demonstrations" names protests, it does not report one
    protests = [r for r in records if r["event_type"] == "Protests" and r["realis"] == "actual"]
    assert len(protests) == 1
    text = SEED.read_text(encoding="utf-8")
    assert not any("يبدو لي" in _sentence(text, m) for m in protests[0]["mentions"])


def test_events_seed_layer_spans_and_source(core_article: Article) -> None:
    spans = core_article.layer("events")
    assert spans and all(s.source == "ar.events.v1" for s in spans)
    for s in spans:
        assert s.label == s.attrs["event_type"]
        assert core_article.text[s.start : s.end] == s.attrs["trigger"]["text"]
        assert s.attrs["reported_by"]["outlet"] == "Al-Araby" and s.attrs["reported_by"]["agencies"] == [
            "AFP"
        ]
        assert s.to_dict(core_article.text)["source"] == "ar.events.v1"
        for start, end in s.attrs["evidence"].values():
            assert 0 <= start < end <= len(core_article.text)


@pytest.mark.skipif("ar.entities.v1" not in REGISTRY, reason="entities layer not registered yet")
def test_events_seed_links_actors_when_entities_present(full_article: Article) -> None:
    if "entities" not in full_article.layers:
        pytest.skip("entities component did not run")
    order = _one(event_records(full_article), rasd_type="shoot_to_kill_order")
    assert order["actor1"].get("kb_id")


def test_events_historical_event_not_news() -> None:
    text = (
        "مقتل متظاهرين في العاصمة\n\n"
        "وقتل عشرات الأشخاص العام الماضي في اشتباكات خلال تظاهرات ضد الغلاء في العاصمة القاهرة.\n\n"
        "وتظاهر آلاف الطلاب أمس في العاصمة القاهرة احتجاجا على ارتفاع الأسعار.\n"
    )
    article = analyze(text, published="2018-02-20", settings=Settings(on_error="raise"), pipeline=CORE)
    records = event_records(article)
    assert any(r["realis"] == "historical" and "historical" in r["plover"]["context"] for r in records)
    protest = next(r for r in records if r["event_type"] == "Protests" and r["realis"] == "actual")
    assert protest["date"]["value"] == "2018-02-19" and protest["location"]["name"] == "Cairo"
