import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTuriGraph,
  generateFollowerGraph,
  type NumberArray,
  parseEdgeList,
  TuriError,
  turiForGraph,
} from '../src/index.js';
import { naiveTuri } from './helpers/naive-turi.js';

/** Same numbers, NaN in the same places. */
// Mismatches are collected and checked once: an expect() per node took 3 s of a 20,000-node
// comparison on a loaded machine.
function expectSameScores(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 0) {
  expect(actual.length).toBe(expected.length);
  const wrong: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const same = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= rtol * Math.abs(e);
    if (!same && wrong.push(`node ${i}: ${a} vs ${e}`) >= 20) break;
  }
  expect(wrong, 'nodes whose scores differ (the first 20)').toEqual([]);
}

/** A random graph: node count, tweet counts, optional given follower counts, edges (repeats and self-follows allowed). */
const graphArbitrary = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    tweetCount: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }),
    followersCount: fc.option(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: n, maxLength: n }), { nil: undefined }),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 200 }),
  }),
);

/** The same with up to 60 edges of any length, so that edges fall in turiForGraph's blocks of eight and after them. */
const longGraphArbitrary = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    tweetCount: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }),
    followersCount: fc.option(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: n, maxLength: n }), { nil: undefined }),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60, size: 'max' }),
  }),
);

