"""Select sentences for the event-report labelling set (issue 11), by document.

From ANT (2018), SaudiNewsNet (2015) and the Al Jazeera ledes (2023-2025), documents are
drawn with a fixed seed; from each, up to four sentences (its headline counts as one):
half chosen among sentences with a broad event word (protest, violence, arrest: a wide
net so that both reports and mentions are there), the rest at random. Each item keeps its
document id, so evaluation can split and cross-validate by document. The item references
(no bulk text) go to ``tests/data/events/report_items.jsonl``; the labellers' copy, with
each sentence, its headline and the sentence before it, goes to ``--texts`` (outside the
repository). Documents of the ANT week used for the real-week check (18-24 Feb 2018) are
left out.

    .venv/bin/python eval/select_events.py --texts /work/labels/events/items.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.metrics import shared_data  # noqa: E402
from rasd.tokens import split_sentences  # noqa: E402

SEED = 11
ANT = Path("corpora") / "ant-multisource" / "antcorpus.multisource.data-f117ce4.tar.xz"
SNN = Path("corpora") / "saudinewsnet" / "dataset"
AJ = Path("corpora") / "aljazeera-gaza-ledes"
OUT = ROOT / "tests" / "data" / "events" / "report_items.jsonl"
WEEK = re.compile(r"-2018021[89]\.txt$|-2018022[0-4]\.txt$")
EVENT_WORD = re.compile(
    r"تظاهر|مظاهر|احتج|اعتصا|مسير|إضراب|اضراب|شغب|قتل|قتيل|مقتل|استشهد|شهيد|هجوم|هاجم|انفجار|تفجير|"
    r"قصف|غارة|غارات|اشتباك|معارك|اغتيال|اختطاف|خطف|إطلاق نار|اطلاق نار|رصاص|طعن|اعتقل|اعتقال|"
    r"احتجاز|القبض|توقيف|أسر|جرح|جرحى|أصيب|إصابة|عنف|مسلح|إعدام|اعدام")
_TAG = re.compile(r"<(TITLE|TEXT)>(.*?)</\1>", re.S)


def _doc(doc_id: str, corpus: str, headline: str, body: str) -> dict[str, object]:
    paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
    sentences: list[str] = []
    for p in paragraphs:
        sentences += [p[s:e].strip() for s, e in split_sentences(p, 0, len(p))]
    return {"doc": doc_id, "corpus": corpus, "headline": headline.strip(),
            "sentences": [s for s in sentences if 20 <= len(s) <= 600]}


def _draw(docs: list[dict[str, object]], rng: random.Random, n: int) -> list[dict[str, object]]:
    """Two thirds of ``n`` among documents with at least three event words, the rest at random."""
    def eventful(d: dict[str, object]) -> bool:
        text = str(d["headline"]) + " " + " ".join(d["sentences"])  # type: ignore[arg-type]
        return len(EVENT_WORD.findall(text)) >= 3
    rich = [d for d in docs if eventful(d)]
    chosen = rng.sample(rich, min(len(rich), 2 * n // 3))
    taken = {id(d) for d in chosen}
    chosen += rng.sample([d for d in docs if id(d) not in taken], n - len(chosen))
    return chosen


def ant_docs(data: Path, rng: random.Random, n: int) -> list[dict[str, object]]:
    return _draw(ant_all(data), rng, n)


def ant_all(data: Path) -> list[dict[str, object]]:
    """Every ANT document outside the real-week check, sorted by name."""
    docs = []
    with tarfile.open(data / ANT) as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt") or WEEK.search(member.name):
                continue
            fh = tar.extractfile(member)
            parts = dict(_TAG.findall(fh.read().decode("utf-8", "replace") if fh else ""))
            docs.append(_doc(member.name, "ant-multisource", parts.get("TITLE", ""), parts.get("TEXT", "")))
    return sorted(docs, key=lambda d: str(d["doc"]))


def snn_docs(data: Path, rng: random.Random, n: int) -> list[dict[str, object]]:
    return _draw(snn_all(data), rng, n)


def snn_all(data: Path) -> list[dict[str, object]]:
    """Every SaudiNewsNet document, in archive order."""
    docs = []
    for path in sorted((data / SNN).glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for i, rec in enumerate(json.loads(z.read(name))):
                    docs.append(_doc(f"{path.name}!{name}#{i}", "saudinewsnet", rec.get("title") or "",
                                     rec.get("content") or ""))
    return docs


def aj_docs(data: Path, rng: random.Random, n: int) -> list[dict[str, object]]:
    return _draw(aj_all(data), rng, n)


def aj_all(data: Path) -> list[dict[str, object]]:
    """Every Al Jazeera lede (deduplicated on its link), sorted by link."""
    recs: dict[str, dict[str, str]] = {}
    for path in sorted((data / AJ).glob("*.json")):
        if path.name == "dataset_summary.json":
            continue
        items = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(items, list):
            for rec in items:
                if rec.get("link"):
                    recs.setdefault(rec["link"], rec)
    return [_doc(k, "aljazeera-gaza-ledes", recs[k]["title"], recs[k].get("excerpt") or "")
            for k in sorted(recs)]


def candidates(doc: dict[str, object]) -> list[tuple[int, str, str]]:
    """Every (index, sentence, previous sentence) of a document; index -1 is the headline."""
    sents = list(doc["sentences"])  # type: ignore[call-overload]
    cands = [(-1, str(doc["headline"]), "")] if doc["headline"] else []
    return cands + [(i, s, sents[i - 1] if i else "") for i, s in enumerate(sents)]


def all_corpora(data: Path) -> dict[str, list[dict[str, object]]]:
    """Every document of the three corpora the selections draw from, by corpus."""
    return {"ant-multisource": ant_all(data), "saudinewsnet": snn_all(data),
            "aljazeera-gaza-ledes": aj_all(data)}


def start(doc: str | None) -> tuple[Path, Path] | None:
    """The command line of a selection script (``--texts``) and the shared data folder, or
    None (said on stdout) when the shared data is absent."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="where the labellers' texts go")
    args = parser.parse_args()
    data = shared_data()
    if not (data / ANT).is_file():
        print(f"shared data not found at {data} (set RASD_SHARED_DATA): nothing selected")
        return None
    return args.texts, data


