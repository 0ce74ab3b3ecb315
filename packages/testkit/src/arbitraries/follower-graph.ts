import fc from 'fast-check';
import { checkOptions } from '../check.js';
import { TestkitError } from '../errors.js';

/**
 * A directed follower graph over nodes 0 … nodeCount − 1: edge i says `from[i]` follows `to[i]`
 * (the `edges(follower_id, followee_id)` of `@ds/turi`), with each node's post count.
 */
export interface FollowerGraph {
  nodeCount: number;
  from: Uint32Array;
  to: Uint32Array;
  tweetCount: Uint32Array;
}

/** Options of `followerGraph`. */
export interface FollowerGraphOptions {
  /** Fewest nodes. Default 1. */
  minNodes?: number;
  /** Most nodes. Default 20. */
  maxNodes?: number;
  /** Most edges. Default 60. */
  maxEdges?: number;
  /** Most posts per node. Default 1000. */
  maxTweets?: number;
}

/**
 * A fast-check arbitrary of follower graphs: no self-follows, no repeated edge, nodes with no
 * followers and nodes with zero posts included (the edge cases of follower-based indices).
 * Shrinks towards fewer nodes and edges.
 *
 * @example
 * import fc from 'fast-check';
 * import { followerGraph } from '@ds/testkit/arbitraries';
 * const [g] = fc.sample(followerGraph({ maxNodes: 5 }), { numRuns: 1, seed: 7 });
 * g.from.length === g.to.length && g.tweetCount.length === g.nodeCount; // => true
 */
export function followerGraph(options: FollowerGraphOptions = {}): fc.Arbitrary<FollowerGraph> {
  const { minNodes = 1, maxNodes = 20, maxEdges = 60, maxTweets = 1000 } = checkOptions<FollowerGraphOptions>('options', options);
  // Drawn values are held whole by fast-check (and shrunk): caps keep a run within memory.
  if (typeof maxNodes === 'number' && maxNodes > 100_000)
    throw new TestkitError('too-large', 'maxNodes', maxNodes, 'at most 100,000 nodes');
  if (typeof maxEdges === 'number' && maxEdges > 1_000_000)
    throw new TestkitError('too-large', 'maxEdges', maxEdges, 'at most 1,000,000 edges');
  if (typeof maxTweets === 'number' && maxTweets > Number.MAX_SAFE_INTEGER) {
    throw new TestkitError('too-large', 'maxTweets', maxTweets, 'a whole number below 2^53');
  }
  if (!Number.isInteger(minNodes) || minNodes < 1) throw new TestkitError('out-of-range', 'minNodes', minNodes, 'an integer ≥ 1');
  if (!Number.isInteger(maxNodes) || maxNodes < minNodes)
    throw new TestkitError('out-of-range', 'maxNodes', maxNodes, `an integer ≥ minNodes (${minNodes})`);
  if (!Number.isInteger(maxEdges) || maxEdges < 0) throw new TestkitError('out-of-range', 'maxEdges', maxEdges, 'an integer ≥ 0');
  if (!Number.isInteger(maxTweets) || maxTweets < 0)
    throw new TestkitError('out-of-range', 'maxTweets', maxTweets, 'an integer ≥ 0');
  return fc.integer({ min: minNodes, max: maxNodes }).chain((nodeCount) => {
    // A node cannot follow itself: draw the followee among the other nodeCount − 1.
    const edge =
      nodeCount < 2
        ? fc.constant(null)
        : fc
            .tuple(fc.nat({ max: nodeCount - 1 }), fc.nat({ max: nodeCount - 2 }))
            .map(([a, b]) => [a, b >= a ? b + 1 : b] as const);
    const possible = nodeCount * (nodeCount - 1);
    return fc
      .record({
        edges:
          nodeCount < 2
            ? fc.constant([])
            : fc.uniqueArray(edge as fc.Arbitrary<readonly [number, number]>, {
                maxLength: Math.min(maxEdges, possible),
                selector: ([a, b]) => a * nodeCount + b,
              }),
        tweets: fc.array(fc.nat({ max: maxTweets }), { minLength: nodeCount, maxLength: nodeCount }),
      })
      .map(({ edges, tweets }) => ({
        nodeCount,
        from: Uint32Array.from(edges, ([a]) => a),
        to: Uint32Array.from(edges, ([, b]) => b),
        tweetCount: Uint32Array.from(tweets),
      }));
  });
}
