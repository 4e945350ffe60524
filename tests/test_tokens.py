from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.model import Article
from rasd.normalize import normalize
from rasd.tokens import clitic_candidates, split_sentences, tokenize


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(text[t.start:t.end], t.kind) for t in tokenize(text, normalize(text))]


def test_tokens_rebuild_seed_byte_for_byte(seed: Article) -> None:
    pieces = []
    pos = 0
    for tok in seed.tokens:
        gap = seed.text[pos:tok.start]
        assert gap.strip() == "", f"untokenized text {gap!r}"
        pieces.append(gap + seed.text[tok.start:tok.end])
        pos = tok.end
    pieces.append(seed.text[pos:])
    assert "".join(pieces).encode("utf-8") == seed.text.encode("utf-8")


@pytest.mark.parametrize(("text", "expected"), [
    ("3.5", [("3.5", "number")]),
    ("٣٫٥", [("٣٫٥", "number")]),
    ("18 قتيلًا", [("18", "number"), ("قتيلًا", "word")]),
    ("و748", [("و", "word"), ("748", "number")]),
    ("١٬٢٠٠ شخص", [("١٬٢٠٠", "number"), ("شخص", "word")]),
    ("بـ\"إطلاق", [("بـ", "word"), ('"', "punct"), ("إطلاق", "word")]),
    ("كازاخستان..", [("كازاخستان", "word"), ("..", "punct")]),
    ("2024م", [("2024", "number"), ("م", "word")]),
    ("CNN --", [("CNN", "latin"), ("--", "punct")]),
])
def test_tokens_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert _tokens(text) == expected


def test_tokens_clitics_keep_surface() -> None:
    text = "والجمعة للموظفين بالتأكيد الله"
    toks = tokenize(text, normalize(text))
    assert [(t.prefix, text[t.stem_start:t.end] if t.prefix else None) for t in toks] == [
        ("و+ال", "جمعة"), ("ل+ال", "موظفين"), ("ب+ال", "تأكيد"), ("", None)]
    assert toks[0].norm == "والجمعه" and toks[0].stem_norm == "جمعه"


def test_tokens_clitic_candidates() -> None:
    assert ("ب", "كازاخستان") in clitic_candidates("بكازاخستان")
    assert ("ال", "امريكيه") in clitic_candidates("الامريكيه")
    assert clitic_candidates("وزاره")[0] == ("", "وزاره")


def test_sentences_seed_police_paragraph(seed: Article) -> None:
    texts = [seed.span_text(s) for s in seed.sentences]
    assert "وأعلنت الشرطة سقوط 18 قتيلًا و748 جريحًا في صفوفها." in texts
    assert "واعتقل أكثر من 3800 شخص في جميع أنحاء البلاد، حسب أحدث الأرقام التي بثها التلفزيون." in texts
    assert all(seed.span_text(s) == seed.span_text(s).strip() for s in seed.sentences)
    assert not any("شارك" in t for t in texts)


def test_sentences_not_split_at_decimals_or_initials() -> None:
    text = "ارتفع المؤشر 3.5 في المئة. وقال د. أحمد إن مركز جون إف. كينيدي مغلق."
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == [
        "ارتفع المؤشر 3.5 في المئة.", "وقال د. أحمد إن مركز جون إف. كينيدي مغلق."]


@given(st.text(max_size=200))
def test_tokens_never_overlap_and_cover_non_space(text: str) -> None:
    toks = tokenize(text, normalize(text))
    pos = 0
    for t in toks:
        assert pos <= t.start < t.end <= len(text)
        assert text[pos:t.start].strip() == ""
        pos = t.end
    assert text[pos:].strip() == ""


# Issue 16: an invisible mark (bidi control, zero-width space, soft hyphen) inside a word. The
# normalized view deletes it, so the tokenizer must not split the word there: otherwise a spelling
# variant unified across the mark (اميركي -> امريكي) leaves a token whose normalized form is empty.
@pytest.mark.parametrize(("text", "word"), [
    ("الأمير\u202eكية", "الأمير\u202eكية"),
    ("فبرا\u202d\u202c\u202cير", "فبرا\u202d\u202c\u202cير"),      # ANT, Al Arabiya 2018-03-05
    ("العراق\u200bية", "العراق\u200bية"),                          # ANT, Sky News Arabia 2018-02-23
    ("و\u200e\u200fفي", "و\u200e\u200fفي"),                          # ANT, BBC 2018-04-25
    ("الدب\u00adلوماسي", "الدب\u00adلوماسي"),
])
def test_tokens_invisible_mark_inside_word_keeps_one_token(text: str, word: str) -> None:
    [tok] = tokenize(text, normalize(text))
    assert (text[tok.start:tok.end], tok.kind) == (word, "word")
    assert tok.norm and "\u202e" not in tok.norm


def test_tokens_every_word_has_a_normalized_form() -> None:
    from pathlib import Path

    for path in sorted((Path(__file__).parent / "data" / "robust").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert all(t.norm for t in tokenize(text, normalize(text)) if t.kind == "word"), path.name
