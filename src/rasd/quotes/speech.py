"""Reported speech: direct, indirect, partial and scare quotes, with speakers.

A speech verb (``قال``, ``أكد``, ``أشار إلى``, ``مؤكدا``...) followed, within a
few words, by a complementizer (``أن/إن/بأن``), a colon or an opening quote
mark makes a statement. The words between the verb and that point name the
speaker, cut at the first time word, preposition or comma (``قال خالد
اليماني، وزير الخارجية اليمني، إن`` -> ``خالد اليماني``). With no speaker
(``وأضاف أن``, ``وتابع``, ``لكنه رجح``) the statement continues the previous
speaker of the same sentence, then the sentence's subject for a verb in mid
sentence, then the previous speaker of the article. ``نقلت وكالة X عن Y
قوله`` gives Y. A headline ``X: ...`` is a direct quote by X.

Quoted stretches that are not a statement's content are partial quotes
(three words or more, e.g. ``بـ"إطلاق النار بهدف القتل"``) or scare quotes
(``"أجانب"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lexicon import load
from ..model import Article, Token
from ..normalize import normalize_str
from ..tokens import SentenceRange

LEXICON = "quotes_ar"
_OPEN_CLOSE = {"«": "»", "“": "”", "”": "”", '"': '"', "„": "“", "‘": "’", "'": "'"}
_QUOTE_CHARS = frozenset('«»“”"„')
_WINDOW = 22
_MAX_SPEAKER = 16
_MIN_DIRECT_WORDS = 4
_MAX_QUOTE = 2000
_CONJ = ("و", "ف")


@dataclass
class Quote:
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_span: tuple[int, int] | None
    speaker_kind: str
    verb: str | None
    cue: str | None
    sentence: int


@dataclass(frozen=True)
class SpeechLexicon:
    verbs: dict[str, str]
    participles: dict[str, str]
    continuation: frozenset[str]
    complementizers: frozenset[str]
    stops: frozenset[str]
    context_nouns: frozenset[str]
    addressees: frozenset[str]
    side_words: frozenset[str]
    clause_openers: frozenset[str]
    relatives: frozenset[str]
    org_heads: frozenset[str]
    person_heads: frozenset[str]


def _norms(values: list[str]) -> frozenset[str]:
    return frozenset(normalize_str(v) for v in values)


@cache
def speech_lexicon() -> SpeechLexicon:
    d = load(LEXICON)
    verbs = {normalize_str(f): normalize_str(lemma) for lemma, fs in d["verbs"].items() for f in fs}
    parts = {normalize_str(f): normalize_str(lemma) for lemma, fs in d["participles"].items() for f in fs}
    return SpeechLexicon(
        verbs, parts, _norms(d["continuation"]), _norms(d["complementizers"]),
        _norms(d["speaker_stops"]), _norms(d["context_nouns"]), _norms(d["addressees"]),
        _norms(d["side_words"]), _norms(d["clause_openers"]), _norms(d["relatives"]),
        _norms(d["org_heads"]),
        _norms(d["person_heads"]))


_NEGATIONS = frozenset({"لم", "لا", "لن", "ما", "ولم", "ولا"})
_SAY_PARTICIPLES = frozenset({normalize_str("قائلا"), normalize_str("قائلة")})


def _strip(norm: str) -> str:
    return norm[1:] if len(norm) > 3 and norm[0] in _CONJ else norm


def _verb(tok: Token, lex: SpeechLexicon) -> tuple[str, bool] | None:
    """``(lemma, is_participle)`` when the token is a speech verb."""
    if tok.kind != "word":
        return None
    for form in (tok.norm, _strip(tok.norm)):
        if form in lex.verbs:
            return lex.verbs[form], False
        if form in lex.participles:
            return lex.participles[form], True
    return None


def quote_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of quoted stretches in ``text[start:end]`` (the marks
    themselves at ``open`` and ``close``). Guillemets pair by kind; straight and
    curly marks pair with the next mark of any kind, never across a line."""
    pairs = []
    i = start
    while i < end:
        ch = text[i]
        if ch in _QUOTE_CHARS and ch != "»":
            closers = "»" if ch == "«" else '"“”'
            j = i + 1
            while j < end and j - i < _MAX_QUOTE and text[j] not in closers and text[j] != "\n":
                j += 1
            if j < end and text[j] in closers:
                pairs.append((i, j))
                i = j + 1
                continue
        i += 1
    return pairs


