/**
 * A static packed R-tree over boxes (sort-tile-recursive packing, 16 entries a node) with a
 * best-first search under any lower-bound function of a box: the search visits items in
 * increasing lower bound, so it can stop as soon as the next bound exceeds the best distance
 * found. flatbush does the same for planar distance only; the geodesic nearest join needs an
 * ellipsoidal bound.
 */
export class BoxTree {
  /** Node boxes, 4 numbers each: the items first (in packed order), then each level's nodes. */
  private readonly boxes: Float64Array;
  /** For an item slot, the item's id; for a node, the slot of its first child. */
  private readonly refs: Int32Array;
  /** Start of each level in slots; the last level holds the root. */
  private readonly levels: number[];
  private static readonly NODE = 16;

  /** `boxes` holds [minX, minY, maxX, maxY] per item, items numbered from 0. */
  constructor(boxes: Float64Array) {
    const n = boxes.length / 4;
    const order = Array.from({ length: n }, (_, i) => i);
    const cx = (i: number) => (boxes[4 * i] as number) + (boxes[4 * i + 2] as number);
    const cy = (i: number) => (boxes[4 * i + 1] as number) + (boxes[4 * i + 3] as number);
    order.sort((a, b) => cx(a) - cx(b));
    const slice = BoxTree.NODE * Math.max(1, Math.ceil(Math.sqrt(n / BoxTree.NODE)));
    for (let s = 0; s < n; s += slice) {
      const part = order.slice(s, s + slice).sort((a, b) => cy(a) - cy(b));
      for (let k = 0; k < part.length; k++) order[s + k] = part[k] as number;
    }
    let total = n;
    const sizes = [n];
    for (let m = n; m > 1; ) {
      m = Math.ceil(m / BoxTree.NODE);
      sizes.push(m);
      total += m;
    }
    this.boxes = new Float64Array(total * 4);
    this.refs = new Int32Array(total);
    this.levels = [0];
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      this.boxes.set(boxes.subarray(4 * i, 4 * i + 4), 4 * k);
      this.refs[k] = i;
    }
    let start = 0;
    let size = n;
    for (let l = 1; l < sizes.length; l++) {
      const next = start + size;
      this.levels.push(next);
      const count = sizes[l] as number;
      for (let p = 0; p < count; p++) {
        const slot = next + p;
        const first = start + p * BoxTree.NODE;
        const last = Math.min(start + size, first + BoxTree.NODE);
        let x0 = Infinity;
        let y0 = Infinity;
        let x1 = -Infinity;
        let y1 = -Infinity;
        for (let c = first; c < last; c++) {
          x0 = Math.min(x0, this.boxes[4 * c] as number);
          y0 = Math.min(y0, this.boxes[4 * c + 1] as number);
          x1 = Math.max(x1, this.boxes[4 * c + 2] as number);
          y1 = Math.max(y1, this.boxes[4 * c + 3] as number);
        }
        this.boxes.set([x0, y0, x1, y1], 4 * slot);
        this.refs[slot] = first;
      }
      start = next;
      size = count;
    }
    this.levels.push(start + size);
  }

  /**
   * Visits items in increasing `bound(box)`; `visit(item, bound)` returns false to stop. The
   * bound must never exceed the true distance to anything inside the box.
   */
  search(
    bound: (x0: number, y0: number, x1: number, y1: number) => number,
    visit: (item: number, bound: number) => boolean,
  ): void {
    const b = this.boxes;
    const heap = new MinHeap();
    const top = this.levels.length - 2;
    const rootStart = this.levels[top] as number;
    const rootEnd = this.levels[top + 1] as number;
    for (let s = rootStart; s < rootEnd; s++)
      heap.push(s, bound(b[4 * s] as number, b[4 * s + 1] as number, b[4 * s + 2] as number, b[4 * s + 3] as number));
    const items = this.levels[1] as number;
    while (heap.size > 0) {
      const d = heap.peekKey();
      const s = heap.pop();
      if (s < items) {
        if (!visit(this.refs[s] as number, d)) return;
        continue;
      }
      // The children of a node on level l are on level l − 1, from refs[s] for up to NODE slots.
      let l = 1;
      while ((this.levels[l + 1] as number) <= s) l++;
      const end = Math.min(this.levels[l] as number, (this.refs[s] as number) + BoxTree.NODE);
      for (let c = this.refs[s] as number; c < end; c++)
        heap.push(c, bound(b[4 * c] as number, b[4 * c + 1] as number, b[4 * c + 2] as number, b[4 * c + 3] as number));
    }
  }
}

/** A binary min-heap of (slot, key). */
class MinHeap {
  private ids: number[] = [];
  private keys: number[] = [];
  get size(): number {
    return this.ids.length;
  }
  peekKey(): number {
    return this.keys[0] as number;
  }
  push(id: number, key: number): void {
    let i = this.ids.length;
    this.ids.push(id);
    this.keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.keys[p] as number) <= key) break;
      this.ids[i] = this.ids[p] as number;
      this.keys[i] = this.keys[p] as number;
      i = p;
    }
    this.ids[i] = id;
    this.keys[i] = key;
  }
  pop(): number {
    const top = this.ids[0] as number;
    const lastId = this.ids.pop() as number;
    const lastKey = this.keys.pop() as number;
    const n = this.ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (this.keys[c + 1] as number) < (this.keys[c] as number)) c++;
        if ((this.keys[c] as number) >= lastKey) break;
        this.ids[i] = this.ids[c] as number;
        this.keys[i] = this.keys[c] as number;
        i = c;
      }
      this.ids[i] = lastId;
      this.keys[i] = lastKey;
    }
    return top;
  }
}
