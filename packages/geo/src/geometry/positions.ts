import { GeoError } from '../errors.js';
import type { GeoCollection, Geometry, Position } from '../geojson.js';
import { checkCollectionInput } from '../input.js';

// Walking a geometry's positions, and the bounds that come of it: the core the CRS, join,
// overlay and map code share.

/** A copy of a geometry with every position passed through `fn`. */
export function mapPositions<G extends Geometry>(geometry: G, fn: (p: Position) => Position): G {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: fn(geometry.coordinates) } as G;
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(fn) } as G;
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((r) => r.map(fn)) } as G;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => r.map(fn))) } as G;
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => mapPositions(g, fn)) } as G;
  }
}

/** Calls `fn` on every position of a geometry. */
export function eachPosition(geometry: Geometry, fn: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      fn(geometry.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      for (const p of geometry.coordinates) fn(p);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const r of geometry.coordinates) for (const p of r) fn(p);
      return;
    case 'MultiPolygon':
      for (const poly of geometry.coordinates) for (const r of poly) for (const p of r) fn(p);
      return;
    case 'GeometryCollection':
      for (const g of geometry.geometries) eachPosition(g, fn);
      return;
  }
}

/** `[minX, minY, maxX, maxY]` of a geometry. */
export function geometryBbox(geometry: Geometry): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition(geometry, (p) => {
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < (b[0] as number)) b[0] = x;
    if (y < (b[1] as number)) b[1] = y;
    if (x > (b[2] as number)) b[2] = x;
    if (y > (b[3] as number)) b[3] = y;
  });
  return b;
}

/**
 * The bounds `[minX, minY, maxX, maxY]` of a collection's features (GeoPandas' `total_bounds`).
 *
 * @example
 * import { totalBounds } from '@ds/geo';
 * const pt = (x, y) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [x, y] } });
 * totalBounds({ type: 'FeatureCollection', features: [pt(1, 5), pt(3, 2)] }); // => [1, 2, 3, 5]
 */
export function totalBounds(collection: GeoCollection): number[] {
  checkCollectionInput(collection, 'collection');
  const b = collectionBbox(collection.features);
  if (!b.every(Number.isFinite))
    throw new GeoError(
      'invalid-geometry',
      'collection',
      collection,
      'a collection with at least one non-empty geometry (an empty one has no bounds)',
    );
  return b;
}

/** `[minX, minY, maxX, maxY]` of features' geometries (those without one are skipped). */
export function collectionBbox(features: GeoCollection['features']): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    if (f.geometry === null) continue;
    const g = geometryBbox(f.geometry);
    b[0] = Math.min(b[0] as number, g[0] as number);
    b[1] = Math.min(b[1] as number, g[1] as number);
    b[2] = Math.max(b[2] as number, g[2] as number);
    b[3] = Math.max(b[3] as number, g[3] as number);
  }
  return b;
}
