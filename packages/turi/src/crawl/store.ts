import { PGlite } from '@electric-sql/pglite';
import { checkOptions } from '../check.js';
import { describeValue, TuriError } from '../errors.js';
import type { RankAccount } from '../rank.js';

/** The SQL the crawl needs from a database: PGlite and node-postgres both fit behind it. */
export interface CrawlStore {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs `fn` in one transaction: all of a page is stored, or none of it. */
  transaction<T>(fn: (tx: Pick<CrawlStore, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** `'pglite'` or `'postgres'`. */
  readonly kind: 'pglite' | 'postgres';
}

export interface OpenCrawlStoreOptions {
  /** A folder for PGlite's files (kept between runs: this is what makes a crawl resumable). Default: in memory. */
  dataDir?: string;
  /** A PostgreSQL server instead, e.g. `postgres://user@localhost/turi` (needs the `pg` package). */
  url?: string;
}

// Tables named and shaped as turiSql expects, so the crawled graph can be scored in SQL directly:
// turiSql({ dialect: 'postgres', edges: 'turi_edges', profiles: 'turi_profiles', followersCount: 'profile' }).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS turi_accounts (
  position    SERIAL,
  handle      TEXT PRIMARY KEY,
  id          TEXT,
  status      TEXT NOT NULL DEFAULT 'pending',
  reason      TEXT,
  cursor      TEXT,
  pages       INTEGER NOT NULL DEFAULT 0,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS turi_profiles (
  id               TEXT PRIMARY KEY,
  handle           TEXT NOT NULL,
  followers_count  BIGINT,
  following_count  BIGINT,
  tweet_count      BIGINT,
  verified         BOOLEAN,
  protected        BOOLEAN
);
CREATE TABLE IF NOT EXISTS turi_edges (
  follower_id  TEXT NOT NULL,
  followee_id  TEXT NOT NULL,
  PRIMARY KEY (followee_id, follower_id)
);`;

/**
 * Opens (and creates the tables of) a crawl store: PostgreSQL on PGlite by default, in memory or
 * in a folder, or a PostgreSQL server by URL. Tables: `turi_accounts` (each candidate, its
 * status, reason and cursor), `turi_profiles` and `turi_edges`, shaped as `turiSql` (from `@ds/turi`) reads.
 *
 * @example
 * import { openCrawlStore } from '@ds/turi/crawl';
 * const store = await openCrawlStore();
 * (await store.query('SELECT count(*)::int AS n FROM turi_edges')).rows[0]; // => { n: 0 }
 * await store.close();
 */
export async function openCrawlStore(options: OpenCrawlStoreOptions = {}): Promise<CrawlStore> {
  const o = checkOptions<OpenCrawlStoreOptions>('options', options);
  if (o.url !== undefined && o.dataDir !== undefined) {
    throw new TuriError('conflict', 'dataDir', o.dataDir, 'left out when url is given');
  }
  if (o.url !== undefined && (typeof o.url !== 'string' || !/^postgres(ql)?:\/\//.test(o.url))) {
    throw new TuriError('invalid-type', 'url', o.url, 'a PostgreSQL URL (postgres://user:password@host:port/database)');
  }
  if (o.dataDir !== undefined && (typeof o.dataDir !== 'string' || o.dataDir === '' || o.dataDir.length > 4096)) {
    throw new TuriError('invalid-type', 'dataDir', o.dataDir, 'a folder path, or undefined for memory');
  }
  let store: CrawlStore | undefined;
  try {
    store = o.url !== undefined ? await openPostgres(o.url) : await openPglite(o.dataDir);
    await store.query(SCHEMA);
    return store;
  } catch (error) {
    await store?.close().catch(() => undefined);
    if (error instanceof TuriError) throw error;
    const where = o.url !== undefined ? 'url' : 'dataDir';
    throw new TuriError(
      'invalid-file',
      where,
      o.url ?? o.dataDir,
      'a database the crawl store can open',
      `the crawl store could not be opened: ${error instanceof Error ? error.message : describeValue(error)}`,
      { cause: error },
    );
  }
}

async function openPglite(dataDir: string | undefined): Promise<CrawlStore> {
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    async query(sql, params) {
      if (params === undefined || params.length === 0) {
        const results = await db.exec(sql);
        return { rows: (results.at(-1)?.rows ?? []) as never[] };
      }
      return db.query(sql, params);
    },
    transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params ?? []) })),
    close: () => db.close(),
  };
}

interface PgPool {
  query(sql: string, params?: unknown[]): Promise<{ rows: never[] }>;
  connect(): Promise<{ query(sql: string, params?: unknown[]): Promise<{ rows: never[] }>; release(): void }>;
  end(): Promise<void>;
}

async function openPostgres(url: string): Promise<CrawlStore> {
  if (typeof url !== 'string' || !/^postgres(ql)?:\/\//.test(url)) {
    throw new TuriError('invalid-type', 'url', url, 'a postgres:// connection URL');
  }
  const name = 'pg';
  let pg: { default?: { Pool: new (o: object) => PgPool }; Pool?: new (o: object) => PgPool };
  try {
    pg = await import(name);
  } catch {
    throw new TuriError('invalid-type', 'url', url, 'a server reachable with the pg package installed (npm install pg)');
  }
  const Pool = pg.Pool ?? pg.default?.Pool;
  if (Pool === undefined) throw new TuriError('invalid-type', 'url', url, 'the pg package (npm install pg)');
  const pool = new Pool({ connectionString: url, max: 2 });
  return {
    kind: 'postgres',
    query: (sql, params) => pool.query(sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => client.query(sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** A crawled candidate, ready for `rankUnderrated` (from `@ds/turi`): counts, followers' counts, status. */
export interface CrawledAccount extends RankAccount {
  id: string;
  handle: string;
  status: 'done' | 'pending' | 'private' | 'not-found' | 'suspended';
  /** Why the account could not be read, as the source said. */
  reason: string | undefined;
  /** Followers stored whose own follower count is unknown (left out of IF). */
  followersWithoutCounts: number;
}

/**
 * The crawled candidates as accounts for `rankUnderrated` (from `@ds/turi`): each one's counts from its
 * profile, and its stored followers' follower counts (IF is their mean). Accounts that could not
 * be read come back `protected: true` with their status and reason, so the ranking lists them
 * last with the reason.
 *
 * @example
 * import { openCrawlStore, readCrawledAccounts } from '@ds/turi/crawl';
 * const store = await openCrawlStore();
 * await readCrawledAccounts(store); // => []
 * await store.close();
 */
export async function readCrawledAccounts(store: CrawlStore): Promise<CrawledAccount[]> {
  if (store === null || typeof store !== 'object' || typeof (store as CrawlStore).query !== 'function') {
    throw new TuriError('invalid-type', 'store', store, 'a crawl store (from openCrawlStore or crawl)');
  }
  const { rows } = await store.query<{
    handle: string;
    id: string | null;
    status: CrawledAccount['status'];
    reason: string | null;
    followers_count: string | number | null;
    following_count: string | number | null;
    tweet_count: string | number | null;
    verified: boolean | null;
    protected: boolean | null;
    counts: (string | number | null)[] | null;
  }>(
    `SELECT a.handle, a.id, a.status, a.reason, p.followers_count, p.following_count, p.tweet_count, p.verified, p.protected,
            (SELECT array_agg(f.followers_count ORDER BY e.follower_id) FROM turi_edges e LEFT JOIN turi_profiles f ON f.id = e.follower_id
              WHERE e.followee_id = a.id) AS counts
       FROM turi_accounts a LEFT JOIN turi_profiles p ON p.id = a.id
      ORDER BY a.position`,
    [],
  );
  return rows.map((r) => {
    const counts = (r.counts ?? []).filter((c) => c !== null).map(Number);
    const unavailable = r.status !== 'done';
    return {
      id: r.id ?? r.handle,
      handle: r.handle,
      status: r.status,
      reason: r.reason ?? undefined,
      followersCount: Number(r.followers_count ?? 0),
      followingCount: r.following_count === null ? undefined : Number(r.following_count),
      tweetCount: Number(r.tweet_count ?? 0),
      verified: r.verified ?? undefined,
      protected: unavailable || r.protected === true,
      followerFollowerCounts: unavailable ? undefined : counts,
      followersWithoutCounts: (r.counts ?? []).length - counts.length,
    };
  });
}
