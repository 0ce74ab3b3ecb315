import type { Geometry, Position } from '../geojson.js';

/** An axis-aligned box `[minX, minY, maxX, maxY]`. */
export type Box = [number, number, number, number];

/**
 * The box of a geometry that is exactly an axis-aligned rectangle of positive area (a Polygon of
 * one closed ring of five positions, each a corner, each edge horizontal or vertical: a grid
 * cell, a map tile, a bounding box), else null. Overlay uses it to cut by GEOS' rectangle
 * clipping instead of a general overlay.
 */
export function rectangleOf(g: Geometry | null): Box | null {
  if (g === null || g.type !== 'Polygon' || g.coordinates.length !== 1) return null;
  const ring = g.coordinates[0] as Position[];
  if (ring.length !== 5) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of ring) {
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x0 < x1 && y0 < y1)) return null;
  const first = ring[0] as Position;
  const last = ring[4] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return null;
  const corners = new Set<number>();
  for (let i = 0; i < 4; i++) {
    const p = ring[i] as Position;
    const q = ring[i + 1] as Position;
    const x = p[0] as number;
    const y = p[1] as number;
    if ((x !== x0 && x !== x1) || (y !== y0 && y !== y1)) return null;
    // Each edge runs along one side: same x or same y as the next corner.
    if (x !== q[0] && y !== q[1]) return null;
    corners.add((x === x0 ? 0 : 1) + (y === y0 ? 0 : 2));
  }
  return corners.size === 4 ? [x0, y0, x1, y1] : null;
}

/** Whether the boxes `inner` and `outer` satisfy inner ⊆ outer. */
export function boxInside(inner: ArrayLike<number>, outer: ArrayLike<number>): boolean {
  return (
    (inner[0] as number) >= (outer[0] as number) &&
    (inner[1] as number) >= (outer[1] as number) &&
    (inner[2] as number) <= (outer[2] as number) &&
    (inner[3] as number) <= (outer[3] as number)
  );
}

/**
 * Whether the union of the rectangles `rects` covers the box `target` (closed sets): the target
 * is cut at every rectangle edge inside it, each rectangle marks the elementary cells it covers,
 * and every cell must be marked. Exact (comparisons only). Gives up (false: the caller then runs
 * the overlay) when the cells, or the marking work, pass `limit`, so the cost stays bounded
 * whatever the input.
 */
export function rectanglesCover(rects: Box[], target: ArrayLike<number>, limit = 1 << 22): boolean {
  const tx0 = target[0] as number;
  const ty0 = target[1] as number;
  const tx1 = target[2] as number;
  const ty1 = target[3] as number;
  const xs = [tx0, tx1];
  const ys = [ty0, ty1];
  for (const r of rects) {
    if (r[0] > tx0 && r[0] < tx1) xs.push(r[0]);
    if (r[2] > tx0 && r[2] < tx1) xs.push(r[2]);
    if (r[1] > ty0 && r[1] < ty1) ys.push(r[1]);
    if (r[3] > ty0 && r[3] < ty1) ys.push(r[3]);
  }
  const ux = [...new Set(xs)].sort((a, b) => a - b);
  const uy = [...new Set(ys)].sort((a, b) => a - b);
  // Cell i spans [ux[i], ux[i + 1]]; a degenerate target (a point or a segment) is one cell of
  // zero width or height.
  const cols = Math.max(1, ux.length - 1);
  const rows = Math.max(1, uy.length - 1);
  if (cols * rows > limit) return false;
  const marked = new Uint8Array(cols * rows);
  /** The cells [first, last] of `u` that the interval [lo, hi] covers whole (last < first for none). */
  const span = (u: number[], n: number, lo: number, hi: number): [number, number] => {
    let a = 0;
    let b = u.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if ((u[m] as number) < lo) a = m + 1;
      else b = m;
    }
    let last = a - 1;
    while (last + 1 < n && ((u[last + 2] ?? u[last + 1]) as number) <= hi) last++;
    return [a, last];
  };
  let work = 0;
  for (const r of rects) {
    const [i0, i1] = span(ux, cols, r[0], r[2]);
    const [j0, j1] = span(uy, rows, r[1], r[3]);
    if (i1 < i0 || j1 < j0) continue;
    work += (i1 - i0 + 1) * (j1 - j0 + 1);
    if (work > limit) return false;
    for (let j = j0; j <= j1; j++) marked.fill(1, j * cols + i0, j * cols + i1 + 1);
  }
  return marked.indexOf(0) === -1;
}
