"""The GeoPandas side of bench/formats.mjs: FlatGeobuf through Fiona/GDAL (GeoPandas 0.12 on
Debian has no pyarrow, so no GeoParquet). One operation per process: one warm-up, one timed run,
then the peak RSS. Arguments: op (write | read | bbox), format, data (points | countries), work
directory, number of points.
"""
import json
import os
import resource
import sys
import time

import geopandas as gpd

op, fmt, data, work, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
here = os.path.dirname(os.path.abspath(__file__))
if fmt != 'flatgeobuf':
    raise SystemExit('GeoParquet needs pyarrow, which Debian does not package')
ours = os.path.join(work, f'{data}.fgb')
theirs = os.path.join(work, f'{data}-geopandas.fgb')


def points():
    # the same seeded LCG as formats.mjs, so the same points
    s = 17
    ids, values, xs, ys = [], [], [], []
    for i in range(n):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        v = s / 4294967296
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        x = -180 + 360 * (s / 4294967296)
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        y = -90 + 180 * (s / 4294967296)
        ids.append(i); values.append(v); xs.append(x); ys.append(y)
    return gpd.GeoDataFrame({'id': ids, 'value': values}, geometry=gpd.points_from_xy(xs, ys), crs='EPSG:4326')


if op == 'write':
    frame = points() if data == 'points' else gpd.read_file(os.path.join(here, '../test/fixtures/naturalearth_lowres/naturalearth_lowres.shp'))
    run = lambda: frame.to_file(theirs, driver='FlatGeobuf')
elif op == 'read':
    run = lambda: gpd.read_file(ours)
else:
    run = lambda: gpd.read_file(ours, bbox=(0, 0, 36, 18))
run()
t = time.perf_counter()
out = run()
seconds = time.perf_counter() - t
print(json.dumps({'seconds': seconds, 'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 'rows': None if out is None else len(out)}))
