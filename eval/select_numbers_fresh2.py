"""Select the second fresh casualty set (issue 12): 150 items no rule was written from.

100 Al Jazeera headline+lede items (75 drawn from items that match a casualty regex, 25 from
the rest) and 50 ANT articles (500-2,500 characters, with casualty words, 10 per outlet),
none of them in the ``dev`` or ``fresh`` gold, drawn with a fixed seed. Writes the item
references (no text: the texts stay in the shared data) to
``tests/data/numbers/fresh2_items.jsonl`` and, for the labellers, the texts to ``--texts``
(outside the repository).

    .venv/bin/python eval/select_numbers_fresh2.py --texts /work/labels/numbers_fresh2/items.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from eval_numbers import ANT_ARCHIVE, GOLD_DIR, lede_texts, load_gold  # noqa: E402

from rasd.metrics import shared_data  # noqa: E402

SEED = 12
CASUALTY = re.compile(r"قتل|قتيل|استشهد|شهيد|شهداء|أصيب|إصابة|جرحى|جريح|اعتقال|اعتقل|أسرى|نزوح|مصرع|"
                      r"حتفه|حتفهم|مقتل|مصاب")
OUTLETS = ("Alarabia", "BBC", "CNN", "France24", "SkyNews")
OUT = GOLD_DIR / "fresh2_items.jsonl"


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def select_ledes(data: Path, used: set[str], rng: random.Random) -> list[dict[str, str]]:
    ledes = lede_texts(data)
    links = sorted(k for k in ledes if k not in used)
    hits = [k for k in links if CASUALTY.search(ledes[k])]
    rest = [k for k in links if not CASUALTY.search(ledes[k])]
    chosen = rng.sample(hits, 75) + rng.sample(rest, 25)
    return [{"id": f"aj-{i:03d}", "corpus": "aljazeera-gaza-ledes", "link": k, "sha1": sha1(ledes[k]),
             "text": ledes[k]} for i, k in enumerate(chosen)]


def select_ant(data: Path, used: set[str], rng: random.Random) -> list[dict[str, str]]:
    pools: dict[str, list[tuple[str, str]]] = {o: [] for o in OUTLETS}
    with tarfile.open(data / ANT_ARCHIVE) as tar:
        for member in tar:
            if not member.isfile() or member.name in used:
                continue
            outlet = member.name.split("/")[1] if member.name.count("/") >= 2 else ""
            if outlet not in pools or not 500 <= member.size <= 6000:
                continue
            fh = tar.extractfile(member)
            text = fh.read().decode("utf-8", "replace") if fh else ""
            body = re.sub(r"<[^>]+>", " ", text)
            if 500 <= len(body) <= 2500 and len(CASUALTY.findall(body)) >= 2:
                pools[outlet].append((member.name, text))
    out = []
    for outlet in OUTLETS:
        for name, text in rng.sample(sorted(pools[outlet]), 10):
            out.append({"id": f"ant-{len(out):03d}", "corpus": "ant-multisource", "member": name,
                        "sha1": sha1(text), "text": text})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="where the labellers' texts go")
    args = parser.parse_args()
    data = shared_data()
    if not (data / ANT_ARCHIVE).is_file():
        print(f"shared data not found at {data} (set RASD_SHARED_DATA): nothing selected")
        return 0
    gold = load_gold("dev") + load_gold("fresh")
    used = {g.get("link") or g.get("member") for g in gold}
    rng = random.Random(SEED)
    items = select_ledes(data, used, rng) + select_ant(data, used, rng)
    args.texts.parent.mkdir(parents=True, exist_ok=True)
    with args.texts.open("w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps({"id": it["id"], "text": it["text"]}, ensure_ascii=False) + "\n")
    with OUT.open("w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps({k: v for k, v in it.items() if k != "text"}, ensure_ascii=False) + "\n")
    print(f"{len(items)} items -> {OUT} (references), {args.texts} (texts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
