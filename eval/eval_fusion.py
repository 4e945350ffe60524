"""Fusion of event reports across articles (#14): pairwise precision and recall on the fusion
gold, and what fusion does to one real week.

    python eval/eval_fusion.py [--db POOL.db] [--sweep] [--week-db WEEK.db]

1. **Pairs.** The articles of the pool that ``eval/select_fusion_pairs.py`` drew from (the
   news of three ANT weeks) are ingested with ``rasd ingest`` (fusion included) into ``--db``
   (built when absent). For every labelled pair of ``tests/data/store/fusion_gold.jsonl``
   (labels ``same``/``different``/``overlap``/``invalid``, see eval/guidelines/fusion.md) the
   prediction is whether both reports landed in one fused event. ``same`` pairs are
   positives; ``different`` and ``overlap`` negatives (also reported with ``overlap`` left
   out); ``invalid`` pairs are left out. Figures are given per part: thresholds are chosen on
   ``tune`` (``--sweep`` refuses the pool's reports under a grid of
   :class:`rasd.store.fusion.Params` and look-back days) and reported on ``test``.
2. **A week.** The news articles of ANT 18-24 Feb 2018 ingested alone (``--week-db``, built
   when absent): event rows before fusion (one per report) and after, reports per event, and
   the fatalities total before and after (ACLED's conservative figure, over the ACLED rows:
   actual and claimed events), overall and for the reports of Eastern Ghouta articles.

Exits 0 with a note when the ANT corpus or the gold file is absent.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tarfile
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from rasd.metrics import prf, shared_data  # noqa: E402

PAIRS = ROOT / "tests" / "data" / "store" / "fusion_pairs.jsonl"
GOLD = ROOT / "tests" / "data" / "store" / "fusion_gold.jsonl"
ANT = Path("corpora") / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
WEEK = ("20180218", "20180224")
ACLED_REALIS = ("actual", "reported-as-claim")


def _extract(archive: Path, out: Path, weeks: tuple[tuple[str, str], ...]) -> int:
    from select_fusion_pairs import CATEGORIES, DOCNO_DATE

    n = 0
    with tarfile.open(archive) as tar:
        for member in tar:
            m = DOCNO_DATE.search(member.name)
            if not (member.isfile() and m and member.name.split("/")[-2] in CATEGORIES):
                continue
            if any(a <= m.group(1) <= b for a, b in weeks) and (fh := tar.extractfile(member)):
                (out / member.name.rsplit("/", 1)[-1]).write_bytes(fh.read())
                n += 1
    return n


def build(db: Path, weeks: tuple[tuple[str, str], ...], workers: int) -> None:
    """Ingest the news articles of ``weeks`` into ``db`` with ``rasd ingest``."""
    from rasd.store.ingest import ingest_paths

    with tempfile.TemporaryDirectory(prefix="rasd-fusion-") as tmp:
        n = _extract(shared_data() / ANT, Path(tmp), weeks)
        print(f"eval_fusion: ingesting {n} articles into {db}", file=sys.stderr)
        ingest_paths([tmp], str(db), workers=workers)


def load_gold() -> list[dict[str, Any]]:
    """Labelled pairs: the gold's labels joined with the pairs' references by id."""
    refs = {r["id"]: r for r in map(json.loads, PAIRS.read_text(encoding="utf-8").splitlines())}
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.append({**refs.get(item["id"], {}), **item})
    return out


def _report_event(conn: sqlite3.Connection, ref: dict[str, Any]) -> str | None:
    """The event of a referenced report: by key, else by its trigger offsets in the same text."""
    prefix = ref["text_hash"][:16]
    row = conn.execute("SELECT event_id FROM event_reports WHERE key = ? AND copy_id IS NULL",
                       (f"{prefix}:{ref['record']}",)).fetchone()
    if row is None:
        start, end = ref["trigger"]
        row = conn.execute("SELECT event_id FROM event_reports WHERE key LIKE ? AND copy_id IS NULL "
                           'AND start < ? AND "end" > ? ORDER BY abs(start - ?) LIMIT 1',
                           (f"{prefix}:%", end, start, start)).fetchone()
    return None if row is None else str(row[0])


def score(conn: sqlite3.Connection, gold: list[dict[str, Any]], part: str | None,
          overlap: bool = True) -> dict[str, Any]:
    tp = fp = fn = gold_pos = predicted = missing = pairs = 0
    for item in gold:
        if (part and item.get("split") != part) or item["label"] == "invalid":
            continue
        if item["label"] == "overlap" and not overlap:
            continue
        a, b = _report_event(conn, item["a"]), _report_event(conn, item["b"])
        if a is None or b is None:
            missing += 1
            continue
        same, fused = item["label"] == "same", a == b
        pairs += 1
        gold_pos += same
        predicted += fused
        tp += same and fused
        fp += fused and not same
        fn += same and not fused
    p, r, f = prf(tp, predicted, gold_pos)
    return {"part": part or "all", "overlap_as_negative": overlap, "pairs": pairs,
            "positives": gold_pos, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3),
            "recall": round(r, 3), "f1": round(f, 3), "reports_not_found": missing}


def refuse(db: Path, work: Path, params: Any, lookback: int) -> sqlite3.Connection:
    """A copy of the pool store with every report fused again under ``params`` and ``lookback``."""
    from rasd.store.events import rebuild

    shutil.copy(db, work)
    conn = sqlite3.connect(work, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(f"UPDATE event_reports SET lo = date(hi, '-{int(lookback)} days') "
                 "WHERE dated = 0 AND date_basis != 'text' AND hi IS NOT NULL")
    rebuild(conn, datetime.now(UTC).isoformat(timespec="seconds"), params)
    conn.execute("COMMIT")
    return conn


def sweep(db: Path, gold: list[dict[str, Any]]) -> dict[str, Any]:
    from rasd.store.fusion import DEFAULT

    results = []
    with tempfile.TemporaryDirectory(prefix="rasd-sweep-") as tmp:
        for km in (5.0, 10.0, 25.0):
            for jac in (0.08, 0.12, 0.16, 0.2):
                for lookback in (1, 3, 7):
                    params = replace(DEFAULT, place_km=km, story_jaccard=jac)
                    conn = refuse(db, Path(tmp) / "s.db", params, lookback)
                    tune = score(conn, gold, "tune")
                    conn.close()
                    results.append({"place_km": km, "story_jaccard": jac, "lookback": lookback, **tune})
                    print(json.dumps(results[-1]))
    best = max(results, key=lambda r: (r["f1"], r["precision"]))
    print("chosen on tune:", json.dumps(best))
    return best


def week_numbers(db: Path) -> dict[str, Any]:
    """Event rows before fusion (one per report) and after, reports per event, fatalities."""
    conn = sqlite3.connect(db)
    realis = ",".join(f"'{r}'" for r in ACLED_REALIS)
    fat = "coalesce(fatalities_min, fatalities_best, 0)"
    ghouta = ("r.article_id IN (SELECT id FROM articles WHERE headline LIKE '%الغوطة%' "
              "OR substr(clean_text, 1, 600) LIKE '%الغوطة%')")
    out: dict[str, Any] = {"articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0]}
    for name, cond in (("all", "1"), ("eastern_ghouta", ghouta)):
        acled = f"sum(CASE WHEN realis IN ({realis}) THEN {fat} END)"
        before = conn.execute(f"SELECT count(*), sum({fat}), {acled} "
                              f"FROM event_reports r WHERE copy_id IS NULL AND {cond}").fetchone()
        events = conn.execute(f"SELECT DISTINCT r.event_id FROM event_reports r WHERE {cond}").fetchall()
        ids = json.dumps([e[0] for e in events])
        after = conn.execute(f"SELECT count(*), sum({fat}), {acled}, "
                             "sum(reports), max(reports), sum(reports > 1) FROM events "
                             "WHERE id IN (SELECT value FROM json_each(?))", (ids,)).fetchone()
        sizes = Counter(r[0] for r in conn.execute(
            "SELECT reports FROM events WHERE id IN (SELECT value FROM json_each(?))", (ids,)))
        out[name] = {
            "event_rows_before": before[0], "event_rows_after": after[0],
            "fatalities_before": before[1] or 0, "fatalities_before_acled_rows": before[2] or 0,
            "fatalities_after": after[1] or 0, "fatalities_after_acled_rows": after[2] or 0,
            "reports_per_event_mean": round((after[3] or 0) / max(after[0], 1), 3),
            "reports_per_event_max": after[4], "events_with_2_or_more_reports": after[5],
            "reports_per_event": dict(sorted(sizes.items())),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "rasd-fusion-pool.db",
                        help="store of the pool (built when absent)")
    parser.add_argument("--week-db", type=Path, default=Path(tempfile.gettempdir()) / "rasd-fusion-week.db",
                        help="store of the ANT week 18-24 Feb 2018 alone (built when absent)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sweep", action="store_true", help="choose thresholds on the tune part")
    args = parser.parse_args(argv)
    if not (shared_data() / ANT).is_file():
        print(f"eval_fusion: the ANT corpus is absent ({shared_data() / ANT}); nothing evaluated")
        return 0
    if not args.week_db.is_file():
        build(args.week_db, (WEEK,), args.workers)
    print(json.dumps({"week": "ANT 2018-02-18..24, middleEast + internationalNews",
                      **week_numbers(args.week_db)}, ensure_ascii=False))
    if not GOLD.is_file():
        print(f"eval_fusion: no gold at {GOLD} yet (labelling pending); pairwise figures not computed")
        return 0
    from select_fusion_pairs import WEEKS

    if not args.db.is_file():
        build(args.db, WEEKS, args.workers)
    gold = load_gold()
    print("labels:", dict(Counter((g.get("split"), g["label"]) for g in gold)))
    if args.sweep:
        sweep(args.db, gold)
    from rasd.store.fusion import DEFAULT
    from rasd.store.reports import LOOKBACK_DAYS

    with tempfile.TemporaryDirectory(prefix="rasd-fusion-") as tmp:
        conn = refuse(args.db, Path(tmp) / "d.db", DEFAULT, LOOKBACK_DAYS)  # the defaults of this rasd
        print("defaults:", json.dumps({**DEFAULT.__dict__, "lookback": LOOKBACK_DAYS}))
        for part in ("tune", "test"):
            for overlap in (True, False):
                print(json.dumps(score(conn, gold, part, overlap)))
        conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
