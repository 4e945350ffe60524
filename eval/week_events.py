"""The real-week check (issue 11): one week of real news through rasd, as a new user runs it.

The week: ANT (``corpora/ant-multisource``), the ``middleEast`` and ``internationalNews``
articles dated 18 to 24 February 2018 (497 articles). They are unpacked to a temporary
folder and analysed like ``rasd analyze FOLDER --format acled-csv`` (or an ACLED CSV made
otherwise, e.g. by an older checkout, is read with ``--csv``). Printed: the number of
events (CSV rows), the fatalities total, rows above 10,000 fatalities, and the 20 largest
events with their date, type, place, realis and the sentence their fatalities were read
from, so that a person can see at a glance whether they are current events.

    .venv/bin/python eval/week_events.py [--csv FILE] [--out FILE] [--top N] [--json]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.metrics import shared_data  # noqa: E402

ANT = Path("corpora") / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
WEEK = re.compile(r"/(?:middleEast|internationalNews)/[^/]+-2018(?:021[89]|022[0-4])\.txt$")
LARGE = 10_000


def unpack_week(dest: Path) -> int:
    """Unpack the week's articles into ``dest``; returns how many."""
    n = 0
    with tarfile.open(shared_data() / ANT) as tar:
        for member in tar:
            if member.isfile() and WEEK.search(member.name):
                member.name = member.name.split("/", 1)[1]
                tar.extract(member, dest, filter="data")
                n += 1
    return n


def run_rasd(folder: Path) -> str:
    """The ACLED CSV rasd writes for every article under ``folder`` (default settings)."""
    from rasd.api import analyze_path
    from rasd.export.events import EventWriter

    out = io.StringIO()
    writer = EventWriter("acled-csv", out)
    for result in analyze_path(str(folder)):
        writer.write(result)
    return out.getvalue()


def _int(value: str) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def _evidence(row: dict[str, str], texts: dict[str, str]) -> str:
    """The sentence the row's fatalities (else its type) were read from, when the article's
    text is at hand; else the row's notes."""
    try:
        ev = json.loads(row.get("evidence") or "{}")
    except json.JSONDecodeError:
        ev = {}
    span = ev.get("fatalities") or ev.get("event_type")
    text = texts.get(row.get("article", ""))
    if span and text:
        return text[span[0]:span[1]].strip()
    return (row.get("notes") or "").strip()


def summary(csv_text: str, texts: dict[str, str] | None = None, top: int = 20) -> dict[str, Any]:
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    texts = texts or {}
    fatal = sorted(rows, key=lambda r: -_int(r.get("fatalities", "")))
    return {
        "events": len(rows),
        "articles_with_events": len({r.get("article") for r in rows}),
        "fatalities": sum(_int(r.get("fatalities", "")) for r in rows),
        "events_with_fatalities": sum(1 for r in rows if _int(r.get("fatalities", ""))),
        "above_10000": sum(1 for r in rows if _int(r.get("fatalities", "")) > LARGE),
        "largest": [
            {"fatalities": _int(r.get("fatalities", "")), "event_date": r.get("event_date"),
             "time_precision": r.get("time_precision"), "event_type": r.get("event_type"),
             "sub_event_type": r.get("sub_event_type"), "location": r.get("location"),
             "country": r.get("country"), "realis": r.get("realis", ""),
             "article": Path(r.get("article", "")).name, "evidence": _evidence(r, texts)[:300]}
            for r in fatal[:top]
        ],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, help="summarise this ACLED CSV instead of running rasd")
    ap.add_argument("--out", type=Path, help="also write the CSV rasd produced here")
    ap.add_argument("--top", type=int, default=20, help="how many of the largest events to print")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args(argv)
    if not (shared_data() / ANT).is_file():
        print(f"week_events: ANT not found at {shared_data() / ANT}; nothing measured")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = unpack_week(folder)
        texts = _texts(folder)
        csv_text = args.csv.read_text(encoding="utf-8") if args.csv else run_rasd(folder)
    if args.out:
        args.out.write_text(csv_text, encoding="utf-8")
    result = {"articles": n, **summary(csv_text, texts, args.top)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"ANT week 2018-02-18..24 (middleEast, internationalNews): {n} articles")
    print(f"events {result['events']} (in {result['articles_with_events']} articles), fatalities "
          f"{result['fatalities']:,} over {result['events_with_fatalities']} events, "
          f"{result['above_10000']} events above {LARGE:,}")
    print(f"the {args.top} largest by fatalities:")
    for r in result["largest"]:
        print(f"  {r['fatalities']:>9,}  {r['event_date']} (tp {r['time_precision']})  {r['event_type']} / "
              f"{r['sub_event_type']}  {r['location']}, {r['country']}  [{r['realis']}] {r['article']}")
        print(f"             {r['evidence']}")
    return 0


def _texts(folder: Path) -> dict[str, str]:
    """Each article's analysed text by the id rasd writes in the CSV's ``article`` column."""
    from rasd.api import analyze_path
    from rasd.pipeline import needed_for

    out = {}
    for result in analyze_path(str(folder), pipeline=needed_for("ar.sentences.v1")):
        if hasattr(result, "text"):
            meta = result.meta
            out[meta.url or meta.path or "article"] = result.text
    return out


if __name__ == "__main__":
    raise SystemExit(main())
