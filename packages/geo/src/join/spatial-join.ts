import Flatbush from 'flatbush';
import { assertSameCrs } from '../crs.js';
import { GeoError } from '../errors.js';
import type { Feature, GeoCollection, Geometry } from '../geojson.js';
import { checkCollection, checkGeometries, checkOptions } from '../geometry/check.js';
import { destroy, toGeos } from '../geometry/convert.js';
import { geos, geosFailure } from '../geometry/engine.js';
import { geometryBbox } from '../geometry/positions.js';
import { PREDICATES, type Predicate, pointPolygon, polygonPoint } from '../predicates.js';
import { locatePoints } from './points.js';
import { type Progress, tick } from './progress.js';
import { mergedNames, RowBuilder } from './rows.js';

/** Which rows a join keeps: matched pairs only, or also the unmatched rows of one side. */
export type JoinHow = 'inner' | 'left' | 'right';

/** Options of {@link spatialJoin}. */
export interface SpatialJoinOptions {
  /** How the left geometry must relate to the right one (default `'intersects'`); see {@link Predicate}. */
  predicate?: Predicate;
  /** For `predicate: 'dwithin'`: the largest distance, planar in CRS units as GeoPandas (required there). */
  distance?: number;
  /** Default `'inner'`. `'left'` keeps unmatched left features, `'right'` unmatched right ones. */
  how?: JoinHow;
  /** Suffixes for property names both sides have (default `['_left', '_right']`). */
  suffixes?: [string, string];
  /** Called every 4,096 left features with the share done. */
  onProgress?: (done: number) => void;
  /** Stops the join with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * GeoPandas' `sjoin`: one output feature per pair (left, right) that satisfies the predicate,
 * carrying the properties of both sides. Every GeoPandas predicate is offered (see
 * {@link Predicate}), for points, lines and polygons on either side, holes and multi-parts
 * included. The right side goes into a packed R-tree (flatbush); each left feature's bounding box
 * selects candidates; the predicate is then decided exactly:
 *
 * - points against polygons (either way round, every predicate but `dwithin`): by the columnar
 *   path of {@link pointsInPolygons}, in JavaScript, no engine needed;
 * - any other pair: by GEOS through prepared geometries (the right geometry prepared once),
 *   which needs {@link startGeometryEngine} to have run.
 *
 * For `inner` and `left` joins the output has the left geometry, the left properties,
 * `index_right` (the matched right feature's position) and the right properties, in left order
 * and then right order; unmatched left features (with `left`) have `index_right` and the right
 * properties null. A `right` join mirrors it: right geometry, `index_left`, in right order.
 * Property names on both sides get the suffixes. Features with a null geometry match nothing.
 *
 * @throws {GeoError} `crs-mismatch` when the collections are in different CRSs;
 *   `engine-not-started` when a pair needs GEOS before {@link startGeometryEngine};
 *   `invalid-geometry` naming the feature for NaN coordinates, unclosed rings or empty parts
 *
 * @example
 * import { spatialJoin, startGeometryEngine } from '@ds/geo';
 * const square = (x, name) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] } });
 * const zones = { type: 'FeatureCollection', features: [square(0, 'A'), square(1, 'B')] };
 * const trees = { type: 'FeatureCollection', features: [
 *   { type: 'Feature', properties: { name: 'oak' }, geometry: { type: 'Point', coordinates: [0.5, 0.5] } },
 *   { type: 'Feature', properties: { name: 'elm' }, geometry: { type: 'Point', coordinates: [5, 5] } },
 * ] };
 * spatialJoin(trees, zones).features.map((f) => f.properties); // => [{ name_left: 'oak', index_right: 0, name_right: 'A' }]
 * spatialJoin(trees, zones, { how: 'left' }).features[1].properties; // => { name_left: 'elm', index_right: null, name_right: null }
 * // Lines and polygons need the engine: the two squares share an edge, so each touches the other.
 * await startGeometryEngine();
 * spatialJoin(zones, zones, { predicate: 'touches' }).features.map((f) => [f.properties.name_left, f.properties.name_right]); // => [['A', 'B'], ['B', 'A']]
 */
export function spatialJoin(left: GeoCollection, right: GeoCollection, options: SpatialJoinOptions = {}): GeoCollection {
  checkCollection(left, 'left');
  checkCollection(right, 'right');
  checkOptions(options, 'options');
  const predicate = options.predicate ?? 'intersects';
  const how = options.how ?? 'inner';
  if (!PREDICATES.includes(predicate)) {
    throw new GeoError('invalid-type', 'predicate', predicate, PREDICATES.map((p) => `'${p}'`).join(', '));
  }
  if (!['inner', 'left', 'right'].includes(how)) throw new GeoError('invalid-type', 'how', how, "'inner', 'left' or 'right'");
  let distance = 0;
  if (predicate === 'dwithin') {
    const d = options.distance;
    if (typeof d !== 'number' || !(d >= 0) || !Number.isFinite(d))
      throw new GeoError(
        'out-of-range',
        'distance',
        d,
        `a finite distance ≥ 0 in CRS units for predicate 'dwithin'${typeof d === 'string' ? ' (a number, not a string)' : ''}`,
      );
    distance = d;
  } else if (options.distance !== undefined) {
    throw new GeoError('invalid-type', 'distance', options.distance, "nothing unless predicate is 'dwithin'");
  }
  const crs = assertSameCrs(left, right, 'spatialJoin');
  const pairs = matchPairs(left, right, predicate, distance, options);
  const [sl, sr] = options.suffixes ?? ['_left', '_right'];
  const names = mergedNames(left, right, sl, sr);
  const L = left.features;
  const R = right.features;
  const nPairs = pairs.left.length;
  let features: Feature[];
  if (how === 'right') {
    const rows = new RowBuilder(names, 'index_left', R.length);
    // Pairs by right then left: count per right feature, then place.
    const start = new Int32Array(R.length + 1);
    for (let k = 0; k < nPairs; k++) {
      const at = (pairs.right[k] as number) + 1;
      start[at] = (start[at] as number) + 1;
    }
    let unmatched = 0;
    for (let j = 0; j < R.length; j++) {
      if (start[j + 1] === 0) unmatched++;
      start[j + 1] = (start[j + 1] as number) + (start[j] as number);
    }
    const byRight = new Int32Array(nPairs);
    const fill = start.slice(0, R.length);
    for (let k = 0; k < nPairs; k++) {
      const j = pairs.right[k] as number;
      byRight[fill[j] as number] = pairs.left[k] as number;
      fill[j] = (fill[j] as number) + 1;
    }
    features = new Array(nPairs + unmatched);
    let o = 0;
    for (let j = 0; j < R.length; j++) {
      const rf = R[j] as Feature;
      const s = start[j] as number;
      const e = start[j + 1] as number;
      if (s === e) features[o++] = rows.row(null, rf, j, null, rf.geometry);
      for (let m = s; m < e; m++) {
        const i = byRight[m] as number;
        features[o++] = rows.row(L[i] as Feature, rf, j, i, rf.geometry);
      }
    }
  } else {
    const rows = new RowBuilder(names, 'index_right', R.length);
    let matchedLeft = 0;
    for (let k = 0; k < nPairs; k++) if (k === 0 || pairs.left[k] !== pairs.left[k - 1]) matchedLeft++;
    features = new Array(nPairs + (how === 'left' ? L.length - matchedLeft : 0));
    let o = 0;
    let k = 0;
    for (let i = 0; i < L.length; i++) {
      const lf = L[i] as Feature;
      if (k < nPairs && pairs.left[k] === i) {
        do {
          const j = pairs.right[k] as number;
          features[o++] = rows.row(lf, R[j] as Feature, j, null, lf.geometry);
          k++;
        } while (k < nPairs && pairs.left[k] === i);
      } else if (how === 'left') features[o++] = rows.row(lf, null, -1, null, lf.geometry);
    }
  }
  return { type: 'FeatureCollection', features, crs };
}

/** Matched pairs as parallel arrays, sorted by left then right index. */
export interface Pairs {
  left: Int32Array;
  right: Int32Array;
}

function allOf(c: GeoCollection, types: string[]): boolean {
  const [a, b] = types;
  for (const f of c.features) {
    const g = f.geometry;
    if (g !== null && g.type !== a && (b === undefined || g.type !== b)) return false;
  }
  return true;
}

const POLYGONAL = ['Polygon', 'MultiPolygon'];

/** The (left, right) index pairs for which `predicate(left, right)` holds, by left then right. */
export function matchPairs(
  left: GeoCollection,
  right: GeoCollection,
  predicate: Predicate,
  distance: number,
  progress: Progress,
): Pairs {
  if (predicate !== 'dwithin' && allOf(right, POLYGONAL)) {
    const points = pointColumns(left, 'left');
    if (points !== null) return pointPairs(points, right, 'right', (loc) => pointPolygon(predicate, loc), false, progress);
  }
  if (predicate !== 'dwithin' && allOf(left, POLYGONAL)) {
    const points = pointColumns(right, 'right');
    if (points !== null) return pointPairs(points, left, 'left', (loc) => polygonPoint(predicate, loc), true, progress);
  }
  checkGeometries(left, 'left');
  checkGeometries(right, 'right');
  return enginePairs(left, right, predicate, distance, progress);
}

/** The points of a collection as columns (with the feature of each; null geometries skipped). */
interface Columns {
  rows: Int32Array;
  xs: Float64Array;
  ys: Float64Array;
  n: number;
}

/**
 * One pass over a collection: null unless every geometry is a Point (or null), else their
 * coordinates as columns. A point with bad coordinates is reported only once all are known to be
 * points (a mixed collection goes to the engine, which names the problem its own way).
 */
function pointColumns(c: GeoCollection, name: string): Columns | null {
  const all = c.features;
  const rows = new Int32Array(all.length);
  const xs = new Float64Array(all.length);
  const ys = new Float64Array(all.length);
  let n = 0;
  let bad = -1;
  for (let i = 0; i < all.length; i++) {
    const g = (all[i] as Feature).geometry;
    if (g === null) continue;
    if (g.type !== 'Point') return null;
    const c = (g as { coordinates: number[] }).coordinates;
    const x = c?.[0];
    const y = c?.[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      if (bad < 0) bad = i;
      continue;
    }
    rows[n] = i;
    xs[n] = x;
    ys[n] = y;
    n++;
  }
  if (bad >= 0) {
    const c = ((all[bad] as Feature).geometry as { coordinates: number[] }).coordinates;
    if (!Array.isArray(c) || c.length === 0)
      throw new GeoError(
        'invalid-geometry',
        `${name}.features[${bad}].geometry.coordinates`,
        c,
        'a non-empty position; a feature without a geometry has geometry: null',
      );
    throw new GeoError(
      'invalid-geometry',
      `${name}.features[${bad}].geometry.coordinates`,
      c,
      'a position of finite numbers [x, y]',
    );
  }
  return { rows, xs, ys, n };
}

/** Points against polygons by the columnar path; `swap` when the points are the right side. */
function pointPairs(
  { rows, xs, ys, n }: Columns,
  polygons: GeoCollection,
  polygonsName: string,
  keep: (loc: 0 | 1 | 2) => boolean,
  swap: boolean,
  progress: Progress,
): Pairs {
  const found = locatePoints({ x: xs.subarray(0, n), y: ys.subarray(0, n) }, polygons, polygonsName, progress, 0xfff);
  // Points with no location entry are outside every polygon: only predicates true outside would
  // need them, and none is.
  const m = found.point.length;
  const P = new Int32Array(m);
  const G = new Int32Array(m);
  let kept = 0;
  for (let k = 0; k < m; k++) {
    if (!keep(found.location[k] as 0 | 1 | 2)) continue;
    P[kept] = rows[found.point[k] as number] as number;
    G[kept] = found.polygon[k] as number;
    kept++;
  }
  const p = P.slice(0, kept);
  const g = G.slice(0, kept);
  if (swap) {
    const order = Array.from(g, (_, k) => k).sort(
      (a, b) => (g[a] as number) - (g[b] as number) || (p[a] as number) - (p[b] as number),
    );
    return { left: Int32Array.from(order, (k) => g[k] as number), right: Int32Array.from(order, (k) => p[k] as number) };
  }
  return { left: p, right: g };
}

function typesOf(c: GeoCollection): string {
  return (
    [...new Set(c.features.filter((f) => f.geometry !== null).map((f) => (f.geometry as Geometry).type))].join('/') || 'nothing'
  );
}

/** Any pair, decided by GEOS' prepared predicates (right prepared once; left for contains_properly). */
function enginePairs(
  left: GeoCollection,
  right: GeoCollection,
  predicate: Predicate,
  distance: number,
  progress: Progress,
): Pairs {
  const e = geos(`spatialJoin(predicate: '${predicate}') of ${typesOf(left)} against ${typesOf(right)}`);
  const M = e.module;
  const ctx = e.ctx;
  const L: number[] = [];
  const R: number[] = [];
  const n = right.features.length;
  if (n === 0 || left.features.length === 0) return { left: new Int32Array(), right: new Int32Array() };
  const index = new Flatbush(n);
  for (const f of right.features) {
    if (f.geometry === null) index.add(Infinity, Infinity, Infinity, Infinity);
    else {
      const b = geometryBbox(f.geometry);
      index.add(b[0] as number, b[1] as number, b[2] as number, b[3] as number);
    }
  }
  index.finish();
  const geoms = new Int32Array(n);
  const prepared = new Int32Array(n);
  const owned: number[] = [];
  const rightGeom = (j: number): number => {
    if (geoms[j] === 0) {
      geoms[j] = toGeos(e, right.features[j]!.geometry as Geometry, `right.features[${j}].geometry`);
      owned.push(geoms[j] as number);
    }
    return geoms[j] as number;
  };
  const rightPrepared = (j: number): number => {
    if (prepared[j] === 0) prepared[j] = M._GEOSPrepare_r(ctx, rightGeom(j));
    return prepared[j] as number;
  };
  // predicate(left, right) asked of the prepared right geometry as its converse.
  const ask: (prep: number, g: number) => number = {
    intersects: (p: number, g: number) => M._GEOSPreparedIntersects_r(ctx, p, g),
    within: (p: number, g: number) => M._GEOSPreparedContains_r(ctx, p, g),
    contains: (p: number, g: number) => M._GEOSPreparedWithin_r(ctx, p, g),
    covers: (p: number, g: number) => M._GEOSPreparedCoveredBy_r(ctx, p, g),
    covered_by: (p: number, g: number) => M._GEOSPreparedCovers_r(ctx, p, g),
    touches: (p: number, g: number) => M._GEOSPreparedTouches_r(ctx, p, g),
    crosses: (p: number, g: number) => M._GEOSPreparedCrosses_r(ctx, p, g),
    overlaps: (p: number, g: number) => M._GEOSPreparedOverlaps_r(ctx, p, g),
    dwithin: (p: number, g: number) => M._GEOSPreparedDistanceWithin_r(ctx, p, g, distance),
    contains_properly: (p: number, g: number) => M._GEOSPreparedContainsProperly_r(ctx, p, g),
  }[predicate];
  try {
    left.features.forEach((lf, i) => {
      tick(progress, i, left.features.length);
      if (lf.geometry === null) return;
      const b = geometryBbox(lf.geometry);
      const candidates = index.search(
        (b[0] as number) - distance,
        (b[1] as number) - distance,
        (b[2] as number) + distance,
        (b[3] as number) + distance,
      );
      if (candidates.length === 0) return;
      candidates.sort((x, y) => x - y);
      const lg = toGeos(e, lf.geometry, `left.features[${i}].geometry`);
      const lp = predicate === 'contains_properly' ? M._GEOSPrepare_r(ctx, lg) : 0;
      try {
        for (const j of candidates) {
          const r = predicate === 'contains_properly' ? (ask(lp, rightGeom(j)) as number) : (ask(rightPrepared(j), lg) as number);
          if (r === 1) {
            L.push(i);
            R.push(j);
          } else if (r !== 0) {
            throw new GeoError(
              'engine-failed',
              `left.features[${i}]`,
              `right.features[${j}]`,
              'geometries GEOS can relate',
              `spatialJoin: GEOS could not decide '${predicate}' for left.features[${i}] and right.features[${j}] (${geosFailure()}); repair invalid geometries with makeValid`,
            );
          }
        }
      } finally {
        if (lp) M._GEOSPreparedGeom_destroy_r(ctx, lp);
        destroy(e, lg);
      }
    });
  } finally {
    for (let j = 0; j < n; j++) if (prepared[j]) M._GEOSPreparedGeom_destroy_r(ctx, prepared[j] as number);
    for (const g of owned) destroy(e, g);
  }
  return { left: Int32Array.from(L), right: Int32Array.from(R) };
}
