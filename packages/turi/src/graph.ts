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
 * followees (two when the counts are the in-degrees), no sort, no allocation per node.
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
  const { from, to, tweetCount } = graph;
  const n = checkGraphShape(graph);
  const zeroTweets = checkZeroTweets(options.zeroTweets ?? graph.zeroTweets);
  const minTweets = checkCount('minTweets', options.minTweets ?? graph.minTweets ?? 0);
  const sum = new Float64Array(n);
  const count = new Int32Array(n);
  const m = from.length;
  // `(x >>> 0) === x` is true exactly for whole numbers in [0, 2³²): one cheap test per index.
  if (graph.followersCount === undefined) {
    // In-degrees first: they are both the followers' counts and the denominators of the means.
    for (let k = 0; k < m; k++) {
      const t = to[k]!;
      if (t >>> 0 !== t || t >= n) throw unknownNode('to', k, t, n);
      count[t]!++;
    }
    for (let k = 0; k < m; k++) {
      const f = from[k]!;
      if (f >>> 0 !== f || f >= n) throw unknownNode('from', k, f, n);
      sum[to[k]!]! += count[f]!;
    }
  } else {
    const nf = graph.followersCount;
    for (let k = 0; k < m; k++) {
      const f = from[k]!;
      const t = to[k]!;
      if (f >>> 0 !== f || f >= n) throw unknownNode('from', k, f, n);
      if (t >>> 0 !== t || t >= n) throw unknownNode('to', k, t, n);
      sum[t]! += nf[f]!;
      count[t]!++;
    }
  }
  const out = new Float64Array(n);
  const silent = zeroTweets === 'as-one' ? 1 : Number.NaN;
  for (let i = 0; i < n; i++) {
    const c = count[i]!;
    const t = tweetCount[i]!;
    out[i] = c === 0 || t < minTweets ? Number.NaN : sum[i]! / c / (t === 0 ? silent : t);
  }
  return out;
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
    if (!(c >= 0 && c === Math.floor(c) && c < Number.POSITIVE_INFINITY)) checkCount(`${name}[${i}]`, c);
  }
}

function isNumberArray(value: unknown): value is NumberArray {
  return Array.isArray(value) || value instanceof Uint32Array || value instanceof Int32Array || value instanceof Float64Array;
}

export function unknownNode(name: 'from' | 'to', row: number, value: number, n: number): TuriError {
  return new TuriError('unknown-node', `${name}[${row}]`, value, `a node index in [0, ${n})`);
}
