"""The differential harness' reference: GeoPandas 0.12 / Shapely 1.8 (GEOS 3.11) / pyproj answers for
@ds/geo's predicates, joins, overlay, dissolve and geodesic nearest, on data nobody chose.

Inputs (all written into the output, so the unit tests need no Python):
- `layers`: two layers of 90 random geometries each (numpy default_rng(20261207)) on a small
  integer grid, so that shared edges, touching corners, collinear lines and points on boundaries
  are common: points and multipoints (on grid nodes and half-nodes), lines and multilines (2-4
  grid vertices), rectangles (some with a rectangular hole), triangles, two-part multipolygons.
- `polygons`: two layers of 30 random polygons of the same kinds, for overlay and dissolve.
- `nearest.points`: 1,500 points uniform on the sphere, 300 polar (|lat| > 80°), 300 within 5° of
  the antimeridian, Majuro, Tarawa and Bridgetown, plus the poles themselves.
- The Natural Earth countries (test/fixtures) and a 10° grid over the world.

Answers:
- `sjoin`: for every predicate × how, the exact (index_left, index_right) pairs of gpd.sjoin
  (nulls for the unmatched rows of left/right joins); `dwithin` (not in GeoPandas 0.12's sjoin)
  by brute force over shapely's `distance <= 1.5`. Also countries × countries for intersects,
  touches and overlaps.
- `overlay`: for every how, the rows of gpd.overlay(keep_geom_type=True) as (ia, ib, area), and for
  countries × grid (union, intersection) the same; ia/ib are the input positions.
- `dissolve`: per group, the area and the number of polygons of gpd.dissolve's union.
- `nearest`: the geodesic distance (pyproj Geod, WGS 84) from each point to each country, by
  brute force: 0 inside (shapely, lon/lat), else the distance to every vertex, then to every edge
  that could be nearer (triangle inequality), densified (straight in lon/lat, as RFC 7946 and
  Shapely take an edge) finely enough that the sampled minimum is within 1e-7 of the true one;
  the nearest countries are those within 1e-7 (relative) + 1 mm of the best.

Regenerate with Debian's python (python3-geopandas, python3-shapely, python3-pyproj, python3-rtree):
    /usr/bin/python3 test/reference/gpd_differential.py > test/reference/differential.json
"""
import json
import math
import sys
import warnings

import geopandas as gpd
import numpy as np
import pyproj
import shapely
from shapely.geometry import (LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon,
                              box, mapping)

warnings.filterwarnings("ignore")
FIX = "test/fixtures/"
rng = np.random.default_rng(20261207)
geod = pyproj.Geod(ellps="WGS84")
GRID = 14
PREDICATES = ["intersects", "within", "contains", "touches", "crosses", "overlaps", "covers", "covered_by",
              "contains_properly"]
DWITHIN = 1.5


def coord():
    return float(rng.integers(0, GRID))


def half():
    return float(rng.integers(0, 2 * GRID)) / 2


def rect(min_size=1, max_size=5):
    x0, y0 = coord(), coord()
    return x0, y0, x0 + float(rng.integers(min_size, max_size + 1)), y0 + float(rng.integers(min_size, max_size + 1))


def line():
    pts = [(coord(), coord())]
    for _ in range(int(rng.integers(1, 4))):
        while True:
            p = (pts[-1][0] + float(rng.integers(-3, 4)), pts[-1][1] + float(rng.integers(-3, 4)))
            if p != pts[-1]:
                break
        pts.append(p)
    return LineString(pts)


def polygon():
    kind = rng.random()
    x0, y0, x1, y1 = rect()
    if kind < 0.2:
        return Polygon([(x0, y0), (x1, y0), (x0, y1)])
    if kind < 0.45 and x1 - x0 >= 3 and y1 - y0 >= 3:
        return Polygon(box(x0, y0, x1, y1).exterior.coords, [box(x0 + 1, y0 + 1, x1 - 1, y1 - 1).exterior.coords])
    return box(x0, y0, x1, y1)


def multipolygon():
    while True:
        a, b = box(*rect(1, 3)), box(*rect(1, 3))
        if a.distance(b) >= 1:
            return MultiPolygon([a, b])


def geometry(kinds):
    k = kinds[int(rng.integers(0, len(kinds)))]
    if k == "point":
        return Point(half(), half())
    if k == "multipoint":
        return MultiPoint([(half(), half()) for _ in range(int(rng.integers(2, 4)))])
    if k == "line":
        return line()
    if k == "multiline":
        return MultiLineString([line(), line()])
    if k == "polygon":
        return polygon()
    return multipolygon()