def pick(doc: dict[str, object], rng: random.Random) -> list[tuple[int, str, str]]:
    """Up to four (index, sentence, previous) of a document; index -1 is the headline."""
    cands = candidates(doc)
    hits = [c for c in cands if EVENT_WORD.search(c[1])]
    rest = [c for c in cands if not EVENT_WORD.search(c[1])]
    chosen = rng.sample(hits, min(2, len(hits)))
    chosen += rng.sample(rest, min(4 - len(chosen), len(rest)))
    if len(chosen) < 4:
        left = [c for c in hits if c not in chosen]
        chosen += rng.sample(left, min(4 - len(chosen), len(left)))
    return sorted(chosen)


def main() -> int:
    started = start(__doc__)
    if started is None:
        return 0
    texts_path, data = started
    rng = random.Random(SEED)
    docs = ant_docs(data, rng, 110) + snn_docs(data, rng, 50) + aj_docs(data, rng, 70)
    refs: list[dict[str, object]] = []
    texts: list[dict[str, object]] = []
    for d, doc in enumerate(docs):
        for index, sentence, previous in pick(doc, rng):
            add_item(refs, texts, "ev", doc, d, index=index, sentence=sentence, previous=previous)
    write_items(refs, texts, OUT, texts_path, len(docs))
    return 0


def add_item(refs: list[dict[str, object]], texts: list[dict[str, object]], prefix: str,
             doc: dict[str, object], doc_index: int, *, index: int, sentence: str, previous: str,
             **extra: object) -> None:
    """Append one item: its reference (no text: id, doc, corpus, sentence index, sha1) and
    the labellers' copy (headline, previous sentence, sentence, and ``extra``)."""
    item = f"{prefix}-{len(refs):04d}"
    refs.append({"id": item, "doc": doc["doc"], "doc_index": doc_index, "corpus": doc["corpus"],
                 "sentence_index": index, "sha1": hashlib.sha1(sentence.encode()).hexdigest()})
    texts.append({"id": item, "headline": doc["headline"], "previous": previous, "sentence": sentence,
                  **extra})


def write_items(refs: list[dict[str, object]], texts: list[dict[str, object]], out: Path,
                texts_path: Path, ndocs: int) -> None:
    """Write the references (committed) and the labellers' texts (outside the repository)."""
    texts_path.parent.mkdir(parents=True, exist_ok=True)
    texts_path.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in refs), encoding="utf-8")
    print(f"{len(refs)} sentences from {ndocs} documents -> {out}, {texts_path}")


if __name__ == "__main__":
    raise SystemExit(main())
