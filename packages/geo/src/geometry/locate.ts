import type { Geometry, Position } from '../geojson.js';

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

/** A point against a polygonal geometry (Polygon or MultiPolygon); 0 for any other type. */
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

/**
 * Crossing-number test over the rings [r0, r1) of one polygon stored flat (`xy` interleaved
 * coordinates, `rings` the start of each ring in `xy`, closing position included); 0 outside,
 * 1 inside, 2 on the boundary.
 */
export function locateInFlatPolygon(xy: Float64Array, rings: Int32Array, r0: number, r1: number, x: number, y: number): Location {
  for (let r = r0; r < r1; r++) {
    const s = rings[r] as number;
    const e = rings[r + 1] as number;
    let inside = false;
    for (let i = s, j = e - 2; i < e; j = i, i += 2) {
      const ax = xy[j] as number;
      const ay = xy[j + 1] as number;
      const bx = xy[i] as number;
      const by = xy[i + 1] as number;
      if (ay > y !== by > y) {
        const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        if (cross === 0) return 2;
        if (cross > 0 === by > ay) inside = !inside;
      } else if (ay === y && by === y && (x - ax) * (x - bx) <= 0) return 2;
      else if (ax === x && ay === y) return 2;
    }
    if (r === r0 && !inside) return 0;
    if (r > r0 && inside) return 0;
  }
  return 1;
}
