"""Reference outputs for @ds/geo from GeoPandas (Debian python3-geopandas) on the fixtures.

Fixtures (copied from /work/shared/data/geo, see test/fixtures/README.md): Natural Earth 1:110m
countries and populated places, NYC boroughs (EPSG:2263). Random points come from numpy's
default_rng(20261129) and are written into the output, so the tests need no Python.
Regenerate with Debian's python (not the first python3 on PATH):
    /usr/bin/python3 test/reference/gpd_reference.py > test/reference/geopandas.json
"""
import json
import sys
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry import Point, box, mapping

warnings.filterwarnings("ignore")
FIX = "test/fixtures/"
SRC = f"geopandas {gpd.__version__}, shapely {shapely.__version__}, pyproj {pyproj.__version__}"
geod = pyproj.Geod(ellps="WGS84")

countries = gpd.read_file(FIX + "naturalearth_lowres/naturalearth_lowres.shp")
cities = gpd.read_file(FIX + "naturalearth_cities/naturalearth_cities.shp")
nybb = gpd.read_file("zip://" + FIX + "nybb_16a.zip")
rng = np.random.default_rng(20261129)


def num(v):
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return float(v)
    return v


def ncoords(g):
    polys = list(g.geoms) if g.geom_type == "MultiPolygon" else [g]
    return sum(len(p.exterior.coords) + sum(len(r.coords) for r in p.interiors) for p in polys)


def geodesic_area(g):
    return abs(geod.geometry_area_perimeter(g)[0])


out = {"source": SRC}

# Reading
out["read"] = {
    "countries": {
        "crs": countries.crs.to_string(), "count": len(countries),
        "columns": [c for c in countries.columns if c != "geometry"],
        "bounds": [float(b) for b in countries.total_bounds],
        "first": {k: num(v) for k, v in countries.drop(columns="geometry").iloc[0].items()},
        "geomTypes": countries.geom_type.tolist(),
        "vertexCounts": [ncoords(g) for g in countries.geometry],
    },
    "cities": {"crs": cities.crs.to_string(), "count": len(cities), "bounds": [float(b) for b in cities.total_bounds]},
    "nybb": {
        "crs": nybb.crs.to_string(), "count": len(nybb),
        "rows": [{k: num(v) for k, v in r.items()} for r in nybb.drop(columns="geometry").to_dict("records")],
        "bounds": [float(b) for b in nybb.total_bounds],
    },
}

# Measures: planar in EPSG:2263 (US survey feet), geodesic on WGS84 (pyproj.Geod, Karney)
nybb_wgs = nybb.to_crs("EPSG:4326")
out["measure"] = {
    "nybbPlanarArea": nybb.area.tolist(),
    "nybbPlanarLength": nybb.length.tolist(),
    "nybbGeodesicArea": [geodesic_area(g) for g in nybb_wgs.geometry],
    "countriesGeodesicArea": [geodesic_area(g) for g in countries.geometry],
    # Every ring, holes included (Shapely's .length); geometry_area_perimeter counts shells only.
    "countriesGeodesicPerimeter": [geod.geometry_length(g.boundary) for g in countries.geometry],
}

# Reprojection
cities_utm = cities.to_crs("EPSG:32633")
cities_merc = cities.to_crs("EPSG:3857")
out["toCrs"] = {
    "nybbTo4326Bounds": [list(map(float, b)) for b in nybb_wgs.bounds.values],
    "nybbTo4326TotalBounds": [float(b) for b in nybb_wgs.total_bounds],
    "citiesTo3857": [[float(p.x), float(p.y)] for p in cities_merc.geometry],
    # UTM 33N is only meaningful near its central meridian (15°E): cities within 3°–27°E.
    "citiesTo32633": [[i, float(p.x), float(p.y)] for i, (p, q) in enumerate(zip(cities_utm.geometry, cities.geometry)) if 3 <= q.x <= 27],
}

