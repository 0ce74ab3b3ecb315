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
 * Whether the union of the rectangles `rects` covers the box `target` (closed sets): the plane
 * is cut at every rectangle edge inside the target, and each elementary cell is checked against
 * the rectangles. Exact (comparisons only). Gives up (false) past `limit` elementary cells, so
 * the cost stays bounded whatever the input.
 */
export function rectanglesCover(rects: Box[], target: ArrayLike<number>, limit = 65_536): boolean {
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
  if ((ux.length - 1) * (uy.length - 1) > limit) return false;
  // A degenerate target (a point or a segment) is one cell of zero width or height.
  const cols = Math.max(1, ux.length - 1);
  const rows = Math.max(1, uy.length - 1);
  for (let i = 0; i < cols; i++) {
    const cx0 = ux[i] as number;
    const cx1 = (ux[i + 1] ?? cx0) as number;
    for (let j = 0; j < rows; j++) {
      const cy0 = uy[j] as number;
      const cy1 = (uy[j + 1] ?? cy0) as number;
      let covered = false;
      for (const r of rects)
        if (r[0] <= cx0 && r[2] >= cx1 && r[1] <= cy0 && r[3] >= cy1) {
          covered = true;
          break;
        }
      if (!covered) return false;
    }
  }
  return true;
}
