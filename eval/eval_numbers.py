"""Evaluate casualty facts and quotes against the hand-labelled gold (issue #5).

The gold lives in ``tests/data/numbers/``, three sets:

- ``dev``: ``gold_aljazeera_ledes.jsonl`` (155 Al Jazeera headline+lede items, keyed by
  link) and ``gold_ant_middleeast.jsonl`` (20 ANT Middle East articles, keyed by their
  path in the corpus archive); the rules were developed on it.
- ``fresh``: ``gold_fresh_aljazeera_ledes.jsonl`` (60 items, labelled after development).
- ``fresh2``: ``gold_fresh2.jsonl`` (150 items of ``fresh2_items.jsonl``, labelled by two
  people under ``eval/guidelines/numbers.md`` and adjudicated; facts only, no quotes).

An item names its text (``corpus`` and ``link`` or ``member``, with the text's ``sha1``)
and lists ``facts`` (``category``, ``best``, ``who``, and optionally ``subset``,
``cumulative``, ``evidence``) and, where quotes were labelled, ``quotes``. The texts
are not in the project (their licences forbid redistribution): they are read from the
shared data folder, ``../shared/data`` beside the project (``RASD_SHARED_DATA``
overrides). Without it, or without the set's gold file, the script says so and exits 0.

Facts match on (category, best); ``best`` is null for a vague amount without a best
(``العديد``, ``عدد من``), and matches only a system fact whose best is null too.
Quotes (direct and indirect only) match when the system's quote span overlaps the gold
snippet and the speakers share a word. Prints P/R/F1 overall and per category, the
agreement on ``who``, ``subset`` and ``cumulative`` over matched facts, then the misses.

    .venv/bin/python eval/eval_numbers.py [--gold dev|fresh|fresh2] [--misses] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tarfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.api import analyze  # noqa: E402
from rasd.metrics import shared_data  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.normalize import normalize_str  # noqa: E402
from rasd.pipeline import needed_for  # noqa: E402
from rasd.settings import Settings  # noqa: E402

GOLD_DIR = ROOT / "tests" / "data" / "numbers"
GOLD_SETS = {
    # labelled first, then used to develop the rules
    "dev": ("gold_aljazeera_ledes.jsonl", "gold_ant_middleeast.jsonl"),
    # labelled after the rules were written, never tuned on: an honest estimate
    "fresh": ("gold_fresh_aljazeera_ledes.jsonl",),
    # issue 12: 150 items selected before any rule saw them, two labellers, adjudicated
    "fresh2": ("gold_fresh2.jsonl",),
}
GOLD_FILES = GOLD_SETS["dev"]
LEDES_DIR = Path("corpora") / "aljazeera-gaza-ledes"
ANT_ARCHIVE = Path("corpora") / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
PIPELINE = needed_for("ar.casualties.v1")
_GENERIC = frozenset(normalize_str(w) for w in (
    "في", "من", "عن", "باسم", "صحيفة", "الصحيفة", "وكالة", "الوكالة", "موقع", "قناة", "القناة"))


def gold_paths(which: str = "dev", gold_dir: Path = GOLD_DIR) -> list[Path]:
    return [gold_dir / name for name in GOLD_SETS[which]]


def gold_digest(which: str = "dev", gold_dir: Path = GOLD_DIR) -> str:
    """sha256 over the gold files of a set, pinned beside the floors."""
    h = hashlib.sha256()
    for path in gold_paths(which, gold_dir):
        h.update(path.read_bytes())
    return h.hexdigest()


def load_gold(which: str = "dev", gold_dir: Path = GOLD_DIR) -> list[dict[str, Any]]:
    """The items of a gold set (``gold_dir`` holds its files; a test points it elsewhere).

    Raises ``FileNotFoundError`` when a file of the set is missing and ``ValueError``
    for an item without a text reference or a fact without ``category``/``best``.
    """
    items = []
    for path in gold_paths(which, gold_dir):
        with path.open(encoding="utf-8") as fh:
            items.extend(json.loads(line) for line in fh if line.strip())
    for item in items:
        if item.get("corpus") not in ("aljazeera-gaza-ledes", "ant-multisource") or "sha1" not in item \
                or not (item.get("link") or item.get("member")):
            raise ValueError(f"gold item without a text reference: {item_label(item)}")
        if any("category" not in f or "best" not in f for f in item.get("facts", ())):
            raise ValueError(f"gold fact without category or best: {item_label(item)}")
    return items


def item_label(item: dict[str, Any]) -> str:
    """How an item is named in the misses: DOCNO, ``file#id`` or the item id."""
    if item.get("docno"):
        return str(item["docno"])
    if item.get("file"):
        return f"{item['file']}#{item['id']}"
    return str(item.get("id") or item.get("link") or item.get("member"))


