/**
 * The one geometry walker of @ds/geo. It walks a GeoJSON geometry iteratively (nested
 * GeometryCollections go on an explicit stack, so no input overflows the call stack) and checks
 * type names, positions (finite numbers), lines and rings (length, closure) and nesting, throwing
 * a GeoError that names the place (`collection.features[3].geometry.coordinates[0][5]`).
 *
 * Two callers, two rule sets, each keeping its own messages:
 * - `checkGeometryInput` (src/input.ts), the shape of user input (`engine: false`): arrays are
 *   not geometries, positions have 2 to 4 finite numbers (and lie in lon/lat range when
 *   `geographic`), a part that is not an array is named (`an array of rings`), empty parts pass
 *   (an empty line or ring only with `allowEmpty`), a ring's length is checked before its closure,
 *   and GeometryCollections nest at most {@link MAX_GEOMETRY_DEPTH} deep.
 * - `checkGeometry` (src/geometry/check.ts), what the engine can work on (`engine: true`): x and y
 *   finite, every part non-empty, a ring's closure checked before its length, no depth cap.
 *
 * Paths are built only when an error is thrown, so a valid geometry costs no strings.
 */
import { GeoError } from '../errors.js';

/** How deep GeometryCollections may nest in user input (GEOS and GDAL refuse far less deep input than a stack allows). */
export const MAX_GEOMETRY_DEPTH = 64;

/** The rules of one walk (see the head comment). */
export interface WalkRules {
  /** The engine's rules (true) or user input's (false). */
  readonly engine: boolean;
  /** Positions are [lon, lat] and must lie in range (input rules only). */
  readonly geographic: boolean;
  /** An empty Point, LineString or ring (`[]`) passes (input rules only). */
  readonly allowEmpty: boolean;
}

/** The seven GeoJSON geometry types. */
export const GEOMETRY_TYPES: ReadonlySet<string> = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** Longitude and latitude limits of geographic coordinates, with room for a rounding (Natural Earth has 180.00000000000006). */
export const LON_LIMIT = 180 + 1e-9;
export const LAT_LIMIT = 90 + 1e-9;

const EMPTY = 'a non-empty geometry (a feature without a geometry has geometry: null)';

/** Where position `i` of `at` is (a Point's own position: `i` −1), built only for an error. */
const place = (at: string, i: number) => (i < 0 ? `${at}.coordinates` : `${at}[${i}]`);

function position(p: unknown, at: string, i: number, rules: WalkRules): void {
  if (!Array.isArray(p) || p.length < 2 || (!rules.engine && p.length > 4))
    throw new GeoError('invalid-geometry', place(at, i), p, 'a position [x, y]');
  // The engine reads x and y only; user input may carry z and m, which must be finite too.
  const n = rules.engine ? 2 : p.length;
  for (let k = 0; k < n; k++) {
    const v = p[k];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new GeoError('invalid-geometry', place(at, i), p, 'a position of finite numbers [x, y]');
  }
  if (rules.geographic) {
    const lon = p[0] as number;
    const lat = p[1] as number;
    if (lon < -LON_LIMIT || lon > LON_LIMIT || lat < -LAT_LIMIT || lat > LAT_LIMIT)
      throw new GeoError(
        'out-of-range',
        place(at, i),
        p,
        '[lon, lat] within [−180, 180] × [−90, 90] (set the collection’s crs for projected coordinates)',
      );
  }
}

/** A part holding other parts: an array (non-empty under the engine's rules). */
function parts(v: unknown, at: string, expected: string, rules: WalkRules): unknown[] {
  if (!Array.isArray(v)) throw new GeoError('invalid-geometry', at, v, rules.engine ? EMPTY : expected);
  if (rules.engine && v.length === 0) throw new GeoError('invalid-geometry', at, v, EMPTY);
  return v;
}

