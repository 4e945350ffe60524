"""Build src/rasd/data/events_places.json, the events component's own small place list.

It is a fallback for when the entities layer (ar.entities.v1) is absent: countries
(mledoze/countries, ODbL), cities of at least MIN_POP inhabitants or capitals with an
Arabic GeoNames name (plaincities, CC BY 4.0) and demonyms (arwikicats, MIT).
Run once from the project root: ``python scripts/build_event_places.py``; it reads
``../shared/data/gazetteer`` and writes the JSON (a few hundred KB).
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RASD_SHARED_DATA", ROOT.parent / "shared" / "data"))
GAZ = SHARED / "gazetteer"
OUT = ROOT / "src" / "rasd" / "data" / "events_places.json"
MIN_POP = 250_000
# Names used in news that the sources spell differently or lack.
EXTRA_COUNTRY_NAMES = {
    "US": ["أمريكا", "أميركا", "الولايات المتحدة الأميركية", "الولايات المتحدة الأمريكية"],
    "GB": ["بريطانيا", "المملكة المتحدة"],
    "RU": ["روسيا الاتحادية"],
    "KZ": ["قازاقستان"],
    "PS": ["فلسطين", "الأراضي الفلسطينية"],
    "SY": ["سورية"],
    "KG": ["قرغيزيا", "قيرغيزستان"],
    "AE": ["الإمارات"],
    "SA": ["السعودية"],
    "CD": ["الكونغو الديمقراطية"],
    "KR": ["كوريا الجنوبية"],
    "KP": ["كوريا الشمالية"],
    "NL": ["هولندا"],
    "CZ": ["تشيكيا"],
    "BY": ["روسيا البيضاء"],
}
# Cities the GeoNames Arabic names miss or spell otherwise: name -> (name_en, country, admin1, lat, lon).
EXTRA_CITIES = {
    "واشنطن": ("Washington D.C.", "US", "District of Columbia", 38.89511, -77.03637),
    "مقديشو": ("Mogadishu", "SO", "Banaadir", 2.03711, 45.34375),
    "الخرطوم": ("Khartoum", "SD", "Khartoum", 15.55177, 32.53241),
    "طرابلس": ("Tripoli", "LY", "Tripoli", 32.88743, 13.18733),
    "الفلوجة": ("Fallujah", "IQ", "Anbar", 33.34913, 43.78599),
    "رانغون": ("Yangon", "MM", "Yangon", 16.80528, 96.15611),
    "يانغون": ("Yangon", "MM", "Yangon", 16.80528, 96.15611),
    "نور سلطان": ("Astana", "KZ", "Astana", 51.1801, 71.44598),
}


def countries() -> tuple[dict[str, dict], dict[str, str], dict[str, str]]:
    data = json.loads((GAZ / "mledoze_countries" / "countries.json").read_text(encoding="utf-8"))
    out, names, by_en = {}, {}, {}
    for c in data:
        iso2 = c["cca2"]
        lat, lon = (c.get("latlng") or [None, None])[:2]
        out[iso2] = {
            "name_en": c["name"]["common"],
            "iso3": c["cca3"],
            "iso_num": int(c["ccn3"]) if c.get("ccn3") else None,
            "lat": lat,
            "lon": lon,
            "subregion": c.get("subregion") or c.get("region") or "",
        }
        ar = c["translations"].get("ara", {})
        for n in (ar.get("common"), ar.get("official"), *EXTRA_COUNTRY_NAMES.get(iso2, [])):
            if n:
                names[n] = iso2
        by_en[c["name"]["common"].lower()] = iso2
    return out, names, by_en


def cities(known: dict[str, dict]) -> dict[str, dict]:
    admin1 = {}
    with (GAZ / "plaincities_geonames_ar" / "admin1_ar.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            admin1[row["admin1_code"]] = row["name_en"]
    out: dict[str, dict] = {}
    with (GAZ / "plaincities_geonames_ar" / "cities_ar.tsv").open(encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        for gid, name_ar, name_en, _ascii, cc, parent, fcode, lat, lon, pop in reader:
            if not name_ar or "،" in name_ar or cc not in known:
                continue
            if int(pop or 0) < MIN_POP and fcode != "PPLC":
                continue
            prev = out.get(name_ar)
            if prev and prev["population"] >= int(pop or 0):
                continue
            out[name_ar] = {
                "geonameid": int(gid),
                "name_en": name_en,
                "country": cc,
                "admin1": admin1.get(".".join(parent.split(".")[:2]), ""),
                "lat": float(lat),
                "lon": float(lon),
                "population": int(pop or 0),
                "capital": fcode == "PPLC",
            }
    for name, (en, cc, adm, lat, lon) in EXTRA_CITIES.items():
        out.setdefault(
            name,
            {
                "geonameid": None,
                "name_en": en,
                "country": cc,
                "admin1": adm,
                "lat": lat,
                "lon": lon,
                "population": 0,
                "capital": False,
            },
        )
    return out


def demonyms(by_en: dict[str, str]) -> dict[str, str]:
    data = json.loads(
        (GAZ / "arwikicats" / "nationalities" / "nationalities_data.json").read_text(encoding="utf-8")
    )
    out = {}
    for entry in data.values():
        iso2 = by_en.get(str(entry.get("en", "")).lower())
        if not iso2:
            continue
        for key in ("male", "female", "the_male", "the_female", "males"):
            if entry.get(key):
                out[entry[key]] = iso2
    return out


def main() -> None:
    known, names, by_en = countries()
    by_en.update({"united states": "US", "russia": "RU", "united kingdom": "GB"})
    data = {
        "_doc": "Built by scripts/build_event_places.py from mledoze/countries (ODbL), plaincities GeoNames "
        "Arabic names (CC BY 4.0) and arwikicats demonyms (MIT). The events component's fallback "
        "gazetteer when the entities layer is absent.",
        "countries": known,
        "country_names": names,
        "cities": cities(known),
        "demonyms": demonyms(by_en),
    }
    OUT.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{OUT}: {len(known)} countries, {len(data['cities'])} cities, {len(data['demonyms'])} demonyms")


if __name__ == "__main__":
    main()
