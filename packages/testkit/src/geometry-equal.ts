import { checkOptions } from './check.js';
import { TestkitError } from './errors.js';
import { safeJson } from './json.js';

/** Options of `geometryEqual`. */
export interface GeometryEqualOptions {
  /** Largest difference allowed per coordinate, in the data's units. Default 1e-9. */
  tolerance?: number;
  /**
   * `'ignore'` (default): a ring may start at any vertex and run either way, a line either way,
   * and the parts of a Multi* geometry and the holes of a polygon may come in any order, since
   * none of that changes the shape. `'strict'`: only a ring's start vertex is free.
   */
  orientation?: 'ignore' | 'strict';
  /** Compare features' `properties` too (exactly, numbers within `tolerance`). Default `true`. */
  properties?: boolean;
}

/** What `geometryEqual` returns: `equal` and a readable message ('' when equal). */
export interface GeometryEqualResult {
  equal: boolean;
  /** Where the first difference is (`features[2].geometry.coordinates[0]`), '' when equal. */
  path: string;
  message: string;
}

type Position = readonly number[];
type Geo = { type: string; [k: string]: unknown };

/**
 * Compares two GeoJSON values (a geometry, a Feature or a FeatureCollection) by shape: every
 * coordinate within `tolerance`, ignoring what does not change the shape (a ring's start vertex
 * and orientation, the order of parts and holes; see `orientation`). Features compare in order,
 * with their properties; `bbox` and `id` are ignored.
 *
 * @example
 * import { geometryEqual } from '@ds/testkit';
 * const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
 * const rotated = { type: 'Polygon', coordinates: [[[1, 1], [1, 0], [0, 0], [0, 1], [1, 1]]] };
 * geometryEqual(rotated, square).equal; // => true
 * geometryEqual({ type: 'Point', coordinates: [0, 1e-6] }, { type: 'Point', coordinates: [0, 0] }).message; // => 'coordinates: [0,0.000001], expected [0,0]'
 */
export function geometryEqual(actual: unknown, expected: unknown, options0: GeometryEqualOptions = {}): GeometryEqualResult {
  const options = checkOptions<GeometryEqualOptions>('options', options0);
  const tolerance = options.tolerance ?? 1e-9;
  if (typeof tolerance !== 'number' || !(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new TestkitError('out-of-range', 'tolerance', tolerance, 'a finite number ≥ 0');
  }
  const orientation = options.orientation ?? 'ignore';
  if (orientation !== 'ignore' && orientation !== 'strict') {
    throw new TestkitError('invalid-type', 'orientation', orientation, "'ignore' or 'strict'");
  }
  checkGeoJson(expected, 'expected');
  checkGeoJson(actual, 'actual');
  checkCoordinates(expected, 'expected');
  checkCoordinates(actual, 'actual');
  const ctx: Context = { tolerance, loose: orientation === 'ignore', properties: options.properties ?? true };
  const diff = compareGeo(actual as Geo, expected as Geo, '', ctx);
  if (diff === undefined) return { equal: true, path: '', message: '' };
  return { equal: false, path: diff.path, message: diff.path === '' ? diff.why : `${diff.path}: ${diff.why}` };
}

/** How deep each geometry's coordinates nest (a position is depth 1). */
const DEPTH: Record<string, number> = { Point: 1, MultiPoint: 2, LineString: 2, MultiLineString: 3, Polygon: 3, MultiPolygon: 4 };

/**
 * Every geometry's coordinates are arrays nested to its type's depth, down to numbers: checked
 * with a stack (no recursion, so a 50,000-deep collection cannot overflow it), naming the path.
 */
function checkCoordinates(root: unknown, name: string): void {
  const stack: [unknown, string][] = [[root, name]];
  let visited = 0;
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (++visited > 10_000_000) throw new TestkitError('too-large', name, root, 'GeoJSON of at most 10,000,000 parts');
    if (node === null || typeof node !== 'object') continue;
    const g = node as { type?: unknown; coordinates?: unknown; geometries?: unknown; geometry?: unknown; features?: unknown };
    if (g.type === 'FeatureCollection') {
      if (!Array.isArray(g.features))
        throw new TestkitError('invalid-type', `${path}.features`, g.features, 'an array of features');
      g.features.forEach((f, i) => {
        stack.push([f, `${path}.features[${i}]`]);
      });
    } else if (g.type === 'Feature') {
      if (g.geometry !== null) stack.push([g.geometry, `${path}.geometry`]);
    } else if (g.type === 'GeometryCollection') {
      if (!Array.isArray(g.geometries))
        throw new TestkitError('invalid-type', `${path}.geometries`, g.geometries, 'an array of geometries');
      g.geometries.forEach((x, i) => {
        stack.push([x, `${path}.geometries[${i}]`]);
      });
    } else if (typeof g.type === 'string' && Object.hasOwn(DEPTH, g.type)) {
      const want = DEPTH[g.type] as number;
      const arrays: [unknown, string, number][] = [[g.coordinates, `${path}.coordinates`, want]];
      while (arrays.length > 0) {
        const [a, at, depth] = arrays.pop() as [unknown, string, number];
        if (!Array.isArray(a)) throw new TestkitError('invalid-type', at, a, depth === 1 ? 'a position [x, y]' : 'an array');
        if (depth === 1) {
          a.forEach((v, i) => {
            if (typeof v !== 'number') throw new TestkitError('invalid-type', `${at}[${i}]`, v, 'a number');
          });
        } else {
          a.forEach((v, i) => {
            arrays.push([v, `${at}[${i}]`, depth - 1]);
          });
        }
      }
    }
  }
}

