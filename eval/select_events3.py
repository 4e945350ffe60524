"""Select the third part of the event-report set (issue 11): strategic developments.

The trained check had no labelled data for its ``OTHER`` family (agreements, deployments of
troops, requests for them, curfews, states of emergency, embassy departures and expulsions,
shoot-to-kill orders): on the real week most such events were drafts, calls, denials and
negotiations. This set draws, with a fixed seed, documents of ANT (2018), SaudiNewsNet
(2015) and the Al Jazeera ledes (2023-2025) that are in neither earlier part nor in the ANT
week kept for the real-week check (18-24 Feb 2018), and from each up to three sentences in
which the rules find a candidate of the ``OTHER`` family (analysed one sentence at a time,
as the check is trained). It is a sample of what the rules propose, so it measures the
check's precision and what it keeps of the rules' recall, not the rules' own recall.
Items are labelled like the other parts, under eval/guidelines/events.md (family
``OTHER``), by two independent annotators.

The draw depends on the rules: the committed references are the sample drawn, and
labelled, with the rules of commit 5bbe604 (278 sentences of 200 documents); the troop rules
were tightened afterwards, so running this again draws a different, smaller sample and
overwrites the references: do not, unless you label the new sample.

Only references are committed (``tests/data/events/report_items3.jsonl``: id, doc,
corpus, sentence_index, sha1); the labellers' copy, with each sentence, its headline, the
sentence before it and the kind the rules proposed, goes to ``--texts`` (outside the
repository).

    .venv/bin/python eval/select_events3.py --texts /work/labels/events3/items.jsonl
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
from events_train import COUNTED, _pre_events  # noqa: E402

from rasd.events.assemble import analyse_sentences  # noqa: E402
from rasd.events.classify import family  # noqa: E402

SEED = 1103
OUT = ROOT / "tests" / "data" / "events" / "report_items3.jsonl"
EARLIER = (ROOT / "tests" / "data" / "events" / "report_items.jsonl",
           ROOT / "tests" / "data" / "events" / "report_items2.jsonl")
#: A cheap filter before the pipeline runs: words of the OTHER family's triggers.
OTHER_WORD = re.compile(
    r"اتفاق|اتفاقي|هدنة|وقف إطلاق النار|وقف اطلاق النار|نشر|انتشار|قوات|حظر التجول|حظر تجول|الطوارئ|"
    r"سفارة|سفارت|سفير|طرد|مغادرة|غادر|استدعاء|الرصاص الحي|إطلاق النار دون|وقع|توقيع|مرسوم")
DOCS = {"ant-multisource": 110, "saudinewsnet": 50, "aljazeera-gaza-ledes": 40}
PER_DOC = 3


def other_kinds(sentence: str) -> list[str]:
    """The kinds of the OTHER-family candidates the rules find in one sentence (counted
    realis only, as the check sees them)."""
    article = _pre_events(sentence)
    if article is None:
        return []
    return sorted({c.kind for info in analyse_sentences(article) for c in info.candidates
                   if c.realis in COUNTED and family(c) == "OTHER"})


def pick(doc: dict[str, object], rng: random.Random) -> list[tuple[int, str, str, list[str]]]:
    """Up to ``PER_DOC`` (index, sentence, previous, kinds) with an OTHER candidate."""
    hits = []
    for index, sentence, previous in first.candidates(doc):
        if OTHER_WORD.search(sentence) and (kinds := other_kinds(sentence)):
            hits.append((index, sentence, previous, kinds))
    return sorted(rng.sample(hits, min(PER_DOC, len(hits))))


def main() -> int:
    started = first.start(__doc__)
    if started is None:
        return 0
    texts_path, data = started
    taken = {json.loads(line)["doc"] for path in EARLIER for line in path.open(encoding="utf-8")}
    rng = random.Random(SEED)
    everything = first.all_corpora(data)
    refs: list[dict[str, object]] = []
    texts: list[dict[str, object]] = []
    ndocs = 0
    for corpus, n in DOCS.items():
        pool = [d for d in everything[corpus] if str(d["doc"]) not in taken
                and OTHER_WORD.search(str(d["headline"]) + " " + " ".join(d["sentences"]))]  # type: ignore[arg-type]
        rng.shuffle(pool)
        used = 0
        for doc in pool:
            if used >= n:
                break
            chosen = pick(doc, rng)
            if not chosen:
                continue
            used += 1
            for index, sentence, previous, kinds in chosen:
                first.add_item(refs, texts, "ev3", doc, ndocs, index=index, sentence=sentence,
                               previous=previous, proposed=kinds)
            ndocs += 1
    first.write_items(refs, texts, OUT, texts_path, ndocs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
