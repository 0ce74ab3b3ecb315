/**
 * The shape checks every function taking a collection or a geometry runs first: a
 * FeatureCollection of Features (`type`, `properties` an object or null, `geometry` a geometry or
 * null, `crs` a string), and geometries of the seven GeoJSON types with finite coordinates,
 * lines of 2 or more positions and closed rings of 4 or more. The walk is iterative and
 * GeometryCollections may nest at most {@link MAX_GEOMETRY_DEPTH} deep, so no input overflows the
 * stack. Errors name the place (`collection.features[3].geometry.coordinates[0][5]`).
 */
import { isGeographic } from './crs.js';
import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry } from './geojson.js';

/** How deep GeometryCollections may nest (GEOS and GDAL refuse far less deep input than a stack allows). */
export const MAX_GEOMETRY_DEPTH = 64;

const TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Longitude and latitude limits of geographic coordinates, with room for a rounding (Natural Earth has 180.00000000000006). */
const LON_LIMIT = 180 + 1e-9;
const LAT_LIMIT = 90 + 1e-9;

function position(p: unknown, at: string, geographic: boolean): void {
  if (!Array.isArray(p) || p.length < 2 || p.length > 4) throw new GeoError('invalid-geometry', at, p, 'a position [x, y]');
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new GeoError('invalid-geometry', at, p, 'a position of finite numbers [x, y]');
  }
  if (geographic) {
    const lon = p[0] as number;
    const lat = p[1] as number;
    if (lon < -LON_LIMIT || lon > LON_LIMIT || lat < -LAT_LIMIT || lat > LAT_LIMIT)
      throw new GeoError(
        'out-of-range',
        at,
        p,
        '[lon, lat] within [−180, 180] × [−90, 90] (set the collection’s crs for projected coordinates)',
      );
  }
}

function positions(l: unknown, at: string, min: number, ring: boolean, geographic: boolean, allowEmpty = false): void {
  if (!Array.isArray(l)) throw new GeoError('invalid-geometry', at, l, 'an array of positions');
  for (let i = 0; i < l.length; i++) position(l[i], `${at}[${i}]`, geographic);
  // An empty geometry (POINT EMPTY, LINESTRING EMPTY in WKT) has no positions at all: only where allowed.
  if ((l.length > 0 || !allowEmpty) && l.length < min)
    throw new GeoError(
      'invalid-geometry',
      at,
      `${l.length} positions`,
      ring ? 'a ring of at least 4 positions' : `a line of at least ${min} positions`,
    );
  if (ring && l.length > 0) {
    const a = l[0] as number[];
    const b = l[l.length - 1] as number[];
    if (a[0] !== b[0] || a[1] !== b[1])
      throw new GeoError(
        'invalid-geometry',
        at,
        `${l.length} positions`,
        'a closed ring (first position = last)',
        `${at} must be a closed ring (first position = last); readGeoJSON(…, { repair: true }) closes it`,
      );
  }
}

function list(v: unknown, at: string, expected: string): unknown[] {
  if (!Array.isArray(v)) throw new GeoError('invalid-geometry', at, v, expected);
  return v;
}

/**
 * Refuses anything but a GeoJSON geometry (iteratively: nested GeometryCollections are walked
 * with an explicit stack, at most {@link MAX_GEOMETRY_DEPTH} deep).
 */
