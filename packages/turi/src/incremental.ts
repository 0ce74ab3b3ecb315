import { checkOptions } from './check.js';
import { checkCount, TuriError } from './errors.js';
import { checkGraphShape, checkZeroTweets, score, type TuriGraphInput, type TuriGraphOptions, unknownNode } from './graph.js';

/** A follower graph whose TURI scores follow the events applied to it. */
export interface TuriGraph {
  /** The number of nodes. */
  readonly nodeCount: number;
  /** The number of edges (follows) now in the graph. */
  readonly edgeCount: number;
  /** `follower` follows `followee`: O(out-degree of followee). */
  follow(follower: number, followee: number): void;
  /** `follower` stops following `followee`: O(out-degree of follower + out-degree of followee). */
  unfollow(follower: number, followee: number): void;
  /** `node` posts `count` more times (default 1): O(1). */
  post(node: number, count?: number): void;
  /** TURI of one node now, NaN where undefined (as {@link turiForGraph}). */
  turi(node: number): number;
  /** IF of one node now (the mean follower count of its followers), NaN without followers. */
  influence(node: number): number;
  /** NF of one node now. */
  followersCount(node: number): number;
  /** T of one node now. */
  tweetCount(node: number): number;
  /** Every node's TURI now, as {@link turiForGraph} would compute it from scratch. */
  scores(): Float64Array;
}

/**
 * A follower graph kept up to date event by event: a follow, an unfollow or a new post updates
 * the affected scores without a pass over the graph. Each node keeps the sum of its followers'
 * counts; a follow of b by a adds a's count to b's sum, and since b now has one follower more, adds
 * 1 to the sum of every account b follows (its out-edges, held in CSR form built by counting sort,
 * with room for later follows). Sums are whole numbers held exactly in doubles, so the scores
 * equal a fresh {@link turiForGraph} bit for bit. Follower counts start as the in-degrees or the
 * given `followersCount`, and move by one with each follow and unfollow either way.
 *
 * @example
 * import { createTuriGraph } from '@ds/turi';
 * const g = createTuriGraph({ from: [0, 1], to: [2, 2], tweetCount: [4, 1, 2] });
 * g.turi(2); // => 0
 * g.follow(1, 0); // 0 gains a follower, so 2's followers are more influential
 * g.turi(2); // => 0.25
 * g.post(2);
 * g.turi(2); // => 0.16666667
 */
export function createTuriGraph(graph: TuriGraphInput, options: TuriGraphOptions = {}): TuriGraph {
  checkOptions('options', options);
  const n = checkGraphShape(graph);
  const zeroTweets = checkZeroTweets(options.zeroTweets ?? graph.zeroTweets);
  const minTweets = checkCount('minTweets', options.minTweets ?? graph.minTweets ?? 0);
  const { from, to } = graph;
  const m = from.length;
  const nf = new Float64Array(n);
  const tweets = Float64Array.from(graph.tweetCount);
  const sum = new Float64Array(n);
  const count = new Uint32Array(n);
  // Out-edges by counting sort: out-degrees, prefix sums, then a scatter.
  const offsets = new Uint32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const f = from[k]!;
    const t = to[k]!;
    if (!(f >= 0 && f < n && f === Math.floor(f))) throw unknownNode('from', k, f, n);
    if (!(t >= 0 && t < n && t === Math.floor(t))) throw unknownNode('to', k, t, n);
    offsets[f + 1]!++;
    count[t]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const targets = new Uint32Array(m);
  const length = new Uint32Array(n);
  for (let k = 0; k < m; k++) {
    const f = from[k]!;
    targets[offsets[f]! + length[f]!++] = to[k]!;
  }
  if (graph.followersCount === undefined) nf.set(count);
  else nf.set(graph.followersCount);
  for (let k = 0; k < m; k++) sum[to[k]!]! += nf[from[k]!]!;
  // Follows beyond a node's initial out-degree go to a per-node overflow list.
  const overflow: (number[] | undefined)[] = [];
  let edgeCount = m;

  const checkNode = (argument: string, node: number) => {
    if (!(node >= 0 && node < n && node === Math.floor(node))) {
      throw new TuriError('unknown-node', argument, node, `a node index in [0, ${n})`);
    }
  };
  const shiftFollowees = (node: number, delta: number) => {
    const start = offsets[node]!;
    const end = start + length[node]!;
    for (let p = start; p < end; p++) sum[targets[p]!]! += delta;
    const extra = overflow[node];
    if (extra !== undefined) for (const t of extra) sum[t]! += delta;
  };

  return {
    nodeCount: n,
    get edgeCount() {
      return edgeCount;
    },
    follow(follower, followee) {
      checkNode('follower', follower);
      checkNode('followee', followee);
      const start = offsets[follower]!;
      if (length[follower]! < offsets[follower + 1]! - start) targets[start + length[follower]!++] = followee;
      else {
        const extra = overflow[follower];
        if (extra === undefined) overflow[follower] = [followee];
        else extra.push(followee);
      }
      sum[followee]! += nf[follower]!;
      count[followee]!++;
      nf[followee]!++;
      shiftFollowees(followee, 1);
      edgeCount++;
    },
    unfollow(follower, followee) {
      checkNode('follower', follower);
      checkNode('followee', followee);
      if (nf[followee] === 0) {
        throw new TuriError('out-of-range', 'followersCount', 0, `≥ 1 for node ${followee} to lose a follower`);
      }
      const start = offsets[follower]!;
      const end = start + length[follower]!;
      let p = start;
      while (p < end && targets[p] !== followee) p++;
      if (p < end) {
        targets[p] = targets[end - 1]!;
        length[follower]!--;
      } else {
        const extra = overflow[follower];
        const q = extra === undefined ? -1 : extra.indexOf(followee);
        if (extra === undefined || q < 0) {
          throw new TuriError('unknown-node', 'followee', followee, `a node that ${follower} follows`);
        }
        extra[q] = extra[extra.length - 1]!;
        extra.pop();
      }
      sum[followee]! -= nf[follower]!;
      count[followee]!--;
      nf[followee]!--;
      shiftFollowees(followee, -1);
      edgeCount--;
    },
    post(node, posts = 1) {
      checkNode('node', node);
      tweets[node]! += checkCount('count', posts);
    },
    turi(node) {
      checkNode('node', node);
      return score(sum[node]!, count[node]!, tweets[node]!, zeroTweets, minTweets);
    },
    influence(node) {
      checkNode('node', node);
      return count[node] === 0 ? Number.NaN : sum[node]! / count[node]!;
    },
    followersCount(node) {
      checkNode('node', node);
      return nf[node]!;
    },
    tweetCount(node) {
      checkNode('node', node);
      return tweets[node]!;
    },
    scores() {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = score(sum[i]!, count[i]!, tweets[i]!, zeroTweets, minTweets);
      return out;
    },
  };
}
