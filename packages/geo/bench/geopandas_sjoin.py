"""The GeoPandas side of bench/join.bench.ts: gpd.sjoin of random points on the sphere to the
177 Natural Earth countries (predicate='within'), one warm run. Debian's python:
    /usr/bin/python3 packages/geo/bench/geopandas_sjoin.py
"""
import time

import geopandas as gpd
import numpy as np
import shapely

countries = gpd.read_file("packages/geo/test/fixtures/naturalearth_lowres/naturalearth_lowres.shp")
rng = np.random.default_rng(1)
for n in (100_000, 1_000_000):
    lon = rng.uniform(-180, 180, n)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
    gpd.sjoin(points.iloc[:1000], countries, predicate="within")  # warm-up
    t = time.perf_counter()
    joined = gpd.sjoin(points, countries, predicate="within")
    print(f"geopandas {gpd.__version__} (shapely {shapely.__version__}): {n:,} points in {time.perf_counter() - t:.2f} s, {len(joined):,} matched")
