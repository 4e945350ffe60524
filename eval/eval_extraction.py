"""Evaluate rasd's clean-article extraction on the gold pages in ../shared/data/pages.

- CNN Arabic and LBC: word-level (bag-of-words) precision/recall/F1 of the body text
  against the gold body, for rasd and, side by side, for plain trafilatura.
- Assabah: trafilatura's with/without snippet method (must appear / must not appear).
- MediaCloud: language identification (8 Arabic pages must be Arabic, 3 Persian must be
  rejected as not Arabic).
- The seed: the structure checks of issue #2.

Usage: python eval/eval_extraction.py [--json]
Reads ../shared/data (or $RASD_SHARED_DATA); says so and exits 0 when it is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from rasd.api import analyze
from rasd.errors import InputError
from rasd.metrics import shared_data, word_prf
from rasd.settings import Settings


def _read(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


def trafilatura_body(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def gold_pages(data: Path) -> list[tuple[str, Path, str]]:
    cnn = data / "pages" / "newspaper4k-cnn-arabic"
    lbc = data / "pages" / "fundus-lbc"
    lbc_gold = json.loads((lbc / "LBCGroup.json").read_text(encoding="utf-8"))["V1"]
    lbc_body = "\n".join(p for s in lbc_gold["body"]["sections"] for p in s["paragraphs"])
    return [
        ("cnn-arabic", cnn / "html__arabic_article.html",
         (cnn / "txt__arabic_article.txt").read_text(encoding="utf-8")),
        ("lbc", lbc / "LBCGroup_2026_01_08.html.gz", lbc_body),
    ]


def eval_bodies(data: Path, settings: Settings) -> list[dict[str, object]]:
    rows = []
    for name, path, gold in gold_pages(data):
        article = analyze(_read(path), settings=settings)
        ours = word_prf(article.body_text(), gold)
        base = word_prf(trafilatura_body(_read(path)), gold)
        rows.append({"page": name, "rasd": ours, "trafilatura": base})
    return rows


def eval_assabah(data: Path, settings: Settings) -> dict[str, object]:
    folder = data / "pages" / "trafilatura-assabah"
    entries = json.loads((folder / "evaldata.json").read_text(encoding="utf-8")).values()
    gold = next(e for e in entries if e["file"] == "assabah.com.tn.article.html")
    clean = analyze(_read(folder / "assabah.com.tn.article.html"), settings=settings).clean_text()
    return {"with_found": sum(s in clean for s in gold["with"]), "with_total": len(gold["with"]),
            "without_leaked": sum(s in clean for s in gold["without"]),
            "without_total": len(gold["without"])}


def eval_language(data: Path, settings: Settings) -> dict[str, int]:
    folder = data / "pages" / "htmldate-mediacloud"
    index = [line.split("\t") for line in (folder / "INDEX.generated.tsv").read_text().splitlines()[1:]]
    correct = total = 0
    for row in index:
        expected_arabic = row[1] == "ar"
        try:
            analyze(folder / "pages" / row[0], settings=settings)
            is_arabic = True
        except InputError as exc:
            is_arabic = exc.reason != "not_arabic"
        correct += is_arabic == expected_arabic
        total += 1
    return {"correct": correct, "total": total}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    data = shared_data()
    if not (data / "pages").is_dir():
        print(f"eval_extraction: shared data not found at {data} (set RASD_SHARED_DATA); nothing to do")
        return 0
    settings = Settings()
    results = {"bodies": eval_bodies(data, settings), "assabah": eval_assabah(data, settings),
               "language": eval_language(data, settings)}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print("Body text, word-level P / R / F1 against gold")
    print(f"{'page':<12} {'rasd':>24} {'trafilatura':>24}")
    for row in results["bodies"]:
        r, t = row["rasd"], row["trafilatura"]
        print(f"{row['page']:<12} {r[0]:7.3f} {r[1]:7.3f} {r[2]:7.3f}  {t[0]:7.3f} {t[1]:7.3f} {t[2]:7.3f}")
    a = results["assabah"]
    print(f"Assabah snippets: with {a['with_found']}/{a['with_total']} found, "
          f"without {a['without_leaked']}/{a['without_total']} leaked")
    lang = results["language"]
    print(f"MediaCloud language (Arabic kept, Persian rejected): {lang['correct']}/{lang['total']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
