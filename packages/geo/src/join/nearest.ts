import Flatbush from 'flatbush';
import { assertSameCrs, isGeographic, normaliseCrs } from '../crs.js';
import { GeoError } from '../errors.js';
import type { Feature, GeoCollection, Geometry, Position, Properties } from '../geojson.js';
import { BoxTree } from '../geometry/box-tree.js';
import { checkCollection, checkGeometries, checkOptions } from '../geometry/check.js';
import { clampLatitude, eachPiece, pointPieceDistance, versineOfDistance, versineToBox } from '../geometry/geodesic.js';
import { locatePoint } from '../geometry/locate.js';
import { geometryBbox } from '../geometry/positions.js';
import { planarPointSegment, segmentsCross } from '../geometry/segment.js';
import { geodesicDistance } from '../measure.js';
import { locatePoints } from './points.js';
import { tick } from './progress.js';
import { joined, mergedNames } from './rows.js';

/** Options of {@link nearestJoin}. */
export interface NearestJoinOptions {
  /** Only matches at most this far (metres for WGS 84, CRS units otherwise). */
  maxDistance?: number;
  /** Property that receives the distance (default `'distance'`; `null` for none). */
  distanceProperty?: string | null;
  /** `'inner'` (default) drops left features with no match within `maxDistance`; `'left'` keeps them with nulls. */
  how?: 'inner' | 'left';
  /** Suffixes for property names both sides have (default `['_left', '_right']`). */
  suffixes?: [string, string];
  /** Called every 4,096 left features with the share done. */
  onProgress?: (done: number) => void;
  /** Stops the join with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * GeoPandas' `sjoin_nearest`: each left feature joined to its nearest right feature, every tied
 * nearest one kept (one output feature each), with `index_right` and the distance. In a
 * projected CRS distances are planar, in CRS units, as GeoPandas. On geographic coordinates they
 * are geodesic metres on WGS 84 to the nearest point of the feature (Vincenty), an edge being the
 * straight segment between its vertices in longitude/latitude whatever the longitudes (an edge
 * along the antimeridian stays there); latitudes beyond ±90° by rounding are clamped. A point
 * inside a polygon is at distance 0. Ties are distances equal within a micrometre (geodesic) or
 * exactly (planar).
 *
 * Planar joins use the right side's flatbush index (nearest boxes first, stopping when the next
 * box is farther than the best distance). Geodesic joins of points cut the right edges into
 * pieces of at most 1° in a packed R-tree searched best-first under a geodesic lower bound (ρmin,
 * the ellipsoid's smallest radius of curvature, times the spherical angle to a box): 10,000
 * points against the Natural Earth countries take well under a second. Geodesic joins of lines
 * or polygons on the left measure every right feature.
 *
 * @throws {GeoError} `crs-mismatch` when the collections are in different CRSs; `invalid-geometry`
 *   naming the feature for NaN coordinates, unclosed rings or empty geometries
 *
 * @example
 * import { nearestJoin } from '@ds/geo';
 * const pt = (x, y, name) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [x, y] } });
 * const shops = { type: 'FeatureCollection', crs: 'EPSG:32633', features: [pt(0, 0, 'a'), pt(10, 0, 'b'), pt(-10, 0, 'c')] };
 * const homes = { type: 'FeatureCollection', crs: 'EPSG:32633', features: [pt(1, 0, 'h1'), pt(0, 50, 'h2')] };
 * nearestJoin(homes, shops).features.map((f) => [f.properties.name_left, f.properties.name_right, f.properties.distance]); // => [['h1', 'a', 1], ['h2', 'a', 50]]
 * nearestJoin(homes, shops, { maxDistance: 5 }).features.length; // => 1
 */
export function nearestJoin(left: GeoCollection, right: GeoCollection, options: NearestJoinOptions = {}): GeoCollection {
  checkCollection(left, 'left');
  checkCollection(right, 'right');
  checkOptions(options, 'options');
  const crs = assertSameCrs(left, right, 'nearestJoin');
  const maxDistance = options.maxDistance ?? Infinity;
  if (typeof maxDistance !== 'number' || !(maxDistance >= 0))
    throw new GeoError(
      'out-of-range',
      'maxDistance',
      maxDistance,
      `a distance ≥ 0${typeof maxDistance === 'string' ? ' (a number, not a string)' : ''}`,
    );
  if (options.how !== undefined && options.how !== 'inner' && options.how !== 'left')
    throw new GeoError('invalid-type', 'how', options.how, "'inner' or 'left'");
  const distanceProperty = options.distanceProperty === undefined ? 'distance' : options.distanceProperty;
  checkGeometries(left, 'left');
  checkGeometries(right, 'right');
  const geographic = isGeographic(crs);
  const [sl, sr] = options.suffixes ?? ['_left', '_right'];
  const names = mergedNames(left, right, sl, sr);
  const features: Feature[] = [];
  const emit = (i: number, ties: number[], best: number) => {
    const lf = left.features[i] as Feature;
    if (best > maxDistance) ties = [];
    ties.sort((a, b) => a - b);
    for (const j of ties) {
      const f = joined(lf, right.features[j] as Feature, lf.geometry, j, names, 'index_right');
      if (distanceProperty !== null) (f.properties as Properties)[distanceProperty] = best;
      features.push(f);
    }
    if (ties.length === 0 && options.how === 'left') {
      const f = joined(lf, null, lf.geometry, null, names, 'index_right');
      if (distanceProperty !== null) (f.properties as Properties)[distanceProperty] = null;
      features.push(f);
    }
  };
  if (geographic && left.features.every((f) => f.geometry === null || f.geometry.type === 'Point')) {
    const nearest = geodesicNearestPoints(left, right, options);
    left.features.forEach((_, i) => {
      emit(i, nearest.ties[i] as number[], nearest.distance[i] as number);
    });
    return { type: 'FeatureCollection', features, crs: normaliseCrs(crs) };
  }
  const distance = geographic ? geodesicGeometryDistance : planarGeometryDistance;
  const { index, boxes } = buildIndex(right.features);
  left.features.forEach((lf, i) => {
    tick(options, i, left.features.length);
    const g = lf.geometry;
    let best = Infinity;
    let ties: number[] = [];
    const consider = (j: number) => {
      const rg = right.features[j]!.geometry;
      if (rg === null || g === null) return;
      const d = distance(g, rg);
      if (d < best) {
        best = d;
        ties = [j];
      } else if (d === best) ties.push(j);
    };
    if (g !== null && index !== null) {
      if (geographic) {
        // Lines and polygons on the left, geodesically: every right feature (documented as slow).
        for (let j = 0; j < right.features.length; j++) consider(j);
      } else {
        const b = geometryBbox(g);
        const cx = ((b[0] as number) + (b[2] as number)) / 2;
        const cy = ((b[1] as number) + (b[3] as number)) / 2;
        const halfDiag = Math.hypot((b[2] as number) - cx, (b[3] as number) - cy);
        // Boxes in order of distance from the left box's centre; a box farther than best + the
        // left box's half-diagonal cannot hold a nearer geometry.
        for (const j of index.neighbors(cx, cy, Infinity)) {
          if (boxDistance(boxes, j, cx, cy) - halfDiag > best) break;
          consider(j);
        }
      }
    }
    emit(i, ties, best);
  });
  return { type: 'FeatureCollection', features, crs: normaliseCrs(crs) };
}

function buildIndex(features: Feature[]): { index: Flatbush | null; boxes: Float64Array } {
  const boxes = new Float64Array(features.length * 4);
  const index = features.length === 0 ? null : new Flatbush(features.length);
  features.forEach((f, j) => {
    const b = f.geometry === null ? [Infinity, Infinity, -Infinity, -Infinity] : geometryBbox(f.geometry);
    boxes.set(b, j * 4);
    // Empty geometries get an empty box far away so they never match.
    if (index)
      f.geometry === null
        ? index.add(Infinity, Infinity, Infinity, Infinity)
        : index.add(b[0] as number, b[1] as number, b[2] as number, b[3] as number);
  });
  index?.finish();
  return { index, boxes };
}

/** Two distances closer than this (metres) are a tie: Vincenty's own accuracy is about 0.1 mm. */
const TIE_METRES = 1e-6;

/**
 * The geodesic nearest right feature of every left point. Every right edge is cut into pieces
 * of at most 1° (isolated points are pieces of length 0) and the pieces go into a {@link BoxTree};
 * each point visits pieces in order of a geodesic lower bound (ρmin times the spherical angle to
 * the piece's box) and stops once the bound passes the best distance so far. Pieces are first
 * measured through the sphere's nearest point (an upper bound), and the few within 10⁻⁴ of the
 * best are then refined on the ellipsoid. Points inside a polygon are at 0 from it.
 */
function geodesicNearestPoints(
  left: GeoCollection,
  right: GeoCollection,
  progress: { onProgress?: (done: number) => void; signal?: AbortSignal },
): { distance: Float64Array; ties: number[][] } {
  const pieces: number[] = [];
  const owner: number[] = [];
  const add = (j: number) => (ax: number, ay: number, bx: number, by: number) => {
    pieces.push(ax, ay, bx, by);
    owner.push(j);
  };
  const polygonal: GeoCollection = { type: 'FeatureCollection', features: [] };
  const polygonOwner: number[] = [];
  right.features.forEach((f, j) => {
    const g = f.geometry;
    if (g === null) return;
    const P = cachedParts(g);
    for (const [a, b] of P.edges) eachPiece(a[0] as number, a[1] as number, b[0] as number, b[1] as number, add(j));
    // Isolated points (not vertices of an edge) are pieces of length 0.
    if (P.edges.length === 0) for (const p of P.points) add(j)(p[0] as number, p[1] as number, p[0] as number, p[1] as number);
    walkPolygons(g, (poly) => {
      polygonal.features.push({ type: 'Feature', properties: null, geometry: poly });
      polygonOwner.push(j);
    });
    if (g.type === 'GeometryCollection')
      for (const x of g.geometries)
        if (x.type === 'Point' || x.type === 'MultiPoint')
          for (const p of cachedParts(x).points) add(j)(p[0] as number, p[1] as number, p[0] as number, p[1] as number);
  });
  const n = left.features.length;
  const distance = new Float64Array(n).fill(Infinity);
  const ties: number[][] = Array.from({ length: n }, () => []);
  const rows: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  left.features.forEach((f, i) => {
    if (f.geometry === null) return;
    const c = (f.geometry as { coordinates: Position }).coordinates;
    rows.push(i);
    xs.push(c[0] as number);
    ys.push(clampLatitude(c[1] as number));
  });
  // Inside (or on) a polygon: distance 0.
  const inside = locatePoints({ x: xs, y: ys }, polygonal, 'right');
  const zero: number[][] = rows.map(() => []);
  for (let k = 0; k < inside.point.length; k++)
    zero[inside.point[k] as number]!.push(polygonOwner[inside.polygon[k] as number] as number);
  const m = owner.length;
  const boxes = new Float64Array(m * 4);
  for (let k = 0; k < m; k++) {
    const ax = pieces[4 * k] as number;
    const ay = pieces[4 * k + 1] as number;
    const bx = pieces[4 * k + 2] as number;
    const by = pieces[4 * k + 3] as number;
    boxes[4 * k] = Math.min(ax, bx);
    boxes[4 * k + 1] = Math.min(ay, by);
    boxes[4 * k + 2] = Math.max(ax, bx);
    boxes[4 * k + 3] = Math.max(ay, by);
  }
  const tree = m > 0 ? new BoxTree(boxes) : null;
  const candidates: number[] = [];
  const estimates: number[] = [];
  rows.forEach((i, r) => {
    tick(progress, r, rows.length);
    const lon = xs[r] as number;
    const lat = ys[r] as number;
    let bestEstimate = zero[r]!.length > 0 ? 0 : Infinity;
    let limit = versineOfDistance(bestEstimate);
    const sinLat = Math.sin((lat * Math.PI) / 180);
    const cosLat = Math.cos((lat * Math.PI) / 180);
    candidates.length = 0;
    estimates.length = 0;
    tree?.search(
      (x0, y0, x1, y1) => versineToBox(lon, lat, sinLat, cosLat, x0, y0, x1, y1),
      (k, bound) => {
        if (bound > limit) return false;
        const d = pointPieceDistance(
          lon,
          lat,
          pieces[4 * k] as number,
          pieces[4 * k + 1] as number,
          pieces[4 * k + 2] as number,
          pieces[4 * k + 3] as number,
          false,
        );
        candidates.push(k);
        estimates.push(d);
        if (d < bestEstimate) {
          bestEstimate = d;
          limit = versineOfDistance(d);
        }
        return true;
      },
    );
    // Refine the pieces that may be nearest; the sphere's nearest point is within 10⁻⁵ of the
    // ellipsoid's in distance, so 10⁻⁴ leaves a margin.
    const perFeature = new Map<number, number>();
    for (const j of zero[r] as number[]) perFeature.set(j, 0);
    const refineLimit = bestEstimate * (1 + 1e-4) + TIE_METRES;
    for (let c = 0; c < candidates.length; c++) {
      if ((estimates[c] as number) > refineLimit) continue;
      const k = candidates[c] as number;
      const j = owner[k] as number;
      if (perFeature.get(j) === 0) continue;
      const d = pointPieceDistance(
        lon,
        lat,
        pieces[4 * k] as number,
        pieces[4 * k + 1] as number,
        pieces[4 * k + 2] as number,
        pieces[4 * k + 3] as number,
      );
      const prev = perFeature.get(j);
      if (prev === undefined || d < prev) perFeature.set(j, d);
    }
    let best = Infinity;
    for (const d of perFeature.values()) if (d < best) best = d;
    distance[i] = best;
    for (const [j, d] of perFeature) if (d - best <= TIE_METRES) ties[i]!.push(j);
  });
  return { distance, ties };
}

function walkPolygons(g: Geometry, f: (poly: Geometry) => void): void {
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') f(g);
  else if (g.type === 'GeometryCollection') for (const x of g.geometries) walkPolygons(x, f);
}

function boxDistance(boxes: Float64Array, j: number, x: number, y: number): number {
  const dx = Math.max((boxes[4 * j] as number) - x, 0, x - (boxes[4 * j + 2] as number));
  const dy = Math.max((boxes[4 * j + 1] as number) - y, 0, y - (boxes[4 * j + 3] as number));
  return Math.hypot(dx, dy);
}

/** Vertices and edges of a geometry, and whether it is polygonal. */
function parts(g: Geometry): { points: Position[]; edges: [Position, Position][]; polygonal: boolean } {
  const points: Position[] = [];
  const edges: [Position, Position][] = [];
  const line = (l: Position[]) => {
    for (let i = 0; i < l.length; i++) {
      points.push(l[i] as Position);
      if (i > 0) edges.push([l[i - 1] as Position, l[i] as Position]);
    }
  };
  const walk = (x: Geometry) => {
    switch (x.type) {
      case 'Point':
        points.push(x.coordinates);
        break;
      case 'MultiPoint':
        points.push(...x.coordinates);
        break;
      case 'LineString':
        line(x.coordinates);
        break;
      case 'MultiLineString':
      case 'Polygon':
        x.coordinates.forEach(line);
        break;
      case 'MultiPolygon':
        for (const p of x.coordinates) p.forEach(line);
        break;
      case 'GeometryCollection':
        x.geometries.forEach(walk);
        break;
    }
  };
  walk(g);
  return { points, edges, polygonal: g.type === 'Polygon' || g.type === 'MultiPolygon' };
}

type PointSegment = (p: Position, a: Position, b: Position) => number;

const partsCache = new WeakMap<Geometry, ReturnType<typeof parts>>();

function cachedParts(g: Geometry): ReturnType<typeof parts> {
  let p = partsCache.get(g);
  if (p === undefined) {
    p = parts(g);
    partsCache.set(g, p);
  }
  return p;
}

function geometryDistance(
  a: Geometry,
  b: Geometry,
  pointPoint: (p: Position, q: Position) => number,
  pointSegment: PointSegment,
): number {
  const A = cachedParts(a);
  const B = cachedParts(b);
  // Any vertex of one inside the other polygon, or crossing edges: distance 0.
  if (B.polygonal && A.points.some((p) => locatePoint(p, b) > 0)) return 0;
  if (A.polygonal && B.points.some((p) => locatePoint(p, a) > 0)) return 0;
  if (A.edges.length > 0 && B.edges.length > 0 && edgesCross(A.edges, B.edges)) return 0;
  let best = Infinity;
  const toGeometry = (p: Position, G: ReturnType<typeof parts>) => {
    if (G.edges.length === 0) for (const q of G.points) best = Math.min(best, pointPoint(p, q));
    else for (const [s, e] of G.edges) best = Math.min(best, pointSegment(p, s, e));
  };
  for (const p of A.points) toGeometry(p, B);
  if (A.edges.length > 0) for (const p of B.points) toGeometry(p, A);
  return best;
}

interface EdgeIndex {
  index: Flatbush;
  edges: Float64Array;
}
const edgeIndexCache = new WeakMap<Geometry, EdgeIndex | null>();

/** The edges of a geometry in a flatbush index (null for points), built once per geometry. */
function edgeIndex(g: Geometry): EdgeIndex | null {
  let e = edgeIndexCache.get(g);
  if (e !== undefined) return e;
  const list = cachedParts(g).edges;
  if (list.length === 0) e = null;
  else {
    const edges = new Float64Array(list.length * 4);
    const index = new Flatbush(list.length);
    list.forEach(([a, b], k) => {
      const ax = a[0] as number;
      const ay = a[1] as number;
      const bx = b[0] as number;
      const by = b[1] as number;
      edges.set([ax, ay, bx, by], k * 4);
      index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    });
    index.finish();
    e = { index, edges };
  }
  edgeIndexCache.set(g, e);
  return e;
}

/**
 * Planar distance from a point to a line or polygon. flatbush calls the filter on the leaves of
 * each node it opens, nearest nodes first; an edge whose box is farther than the best distance so
 * far is accepted, which ends the search once it reaches the top of the queue.
 */
function planarPointDistance(p: Position, g: Geometry): number {
  if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && locatePoint(p, g) > 0) return 0;
  const e = edgeIndex(g);
  if (e === null) return geometryDistance({ type: 'Point', coordinates: p }, g, planarPointPoint, planarPointSegment);
  const x = p[0] as number;
  const y = p[1] as number;
  let best = Infinity;
  const E = e.edges;
  e.index.neighbors(x, y, 1, Infinity, (k) => {
    const ax = E[4 * k] as number;
    const ay = E[4 * k + 1] as number;
    const bx = E[4 * k + 2] as number;
    const by = E[4 * k + 3] as number;
    const dx = Math.max(Math.min(ax, bx) - x, 0, x - Math.max(ax, bx));
    const dy = Math.max(Math.min(ay, by) - y, 0, y - Math.max(ay, by));
    if (Math.hypot(dx, dy) > best) return true;
    best = Math.min(best, planarPointSegment(p, [ax, ay], [bx, by]));
    return false;
  });
  return best;
}

