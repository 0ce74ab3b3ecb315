import { booleanContains, booleanWithin } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Geometry, Position } from './geojson.js';

/** Where a point lies relative to a ring or polygon: 0 outside, 1 inside, 2 on the boundary. */
export type Location = 0 | 1 | 2;

/**
 * Crossing-number test of a point against a closed ring, with points on an edge reported as on
 * the boundary (exact: the collinearity test is the sign of a cross product).
 */
export function pointInRing(p: Position, ring: Position[]): Location {
  const x = p[0] as number;
  const y = p[1] as number;
  let inside = false;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    const ax = a[0] as number;
    const ay = a[1] as number;
    const bx = b[0] as number;
    const by = b[1] as number;
    if (ay > y !== by > y) {
      const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      if (cross === 0) return 2;
      if (cross > 0 === by > ay) inside = !inside;
    } else if (ay === y && by === y && (x - ax) * (x - bx) <= 0) {
      return 2;
    } else if (ax === x && ay === y) {
      return 2;
    }
  }
  return inside ? 1 : 0;
}

/** A point against one polygon (outer ring, then holes). */
export function pointInPolygonRings(p: Position, rings: Position[][]): Location {
  const outer = pointInRing(p, rings[0] as Position[]);
  if (outer !== 1) return outer;
  for (let h = 1; h < rings.length; h++) {
    const r = pointInRing(p, rings[h] as Position[]);
    if (r === 2) return 2;
    if (r === 1) return 0;
  }
  return 1;
}

/** A point against a polygonal geometry (Polygon or MultiPolygon). */
export function locatePoint(p: Position, g: Geometry): Location {
  if (g.type === 'Polygon') return pointInPolygonRings(p, g.coordinates);
  if (g.type === 'MultiPolygon') {
    let best: Location = 0;
    for (const poly of g.coordinates) {
      const r = pointInPolygonRings(p, poly);
      if (r === 1) return 1;
      if (r === 2) best = 2;
    }
    return best;
  }
  return 0;
}

/** A spatial predicate of a join: how the left geometry relates to the right one. */
export type Predicate = 'intersects' | 'within' | 'contains';

/**
 * The predicate between two geometries, as Shapely defines it: `within` and `contains` need an
 * interior point in common (a point on a polygon's boundary is not within it), `intersects` any
 * point. Point–polygon pairs are decided here exactly; other pairs by Turf's boolean functions.
 */
export function relate(left: Geometry, right: Geometry, predicate: Predicate): boolean {
  const lp = left.type === 'Point';
  const rp = right.type === 'Point';
  const rPoly = right.type === 'Polygon' || right.type === 'MultiPolygon';
  const lPoly = left.type === 'Polygon' || left.type === 'MultiPolygon';
  if (lp && rPoly) {
    const loc = locatePoint(left.coordinates, right);
    return predicate === 'intersects' ? loc > 0 : predicate === 'within' ? loc === 1 : false;
  }
  if (lPoly && rp) {
    const loc = locatePoint(right.coordinates, left);
    return predicate === 'intersects' ? loc > 0 : predicate === 'contains' ? loc === 1 : false;
  }
  if (lp && rp) {
    const same = left.coordinates[0] === right.coordinates[0] && left.coordinates[1] === right.coordinates[1];
    return same;
  }
  // biome-ignore lint/suspicious/noExplicitAny: Turf's typings want its own GeoJSON types
  const a = left as any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const b = right as any;
  if (predicate === 'intersects') return intersects(left, right);
  if (predicate === 'within') return booleanWithin(a, b);
  return booleanContains(a, b);
}

/** Vertices and edges of a geometry. */
function skeleton(g: Geometry): { points: Position[]; edges: number[] } {
  const points: Position[] = [];
  const edges: number[] = [];
  const line = (l: Position[]) => {
    for (let i = 0; i < l.length; i++) {
      points.push(l[i] as Position);
      if (i > 0) {
        const a = l[i - 1] as Position;
        const b = l[i] as Position;
        edges.push(a[0] as number, a[1] as number, b[0] as number, b[1] as number);
      }
    }
  };
  const walk = (x: Geometry) => {
    if (x.type === 'Point') points.push(x.coordinates);
    else if (x.type === 'MultiPoint') points.push(...x.coordinates);
    else if (x.type === 'LineString') line(x.coordinates);
    else if (x.type === 'MultiLineString' || x.type === 'Polygon') x.coordinates.forEach(line);
    else if (x.type === 'MultiPolygon') for (const p of x.coordinates) p.forEach(line);
    else for (const c of x.geometries) walk(c);
  };
  walk(g);
  return { points, edges };
}

