import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CrawlProgress, type CrawlStore, crawl, openCrawlStore, readCrawledAccounts } from '../src/crawl.js';
import { rankUnderrated, TuriError, turi, turiSql } from '../src/index.js';
import { blueskySource, mastodonSource } from '../src/sources.js';
import { emptyStoreDir, removeStoreDirs } from './helpers/empty-store.js';
import { fakeTime } from './helpers/fake-time.js';
import { type Exchange, paths, type ReplayServer, readExchanges, serveRecording } from './helpers/recordings.js';
import { candidates, followersOf, type SyntheticOptions, syntheticBluesky } from './helpers/synthetic-bluesky.js';

// One store for the file, emptied per test, copied from an empty cluster (no initdb: see
// helpers/empty-store.ts); the crash test's child gets a folder of its own.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
let store: CrawlStore;
beforeAll(async () => {
  store = await openCrawlStore({ dataDir: await emptyStoreDir() });
});
beforeEach(async () => {
  await store.query('TRUNCATE turi_accounts, turi_profiles, turi_edges RESTART IDENTITY', []);
});
afterAll(async () => {
  await store.close();
  removeStoreDirs();
});

const servers: ReplayServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(exchanges: Exchange[]) {
  const server = await serveRecording(exchanges);
  servers.push(server);
  return server;
}

/** What the recording says a candidate's followers are, and their follower counts. */
function recordedFollowers(exchanges: Exchange[], did: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of exchanges) {
    const body = e.body as { profiles?: { did: string; followersCount: number }[] };
    for (const p of body.profiles ?? []) counts.set(p.did, p.followersCount);
  }
  const followers = new Map<string, number>();
  for (const e of exchanges) {
    if (e.status !== 200 || !e.path.includes('getFollowers') || !e.path.includes(encodeURIComponent(did))) continue;
    for (const f of (e.body as { followers: { did: string }[] }).followers) followers.set(f.did, counts.get(f.did)!);
  }
  return followers;
}

