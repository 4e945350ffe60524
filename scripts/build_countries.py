"""Build src/rasd/data/countries.json: what rasd knows about each country.

For every country (mledoze/countries, ODbL): English name, ISO 3166 alpha-3 and numeric
codes (ACLED's ``iso`` column is the numeric code), UN subregion (ACLED regions are
derived from it), a representative point, and the GeoNames id of its capital
(plaincities GeoNames Arabic names, CC BY 4.0; feature code PPLC) as a knowledge-base id
``gn:<id>``, so that a capital named for its government (``واشنطن``, ``موسكو``) is known.
The file is owned by ``rasd.entities`` (``rasd.entities.countries`` reads it).

Run from the project root: ``python scripts/build_countries.py``; it reads
``../shared/data/gazetteer`` (or $RASD_SHARED_DATA/gazetteer).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.metrics import shared_data  # noqa: E402

OUT = ROOT / "src" / "rasd" / "data" / "countries.json"
# Capitals whose GeoNames record is not coded PPLC in the Arabic city list.
EXTRA_CAPITALS = {"US": 4140963, "KZ": 1526273}


def countries(gaz: Path) -> dict[str, dict[str, object]]:
    data = json.loads((gaz / "mledoze_countries" / "countries.json").read_text(encoding="utf-8"))
    out: dict[str, dict[str, object]] = {}
    for c in data:
        lat, lon = (c.get("latlng") or [None, None])[:2]
        out[c["cca2"]] = {
            "name_en": c["name"]["common"],
            "iso3": c["cca3"],
            "iso_num": int(c["ccn3"]) if c.get("ccn3") else None,
            "lat": lat,
            "lon": lon,
            "subregion": c.get("subregion") or c.get("region") or "",
            "capital": None,
        }
    return out


def capitals(gaz: Path, known: dict[str, dict[str, object]]) -> None:
    with (gaz / "plaincities_geonames_ar" / "cities_ar.tsv").open(encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        for gid, _ar, _en, _ascii, cc, _parent, fcode, *_rest in reader:
            if fcode == "PPLC" and cc in known:
                known[cc]["capital"] = f"gn:{gid}"
    for cc, gid in EXTRA_CAPITALS.items():
        known[cc]["capital"] = f"gn:{gid}"


def main() -> int:
    gaz = shared_data() / "gazetteer"
    if not gaz.is_dir():
        print(f"gazetteer not found at {gaz} (set RASD_SHARED_DATA): nothing built")
        return 0
    known = countries(gaz)
    capitals(gaz, known)
    data = {
        "_owner": "rasd.entities",
        "_schema": {"countries": "object"},
        "_doc": "Built by scripts/build_countries.py from mledoze/countries (ODbL) and the plaincities "
                "GeoNames Arabic names (CC BY 4.0): per ISO 3166 alpha-2 code, the English name, "
                "alpha-3 and numeric codes, UN subregion, a representative point and the capital's "
                "knowledge-base id.",
        "countries": known,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(known)} countries, {sum(1 for c in known.values() if c['capital'])} capitals")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