interface Context {
  tolerance: number;
  loose: boolean;
  properties: boolean;
}
interface Diff {
  path: string;
  why: string;
}

const geometryTypes = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

function checkGeoJson(x: unknown, argument: string) {
  const type = typeof x === 'object' && x !== null ? (x as Geo).type : undefined;
  if (type !== 'Feature' && type !== 'FeatureCollection' && !(typeof type === 'string' && geometryTypes.has(type))) {
    throw new TestkitError('invalid-type', argument, x, 'a GeoJSON geometry, Feature or FeatureCollection');
  }
}

function join(path: string, key: string) {
  return path === '' ? key : key.startsWith('[') ? `${path}${key}` : `${path}.${key}`;
}

function compareGeo(a: Geo | null, e: Geo | null, path: string, ctx: Context): Diff | undefined {
  if (a === null || e === null)
    return a === e ? undefined : { path, why: `${a === null ? 'null' : a.type}, expected ${e === null ? 'null' : e.type}` };
  if (a.type !== e.type) return { path, why: `type ${a.type}, expected ${e.type}` };
  switch (e.type) {
    case 'FeatureCollection': {
      const af = a.features as Geo[];
      const ef = e.features as Geo[];
      if (af.length !== ef.length) return { path: join(path, 'features'), why: `${af.length} features, expected ${ef.length}` };
      for (let i = 0; i < ef.length; i++) {
        const d = compareGeo(af[i] as Geo, ef[i] as Geo, join(path, `features[${i}]`), ctx);
        if (d) return d;
      }
      return undefined;
    }
    case 'Feature': {
      const d = compareGeo(a.geometry as Geo | null, e.geometry as Geo | null, join(path, 'geometry'), ctx);
      if (d || !ctx.properties) return d;
      return compareValue(a.properties ?? null, e.properties ?? null, join(path, 'properties'), ctx.tolerance);
    }
    case 'GeometryCollection': {
      const ag = a.geometries as Geo[];
      const eg = e.geometries as Geo[];
      if (ag.length !== eg.length)
        return { path: join(path, 'geometries'), why: `${ag.length} geometries, expected ${eg.length}` };
      for (let i = 0; i < eg.length; i++) {
        const d = compareGeo(ag[i] as Geo, eg[i] as Geo, join(path, `geometries[${i}]`), ctx);
        if (d) return d;
      }
      return undefined;
    }
    default:
      return compareCoordinates(e.type, a.coordinates, e.coordinates, join(path, 'coordinates'), ctx);
  }
}

function compareCoordinates(type: string, a: unknown, e: unknown, path: string, ctx: Context): Diff | undefined {
  const t = ctx.tolerance;
  switch (type) {
    case 'Point':
      return samePosition(a as Position, e as Position, t) ? undefined : { path, why: `${show(a)}, expected ${show(e)}` };
    case 'LineString':
      return sameLine(a as Position[], e as Position[], ctx, path);
    case 'Polygon':
      return samePolygon(a as Position[][], e as Position[][], ctx, path);
    case 'MultiPoint':
      return sameParts(a as Position[], e as Position[], ctx, path, (x, y) => samePosition(x, y, t), 'point');
    case 'MultiLineString':
      return sameParts(a as Position[][], e as Position[][], ctx, path, (x, y) => !sameLine(x, y, ctx, ''), 'line');
    case 'MultiPolygon':
      return sameParts(a as Position[][][], e as Position[][][], ctx, path, (x, y) => !samePolygon(x, y, ctx, ''), 'polygon');
    default:
      return { path, why: `unknown geometry type ${type}` };
  }
}

function samePosition(a: Position, e: Position, t: number): boolean {
  if (!Array.isArray(a) || a.length !== e.length) return false;
  for (let i = 0; i < e.length; i++) if (!(Math.abs((a[i] as number) - (e[i] as number)) <= t)) return false;
  return true;
}

function sameSequence(a: readonly Position[], e: readonly Position[], t: number, offset = 0, reverse = false): number {
  // Returns the first index of `e` that differs (−1 when none) with `a` read from `offset`, maybe backwards.
  const n = e.length;
  for (let i = 0; i < n; i++) {
    const j = reverse ? (offset - i + n) % n : (offset + i) % n;
    if (!samePosition(a[j] as Position, e[i] as Position, t)) return i;
  }
  return -1;
}

