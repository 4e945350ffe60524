"""The events component on the seed article (issue #6 'done when'), published 2022-01-08.

The events component reads the layers the other components write (issue #10): these
tests run the full pipeline and check the typed records and that every count, place and
date points to the span of its own layer.
"""

from __future__ import annotations

from typing import Any

import pytest

from rasd import layers as L
from rasd.api import analyze
from rasd.errors import PipelineError
from rasd.events.component import event_records
from rasd.events.model import EventRecord
from rasd.model import Article
from rasd.pipeline import needed_for, resolve
from rasd.settings import Settings

from .conftest import SEED


@pytest.fixture(scope="module")
def article() -> Article:
    return analyze(SEED, published="2022-01-08", settings=Settings(on_error="raise"))


@pytest.fixture(scope="module")
def records(article: Article) -> list[EventRecord]:
    return event_records(article)


def _one(records: list[EventRecord], **where: Any) -> EventRecord:
    found = [r for r in records if all(getattr(r, k) == v for k, v in where.items()) and r.realis == "actual"]
    assert len(found) == 1, (where, [(r.event_type, r.rasd_type, r.realis) for r in records])
    return found[0]


def _sentence(span: list[int]) -> str:
    return SEED.read_text(encoding="utf-8")[span[0] : span[1]]


def test_events_seed_riots_dozens_killed_over_thousand_injured(records: list[EventRecord]) -> None:
    riot = _one(records, event_type="Riots")
    assert riot.sub_event_type == "Violent demonstration"
    assert (riot.plover.event, riot.plover.mode) == ("PROTEST", "riot")
    assert riot.location.country == "KZ"
    assert riot.location.name == "Almaty" and riot.location.geo_precision == 1
    assert riot.actor1 is not None and riot.actor1.type == "rioters"
    assert riot.fatalities is not None and riot.injured is not None
    # dozens killed (10/10/99), of whom 18 police: the police raise the floor, the dozens cap it
    assert (riot.fatalities.min, riot.fatalities.best, riot.fatalities.max) == (18, 18, 99)
    assert riot.injured.min == 1001
    assert "gunfire exchanged" in riot.tags
    assert "أكثر من ألف جريح" in _sentence(riot.evidence["injured"])


def test_events_seed_police_side_not_double_counted(records: list[EventRecord]) -> None:
    riot = _one(records, event_type="Riots")
    police = [c for c in riot.casualties if c.who == "police"]
    assert sorted((c.kind, c.best) for c in police) == [("injured", 748), ("killed", 18)]
    assert all(c.sentence and "18 قتيلًا و748 جريحًا" in _sentence(list(c.sentence)) for c in police)
    # the police's 748 injured are part of the >1,000, not added to them
    assert riot.injured is not None and riot.injured.min == 1001
    assert riot.actor2 is not None and riot.actor2.type == "state forces"


def test_events_seed_arrests_nationwide(records: list[EventRecord]) -> None:
    arrests = _one(records, sub_event_type="Arrests")
    assert (arrests.plover.event, arrests.plover.mode) == ("COERCE", "arrest")
    assert arrests.arrested is not None and arrests.arrested.min == 3801
    assert arrests.location.country == "KZ" and arrests.location.geo_precision == 3
    assert "3800" in _sentence(arrests.evidence["arrested"])


def test_events_seed_protests_began_sunday_in_provinces(records: list[EventRecord]) -> None:
    protest = _one(records, event_type="Protests")
    assert protest.date.value == "2022-01-02" and protest.date.time_precision == 1
    assert protest.location.country == "KZ" and protest.location.geo_precision == 3
    assert "Almaty" in [p.name for p in protest.location.spread_to]
    assert protest.motive is not None and "أسعار الغاز" in protest.motive["text"]
    assert "economic" in protest.plover.context
    assert "بدأت الأحد في المقاطعات" in _sentence(protest.evidence["date"])


def test_events_seed_voluntary_departure_from_almaty_consulate(records: list[EventRecord]) -> None:
    dep = _one(records, rasd_type="embassy_departure")
    assert dep.event_type == "Strategic developments" and dep.departure == "voluntary"
    assert (dep.plover.event, dep.plover.mode) == ("SANCTION", "withdraw")
    assert dep.actor1 is not None and dep.actor1.country == "US" and dep.actor1.type == "external forces"
    assert dep.location.name == "Almaty"
    assert dep.date.value == "2022-01-07"
    assert "أمس الجمعة" in _sentence(dep.evidence["date"])
    assert len(dep.mentions) >= 3  # headline, lead, paragraph and the quoted statement


def test_events_seed_request_for_russian_csto_troops(records: list[EventRecord]) -> None:
    req = _one(records, rasd_type="foreign_troops_request")
    assert (req.plover.event, req.plover.mode) == ("DEMAND", "military")
    assert req.actor1 is not None and req.actor1.country == "KZ"
    assert req.actor2 is not None
    named = [req.actor2.name] + [a.name for a in req.actor2.assoc]
    assert any("Russia" in n for n in named) and any("CSTO" in n or "Collective Security" in n for n in named)
    assert "طلبت الأخيرة من موسكو نشر قوات" in _sentence(req.evidence["event_type"])