describe('crawl against a replayed Bluesky AppView', () => {
  const exchanges = readExchanges('bluesky');

  it('stores every follower with its count, records unavailable accounts, and ranks the result', async () => {
    const { url } = await serve(exchanges);
    const time = fakeTime();
    const progress: CrawlProgress[] = [];
    const summary = await crawl({
      source: blueskySource({ baseUrl: url, ...time }),
      candidates: ['alice.test', 'bob.test', 'ghost.test', 'gone.test'],
      store,
      onProgress: (p) => progress.push(p),
      now: time.now,
    });
    expect(summary).toMatchObject({ accounts: 4, done: 2, pages: 3, followersStored: 4 });
    expect(summary.unavailable).toEqual([
      { handle: 'ghost.test', status: 'not-found', reason: 'Profile not found' },
      { handle: 'gone.test', status: 'suspended', reason: 'Account has been suspended' },
    ]);
    const accounts = await readCrawledAccounts(summary.store);
    const alice = accounts.find((a) => a.handle === 'alice.test')!;
    const expected = recordedFollowers(exchanges, 'did:plc:alice');
    expect(Array.from(alice.followerFollowerCounts ?? []).sort()).toEqual([...expected.values()].sort());
    expect(alice).toMatchObject({ status: 'done', followersCount: 3, tweetCount: 40, followersWithoutCounts: 0 });

    const ranked = rankUnderrated(accounts);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, undefined, undefined]);
    const aliceRow = ranked.find((r) => r.id === 'did:plc:alice')!;
    expect(aliceRow.turi).toBe(turi({ followersCount: 3, tweetCount: 40, followerFollowerCounts: [...expected.values()] }).turi);

    // Progress: pages counted up, accounts finished counted up, an estimate once one is finished.
    expect(progress.at(-1)).toMatchObject({ accountsDone: 4, accountsTotal: 4, pages: 3, unavailable: 2, etaMs: 0 });
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.accountsDone).toBeGreaterThanOrEqual(progress[i - 1]!.accountsDone);
    // Waits: the 502's backoff, the 429's Retry-After (2 s), and the reset announced by ratelimit-remaining: 0.
    expect(time.waits).toContain(2000);
    expect(time.waits).toContain(60_000 - 2000 - time.waits[0]!);

    // The same store scored in SQL: turiSql reads the crawl tables directly.
    const sql = turiSql({ dialect: 'postgres', edges: 'turi_edges', profiles: 'turi_profiles', followersCount: 'profile' });
    const { rows } = await summary.store.query<{ id: string; turi: number }>(
      `SELECT * FROM (${sql}) AS t WHERE id = 'did:plc:alice'`,
      [],
    );
    expect(rows[0]?.turi).toBeCloseTo(aliceRow.turi!, 9);
  });

  it('resumes after an abort without refetching a stored page', async () => {
    const server = await serve(exchanges);
    const time = fakeTime();
    const controller = new AbortController();
    const first = crawl({
      source: blueskySource({ baseUrl: server.url, ...time }),
      candidates: ['alice.test', 'bob.test'],
      store,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pages === 1) controller.abort();
      },
    });
    await expect(first).rejects.toMatchObject({ code: 'aborted', cause: { name: 'AbortError' } });
    const firstPage = paths(server).filter((p) => p.endsWith('getFollowers?actor=did%3Aplc%3Aalice&limit=100')).length;
    const summary = await crawl({
      source: blueskySource({ baseUrl: server.url, ...time }),
      candidates: ['alice.test', 'bob.test'],
      store,
    });
    expect(paths(server).filter((p) => p.endsWith('getFollowers?actor=did%3Aplc%3Aalice&limit=100')).length).toBe(firstPage);
    expect(paths(server).filter((p) => p.includes('getProfile?actor=alice.test'))).toHaveLength(1);
    expect(summary).toMatchObject({ done: 2, pages: 2 });
    const { rows } = await store.query<{ n: number; distinct: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT (follower_id, followee_id))::int AS distinct FROM turi_edges',
      [],
    );
    expect(rows[0]).toEqual({ n: 4, distinct: 4 });
  });

  it('retries unavailable accounts only on request', async () => {
    const server = await serve(exchanges);
    const source = blueskySource({ baseUrl: server.url, ...fakeTime() });
    await crawl({ source, candidates: ['ghost.test'], store });
    await crawl({ source, candidates: ['ghost.test'], store });
    expect(paths(server).filter((p) => p.includes('ghost.test'))).toHaveLength(1);
    const again = await crawl({ source, candidates: ['ghost.test'], store, retryUnavailable: true });
    expect(paths(server).filter((p) => p.includes('ghost.test'))).toHaveLength(2);
    expect(again.unavailable).toEqual([{ handle: 'ghost.test', status: 'not-found', reason: 'Profile not found' }]);
  });

  it('takes its candidates from the accounts one account follows', async () => {
    const server = await serve(exchanges);
    const summary = await crawl({
      source: blueskySource({ baseUrl: server.url, ...fakeTime() }),
      followingOf: 'alice.test',
      store,
    });
    const { rows } = await summary.store.query<{ handle: string; status: string }>(
      'SELECT handle, status FROM turi_accounts ORDER BY position',
      [],
    );
    expect(rows).toEqual([
      { handle: 'bob.test', status: 'done' },
      { handle: 'ghost.test', status: 'not-found' },
    ]);
  });

  it('refuses a crawl without candidates, and a malformed answer stops it with a typed error', async () => {
    const server = await serve(exchanges);
    const source = blueskySource({ baseUrl: server.url, ...fakeTime() });
    await expect(crawl({ source, candidates: [] })).rejects.toBeInstanceOf(TuriError);
    await expect(crawl({ source, candidates: ['broken.test'], store })).rejects.toMatchObject({ code: 'malformed-response' });
  });
});

describe('crawl against a replayed Mastodon instance', () => {
  it('stores followers with the counts their pages carry, and records a locked account as private', async () => {
    const exchanges = readExchanges('mastodon');
    const server = await serve(exchanges);
    // The file's store: a crawl without one would start a PGlite of its own (seconds).
    const summary = await crawl({
      source: mastodonSource({ baseUrl: server.url, ...fakeTime() }),
      candidates: ['alice', 'locked', 'nobody'],
      store,
    });
    expect(summary.unavailable.map((u) => u.status)).toEqual(['private', 'not-found']);
    const [alice] = await readCrawledAccounts(summary.store);
    const followerCounts = exchanges
      .filter((e) => e.status === 200 && e.path.startsWith('/api/v1/accounts/109302/followers'))
      .flatMap((e) => (e.body as { followers_count: number }[]).map((a) => a.followers_count));
    expect(Array.from(alice?.followerFollowerCounts ?? []).sort()).toEqual(followerCounts.sort());
    expect(paths(server).some((p) => p.startsWith('/api/v1/accounts?'))).toBe(false);
  });
});

