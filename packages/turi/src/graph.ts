import { checkOptions } from './check.js';
import { checkCount, TuriError } from './errors.js';

/** Node indices or counts: a typed array (fastest) or an array of numbers. */
export type NumberArray = Uint32Array | Int32Array | Float64Array | readonly number[];

/**
 * A follower graph: edge k is `from[k]` follows `to[k]`; nodes are 0 … `tweetCount.length` − 1.
 * The options may ride along (`{ from, to, tweetCount, minTweets: 20 }`); the second argument wins.
 */
export interface TuriGraphInput extends TuriGraphOptions {
  /** The follower of each edge (a node index). */
  from: NumberArray;
  /** The followee of each edge (a node index). */
  to: NumberArray;
  /** T per node: its post count. Its length is the number of nodes. */
  tweetCount: NumberArray;
  /**
   * NF per node. Default: the in-degree in this graph. Give it for crawled data, where a
   * follower's count comes from its profile and most of its own followers were not crawled.
   */
  followersCount?: NumberArray;
}

export interface TuriGraphOptions {
  /** `'as-one'` (default, 2018): T = 0 counts as 1; `'exclude'`: NaN for a node with no posts. */
  zeroTweets?: 'as-one' | 'exclude';
  /** NaN for a node with fewer posts than this (the recorded count, before `'as-one'`). Default 0. */
  minTweets?: number;
}

/**
 * TURI for every node of a follower graph given as typed arrays: IFᵢ is the mean follower count
 * of i's followers, TURIᵢ = IFᵢ / Tᵢ. The result is indexed by node and holds NaN where the index
 * is undefined (no followers, no posts under `'exclude'`, or fewer than `minTweets` posts); the
 * per-account {@link turi} gives the reason instead. Edges are a multiset: a repeated edge counts
 * twice. O(nodes + edges): one pass over the edges to sum the followers' counts into their
 * followees (two when the counts are the in-degrees), no sort, no allocation per node. `from` and
 * `to` as `Uint32Array` (or `Int32Array`) are read in place; other arrays are copied once.
 *
 * @throws {TuriError} when `from` and `to` differ in length, an edge names an unknown node, or a
 *   count is negative or fractional (naming the array and the row)
 *
 * @example
 * import { turiForGraph } from '@ds/turi';
 * // 0 and 1 follow 2; 2 follows 0; node 1 has no followers.
 * const scores = turiForGraph({ from: [0, 1, 2], to: [2, 2, 0], tweetCount: [4, 1, 2] });
 * scores[2]; // => 0.25
 * scores[0]; // => 0.5
 * Number.isNaN(scores[1]); // => true
 */
export function turiForGraph(graph: TuriGraphInput, options: TuriGraphOptions = {}): Float64Array {
  checkOptions('options', options);
  const n = checkGraphShape(graph);
  const zeroTweets = checkZeroTweets(options.zeroTweets ?? graph.zeroTweets);
  const minTweets = checkCount('minTweets', options.minTweets ?? graph.minTweets ?? 0);
  const from = nodeIndices(graph.from, n);
  const to = nodeIndices(graph.to, n);
  // The result holds each node's sum of its followers' counts until the last loop divides it.
  const out = new Float64Array(n);
  const followers = new Int32Array(n);
  const given = graph.followersCount;
  const valid =
    from !== undefined &&
    to !== undefined &&
    (given === undefined
      ? sumInDegrees(from, to, n, followers, out)
      : sumGivenCounts(from, to, given instanceof Float64Array ? given : Float64Array.from(given), n, followers, out));
  if (!valid) throw firstUnknownNode(graph, n);
  const silent = zeroTweets === 'as-one' ? 1 : Number.NaN;
  const { tweetCount } = graph;
  for (let i = 0; i < n; i++) {
    const c = followers[i]!;
    const t = tweetCount[i]!;
    out[i] = c === 0 || t < minTweets ? Number.NaN : out[i]! / c / (t === 0 ? silent : t);
  }
  return out;
}

// The two kernels below read eight edges a step: V8 then checks the arrays' maps, the stack and
// the loop bound once per eight edges rather than once per edge, which about halves the time of a
// pass on the generated graph. Each takes typed arrays of one kind only, so its loads and stores
// stay monomorphic whatever the caller passes. They return false at the first step that holds an
// unknown node (before writing anything for it); `firstUnknownNode` then names it.

