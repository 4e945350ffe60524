"""Select a second event-report labelling set (issue 11), richer in protests, by document.

The first set (eval/select_events.py, 778 sentences) has only 28 PROTEST reports and 24
ARREST reports: too few to choose a threshold for those families (its cross-validated
PROTEST threshold moved between 0.06 and 0.36 from fold to fold). This set draws, with a
fixed seed, documents of ANT (2018), SaudiNewsNet (2015) and the Al Jazeera ledes
(2023-2025) that hold protest words (two thirds of them at least two such sentences),
never a document of the first set nor of the ANT week kept for the real-week check
(18-24 Feb 2018); from each, up to three sentences with a protest or arrest word and one
other sentence (its headline counts as one). Items are labelled like the first set, under
eval/guidelines/events.md, by two independent annotators.

Only references are committed (``tests/data/events/report_items2.jsonl``: id, doc,
corpus, sentence_index, sha1); the labellers' copy, with each sentence, its headline and
the sentence before it, goes to ``--texts`` (outside the repository).

    .venv/bin/python eval/select_events2.py --texts /work/labels/events2/items.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import select_events as first  # noqa: E402

SEED = 1102
OUT = ROOT / "tests" / "data" / "events" / "report_items2.jsonl"
FIRST = ROOT / "tests" / "data" / "events" / "report_items.jsonl"
PROTEST_WORD = re.compile(
    r"تظاهر|مظاهر|متظاهر|احتج|محتج|اعتصا|معتصم|مسير|إضراب|اضراب|مضرب|شغب|هتف|هتاف|لافتات|"
    r"تجمهر|احتشد|وقفة|عصيان|قطع الطريق|قطعوا|فرقت|تفريق")
ARREST_WORD = re.compile(r"اعتقل|اعتقال|معتقل|احتجز|احتجاز|القبض|توقيف|أوقفت|أسر")
DOCS = {"ant-multisource": 90, "saudinewsnet": 30, "aljazeera-gaza-ledes": 20}


def _protest_sentences(doc: dict[str, object]) -> int:
    texts = [str(doc["headline"]), *list(doc["sentences"])]  # type: ignore[call-overload]
    return sum(1 for t in texts if PROTEST_WORD.search(t))


def _draw(docs: list[dict[str, object]], taken: set[str], rng: random.Random,
          n: int) -> list[dict[str, object]]:
    """Two thirds of ``n`` among documents with two protest sentences or more, the rest
    among documents with one."""
    fresh = [d for d in docs if str(d["doc"]) not in taken and _protest_sentences(d)]
    rich = [d for d in fresh if _protest_sentences(d) >= 2]
    chosen = rng.sample(rich, min(len(rich), 2 * n // 3))
    ids = {id(d) for d in chosen}
    rest = [d for d in fresh if id(d) not in ids]
    return chosen + rng.sample(rest, min(len(rest), n - len(chosen)))


def pick(doc: dict[str, object], rng: random.Random) -> list[tuple[int, str, str]]:
    """Up to four (index, sentence, previous): three with a protest or arrest word, one other."""
    cands = first.candidates(doc)
    hits = [c for c in cands if PROTEST_WORD.search(c[1]) or ARREST_WORD.search(c[1])]
    rest = [c for c in cands if c not in hits]
    chosen = rng.sample(hits, min(3, len(hits)))
    chosen += rng.sample(rest, min(4 - len(chosen), len(rest), 1 if len(chosen) == 3 else 4))
    return sorted(chosen)


def main() -> int:
    started = first.start(__doc__)
    if started is None:
        return 0
    texts_path, data = started
    taken = {json.loads(line)["doc"] for line in FIRST.open(encoding="utf-8")}
    rng = random.Random(SEED)
    everything = first.all_corpora(data)
    docs = [d for corpus, n in DOCS.items() for d in _draw(everything[corpus], taken, rng, n)]
    refs: list[dict[str, object]] = []
    texts: list[dict[str, object]] = []
    for d, doc in enumerate(docs):
        for index, sentence, previous in pick(doc, rng):
            first.add_item(refs, texts, "ev2", doc, d, index=index, sentence=sentence, previous=previous)
    first.write_items(refs, texts, OUT, texts_path, len(docs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