function isPolygonal(g: Geometry): boolean {
  return g.type === 'Polygon' || g.type === 'MultiPolygon';
}

/**
 * Whether two geometries share any point: a vertex of one in (or on) the other polygon, or two
 * edges that touch or cross (edges of the larger geometry in a flatbush index).
 */
function intersects(a: Geometry, b: Geometry): boolean {
  const A = skeleton(a);
  const B = skeleton(b);
  const [big, small] = A.edges.length >= B.edges.length ? [A, B] : [B, A];
  if (small.edges.length > 0) {
    const n = big.edges.length / 4;
    const index = new Flatbush(n);
    const e = big.edges;
    for (let k = 0; k < e.length; k += 4) {
      index.add(
        Math.min(e[k] as number, e[k + 2] as number),
        Math.min(e[k + 1] as number, e[k + 3] as number),
        Math.max(e[k] as number, e[k + 2] as number),
        Math.max(e[k + 1] as number, e[k + 3] as number),
      );
    }
    index.finish();
    const s = small.edges;
    for (let k = 0; k < s.length; k += 4) {
      const hit = index.search(
        Math.min(s[k] as number, s[k + 2] as number),
        Math.min(s[k + 1] as number, s[k + 3] as number),
        Math.max(s[k] as number, s[k + 2] as number),
        Math.max(s[k + 1] as number, s[k + 3] as number),
        (m) => segmentsTouch(s, k, e, m * 4),
      );
      if (hit.length > 0) return true;
    }
    // No edges meet: each ring lies wholly inside or outside the other geometry, so one vertex
    // per ring decides.
    if (isPolygonal(b) && ringStarts(a).some((p) => locatePoint(p, b) > 0)) return true;
    if (isPolygonal(a) && ringStarts(b).some((p) => locatePoint(p, a) > 0)) return true;
    return false;
  }
  // Points against the other geometry.
  const other = small === A ? b : a;
  for (const p of small.points) {
    if (isPolygonal(other) && locatePoint(p, other) > 0) return true;
    for (let k = 0; k < big.edges.length; k += 4) if (onSegment(p[0] as number, p[1] as number, big.edges, k)) return true;
    if (big.edges.length === 0 && big.points.some((q) => q[0] === p[0] && q[1] === p[1])) return true;
  }
  return false;
}

function ringStarts(g: Geometry): Position[] {
  if (g.type === 'Polygon' || g.type === 'MultiLineString') return g.coordinates.map((r) => r[0] as Position);
  if (g.type === 'MultiPolygon') return g.coordinates.flatMap((p) => p.map((r) => r[0] as Position));
  if (g.type === 'LineString') return [g.coordinates[0] as Position];
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(ringStarts);
  return [];
}

function cross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function onSegment(x: number, y: number, e: number[], k: number): boolean {
  const ax = e[k] as number;
  const ay = e[k + 1] as number;
  const bx = e[k + 2] as number;
  const by = e[k + 3] as number;
  return (
    cross(ax, ay, bx, by, x, y) === 0 &&
    Math.min(ax, bx) <= x &&
    x <= Math.max(ax, bx) &&
    Math.min(ay, by) <= y &&
    y <= Math.max(ay, by)
  );
}

/** Closed segments share a point (crossing, touching or overlapping). */
function segmentsTouch(s: number[], k: number, t: number[], m: number): boolean {
  const [px, py, qx, qy] = [s[k] as number, s[k + 1] as number, s[k + 2] as number, s[k + 3] as number];
  const [rx, ry, ux, uy] = [t[m] as number, t[m + 1] as number, t[m + 2] as number, t[m + 3] as number];
  const d1 = cross(rx, ry, ux, uy, px, py);
  const d2 = cross(rx, ry, ux, uy, qx, qy);
  const d3 = cross(px, py, qx, qy, rx, ry);
  const d4 = cross(px, py, qx, qy, ux, uy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return onSegment(px, py, t, m) || onSegment(qx, qy, t, m) || onSegment(rx, ry, s, k) || onSegment(ux, uy, s, k);
}
