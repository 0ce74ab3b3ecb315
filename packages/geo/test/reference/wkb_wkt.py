"""Reference vectors for toWkb/fromWkb and toWkt/fromWkt, written by GEOS through Shapely.

Run with Debian's Python (python3-shapely 1.8.5, GEOS 3.11.1):
    /usr/bin/python3 packages/geo/test/reference/wkb_wkt.py > packages/geo/test/reference/wkb-wkt.json

Random geometries (seeded) of every type, 2D and 3D, some with holes and empty parts; for each the
GeoJSON coordinates (shapely.geometry.mapping), GEOS' WKB as hex (little and big endian, and
EWKB with SRID 4326 through shapely.wkb.dumps(srid=...)), and GEOS' WKT (trim=True, rounding
off, so the numbers are exact).
"""
import json
import random
import sys

import shapely
from shapely import wkb, wkt
from shapely.geometry import (GeometryCollection, LineString, MultiLineString, MultiPoint,
                              MultiPolygon, Point, Polygon, mapping)

rng = random.Random(17)


def num():
    # A mix of integers, short decimals and full doubles.
    k = rng.random()
    if k < 0.3:
        return float(rng.randint(-180, 180))
    if k < 0.6:
        return round(rng.uniform(-180, 180), 3)
    return rng.uniform(-1e6, 1e6)


def pos(dim):
    return tuple(num() for _ in range(dim))


def ring(dim, n):
    pts = [pos(dim) for _ in range(n)]
    return pts + [pts[0]]


def geom(kind, dim):
    if kind == 'Point':
        return Point(pos(dim))
    if kind == 'LineString':
        return LineString([pos(dim) for _ in range(rng.randint(2, 6))])
    if kind == 'Polygon':
        holes = [ring(dim, 3) for _ in range(rng.randint(0, 2))]
        return Polygon(ring(dim, rng.randint(3, 6)), holes)
    if kind == 'MultiPoint':
        return MultiPoint([pos(dim) for _ in range(rng.randint(1, 4))])
    if kind == 'MultiLineString':
        return MultiLineString([[pos(dim) for _ in range(rng.randint(2, 4))] for _ in range(rng.randint(1, 3))])
    if kind == 'MultiPolygon':
        return MultiPolygon([Polygon(ring(dim, 3), [ring(dim, 3)] if rng.random() < 0.5 else []) for _ in range(rng.randint(1, 3))])
    return GeometryCollection([geom(rng.choice(KINDS[:-1]), dim) for _ in range(rng.randint(1, 3))])


KINDS = ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection']


def coords(m):
    m = dict(m)
    if m['type'] == 'GeometryCollection':
        return {'type': m['type'], 'geometries': [coords(g) for g in m['geometries']]}
    def lists(c):
        return [lists(x) for x in c] if isinstance(c, (list, tuple)) and c and isinstance(c[0], (list, tuple)) else list(c)
    return {'type': m['type'], 'coordinates': lists(m['coordinates'])}


vectors = []
for i in range(140):
    kind = KINDS[i % len(KINDS)]
    dim = 3 if (i // len(KINDS)) % 3 == 2 else 2
    g = geom(kind, dim)
    vectors.append({
        'id': f'{kind}-{dim}d-{i}',
        'geometry': coords(mapping(g)),
        'wkbLittle': wkb.dumps(g, hex=True, big_endian=False),
        'wkbBig': wkb.dumps(g, hex=True, big_endian=True),
        'ewkb4326': wkb.dumps(g, hex=True, srid=4326, big_endian=False),
        'wkt': wkt.dumps(g, trim=True, rounding_precision=-1),
    })

for text in ['POINT EMPTY', 'LINESTRING EMPTY', 'POLYGON EMPTY', 'MULTIPOINT EMPTY',
             'MULTILINESTRING EMPTY', 'MULTIPOLYGON EMPTY', 'GEOMETRYCOLLECTION EMPTY']:
    g = wkt.loads(text)
    vectors.append({'id': text, 'empty': True, 'type': g.geom_type, 'wkbLittle': wkb.dumps(g, hex=True), 'wkt': text})

json.dump({
    'source': f'Shapely {shapely.__version__} on GEOS {".".join(map(str, shapely.geos.geos_version))}: wkb.dumps, wkt.dumps(trim=True, rounding_precision=-1); script wkb_wkt.py',
    'vectors': vectors,
}, sys.stdout, indent=1)
