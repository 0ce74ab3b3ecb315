import { GeoError } from '../errors.js';
import type { GeoCollection, Geometry } from '../geojson.js';
import { checkCollectionInput } from '../input.js';
import { type WalkRules, walkGeometry } from './walk.js';

/** Refuses anything but a FeatureCollection-like object with a `features` array. */
export function checkCollection(c: unknown, argument: string): asserts c is GeoCollection {
  if (c === null || typeof c !== 'object' || !Array.isArray((c as GeoCollection).features)) {
    throw new GeoError(
      'invalid-type',
      argument,
      c,
      'a FeatureCollection ({ type: "FeatureCollection", features: [...] })',
      `${argument} must be a FeatureCollection ({ type: "FeatureCollection", features: [...] }), got ${describe(c)}`,
    );
  }
  checkCollectionInput(c, argument);
}

/** Refuses an options argument that is not a plain object (undefined is taken as `{}` by defaults). */
export function checkOptions(options: unknown, argument: string): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new GeoError(
      'invalid-type',
      argument,
      options,
      'an options object',
      `${argument} must be an options object, got ${describe(options)}`,
    );
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`;
  return typeof v === 'object' ? `an object without a features array` : `${typeof v} ${String(v)}`;
}

/**
 * Walks every geometry of a collection and refuses what no engine can work on: non-finite
 * coordinates, lines of fewer than 2 positions, rings that are unclosed or shorter than 4
 * positions, empty parts. The error names the feature and the position
 * (`a.features[3].geometry.coordinates[0][5]`).
 */
export function checkGeometries(c: GeoCollection, argument: string): void {
  c.features.forEach((f, i) => {
    if (f.geometry !== null) checkGeometry(f.geometry, `${argument}.features[${i}].geometry`);
  });
}

const ENGINE_RULES: WalkRules = { engine: true, geographic: false, allowEmpty: false };

/**
 * Refuses a geometry no engine can work on (see {@link checkGeometries}): the package's one
 * geometry walker (./walk.ts) under the engine's rules, iterative at any depth.
 */
export function checkGeometry(g: Geometry, at: string): void {
  walkGeometry(g, at, ENGINE_RULES);
}
