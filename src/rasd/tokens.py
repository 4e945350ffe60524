"""Arabic-aware tokens and sentences with offsets.

Tokens: Arabic words (diacritics, tatweel and invisible marks inside: the
marks the normalized view deletes, such as a bidi control or a zero-width
space in ``فبرا\u202dير``, never split a word), numbers in Western or
Arabic-Indic digits with their separators (``3.5``, ``٣٫٥``, ``1,200`` stay
one token), Latin words, and punctuation runs. Each Arabic word carries its
normalized form and, when the article ``ال`` shows it for certain, its
proclitics (``و+ال`` in ``والجمعة``) with the offset where the stem begins.
Other clitic readings (``ب`` in ``بكازاخستان``) are offered by
:func:`clitic_candidates` for lexicon matching, which decides.

Sentences: split inside content blocks at ``. ! ? ؟ …`` followed by space,
never across a block, never after a one- or two-letter abbreviation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .model import CONTENT_KINDS, Article, Span, Token
from .normalize import NormalizedText
from .settings import Settings

TOKENS = "ar.tokens.v1"
SENTENCES = "ar.sentences.v1"

_AR = ("\u0620-\u065F\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF\u0640\u0670"
       "\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC")


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    """Tokens; inside a word, the invisible marks that :mod:`rasd.normalize` deletes (its
    ``charmap`` group ``invisible``), so a word and its normalized form agree on where it ends."""
    from .lexicon import load

    invisible = re.escape(load("charmap")["delete"]["invisible"])
    return re.compile(
        rf"(?P<number>\d+(?:[.,\u066B\u066C]\d+)*)"
        rf"|(?P<word>[{_AR}](?:[{_AR}{invisible}]*[{_AR}])?)"
        r"|(?P<latin>[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*)"
        r"|(?P<punct>(?P<p>[^\w\s])(?P=p)*)"
        r"|(?P<symbol>[^\s])"
    )
# Proclitics before the article: conjunction (و ف), preposition (ب ك ل).
_ARTICLE = re.compile(r"^(?P<conj>[وف])?(?P<prep>[بكل])?ال(?P<stem>.{3,})$")
_LIL = re.compile(r"^(?P<conj>[وف])?لل(?P<stem>.{3,})$")
_SINGLE = re.compile(r"^(?P<pre>[وف]?[بكل]?|[وف])(?P<stem>.{3,})$")
_SENT_END = re.compile(r"(?:[.!?؟…]+|\.{2,})[\"»”')\]]*(?=\s|$)")


def tokenize(text: str, normalized: NormalizedText) -> list[Token]:
    tokens = []
    norm = normalized.text
    starts = normalized.starts
    ns = 0
    for m in _token_pattern().finditer(text):
        kind = m.lastgroup or "symbol"
        start, end = m.start(), m.end()
        # Tokens come in order, so the normalized offsets advance with a pointer.
        while ns < len(starts) and starts[ns] < start:
            ns += 1
        ne = ns
        while ne < len(starts) and starts[ne] < end:
            ne += 1
        tok = Token(start, end, kind, norm[ns:ne], nstart=ns)
        if kind == "word":
            _set_clitics(tok, normalized, ns)
        tokens.append(tok)
    return tokens


def _set_clitics(tok: Token, normalized: NormalizedText, ns: int) -> None:
    m = _ARTICLE.match(tok.norm)
    if m:
        parts = [p for p in (m.group("conj"), m.group("prep")) if p] + ["ال"]
    else:
        m = _LIL.match(tok.norm)
        if not m:
            return
        parts = [p for p in (m.group("conj"),) if p] + ["ل", "ال"]
    stem_norm_start = ns + m.start("stem")
    tok.prefix = "+".join(parts)
    tok.stem_start = normalized.starts[stem_norm_start]


def clitic_candidates(norm: str) -> list[tuple[str, str]]:
    """Readings ``(prefix, stem)`` of a normalized word, the surface first.

    ``بكازاخستان`` -> ``[("", "بكازاخستان"), ("ب", "كازاخستان")]``; stems
    keep at least three letters. Callers keep the reading their lexicon knows.
    """
    out = [("", norm)]
    for pattern in (_ARTICLE, _LIL):
        m = pattern.match(norm)
        if m:
            out.append((norm[:m.start("stem")], m.group("stem")))
            out.append((norm[:m.start("stem")].removesuffix("ال").removesuffix("ل"),
                        "ال" + m.group("stem")))
    m = _SINGLE.match(norm)
    if m and m.group("pre"):
        for cut in range(1, len(m.group("pre")) + 1):
            out.append((norm[:cut], norm[cut:]))
    seen = set()
    unique = []
    for item in out:
        if item not in seen and len(item[1]) >= 2:
            seen.add(item)
            unique.append(item)
    return unique


def find_tokens(article: Article, settings: Settings) -> list[Token]:
    tokens = tokenize(article.text, article.normalized)
    blocks = article.blocks
    b = 0
    for tok in tokens:
        while b < len(blocks) and blocks[b].end <= tok.start:
            b += 1
        if b < len(blocks) and blocks[b].start <= tok.start:
            tok.block = b
    return tokens


def annotate_tokens(article: Article, tokens: list[Token]) -> None:
    article.tokens = tokens


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets inside ``text[start:end]``."""
    out = []
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        before = text[pos:m.start()].split()
        # "د." "أ." "إف." are abbreviations, not sentence ends.
        if m.group().startswith(".") and len(m.group()) == 1 and before and len(before[-1]) <= 2:
            continue
        out.append((pos, m.end()))
        pos = m.end()
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end and text[pos:end].strip():
        out.append((pos, end))
    return out


def find_sentences(article: Article, settings: Settings) -> list[Span]:
    spans = []
    for block in article.blocks:
        if block.label not in CONTENT_KINDS:
            continue
        end = block.attrs.get("text_end", block.end)
        for s, e in split_sentences(article.text, block.start, end):
            spans.append(Span(s, e, "sentence", SENTENCES, {"block": block.attrs["index"]}))
    return spans


def annotate_sentences(article: Article, spans: list[Span]) -> None:
    article.layers["sentences"] = spans


@dataclass
class SentenceRange:
    """One sentence of an article as a range of token indices ``[first, end)``.

    ``index`` is the sentence's position in the ``sentences`` layer; ``prev`` the
    sentence before it (None for the first), so readers can look back across a
    sentence break.
    """

    index: int
    first: int
    end: int
    prev: SentenceRange | None = None


def sentence_ranges(article: Article) -> list[SentenceRange]:
    """Each sentence of the article as a range of token indices (needs both layers)."""
    starts = [t.start for t in article.tokens]
    out: list[SentenceRange] = []
    for index, sent in enumerate(article.sentences):
        first = bisect_left(starts, sent.start)
        end = bisect_left(starts, sent.end)
        out.append(SentenceRange(index, first, end, out[-1] if out else None))
    return out
