from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.normalize import normalize, normalize_str


@pytest.mark.parametrize(("raw", "norm"), [
    ("مُحَمَّد", "محمد"),
    ("محمّد", "محمد"),
    ("أحمد إبراهيم آمنة", "احمد ابراهيم امنه"),
    ("مستشفى", "مستشفي"),
    ("حمـــاس", "حماس"),
    ("٣٫٥ و١٬٢٠٠", "3.5 و1,200"),
    ("۱۲۳", "123"),
    ("الأميركية", "الامريكيه"),
    ("أمريكا وأميركا", "امريكا وامريكا"),
    ("الديبلوماسي", "الدبلوماسي"),
    ("\u200fنص\u200e", "نص"),
    ("ﻻ", "لا"),
    ("ی ک", "ي ك"),
])
def test_normalize_forms(raw: str, norm: str) -> None:
    assert normalize_str(raw) == norm


def test_normalize_offsets_map_back_to_raw_words() -> None:
    raw = "قالت وزارة الخارجيّة الأميركيّة: «وافقت»"
    view = normalize(raw)
    i = view.text.index("الخارجيه")
    start, end = view.raw_span(i, i + len("الخارجيه"))
    assert raw[start:end] == "الخارجيّة"
    j = view.text.index("امريكيه")
    start, end = view.raw_span(j, j + len("امريكيه"))
    assert raw[start:end] == "أميركيّة"


def test_normalize_seed_matches_kazakhstan_everywhere(seed) -> None:  # type: ignore[no-untyped-def]
    view = seed.normalized
    pos = view.text.find("كازاخستان")
    hits = 0
    while pos >= 0:
        start, end = view.raw_span(pos, pos + len("كازاخستان"))
        assert seed.text[start:end] == "كازاخستان"
        hits += 1
        pos = view.text.find("كازاخستان", pos + 1)
    assert hits >= 10


ARABIC_SOUP = list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأؤإئىةـًٌٍَُِّْ٠١٢٣٫٬ ﻻ.,0123456789\u200f")


@given(st.text(alphabet=st.sampled_from(ARABIC_SOUP), max_size=80))
def test_normalize_offsets_are_monotonic_and_in_range(raw: str) -> None:
    view = normalize(raw)
    assert len(view.starts) == len(view.text) == len(view.ends)
    assert all(0 <= s < e <= len(raw) for s, e in zip(view.starts, view.ends, strict=True))
    assert list(view.starts) == sorted(view.starts)
    if view.text:
        start, end = view.raw_span(0, len(view.text))
        assert 0 <= start <= end <= len(raw)


@given(st.text(max_size=120))
def test_normalize_str_equals_view_text(raw: str) -> None:
    assert normalize_str(raw) == normalize(raw).text
