"""Build the dashboard's offline world map from the world-atlas TopoJSON (run at build time).

    python scripts/build_world_map.py [../shared/data/maps/world-atlas/countries-110m.json]

Writes ``src/rasd/web/static/world-110m.geojson``: the country outlines as a GeoJSON
FeatureCollection (RFC 7946, longitude/latitude, 3 decimals), each feature with the ISO
3166-1 numeric ``id`` and the English ``name``, decoded from the TopoJSON arcs; the map page
draws it with Leaflet as its only base layer (no tiles). Antarctica is left out. The source's
licence and provenance are copied beside it (``world-atlas-LICENSE.txt``,
``world-atlas-PROVENANCE.md``).
"""

from __future__ import annotations

import json
import shutil
import sys
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "maps" / "world-atlas" / "countries-110m.json"
OUT = ROOT / "src" / "rasd" / "web" / "static"
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


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) drawn in one piece on a flat
    map: the points on the smaller side move by 360 degrees (lon 190 instead of -170), else the
    ring is drawn as a band across the whole map."""
    if not any(abs(a[0] - b[0]) > 180 for a, b in pairwise(points)):
        return points
    east = sum(1 for lon, _ in points if lon >= 0) >= len(points) / 2
    return [(lon + 360 if east and lon < 0 else lon - 360 if not east and lon > 0 else lon, lat)
            for lon, lat in points]


def ring_coords(points: list[tuple[float, float]]) -> list[list[float]]:
    """A closed ring of ``[lon, lat]`` rounded to 3 decimals, repeated points left out."""
    out: list[list[float]] = []
    for lon, lat in unwrap(points):
        pt = [round(lon, 3), round(lat, 3)]
        if not out or pt != out[-1]:
            out.append(pt)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def main(source: Path = SOURCE) -> None:
    topo = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("id") in SKIP or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        coords = [[ring_coords(ring_points(ring, arcs)) for ring in polygon] for polygon in polygons]
        features.append({"type": "Feature", "id": geom.get("id"),
                         "properties": {"name": geom["properties"]["name"]},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    out = {"type": "FeatureCollection", "features": features}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "world-110m.geojson").write_text(json.dumps(out, separators=(",", ":")), encoding="utf-8")
    shutil.copy(source.parent / "LICENSE", OUT / "world-atlas-LICENSE.txt")
    shutil.copy(source.parent / "PROVENANCE.md", OUT / "world-atlas-PROVENANCE.md")
    print(f"{len(features)} countries -> {OUT / 'world-110m.geojson'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