describe('crash test: a crawl killed with SIGKILL resumes and stores every follower exactly once', () => {
  it('kills a child process mid-crawl, then resumes from its PGlite folder', async () => {
    // 8 accounts of 4 pages, killed after the 10th page: mid-account, with accounts done and to do.
    const o: SyntheticOptions = { accounts: 8, pages: 4, perPage: 25 };
    const server = await serveRecording([], syntheticBluesky(o));
    servers.push(server);
    const dir = mkdtempSync(join(tmpdir(), 'turi-crash-'));
    try {
      const pglite = pathToFileURL(
        createRequire(import.meta.url)
          .resolve('@electric-sql/pglite')
          .replace(/\.cjs$/, '.js'),
      ).href;
      const child = join(dir, 'child.mjs');
      await build({
        entryPoints: [fileURLToPath(new URL('./helpers/crash-child.ts', import.meta.url))],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: child,
        logLevel: 'silent',
        plugins: [
          {
            name: 'pglite',
            setup: (b) => b.onResolve({ filter: /^@electric-sql\/pglite$/ }, () => ({ path: pglite, external: true })),
          },
        ],
      });
      // The child's folder starts as a copy of the empty cluster: a child running initdb itself
      // took 20 of the test's 40 s on a loaded machine.
      const dataDir = await emptyStoreDir();
      const killedAt = await new Promise<number>((resolve, reject) => {
        const proc = spawn(process.execPath, [child, server.url, dataDir, JSON.stringify(o)], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        proc.stderr.on('data', (d) => {
          stderr += d;
        });
        let killed = 0;
        proc.stdout.on('data', (d: Buffer) => {
          const pages = Number(/pages (\d+)\s*$/.exec(d.toString())?.[1] ?? 0);
          if (killed === 0 && pages >= 10) {
            killed = pages;
            proc.kill('SIGKILL');
          }
        });
        proc.on('exit', (_code, signal) =>
          signal === 'SIGKILL' ? resolve(killed) : reject(new Error(`child exited without being killed: ${stderr}`)),
        );
      });
      expect(killedAt).toBeGreaterThanOrEqual(10);
      const servedBefore = paths(server).filter((p) => p.includes('getFollowers')).length;

      const summary = await crawl({
        source: blueskySource({ baseUrl: server.url }),
        candidates: candidates(o),
        store: { dataDir },
      });
      const resumed = summary.store;
      expect(summary.done).toBe(o.accounts);
      expect(summary.pages).toBeLessThanOrEqual(o.accounts * o.pages - killedAt + 1);

      // Every follower of every candidate, once.
      const { rows } = await resumed.query<{ followee_id: string; follower_id: string }>(
        'SELECT followee_id, follower_id FROM turi_edges',
        [],
      );
      const expected = new Set<string>();
      for (let a = 0; a < o.accounts; a++)
        for (let p = 0; p < o.pages; p++) for (const f of followersOf(o, a, p)) expected.add(`did:plc:c${a} did:plc:${f}`);
      const actual = rows.map((r) => `${r.followee_id} ${r.follower_id}`);
      expect(actual.length).toBe(expected.size);
      expect(new Set(actual)).toEqual(expected);
      // Only the page in flight when the child died may have been fetched twice.
      const servedTotal = paths(server).filter((p) => p.includes('getFollowers')).length;
      expect(servedTotal).toBeLessThanOrEqual(o.accounts * o.pages + 1);
      expect(servedTotal - servedBefore).toBeLessThanOrEqual(o.accounts * o.pages - killedAt + 1);
      await resumed.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A child process that compiles PGlite and reopens its folder, then the parent's reopen: about
    // 4 s quiet, 11 s on a loaded 2-core machine (40–60 s before the stores were copies).
  }, 60_000);
});
