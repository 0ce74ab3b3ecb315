// The crawl store and turiSql on a PostgreSQL server (not PGlite). Reads DATABASE_URL (or
// CI_DATABASE_URL, which .ci/run exports), e.g. postgres://ds:ds@127.0.0.1:5432/ds_test.
// Drops and recreates the turi_* tables and a turi_sql_test schema in that database.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl, openCrawlStore, readCrawledAccounts } from '../src/crawl.js';
import { generateFollowerGraph, rankUnderrated, turiForGraph, turiSql } from '../src/index.js';
import { blueskySource } from '../src/sources.js';
import { fakeTime } from './helpers/fake-time.js';
import { type ReplayServer, readExchanges, serveRecording } from './helpers/recordings.js';

const url = process.env.DATABASE_URL ?? process.env.CI_DATABASE_URL;

describe('on a PostgreSQL server', () => {
  let server: ReplayServer;
  beforeAll(async () => {
    if (url === undefined || !url.startsWith('postgres')) {
      throw new Error('set DATABASE_URL to a PostgreSQL server, e.g. postgres://ds:ds@127.0.0.1:5432/ds_test');
    }
    server = await serveRecording(readExchanges('bluesky'));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('crawls into the server, resumes there, and reads back what PGlite would', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP TABLE IF EXISTS turi_accounts, turi_profiles, turi_edges');
    await admin.end();
    const store = await openCrawlStore({ url });
    expect(store.kind).toBe('postgres');
    const controller = new AbortController();
    const source = blueskySource({ baseUrl: server.url, ...fakeTime() });
    const candidates = ['alice.test', 'bob.test', 'ghost.test'];
    await expect(
      crawl({ source, candidates, store, signal: controller.signal, onProgress: (p) => p.pages === 1 && controller.abort() }),
    ).rejects.toMatchObject({ code: 'aborted', cause: { name: 'AbortError' } });
    await store.close();
    // Resumed by URL, as a second process would.
    const summary = await crawl({ source, candidates, store: { url } });
    expect(summary).toMatchObject({ accounts: 3, done: 2 });
    const accounts = await readCrawledAccounts(summary.store);
    expect(accounts.map((a) => [a.handle, a.status, Array.from(a.followerFollowerCounts ?? []).length])).toEqual([
      ['alice.test', 'done', 3],
      ['bob.test', 'done', 1],
      ['ghost.test', 'not-found', 0],
    ]);
    expect(rankUnderrated(accounts)[0]?.rank).toBe(1);
    await summary.store.close();
  });

  it('runs turiSql with the values of turiForGraph', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const g = generateFollowerGraph({ nodes: 3000, edges: 40_000, seed: 4 });
      await client.query('DROP SCHEMA IF EXISTS turi_sql_test CASCADE; CREATE SCHEMA turi_sql_test');
      await client.query('CREATE TABLE turi_sql_test.edges (follower_id INTEGER, followee_id INTEGER)');
      await client.query('CREATE TABLE turi_sql_test.profiles (id INTEGER PRIMARY KEY, tweet_count INTEGER)');
      await client.query('INSERT INTO turi_sql_test.edges SELECT * FROM unnest($1::int[], $2::int[])', [
        Array.from(g.from),
        Array.from(g.to),
      ]);
      await client.query('INSERT INTO turi_sql_test.profiles SELECT * FROM unnest($1::int[], $2::int[])', [
        Array.from({ length: g.nodeCount }, (_, i) => i),
        Array.from(g.tweetCount),
      ]);
      const sql = turiSql({ dialect: 'postgres', edges: 'turi_sql_test.edges', profiles: 'turi_sql_test.profiles' });
      const { rows } = await client.query<{ id: number; turi: number | null }>(sql);
      const expected = turiForGraph(g);
      expect(rows).toHaveLength(g.nodeCount);
      for (const row of rows) {
        const e = expected[row.id]!;
        if (Number.isNaN(e)) expect(row.turi).toBeNull();
        else expect(Math.abs(row.turi! - e)).toBeLessThanOrEqual(1e-12 * e);
      }
      await client.query('DROP SCHEMA turi_sql_test CASCADE');
    } finally {
      await client.end();
    }
  });
});