ALL = ["point", "point", "multipoint", "line", "line", "multiline", "polygon", "polygon", "polygon", "multipolygon"]


def layer(n, kinds):
    out = []
    while len(out) < n:
        g = geometry(kinds)
        if g.is_valid and not g.is_empty:
            out.append(g)
    return gpd.GeoDataFrame({"i": list(range(n))}, geometry=out, crs="EPSG:3857")


def num(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(v)


def pairs(j, how):
    if how == "right":
        return sorted([[num(a), int(b)] for a, b in zip(j["index_left"], j.index)], key=lambda p: (p[1], -1 if p[0] is None else p[0]))
    return sorted([[int(a), num(b)] for a, b in zip(j.index, j["index_right"])], key=lambda p: (p[0], -1 if p[1] is None else p[1]))


out = {"source": f"geopandas {gpd.__version__}, shapely {shapely.__version__} (GEOS {'.'.join(map(str, shapely.geos.geos_version))}), pyproj {pyproj.__version__}"}

# --- predicates and joins -------------------------------------------------------------------
left = layer(90, ALL)
right = layer(90, ALL)
out["layers"] = {"left": [mapping(g) for g in left.geometry], "right": [mapping(g) for g in right.geometry]}
def hows(inner, n_left, n_right):
    """The left and right joins' rows from the inner pairs, as sjoin builds them."""
    by_left = {i: [] for i in range(n_left)}
    by_right = {j: [] for j in range(n_right)}
    for i, j in inner:
        by_left[i].append(j)
        by_right[j].append(i)
    lj = [[i, j] for i in range(n_left) for j in (sorted(by_left[i]) or [None])]
    rj = [[i, j] for j in range(n_right) for i in (sorted(by_right[j]) or [None])]
    return lj, rj


sj = {}
for predicate in PREDICATES:
    if predicate == "covered_by":
        # GeoPandas 0.12's rtree path has no prepared covered_by (shapely 1.8): by definition,
        # a is covered by b when b covers a, asked of sjoin the other way round.
        j = gpd.sjoin(right[["geometry"]], left[["geometry"]], predicate="covers", how="inner")
        inner = sorted([[int(b), int(a)] for a, b in zip(j.index, j["index_right"])])
        lj, rj = hows(inner, len(left), len(right))
        sj["covered_by-inner"], sj["covered_by-left"], sj["covered_by-right"] = inner, lj, rj
        continue
    for how in ["inner", "left", "right"]:
        sj[f"{predicate}-{how}"] = pairs(gpd.sjoin(left[["geometry"]], right[["geometry"]], predicate=predicate, how=how), how)
sj["dwithin-inner"] = sorted([[i, j] for i, a in enumerate(left.geometry) for j, b in enumerate(right.geometry)
                              if a.distance(b) <= DWITHIN])
out["sjoin"] = sj
out["dwithinDistance"] = DWITHIN

countries = gpd.read_file(FIX + "naturalearth_lowres/naturalearth_lowres.shp")
cj = {}
for predicate in ["intersects", "touches", "overlaps"]:
    j = gpd.sjoin(countries[["geometry"]], countries[["geometry"]], predicate=predicate, how="inner")
    cj[predicate] = pairs(j, "inner")
out["countries"] = cj

# --- overlay and dissolve ------------------------------------------------------------------------
pa = layer(30, ["polygon", "polygon", "multipolygon"])
pb = layer(30, ["polygon", "polygon", "multipolygon"])
pa = pa.rename(columns={"i": "ia"})
pb = pb.rename(columns={"i": "ib"})
out["polygons"] = {"a": [mapping(g) for g in pa.geometry], "b": [mapping(g) for g in pb.geometry]}


def rows(o):
    ia = o["ia"] if "ia" in o else [None] * len(o)
    ib = o["ib"] if "ib" in o else [None] * len(o)
    return [[num(a), num(b), float(g.area), g.geom_type] for a, b, g in zip(ia, ib, o.geometry)]


ov = {}
for how in ["intersection", "union", "difference", "symmetric_difference", "identity"]:
    ov[how] = rows(gpd.overlay(pa, pb, how=how, keep_geom_type=True))
out["overlay"] = ov

grid = gpd.GeoDataFrame({"ib": list(range(36 * 18))},
                        geometry=[box(x, y, x + 10, y + 10) for x in range(-180, 180, 10) for y in range(-90, 90, 10)],
                        crs=countries.crs)
c = countries[["geometry"]].copy()
c["ia"] = list(range(len(c)))
out["countriesGrid"] = {how: rows(gpd.overlay(c, grid, how=how, keep_geom_type=True)) for how in ["intersection", "union"]}

pa["g"] = [i % 3 for i in range(len(pa))]
d = pa[["g", "geometry"]].dissolve(by="g")
out["dissolve"] = [{"g": int(k), "area": float(g.area), "parts": len(getattr(g, "geoms", [g])), "type": g.geom_type}
                   for k, g in zip(d.index, d.geometry)]

# --- geodesic nearest ----------------------------------------------------------------------------
def sphere(n):
    z = rng.uniform(-1, 1, n)
    return list(zip(rng.uniform(-180, 180, n), np.degrees(np.arcsin(z))))


pts = sphere(1500)
pts += list(zip(rng.uniform(-180, 180, 300), rng.choice([-1, 1], 300) * rng.uniform(80, 90, 300)))
pts += list(zip(rng.choice([-1, 1], 300) * rng.uniform(175, 180, 300), np.degrees(np.arcsin(rng.uniform(-1, 1, 300)))))
pts += [(171.38, 7.09), (172.98, 1.33), (-59.62, 13.1), (0.0, 90.0), (0.0, -90.0)]
pts = [(float(x), float(y)) for x, y in pts]

edges = []  # (country, ax, ay, bx, by)
verts = []  # (country, x, y)
for k, g in enumerate(countries.geometry):
    for p in getattr(g, "geoms", [g]):
        for ring in [p.exterior, *p.interiors]:
            cs = list(ring.coords)
            for (ax, ay), (bx, by) in zip(cs[:-1], cs[1:]):
                edges.append((k, ax, ay, bx, by))
                verts.append((k, ax, ay))
E = np.array(edges)
V = np.array(verts)
# Path length of each edge along its lon/lat-straight line (16 pieces, +1% margin): a bound on
# the distance from its start to any of its points.
t16 = np.linspace(0, 1, 17)
plen = np.zeros(len(E))
for a, b in zip(t16[:-1], t16[1:]):
    _, _, d = geod.inv(E[:, 1] + a * (E[:, 3] - E[:, 1]), E[:, 2] + a * (E[:, 4] - E[:, 2]),
                       E[:, 1] + b * (E[:, 3] - E[:, 1]), E[:, 2] + b * (E[:, 4] - E[:, 2]))
    plen += d
plen *= 1.01

nearest = []
for lon, lat in pts:
    inside = [k for k, g in enumerate(countries.geometry) if g.intersects(Point(lon, lat))]
    if inside:
        nearest.append({"distance": 0.0, "nearest": sorted(inside)})
        continue
    _, _, dv = geod.inv(np.full(len(E), lon), np.full(len(E), lat), E[:, 1], E[:, 2])
    _, _, dw = geod.inv(np.full(len(E), lon), np.full(len(E), lat), E[:, 3], E[:, 4])
    best = min(dv.min(), dw.min())
    cand = np.nonzero(np.minimum(dv, dw) - plen / 2 <= best)[0]
    per = {}
    for e in cand:
        k, ax, ay, bx, by = E[e]
        # Samples spaced at most 1e-3 of the distance apart: the sampled minimum is within
        # (spacing/2)^2 / (2 d) ~ 1.25e-7 d of the true one; then a finer pass around the best.
        n = int(min(20000, max(8, math.ceil(plen[e] / max(best * 1e-3, 1.0)))))
        t = np.linspace(0, 1, n + 1)
        _, _, d = geod.inv(np.full(n + 1, lon), np.full(n + 1, lat), ax + t * (bx - ax), ay + t * (by - ay))
        m = int(np.argmin(d))
        lo, hi = t[max(0, m - 1)], t[min(n, m + 1)]
        t2 = np.linspace(lo, hi, 2001)
        _, _, d2 = geod.inv(np.full(2001, lon), np.full(2001, lat), ax + t2 * (bx - ax), ay + t2 * (by - ay))
        v = float(min(d.min(), d2.min()))
        k = int(k)
        per[k] = min(per.get(k, math.inf), v)
    b = min(per.values())
    nearest.append({"distance": b, "nearest": sorted(k for k, v in per.items() if v <= b * (1 + 1e-7) + 1e-3)})
out["nearest"] = {"points": pts, "results": nearest}

json.dump(out, sys.stdout, separators=(",", ":"))
