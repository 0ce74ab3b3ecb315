import { checkOptions } from './check.js';
import { isGeographic } from './crs.js';
import { GeoError } from './errors.js';
import type { Feature, Geometry, Position } from './geojson.js';
import { eachPosition } from './geometry/positions.js';
import { checkGeometryOrFeature } from './input.js';

/** A latitude limited to [−90, 90] (a rounding past a pole stays at that pole). */
export function clampLatitude(lat: number): number {
  return Math.min(90, Math.max(-90, lat));
}

/** Options of {@link area} and {@link length}. */
export interface MeasureOptions {
  /** The CRS of the coordinates (default `'EPSG:4326'`): geodesic for geographic, planar otherwise. */
  crs?: string;
}

// WGS 84 ellipsoid (EPSG:7030).
const A = 6378137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
// Radius of the sphere with the ellipsoid's area (the authalic radius).
const RQ = A * Math.sqrt((1 + ((1 - E2) / (2 * E)) * Math.log((1 + E) / (1 - E))) / 2);
const QP = 1 + ((1 - E2) / (2 * E)) * Math.log((1 + E) / (1 - E));
const RAD = Math.PI / 180;

/**
 * The area of a geometry. For geographic coordinates (WGS 84) it is geodesic, in m²: latitudes go
 * to the authalic sphere, which has the ellipsoid's area, and each edge adds its spherical excess
 * as a great-circle arc; on the Natural Earth countries it agrees with pyproj's Geod
 * (Karney) within 0.1%. For a projected CRS it is planar (shoelace), in the CRS unit squared
 * (ft² for EPSG:2263), as GeoPandas' `.area`. Points and lines have area 0; holes are subtracted.
 *
 * @example
 * import { area } from '@ds/geo';
 * area({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 3], [0, 3], [0, 0]]] }, { crs: 'EPSG:32633' }); // => 12
 * Math.round(area({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }) / 1e6); // => 12309
 */
export function area(input: Geometry | Feature, options: MeasureOptions = {}): number {
  const crs = measureCrs(options);
  const geometry = asGeometry(input, 'input');
  if (geometry === null) return 0;
  const geographic = isGeographic(crs);
  if (geographic) checkLonLat(geometry, 'input');
  const ring = geographic ? geodesicRingArea : planarRingArea;
  const total = sumPolygons(geometry, (rings) => {
    let total = 0;
    rings.forEach((r, i) => {
      const a = Math.abs(ring(r));
      total += i === 0 ? a : -a;
    });
    return total;
  });
  return finiteMeasure(total, 'input', input);
}

/**
 * The length of lines, or the perimeter of polygons (holes included), as Shapely's `.length`.
 * Geodesic in metres on WGS 84 for geographic coordinates (Vincenty's inverse formula, accurate
 * to well under a millimetre per edge), planar in CRS units otherwise. Points have length 0.
 *
 * @example
 * import { length } from '@ds/geo';
 * length({ type: 'LineString', coordinates: [[0, 0], [3, 4]] }, { crs: 'EPSG:3857' }); // => 5
 * Math.round(length({ type: 'LineString', coordinates: [[0, 0], [1, 0]] })); // => 111319
 */
export function length(input: Geometry | Feature, options: MeasureOptions = {}): number {
  const crs = measureCrs(options);
  const geometry = asGeometry(input, 'input');
  if (geometry === null) return 0;
  const geographic = isGeographic(crs);
  if (geographic) checkLonLat(geometry, 'input');
  const segment = geographic
    ? (p: Position, q: Position) => vincenty(p[0] as number, p[1] as number, q[0] as number, q[1] as number)
    : planarDistance;
  const line = (pts: Position[]) => {
    let s = 0;
    for (let i = 1; i < pts.length; i++) s += segment(pts[i - 1] as Position, pts[i] as Position);
    return s;
  };
  const walk = (g: Geometry): number => {
    switch (g.type) {
      case 'Point':
      case 'MultiPoint':
        return 0;
      case 'LineString':
        return line(g.coordinates);
      case 'MultiLineString':
      case 'Polygon':
        return g.coordinates.reduce((s, r) => s + line(r), 0);
      case 'MultiPolygon':
        return g.coordinates.reduce((s, p) => s + p.reduce((t, r) => t + line(r), 0), 0);
      case 'GeometryCollection':
        return g.geometries.reduce((s, c) => s + walk(c), 0);
    }
  };
  return finiteMeasure(walk(geometry), 'input', input);
}

/** Every position of a geometry in geographic coordinates within [−180, 180] × [−90, 90]. */
/** Longitude and latitude limits, with room for a rounding (Natural Earth has 180.00000000000006). */
const LON_LIMIT = 180 + 1e-9;
const LAT_LIMIT = 90 + 1e-9;

function checkLonLat(geometry: Geometry, argument: string): void {
  eachPosition(geometry, (p) => {
    const lon = p[0] as number;
    const lat = p[1] as number;
    if (!(lon >= -LON_LIMIT && lon <= LON_LIMIT && lat >= -LAT_LIMIT && lat <= LAT_LIMIT))
      throw new GeoError(
        'out-of-range',
        argument,
        p,
        '[lon, lat] within [−180, 180] × [−90, 90] (or pass the crs of projected coordinates)',
      );
  });
}

function asGeometry(input: Geometry | Feature, argument: string): Geometry | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new GeoError('invalid-type', argument, input, 'a GeoJSON geometry or feature');
  }
  return checkGeometryOrFeature(input, argument);
}

