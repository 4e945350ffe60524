"""Train rasd's CRF named-entity tagger (reproducible; a few minutes on 2 cores).

    .venv/bin/python scripts/train_ner.py            # train on the train split, report dev F1
    .venv/bin/python scripts/train_ner.py --all      # train on train+dev (the shipped model)

Reads ANERcorp from ``../shared/data/ner/anercorp-train/`` (``$RASD_SHARED_DATA``
overrides), builds the feature gazetteer from ANERGazet and
``../shared/data/gazetteer/`` and writes ``src/rasd/models/ner_crf.crfsuite``
and ``src/rasd/models/ner_gazetteer.json.gz``. NewsFANE is not used: its text
is ANERcorp's, re-annotated, including the official test portion.
Exits 1 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.entities.corpus import DEV_FOLD, anercorp_path, common_words, load_anercorp, shared_data, split  # noqa: E402
from rasd.entities.features import FeatureExtractor  # noqa: E402
from rasd.entities.kb import PLACE_TYPES, POPULATED  # noqa: E402
from rasd.entities.model import CLUSTERS_FILE, load_clusters, write_gazetteer  # noqa: E402
from rasd.normalize import normalize_str  # noqa: E402

MODELS = ROOT / "src" / "rasd" / "models"
TITLES = [
    "الرئيس", "رئيس", "وزير", "الوزير", "الملك", "الامير", "الشيخ", "السيد", "السيده", "الدكتور",
    "النائب", "المتحدث", "الناطق", "السفير", "المستشار", "الجنرال", "العقيد", "اللواء", "العميد",
    "المبعوث", "الامين", "نائب", "زعيم", "قائد", "رئيسه", "وزيره", "البابا", "الاميره", "المرشح",
    "مساعد", "مدير", "محافظ", "الحاكم", "الرئيسه", "المفوض", "النجم", "اللاعب", "المدرب", "الفنان",
]


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def build_gazetteer_lists(data: Path, train_set: list) -> dict[str, list[str]]:
    """Feature gazetteer: LOC (countries, cities >= 50k, regions), NAT (demonyms),
    PERS (given names), ORG (ANERGazet), TITLE (a short hand list)."""
    gaz = data / "gazetteer"
    aner = data / "ner" / "anercorp-train" / "ANERGazet"
    out: dict[str, set[str]] = {k: set() for k in ("LOC", "PERS", "ORG", "NAT", "TITLE", "PN", "CUR")}
    add_anergazet(out, aner)
    add_place_lists(out, gaz)
    nats = json.loads((gaz / "arwikicats" / "nationalities" / "nationalities_data.json").read_text("utf-8"))
    for rec in nats.values():
        for key in ("male", "female", "males"):
            if rec.get(key):
                out["NAT"].add(rec[key])
    for name in ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt"):
        for line in (gaz / "names_akhateeb" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out["PERS"].add(line.strip())
    out["TITLE"].update(TITLES)
    add_kb_lists(out)
    add_corpus_lists(out, train_set)
    # Keep the lists small and clean: normalized, at least two letters.
    return {k: sorted({normalize_str(v).strip() for v in vals if len(v.strip()) >= 2})
            for k, vals in out.items()}


def add_anergazet(out: dict[str, set[str]], aner: Path) -> None:
    for name, klass in (("AlignedLocGazetteer.txt", "LOC"), ("AlignedPersGazetteer.txt", "PERS"),
                        ("AlignedOrgGazetteer.txt", "ORG")):
        for raw in (aner / name).read_text(encoding="utf-8").splitlines():
            item = raw.strip()
            if item and not item.startswith("="):
                out[klass].add(item)


def add_place_lists(out: dict[str, set[str]], gaz: Path) -> None:
    for row in _tsv(gaz / "cldr_babel" / "ar_territories.tsv"):
        out["LOC"].add(row["name_ar"])
    for row in _tsv(gaz / "countrystatecity" / "countries_ar.tsv"):
        out["LOC"].add(row["name_ar"])
    for row in _tsv(gaz / "plaincities_geonames_ar" / "cities_ar.tsv"):
        name = row["name_ar(geonames lang=ar; empty if none)"]
        if name and int(row["population"] or 0) >= 50_000:
            out["LOC"].add(name)
    for row in _tsv(gaz / "plaincities_geonames_ar" / "admin1_ar.tsv"):
        if row["name_ar"]:
            out["LOC"].add(row["name_ar"])


def add_kb_lists(out: dict[str, set[str]]) -> None:
    """Names from the packaged knowledge base (run scripts/build_kb.py first) and the
    name-token dictionary (PN: tokens seen in people's names)."""
    kb_file, translit_file = MODELS / "kb.json.gz", MODELS / "translit.json.gz"
    if not kb_file.exists() or not translit_file.exists():
        print("train_ner: no knowledge base yet (scripts/build_kb.py); gazetteer without it", file=sys.stderr)
        return
    kb = json.loads(gzip.decompress(kb_file.read_bytes()))
    for name, ids in kb["names"].items():
        rec = kb["records"][ids[0]]
        klass = "PERS" if rec[0] == "person" else "LOC" if rec[0] in PLACE_TYPES else "ORG"
        if rec[0] in POPULATED and rec[5] < 100_000:
            continue  # towns: too many namesakes of common words for a feature
        out[klass].add(name)
    out["PN"] = set(json.loads(gzip.decompress(translit_file.read_bytes())))


CURRENCIES = ["دولار", "دولارا", "دولارات", "يورو", "جنيه", "جنيها", "جنيهات", "درهم", "دراهم", "درهما",
              "ريال", "ريالا", "ريالات", "دينار", "دينارا", "دنانير", "ليرة", "ليرات", "شيكل", "شيكلا",
              "روبل", "روبلات", "ين", "يوان", "فرنك", "فرنكات", "روبية", "أوقية", "استرليني", "بيزو"]


def add_corpus_lists(out: dict[str, set[str]], train_set: list) -> None:
    """COMMON (frequent non-entity words of the training split) and CUR (currencies);
    common words are dropped from the name-token list PN."""
    common = common_words(train_set)
    out["COMMON"] = common
    out["PN"] -= common
    for cur in CURRENCIES:
        out.setdefault("CUR", set()).add(cur)
    for row in _tsv(shared_data() / "gazetteer" / "cldr_babel" / "ar_currencies.tsv"):
        if row["name_ar"]:
            out["CUR"].add(row["name_ar"].split()[0])


def train(sentences: list, extractor: FeatureExtractor, model_file: Path, args: argparse.Namespace) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in sentences:
        words = [w for w, _ in sent]
        trainer.append(extractor.sentence(words), [t for _, t in sent])
    trainer.set_params({
        "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
        "feature.minfreq": args.minfreq, "feature.possible_transitions": True,
        "feature.possible_states": args.possible_states,
    })
    trainer.train(str(model_file))


def evaluate(sentences: list, model_file: Path, extractor: FeatureExtractor) -> str:
    import pycrfsuite
    from seqeval.metrics import classification_report

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    gold = [[t for _, t in s] for s in sentences]
    pred = [tagger.tag(extractor.sentence([w for w, _ in s])) for s in sentences]
    return str(classification_report(gold, pred, digits=3))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all", action="store_true", help="train on train+dev (the shipped model)")
    parser.add_argument("--c1", type=float, default=0.02, help="L1 weight (prunes features)")
    parser.add_argument("--c2", type=float, default=0.05, help="L2 weight")
    parser.add_argument("--iterations", type=int, default=250)
    parser.add_argument("--minfreq", type=float, default=1)
    parser.add_argument("--out", type=Path, default=MODELS)
    parser.add_argument("--fold", type=int, default=DEV_FOLD,
                        help=f"held-out fold ({DEV_FOLD} = the dev split; others for cross-validation)")
    parser.add_argument("--no-clusters", action="store_true",
                        help="train without the word-cluster features (the recipe before issue 13)")
    parser.add_argument("--possible-states", action="store_true", help="crfsuite feature.possible_states")
    args = parser.parse_args()
    if not anercorp_path().exists():
        print(f"train_ner: ANERcorp not found at {anercorp_path()} (set RASD_SHARED_DATA)", file=sys.stderr)
        return 1
    t0 = time.time()
    sentences = load_anercorp()
    train_set, dev_set = split(sentences, args.fold)
    lists = build_gazetteer_lists(shared_data(), train_set)
    args.out.mkdir(parents=True, exist_ok=True)
    gaz_file = args.out / "ner_gazetteer.json.gz"
    gazetteer = write_gazetteer(gaz_file, lists)
    clusters = None
    if not args.no_clusters:
        source = MODELS / CLUSTERS_FILE
        if not source.exists():
            print(f"train_ner: {source} missing; run scripts/build_word_clusters.py (or --no-clusters)",
                  file=sys.stderr)
            return 1
        if args.out.resolve() != MODELS.resolve():
            shutil.copyfile(source, args.out / CLUSTERS_FILE)
        clusters = load_clusters(args.out / CLUSTERS_FILE)
    extractor = FeatureExtractor(gazetteer, clusters)
    chosen = sentences if args.all else train_set
    model_file = args.out / "ner_crf.crfsuite"
    print(f"training on {len(chosen)} sentences ({'all' if args.all else 'train split'}), "
          f"dev {len(dev_set)}; gazetteer {', '.join(f'{k} {len(v)}' for k, v in lists.items())}")
    train(chosen, extractor, model_file, args)
    print(f"model {model_file} {model_file.stat().st_size / 1e6:.2f} MB, "
          f"gazetteer {gaz_file.stat().st_size / 1e6:.2f} MB, {time.time() - t0:.0f}s")
    if not args.all:
        print(evaluate(dev_set, model_file, extractor))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
