"""Select pairs of event reports for the fusion gold set (issue 14), with a fixed seed.

rasd's real pipeline runs over the news articles (``middleEast`` and ``internationalNews``)
of three ANT weeks: 18-24 Feb 2018 (Eastern Ghouta, Afrin), 8-14 Apr 2018 (Douma, the
strikes on Syria) and 13-19 May 2018 (Gaza, the US embassy move). Each actual or claimed
event record is one *report* (article + record). Pairs of reports from two different
articles (never two copies of one text) are drawn in three strata:

- ``likely``: same type family, same country, dates within 3 days, and the two articles in
  one story (rasd's story grouping over the pool, as ``rasd ingest`` does it);
- ``hard``: same type family and country, dates within 3 days, another place or another day,
  and the articles in two different stories (so reports of one incident that story grouping
  missed land here too);
- ``random``: any two reports of the same type family published within 7 days.

At most ``PER_STORY`` likely pairs come from one story and no article is used more than
``PER_ARTICLE`` times, so one big story (Ghouta) does not fill the set. The item references
(ANT member path, DOCNO, sha1 of the TREC document, record id, trigger and evidence offsets,
no text) go to ``tests/data/store/fusion_pairs.jsonl``; the labellers' copy (both reports'
headlines, dates, outlets, evidence sentences and the fields rasd extracted) to ``--texts``,
outside the repository. Each pair carries its ``split`` (``tune`` or ``test``), fixed here by
document: articles joined by pairs form groups, and a group's part follows the parity of
the sha1 of its smallest DOCNO, so no article is in both parts. Guideline:
eval/guidelines/fusion.md.

    .venv/bin/python eval/select_fusion_pairs.py --texts /work/labels/fusion/items.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import re
import sys
import tarfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.metrics import shared_data  # noqa: E402

SEED = 14
ANT = Path("corpora") / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
OUT = ROOT / "tests" / "data" / "store" / "fusion_pairs.jsonl"
WEEKS = (("20180218", "20180224"), ("20180408", "20180414"), ("20180513", "20180519"))
CATEGORIES = ("middleEast", "internationalNews")
DOCNO_DATE = re.compile(r"-(\d{8})\.txt$")
#: Realis values whose reports can be fused (ACLED keeps actual and claimed events).
FUSABLE = frozenset({"actual", "reported-as-claim"})
VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
DEMONSTRATIONS = frozenset({"Protests", "Riots"})
WANT = {"likely": 100, "hard": 65, "random": 35}
PER_STORY = 8
PER_ARTICLE = 4
MAX_DAYS = 3
RANDOM_DAYS = 7


def family(event_type: str | None, sub_event_type: str | None, rasd_type: str | None) -> str:
    """The type family two reports must share to be one incident (the guideline's rule 1)."""
    if event_type in VIOLENCE:
        return "violence"
    if event_type in DEMONSTRATIONS:
        return "demonstration"
    return f"{event_type}/{rasd_type or sub_event_type}"


@dataclass
class Doc:
    member: str
    docno: str
    sha1: str
    url: str | None
    outlet: str | None
    published: str | None
    headline: str | None
    text: str
    clean: str
    text_hash: str
    sig: bytes
    terms: frozenset[str]
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Report:
    doc: Doc
    record: dict[str, Any]
    family: str
    country: str | None
    day: str | None

    @property
    def key(self) -> str:
        return f"{self.doc.docno}/{self.record['id']}"


def _in_pool(member: str) -> bool:
    m = DOCNO_DATE.search(member)
    if not m or member.split("/")[-2] not in CATEGORIES:
        return False
    return any(a <= m.group(1) <= b for a, b in WEEKS)


def _inputs(archive: Path) -> Iterator[Any]:
    from rasd.intake.inputs import RawInput, _from_bytes

    with tarfile.open(archive) as tar:
        for member in tar:
            if not member.isfile() or not _in_pool(member.name):
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            data = fh.read()
            for raw in _from_bytes(f"{archive.name}!{member.name}", data, False, 10_000_000):
                if isinstance(raw, RawInput):
                    raw.extra["sha1"] = hashlib.sha1(data).hexdigest()
                yield raw


def _finish(article: Any, raw: Any) -> Doc:
    """Runs in the worker: what the drawing needs of one analysed article."""
    from rasd.events.component import event_records
    from rasd.store.ingest import outlet_of, text_hash
    from rasd.store.stories import signature, terms

    clean = article.clean_text() or article.text
    return Doc(raw.source.split("!", 1)[1], raw.extra.get("docno", ""), raw.extra["sha1"], article.meta.url,
               outlet_of(article), article.meta.published, article.headline, article.text, clean,
               text_hash(clean), signature(article.headline, clean), terms(article.headline, clean),
               [r.to_dict() for r in event_records(article)])


def analyse(archive: Path, workers: int, cache: Path | None) -> list[Doc]:
    if cache is not None and cache.is_file():
        docs: list[Doc] = pickle.loads(cache.read_bytes())
        return docs
    from rasd.batch import run_batch
    from rasd.settings import Settings

    docs = [d for d in run_batch(_inputs(archive), settings=Settings(), workers=workers, finish=_finish)
            if isinstance(d, Doc)]
    if cache is not None:
        cache.write_bytes(pickle.dumps(docs))
    return docs


def stories(docs: list[Doc]) -> dict[str, int]:
    """Story of each DOCNO, grouped exactly as ``rasd ingest`` groups stored articles."""
    from rasd.store.stories import Item, cluster

    items = [Item(i, (d.published or "")[:10] or None, d.sig, d.terms) for i, d in enumerate(docs)]
    roots = cluster(items)
    return {d.docno: roots[i] for i, d in enumerate(docs)}


def reports(docs: list[Doc]) -> list[Report]:
    out = []
    for d in docs:
        for rec in d.events:
            if rec["realis"] not in FUSABLE or not rec.get("event_type"):
                continue
            value = (rec["date"].get("value") or "")[:10]
            day = value if len(value) == 10 else (d.published or "")[:10] or None
            fam = family(rec["event_type"], rec.get("sub_event_type"), rec.get("rasd_type"))
            out.append(Report(d, rec, fam, rec["location"].get("country"), day))
    return out


def _days(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 99
    return abs((Date.fromisoformat(a) - Date.fromisoformat(b)).days)


def _published(r: Report) -> str | None:
    return (r.doc.published or "")[:10] or None


def _place(r: Report) -> str:
    loc = r.record["location"]
    return str(loc.get("kb_id") or loc.get("name") or loc.get("country") or "")


def candidate_pairs(reps: list[Report], story: dict[str, int]) -> dict[str, list[tuple[Report, Report]]]:
    """Every pair of reports from different texts, by stratum (a pair in one stratum only)."""
    by_family: dict[str, list[Report]] = defaultdict(list)
    for r in reps:
        by_family[r.family].append(r)
    strata: dict[str, list[tuple[Report, Report]]] = {"likely": [], "hard": [], "random": []}
    for group in by_family.values():
        group.sort(key=lambda r: r.key)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.doc.text_hash == b.doc.text_hash:
                    continue
                same_country = a.country is not None and a.country == b.country
                near = _days(a.day, b.day) <= MAX_DAYS
                if same_country and near and story[a.doc.docno] == story[b.doc.docno]:
                    strata["likely"].append((a, b))
                elif same_country and near and (_place(a) != _place(b) or a.day != b.day):
                    strata["hard"].append((a, b))
                elif _days(_published(a), _published(b)) <= RANDOM_DAYS:
                    strata["random"].append((a, b))
    return strata


def draw(strata: dict[str, list[tuple[Report, Report]]], story: dict[str, int],
         rng: random.Random) -> list[tuple[str, Report, Report]]:
    used: dict[str, int] = defaultdict(int)
    per_story: dict[int, int] = defaultdict(int)
    chosen: list[tuple[str, Report, Report]] = []
    for stratum in ("likely", "hard", "random"):
        pool = list(strata[stratum])
        rng.shuffle(pool)
        taken = 0
        for a, b in pool:
            if taken >= WANT[stratum]:
                break
            if used[a.doc.docno] >= PER_ARTICLE or used[b.doc.docno] >= PER_ARTICLE:
                continue
            s = story[a.doc.docno]
            if stratum == "likely" and per_story[s] >= PER_STORY:
                continue
            per_story[s] += stratum == "likely"
            used[a.doc.docno] += 1
            used[b.doc.docno] += 1
            chosen.append((stratum, a, b))
            taken += 1
    return chosen


def splits(chosen: list[tuple[str, Report, Report]]) -> dict[str, str]:
    """``tune`` or ``test`` per DOCNO: groups of articles joined by pairs, by the sha1 parity of
    the group's smallest DOCNO."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, a, b in chosen:
        ra, rb = find(a.doc.docno), find(b.doc.docno)
        parent[max(ra, rb)] = min(ra, rb)
    return {d: ("tune" if int(hashlib.sha1(find(d).encode()).hexdigest(), 16) % 2 == 0 else "test")
            for d in list(parent)}


def _ref(r: Report) -> dict[str, Any]:
    rec = r.record
    return {"member": r.doc.member, "docno": r.doc.docno, "sha1": r.doc.sha1, "text_hash": r.doc.text_hash,
            "record": rec["id"], "trigger": [rec["trigger"]["start"], rec["trigger"]["end"]],
            "mentions": rec["mentions"], "event_type": rec["event_type"], "family": r.family}


def _sentences(r: Report, limit: int = 3) -> list[str]:
    return [r.doc.text[s:e].strip() for s, e in r.record["mentions"][:limit]]


def _count(c: dict[str, Any] | None) -> list[int | None] | None:
    return None if not c else [c.get("min"), c.get("best"), c.get("max")]


def _text(r: Report) -> dict[str, Any]:
    rec, loc, d = r.record, r.record["location"], r.doc
    return {
        "outlet": d.outlet, "published": d.published, "url": d.url, "headline": d.headline,
        "lead": " ".join(d.clean.split())[:400], "evidence": _sentences(r),
        "rasd": {
            "event_type": rec["event_type"], "sub_event_type": rec.get("sub_event_type"),
            "trigger": rec["trigger"]["text"], "realis": rec["realis"],
            "actor1": (rec.get("actor1") or {}).get("name"), "actor2": (rec.get("actor2") or {}).get("name"),
            "location": loc.get("name"), "admin1": loc.get("admin1"), "country": loc.get("country_name"),
            "geo_precision": loc.get("geo_precision"), "date": rec["date"].get("value"),
            "date_basis": rec["date"].get("basis"), "fatalities": _count(rec.get("fatalities")),
            "injured": _count(rec.get("injured")), "arrested": _count(rec.get("arrested")),
        },
    }


def _commit() -> str | None:
    """The commit of rasd that analysed the pool (offsets depend on it)."""
    import subprocess

    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="where the labellers' texts go")
    parser.add_argument("--workers", type=int, default=2, help="analysis processes (default 2)")
    parser.add_argument("--cache", type=Path, help="pickle of the analysed pool (reused when present)")
    args = parser.parse_args()
    data = shared_data()
    if not (data / ANT).is_file():
        print(f"shared data not found at {data} (set RASD_SHARED_DATA): nothing selected")
        return 0
    docs = sorted(analyse(data / ANT, args.workers, args.cache), key=lambda d: d.member)
    story = stories(docs)
    reps = reports(docs)
    strata = candidate_pairs(reps, story)
    chosen = draw(strata, story, random.Random(SEED))
    part = splits(chosen)
    commit = _commit()
    refs, texts = [], []
    for i, (stratum, a, b) in enumerate(chosen):
        pair = f"fu-{i:04d}"
        refs.append({"id": pair, "stratum": stratum, "split": part[a.doc.docno],
                     "same_story": story[a.doc.docno] == story[b.doc.docno], "analysed_with": commit,
                     "a": _ref(a), "b": _ref(b)})
        texts.append({"id": pair, "a": _text(a), "b": _text(b)})
    order = random.Random(SEED + 1).sample(range(len(texts)), len(texts))  # labellers see no stratum order
    args.texts.parent.mkdir(parents=True, exist_ok=True)
    args.texts.write_text("".join(json.dumps(texts[j], ensure_ascii=False) + "\n" for j in order),
                          encoding="utf-8")
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in refs), encoding="utf-8")
    sizes = {k: len(v) for k, v in strata.items()}
    print(f"{len(docs)} articles, {len(reps)} reports; candidate pairs {sizes}; "
          f"drawn {len(chosen)} ({', '.join(f'{k} {sum(c[0] == k for c in chosen)}' for k in WANT)}); "
          f"test part {sum(r['split'] == 'test' for r in refs)} -> {OUT}, {args.texts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