def lede_texts(data: Path) -> dict[str, str]:
    """Al Jazeera items by link: ``title`` + blank line + ``excerpt``."""
    texts: dict[str, str] = {}
    for path in sorted((data / LEDES_DIR).glob("*.json")):
        if path.name in ("dataset_summary.json",):
            continue
        records = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(records, list):
            continue
        for rec in records:
            if rec.get("link") and rec["link"] not in texts:
                excerpt = rec.get("excerpt") or ""
                texts[rec["link"]] = rec["title"] + ("\n\n" + excerpt if excerpt else "")
    return texts


def ant_texts(data: Path, members: set[str]) -> dict[str, str]:
    out = {}
    with tarfile.open(data / ANT_ARCHIVE) as tar:
        for member in tar:
            if member.name in members:
                fh = tar.extractfile(member)
                if fh is not None:
                    out[member.name] = fh.read().decode("utf-8", "replace")
    return out


def item_texts(gold: list[dict[str, Any]], data: Path) -> list[str]:
    ledes = lede_texts(data)
    members = {g["member"] for g in gold if g["corpus"] == "ant-multisource"}
    ant = ant_texts(data, members) if members else {}
    texts = []
    for g in gold:
        text = ledes[g["link"]] if g["corpus"] == "aljazeera-gaza-ledes" else ant[g["member"]]
        if hashlib.sha1(text.encode()).hexdigest() != g["sha1"]:
            raise SystemExit(f"gold item {g.get('link') or g.get('member')} does not match its text")
        texts.append(text)
    return texts


def run_item(text: str, corpus: str) -> Article:
    settings = Settings(on_error="raise")
    source: str | bytes = text.encode() if corpus == "ant-multisource" else text
    return analyze(source, settings=settings, pipeline=PIPELINE)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Report:
    facts: Score = field(default_factory=Score)
    quotes: Score = field(default_factory=Score)
    per_category: dict[str, Score] = field(default_factory=dict)
    who_agree: int = 0
    subset_agree: int = 0
    subset_labelled: int = 0
    cumulative_agree: int = 0
    cumulative_labelled: int = 0
    kind_agree: int = 0
    quotes_labelled: bool = False
    misses: list[str] = field(default_factory=list)
    items: int = 0

    def cat(self, name: str) -> Score:
        return self.per_category.setdefault(name, Score())


def _words(speaker: str | None) -> set[str]:
    out = set()
    for raw in re.findall(r"\w+", normalize_str(speaker or "")):
        word = raw
        for pre in ("وال", "ال", "و"):
            if raw.startswith(pre) and len(raw) - len(pre) >= 3:
                word = raw[len(pre):]
                break
        if len(word) >= 2:
            out.add(word)
    return out - _GENERIC or out


def same_speaker(gold: str, system: str | None) -> bool:
    return bool(_words(gold) & _words(system))


def score_facts(report: Report, label: str, gold: list[dict[str, Any]], article: Article) -> None:
    system = list(article.layer("casualties"))
    free = list(system)
    for g in gold:
        match = next((s for s in free if s.label == g["category"] and s.attrs["best"] == g["best"]), None)
        if match is None:
            report.facts.fn += 1
            report.cat(g["category"]).fn += 1
            evidence = f" «{g['evidence']}»" if g.get("evidence") else ""
            report.misses.append(f"FN fact {label}: {g['category']} {g['best']} who={g.get('who')}{evidence}")
            continue
        free.remove(match)
        report.facts.tp += 1
        report.cat(g["category"]).tp += 1
        report.who_agree += match.attrs.get("who") == g.get("who")
        if "subset" in g:
            report.subset_labelled += 1
            report.subset_agree += (match.attrs.get("subset_of") is not None) == bool(g["subset"])
        if "cumulative" in g:
            report.cumulative_labelled += 1
            report.cumulative_agree += bool(match.attrs.get("cumulative")) == bool(g["cumulative"])
    for s in free:
        report.facts.fp += 1
        report.cat(s.label).fp += 1
        report.misses.append(f"FP fact {label}: {s.label} {s.attrs['best']} «{article.span_text(s)}»")