# Spatial joins: cities and random points against countries
lon = rng.uniform(-180, 180, 3000).round(6)
lat = np.degrees(np.arcsin(rng.uniform(-1, 1, 3000))).round(6)
pts = gpd.GeoDataFrame({"pid": np.arange(3000)}, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def pairs(df, how):
    il = df.index if how != "right" else df["index_left"]
    ir = df["index_right"] if how != "right" else df.index
    return [[num(a), num(b)] for a, b in zip(il, ir)]


joins = []
for left_name, left in (("cities", cities), ("points", pts)):
    for predicate in ("intersects", "within"):
        for how in ("inner", "left", "right"):
            j = gpd.sjoin(left, countries, predicate=predicate, how=how)
            joins.append({"id": f"{left_name}-{predicate}-{how}", "left": left_name, "right": "countries",
                          "predicate": predicate, "how": how, "count": len(j),
                          "columns": [c for c in j.columns if c != "geometry"], "pairs": pairs(j, how)})
for how in ("inner", "left"):
    j = gpd.sjoin(countries, cities, predicate="contains", how=how)
    joins.append({"id": f"countries-contains-cities-{how}", "left": "countries", "right": "cities", "predicate": "contains",
                  "how": how, "count": len(j), "columns": [c for c in j.columns if c != "geometry"], "pairs": pairs(j, how)})
# Boroughs with themselves: touching polygons intersect; suffixes on clashing names.
j = gpd.sjoin(nybb, nybb, predicate="intersects", how="inner")
joins.append({"id": "nybb-self-intersects", "left": "nybb", "right": "nybb", "predicate": "intersects", "how": "inner",
              "count": len(j), "columns": [c for c in j.columns if c != "geometry"], "pairs": pairs(j, "inner")})
# Polygons against polygons: countries and their continents (dissolved by Shapely).
continents = countries.dissolve(by="continent")[["geometry"]].reset_index()
for left_name, right_name, left, right, predicate in (
    ("countries", "continents", countries[["name", "continent", "geometry"]], continents, "intersects"),
    ("continents", "countries", continents, countries[["name", "continent", "geometry"]], "contains"),
):
    j = gpd.sjoin(left, right, predicate=predicate, how="inner")
    joins.append({"id": f"{left_name}-{predicate}-{right_name}", "left": left_name, "right": right_name, "predicate": predicate,
                  "how": "inner", "count": len(j), "columns": [c for c in j.columns if c != "geometry"], "pairs": pairs(j, "inner")})
out["points"] = {"lon": lon.tolist(), "lat": lat.tolist()}
out["spatialJoin"] = joins

# Nearest join, planar in EPSG:2263: random points around the boroughs
x0, y0, x1, y1 = nybb.total_bounds
nx = rng.uniform(x0 - 20000, x1 + 20000, 400).round(2)
ny = rng.uniform(y0 - 20000, y1 + 20000, 400).round(2)
npts = gpd.GeoDataFrame({"pid": np.arange(400)}, geometry=gpd.points_from_xy(nx, ny), crs="EPSG:2263")
near = []
# sjoin_nearest needs shapely 2 or pygeos, which Debian's geopandas 0.12.2 lacks: the same rule
# (every nearest borough, ties kept, within max_distance) by shapely's distance over all pairs.
dist = np.array([[p.distance(g) for g in nybb.geometry] for p in npts.geometry])
for maxd in (None, 5000.0):
    rows = []
    for i in range(len(npts)):
        m = dist[i].min()
        if maxd is not None and m > maxd:
            continue
        rows += [[i, int(r), float(dist[i, r])] for r in np.flatnonzero(dist[i] == m)]
    near.append({"id": f"nybb-nearest-max{maxd}", "maxDistance": maxd, "count": len(rows), "rows": rows})
out["nearestPlanar"] = {"x": nx.tolist(), "y": ny.tolist(), "joins": near}

# Nearest city, geodesic on WGS84: brute force with pyproj.Geod.inv over all cities
qlon = rng.uniform(-180, 180, 200).round(5)
qlat = rng.uniform(-60, 70, 200).round(5)
clon = np.array([p.x for p in cities.geometry])
clat = np.array([p.y for p in cities.geometry])
rows = []
for i in range(200):
    _, _, d = geod.inv(np.full(len(clon), qlon[i]), np.full(len(clon), qlat[i]), clon, clat)
    k = int(np.argmin(d))
    rows.append([i, k, float(d[k])])
out["nearestGeodesic"] = {"lon": qlon.tolist(), "lat": qlat.tolist(), "rows": rows,
                          "source": f"pyproj {pyproj.__version__} Geod(ellps='WGS84').inv, argmin over all cities"}

# Dissolve
countries["large"] = countries["pop_est"] > 5e7
d1 = countries.dissolve(by="continent", aggfunc={"pop_est": "sum", "gdp_md_est": "max", "name": "count"})
d2 = countries.dissolve(by=["continent", "large"], aggfunc={"pop_est": "mean", "iso_a3": "first"})
out["dissolve"] = {
    "byContinent": {
        "keys": d1.index.tolist(),
        "pop_est_sum": d1["pop_est"].tolist(), "gdp_md_est_max": [int(v) for v in d1["gdp_md_est"]],
        "name_count": [int(v) for v in d1["name"]],
        "geodesicArea": [geodesic_area(g) for g in d1.geometry],
    },
    "byContinentLarge": {
        "keys": [[a, bool(b)] for a, b in d2.index.tolist()],
        "pop_est_mean": d2["pop_est"].tolist(), "iso_a3_first": d2["iso_a3"].tolist(),
    },
}

# Overlay and clip, planar in EPSG:2263
zones = gpd.GeoDataFrame({"zone": ["west", "east"]}, geometry=[box(970000, 180000, 1010000, 230000),
                                                              box(1000000, 150000, 1050000, 200000)], crs="EPSG:2263")
# The boroughs simplified (Douglas-Peucker, 100 ft, topology kept) so the overlay tests run in
# seconds; written as a fixture beside this output.
simple = nybb[["BoroName", "geometry"]].copy()
simple["geometry"] = simple.geometry.simplify(100, preserve_topology=True)
with open(FIX + "nybb_simplified.geojson", "w") as f:
    f.write(simple.to_json(drop_id=True))
ov = []
for how in ("intersection", "union", "difference", "symmetric_difference", "identity"):
    o = gpd.overlay(simple, zones, how=how, keep_geom_type=True)
    ov.append({"how": how, "count": len(o), "totalArea": float(o.area.sum()),
               "rows": sorted([[num(r.get("BoroName")), num(r.get("zone")), float(r.geometry.area)] for _, r in o.iterrows()],
                              key=lambda r: (str(r[0]), str(r[1])))})
clipped = gpd.clip(nybb, box(975000, 180000, 1010000, 240000))
out["overlay"] = {"zones": [list(map(float, g.bounds)) for g in zones.geometry], "results": ov,
                  "clip": {"box": [975000, 180000, 1010000, 240000], "rows": [[r.BoroName, float(r.geometry.area)] for r in clipped.itertuples()]}}

json.dump(out, sys.stdout, indent=None, separators=(",", ":"), allow_nan=False)
