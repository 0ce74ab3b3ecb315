"""The GeoPandas side of bench/engine.bench.ts, run by it in the same benchmark run (Debian's python,
python3-geopandas + python3-rtree): each workload once to warm up, then the best of three timed
runs, wall clock and CPU time of this process; prints JSON.
    /usr/bin/python3 packages/geo/bench/geopandas_engine.py
"""
import json
import resource
import time
import warnings

import geopandas as gpd
import numpy as np
from shapely.geometry import box

warnings.filterwarnings("ignore")
countries = gpd.read_file("packages/geo/test/fixtures/naturalearth_lowres/naturalearth_lowres.shp")
grid = gpd.GeoDataFrame({"cell": list(range(36 * 18))},
                        geometry=[box(x, y, x + 10, y + 10) for x in range(-180, 180, 10) for y in range(-90, 90, 10)],
                        crs=countries.crs)
europe = box(-25, 34, 45, 72)
rng = np.random.default_rng(1)


def points(n):
    lon = rng.uniform(-180, 180, n)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    return gpd.GeoDataFrame({"pid": np.arange(n)}, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def timed(fn, runs=3):
    """[best wall seconds, rows, best CPU seconds] of `runs` timed runs after one to warm up."""
    r = fn()
    wall = cpu = float("inf")
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        r = fn()
        wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
    return wall, len(r), cpu


out = {"version": gpd.__version__}
out["overlay-union"] = timed(lambda: gpd.overlay(countries, grid, how="union", keep_geom_type=True))
out["overlay-intersection"] = timed(lambda: gpd.overlay(countries, grid, how="intersection", keep_geom_type=True))
out["dissolve-continent"] = timed(lambda: countries.dissolve(by="continent"))
out["clip-box"] = timed(lambda: gpd.clip(countries, (-25, 34, 45, 72)))
out["clip-polygon"] = timed(lambda: gpd.clip(countries, gpd.GeoDataFrame(geometry=[europe.buffer(-1)], crs=countries.crs)))
p200k, p1m = points(200_000), points(1_000_000)
out["sjoin-200k"] = timed(lambda: gpd.sjoin(p200k, countries, predicate="within"))
out["sjoin-1m"] = timed(lambda: gpd.sjoin(p1m, countries, predicate="within"))
out["maxRssMB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