function planarPointPoint(p: Position, q: Position): number {
  return Math.hypot((p[0] as number) - (q[0] as number), (p[1] as number) - (q[1] as number));
}

function planarGeometryDistance(a: Geometry, b: Geometry): number {
  if (a.type === 'Point' && b.type !== 'Point') return planarPointDistance(a.coordinates, b);
  if (a.type === 'Point' && b.type === 'Point')
    return Math.hypot(
      (a.coordinates[0] as number) - (b.coordinates[0] as number),
      (a.coordinates[1] as number) - (b.coordinates[1] as number),
    );
  return geometryDistance(
    a,
    b,
    (p, q) => Math.hypot((p[0] as number) - (q[0] as number), (p[1] as number) - (q[1] as number)),
    planarPointSegment,
  );
}

function geodesicGeometryDistance(a: Geometry, b: Geometry): number {
  if (a.type === 'Point' && b.type === 'Point') return geodesicDistance(a.coordinates, b.coordinates);
  return geometryDistance(a, b, geodesicDistance, geodesicPointSegment);
}

function edgesCross(a: [Position, Position][], b: [Position, Position][]): boolean {
  for (const [p, q] of a) for (const [r, s] of b) if (segmentsCross(p, q, r, s)) return true;
  return false;
}

/** Geodesic distance from p to the edge a–b (straight in lon/lat), piece by piece. */
function geodesicPointSegment(p: Position, a: Position, b: Position): number {
  const lon = p[0] as number;
  const lat = clampLatitude(p[1] as number);
  let best = Infinity;
  eachPiece(a[0] as number, a[1] as number, b[0] as number, b[1] as number, (ax, ay, bx, by) => {
    best = Math.min(best, pointPieceDistance(lon, lat, ax, ay, bx, by));
  });
  return best;
}