export function checkGeometryInput(g: unknown, at: string, geographic = false, allowEmpty = false): asserts g is Geometry {
  const stack: [unknown, string, number][] = [[g, at, 0]];
  while (stack.length > 0) {
    const [value, where, depth] = stack.pop() as [unknown, string, number];
    if (!isRecord(value)) throw new GeoError('invalid-geometry', where, value, 'a GeoJSON geometry');
    const type = value.type;
    if (typeof type !== 'string' || !TYPES.has(type))
      throw new GeoError('invalid-geometry', `${where}.type`, type, 'a GeoJSON geometry type (Point, …, GeometryCollection)');
    const c = value.coordinates;
    const w = `${where}.coordinates`;
    switch (type) {
      case 'Point':
        if (!(allowEmpty && Array.isArray(c) && c.length === 0)) position(c, w, geographic);
        break;
      case 'MultiPoint':
        positions(c, w, 0, false, geographic);
        break;
      case 'LineString':
        positions(c, w, 2, false, geographic, allowEmpty);
        break;
      case 'MultiLineString':
        list(c, w, 'an array of lines').forEach((l, i) => {
          positions(l, `${w}[${i}]`, 2, false, geographic, allowEmpty);
        });
        break;
      case 'Polygon':
        list(c, w, 'an array of rings').forEach((r, i) => {
          positions(r, `${w}[${i}]`, 4, true, geographic, allowEmpty);
        });
        break;
      case 'MultiPolygon':
        list(c, w, 'an array of polygons').forEach((p, i) => {
          list(p, `${w}[${i}]`, 'an array of rings').forEach((r, j) => {
            positions(r, `${w}[${i}][${j}]`, 4, true, geographic, allowEmpty);
          });
        });
        break;
      default: {
        const parts = list(value.geometries, `${where}.geometries`, 'an array of geometries');
        if (depth >= MAX_GEOMETRY_DEPTH)
          throw new GeoError('too-large', where, value, `GeometryCollections nested at most ${MAX_GEOMETRY_DEPTH} deep`);
        for (let i = parts.length - 1; i >= 0; i--) stack.push([parts[i], `${where}.geometries[${i}]`, depth + 1]);
      }
    }
  }
}

/** A geometry, or a Feature whose geometry is one (or null): the geometry, checked. */
export function checkGeometryOrFeature(input: unknown, at: string): Geometry | null {
  if (isRecord(input) && input.type === 'Feature') {
    checkFeature(input, at);
    return (input as unknown as Feature).geometry;
  }
  checkGeometryInput(input, at);
  return input;
}

function checkFeature(f: unknown, at: string, geographic = false): void {
  if (!isRecord(f) || f.type !== 'Feature')
    throw new GeoError('invalid-type', at, f, "a GeoJSON Feature ({ type: 'Feature', properties, geometry })");
  const p = f.properties;
  if (p !== null && p !== undefined && !isRecord(p))
    throw new GeoError('invalid-type', `${at}.properties`, p, 'an object or null');
  if (f.geometry === undefined) throw new GeoError('invalid-type', `${at}.geometry`, undefined, 'a geometry or null');
  if (f.geometry !== null) checkGeometryInput(f.geometry, `${at}.geometry`, geographic);
}

/**
 * Refuses anything but a GeoJSON FeatureCollection whose features and geometries all pass the
 * checks above, and whose `crs` (when given) is a string.
 */
export function checkCollectionInput(c: unknown, argument: string): asserts c is GeoCollection {
  // A collection passed again (a join in a loop) is not walked again: collections are values,
  // and one changed in place after a call is not re-checked until its features array changes.
  if (c !== null && typeof c === 'object') {
    const f = (c as { features?: unknown }).features;
    if (
      Array.isArray(f) &&
      checked.get(c) === f &&
      checkedLength.get(f) === f.length &&
      (c as { crs?: unknown }).crs === checkedCrs.get(c)
    )
      return;
  }
  if (!isRecord(c) || c.type !== 'FeatureCollection')
    throw new GeoError(
      'invalid-type',
      argument,
      c,
      "a GeoJSON FeatureCollection ({ type: 'FeatureCollection', features: [...] })",
    );
  const features = c.features;
  if (!Array.isArray(features)) throw new GeoError('invalid-type', `${argument}.features`, features, 'an array of features');
  if (c.crs !== undefined && typeof c.crs !== 'string')
    throw new GeoError('invalid-type', `${argument}.crs`, c.crs, "a CRS string such as 'EPSG:4326'");
  let geographic = true;
  if (typeof c.crs === 'string' && c.crs !== '') {
    try {
      geographic = isGeographic(c.crs);
    } catch (error) {
      if (!(error instanceof GeoError)) throw error;
      throw new GeoError(error.code, `${argument}.crs`, c.crs, error.expected, undefined, { cause: error });
    }
  }
  for (let i = 0; i < features.length; i++) checkFeature(features[i], `${argument}.features[${i}]`, geographic);
  checked.set(c, features);
  checkedLength.set(features, features.length);
  checkedCrs.set(c, c.crs);
}

const checked = new WeakMap<object, unknown>();
const checkedLength = new WeakMap<unknown[], number>();
const checkedCrs = new WeakMap<object, unknown>();
