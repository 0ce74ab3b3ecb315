"""Reference for readFlatGeobuf: the GDAL-written FlatGeobuf fixtures as GeoPandas (Fiona on GDAL)
reads them, feature by feature.

    cd packages/geo/test/fixtures/flatgeobuf
    ogr2ogr -f FlatGeobuf -nlt PROMOTE_TO_MULTI naturalearth_lowres.fgb ../naturalearth_lowres/naturalearth_lowres.shp
    ogr2ogr -f FlatGeobuf naturalearth_cities.fgb ../naturalearth_cities/naturalearth_cities.shp
    /usr/bin/python3 packages/geo/test/reference/flatgeobuf_read.py > packages/geo/test/reference/flatgeobuf-read.json

(GDAL 3.6.2, Debian gdal-bin; GeoPandas 0.12.2, Fiona 1.9.) GDAL writes the features in the
Hilbert order of its spatial index; the order here is the file's.
"""
import json
import os
import sys

import fiona
import geopandas
from shapely.geometry import mapping

here = os.path.join(os.path.dirname(__file__), '..', 'fixtures', 'flatgeobuf')


def lists(c):
    return [lists(x) for x in c] if isinstance(c, (list, tuple)) else c


out = {'source': f'GeoPandas {geopandas.__version__} / Fiona {fiona.__version__} / GDAL {fiona.__gdal_version__} reading the ogr2ogr-written files; script flatgeobuf_read.py', 'files': {}}
for name in ['naturalearth_lowres', 'naturalearth_cities']:
    df = geopandas.read_file(os.path.join(here, f'{name}.fgb'))
    features = []
    for _, row in df.iterrows():
        g = mapping(row.geometry)
        props = {k: (None if v is None or v != v else (int(v) if hasattr(v, 'is_integer') and type(v).__name__.startswith('int') else v)) for k, v in row.items() if k != 'geometry'}
        features.append({'properties': json.loads(json.dumps(props, default=lambda v: v.item())), 'geometry': {'type': g['type'], 'coordinates': lists(g['coordinates'])}})
    out['files'][name] = {'crs': df.crs.to_string(), 'columns': [c for c in df.columns if c != 'geometry'], 'features': features}
json.dump(out, sys.stdout)
