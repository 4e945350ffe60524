"""Build the dashboard's offline world map from the world-atlas TopoJSON (run at build time).

    python scripts/build_world_map.py [../shared/data/maps/world-atlas/countries-110m.json]

Writes ``src/rasd/web/static/world-110m.json``: country outlines as SVG path
strings in an equirectangular projection (x = (lon + 180) * W / 360,
y = (90 - lat) * H / 180), with the ISO 3166-1 numeric id and English name of
each country. Antarctica is left out. The source's licence and provenance
are copied beside it (``world-atlas-LICENSE.txt``, ``world-atlas-PROVENANCE.md``).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "maps" / "world-atlas" / "countries-110m.json"
OUT = ROOT / "src" / "rasd" / "web" / "static"
WIDTH, HEIGHT = 1000, 500
SKIP = {"010"}  # Antarctica


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) * WIDTH / 360, (90 - lat) * HEIGHT / 180


def ring_path(points: list[tuple[float, float]]) -> str:
    parts = []
    last = None
    for lon, lat in points:
        x, y = project(lon, lat)
        cmd = "M" if last is None or abs(x - last[0]) > WIDTH / 2 else "L"
        if (
            last is not None
            and cmd == "L"
            and round(x, 1) == round(last[0], 1)
            and round(y, 1) == round(last[1], 1)
        ):
            continue
        parts.append(f"{cmd}{x:.1f},{y:.1f}")
        last = (x, y)
    return "".join(parts) + "Z"


def main(source: Path = SOURCE) -> None:
    topo = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("id") in SKIP or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        d = "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)
        countries.append({"id": geom.get("id"), "name": geom["properties"]["name"], "d": d})
    out = {
        "source": "world-atlas 2.0.2 countries-110m (Natural Earth)",
        "projection": "equirectangular",
        "width": WIDTH,
        "height": HEIGHT,
        "countries": countries,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "world-110m.json").write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
    shutil.copy(source.parent / "LICENSE", OUT / "world-atlas-LICENSE.txt")
    shutil.copy(source.parent / "PROVENANCE.md", OUT / "world-atlas-PROVENANCE.md")
    print(f"{len(countries)} countries -> {OUT / 'world-110m.json'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
