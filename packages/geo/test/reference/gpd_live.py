"""The live side of test/differential.system.test.ts: reads a JSON job on stdin, answers with
GeoPandas 0.12 / Shapely 1.8 / pyproj on stdout (Debian's python3-geopandas, -shapely, -pyproj,
-rtree). The job: two layers of geometries (`left`, `right`) for gpd.sjoin with every predicate;
two polygon layers (`a`, `b`) for gpd.overlay with every how; `ours`, @ds/geo's overlay output,
to be checked by Shapely's is_valid; `points` for a brute-force geodesic nearest (pyproj.Geod)
to `targets` (polygons in lon/lat).
"""
import json
import math
import sys
import warnings

import geopandas as gpd
import numpy as np
import pyproj
from shapely.geometry import Point, shape

warnings.filterwarnings("ignore")
job = json.load(sys.stdin)
geod = pyproj.Geod(ellps="WGS84")


def frame(geoms, key):
    return gpd.GeoDataFrame({key: list(range(len(geoms)))}, geometry=[shape(g) for g in geoms], crs="EPSG:3857")


out = {}
left, right = frame(job["left"], "l"), frame(job["right"], "r")
sj = {}
for predicate in ["intersects", "within", "contains", "touches", "crosses", "overlaps", "covers", "contains_properly"]:
    j = gpd.sjoin(left[["geometry"]], right[["geometry"]], predicate=predicate, how="inner")
    sj[predicate] = sorted([[int(a), int(b)] for a, b in zip(j.index, j["index_right"])])
j = gpd.sjoin(right[["geometry"]], left[["geometry"]], predicate="covers", how="inner")
sj["covered_by"] = sorted([[int(b), int(a)] for a, b in zip(j.index, j["index_right"])])
out["sjoin"] = sj

a, b = frame(job["a"], "ia"), frame(job["b"], "ib")
ov = {}
for how in ["intersection", "union", "difference", "symmetric_difference", "identity"]:
    o = gpd.overlay(a, b, how=how, keep_geom_type=True)
    ia = o["ia"] if "ia" in o else [None] * len(o)
    ib = o["ib"] if "ib" in o else [None] * len(o)
    ov[how] = [[None if x is None or (isinstance(x, float) and math.isnan(x)) else int(x),
                None if y is None or (isinstance(y, float) and math.isnan(y)) else int(y), float(g.area)]
               for x, y, g in zip(ia, ib, o.geometry)]
out["overlay"] = ov
out["valid"] = {how: [bool(shape(g).is_valid) for g in gs] for how, gs in job["ours"].items()}

targets = [shape(g) for g in job["targets"]]
near = []
for lon, lat in job["points"]:
    inside = [k for k, t in enumerate(targets) if t.intersects(Point(lon, lat))]
    if inside:
        near.append([0.0, inside])
        continue
    per = []
    for t in targets:
        best = math.inf
        for p in getattr(t, "geoms", [t]):
            for ring in [p.exterior, *p.interiors]:
                cs = np.array(ring.coords)
                for (ax, ay), (bx, by) in zip(cs[:-1], cs[1:]):
                    tt = np.linspace(0, 1, 4001)
                    _, _, d = geod.inv(np.full(4001, lon), np.full(4001, lat), ax + tt * (bx - ax), ay + tt * (by - ay))
                    best = min(best, float(d.min()))
        per.append(best)
    m = min(per)
    near.append([m, [k for k, v in enumerate(per) if v <= m * (1 + 1e-6) + 1e-3]])
out["nearest"] = near
json.dump(out, sys.stdout)
