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
import { MAX_GEOMETRY_DEPTH, type WalkRules, walkGeometry } from './geometry/walk.js';

export { MAX_GEOMETRY_DEPTH };

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The input rules of the walker, by (geographic, allowEmpty). */
const INPUT_RULES: readonly WalkRules[] = [
  { engine: false, geographic: false, allowEmpty: false },
  { engine: false, geographic: false, allowEmpty: true },
  { engine: false, geographic: true, allowEmpty: false },
  { engine: false, geographic: true, allowEmpty: true },
];

/**
 * Refuses anything but a GeoJSON geometry (iteratively: nested GeometryCollections are walked
 * with an explicit stack, at most {@link MAX_GEOMETRY_DEPTH} deep). The walk is the package's one
 * geometry walker (src/geometry/walk.ts) under its input rules.
 */
export function checkGeometryInput(g: unknown, at: string, geographic = false, allowEmpty = false): asserts g is Geometry {
  walkGeometry(g, at, INPUT_RULES[(geographic ? 2 : 0) + (allowEmpty ? 1 : 0)] as WalkRules);
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
