import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// PGlite and DuckDB start in a second or two, more on a busy machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

import { generateFollowerGraph, type SqlDialect, TuriError, turiForGraph, turiSql } from '../src/index.js';
import {
  type Duck,
  loadDuckdb,
  loadPglite,
  openDuckdb,
  openPglite,
  runDuckdb,
  runPglite,
  type SqlGraph,
} from './helpers/sql-engines.js';

/** NaN where the engine gave NULL, and the same doubles elsewhere (to 1 ulp-ish). */
function expectSameScores(actual: Float64Array, expected: Float64Array) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i]!)) expect(actual[i], `node ${i}`).toBeNaN();
    else expect(Math.abs(actual[i]! - expected[i]!), `node ${i}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected[i]!));
  }
}

const graphArbitrary = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    tweetCount: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: n, maxLength: n }),
    followersCount: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: n, maxLength: n }),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 120 }),
  }),
);

const variants = [
  { followersCount: 'in-degree', zeroTweets: 'as-one', minTweets: 0 },
  { followersCount: 'profile', zeroTweets: 'as-one', minTweets: 0 },
  { followersCount: 'in-degree', zeroTweets: 'exclude', minTweets: 3 },
] as const;

function toGraph(g: { tweetCount: number[]; followersCount: number[]; edges: [number, number][] }): SqlGraph {
  return {
    from: g.edges.map((e) => e[0]),
    to: g.edges.map((e) => e[1]),
    tweetCount: g.tweetCount,
    followersCount: g.followersCount,
  };
}

function expected(graph: SqlGraph, v: (typeof variants)[number]): Float64Array {
  return turiForGraph(
    {
      from: Array.from(graph.from),
      to: Array.from(graph.to),
      tweetCount: Array.from(graph.tweetCount),
      followersCount: v.followersCount === 'profile' ? Array.from(graph.followersCount!) : undefined,
    },
    { zeroTweets: v.zeroTweets, minTweets: v.minTweets },
  );
}

describe('turiSql on PGlite equals turiForGraph', () => {
  let db: Awaited<ReturnType<typeof openPglite>>;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    await db.close();
  });

  for (const v of variants) {
    it(`on random graphs (${v.followersCount}, ${v.zeroTweets}, minTweets ${v.minTweets})`, async () => {
      const sql = turiSql({ dialect: 'postgres', ...v });
      await fc.assert(
        fc.asyncProperty(graphArbitrary, async (g) => {
          const graph = toGraph(g);
          await loadPglite(db, graph);
          expectSameScores(await runPglite(db, g.tweetCount.length, sql), expected(graph, v));
        }),
        { numRuns: 25 },
      );
    });
  }

  it('on a generated graph of 5,000 nodes and 60,000 edges', async () => {
    const g = generateFollowerGraph({ nodes: 5000, edges: 60_000, seed: 9 });
    await loadPglite(db, g);
    expectSameScores(await runPglite(db, g.nodeCount, turiSql({ dialect: 'postgres' })), turiForGraph(g));
  });

  it('returns (id, followers_count, influence, turi) with NULL, not NaN, where undefined', async () => {
    await loadPglite(db, { from: [1, 2], to: [0, 0], tweetCount: [4, 1, 0] });
    const { rows, fields } = await db.query(turiSql({ dialect: 'postgres' }));
    expect(fields.map((f) => f.name)).toEqual(['id', 'followers_count', 'influence', 'turi']);
    expect(rows).toEqual([
      { id: 0, followers_count: 2, influence: 0, turi: 0 },
      { id: 1, followers_count: 0, influence: null, turi: null },
      { id: 2, followers_count: 0, influence: null, turi: null },
    ]);
  });
});

describe('turiSql on DuckDB equals turiForGraph', () => {
  let duck: Duck;
  beforeAll(async () => {
    duck = await openDuckdb();
  });
  afterAll(() => {
    duck.connection.closeSync();
    duck.instance.closeSync();
  });

  for (const v of variants) {
    it(`on random graphs (${v.followersCount}, ${v.zeroTweets}, minTweets ${v.minTweets})`, async () => {
      const sql = turiSql({ dialect: 'duckdb', ...v });
      await fc.assert(
        fc.asyncProperty(graphArbitrary, async (g) => {
          const graph = toGraph(g);
          await loadDuckdb(duck, graph);
          expectSameScores(await runDuckdb(duck, g.tweetCount.length, sql), expected(graph, v));
        }),
        { numRuns: 25 },
      );
    });
  }

  it('on a generated graph of 5,000 nodes and 60,000 edges', async () => {
    const g = generateFollowerGraph({ nodes: 5000, edges: 60_000, seed: 9 });
    await loadDuckdb(duck, g);
    expectSameScores(await runDuckdb(duck, g.nodeCount, turiSql({ dialect: 'duckdb' })), turiForGraph(g));
  });
});

describe('turiSql golden text for BigQuery and Spark (test/golden/*.sql)', () => {
  // Regenerate after a deliberate change with TURI_UPDATE_GOLDEN=1 and review the diff.
  const cases: { name: string; dialect: SqlDialect; options: Parameters<typeof turiSql>[0] }[] = [
    {
      name: 'bigquery',
      dialect: 'bigquery',
      options: { dialect: 'bigquery', edges: 'my-project.social.edges', profiles: 'my-project.social.profiles' },
    },
    {
      name: 'bigquery-profile',
      dialect: 'bigquery',
      options: { dialect: 'bigquery', followersCount: 'profile', zeroTweets: 'exclude', minTweets: 20 },
    },
    { name: 'spark', dialect: 'spark', options: { dialect: 'spark', edges: 'social.edges', profiles: 'social.profiles' } },
    {
      name: 'spark-renamed',
      dialect: 'spark',
      options: {
        dialect: 'spark',
        followersCount: 'profile',
        columns: { followerId: 'src', followeeId: 'dst', id: 'user_id', tweetCount: 'statuses_count' },
      },
    },
    { name: 'postgres', dialect: 'postgres', options: { dialect: 'postgres' } },
    { name: 'duckdb', dialect: 'duckdb', options: { dialect: 'duckdb', followersCount: 'profile' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const file = new URL(`./golden/${c.name}.sql`, import.meta.url);
      const sql = `${turiSql(c.options)}\n`;
      if (process.env.TURI_UPDATE_GOLDEN === '1') writeFileSync(file, sql);
      expect(sql).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('uses each dialect’s double type and identifier quotes', () => {
    expect(turiSql({ dialect: 'bigquery' })).toContain('AS FLOAT64)');
    expect(turiSql({ dialect: 'spark' })).toContain('AS DOUBLE)');
    expect(turiSql({ dialect: 'spark' })).toContain('`edges`');
    expect(turiSql({ dialect: 'postgres' })).toContain('AS DOUBLE PRECISION)');
  });
});

describe('turiSql bad input', () => {
  it('refuses an unknown dialect and a name that could inject SQL', () => {
    // @ts-expect-error: testing a value outside the type
    expect(() => turiSql({ dialect: 'mysql' })).toThrow(TuriError);
    expect(() => turiSql({ dialect: 'postgres', edges: 'edges; DROP TABLE x' })).toThrow(/edges must be a table name/);
    expect(() => turiSql({ dialect: 'spark', columns: { id: 'a`b' } })).toThrow(/columns.id/);
  });
});
