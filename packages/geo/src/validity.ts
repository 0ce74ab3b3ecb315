import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry } from './geojson.js';
import { checkCollection, checkGeometries, checkGeometry } from './geometry/check.js';
import { destroy, toGeos } from './geometry/convert.js';
import { geos } from './geometry/engine.js';
import { result, take } from './geometry/operations.js';
import { checkGeometryOrFeature } from './input.js';

/**
 * Whether a geometry is valid in the OGC simple-features sense, as Shapely's `is_valid` (GEOS):
 * rings that do not cross themselves or each other, holes inside their shell, multipolygon parts
 * that do not overlap. With `reason: true`, GEOS' explanation instead (Shapely's
 * `explain_validity`): `'Valid Geometry'` or e.g. `'Self-intersection[1 1]'`. Needs the engine.
 *
 * @throws {GeoError} `invalid-geometry` for what is not a geometry at all (NaN coordinates, an
 *   unclosed ring); `engine-not-started`
 *
 * @example
 * import { isValid, startGeometryEngine } from '@ds/geo';
 * await startGeometryEngine();
 * const bowtie = { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] };
 * isValid(bowtie); // => false
 * isValid(bowtie, { reason: true }); // => 'Self-intersection[1 1]'
 */
export function isValid(input: Geometry | Feature, options?: { reason?: false }): boolean;
export function isValid(input: Geometry | Feature, options: { reason: true }): string;
export function isValid(input: Geometry | Feature, options: { reason?: boolean } = {}): boolean | string {
  const g = geometryOf(input);
  const e = geos('isValid');
  const p = toGeos(e, g, 'input');
  try {
    if (options?.reason !== true) return e.module._GEOSisValid_r(e.ctx, p) === 1;
    const r = result(e.module._GEOSisValidReason_r(e.ctx, p), 'isValid');
    const text = e.module.UTF8ToString(r);
    e.module._GEOSFree_r(e.ctx, r);
    return text;
  } finally {
    destroy(e, p);
  }
}

/**
 * Repairs invalid geometries as Shapely's `make_valid` (GEOS' linework method): a bow-tie
 * becomes two triangles, a self-touching ring a polygon and a hole; valid geometries come back
 * unchanged. Parts that collapse to lines or points are kept, as Shapely keeps them (a
 * GeometryCollection); features keep their properties.
 *
 * @throws {GeoError} `invalid-geometry` naming the feature for NaN coordinates or unclosed rings
 *   (`readGeoJSON(…, { repair: true })` closes rings); `engine-not-started`
 *
 * @example
 * import { area, makeValid, startGeometryEngine } from '@ds/geo';
 * await startGeometryEngine();
 * const bowtie = { type: 'Feature', properties: { id: 1 }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] } };
 * const fixed = makeValid({ type: 'FeatureCollection', crs: 'EPSG:3857', features: [bowtie] });
 * fixed.features[0].geometry.type; // => 'MultiPolygon'
 * area(fixed.features[0], { crs: 'EPSG:3857' }); // => 2
 */
export function makeValid(collection: GeoCollection): GeoCollection {
  checkCollection(collection, 'collection');
  checkGeometries(collection, 'collection');
  const e = geos('makeValid');
  const M = e.module;
  const features = collection.features.map((f, i) => {
    if (f.geometry === null) return { ...f };
    const at = `collection.features[${i}].geometry`;
    const p = toGeos(e, f.geometry, at);
    try {
      if (M._GEOSisValid_r(e.ctx, p) === 1) return { ...f };
      return { ...f, geometry: take(e, result(M._GEOSMakeValid_r(e.ctx, p), `makeValid: ${at}`)) };
    } finally {
      destroy(e, p);
    }
  });
  const out: GeoCollection = { ...collection, features };
  return out;
}

function geometryOf(input: Geometry | Feature): Geometry {
  if (input === null || typeof input !== 'object')
    throw new GeoError('invalid-type', 'input', input, 'a GeoJSON geometry or feature');
  const g = checkGeometryOrFeature(input, 'input');
  if (g === null) throw new GeoError('invalid-geometry', 'input.geometry', null, 'a geometry (the feature has none)');
  checkGeometry(g, 'input');
  return g;
}