@dataclass
class _Ctx:
    article: Article
    lex: SpeechLexicon
    pairs: dict[int, tuple[int, int]]
    quotes: list[Quote]
    used_pairs: set[tuple[int, int]]


def _is_punct(tok: Token, chars: str) -> bool:
    return tok.kind in ("punct", "symbol") and tok.norm[:1] in chars


def _is_quote_mark(tok: Token) -> bool:
    return tok.kind in ("punct", "symbol") and tok.norm[:1] in _QUOTE_CHARS


def _opening(ctx: _Ctx, tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The quote pair opened by token ``k`` (not one glued to ``لـ``/``بـ``)."""
    if not _is_quote_mark(tokens[k]):
        return None
    prev = tokens[k - 1] if k > 0 else None
    if prev is not None and prev.end == tokens[k].start and prev.kind == "word" and len(prev.norm) <= 2:
        return None  # لـ"العربي": a name in quotes, not the statement
    return ctx.pairs.get(tokens[k].start)


def _words_in(ctx: _Ctx, pair: tuple[int, int]) -> int:
    return len(ctx.article.text[pair[0] + 1:pair[1]].split())


def _is_comp(tok: Token, lex: SpeechLexicon) -> bool:
    return tok.kind == "word" and (tok.norm in lex.complementizers or _strip(tok.norm) in lex.complementizers)


def _find_content(ctx: _Ctx, tokens: list[Token], k: int, end: int, participle: bool
                  ) -> tuple[str, int, tuple[int, int] | None] | None:
    """After a verb at ``k``: ``(how, index, pair)``, how being ``comp``/``colon``/
    ``quote`` and index the token that opens the content. A short quoted stretch
    before it is a name (``صحيفة "يديعوت أحرونوت"``), not the content."""
    j = k + 1
    while j < min(end, k + 1 + _WINDOW):
        tok = tokens[j]
        if tok.norm in _SAY_PARTICIPLES and not _is_punct(tokens[j - 1], "،,"):
            j += 1
            continue  # وأكد الوزير قائلا: "..."
        if _verb(tok, ctx.lex) is not None or _is_punct(tok, ".؟?!"):
            return None
        if _is_comp(tok, ctx.lex) or _is_punct(tok, ":"):
            nxt = _opening(ctx, tokens, j + 1) if j + 1 < end else None
            return ("comp" if tok.kind == "word" else "colon", j, nxt)
        pair = _opening(ctx, tokens, j)
        if pair is not None:
            if _words_in(ctx, pair) >= _MIN_DIRECT_WORDS and not participle:
                return ("quote", j, pair)
            while j < end and tokens[j].start < pair[1]:
                j += 1  # skip the quoted name
        j += 1
    return None


def _unsuffixed(norm: str) -> str:
    """``بيانها`` -> ``بيان``: a noun without its possessive pronoun."""
    for suffix in ("هما", "هم", "ها", "ه"):
        if norm.endswith(suffix) and len(norm) - len(suffix) >= 3:
            return norm[:-len(suffix)]
    return norm


def _hard_stop(tokens: list[Token], b: int, last: int, lex: SpeechLexicon) -> bool:
    """Does the speaker phrase end before token ``b``?"""
    tok = tokens[b]
    norm, stem = tok.norm, _strip(tok.norm)
    nxt = tokens[b + 1].norm if b + 1 < last else ""
    if tok.kind == "number" or _is_quote_mark(tok) or _is_punct(tok, "()،,-"):
        return False
    if tok.kind not in ("word", "latin"):
        return True
    if norm in lex.stops or stem in lex.stops or norm in ("قوله", "قولها") or _is_comp(tok, lex):
        return True
    if norm in lex.side_words or norm in lex.clause_openers or stem in lex.clause_openers:
        return True
    if norm in ("في", "من") and (_unsuffixed(nxt) in lex.context_nouns or nxt in lex.side_words):
        return True
    return norm.startswith("ل") and (len(norm) <= 2 or norm[1:] in lex.addressees
                                     or norm[2:] in lex.addressees or norm[1:] in ("نا", "ه", "ها"))


def _speaker_tokens(ctx: _Ctx, tokens: list[Token], first: int, last: int, lemma: str
                    ) -> tuple[int, int] | None:
    """The token range ``[a, b)`` naming the speaker between a verb and its content:
    appositions kept (``خالد اليماني، وزير الخارجية اليمني``), time words,
    addressees (``للجزيرة``) and settings (``في بيان``) cut off."""
    if lemma == normalize_str("نقل"):
        after = next((j for j in range(first, last) if tokens[j].norm == "عن"), None)
        if after is None:
            return None
        first = after + 1
    b = first
    if first < last and tokens[first].kind == "word" and tokens[first].norm.startswith("لل") \
            and len(tokens[first].norm) > 4:
        return None  # للصحفيين: an addressee, not the speaker
    while b < last and b - first < _MAX_SPEAKER and not _hard_stop(tokens, b, last, ctx.lex):
        b += 1
    while b > first and tokens[b - 1].kind not in ("word", "latin", "number") \
            and not (_is_quote_mark(tokens[b - 1]) or _is_punct(tokens[b - 1], ")")):
        b -= 1
    while b > first and tokens[first].kind not in ("word", "latin"):
        first += 1
    return (first, b) if b > first else None


def speaker_kind(words: list[str], lex: SpeechLexicon) -> str:
    """``organisation`` / ``person`` / ``unknown`` from the speaker's head words."""
    for word in words[:3]:
        form = _strip(word)
        if word in lex.org_heads or form in lex.org_heads:
            return "organisation"
        if word in lex.person_heads or form in lex.person_heads:
            return "person"
    if 1 <= len(words) <= 3 and not any(w.startswith("ال") for w in words):
        return "person"
    return "unknown"


def _span_info(ctx: _Ctx, tokens: list[Token], span: tuple[int, int]
               ) -> tuple[str, tuple[int, int], str]:
    a, b = tokens[span[0]].start, tokens[span[1] - 1].end
    words = [t.norm for t in tokens[span[0]:span[1]] if t.kind == "word"]
    return ctx.article.text[a:b], (a, b), speaker_kind(words, ctx.lex)


def _sentence_subject(ctx: _Ctx, tokens: list[Token], sent: SentenceRange) -> tuple[int, int] | None:
    """The noun phrase after a sentence's first word (its verb): ``ورفض رئيس البلاد
    قاسم جومرت توكاييف الجمعة`` -> ``رئيس البلاد قاسم جومرت توكاييف``."""
    if sent.end - sent.first < 3 or tokens[sent.first].kind != "word":
        return None
    span = _speaker_tokens(ctx, tokens, sent.first + 1, min(sent.end, sent.first + 10), "")
    if span is None or any(t.kind not in ("word", "number") for t in tokens[span[0]:span[1]]):
        return None  # a dateline or a list, not a subject
    return span


def _earlier_verb_subject(ctx: _Ctx, tokens: list[Token], sent: SentenceRange, k: int
                          ) -> tuple[int, int] | None:
    """The stated subject of the nearest speech verb before ``k`` in the sentence
    (``حذر وزير الدفاع يسرائيل كاتس من ...، قائلا إن``)."""
    for m in range(k - 1, sent.first - 1, -1):
        verb = _verb(tokens[m], ctx.lex)
        if verb is None or _inside_statement(ctx, tokens[m].start):
            continue  # a verb inside reported content is not the reporter
        span = _speaker_tokens(ctx, tokens, m + 1, min(sent.end, m + 1 + _MAX_SPEAKER), verb[0])
        if span is not None and not _is_comp(tokens[span[0]], ctx.lex):
            return span
    return None


def _fronted_subject(ctx: _Ctx, tokens: list[Token], sent: SentenceRange, k: int) -> tuple[int, int] | None:
    """Headline word order, subject first: ``ومسؤول أممي يؤكد أن`` -> ``مسؤول أممي``.
    Only for a present-tense verb right after a short noun phrase that starts the
    sentence or follows ``و``."""
    if tokens[k].norm[:1] not in ("ي", "ت") or k == sent.first:
        return None
    a = k
    while a > sent.first and k - a < 3 and tokens[a - 1].kind == "word" \
            and _verb(tokens[a - 1], ctx.lex) is None and not tokens[a - 1].norm.startswith("و"):
        a -= 1
    if a > sent.first and tokens[a - 1].kind == "word" and tokens[a - 1].norm.startswith("و") \
            and len(tokens[a - 1].norm) > 2:
        a -= 1  # the conjunction is glued to the subject's first word
    elif a > sent.first:
        return None
    return (a, k) if a < k else None


def _previous(ctx: _Ctx, sentence: int | None = None) -> Quote | None:
    for quote in reversed(ctx.quotes):
        if quote.speaker and quote.kind in ("direct", "indirect") \
                and (sentence is None or quote.sentence == sentence):
            return quote
    return None


def _resolve(ctx: _Ctx, tokens: list[Token], sent: SentenceRange, k: int, span: tuple[int, int] | None
             ) -> tuple[str | None, tuple[int, int] | None, str, str]:
    """Speaker text, raw span, kind and cue for a speech verb at ``k``."""
    if span is not None:
        return (*_span_info(ctx, tokens, span), "explicit")
    earlier = _earlier_verb_subject(ctx, tokens, sent, k)
    if earlier is not None:
        return (*_span_info(ctx, tokens, earlier), "same_sentence")
    same = _previous(ctx, sent.index)
    if same is not None:
        return same.speaker, same.speaker_span, same.speaker_kind, "same_sentence"
    fronted = _fronted_subject(ctx, tokens, sent, k)
    if fronted is not None:
        return (*_span_info(ctx, tokens, fronted), "fronted_subject")
    if k > sent.first + 1:
        subject = _sentence_subject(ctx, tokens, sent)
        if subject is not None and subject[0] < k:
            return (*_span_info(ctx, tokens, subject), "sentence_subject")
    prev = _previous(ctx)
    if prev is not None:
        return prev.speaker, prev.speaker_span, prev.speaker_kind, "continues_previous"
    if sent.index > 0 and sent.prev is not None:
        subject = _sentence_subject(ctx, tokens, sent.prev)
        if subject is not None:
            return (*_span_info(ctx, tokens, subject), "previous_subject")
    return None, None, "unknown", "no_speaker"


def _ends_content(tok: Token, prev: Token, lex: SpeechLexicon) -> bool:
    """A speech verb that opens a new statement: a participle, ``وأضاف``, ``، كما قال``."""
    verb = _verb(tok, lex)
    if verb is None:
        return False
    return (verb[1] or tok.norm[:1] in _CONJ or _is_punct(prev, "،,")
            or prev.norm in lex.clause_openers)


def _content_end(ctx: _Ctx, tokens: list[Token], j: int, sent: SentenceRange) -> int:
    """Raw end of an indirect statement opened at token ``j``: the next statement
    of the sentence, or the sentence end without its final punctuation."""
    end = sent.end
    for m in range(j + 1, sent.end):
        if _ends_content(tokens[m], tokens[m - 1], ctx.lex):
            end = m
            break
    while (end > j + 1 and (tokens[end - 1].kind in ("punct", "symbol")
                           and not _is_quote_mark(tokens[end - 1]))) \
            or (end > j + 1 and tokens[end - 1].norm in ctx.lex.clause_openers):
        end -= 1
    return tokens[end - 1].end


def _negated(tokens: list[Token], k: int, sent: SentenceRange, lex: SpeechLexicon) -> bool:
    """``لم تعلن``: no statement; ``التي تعتبر``: a relative clause, not a report."""
    return k > sent.first and (tokens[k - 1].norm in _NEGATIONS or tokens[k - 1].norm in lex.relatives)


def _statement(ctx: _Ctx, tokens: list[Token], sent: SentenceRange, k: int) -> Quote | None:
    verb = _verb(tokens[k], ctx.lex)
    assert verb is not None
    lemma, participle = verb
    if _negated(tokens, k, sent, ctx.lex):
        return None
    found = _find_content(ctx, tokens, k, sent.end, participle)
    if found is None:
        return None
    how, j, pair = found
    if pair is not None and pair in ctx.used_pairs:
        return None
    span = _speaker_tokens(ctx, tokens, k + 1, j, lemma)
    if lemma == normalize_str("نقل") and span is None:
        return None
    speaker, sspan, kind, cue = _resolve(ctx, tokens, sent, k, span)
    if pair is not None:
        ctx.used_pairs.add(pair)
        start, end, qkind = pair[0] + 1, pair[1], "direct"
    elif how == "colon" and j + 1 < sent.end:
        start, end, qkind = tokens[j + 1].start, _content_end(ctx, tokens, j, sent), "direct"
    elif how == "comp":
        start, end, qkind = tokens[j].start, _content_end(ctx, tokens, j, sent), "indirect"
    else:
        return None
    if end <= start:
        return None
    verb_text = ctx.article.text[tokens[k].start:tokens[k].end]
    return Quote(start, end, qkind, speaker, sspan, kind, verb_text, cue, sent.index)


def _headline_quote(ctx: _Ctx, tokens: list[Token], sent: SentenceRange) -> Quote | None:
    """A title line ``X: ...`` (``أردوغان: سنقف ضد...``) is X's statement."""
    for j in range(sent.first + 1, min(sent.end, sent.first + 7)):
        if _is_punct(tokens[j], ":") and j + 1 < sent.end:
            if any(t.kind == "number" or t.norm.startswith("..") or t.norm == "…"
                   for t in tokens[sent.first:j]):
                return None
            span = _speaker_tokens(ctx, tokens, sent.first, j, "")
            if span is None:
                return None
            speaker, sspan, kind = _span_info(ctx, tokens, span)
            end = tokens[sent.end - 1].end
            return Quote(tokens[j + 1].start, end, "direct", speaker, sspan, kind, None,
                         "headline", sent.index)
    return None


def _marked(ctx: _Ctx, sent: SentenceRange, tokens: list[Token]) -> list[Quote]:
    """Quoted stretches of the sentence that are no statement: partial or scare."""
    out = []
    span = ctx.article.sentences[sent.index]
    for pair in sorted(ctx.pairs.values()):
        if pair in ctx.used_pairs or not span.start <= pair[0] < span.end:
            continue
        ctx.used_pairs.add(pair)
        inner = ctx.article.text[pair[0] + 1:pair[1]]
        if not inner.strip():
            continue
        if len(inner.split()) < 3:
            out.append(Quote(pair[0] + 1, pair[1], "scare", None, None, "unknown", None, None, sent.index))
            continue
        around = next((q for q in reversed(ctx.quotes) if q.start <= pair[0] < q.end), None)
        if around is not None:
            speaker, sspan, kind, cue = (around.speaker, around.speaker_span, around.speaker_kind,
                                         "inside_statement")
        else:
            k = next((i for i in range(sent.first, sent.end) if tokens[i].start >= pair[0]), sent.end)
            subject = _sentence_subject(ctx, tokens, sent)
            speaker, sspan, kind, cue = _resolve(ctx, tokens, sent, k, subject)
            cue = "sentence_subject" if subject is not None else cue
        out.append(Quote(pair[0] + 1, pair[1], "partial", speaker, sspan, kind, None, cue, sent.index))
    return out


def _inside_statement(ctx: _Ctx, pos: int) -> bool:
    return any(q.start <= pos < q.end for q in ctx.quotes if q.kind in ("direct", "indirect"))


def _is_title_line(article: Article, sent: SentenceRange, first_block: int | None) -> bool:
    span = article.sentences[sent.index]
    block = span.attrs.get("block")
    return block is not None and block == first_block and sent.end - sent.first <= 40


def find_quotes(article: Article, sentences: list[SentenceRange]) -> list[Quote]:
    """Every quote of the article: statements in text order, then each sentence's
    partial and scare quotes."""
    lex = speech_lexicon()
    pairs: dict[int, tuple[int, int]] = {}
    for block in article.content_blocks():
        for pair in quote_pairs(article.text, block.start, block.attrs.get("text_end", block.end)):
            pairs[pair[0]] = pair
    ctx = _Ctx(article, lex, pairs, [], set())
    tokens = article.tokens
    first_block = next((b.attrs.get("index") for b in article.content_blocks()), None)
    seen_title = False
    for sent in sentences:
        if not seen_title and _is_title_line(article, sent, first_block):
            seen_title = True
            quote = _headline_quote(ctx, tokens, sent)
            if quote is not None:
                ctx.quotes.append(quote)
                continue
        for k in range(sent.first, sent.end):
            if _verb(tokens[k], lex) is None or _inside_statement(ctx, tokens[k].start):
                continue
            quote = _statement(ctx, tokens, sent, k)
            if quote is not None:
                ctx.quotes.append(quote)
        ctx.quotes.extend(_marked(ctx, sent, tokens))
    return ctx.quotes