/** The positions of a MultiPoint (min 0), a line (min 2) or a ring (min 4, closed). */
function line(l: unknown, at: string, min: number, ring: boolean, rules: WalkRules): void {
  const positions = parts(l, at, 'an array of positions', rules);
  const n = positions.length;
  for (let i = 0; i < n; i++) position(positions[i], at, i, rules);
  // An empty line or ring (LINESTRING EMPTY in WKT) has no positions at all: only where allowed.
  const short = (n > 0 || !rules.allowEmpty) && n < min;
  const lengthError = () =>
    new GeoError(
      'invalid-geometry',
      at,
      // The engine's wording, kept: it only ever sees one position here.
      rules.engine && !ring ? `${n} position` : `${n} positions`,
      ring ? 'a ring of at least 4 positions' : `a line of at least ${min} positions`,
    );
  // User input: the length first, then the closure; the engine: the closure first.
  if (short && !(ring && rules.engine)) throw lengthError();
  if (ring && n > 0) {
    const a = positions[0] as number[];
    const b = positions[n - 1] as number[];
    if (a[0] !== b[0] || a[1] !== b[1])
      throw new GeoError(
        'invalid-geometry',
        at,
        `${n} positions`,
        'a closed ring (first position = last)',
        `${at} must be a closed ring (first position = last); readGeoJSON(…, { repair: true }) closes it`,
      );
  }
  if (short) throw lengthError();
}

/** Walks a geometry under `rules`, throwing the first fault in document order. */
export function walkGeometry(g: unknown, at: string, rules: WalkRules): void {
  const stack: [unknown, string, number][] = [[g, at, 0]];
  while (stack.length > 0) {
    const [value, where, depth] = stack.pop() as [unknown, string, number];
    // Under the engine's rules an array is an object whose type is missing (refused just below).
    if (value === null || typeof value !== 'object' || (!rules.engine && Array.isArray(value)))
      throw new GeoError('invalid-geometry', where, value, 'a GeoJSON geometry');
    const geometry = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
    const type = geometry.type;
    if (typeof type !== 'string' || !GEOMETRY_TYPES.has(type))
      throw new GeoError(
        'invalid-geometry',
        `${where}.type`,
        type,
        rules.engine ? 'a GeoJSON geometry type' : 'a GeoJSON geometry type (Point, …, GeometryCollection)',
      );
    const c = geometry.coordinates;
    switch (type) {
      case 'Point':
        if (Array.isArray(c) && c.length === 0) {
          if (rules.engine) throw new GeoError('invalid-geometry', `${where}.coordinates`, [], EMPTY);
          if (rules.allowEmpty) break;
        }
        position(c, where, -1, rules);
        break;
      case 'MultiPoint':
        line(c, `${where}.coordinates`, 0, false, rules);
        break;
      case 'LineString':
        line(c, `${where}.coordinates`, 2, false, rules);
        break;
      case 'MultiLineString': {
        const w = `${where}.coordinates`;
        const lines = parts(c, w, 'an array of lines', rules);
        for (let i = 0; i < lines.length; i++) line(lines[i], `${w}[${i}]`, 2, false, rules);
        break;
      }
      case 'Polygon': {
        const w = `${where}.coordinates`;
        const rings = parts(c, w, 'an array of rings', rules);
        for (let i = 0; i < rings.length; i++) line(rings[i], `${w}[${i}]`, 4, true, rules);
        break;
      }
      case 'MultiPolygon': {
        const w = `${where}.coordinates`;
        const polygons = parts(c, w, 'an array of polygons', rules);
        for (let i = 0; i < polygons.length; i++) {
          const rings = parts(polygons[i], `${w}[${i}]`, 'an array of rings', rules);
          for (let j = 0; j < rings.length; j++) line(rings[j], `${w}[${i}][${j}]`, 4, true, rules);
        }
        break;
      }
      default: {
        const members = parts(geometry.geometries, `${where}.geometries`, 'an array of geometries', rules);
        if (!rules.engine && depth >= MAX_GEOMETRY_DEPTH)
          throw new GeoError('too-large', where, value, `GeometryCollections nested at most ${MAX_GEOMETRY_DEPTH} deep`);
        for (let i = members.length - 1; i >= 0; i--) stack.push([members[i], `${where}.geometries[${i}]`, depth + 1]);
      }
    }
  }
}
