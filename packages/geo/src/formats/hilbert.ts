/**
 * Row order along a Hilbert curve (order 16) of bbox centres, as GDAL's SORT_BY_BBOX and GeoPandas'
 * `hilbert_distance()` order rows: written by the GeoParquet writer (`sort: 'hilbert'`) and by the
 * FlatGeobuf writer (its packed R-tree wants rows in this order).
 */
import type { Bbox } from './shared.js';

/**
 * Row order along a Hilbert curve (order 16) of the bbox centres of boxes held as four columns
 * (`has[i]` 0 for a row without a box, ordered last); stable.
 */
export function hilbertOrderOf(
  xmin: Float64Array,
  ymin: Float64Array,
  xmax: Float64Array,
  ymax: Float64Array,
  has: Uint8Array,
  total: Bbox,
): Uint32Array {
  const n = xmin.length;
  const keys = new Float64Array(n);
  const w = total[2] - total[0] || 1;
  const h = total[3] - total[1] || 1;
  const side = 0xffff;
  for (let i = 0; i < n; i++) {
    if (!has[i]) {
      keys[i] = -1;
      continue;
    }
    const x = Math.floor(((((xmin[i] as number) + (xmax[i] as number)) / 2 - total[0]) / w) * side);
    const y = Math.floor(((((ymin[i] as number) + (ymax[i] as number)) / 2 - total[1]) / h) * side);
    keys[i] = hilbert(x, y);
  }
  return orderOfKeys(keys);
}

/** Row order along a Hilbert curve (order 16) of the bbox centres; null geometries last. */
export function hilbertOrder(boxes: (Bbox | null)[], total: Bbox): Uint32Array {
  const n = boxes.length;
  const xmin = new Float64Array(n);
  const ymin = new Float64Array(n);
  const xmax = new Float64Array(n);
  const ymax = new Float64Array(n);
  const has = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const b = boxes[i];
    if (!b) continue;
    xmin[i] = b[0];
    ymin[i] = b[1];
    xmax[i] = b[2];
    ymax[i] = b[3];
    has[i] = 1;
  }
  return hilbertOrderOf(xmin, ymin, xmax, ymax, has, total);
}

/** Indexes sorted by key (−1: last), stable. */
function orderOfKeys(keys: Float64Array): Uint32Array {
  const n = keys.length;
  const order = new Uint32Array(n);
  if (n <= 2 ** 20) {
    // key · 2^20 + i is exact below 2^53 (keys ≤ 2^32, nulls last): one native numeric sort, stable by index.
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = (keys[i] === -1 ? 2 ** 32 : (keys[i] as number)) * 2 ** 20 + i;
    packed.sort();
    for (let i = 0; i < n; i++) order[i] = (packed[i] as number) % 2 ** 20;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  const k = (i: number): number => (keys[i] === -1 ? 2 ** 32 : (keys[i] as number));
  return order.sort((a, b) => k(a) - k(b) || a - b);
}

// Hilbert index of (x, y) on a 2^16 grid: the classic rotate-and-flip walk (Hacker's Delight §16),
// taken two levels at a time through a table. The walk's state is the transform the levels above
// left on the bits below: 0 identity, 1 swap x and y, 2 swap and complement both, 3 complement both.
// At one level, with (rx, ry) the transformed bits, the digit is (3·rx) ^ ry, and the walk swaps
// (ry = 0, rx = 0) or swaps and complements (ry = 0, rx = 1) what follows.
const HILBERT_STEP = (() => {
  // one level: [state · 4 + (bx << 1 | by)] → digit · 4 + next state
  const apply = (t: number, bx: number, by: number): [number, number] =>
    t === 0 ? [bx, by] : t === 1 ? [by, bx] : t === 2 ? [1 - by, 1 - bx] : [1 - bx, 1 - by];
  // the transform "first t, then r" as one of the four
  const compose = (r: number, t: number): number => {
    for (let k = 0; k < 4; k++) {
      let same = true;
      for (let q = 0; q < 4; q++) {
        const [x, y] = apply(t, q >> 1, q & 1);
        const [u, v] = apply(r, x, y);
        const [p, w] = apply(k, q >> 1, q & 1);
        if (p !== u || w !== v) same = false;
      }
      if (same) return k;
    }
    throw new Error('unreachable');
  };
  const one = new Uint8Array(16);
  for (let t = 0; t < 4; t++)
    for (let q = 0; q < 4; q++) {
      const [rx, ry] = apply(t, q >> 1, q & 1);
      const r = ry === 0 ? (rx === 1 ? 2 : 1) : 0;
      one[t * 4 + q] = (((3 * rx) ^ ry) << 2) | compose(r, t);
    }
  // two levels: [state · 16 + (bx1 by1 bx0 by0)] → digits · 4 + next state
  const two = new Uint8Array(64);
  for (let t = 0; t < 4; t++)
    for (let q = 0; q < 16; q++) {
      const a = one[t * 4 + (q >> 2)] as number;
      const b = one[(a & 3) * 4 + (q & 3)] as number;
      two[t * 16 + q] = ((((a >> 2) << 2) | (b >> 2)) << 2) | (b & 3);
    }
  return two;
})();
function hilbert(x: number, y: number): number {
  let d = 0;
  let t = 0;
  for (let b = 14; b >= 0; b -= 2) {
    const q = (((x >> (b + 1)) & 1) << 3) | (((y >> (b + 1)) & 1) << 2) | (((x >> b) & 1) << 1) | ((y >> b) & 1);
    const e = HILBERT_STEP[t * 16 + q] as number;
    d = d * 16 + (e >> 2);
    t = e & 3;
  }
  return d;
}
