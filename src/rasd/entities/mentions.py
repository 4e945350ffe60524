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

from ..model import Article, Token
from .document import consistent, decode
from .kb import KnowledgeBase, Match, key
from .linking import Mention

MAX_WORDS = 6
BIG_CITY = 300_000
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


def eligible(kb: KnowledgeBase, match: Match, words: int, letters: int, seen_people: set[str]) -> bool:
    """Whether a dictionary hit may stand as a mention without the tagger."""
    for rid in match.ids:
        rec = kb.get(rid)
        if rec is None:
            continue
        if rec.type == "person":
            if words > 1 or rid in seen_people:
                return True
        elif rec.type == "city":
            if rec.population >= BIG_CITY and (words > 1 or letters >= 4):
                return True
        elif not rid.startswith("gn:"):
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
                if match and eligible(kb, match, j - i, len(key(name)), seen_people):
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


def find_mentions(article: Article, kb: KnowledgeBase, tag: object) -> list[Mention]:
    """All mentions in the article's sentences (``tag`` tags a list of words)."""
    tokens = article.tokens
    norm = article.normalized
    mentions: list[Mention] = []
    seen_people: set[str] = set()
    ranges = sentence_tokens(article)
    all_words = [[article.text[t.start:t.end] for t in tokens[first:end]] for first, end in ranges]
    all_tags = consistent(all_words, [tag(w) if w else [] for w in all_words], common_words())  # type: ignore[operator]
    for s_index, (first, end) in enumerate(ranges):
        if first >= end:
            continue
        crf = [(first + a, first + b, label) for a, b, label in decode(all_tags[s_index])]
        found = dictionary_mentions(kb, tokens, first, end, seen_people)
        for a, b, label, origin in merge(crf, found, kb):
            name_key = key(" ".join(t.norm for t in tokens[a:b]))
            match = kb.lookup(name_key)
            start = tokens[a].start
            if match and match.cut:
                ns = norm.norm_offset(tokens[a].start) + match.cut
                start = norm.starts[ns] if ns < len(norm.starts) else start
                name_key = name_key[match.cut:]
            elif tokens[a].prefix:
                cut = len(tokens[a].prefix.replace("+", "").removesuffix("ال"))
                if cut:
                    ns = norm.norm_offset(tokens[a].start) + cut
                    start = norm.starts[ns]
                    name_key = name_key[cut:]
            ids = match.ids if match else ()
            if b - a == 1 and name_key in common_words():  # خبر is news, not Khobar
                ids = tuple(i for i in ids if not i.startswith("gn:"))
            before = words_before(tokens, first, a)
            mentions.append(Mention(start, tokens[b - 1].end, label, name_key, s_index, a, origin,
                                    before, ids))
    return mentions