describe('turiForGraph against the plain Map-of-arrays reference', () => {
  it('agrees on random graphs, under both zeroTweets policies and minTweets', () => {
    fc.assert(
      fc.property(
        graphArbitrary,
        fc.constantFrom('as-one' as const, 'exclude' as const),
        fc.nat(5),
        (g, zeroTweets, minTweets) => {
          const graph = {
            from: Uint32Array.from(g.edges.map((e) => e[0])),
            to: Uint32Array.from(g.edges.map((e) => e[1])),
            tweetCount: g.tweetCount,
            followersCount: g.followersCount,
          };
          expectSameScores(turiForGraph(graph, { zeroTweets, minTweets }), naiveTuri(graph, zeroTweets, minTweets));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same numbers whatever kind of array holds the indices and the counts', () => {
    const kinds = [
      (a: number[]) => Uint32Array.from(a),
      (a: number[]) => Int32Array.from(a),
      (a: number[]) => Float64Array.from(a),
      (a: number[]) => a,
    ];
    fc.assert(
      fc.property(longGraphArbitrary, fc.constantFrom(...kinds), fc.constantFrom(...kinds), (g, indices, counts) => {
        const from = g.edges.map((e) => e[0]);
        const to = g.edges.map((e) => e[1]);
        const followersCount = g.followersCount && counts(g.followersCount);
        const graph = { from: indices(from), to: indices(to), tweetCount: counts(g.tweetCount), followersCount };
        expectSameScores(turiForGraph(graph), naiveTuri(graph));
      }),
      { numRuns: 300 },
    );
  });

  // Budget: a graph past the sizes the random graphs reach (typed arrays that grow, counts past
  // 2^16), generated and scored twice: about 2.5 s beside other work on a loaded 2-core machine.
  it('agrees on a generated graph of 20,000 nodes and 300,000 edges', { timeout: 15_000 }, () => {
    const g = generateFollowerGraph({ nodes: 20_000, edges: 300_000, seed: 11 });
    expectSameScores(turiForGraph(g), naiveTuri(g));
  });
});

describe('turiForGraph against networkx (reference/graph.py)', () => {
  const vectors: {
    id: string;
    inputs: { from: number[]; to: number[]; tweetCount: number[]; followersCount: number[] | null };
    expected: (number | null)[];
    tolerance: number;
  }[] = JSON.parse(readFileSync(new URL('./reference/graph.json', import.meta.url), 'utf8'));
  for (const v of vectors) {
    it(v.id, () => {
      const scores = turiForGraph({ ...v.inputs, followersCount: v.inputs.followersCount ?? undefined });
      expectSameScores(
        scores,
        v.expected.map((x) => x ?? Number.NaN),
        v.tolerance,
      );
    });
  }
});

describe('turiForGraph missing values', () => {
  it('is NaN without followers, NaN for a silent node under exclude, IF for it under as-one', () => {
    const graph = { from: [1, 2], to: [0, 0], tweetCount: [0, 3, 3] };
    const asOne = turiForGraph(graph);
    expect(asOne[0]).toBe(0);
    expect(asOne[1]).toBeNaN();
    expect(turiForGraph(graph, { zeroTweets: 'exclude' })[0]).toBeNaN();
  });

  it('applies minTweets to the recorded count, before as-one', () => {
    const graph = { from: [1, 0], to: [0, 1], tweetCount: [0, 5] };
    const scores = turiForGraph(graph, { minTweets: 1 });
    expect(scores[0]).toBeNaN();
    expect(scores[1]).toBe(0.2);
  });

  it('takes the options inside the graph object too, the second argument winning', () => {
    const graph = { from: [1, 0], to: [0, 1], tweetCount: [0, 5] };
    expect(turiForGraph({ ...graph, minTweets: 1 })[0]).toBeNaN();
    expect(turiForGraph({ ...graph, zeroTweets: 'exclude' })[0]).toBeNaN();
    expect(turiForGraph({ ...graph, minTweets: 1 }, { minTweets: 0 })[0]).toBe(1);
    expect(createTuriGraph({ ...graph, minTweets: 1 }).turi(0)).toBeNaN();
  });
});

describe('turiForGraph bad input', () => {
  it('refuses arrays of different lengths', () => {
    expect(() => turiForGraph({ from: [0, 1], to: [1], tweetCount: [1, 1] })).toThrow(
      'from and to must have the same length, got 2 and 1',
    );
  });

  it('names the row of an edge to an unknown node', () => {
    const e = (() => {
      try {
        turiForGraph({ from: [0, 1, 0], to: [1, 0, 7], tweetCount: [1, 1] });
      } catch (error) {
        return error;
      }
    })() as TuriError;
    expect(e).toBeInstanceOf(TuriError);
    expect(e).toMatchObject({ code: 'unknown-node', argument: 'to[2]', value: 7, expected: 'a node index in [0, 2)' });
  });

  it('names the array, the row and the value of an unknown node in any row, whatever the kind of array', () => {
    // 21 edges: two blocks of eight as turiForGraph reads them, then five more, on 5 nodes.
    const from = Array.from({ length: 21 }, (_, k) => k % 5);
    const to = Array.from({ length: 21 }, (_, k) => (k * 3 + 1) % 5);
    const kinds = {
      Uint32Array: (a: number[]) => Uint32Array.from(a),
      Int32Array: (a: number[]) => Int32Array.from(a),
      Float64Array: (a: number[]) => Float64Array.from(a),
      Array: (a: number[]) => a,
    };
    const badValues = {
      Uint32Array: [5, 2 ** 32 - 1],
      Int32Array: [5, -1],
      Float64Array: [5, -1, 0.5, Number.NaN],
      Array: [9, -0.5, Number.NaN],
    };
    for (const [kind, make] of Object.entries(kinds) as [keyof typeof kinds, (a: number[]) => NumberArray][]) {
      for (const bad of badValues[kind]) {
        for (const name of ['from', 'to'] as const) {
          for (let k = 0; k < 21; k++) {
            const arrays = { from: [...from], to: [...to] };
            arrays[name][k] = bad;
            const graph = { from: make(arrays.from), to: make(arrays.to), tweetCount: [1, 2, 3, 4, 5] };
            const error = { code: 'unknown-node', argument: `${name}[${k}]`, value: bad, expected: 'a node index in [0, 5)' };
            expect(() => turiForGraph(graph), `${kind} ${name}[${k}] = ${bad}`).toThrow(expect.objectContaining(error));
            expect(() => turiForGraph({ ...graph, followersCount: [1, 1, 1, 1, 1] })).toThrow(expect.objectContaining(error));
          }
        }
      }
    }
  });

  it('reports every unknown `to` before any `from` when counting in-degrees, else the first edge', () => {
    const edges = { from: Uint32Array.of(0, 0, 0, 0, 0, 0, 0, 0, 9, 0), to: Uint32Array.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 9) };
    expect(() => turiForGraph({ ...edges, tweetCount: [1, 1] })).toThrow('to[9] must be a node index in [0, 2), got 9');
    expect(() => turiForGraph({ ...edges, tweetCount: [1, 1], followersCount: [3, 4] })).toThrow(
      'from[8] must be a node index in [0, 2), got 9',
    );
    expect(() => turiForGraph({ from: [0, 7], to: [7, 1], tweetCount: [1, 1], followersCount: [3, 4] })).toThrow('to[0]');
  });

  it('names the row of a negative or fractional count', () => {
    expect(() => turiForGraph({ from: [], to: [], tweetCount: [1, -3] })).toThrow(
      'tweetCount[1] must be a whole number ≥ 0, got -3',
    );
    expect(() => turiForGraph({ from: [], to: [], tweetCount: [1, 1], followersCount: [0.5, 1] })).toThrow('followersCount[0]');
    expect(() => turiForGraph({ from: [-1], to: [0], tweetCount: [1] })).toThrow(
      'from[0] must be a node index in [0, 1), got -1',
    );
  });

  it('refuses a followersCount of the wrong length', () => {
    expect(() => turiForGraph({ from: [], to: [], tweetCount: [1, 1], followersCount: [1] })).toThrow(/one count per node \(2/);
  });
});

type Event = { kind: 'follow' | 'unfollow' | 'post'; a: number; b: number };

describe('createTuriGraph: incremental updates', () => {
  it('equals a fresh turiForGraph after any sequence of follows, unfollows and posts', () => {
    fc.assert(
      fc.property(
        graphArbitrary,
        fc.array(
          fc.record({ kind: fc.constantFrom('follow' as const, 'unfollow' as const, 'post' as const), a: fc.nat(), b: fc.nat() }),
          {
            maxLength: 80,
          },
        ),
        (g, events: Event[]) => {
          const n = g.tweetCount.length;
          const edges = g.edges.map((e) => [...e] as [number, number]);
          const tweets = [...g.tweetCount];
          const followers = g.followersCount ? [...g.followersCount] : undefined;
          const live = createTuriGraph({
            from: edges.map((e) => e[0]),
            to: edges.map((e) => e[1]),
            tweetCount: tweets,
            followersCount: followers,
          });
          for (const { kind, a: ra, b: rb } of events) {
            const a = ra % n;
            const b = rb % n;
            if (kind === 'post') {
              live.post(a, b % 3);
              tweets[a]! += b % 3;
            } else if (kind === 'follow') {
              live.follow(a, b);
              edges.push([a, b]);
              if (followers) followers[b]!++;
            } else {
              const at = edges.findIndex((e) => e[0] === a && e[1] === b);
              if (at < 0 || (followers && followers[b] === 0)) {
                expect(() => live.unfollow(a, b)).toThrow(TuriError);
                continue;
              }
              live.unfollow(a, b);
              edges.splice(at, 1);
              if (followers) followers[b]!--;
            }
          }
          const fresh = turiForGraph({
            from: edges.map((e) => e[0]),
            to: edges.map((e) => e[1]),
            tweetCount: tweets,
            followersCount: followers,
          });
          expectSameScores(live.scores(), fresh, 1e-12);
          expect(live.edgeCount).toBe(edges.length);
          for (let i = 0; i < n; i++) {
            const t = live.turi(i);
            if (Number.isNaN(fresh[i]!)) expect(t).toBeNaN();
            else expect(t).toBeCloseTo(fresh[i]!, 9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses an unfollow of an edge that is not there and a node out of range', () => {
    const g = createTuriGraph({ from: [0], to: [1], tweetCount: [1, 1] });
    expect(() => g.unfollow(1, 0)).toThrow(TuriError);
    expect(() => g.follow(0, 2)).toThrow('followee must be a node index in [0, 2), got 2');
    expect(() => g.post(0, -1)).toThrow('count must be a whole number ≥ 0, got -1');
  });
});

describe('parseEdgeList', () => {
  it('round-trips a generated graph written as text, with and without relabelling', () => {
    const g = generateFollowerGraph({ nodes: 500, edges: 4000, seed: 3 });
    let text = '# generated\n';
    for (let k = 0; k < g.from.length; k++)
      text += `${g.from[k]}${k % 3 === 0 ? '\t' : ' '}${g.to[k]}${k % 5 === 0 ? '\r\n' : '\n'}`;
    const plain = parseEdgeList(text, { relabel: false });
    expect(plain.from).toEqual(g.from);
    expect(plain.to).toEqual(g.to);
    const relabelled = parseEdgeList(new TextEncoder().encode(text));
    const ids = relabelled.ids!;
    expect(Array.from(relabelled.from, (i) => ids[i])).toEqual(Array.from(g.from));
    expect(Array.from(relabelled.to, (i) => ids[i])).toEqual(Array.from(g.to));
  });

  it('relabels more ids than its first table holds (it grows), in order of first appearance', () => {
    const pairs: [number, number][] = [];
    for (let k = 0; k < 60_000; k++) pairs.push([k * 4_294_967_311 + 7, (k % 997) * 2 ** 40 + 3]);
    const e = parseEdgeList(pairs.map(([a, b]) => `${a} ${b}`).join('\n'));
    const ids = e.ids!;
    expect(e.nodeCount).toBe(new Set(pairs.flat()).size);
    // Rows whose ids do not come back, checked once (toEqual over 60,000 numbers twice took
    // seconds on a loaded machine).
    const wrong = pairs.flatMap(([a, b], k) => (ids[e.from[k]!] === a && ids[e.to[k]!] === b ? [] : [k]));
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(e.from[1]).toBe(2);
  });

  it('reads ids up to 2^53, commas, comments and blank lines', () => {
    const e = parseEdgeList('% konect\n\n1,9007199254740991\n  12 1\n');
    expect(Array.from(e.ids!)).toEqual([1, 9007199254740991, 12]);
    expect(Array.from(e.from)).toEqual([0, 2]);
  });

  it('names the line of a malformed row', () => {
    expect(() => parseEdgeList('1 2\n3 x\n')).toThrow(
      "input line 2 must be two whole-number ids separated by a space, a tab or a comma, got '3 x'",
    );
    expect(() => parseEdgeList('1 2\n3\n')).toThrow(/line 2/);
    expect(() => parseEdgeList('1 2 3\n')).toThrow(/line 1/);
  });
});

describe('generateFollowerGraph', () => {
  it('is deterministic, simple (no self-follows, no repeated edge) and skewed', () => {
    const a = generateFollowerGraph({ nodes: 2000, edges: 20_000, seed: 5 });
    const b = generateFollowerGraph({ nodes: 2000, edges: 20_000, seed: 5 });
    expect(a.from).toEqual(b.from);
    expect(a.to).toEqual(b.to);
    expect(a.tweetCount).toEqual(b.tweetCount);
    expect(generateFollowerGraph({ nodes: 2000, edges: 20_000, seed: 6 }).to).not.toEqual(a.to);
    const keys = new Set<number>();
    const inDegree = new Uint32Array(2000);
    // One assertion on the count, not 20,000 expect calls (those took seconds on a busy machine).
    let selfFollows = 0;
    for (let k = 0; k < a.from.length; k++) {
      if (a.from[k] === a.to[k]) selfFollows++;
      keys.add(a.from[k]! * 2000 + a.to[k]!);
      inDegree[a.to[k]!]!++;
    }
    expect(selfFollows).toBe(0);
    expect(keys.size).toBe(20_000);
    const sorted = Array.from(inDegree).sort((x, y) => y - x);
    // The most followed node has many times the median in-degree.
    expect(sorted[0]!).toBeGreaterThan(20 * sorted[1000]!);
  });
});