def test_events_seed_shoot_to_kill_order(records: list[EventRecord]) -> None:
    order = _one(records, rasd_type="shoot_to_kill_order")
    assert order.plover.event == "THREATEN"
    assert order.actor1 is not None and order.actor1.name == "Government of Kazakhstan"
    assert order.actor1.text is not None and "توكاييف" in order.actor1.text
    assert order.actor1.kb_id
    assert order.date.value == "2022-01-07"
    assert "إطلاق النار بهدف القتل" in _sentence(order.evidence["event_type"])


def test_events_seed_hypothetical_mentions_kept_apart(records: list[EventRecord]) -> None:
    # Blinken: "once the Russians enter a country..." is not a deployment report: a
    # candidate, kept only with --all-candidates
    everything = event_records(analyze(SEED, published="2022-01-08", all_candidates=True,
                                       settings=Settings(on_error="raise")))
    # (the deployment rule needs troops or an intervention verb: يدخل الروس بلدًا is no candidate)
    blinken = [r for r in everything if "يدخل الروس" in _sentence(r.evidence["event_type"])]
    assert all(r.candidate and r.realis != "actual" for r in blinken)
    assert all(r.realis in ("actual", "reported-as-claim") and not r.candidate for r in records)
    # "the authorities can handle the demonstrations" names protests, it does not report one
    protests = [r for r in records if r.event_type == "Protests" and r.realis == "actual"]
    assert len(protests) == 1
    assert not any("يبدو لي" in _sentence(m) for m in protests[0].mentions)


def test_events_seed_layer_spans_and_source(article: Article) -> None:
    spans = article.layer("events")
    assert spans and all(s.source == "ar.events.v1" for s in spans)
    for s in spans:
        assert s.label == s.attrs["event_type"]
        assert article.text[s.start : s.end] == s.attrs["trigger"]["text"]
        reported_by = s.attrs["reported_by"]
        assert reported_by["outlet"] == "Al-Araby" and reported_by["agencies"] == ["AFP"]
        assert s.to_dict(article.text)["source"] == "ar.events.v1"
        for start, end in s.attrs["evidence"].values():
            assert 0 <= start < end <= len(article.text)


def test_events_seed_every_count_is_its_casualty_spans(article: Article, records: list[EventRecord]) -> None:
    """Issue #10: each count names the casualty span(s) it came from, and equals that span's
    figure (or, for a general figure raised by named victim groups, is bounded by them)."""
    casualties = {(s.start, s.end): s for s in article.layer(L.CASUALTIES)}
    checked = 0
    for rec in records:
        for kind, count in (("killed", rec.fatalities), ("injured", rec.injured), ("arrested", rec.arrested)):
            if count is None:
                continue
            assert count.spans, (rec.id, kind)
            spans = [casualties[(r.start, r.end)] for r in count.spans]
            assert all(r.layer == L.CASUALTIES for r in count.spans)
            assert all(s.label == kind for s in spans)
            if len(spans) == 1:
                s = spans[0]
                assert (count.min, count.best, count.max) == (s.attrs["min"], s.attrs["best"], s.attrs["max"])
            else:
                general, *groups = spans
                assert count.best == max(general.attrs["best"], sum(g.attrs["best"] for g in groups))
                assert all(g.attrs["who"] for g in groups)
            checked += 1
    assert checked >= 3


def test_events_seed_places_and_dates_point_to_their_spans(
    article: Article, records: list[EventRecord]
) -> None:
    entities = {(s.start, s.end): s for s in article.layer(L.ENTITIES)}
    dates = {(s.start, s.end): s for s in article.layer(L.DATES)}
    for rec in records:
        if rec.location.basis == "text":
            assert rec.location.span is not None and rec.location.span.layer in (L.ENTITIES, L.SENTENCES)
            if rec.location.span.layer == L.ENTITIES:
                ent = entities[(rec.location.span.start, rec.location.span.end)]
                assert ent.attrs.get("kb_id") == rec.location.kb_id
        if rec.date.basis == "text":
            assert rec.date.span is not None and rec.date.span.layer == L.DATES
            assert dates[(rec.date.span.start, rec.date.span.end)].attrs["value"] == rec.date.value


def test_events_seed_record_round_trips(records: list[EventRecord]) -> None:
    for rec in records:
        assert EventRecord.from_dict(rec.to_dict()) == rec


def test_events_pipeline_without_casualties_is_refused() -> None:
    names = tuple(n for n in needed_for("ar.events.v1") if n != "ar.casualties.v1")
    with pytest.raises(PipelineError, match="casualties"):
        resolve(names)
    with pytest.raises(PipelineError, match="casualties"):
        analyze(SEED, pipeline=names)


def test_events_historical_event_not_news() -> None:
    text = (
        "مقتل متظاهرين في العاصمة\n\n"
        "وقتل عشرات الأشخاص العام الماضي في اشتباكات خلال تظاهرات ضد الغلاء في العاصمة القاهرة.\n\n"
        "وتظاهر آلاف الطلاب أمس في العاصمة القاهرة احتجاجا على ارتفاع الأسعار.\n"
    )
    article = analyze(text, published="2018-02-20", settings=Settings(on_error="raise"), all_candidates=True)
    records = event_records(article)
    assert any(r.realis == "historical" and "historical" in r.plover.context for r in records)
    protest = next(r for r in records if r.event_type == "Protests" and r.realis == "actual")
    assert protest.date.value == "2018-02-19" and protest.location.name == "Cairo"