def score_quotes(report: Report, label: str, gold: list[dict[str, Any]], article: Article) -> None:
    system = [q for q in article.layer("quotes") if q.label in ("direct", "indirect")]
    free = list(system)
    for g in gold:
        pos = article.text.find(g["contains"])
        lo, hi = pos, pos + len(g["contains"])
        match = next((q for q in free if q.start < hi and lo < q.end
                      and same_speaker(g["speaker"], q.attrs.get("speaker"))), None)
        if match is None:
            report.quotes.fn += 1
            near = next((q for q in free if q.start < hi and lo < q.end), None)
            got = f" (span found, speaker {near.attrs.get('speaker')!r})" if near else ""
            report.misses.append(f"FN quote {label}: {g['speaker']} «{g['contains']}»{got}")
            continue
        free.remove(match)
        report.quotes.tp += 1
        report.kind_agree += match.label == g["kind"]
    for q in free:
        report.quotes.fp += 1
        report.misses.append(f"FP quote {label}: {q.label} {q.attrs.get('speaker')!r} "
                             f"«{article.span_text(q)[:60]}»")


def evaluate(data: Path, which: str = "dev", gold_dir: Path = GOLD_DIR) -> Report:
    gold = load_gold(which, gold_dir)
    texts = item_texts(gold, data)
    report = Report(items=len(gold))
    # a set labels quotes when any item lists one (fresh2 items carry "quotes": [], unlabelled)
    report.quotes_labelled = any(g.get("quotes") for g in gold)
    for g, text in zip(gold, texts, strict=True):
        article = run_item(text, g["corpus"])
        label = item_label(g)
        score_facts(report, label, g["facts"], article)
        if report.quotes_labelled:
            score_quotes(report, label, g.get("quotes", []), article)
    return report


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def summary(report: Report, which: str = "dev", gold_dir: Path = GOLD_DIR) -> dict[str, Any]:
    fp, fr, ff = report.facts.prf()
    qp, qr, qf = report.quotes.prf()
    return {
        "gold": which, "items": report.items, "gold_sha256": gold_digest(which, gold_dir),
        "facts": {"p": round(fp, 4), "r": round(fr, 4), "f1": round(ff, 4), **report.facts.__dict__,
                  "who_accuracy": _share(report.who_agree, report.facts.tp),
                  "subset_accuracy": _share(report.subset_agree, report.subset_labelled)
                  if report.subset_labelled else None,
                  "cumulative_accuracy": _share(report.cumulative_agree, report.cumulative_labelled)
                  if report.cumulative_labelled else None},
        "quotes": {"p": round(qp, 4), "r": round(qr, 4), "f1": round(qf, 4), **report.quotes.__dict__,
                   "kind_accuracy": _share(report.kind_agree, report.quotes.tp),
                   "labelled": report.quotes_labelled},
        "per_category": {c: dict(zip(("p", "r", "f1"), (round(x, 4) for x in s.prf()), strict=True),
                                 **s.__dict__)
                         for c, s in sorted(report.per_category.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--gold", choices=sorted(GOLD_SETS), default="dev",
                        help="dev: the development gold; fresh: labelled after development; "
                             "fresh2: 150 items labelled by two people before any rule saw them")
    args = parser.parse_args(argv)
    data = shared_data()
    if not (data / LEDES_DIR).is_dir() or not (data / ANT_ARCHIVE).is_file():
        print(f"shared data not found at {data} (set RASD_SHARED_DATA): nothing evaluated")
        return 0
    missing = [p for p in gold_paths(args.gold) if not p.is_file()]
    if missing:
        print(f"gold {args.gold}: {', '.join(str(p) for p in missing)} not found: nothing evaluated")
        return 0
    report = evaluate(data, args.gold)
    out = summary(report, args.gold)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print(out)
    if args.misses:
        for kind, n in Counter(m.split(":")[0] for m in report.misses).most_common():
            print(f"{kind}: {n}")
        print("\n".join(report.misses))
    return 0


def _acc(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _print(out: dict[str, Any]) -> None:
    print(f"gold {out['gold']}: {out['items']} items (sha256 {out['gold_sha256'][:12]})")
    for name in ("facts", "quotes"):
        s = out[name]
        if name == "quotes" and not s["labelled"]:
            print("quotes  not labelled in this set")
            continue
        extra = (f" who-acc {s['who_accuracy']:.3f} subset-acc {_acc(s['subset_accuracy'])} "
                 f"cumulative-acc {_acc(s['cumulative_accuracy'])}" if name == "facts"
                 else f" kind-acc {s['kind_accuracy']:.3f}")
        print(f"{name:7s} P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f} "
              f"(tp {s['tp']} fp {s['fp']} fn {s['fn']}){extra}")
    for cat, s in out["per_category"].items():
        print(f"  {cat:10s} P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f} "
              f"(tp {s['tp']} fp {s['fp']} fn {s['fn']})")


if __name__ == "__main__":
    raise SystemExit(main())
