"""Evaluate rasd's dates against the gold file, side by side with dateparser.

    .venv/bin/python eval/eval_dates.py [--misses] [--no-dateparser]

Reads ``tests/data/dates/gold_dates.jsonl``. Al Jazeera items keep no text (the
corpus has no licence), so their ledes are read from the shared data folder
(``../shared/data``, or ``$RASD_SHARED_DATA``); when it is absent the script says
so and exits 0. An item is correct when a date found overlapping the gold span
has exactly the gold value (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``). dateparser's
``search_dates`` gets the same text and base date (``RELATIVE_BASE``,
``PREFER_DATES_FROM=past``, ``languages=['ar']``); its datetime is cut to the
gold precision (a week counts when the day falls in the gold week).

Then the publication dates of the 11 MediaCloud pages (8 Arabic, 3 Persian):
rasd's decision, trafilatura's date and htmldate (``extensive_search``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import json
import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

from rasd.metrics import shared_data as shared_dir

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "dates" / "gold_dates.jsonl"
PAGES = ROOT / "tests" / "data" / "pages" / "mediacloud"


def load_gold(shared: Path | None = None) -> list[dict[str, Any]] | None:
    """Gold items with their text; None when Al Jazeera texts are needed but absent."""
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    corpus = (shared or shared_dir()) / "corpora" / "aljazeera-gaza-ledes"
    cache: dict[str, dict[int, dict[str, Any]]] = {}
    for item in items:
        if "text" in item:
            continue
        if not corpus.is_dir():
            return None
        if item["file"] not in cache:
            rows = json.loads((corpus / item["file"]).read_text(encoding="utf-8"))
            cache[item["file"]] = {r["id"]: r for r in rows}
        text = cache[item["file"]][item["id"]][item["field"]]
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != item["sha1"]:
            raise SystemExit(f"gold text changed: {item['file']} id {item['id']}")
        item["text"] = text
    return items


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _base(item: dict[str, Any]) -> dt.date | None:
    return dt.date.fromisoformat(item["base"]) if item.get("base") else None


def rasd_answer(item: dict[str, Any]) -> str | None:
    from rasd.dates import parse_text

    span = (item["start"], item["end"])
    for match in parse_text(item["text"], _base(item)):
        if _overlaps((match.start, match.end), span):
            return match.date.value
    return None


def _cut(moment: dt.datetime, item: dict[str, Any]) -> str:
    prec = item["precision"]
    if prec == "week":
        first = dt.date.fromisoformat(item["value"])
        inside = first <= moment.date() <= first + dt.timedelta(days=6)
        return item["value"] if inside else moment.date().isoformat()
    return moment.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[prec])


def dateparser_answer(item: dict[str, Any]) -> str | None:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    base = _base(item)
    if base:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day, 12)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(item["text"], languages=["ar"], settings=settings) or []
    pos = 0
    for text, moment in found:
        start = item["text"].find(text, pos)
        if start < 0:
            continue
        pos = start + len(text)
        if _overlaps((start, pos), (item["start"], item["end"])):
            return _cut(moment, item)
    return None


def score(items: list[dict[str, Any]], system: str) -> tuple[int, list[tuple[dict[str, Any], str | None]]]:
    answer = rasd_answer if system == "rasd" else dateparser_answer
    correct, misses = 0, []
    for item in items:
        got = answer(item)
        if got == item["value"]:
            correct += 1
        else:
            misses.append((item, got))
    return correct, misses


def gold_hash() -> str:
    return hashlib.sha256(GOLD.read_bytes()).hexdigest()


def _by_group(items: list[dict[str, Any]], misses: list[tuple[dict[str, Any], str | None]]) -> Counter[str]:
    missed = Counter(m[0]["category"] for m in misses)
    return Counter({k: v - missed[k] for k, v in Counter(i["category"] for i in items).items()})


def report_expressions(items: list[dict[str, Any]], with_dateparser: bool, show_misses: bool) -> None:
    ok, misses = score(items, "rasd")
    print(f"gold: {len(items)} expressions (sha256 {gold_hash()[:12]})")
    print(f"rasd        exact match {ok}/{len(items)} = {ok / len(items):.3f}")
    dp_ok, dp_misses = score(items, "dateparser") if with_dateparser else (0, [])
    if with_dateparser:
        print(f"dateparser  exact match {dp_ok}/{len(items)} = {dp_ok / len(items):.3f}")
    totals = Counter(i["category"] for i in items)
    r, d = _by_group(items, misses), _by_group(items, dp_misses)
    print(f"\n{'category':16} {'n':>4} {'rasd':>6} {'dateparser':>11}")
    for cat in sorted(totals):
        print(f"{cat:16} {totals[cat]:4} {r[cat]:6} {d[cat] if with_dateparser else '-':>11}")
    if show_misses or misses:
        print("\nrasd misses:")
        for item, got in misses:
            print(f"  [{item['corpus']} {item['file']}#{item['id']}] base={item['base']} "
                  f"{item['expr']!r}: gold {item['value']}, rasd {got}")


def report_pages() -> int:
    from htmldate import find_date

    from rasd.api import analyze
    from rasd.settings import Settings

    settings = Settings(max_persian_ratio=1.0)  # the Persian pages are read for their date only
    rows = list(csv.DictReader((PAGES / "INDEX.generated.tsv").open(encoding="utf-8"), delimiter="\t"))
    counts = Counter()
    print(f"\npublication dates, {len(rows)} MediaCloud pages:")
    print(f"  {'file':18} {'lang':4} {'gold':10}  {'rasd':10} {'(source)':12} "
          f"{'trafilatura':11} {'htmldate':10}")
    for row in rows:
        path = PAGES / (row["file"] + ".gz")
        article = analyze(path, settings=settings)
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hd = find_date(html, extensive_search=True, original_date=True)
        got = {"rasd": article.meta.published, "trafilatura": article.meta.extra.get("html_date"),
               "htmldate": hd}
        for name, value in got.items():
            counts[name] += value == row["gold_date"]
        print(f"  {row['file']:18} {row['lang']:4} {row['gold_date']}  {got['rasd']!s:10} "
              f"({article.meta.published_source!s:10}) {got['trafilatura']!s:11} {got['htmldate']!s:10}")
    print("  correct: " + ", ".join(f"{k} {v}/{len(rows)}" for k, v in counts.items()))
    return counts["rasd"]


def wojood_spans(shared: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """Every Wojood sample sentence (tokens joined by spaces) with its DATE spans."""
    out = []
    for split in ("train", "val", "test"):
        lines = (shared / "ner" / "wojood-sample" / f"{split}.txt").read_text(encoding="utf-8").splitlines()
        toks: list[tuple[str, list[str]]] = []
        for line in [*lines, ""]:
            parts = line.split()
            if parts and parts[0] != "$#$":
                toks.append((parts[0], parts[1:]))
            elif not parts and toks:
                out.append(_sentence_spans(toks))
                toks = []
    return out


def _sentence_spans(toks: list[tuple[str, list[str]]]) -> tuple[str, list[tuple[int, int]]]:
    text, spans, start, end = "", [], None, 0
    for tok, tags in toks:
        pos = len(text) + (1 if text else 0)
        text += (" " if text else "") + tok
        if "B-DATE" in tags:
            if start is not None:
                spans.append((start, end))
            start, end = pos, len(text)
        elif "I-DATE" in tags and start is not None:
            end = len(text)
        elif start is not None:
            spans.append((start, end))
            start = None
    if start is not None:
        spans.append((start, end))
    return text, spans


def report_wojood_coverage(shared: Path) -> None:
    """Span-level check on every Wojood DATE span, values not judged: how many rasd finds,
    and how many rasd dates fall outside any DATE span."""
    from rasd.dates import parse_text

    gold = found = extra = total = 0
    for text, spans in wojood_spans(shared):
        matches = parse_text(text)
        gold += len(spans)
        found += sum(any(_overlaps((m.start, m.end), s) for m in matches) for s in spans)
        total += len(matches)
        extra += sum(not any(_overlaps((m.start, m.end), s) for s in spans) for m in matches)
    print(f"\nWojood sample, all {gold} DATE spans (no base date, values not judged): rasd overlaps "
          f"{found} ({found / gold:.3f}); {extra} of rasd's {total} dates lie outside any DATE span")


def report_hijri_crosscheck(shared: Path, max_files: int = 60) -> None:
    """SaudiNewsNet articles often write both calendars: ``10 شعبان 1436 هـ الموافق 28 مايو
    2015م``. rasd's Hijri conversion (Umm al-Qura) should give the Gregorian day written beside."""
    import re
    import zipfile

    from rasd.dates import parse_text

    folder = shared / "corpora" / "saudinewsnet" / "dataset"
    if not folder.is_dir():
        print("\nSaudiNewsNet not found: Hijri cross-check skipped")
        return
    pair = re.compile(r"\d{1,2}\s*\S+(?:\s\S+)?\s*14\d\d\s*(?:هـ|ه)?\s*[،,(]?\s*"
                      r"(?:الموافق|الموافق ل|الموافق لـ)?\s*\d{1,2}\s*\S+\s*20\d\d")
    agree, pairs, wrong = 0, 0, []
    for path in sorted(folder.glob("*.zip"))[:max_files]:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name).decode("utf-8", "replace")):
                    for m in pair.finditer(art.get("content", "")):
                        found = [d for d in parse_text(m.group()) if d.date.precision == "day"]
                        if len(found) == 2 and found[0].date.calendar == "hijri" != found[1].date.calendar:
                            pairs += 1
                            agree += found[0].date.value == found[1].date.value
                            if found[0].date.value != found[1].date.value:
                                wrong.append(m.group())
    print(f"\nHijri cross-check, SaudiNewsNet ({max_files} days): {agree}/{pairs} Hijri dates convert to "
          f"the Gregorian date written beside them")
    for text in wrong[:10]:
        print(f"  differs: {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list misses even when there are none")
    parser.add_argument("--no-dateparser", action="store_true", help="score rasd only")
    args = parser.parse_args(argv)
    items = load_gold()
    if items is None:
        print(f"shared data not found at {shared_dir()} (set RASD_SHARED_DATA); "
              "the Al Jazeera gold texts live there. Nothing evaluated.")
        return 0
    report_expressions(items, not args.no_dateparser, args.misses)
    report_wojood_coverage(shared_dir())
    report_hijri_crosscheck(shared_dir())
    report_pages()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
