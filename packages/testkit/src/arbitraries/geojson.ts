import fc from 'fast-check';
import { checkOptions } from '../check.js';
import { TestkitError } from '../errors.js';

/** A GeoJSON Point. */
export interface PointGeometry {
  type: 'Point';
  coordinates: [number, number];
}

/** A GeoJSON Polygon. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: [number, number][][];
}

/** A bounding box `[west, south, east, north]`, in degrees. */
export type BBox = readonly [number, number, number, number];

/** Options of `geoPoint`. */
export interface GeoPointOptions {
  /** Where the points fall. Default the whole globe `[-180, -90, 180, 90]`. */
  bbox?: BBox;
}

/**
 * A fast-check arbitrary of GeoJSON Points (longitude, latitude in degrees, WGS 84) inside `bbox`;
 * shrinks towards its south-west corner.
 *
 * @example
 * import fc from 'fast-check';
 * import { geoPoint } from '@ds/testkit/arbitraries';
 * fc.sample(geoPoint({ bbox: [5, 45, 10, 48] }), { numRuns: 50, seed: 1 }).every(({ coordinates: [x, y] }) => x >= 5 && x <= 10 && y >= 45 && y <= 48); // => true
 */
export function geoPoint(options: GeoPointOptions = {}): fc.Arbitrary<PointGeometry> {
  checkOptions('options', options);
  const [w, s, e, n] = checkBBox(options.bbox ?? [-180, -90, 180, 90]);
  return fc
    .tuple(fc.double({ min: w, max: e, noNaN: true }), fc.double({ min: s, max: n, noNaN: true }))
    .map(([lon, lat]) => ({ type: 'Point' as const, coordinates: [lon, lat] }));
}

/** Options of `simplePolygon`. */
export interface SimplePolygonOptions {
  /** Where the polygons fall (all their vertices). Default `[-180, -90, 180, 90]`. */
  bbox?: BBox;
  /** Fewest vertices (not counting the closing one). Default 3. */
  minVertices?: number;
  /** Most vertices. Default 12. */
  maxVertices?: number;
}

/**
 * A fast-check arbitrary of simple polygons (no self-intersection, no holes): star-shaped around
 * a centre, one vertex per equal sector of the circle at a random angle within it and a random
 * radius, so consecutive vertices turn less than 180° around the centre (which is inside) and
 * edges cannot cross; no slivers.
 * The ring is closed and counter-clockwise (RFC 7946's exterior-ring rule). Shrinks towards
 * fewer vertices.
 *
 * @example
 * import fc from 'fast-check';
 * import { simplePolygon } from '@ds/testkit/arbitraries';
 * const [polygon] = fc.sample(simplePolygon({ bbox: [0, 0, 1, 1] }), { numRuns: 1, seed: 3 });
 * const ring = polygon.coordinates[0];
 * ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]; // => true
 */
export function simplePolygon(options: SimplePolygonOptions = {}): fc.Arbitrary<PolygonGeometry> {
  checkOptions('options', options);
  const [w, s, e, n] = checkBBox(options.bbox ?? [-180, -90, 180, 90]);
  const minVertices = options.minVertices ?? 3;
  const maxVertices = options.maxVertices ?? 12;
  if (typeof maxVertices === 'number' && maxVertices > 100_000) {
    throw new TestkitError('too-large', 'maxVertices', maxVertices, 'at most 100,000 vertices');
  }
  if (!Number.isInteger(minVertices) || minVertices < 3)
    throw new TestkitError('out-of-range', 'minVertices', minVertices, 'an integer ≥ 3');
  if (!Number.isInteger(maxVertices) || maxVertices < minVertices)
    throw new TestkitError('out-of-range', 'maxVertices', maxVertices, `an integer ≥ minVertices (${minVertices})`);
  // The angle sits in the middle 40% of its sector, so consecutive vertices are less than 168°
  // apart around the centre, which therefore lies inside (no sliver triangles); the radius is
  // 30–100% of the largest, so no vertex collapses onto the centre.
  const jitter = fc.double({ min: 0.3, max: 0.7, noNaN: true });
  const radius = fc.double({ min: 0.3, max: 1, noNaN: true });
  return fc
    .record({
      cx: fc.double({ min: 0.25, max: 0.75, noNaN: true }),
      cy: fc.double({ min: 0.25, max: 0.75, noNaN: true }),
      vertices: fc.array(fc.tuple(jitter, radius), { minLength: minVertices, maxLength: maxVertices }),
    })
    .map(({ cx, cy, vertices }) => {
      const k = vertices.length;
      // In the unit square around (cx, cy), radius at most 0.25 keeps every vertex inside it.
      const ring: [number, number][] = vertices.map(([jitter, radius], i) => {
        const angle = ((i + jitter) / k) * 2 * Math.PI;
        const r = 0.25 * radius;
        return [w + (e - w) * (cx + r * Math.cos(angle)), s + (n - s) * (cy + r * Math.sin(angle))];
      });
      ring.push([...(ring[0] as [number, number])]);
      return { type: 'Polygon' as const, coordinates: [ring] };
    });
}

function checkBBox(bbox: BBox): BBox {
  if (!Array.isArray(bbox) || bbox.length !== 4) {
    throw new TestkitError('invalid-type', 'bbox', bbox, '[west, south, east, north] in degrees');
  }
  const [w, s, e, n] = bbox;
  const ok =
    [w, s, e, n].every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    w < e &&
    s < n &&
    w >= -180 &&
    e <= 180 &&
    s >= -90 &&
    n <= 90;
  if (!ok)
    throw new TestkitError(
      'out-of-range',
      'bbox',
      bbox,
      '[west, south, east, north] within [-180, -90, 180, 90] with west < east and south < north',
    );
  return bbox;
}
