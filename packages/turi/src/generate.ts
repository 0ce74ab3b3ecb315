import { checkOptions } from './check.js';
import { checkCount, TuriError } from './errors.js';

export interface GenerateGraphOptions {
  /** Number of nodes. Default 81,306 (the public ego-Twitter graph). */
  nodes?: number;
  /** Number of distinct edges, no self-follows. Default 1,768,149 (ego-Twitter). */
  edges?: number;
  /** The seed: the same seed gives the same graph, everywhere. Default 2018. */
  seed?: number;
}

/** A generated follower graph, in the shape {@link turiForGraph} takes. */
export interface GeneratedGraph {
  from: Uint32Array;
  to: Uint32Array;
  tweetCount: Uint32Array;
  nodeCount: number;
  seed: number;
}

/** Most nodes {@link generateFollowerGraph} makes (its arrays take about 12 bytes a node). */
export const MAX_GENERATED_NODES = 50_000_000;
/** Most edges {@link generateFollowerGraph} makes (about 40 bytes an edge while it runs). */
export const MAX_GENERATED_EDGES = 50_000_000;

/**
 * A deterministic, seeded follower graph with the skew of a real one: a few accounts followed by
 * thousands, most by a handful (followees drawn with density ∝ rank^(−0.6), followers with ∝
 * rank^(−0.33), over seeded random orders of the nodes), no self-follows, no repeated edge, and
 * post counts drawn log-normally with about 5 % silent accounts. The generator is
 * mulberry32 (Tommy Ettinger's 32-bit mixing PRNG), so the graph is the same on every platform.
 *
 * @throws {TuriError} for counts that are not whole numbers, more than 50,000,000 nodes or edges
 *   (`too-large`), or more edges than the skewed draw can place among the nodes
 *
 * @example
 * import { generateFollowerGraph } from '@ds/turi';
 * const g = generateFollowerGraph({ nodes: 1000, edges: 5000, seed: 7 });
 * g.from.length; // => 5000
 * g.tweetCount.length; // => 1000
 * generateFollowerGraph({ nodes: 1000, edges: 5000, seed: 7 }).to[42] === g.to[42]; // => true
 */
export function generateFollowerGraph(options: GenerateGraphOptions = {}): GeneratedGraph {
  const o = checkOptions<GenerateGraphOptions>('options', options);
  const n = checkCount('nodes', o.nodes ?? 81_306);
  const m = checkCount('edges', o.edges ?? 1_768_149);
  const seed = checkCount('seed', o.seed ?? 2018);
  if (n > MAX_GENERATED_NODES) throw new TuriError('too-large', 'nodes', n, `at most ${MAX_GENERATED_NODES} nodes`);
  if (m > MAX_GENERATED_EDGES) throw new TuriError('too-large', 'edges', m, `at most ${MAX_GENERATED_EDGES} edges`);
  if (seed > 0xffffffff) throw new TuriError('out-of-range', 'seed', seed, 'a whole number in [0, 4294967295]');
  if (n < 2 && m > 0) throw new TuriError('out-of-range', 'nodes', n, '≥ 2 for a graph with edges');
  if (m > n * (n - 1) * 0.5)
    throw new TuriError('out-of-range', 'edges', m, `at most half of nodes·(nodes − 1) = ${(n * (n - 1)) / 2}`);
  const random = mulberry32(seed);
  const popular = shuffled(n, random);
  const active = shuffled(n, random);
  const from = new Uint32Array(m);
  const to = new Uint32Array(m);
  const seen = new Set<number>();
  let k = 0;
  // The draws are skewed, so a dense graph may never find its last distinct pairs: give up with
  // a typed error after 50 draws per edge (a graph at a few percent density needs about 1.1).
  let draws = 0;
  const maxDraws = 50 * m + 1_000_000;
  while (k < m) {
    if (++draws > maxDraws) {
      throw new TuriError(
        'too-large',
        'edges',
        m,
        `fewer edges: the skewed draw found only ${k} distinct pairs among ${n} nodes`,
      );
    }
    const f = active[Math.floor(n * random() ** 1.5)]!;
    const t = popular[Math.floor(n * random() ** 2.5)]!;
    if (f === t) continue;
    const key = f * n + t;
    if (seen.has(key)) continue;
    seen.add(key);
    from[k] = f;
    to[k] = t;
    k++;
  }
  const tweetCount = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (random() < 0.05) continue;
    // Box–Muller: a standard normal from two uniforms, then log-normal with median e^5 ≈ 148.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    tweetCount[i] = Math.max(1, Math.round(Math.exp(5 + 1.5 * z)));
  }
  return { from, to, tweetCount, nodeCount: n, seed };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, random: () => number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
