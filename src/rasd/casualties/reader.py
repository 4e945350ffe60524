"""The casualty reader of one sentence: figures and duals (:mod:`.facts`), then counts
without a numeral (:mod:`.singles`), in text order; and the plausibility bound."""

from __future__ import annotations

from ..model import Token
from ..numbers.quantities import Quantity
from ..numbers.words import WORLD_POPULATION
from ..tokens import SentenceRange
from .facts import Fact, dual_fact, dual_quantities, figure_fact
from .lexicon import casualty_lexicon
from .singles import Context, single_facts


def plausible(q: Quantity) -> bool:
    """A count of people is at most the world's population (issue 16): a larger figure
    is a misreading (an id, a sum of money), never a casualty count."""
    return all(v is None or v <= WORLD_POPULATION for v in (q.min, q.best, q.max))


def find_sentence_facts(tokens: list[Token], sent: SentenceRange, quantities: list[Quantity], *,
                        facts: list[Fact], text: str, names: dict[int, int] | None = None,
                        rejected: list[Quantity] | None = None, sports: bool = False) -> list[Fact]:
    """Facts of one sentence, appended after ``facts`` (earlier sentences).

    ``names``: PERS entities as token index -> index after the name; ``sports``: the
    article is about sport (injuries without a weapon are not casualties). Implausible
    counts are left out and appended to ``rejected``.
    """
    lex = casualty_lexicon()
    found: list[Fact] = []
    duals = dual_quantities(tokens, sent.first, sent.end, text, lex)
    items: list[tuple[Quantity, tuple[str | None, str | None] | None]] = \
        [(q, None) for q in quantities] + [(q, (cat, who)) for q, cat, who in duals]
    for q, dual in sorted(items, key=lambda item: item[0].start):
        if not plausible(q):
            if rejected is not None:
                rejected.append(q)
            continue
        fact = (dual_fact(tokens, q, dual, sent, facts + found, text=text, lex=lex) if dual is not None
                else figure_fact(tokens, q, sent, facts + found, text=text, lex=lex))
        if fact is not None:
            found.append(fact)
    taken = frozenset(k for q, _ in items for k in range(q.first, q.last))
    ctx = Context(tokens, sent, taken, names or {}, text, lex, sports)
    found += single_facts(ctx, facts + found)
    return sorted(found, key=lambda f: f.start)