/** Follower counts are the in-degrees: count them (pass 1), then add each follower's to its followee (pass 2). */
function sumInDegrees(from: Uint32Array, to: Uint32Array, nodes: number, followers: Int32Array, sums: Float64Array): boolean {
  const n = nodes >>> 0; // unsigned like the indices, so that each test is one unsigned comparison
  const m = to.length;
  const whole = m - (m % 8);
  let k = 0;
  for (; k < whole; k += 8) {
    const t0 = to[k]!;
    const t1 = to[k + 1]!;
    const t2 = to[k + 2]!;
    const t3 = to[k + 3]!;
    const t4 = to[k + 4]!;
    const t5 = to[k + 5]!;
    const t6 = to[k + 6]!;
    const t7 = to[k + 7]!;
    if (t0 >= n || t1 >= n || t2 >= n || t3 >= n || t4 >= n || t5 >= n || t6 >= n || t7 >= n) return false;
    followers[t0]!++;
    followers[t1]!++;
    followers[t2]!++;
    followers[t3]!++;
    followers[t4]!++;
    followers[t5]!++;
    followers[t6]!++;
    followers[t7]!++;
  }
  for (; k < m; k++) {
    const t = to[k]!;
    if (t >= n) return false;
    followers[t]!++;
  }
  for (k = 0; k < whole; k += 8) {
    const f0 = from[k]!;
    const f1 = from[k + 1]!;
    const f2 = from[k + 2]!;
    const f3 = from[k + 3]!;
    const f4 = from[k + 4]!;
    const f5 = from[k + 5]!;
    const f6 = from[k + 6]!;
    const f7 = from[k + 7]!;
    if (f0 >= n || f1 >= n || f2 >= n || f3 >= n || f4 >= n || f5 >= n || f6 >= n || f7 >= n) return false;
    const c0 = followers[f0]!;
    const c1 = followers[f1]!;
    const c2 = followers[f2]!;
    const c3 = followers[f3]!;
    const c4 = followers[f4]!;
    const c5 = followers[f5]!;
    const c6 = followers[f6]!;
    const c7 = followers[f7]!;
    sums[to[k]!]! += c0;
    sums[to[k + 1]!]! += c1;
    sums[to[k + 2]!]! += c2;
    sums[to[k + 3]!]! += c3;
    sums[to[k + 4]!]! += c4;
    sums[to[k + 5]!]! += c5;
    sums[to[k + 6]!]! += c6;
    sums[to[k + 7]!]! += c7;
  }
  for (; k < m; k++) {
    const f = from[k]!;
    if (f >= n) return false;
    sums[to[k]!]! += followers[f]!;
  }
  return true;
}

/** Follower counts given per node: one pass adds each follower's count to its followee and counts the followers. */
function sumGivenCounts(
  from: Uint32Array,
  to: Uint32Array,
  followersCount: Float64Array,
  nodes: number,
  followers: Int32Array,
  sums: Float64Array,
): boolean {
  const n = nodes >>> 0;
  const m = to.length;
  const whole = m - (m % 8);
  let k = 0;
  for (; k < whole; k += 8) {
    const f0 = from[k]!;
    const f1 = from[k + 1]!;
    const f2 = from[k + 2]!;
    const f3 = from[k + 3]!;
    const f4 = from[k + 4]!;
    const f5 = from[k + 5]!;
    const f6 = from[k + 6]!;
    const f7 = from[k + 7]!;
    const t0 = to[k]!;
    const t1 = to[k + 1]!;
    const t2 = to[k + 2]!;
    const t3 = to[k + 3]!;
    const t4 = to[k + 4]!;
    const t5 = to[k + 5]!;
    const t6 = to[k + 6]!;
    const t7 = to[k + 7]!;
    if (f0 >= n || f1 >= n || f2 >= n || f3 >= n || f4 >= n || f5 >= n || f6 >= n || f7 >= n) return false;
    if (t0 >= n || t1 >= n || t2 >= n || t3 >= n || t4 >= n || t5 >= n || t6 >= n || t7 >= n) return false;
    sums[t0]! += followersCount[f0]!;
    sums[t1]! += followersCount[f1]!;
    sums[t2]! += followersCount[f2]!;
    sums[t3]! += followersCount[f3]!;
    sums[t4]! += followersCount[f4]!;
    sums[t5]! += followersCount[f5]!;
    sums[t6]! += followersCount[f6]!;
    sums[t7]! += followersCount[f7]!;
    followers[t0]!++;
    followers[t1]!++;
    followers[t2]!++;
    followers[t3]!++;
    followers[t4]!++;
    followers[t5]!++;
    followers[t6]!++;
    followers[t7]!++;
  }
  for (; k < m; k++) {
    const f = from[k]!;
    const t = to[k]!;
    if (f >= n || t >= n) return false;
    sums[t]! += followersCount[f]!;
    followers[t]!++;
  }
  return true;
}

/**
 * Node indices as a `Uint32Array` the kernels can read: the array itself, a view of an
 * `Int32Array` (a negative index reads as 2³¹ or more, an unknown node), or a copy of any other
 * array; `undefined` when that array holds something other than a node index.
 */
