"""The entities layer on the seed article: what issue #3 requires to be found and linked."""

from __future__ import annotations

from typing import Any

import pytest

from rasd.model import CONTENT_KINDS, Article, Span


def _by_id(seed: Article) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {}
    for span in seed.layer("entities"):
        out.setdefault(span.attrs.get("kb_id", ""), []).append(span)
    return out


@pytest.mark.parametrize(("kb_id", "name_en", "label"), [
    ("per:antony-blinken", "Antony Blinken", "PERS"),
    ("per:kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "PERS"),
    ("gn:1526384", "Almaty", "LOC"),
    ("iso:KZ", "Kazakhstan", "LOC"),
    ("gn:4140963", "Washington D.C.", "LOC"),
    ("gn:524901", "Moscow", "LOC"),
    ("iso:RU", "Russia", "LOC"),
    ("iso:UA", "Ukraine", "LOC"),
    ("iso:AM", "Armenia", "LOC"),
    ("iso:BY", "Belarus", "LOC"),
    ("iso:TJ", "Tajikistan", "LOC"),
    ("iso:KG", "Kyrgyzstan", "LOC"),
    ("m49:143", "Central Asia", "LOC"),
    ("org:statedept", "US State Department", "ORG"),
    ("org:whitehouse", "White House", "ORG"),
    ("org:csto", "CSTO", "ORG"),
    ("org:nato", "NATO", "ORG"),
    ("org:alaraby", "Al-Araby", "ORG"),
    ("org:afp", "AFP", "ORG"),
    ("org:getty", "Getty Images", "ORG"),
])
def test_entities_seed_finds_and_links(seed: Article, kb_id: str, name_en: str, label: str) -> None:
    spans = _by_id(seed).get(kb_id)
    assert spans, f"{name_en} not found"
    assert all(s.attrs["name_en"] == name_en and s.label == label for s in spans)


def test_entities_seed_people_roles_and_clusters(seed: Article) -> None:
    found = _by_id(seed)
    blinken = found["per:antony-blinken"]
    assert {seed.span_text(s) for s in blinken} == {"أنتوني بلينكن", "بلينكن"}
    assert {s.attrs["cluster"] for s in blinken} == {blinken[0].attrs["cluster"]}
    assert blinken[0].attrs["role"] == "US Secretary of State"
    tokayev = found["per:kassym-jomart-tokayev"]
    assert tokayev[0].attrs["role"] == "President of Kazakhstan"
    assert tokayev[0].attrs["country"] == "KZ"


def test_entities_seed_unknown_person_transliterated(seed: Article) -> None:
    maalouf = [s for s in seed.layer("entities") if "معلوف" in seed.span_text(s)]
    assert maalouf and all(s.label == "PERS" and "kb_id" not in s.attrs for s in maalouf)
    full = next(s for s in maalouf if seed.span_text(s) == "مسعود معلوف")
    assert full.attrs["translit"] == "Masoud Maalouf"
    assert full.attrs["role"] == "former US diplomat"
    assert {s.attrs["cluster"] for s in maalouf} == {full.attrs["cluster"]}


def test_entities_seed_places_have_coordinates(seed: Article) -> None:
    almaty = _by_id(seed)["gn:1526384"][0]
    assert almaty.attrs["lat"] == pytest.approx(43.25, abs=0.1)
    assert almaty.attrs["lon"] == pytest.approx(76.92, abs=0.1)


def test_entities_seed_clitic_outside_span(seed: Article) -> None:
    """بكازاخستان: the entity covers the stem, not the preposition."""
    texts = [seed.span_text(s) for s in seed.layer("entities")]
    assert not any(t.startswith(("بكازاخستان", "وأرمينيا", "والولايات")) for t in texts)
    assert "أرمينيا" in texts


def test_entities_seed_only_in_content_or_source_lines(seed: Article) -> None:
    allowed = [b for b in seed.blocks if b.label in CONTENT_KINDS | {"sources"}]
    for span in seed.layer("entities"):
        assert any(b.start <= span.start and span.end <= b.end for b in allowed), seed.span_text(span)
        if not span.attrs.get("from_layer"):
            assert any(s.start <= span.start and span.end <= s.end for s in seed.sentences)


def test_entities_seed_attrs_are_json_and_scored(seed: Article) -> None:
    import json

    for span in seed.layer("entities"):
        attrs: dict[str, Any] = span.attrs
        json.dumps(attrs)
        assert span.source == "ar.entities.v1"
        assert span.label in ("PERS", "LOC", "ORG", "MISC")
        if "kb_id" in attrs and not attrs.get("from_layer"):
            assert 0 < attrs["score"] <= 1