/** The options of area and length: an object whose `crs` is a CRS string, or undefined. */
function measureCrs(options: unknown): string | undefined {
  const o = checkOptions<MeasureOptions>('options', options);
  if (o.crs !== undefined && typeof o.crs !== 'string')
    throw new GeoError('invalid-type', 'crs', o.crs, "a CRS string such as 'EPSG:4326'");
  return o.crs;
}

/** A measure that came out non-finite (coordinates too large for the CRS): refused, not returned. */
function finiteMeasure(value: number, argument: string, input: unknown): number {
  if (!Number.isFinite(value))
    throw new GeoError('out-of-range', argument, input, 'coordinates whose measure is a finite number (too large for the CRS?)');
  return value;
}

function sumPolygons(g: Geometry, fn: (rings: Position[][]) => number): number {
  switch (g.type) {
    case 'Polygon':
      return fn(g.coordinates);
    case 'MultiPolygon':
      return g.coordinates.reduce((s, p) => s + fn(p), 0);
    case 'GeometryCollection':
      return g.geometries.reduce((s, c) => s + sumPolygons(c, fn), 0);
    default:
      return 0;
  }
}

/** Signed shoelace area of a ring. */
export function planarRingArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const p = ring[i] as Position;
    const q = ring[j] as Position;
    s += ((q[0] as number) - (p[0] as number)) * ((q[1] as number) + (p[1] as number));
  }
  return s / 2;
}

function authalicLatitude(phi: number): number {
  const s = Math.sin(phi);
  const q = (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
  return Math.asin(Math.max(-1, Math.min(1, q / QP)));
}

/** Area of a ring on the authalic sphere with great-circle edges (each edge's signed excess). */
function geodesicRingArea(ring: Position[]): number {
  let excess = 0;
  let winding = 0;
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i - 1] as Position;
    const q = ring[i] as Position;
    const l1 = (p[0] as number) * RAD;
    const l2 = (q[0] as number) * RAD;
    const t1 = Math.tan(authalicLatitude((p[1] as number) * RAD) / 2);
    const t2 = Math.tan(authalicLatitude((q[1] as number) * RAD) / 2);
    let dl = l2 - l1;
    if (dl > Math.PI) dl -= 2 * Math.PI;
    if (dl < -Math.PI) dl += 2 * Math.PI;
    winding += dl;
    excess += 2 * Math.atan2(Math.tan(dl / 2) * (t1 + t2), 1 + t1 * t2);
  }
  // Each edge's excess is measured against the equator, so a ring that winds once round a pole
  // (Antarctica) sums to the band between it and the equator: its cap is the hemisphere minus that.
  const a = Math.abs(winding) > Math.PI ? 2 * Math.PI - Math.abs(excess) : Math.abs(excess);
  return a * RQ * RQ;
}

function planarDistance(p: Position, q: Position): number {
  return Math.hypot((q[0] as number) - (p[0] as number), (q[1] as number) - (p[1] as number));
}

/**
 * Geodesic distance in metres between two [lon, lat] positions on WGS 84 (Vincenty's inverse
 * formula; for nearly antipodal points, where it does not converge, the spherical great-circle
 * distance on the authalic sphere).
 *
 * @example
 * import { geodesicDistance } from '@ds/geo';
 * Math.round(geodesicDistance([0, 0], [0, 1])); // => 110574
 */
export function geodesicDistance(p: Position, q: Position): number {
  lonLat(p, 'p');
  lonLat(q, 'q');
  return vincenty(p[0] as number, p[1] as number, q[0] as number, q[1] as number);
}

/** A position [lon, lat] in degrees, within [−180, 180] × [−90, 90]. */
function lonLat(p: unknown, argument: string): void {
  if (!Array.isArray(p) || p.length < 2) throw new GeoError('invalid-type', argument, p, 'a position [lon, lat]');
  const [lon, lat] = p as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number')
    throw new GeoError('invalid-type', argument, p, 'a position [lon, lat] of numbers');
  if (!(lon >= -LON_LIMIT && lon <= LON_LIMIT && lat >= -LAT_LIMIT && lat <= LAT_LIMIT))
    throw new GeoError('out-of-range', argument, p, '[lon, lat] within [−180, 180] × [−90, 90]');
}

/** {@link geodesicDistance} on plain numbers (no arrays: the nearest search calls it millions of times). */
export function vincenty(lon1: number, latitude1: number, lon2: number, latitude2: number): number {
  const L = (lon2 - lon1) * RAD;
  // Latitudes a rounding beyond ±90° (−90.00000000000001) would put tan on the far branch and
  // the point at the other pole: clamp them.
  const lat1 = clampLatitude(latitude1);
  const lat2 = clampLatitude(latitude2);
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  const sinU2 = Math.sin(U2);
  const cosU2 = Math.cos(U2);
  let lambda = L;
  for (let iter = 0; iter < 200; iter++) {
    const sinL = Math.sin(lambda);
    const cosL = Math.cos(lambda);
    const sinSigma = Math.sqrt((cosU2 * sinL) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosL) ** 2);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - prev) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
      const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const dSigma =
        bigB *
        sinSigma *
        (cos2SigmaM +
          (bigB / 4) *
            (cosSigma * (-1 + 2 * cos2SigmaM ** 2) -
              (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
      return B * bigA * (sigma - dSigma);
    }
  }
  const phi1 = lat1 * RAD;
  const phi2 = lat2 * RAD;
  const h = Math.sin((phi2 - phi1) / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(L / 2) ** 2;
  return 2 * RQ * Math.asin(Math.min(1, Math.sqrt(h)));
}
