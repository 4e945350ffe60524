"""Evaluate place linking on hand-labelled mentions from real articles (issue 13).

    .venv/bin/python eval/eval_linking.py [--misses]        # P/R/F1 of linked places on the gold
    .venv/bin/python eval/eval_linking.py --top 50 --docs 5000   # most frequent linked place strings

The items (``tests/data/entities/linking_items.jsonl``, chosen by
``eval/select_linking.py``) are spans of ANT, SaudiNewsNet and Al Jazeera articles; two
people labelled each with the place meant (guideline ``eval/guidelines/linking.md``) and
the lead adjudicated them into ``tests/data/entities/linking_gold.jsonl``: item id ->
``gn:``/``iso:``/knowledge-base id, ``place:<name>`` (a place without an id), or
``not_a_place``. The texts are read from the shared data folder, never copied.

For each item the system's answer is the place record of the ``LOC`` entity overlapping
the span (``not_a_place`` when no linked place overlaps it). A link is correct when its
id is the gold id, or both are knowledge-base places of one country within 15 km of each
other (the same town under two ids), or a gold ``place:<name>`` that is the record's English
name. Precision = correct links / links made; recall =
correct links / gold places. ``--top`` runs the pipeline over ANT articles (Middle East
and international news, a fixed-seed sample) and prints the most frequent linked place
strings, to be checked by hand for ordinary words. Exits 0 with a message when the data
or the gold is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from linking_docs import ANT_ARCHIVE, ant_docs, find_docs  # noqa: E402

from rasd.metrics import shared_data  # noqa: E402

DATA = ROOT / "tests" / "data" / "entities"
ITEMS = DATA / "linking_items.jsonl"
GOLD = DATA / "linking_gold.jsonl"
NOT_A_PLACE = "not_a_place"
SAME_PLACE_KM = 15.0


@dataclass(frozen=True)
class Item:
    id: str
    corpus: str
    ref: str
    sha1: str
    start: int
    end: int
    surface: str
    stratum: str


def load_items(path: Path = ITEMS) -> dict[str, Item]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["id"]] = Item(d["id"], d["corpus"], d["ref"], d["sha1"], d["start"], d["end"], d["surface"],
                                d.get("stratum", ""))
    return out


def load_gold(path: Path = GOLD) -> dict[str, str]:
    """Item id -> the place meant (``gn:…``/``iso:…``/KB id/``place:…``) or ``not_a_place``;
    ``unsure`` items and blank lines are skipped. Raises ``ValueError`` on a line without
    ``id`` and ``place`` or with an empty place."""
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        place = str(d.get("place") or "").strip()
        if "id" not in d or not place:
            raise ValueError(f"{path}:{n}: a gold line needs 'id' and a non-empty 'place'")
        if place != "unsure":
            out[str(d["id"])] = place
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def same_place(system: str, gold: str) -> bool:
    """Same id; or two knowledge-base places of one country within 15 km; or, for a gold
    ``place:<name>`` (no id found), a system record of that English name."""
    if system == gold:
        return True
    from rasd.entities.kb import default_kb

    kb = default_kb()
    if gold.startswith("place:"):
        rec = kb.get(system)
        return rec is not None and _plain(rec.name_en) == _plain(gold[6:])
    a, b = kb.get(system), kb.get(gold)
    if a is None or b is None or a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    return a.country == b.country and a.type not in ("country", "region") and \
        _km((a.lat, a.lon), (b.lat, b.lon)) <= SAME_PLACE_KM


def _plain(name: str) -> str:
    return " ".join("".join(c for c in name.lower() if c.isalnum() or c.isspace()).split())


def system_answers(items: dict[str, Item], data: Path) -> dict[str, tuple[str, str]]:
    """Item id -> (the system's place id or ``not_a_place``, its English name)."""
    from rasd.api import analyze
    from rasd.entities.kb import PLACE_TYPES
    from rasd.pipeline import needed_for
    from rasd.settings import Settings

    docs = find_docs(data, {(it.corpus, it.ref) for it in items.values()})
    pipeline = needed_for("ar.entities.v1")
    cache: dict[tuple[str, str], list[tuple[int, int, str, str]]] = {}
    out: dict[str, tuple[str, str]] = {}
    for it in items.values():
        doc = docs.get((it.corpus, it.ref))
        if doc is None or doc.sha1 != it.sha1:
            print(f"eval_linking: {it.id}: document {it.ref} missing or changed; skipped", file=sys.stderr)
            continue
        if (it.corpus, it.ref) not in cache:
            article = analyze(doc.text, settings=Settings(), pipeline=pipeline)
            cache[(it.corpus, it.ref)] = [
                (s.start, s.end, s.attrs.get("kb_id") or "", s.attrs.get("name_en") or "")
                for s in article.layer("entities")
                if s.label == "LOC" and s.attrs.get("type") in PLACE_TYPES and s.attrs.get("kb_id")]
        hit = next(((k, n) for a, b, k, n in cache[(it.corpus, it.ref)] if a < it.end and it.start < b), None)
        out[it.id] = hit or (NOT_A_PLACE, "")
    return out


def score(gold: dict[str, str], answers: dict[str, tuple[str, str]], misses: bool,
          items: dict[str, Item]) -> dict[str, float]:
    tp = fp = fn = 0
    for iid, place in sorted(gold.items()):
        if iid not in answers:
            continue
        sys_id, name = answers[iid]
        linked, is_place = sys_id != NOT_A_PLACE, place != NOT_A_PLACE
        right = linked and is_place and same_place(sys_id, place)
        tp += right
        fp += linked and not right
        fn += is_place and not right
        if misses and (linked or is_place) and not right:
            it = items[iid]
            print(f"  {iid} [{it.stratum}] {it.surface}: gold {place}, system {sys_id} {name}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def top_places(data: Path, docs: int, top: int) -> None:
    """The most frequent linked place strings over ``docs`` ANT articles."""
    from rasd.api import analyze
    from rasd.entities.kb import PLACE_TYPES, key
    from rasd.errors import InputError
    from rasd.pipeline import needed_for
    from rasd.settings import Settings

    pool = sorted(ant_docs(data), key=lambda d: d.ref)
    random.Random(13).shuffle(pool)
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    pipeline = needed_for("ar.entities.v1")
    rejected = analysed = 0
    for doc in pool:
        if analysed == docs:
            break
        try:
            article = analyze(doc.text, settings=Settings(), pipeline=pipeline)
        except InputError:  # a Persian text in the corpus, an empty one: not an article to count
            rejected += 1
            continue
        analysed += 1
        for s in article.layer("entities"):
            if s.label == "LOC" and s.attrs.get("kb_id") and s.attrs.get("type") in PLACE_TYPES:
                form = key(article.span_text(s))
                counts[form] += 1
                names.setdefault(form, Counter())[f"{s.attrs['name_en']} ({s.attrs['kb_id']})"] += 1
    print(f"\n{top} most frequent linked place strings over {analysed} ANT articles "
          f"({rejected} more drawn were rejected as input):")
    for form, n in counts.most_common(top):
        print(f"  {n:5d}  {form}  -> {names[form].most_common(1)[0][0]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list wrong and missed links")
    parser.add_argument("--top", type=int, default=0, help="print the N most frequent linked place strings")
    parser.add_argument("--docs", type=int, default=5000, help="ANT articles for --top")
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    data = shared_data()
    if not (data / ANT_ARCHIVE).is_file():
        print(f"eval_linking: corpora not found under {data}; nothing to evaluate")
        return 0
    if args.gold.exists():
        items = load_items()
        gold = load_gold(args.gold)
        answers = system_answers({k: v for k, v in items.items() if k in gold}, data)
        res = score(gold, answers, args.misses, items)
        print(f"linked places on {len(answers)} gold items ({sum(p != NOT_A_PLACE for p in gold.values())} "
              f"places): P {res['precision']:.3f} R {res['recall']:.3f} F1 {res['f1']:.3f} "
              f"(tp {res['tp']}, fp {res['fp']}, fn {res['fn']})")
    else:
        print(f"eval_linking: no gold at {args.gold} yet (labelling pending)")
    if args.top:
        top_places(data, args.docs, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
