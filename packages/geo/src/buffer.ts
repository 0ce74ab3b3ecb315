import { geometryBbox, isGeographic, normaliseCrs, toCrs } from './crs.js';
import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry } from './geojson.js';
import { checkCollection, checkGeometries, checkOptions } from './geometry/check.js';
import { destroy, toGeos } from './geometry/convert.js';
import { geos } from './geometry/engine.js';
import { result, take } from './geometry/operations.js';

/** Options of {@link buffer}. */
export interface BufferOptions {
  /** Segments per quarter circle (default 8, as GeoPandas' `resolution` / GEOS' quadrant segments). */
  steps?: number;
}

/**
 * Buffers every feature by a distance in metres, whatever the CRS: each feature is projected to
 * an azimuthal equidistant projection centred on its bounding box (distances from the centre
 * exact, nearby ones within a fraction of a percent), buffered there by GEOS (round joins and
 * caps, `steps` segments a quarter circle, as Shapely's `buffer(d, resolution)`), and projected
 * back to the collection's CRS. A negative distance shrinks polygons (a polygon that vanishes
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
  if (typeof metres !== 'number' || !Number.isFinite(metres))
    throw new GeoError(
      'out-of-range',
      'metres',
      metres,
      `a finite distance in metres${typeof metres === 'string' ? ' (a number, not a string)' : ''}`,
    );
  const steps = options.steps ?? 8;
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > 1000)
    throw new GeoError('out-of-range', 'steps', steps, 'a whole number of segments per quarter circle in [1, 1000]');
  checkGeometries(collection, 'collection');
  const e = geos('buffer');
  const crs = normaliseCrs(collection.crs);
  const wgs = isGeographic(crs) ? collection : toCrs(collection, 'EPSG:4326');
  const features: Feature[] = wgs.features.map((f, i) => {
    if (f.geometry === null) return { ...f };
    const b = geometryBbox(f.geometry);
    const lon0 = ((b[0] as number) + (b[2] as number)) / 2;
    const lat0 = ((b[1] as number) + (b[3] as number)) / 2;
    const local = `+proj=aeqd +lat_0=${lat0} +lon_0=${lon0} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs`;
    const one: GeoCollection = {
      type: 'FeatureCollection',
      crs: 'EPSG:4326',
      features: [{ type: 'Feature', properties: null, geometry: f.geometry }],
    };
    const projected = toCrs(one, local).features[0]?.geometry as Geometry;
    const at = `collection.features[${i}].geometry`;
    const g = toGeos(e, projected, at);
    let out: Geometry | null;
    try {
      out = take(e, result(e.module._GEOSBuffer_r(e.ctx, g, metres, steps), `buffer: ${at}`));
    } finally {
      destroy(e, g);
    }
    const { bbox: _drop, ...rest } = f;
    if (out === null) return { ...rest, geometry: null };
    const back = toCrs(
      { type: 'FeatureCollection', crs: local, features: [{ type: 'Feature', properties: null, geometry: out }] },
      'EPSG:4326',
    );
    return { ...rest, geometry: back.features[0]?.geometry ?? null };
  });
  const out: GeoCollection = { type: 'FeatureCollection', features, crs: 'EPSG:4326' };
  return isGeographic(crs) ? { ...out, crs } : toCrs(out, crs);
}
