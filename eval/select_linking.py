"""Select ~220 place-like mentions from real articles for the linking evaluation (issue 13).

Documents are drawn with a fixed seed from ANT (Middle East and international news),
SaudiNewsNet and the Al Jazeera ledes; in each, the candidates are (a) the spans the
current pipeline tags ``LOC`` (linked or not) and (b) every string the knowledge base
knows as a place, found without any context filter, including ordinary words
(``المدينة``, ``طراز``), readings after clitic stripping (``فرقه`` -> ``رقه``) and real
cities that are also words (``حلب``, ``قنا``). Quotas per stratum, at most two items per
document and two or three per surface form. Writes the item references (no text beyond the mention itself) to
``tests/data/entities/linking_items.jsonl`` and the labellers' copy, with context and the
knowledge base's candidates, to ``--texts`` (outside the repository). The guideline is
``eval/guidelines/linking.md``.

    .venv/bin/python eval/select_linking.py --texts /work/labels/linking/items.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from linking_docs import ANT_ARCHIVE, Doc, ant_docs, ledes_docs, saudinewsnet_docs  # noqa: E402

from rasd.api import analyze  # noqa: E402
from rasd.metrics import shared_data  # noqa: E402
from rasd.pipeline import needed_for  # noqa: E402
from rasd.settings import Settings  # noqa: E402

SEED = 13
OUT = ROOT / "tests" / "data" / "entities" / "linking_items.jsonl"
DOCS = {"ant-multisource": 420, "saudinewsnet": 90, "aljazeera-gaza-ledes": 120}
QUOTAS = {"tagged": 100, "city_word": 20, "ambiguous": 55, "kb_string": 55}
PER_DOC = 2
#: at most this many items share a normalized surface form (tagged stratum; others 2)
PER_SURFACE = 3
PLACE_TYPES = {"country", "city", "region", "water", "facility"}


def draw_docs(data: Path, rng: random.Random) -> list[Doc]:
    pools = {"ant-multisource": list(ant_docs(data)), "saudinewsnet": list(saudinewsnet_docs(data)),
             "aljazeera-gaza-ledes": list(ledes_docs(data))}
    out: list[Doc] = []
    for corpus, n in DOCS.items():
        pool = sorted((d for d in pools[corpus] if 200 <= len(d.text) <= 8000), key=lambda d: d.ref)
        out += rng.sample(pool, n)
    return out


def candidates(doc: Doc) -> list[dict[str, Any]]:
    """Place-like spans of one document, each with its stratum."""
    from rasd.entities.kb import default_kb, key
    from rasd.entities.mentions import COMMON_WORDS, common_words

    kb = default_kb()
    article = analyze(doc.text, settings=Settings(), pipeline=needed_for("ar.entities.v1"))
    tagged = [(s.start, s.end) for s in article.layer("entities")
              if s.label == "LOC" and not s.attrs.get("from_layer")]
    out = [{"start": a, "end": b, "stratum": "tagged"} for a, b in tagged]
    tokens = article.tokens
    norm = article.normalized
    for sent in article.sentences:
        idx = [i for i, t in enumerate(tokens) if sent.start <= t.start < sent.end]
        i = 0
        while i < len(idx):
            hit = None
            for size in (4, 3, 2, 1):
                part = [tokens[j] for j in idx[i:i + size]]
                if len(part) < size or any(t.kind != "word" for t in part):
                    continue
                match = kb.lookup(key(" ".join(t.norm for t in part)))
                recs = [kb.get(r) for r in match.ids] if match else []
                places = [r for r in recs if r is not None and r.type in PLACE_TYPES]
                if match and places:
                    ns = norm.norm_offset(part[0].start) + match.cut
                    start = norm.starts[ns] if match.cut and ns < len(norm.starts) else part[0].start
                    hit = (start, part[-1].end, size, match, places)
                    break
            if hit is None:
                i += 1
                continue
            start, end, size, match, places = hit
            if not any(a < end and start < b for a, b in tagged):
                word = key(article.text[start:end])
                if size == 1 and word in COMMON_WORDS | common_words() and any(
                        p.type == "city" and p.population >= 100_000 for p in places):
                    stratum = "city_word"
                elif size == 1 and (match.cut or word in common_words() or word in COMMON_WORDS):
                    stratum = "ambiguous"
                else:
                    stratum = "kb_string"
                out.append({"start": start, "end": end, "stratum": stratum})
            i += size
    return out


def context(text: str, start: int, end: int, width: int = 300) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return f"{text[a:start]}[[{text[start:end]}]]{text[end:b]}"


def kb_candidates(surface: str) -> list[dict[str, Any]]:
    from rasd.entities.kb import default_kb, key

    kb = default_kb()
    match = kb.lookup(key(surface))
    out = []
    for rid in match.ids if match else ():
        rec = kb.get(rid)
        if rec is not None:
            out.append({"kb_id": rec.id, "name_en": rec.name_en, "type": rec.type, "country": rec.country,
                        "population": rec.population})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="where the labellers' copy goes")
    args = parser.parse_args()
    data = shared_data()
    if not (data / ANT_ARCHIVE).is_file():
        print(f"select_linking: no ANT archive under {data}", file=sys.stderr)
        return 1
    from rasd.entities.kb import key

    rng = random.Random(SEED)
    docs = draw_docs(data, rng)
    pools: dict[str, list[tuple[Doc, dict[str, Any]]]] = {k: [] for k in QUOTAS}
    for doc in docs:
        for cand in candidates(doc):
            pools[cand["stratum"]].append((doc, cand))
    used: dict[str, int] = {}
    forms: dict[str, int] = {}
    items: list[dict[str, Any]] = []
    for stratum, quota in QUOTAS.items():
        pool = pools[stratum]
        rng.shuffle(pool)
        taken = 0
        for doc, cand in pool:
            if taken == quota:
                break
            if used.get(doc.ref, 0) >= PER_DOC or any(
                    it["ref"] == doc.ref and it["start"] < cand["end"] and cand["start"] < it["end"]
                    for it in items):
                continue
            form = key(doc.text[cand["start"]:cand["end"]])
            if forms.get(form, 0) >= (PER_SURFACE if stratum == "tagged" else 2):
                continue
            forms[form] = forms.get(form, 0) + 1
            used[doc.ref] = used.get(doc.ref, 0) + 1
            items.append({"corpus": doc.corpus, "ref": doc.ref, "sha1": doc.sha1, "start": cand["start"],
                          "end": cand["end"], "surface": doc.text[cand["start"]:cand["end"]],
                          "stratum": stratum, "_text": doc.text})
            taken += 1
        print(f"{stratum}: {taken} of {len(pool)} candidates")
    rng.shuffle(items)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    args.texts.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as ref_fh, args.texts.open("w", encoding="utf-8") as txt_fh:
        for n, raw in enumerate(items):
            text = raw.pop("_text")
            item = {"id": f"loc-{n:03d}", **raw}
            ref_fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            title = text.split("\n", 1)[0]
            txt_fh.write(json.dumps({"id": item["id"], "surface": item["surface"], "title": title,
                                     "context": context(text, item["start"], item["end"]),
                                     "kb_candidates": kb_candidates(item["surface"]),
                                     "source": f"{item['corpus']} {item['ref']}"},
                                    ensure_ascii=False) + "\n")
    print(f"{len(items)} items -> {OUT} and {args.texts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
