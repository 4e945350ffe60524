"""The labelled sentences for event-report detection (issue 11), read from the shared data.

Two sets, both split by document:

- the Arabic event GSR development portion (``events/arabic-event-gsr``: PROTEST and
  ASSAULT; ``yes`` = reports the event, ``easy no`` / ``difficult no`` = does not,
  ``ambiguous`` left out). A sentence id carries its document: ``AAW_ARB_20071026.0026-2``
  is sentence 2 of ``AAW_ARB_20071026.0026``; a hashed id ``<doc hash>_<n>`` is sentence
  ``n`` of ``<doc hash>``.
- the project's event-report set (``tests/data/events/report_gold.jsonl``: 778 sentences of
  230 ANT, SaudiNewsNet and Al Jazeera documents, PROTEST / ASSAULT / ARREST labelled
  ``report`` / ``background`` / ``not_event`` by two annotators, adjudicated;
  eval/guidelines/events.md), and its second part (``report_gold2.jsonl``: 515 sentences of
  140 other documents richer in protests, drawn by ``eval/select_events2.py``, labelled and
  adjudicated the same way; item ids ``ev2-``), and its third part (``report_gold3.jsonl``:
  278 sentences of 200 documents in which the rules propose a strategic development, labelled
  for strategic developments only (``OTHER`` in the gold, read as the ``AGREE`` family),
  drawn by ``eval/select_events3.py``; ids ``ev3-``). Only item references
  are committed: the
  sentences are read back from the corpora exactly as they were drawn, and each is checked
  against its sha1.

Both give :class:`Item` (``source`` ``gsr`` or ``report``, ``doc``, ``text``, and per family
``1`` report / ``0`` not, or absent when that set has no label for the family).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from rasd.metrics import shared_data  # noqa: E402

FAMILIES = ("PROTEST", "ASSAULT", "ARREST")
REPORT_GOLD = ROOT / "tests" / "data" / "events" / "report_gold.jsonl"
REPORT_GOLD2 = ROOT / "tests" / "data" / "events" / "report_gold2.jsonl"
REPORT_GOLD3 = ROOT / "tests" / "data" / "events" / "report_gold3.jsonl"
#: The report set's parts: the first (``ev-``), the second, richer in protests (``ev2-``), and
#: the third, strategic developments the rules propose (``ev3-``: family OTHER only).
REPORT_GOLDS = (REPORT_GOLD, REPORT_GOLD2, REPORT_GOLD3)
#: The third part labels strategic developments (``OTHER`` in its gold); almost all the
#: rules proposed there are agreements, so its label trains and scores the ``AGREE`` family
#: (scored only on the items where the rules propose an agreement: eval/eval_events.py).
PART3 = {"OTHER": "AGREE"}
_AAW = re.compile(r"^(AAW_[A-Z]+_\d{8}\.\d+)-\d+$")


@dataclass
class Item:
    id: str
    source: str  # gsr | report
    doc: str
    text: str
    labels: dict[str, int] = field(default_factory=dict)  # family -> 1 report / 0 not
    detail: dict[str, str] = field(default_factory=dict)  # family -> the set's own label
    # family -> share of the annotators who accepted it (GSR accept / total; the report set:
    # 1.0 or 0.0 after adjudication)
    agreement: dict[str, float] = field(default_factory=dict)


def gsr_doc(record_id: str) -> str:
    """The document of a GSR sentence id (see the module docstring)."""
    m = _AAW.match(record_id)
    return m.group(1) if m else record_id.rsplit("_", 1)[0]


def gsr_dir() -> Path:
    return shared_data() / "events" / "arabic-event-gsr"


def gsr_items() -> list[Item]:
    """GSR development sentences, one item per distinct sentence text, with the labels
    of each type file it appears in (ambiguous labels left out)."""
    by_text: dict[str, Item] = {}
    for family in ("PROTEST", "ASSAULT"):
        path = gsr_dir() / f"{family.lower()}_gsr.csv"
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["label"] == "ambiguous":
                    continue
                item = by_text.setdefault(row["text"], Item(row["id"], "gsr", "gsr:" + gsr_doc(row["id"]),
                                                            row["text"]))
                item.labels[family] = int(row["label"] == "yes")
                item.detail[family] = row["label"]
                item.agreement[family] = int(row["accept"]) / max(1, int(row["total"]))
    return list(by_text.values())


# -- the report set: sentences read back as eval/select_events.py drew them ---------------
def _select_module():  # type: ignore[no-untyped-def]
    import select_events

    return select_events


@cache
def _ant_docs() -> dict[str, dict[str, object]]:
    sel = _select_module()
    wanted = {json.loads(line)["doc"] for line in _report_refs()}
    out = {}
    with tarfile.open(shared_data() / sel.ANT) as tar:
        for member in tar:
            if member.name in wanted:
                fh = tar.extractfile(member)
                parts = dict(sel._TAG.findall(fh.read().decode("utf-8", "replace") if fh else ""))
                out[member.name] = sel._doc(member.name, "ant-multisource", parts.get("TITLE", ""),
                                            parts.get("TEXT", ""))
    return out


@cache
def _snn_doc(doc: str) -> dict[str, object]:
    sel = _select_module()
    zname, rest = doc.split("!", 1)
    name, index = rest.rsplit("#", 1)
    with zipfile.ZipFile(shared_data() / sel.SNN / zname) as z:
        rec = json.loads(z.read(name))[int(index)]
    return sel._doc(doc, "saudinewsnet", rec.get("title") or "", rec.get("content") or "")  # type: ignore[no-any-return]


@cache
def _aj_docs() -> dict[str, dict[str, object]]:
    return {str(d["doc"]): d for d in _select_module().aj_all(shared_data())}


def _document(doc: str, corpus: str) -> dict[str, object]:
    if corpus == "ant-multisource":
        return _ant_docs()[doc]
    if corpus == "saudinewsnet":
        return _snn_doc(doc)
    return _aj_docs()[doc]


def _report_refs() -> list[str]:
    """The lines of every part of the report set that is present."""
    return [line for path in REPORT_GOLDS if path.exists() for line in path.open(encoding="utf-8")]


def report_items() -> list[Item]:
    """The event-report set (both parts) with its sentences; raises ``ValueError`` when a
    sentence read back does not match its sha1 (the corpora changed)."""
    out = []
    for line in _report_refs():
        ref = json.loads(line)
        doc = _document(ref["doc"], ref["corpus"])
        index = int(ref["sentence_index"])
        text = str(doc["headline"]) if index < 0 else list(doc["sentences"])[index]  # type: ignore[call-overload]
        if hashlib.sha1(text.encode()).hexdigest() != ref["sha1"]:
            raise ValueError(f"{ref['id']}: the sentence read back does not match its sha1")
        item = Item(ref["id"], "report", "report:" + ref["doc"], text)
        for label, family in [*((f, f) for f in FAMILIES), *PART3.items()]:
            if label not in ref:
                continue
            item.labels[family] = int(ref[label] == "report")
            item.detail[family] = ref[label]
            item.agreement[family] = float(item.labels[family])
        out.append(item)
    return out


def all_items() -> Iterator[Item]:
    yield from gsr_items()
    yield from report_items()


if __name__ == "__main__":
    from collections import Counter

    for name, items in (("gsr", gsr_items()), ("report", report_items())):
        docs = {i.doc for i in items}
        print(name, len(items), "sentences,", len(docs), "documents")
        for family in FAMILIES:
            c = Counter(i.labels[family] for i in items if family in i.labels)
            print(f"  {family}: {c[1]} positive / {c[0]} negative")
