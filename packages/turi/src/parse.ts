import { checkOptions, optionalBoolean } from './check.js';
import { describeValue, TuriError } from './errors.js';

export interface ParseEdgeListOptions {
  /**
   * `true` (default): give nodes dense indices 0 … n − 1 in order of first appearance and return
   * the original ids in `ids` (ids may be any whole numbers up to 2⁵³, as Twitter's are).
   * `false`: the ids are the node indices already (each below 2³²).
   */
  relabel?: boolean;
}

/** A parsed edge list: edge k is `from[k]` follows `to[k]`. */
export interface EdgeList {
  from: Uint32Array;
  to: Uint32Array;
  /** The number of nodes: the distinct ids, or the largest id + 1 without relabelling. */
  nodeCount: number;
  /** The original id of each node index, when relabelled. */
  ids: Float64Array | undefined;
}

const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const CR = 13;
const LF = 10;
const ZERO = 48;
const NINE = 57;
const HASH = 35;
const PERCENT = 37;

/**
 * Parses a text edge list, one `follower followee` pair a line (the SNAP format of ego-Twitter:
 * whitespace or a comma between the ids, lines starting with `#` or `%` are comments, blank
 * lines skipped). Reads bytes directly, without splitting into strings, so a file of millions of
 * edges parses in well under a second.
 *
 * @param input - the text, or its UTF-8 bytes (as read from a file)
 * @throws {TuriError} `parse-error` naming the line of a malformed row
 *
 * @example
 * import { parseEdgeList } from '@ds/turi';
 * const edges = parseEdgeList('# follower followee\n214328887 34428380\n17116707 28465635\n34428380 214328887\n');
 * Array.from(edges.from); // => [0, 2, 1]
 * Array.from(edges.to); // => [1, 3, 0]
 * edges.ids?.[0]; // => 214328887
 */
export function parseEdgeList(input: string | Uint8Array, options: ParseEdgeListOptions = {}): EdgeList {
  const o = checkOptions<ParseEdgeListOptions>('options', options);
  const relabel = optionalBoolean('relabel', o.relabel, true);
  let bytes: Uint8Array;
  if (typeof input === 'string') bytes = new TextEncoder().encode(input);
  else if (input instanceof Uint8Array) bytes = input;
  else throw new TuriError('invalid-type', 'input', input, 'a string or a Uint8Array');
  const len = bytes.length;
  // The shortest edge line is "0 0\n": at most len / 4 + 1 edges.
  const capacity = Math.floor(len / 4) + 1;
  const from = new Uint32Array(capacity);
  const to = new Uint32Array(capacity);
  const index = new IdIndex();
  let maxId = -1;
  let m = 0;
  let line = 1;
  let p = 0;
  const fail = (what: string): never => {
    const end = bytes.indexOf(LF, p);
    const text = new TextDecoder().decode(bytes.subarray(lineStart, end < 0 ? len : end)).replace(/\r$/, '');
    // The argument is the input; the message says where in it.
    throw new TuriError(
      'parse-error',
      'input',
      text,
      what,
      `input line ${line} must be ${what}, got ${describeValue(text.slice(0, 200))}`,
    );
  };
  let lineStart = 0;
  while (p < len) {
    lineStart = p;
    let c = bytes[p]!;
    while ((c === SPACE || c === TAB) && p < len) c = bytes[++p]!;
    if (p >= len) break;
    if (c === LF || c === CR || c === HASH || c === PERCENT) {
      while (p < len && bytes[p] !== LF) p++;
      p++;
      line++;
      continue;
    }
    const pair = [0, 0];
    for (let side = 0; side < 2; side++) {
      if (side === 1) {
        let gap = 0;
        while (p < len && (bytes[p] === SPACE || bytes[p] === TAB || bytes[p] === COMMA)) {
          p++;
          gap++;
        }
        if (gap === 0) fail('two whole-number ids separated by a space, a tab or a comma');
      }
      let value = 0;
      let digits = 0;
      while (p < len) {
        const d = bytes[p]!;
        if (d < ZERO || d > NINE) break;
        value = value * 10 + (d - ZERO);
        digits++;
        p++;
      }
      if (digits === 0) fail('two whole-number ids separated by a space, a tab or a comma');
      if (value > Number.MAX_SAFE_INTEGER) fail('ids below 2^53');
      pair[side] = value;
    }
    while (p < len && (bytes[p] === SPACE || bytes[p] === TAB || bytes[p] === CR)) p++;
    if (p < len && bytes[p] !== LF) fail('two whole-number ids separated by a space, a tab or a comma');
    p++;
    line++;
    const [a, b] = pair as [number, number];
    if (relabel) {
      from[m] = index.indexOf(a);
      to[m] = index.indexOf(b);
    } else {
      if (a > 0xfffffffe || b > 0xfffffffe) fail('ids below 2^32 - 1 (or parse with relabel: true)');
      from[m] = a;
      to[m] = b;
      if (a > maxId) maxId = a;
      if (b > maxId) maxId = b;
    }
    m++;
  }
  return {
    from: from.slice(0, m),
    to: to.slice(0, m),
    nodeCount: relabel ? index.size : maxId + 1,
    ids: relabel ? index.ids() : undefined,
  };
}

/**
 * Dense indices for ids up to 2⁵³ in order of first appearance: open addressing with linear
 * probing over typed arrays. A `Map` boxes ids above 2³¹ as heap numbers; this does not, which
 * makes relabelling Twitter-sized ids several times faster.
 */
class IdIndex {
  size = 0;
  private keys = new Float64Array(1 << 16);
  private slots = new Int32Array(1 << 16).fill(-1);
  private order = new Float64Array(1 << 15);

  indexOf(id: number): number {
    let mask = this.slots.length - 1;
    let h = hash(id) & mask;
    for (;;) {
      const slot = this.slots[h]!;
      if (slot < 0) break;
      if (this.keys[h] === id) return slot;
      h = (h + 1) & mask;
    }
    const index = this.size++;
    if (index >= this.order.length) {
      const grown = new Float64Array(this.order.length * 2);
      grown.set(this.order);
      this.order = grown;
    }
    this.order[index] = id;
    if (this.size * 2 > this.slots.length) {
      this.rehash();
      mask = this.slots.length - 1;
      h = hash(id) & mask;
      while (this.slots[h]! >= 0) h = (h + 1) & mask;
    }
    this.keys[h] = id;
    this.slots[h] = index;
    return index;
  }

  ids(): Float64Array {
    return this.order.slice(0, this.size);
  }

  private rehash(): void {
    const capacity = this.slots.length * 2;
    const mask = capacity - 1;
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity).fill(-1);
    // Every id but the one being added (its index is size − 1; the caller places it).
    for (let i = 0; i < this.size - 1; i++) {
      const id = this.order[i]!;
      let h = hash(id) & mask;
      while (this.slots[h]! >= 0) h = (h + 1) & mask;
      this.keys[h] = id;
      this.slots[h] = i;
    }
  }
}

/** A 32-bit mix of both halves of an id below 2⁵³ (the murmur3 finaliser). */
function hash(id: number): number {
  let h = (id >>> 0) ^ Math.imul(Math.floor(id / 4294967296), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