function sameLine(a: Position[], e: Position[], ctx: Context, path: string): Diff | undefined {
  if (a.length !== e.length) return { path, why: `${a.length} positions, expected ${e.length}` };
  const first = sameSequence(a, e, ctx.tolerance);
  if (first < 0) return undefined;
  if (ctx.loose && sameSequence(a, e, ctx.tolerance, a.length - 1, true) < 0) return undefined;
  return { path: `${path}[${first}]`, why: `${show(a[first])}, expected ${show(e[first])}` };
}

function sameRing(a: Position[], e: Position[], ctx: Context, path: string): Diff | undefined {
  if (a.length !== e.length) return { path, why: `ring of ${a.length} positions, expected ${e.length}` };
  const t = ctx.tolerance;
  const open = (r: Position[]) =>
    r.length > 1 && samePosition(r[0] as Position, r[r.length - 1] as Position, t) ? r.slice(0, -1) : r;
  const ao = open(a);
  const eo = open(e);
  if (ao.length !== eo.length) return { path, why: 'one ring is closed, the other is not' };
  if (eo.length === 0) return undefined;
  for (let k = 0; k < ao.length; k++) {
    if (!samePosition(ao[k] as Position, eo[0] as Position, t)) continue;
    if (sameSequence(ao, eo, t, k) < 0) return undefined;
    if (ctx.loose && sameSequence(ao, eo, t, k, true) < 0) return undefined;
  }
  const first = sameSequence(ao, eo, t);
  const at = Math.max(first, 0);
  return {
    path,
    why: `no ${ctx.loose ? 'start or direction' : 'start vertex'} of the ring matches; read from its first vertex, position ${at} is ${show(ao[at])}, expected ${show(eo[at])}`,
  };
}

function samePolygon(a: Position[][], e: Position[][], ctx: Context, path: string): Diff | undefined {
  if (a.length !== e.length) return { path, why: `${a.length} rings, expected ${e.length}` };
  if (e.length === 0) return undefined;
  const outer = sameRing(a[0] as Position[], e[0] as Position[], ctx, `${path}[0]`);
  if (outer) return outer;
  if (!ctx.loose) {
    for (let i = 1; i < e.length; i++) {
      const d = sameRing(a[i] as Position[], e[i] as Position[], ctx, `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  return sameParts(a.slice(1), e.slice(1), ctx, path, (x, y) => !sameRing(x, y, ctx, ''), 'hole', 1);
}

function sameParts<P>(
  a: P[],
  e: P[],
  ctx: Context,
  path: string,
  same: (x: P, y: P) => boolean,
  noun: string,
  base = 0,
): Diff | undefined {
  if (a.length !== e.length) return { path, why: `${a.length} ${noun}s, expected ${e.length}` };
  if (!ctx.loose) {
    for (let i = 0; i < e.length; i++)
      if (!same(a[i] as P, e[i] as P))
        return { path: `${path}[${i + base}]`, why: `${noun} differs: ${show(a[i])}, expected ${show(e[i])}` };
    return undefined;
  }
  const used = new Uint8Array(a.length);
  for (let i = 0; i < e.length; i++) {
    let found = -1;
    for (let j = 0; j < a.length; j++) {
      if (used[j] === 0 && same(a[j] as P, e[i] as P)) {
        found = j;
        break;
      }
    }
    if (found < 0) return { path: `${path}[${i + base}]`, why: `no ${noun} in actual matches the expected ${show(e[i])}` };
    used[found] = 1;
  }
  return undefined;
}

function compareValue(a: unknown, e: unknown, path: string, t: number): Diff | undefined {
  if (typeof e === 'number' && typeof a === 'number') {
    return Math.abs(a - e) <= t || Object.is(a, e) ? undefined : { path, why: `${a}, expected ${e}` };
  }
  if (Array.isArray(e)) {
    if (!Array.isArray(a) || a.length !== e.length) return { path, why: `${show(a)}, expected ${show(e)}` };
    for (let i = 0; i < e.length; i++) {
      const d = compareValue(a[i], e[i], `${path}[${i}]`, t);
      if (d) return d;
    }
    return undefined;
  }
  if (typeof e === 'object' && e !== null) {
    if (typeof a !== 'object' || a === null || Array.isArray(a)) return { path, why: `${show(a)}, expected ${show(e)}` };
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const k of keys) {
      const d = compareValue((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], `${path}.${k}`, t);
      if (d) return d;
    }
    return undefined;
  }
  return a === e ? undefined : { path, why: `${show(a)}, expected ${show(e)}` };
}

function show(x: unknown): string {
  const s = safeJson(x);
  return s.length > 100 ? `${s.slice(0, 97)}…` : s;
}