function nodeIndices(array: NumberArray, n: number): Uint32Array | undefined {
  if (array instanceof Uint32Array) return array;
  if (array instanceof Int32Array && n <= 2 ** 31) return new Uint32Array(array.buffer, array.byteOffset, array.length);
  const indices = new Uint32Array(array.length);
  for (let k = 0; k < array.length; k++) {
    const v = array[k]!;
    if (!isNode(v, n)) return undefined;
    indices[k] = v;
  }
  return indices;
}

/** `(v >>> 0) === v` holds exactly for whole numbers in [0, 2³²). */
function isNode(v: number, n: number): boolean {
  return v >>> 0 === v && v < n;
}

function firstNonNode(array: NumberArray, n: number): number {
  let k = 0;
  while (k < array.length && isNode(array[k]!, n)) k++;
  return k;
}

/**
 * The error for the first unknown node, in the order the edges are checked: every `to` before any
 * `from` when the follower counts are the in-degrees (they are counted first), else edge by edge,
 * `from` before `to`.
 */
function firstUnknownNode(graph: TuriGraphInput, n: number): TuriError {
  const { from, to } = graph;
  const f = firstNonNode(from, n);
  const t = firstNonNode(to, n);
  if (t < to.length && (graph.followersCount === undefined || t < f)) return unknownNode('to', t, to[t]!, n);
  return unknownNode('from', f, from[f]!, n);
}

/** TURI from a node's summed follower counts, its number of followers and its posts; NaN when undefined. */
export function score(
  sum: number,
  followers: number,
  tweets: number,
  zeroTweets: 'as-one' | 'exclude',
  minTweets: number,
): number {
  if (followers === 0 || tweets < minTweets) return Number.NaN;
  if (tweets === 0) return zeroTweets === 'as-one' ? sum / followers : Number.NaN;
  return sum / followers / tweets;
}

export function checkZeroTweets(value: unknown): 'as-one' | 'exclude' {
  if (value === undefined) return 'as-one';
  if (value !== 'as-one' && value !== 'exclude')
    throw new TuriError('invalid-type', 'zeroTweets', value, "'as-one' or 'exclude'");
  return value;
}

/** Checks the arrays' kinds and lengths and the per-node counts; returns the number of nodes. */
export function checkGraphShape(graph: TuriGraphInput): number {
  if (graph === null || typeof graph !== 'object')
    throw new TuriError('invalid-type', 'graph', graph, 'an object { from, to, tweetCount }');
  const { from, to, tweetCount, followersCount } = graph;
  for (const [name, array] of [
    ['from', from],
    ['to', to],
    ['tweetCount', tweetCount],
  ] as const) {
    if (!isNumberArray(array)) throw new TuriError('invalid-type', name, array, 'a typed array or an array of numbers');
    // Plain arrays may hold anything: every element must be a number before any comparison.
    if (Array.isArray(array)) {
      for (let i = 0; i < array.length; i++) {
        if (typeof array[i] !== 'number')
          throw new TuriError('invalid-type', `${name}[${i}]`, array[i], 'a node index (a number)');
      }
    }
  }
  if (from.length !== to.length) {
    throw new TuriError(
      'length-mismatch',
      'to',
      to.length,
      `as long as from (${from.length})`,
      `from and to must have the same length, got ${from.length} and ${to.length}`,
    );
  }
  const n = tweetCount.length;
  checkCounts('tweetCount', tweetCount);
  if (followersCount !== undefined) {
    if (!isNumberArray(followersCount)) {
      throw new TuriError('invalid-type', 'followersCount', followersCount, 'a typed array or an array of numbers');
    }
    if (followersCount.length !== n) {
      throw new TuriError(
        'length-mismatch',
        'followersCount',
        followersCount.length,
        `one count per node (${n})`,
        `followersCount must have one count per node (${n}, the length of tweetCount), got ${followersCount.length}`,
      );
    }
    checkCounts('followersCount', followersCount);
  }
  return n;
}

function checkCounts(name: string, counts: NumberArray): void {
  if (counts instanceof Uint32Array) return;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (!(typeof c === 'number' && c >= 0 && c <= Number.MAX_SAFE_INTEGER && c === Math.floor(c))) checkCount(`${name}[${i}]`, c);
  }
}

function isNumberArray(value: unknown): value is NumberArray {
  return Array.isArray(value) || value instanceof Uint32Array || value instanceof Int32Array || value instanceof Float64Array;
}

export function unknownNode(name: 'from' | 'to', row: number, value: number, n: number): TuriError {
  return new TuriError('unknown-node', `${name}[${row}]`, value, `a node index in [0, ${n})`);
}
