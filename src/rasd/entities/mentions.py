"""Finding entity mentions in an article's sentences.

Two finders, merged: the CRF tagger (:mod:`.model`) over each sentence's
tokens, and a dictionary matcher over the knowledge base that adds names the
tagger missed (longest match first, up to :data:`MAX_WORDS` words, a
proclitic allowed on the first word). The dictionary matcher only proposes
names that are safe out of context: several words, countries and regions,
large cities, curated organisations whose single-word name is not a common
word; a single-word person name (``بلينكن``) only after the full name
appeared in the article. Where the two overlap the tagger wins, unless the
dictionary name covers the tagger's span and more
(``منظمة معاهدة الأمن الجماعي`` over ``معاهدة الأمن الجماعي``).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Article, Token
from ..tokens import clitic_candidates
from .document import consistent, decode
from .kb import KnowledgeBase, Match, key
from .linking import Mention
from .places import PLACE_RATE, UNTAGGED_MIN_RATE, class_kind, context_before, ordinary_word, place_rate

if TYPE_CHECKING:
    from .model import Tagger

MAX_WORDS = 6
#: Single words that name a record but are mostly common words in news text.
COMMON_WORDS = frozenset(key(w) for w in (  # noqa: SIM905 (a word list reads better as text)
    "فتح النهضة الحياة النهار الأخبار القاعدة الجزيرة الهلال النصر الأهلي العربية المنار الميادين "
    "الساحل الخليج المتوسط الشام الضفة الأقصى الإخوان الشرق الأوسط الصليب الأحمر الجديد البيضاء "
    "الخمس المرج الزاوية الحرشة الجميل القبة الخضراء العالم الحرة سبأ وفا قنا بنا واس وام كان مهر "
    "فارس الرادا الدوما الكونغرس الجولان الدفاع الخارجية الداخلية المالية الخزانة الإمارات "
    "كان وأن أن إن مدينة كيف طراز دولة دول الدولة عاصمة العاصمة منطقة المنطقة قرية بلدة ولاية جزيرة "
    "حلب خبر الخبر").split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """:data:`COMMON_WORDS` plus the training data's frequent non-entity words
    (the ``COMMON`` list of the model's gazetteer)."""
    from .model import load_gazetteer_lists

    learned = load_gazetteer_lists().get("COMMON", [])
    return COMMON_WORDS | frozenset(key(w) for w in learned)


def sentence_tokens(article: Article) -> list[tuple[int, int]]:
    """For each sentence, the ``[first, end)`` range of its tokens."""
    starts = [t.start for t in article.tokens]
    return [(bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in article.sentences]


def eligible(kb: KnowledgeBase, match: Match, words: int, surface: str, seen_people: set[str], *,
             after_class: bool = False) -> bool:
    """Whether a dictionary hit may stand as a mention without the tagger: a person's full
    name (or a surname after it), a curated record, a GeoNames place of several words
    (``خان شيخون``), or a one-word GeoNames place that news name as a place most of the
    time (the corpus prior, :mod:`.prior`; for a rare word with a proclitic, its stem's:
    ``لألماتي``) or that follows a class word (``ميناء الحديدة``, ``مدينة قنا``)."""
    for rid in match.ids:
        rec = kb.get(rid)
        if rec is None:
            continue
        if rec.type == "person":
            if words > 1 or rid in seen_people:
                return True
        elif not rid.startswith("gn:"):
            return True
        elif rec.label == "LOC":
            if words > 1 or after_class:
                return True
            stem = surface[match.cut:] if match.cut else None
            rate = place_rate(surface, stem)
            if len(surface) >= 4 and rate is not None and rate >= UNTAGGED_MIN_RATE:
                return True
    return False


def dictionary_mentions(kb: KnowledgeBase, tokens: list[Token], first: int, end: int,
                        seen_people: set[str]) -> list[tuple[int, int, Match]]:
    """Longest knowledge-base names in ``tokens[first:end]``."""
    out = []
    i = first
    while i < end:
        found = None
        longest = kb.max_words(key(tokens[i].norm)) if tokens[i].kind == "word" else 0
        if longest:
            for j in range(min(end, i + longest, i + MAX_WORDS), i, -1):
                if any(t.kind != "word" for t in tokens[i:j]):
                    continue
                name = " ".join(t.norm for t in tokens[i:j])
                if j - i == 1 and (key(name) in common_words() or len(key(name)) < 3):
                    continue
                match = kb.lookup(key(name))
                after_class = i > first and tokens[i - 1].kind == "word" and bool(
                    class_kind(tokens[i - 1].norm))
                if match and eligible(kb, match, j - i, key(name), seen_people, after_class=after_class):
                    found = (i, j, match)
                    break
        if found:
            out.append(found)
            for rid in found[2].ids:
                seen_people.add(rid)
            i = found[1]
        else:
            i += 1
    return out


def merge(crf: list[tuple[int, int, str]], found: list[tuple[int, int, Match]],
          kb: KnowledgeBase) -> list[tuple[int, int, str, str]]:
    """Tagger mentions plus dictionary mentions that do not clash, as
    ``(first, end, label, origin)`` sorted by position."""
    spans = [(a, b, label, "crf") for a, b, label in crf]
    for a, b, match in found:
        clashes = [s for s in spans if s[0] < b and a < s[1]]
        if clashes and not all(a <= s[0] and s[1] <= b and (b - a) > (s[1] - s[0]) for s in clashes):
            continue
        for s in clashes:
            spans.remove(s)
        rec = kb.get(match.ids[0])
        label = clashes[0][2] if clashes else (rec.label if rec else "MISC")
        spans.append((a, b, label, "kb"))
    return sorted(spans)


def words_before(tokens: list[Token], first: int, a: int, limit: int = 6) -> list[str]:
    """The normalized words right before token ``a`` (stopping at punctuation)."""
    out: list[str] = []
    i = a - 1
    while i >= first and len(out) < limit and tokens[i].kind == "word":
        out.append(tokens[i].norm)
        i -= 1
    return out[::-1]


#: the tagger probability given to a token that document consistency tagged
PROPAGATED_P = 0.8


def tag_sentences(article: Article, tagger: Tagger,
                  ranges: list[tuple[int, int]]) -> tuple[list[list[str]], list[list[float]]]:
    """IOB2 tags and per-token tag probabilities of every sentence, made consistent across
    the article (:func:`.document.consistent`)."""
    tokens = article.tokens
    words = [[article.text[t.start:t.end] for t in tokens[first:end]] for first, end in ranges]
    scored = [tagger.tag_scored(w) for w in words]
    tags = consistent(words, [t for t, _ in scored], common_words())
    probs = [[p if old == new else PROPAGATED_P for old, new, p in zip(o, n, ps, strict=True)]
             for (o, ps), n in zip(scored, tags, strict=True)]
    return tags, probs


def find_mentions(article: Article, kb: KnowledgeBase, tagger: Tagger) -> list[Mention]:
    """All mentions in the article's sentences."""
    tokens = article.tokens
    mentions: list[Mention] = []
    seen_people: set[str] = set()
    ranges = sentence_tokens(article)
    all_tags, all_probs = tag_sentences(article, tagger, ranges)
    for s_index, (first, end) in enumerate(ranges):
        if first >= end:
            continue
        crf = [(first + a, first + b, label) for a, b, label in decode(all_tags[s_index])]
        found = dictionary_mentions(kb, tokens, first, end, seen_people)
        spans = org_with_place(tokens, first, person_then_place(kb, tokens, merge(crf, found, kb)))
        for a, b, label, origin in spans:
            tag_p = min(all_probs[s_index][a - first:b - first]) if origin == "crf" else None
            # مخيم جباليا, مستشفى الشفاء: the class word belongs to the name
            lo = a - 1 if label == "LOC" and a > first and with_class_word(kb, tokens, a - 1, b) else a
            mentions.append(make_mention(article, kb, (first, lo, b), (label, origin), s_index, tag_p=tag_p))
    return [m for m in mentions if not (m.label == "LOC" and m.ordinary)]


def with_class_word(kb: KnowledgeBase, tokens: list[Token], a: int, b: int) -> bool:
    """Tokens ``[a, b)`` (a class word, then a place name) are a place name the knowledge
    base knows as such (``ومخيم جباليا`` -> the camp, not the town)."""
    if tokens[a].kind != "word" or not class_kind(tokens[a].norm):
        return False
    match = kb.lookup(key(" ".join(t.norm for t in tokens[a:b])))
    return match is not None and any((r := kb.get(i)) is not None and r.label == "LOC" for i in match.ids)


def make_mention(article: Article, kb: KnowledgeBase, where: tuple[int, int, int],
                 kind: tuple[str, str], s_index: int, *, tag_p: float | None) -> Mention:
    """A :class:`Mention` for tokens ``[a, b)`` of the sentence starting at token ``first``:
    the span starts after a proclitic, the knowledge base's candidates and the context."""
    first, a, b = where
    label, origin = kind
    tokens, norm = article.tokens, article.normalized
    name_key = key(" ".join(t.norm for t in tokens[a:b]))
    surface = key(tokens[a].norm)
    match = kb.lookup(name_key)
    start, cut = tokens[a].start, 0
    if match and match.cut:
        cut = match.cut
    elif tokens[a].prefix:
        cut = len(tokens[a].prefix.replace("+", "").removesuffix("ال"))
    if cut:
        ns = norm.norm_offset(tokens[a].start) + cut
        start = norm.starts[ns] if ns < len(norm.starts) else start
        name_key = name_key[cut:]
    before = words_before(tokens, first, a)
    ctx = context_before(before, surface[:cut])
    ids = match.ids if match else ()
    m = Mention(start, tokens[b - 1].end, label, name_key, s_index, a, origin, before, ids)
    m.tag_p, m.context, m.surface = tag_p, ctx, surface
    m.stripped = bool(match and match.cut)
    m.ordinary = b - a == 1 and ordinary_word(surface, ctx)
    return m


def person_then_place(kb: KnowledgeBase, tokens: list[Token],
                      spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A person's name the tagger ran into a place is cut before the place: ``ترامب موسكو``
    (Trump [challenged] Moscow), ``عبدالعزيز بالدمام`` (King Abdulaziz [port] in Dammam).
    The last word of a ``PERS`` span of two words or more is a place when the knowledge base
    reads it as one and news name it as a place at least half of the time."""
    out = []
    for a, b, label, origin in spans:
        if label == "PERS" and b - a >= 2 and tokens[b - 1].kind == "word":
            surface = key(tokens[b - 1].norm)
            match = kb.lookup(surface)
            rate = place_rate(surface, surface[match.cut:] if match and match.cut else None)
            if match and rate is not None and rate >= PLACE_RATE and any(
                    (r := kb.get(i)) is not None and r.label == "LOC" for i in match.ids):
                out += [(a, b - 1, label, origin), (b - 1, b, "LOC", origin)]
                continue
        out.append((a, b, label, origin))
    return out


def org_with_place(tokens: list[Token], first: int,
                   spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """An organisation whose name ends in a place is one ``ORG``: ``الجامعة الألمانية
    بالقاهرة``, ``المستشفى الأهلي بغزة``. A ``LOC`` whose first word carries ``ب`` and
    follows an institution noun with at least one word of its name between (an ``ORG``
    span or untagged words, up to three) absorbs them; ``مستشفى بغزة`` ("a hospital in
    Gaza") stays a place."""
    heads = _institutions()
    out: list[tuple[int, int, str, str]] = []
    for a, b, label, origin in spans:
        if label == "LOC" and tokens[a].prefix.replace("+", "").startswith("ب"):
            prev = out[-1] if out and out[-1][1] == a else None
            lo = prev[0] if prev and prev[2] == "ORG" else a
            start = next((j for j in range(lo - 1, max(first, lo - 4) - 1, -1)
                          if tokens[j].kind == "word" and tokens[j].norm in heads), None)
            if prev and prev[2] == "ORG" and key(tokens[prev[0]].norm) in heads:
                start = prev[0]
            clear = start is not None and all(tokens[j].kind == "word" for j in range(start, a))
            if clear and start is not None and a - start >= 2 and not any(
                    s[0] < a and s[1] > start and s[2] != "ORG" for s in out):
                out = [s for s in out if not (s[0] >= start and s[1] <= a)]
                out.append((start, b, "ORG", "org+place"))
                continue
        head = construct_head(tokens, first, a) if label in ("LOC", "ORG") else None
        if head is not None and not any(s[1] > head for s in out):
            out.append((head, b, "ORG", "org+owner"))
            continue
        out.append((a, b, label, origin))
    return out


def construct_head(tokens: list[Token], first: int, a: int) -> int | None:
    """The first token of an institution whose name is an indefinite noun followed by the
    place it belongs to (``برلمان ليبيا``, ``سفارة فرنسا``, ``منتخب البرازيل``, ``وكالة أنباء
    الإمارات``, one indefinite word allowed between), or ``None``. The place there says whose
    the institution is, not where something happens."""
    heads = _construct_heads()
    for j in (a - 1, a - 2):
        if j < first or any(t.kind != "word" for t in tokens[j:a]):
            return None
        if j < a - 1 and tokens[j + 1].norm.startswith("ال"):
            return None  # وكالة الأنباء السورية: an adjective phrase, not a construct chain
        if any(stem in heads for _p, stem in clitic_candidates(tokens[j].norm)):
            return j
    return None


@lru_cache(maxsize=1)
def _construct_heads() -> frozenset[str]:
    from ..lexicon import load
    from ..normalize import normalize_str

    return frozenset(normalize_str(w) for w in load("entities_context")["construct_heads"])


@lru_cache(maxsize=1)
def _institutions() -> frozenset[str]:
    from ..lexicon import load
    from ..normalize import normalize_str

    return frozenset(normalize_str(w) for w in load("entities_context")["institutions"])
