import { checkNumber } from './check.js';
import { isGeographic, normaliseCrs, toCrs } from './crs.js';
import { unionAll } from './dissolve.js';
import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry, Position } from './geojson.js';
import { checkCollection, checkGeometries, checkOptions } from './geometry/check.js';
import { destroy, toGeos } from './geometry/convert.js';
import { type Engine, geos } from './geometry/engine.js';
import { result, take } from './geometry/operations.js';
import { geometryBbox, mapPositions } from './geometry/positions.js';
import { splitAntimeridian } from './topojson.js';

/** Options of {@link buffer}. */
export interface BufferOptions {
  /** Segments per quarter circle (default 8, as GeoPandas' `resolution` / GEOS' quadrant segments). */
  steps?: number;
}

/** The largest buffer distance, in metres (10,000 km). */
const MAX_BUFFER_METRES = 1e7;

/**
 * Buffers every feature by a distance in metres, whatever the CRS: each part of a feature (each
 * point of a MultiPoint, each polygon of a MultiPolygon) is projected to an azimuthal
 * equidistant projection centred on its bounding box (distances from the centre exact, nearby
 * ones within a fraction of a percent; a part spanning thousands of km is buffered less
 * exactly far from its centre), buffered there by GEOS (round joins and
 * caps, `steps` segments a quarter circle, as Shapely's `buffer(d, resolution)`), and projected
 * back (split at the antimeridian when a buffer crosses it; the parts' buffers unioned) to the
 * collection's CRS. A negative distance shrinks polygons (a polygon that vanishes
 * gets a null geometry). The output polygons are valid. Needs the engine
 * ({@link startGeometryEngine}).
 *
 * @throws {GeoError} `out-of-range` for a distance that is not finite or steps not a whole number
 *   ≥ 1; `engine-not-started` before `startGeometryEngine`
 *
 * @example
 * import { area, buffer, startGeometryEngine } from '@ds/geo';
 * await startGeometryEngine();
 * const tree = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [-73.97, 40.78] } }] };
 * const zone = buffer(tree, 100, { steps: 64 });
 * // π · 100² = 31,416 m²; the inscribed 256-gon has 31,413.
 * Math.round(area(zone.features[0])); // => 31413
 */
export function buffer(collection: GeoCollection, metres: number, options: BufferOptions = {}): GeoCollection {
  checkCollection(collection, 'collection');
  checkOptions(options, 'options');
  // Each part is buffered in an azimuthal equidistant projection centred on it, which holds
  // distances up to a quarter of the Earth's circumference: 10,000 km is the cap.
  if (typeof metres !== 'number')
    throw new GeoError('invalid-type', 'metres', metres, 'a finite distance in metres (a number, not a string)');
  checkNumber('metres', metres, { min: -MAX_BUFFER_METRES, max: MAX_BUFFER_METRES });
  const steps = options.steps ?? 8;
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > 1000)
    throw new GeoError('out-of-range', 'steps', steps, 'a whole number of segments per quarter circle in [1, 1000]');
  checkGeometries(collection, 'collection');
  const e = geos('buffer');
  const crs = normaliseCrs(collection.crs);
  const wgs = isGeographic(crs) ? collection : toCrs(collection, 'EPSG:4326');
  const features: Feature[] = wgs.features.map((f, i) => {
    const { bbox: _drop, ...rest } = f;
    if (f.geometry === null) return { ...rest };
    const at = `collection.features[${i}].geometry`;
    const pieces = partsOf(f.geometry)
      .map((part) => bufferPart(e, part, metres, steps, at))
      .filter((g): g is Geometry => g !== null);
    if (pieces.length === 0) return { ...rest, geometry: null };
    return {
      ...rest,
      geometry:
        pieces.length === 1
          ? (pieces[0] as Geometry)
          : unionAll(
              e,
              pieces,
              pieces.map(() => at),
            ),
    };
  });
  const out: GeoCollection = { type: 'FeatureCollection', features, crs: 'EPSG:4326' };
  return isGeographic(crs) ? { ...out, crs } : toCrs(out, crs);
}

/** The single parts of a geometry: each is buffered in a projection centred on itself. */
function partsOf(g: Geometry): Geometry[] {
  switch (g.type) {
    case 'MultiPoint':
      return g.coordinates.map((coordinates) => ({ type: 'Point', coordinates }));
    case 'MultiLineString':
      return g.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }));
    case 'MultiPolygon':
      return g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
    case 'GeometryCollection':
      return g.geometries.flatMap(partsOf);
    default:
      return [g];
  }
}

/**
 * One part buffered by GEOS in an azimuthal equidistant projection centred on its box, back to
 * longitude/latitude, and split at the antimeridian when the buffer crosses it.
 */
function bufferPart(e: Engine, part: Geometry, metres: number, steps: number, at: string): Geometry | null {
  const b = geometryBbox(part);
  const lon0 = ((b[0] as number) + (b[2] as number)) / 2;
  const lat0 = ((b[1] as number) + (b[3] as number)) / 2;
  const local = `+proj=aeqd +lat_0=${lat0} +lon_0=${lon0} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs`;
  const one: GeoCollection = {
    type: 'FeatureCollection',
    crs: 'EPSG:4326',
    features: [{ type: 'Feature', properties: null, geometry: part }],
  };
  const projected = toCrs(one, local).features[0]?.geometry as Geometry;
  const g = toGeos(e, projected, at);
  let out: Geometry | null;
  try {
    out = take(e, result(e.module._GEOSBuffer_r(e.ctx, g, metres, steps), `buffer: ${at}`));
  } finally {
    destroy(e, g);
  }
  if (out === null) return null;
  const back = toCrs(
    { type: 'FeatureCollection', crs: local, features: [{ type: 'Feature', properties: null, geometry: out }] },
    'EPSG:4326',
  );
  // proj4 may give longitudes a little past ±180 (−180.03 for a buffer around Fiji): wrapped
  // into [−180, 180], where the jump they make is then split at the antimeridian.
  const geometry = mapPositions(back.features[0]?.geometry as Geometry, wrapLongitude);
  return crossesAntimeridian(geometry) ? splitAntimeridian(geometry) : geometry;
}

function wrapLongitude(p: Position): Position {
  const lon = p[0] as number;
  if (lon >= -180 && lon <= 180) return p;
  const wrapped = lon > 180 ? lon - 360 : lon + 360;
  return p.length > 2 ? [wrapped, p[1] as number, ...p.slice(2)] : [wrapped, p[1] as number];
}

function crossesAntimeridian(g: Geometry): boolean {
  const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
  return rings.some((r) => r.some((p, k) => k > 0 && Math.abs((p[0] as number) - (r[k - 1]?.[0] as number)) > 180));
}
