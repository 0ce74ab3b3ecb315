import { checkOptions, optionalBoolean, optionalFunction, optionalSignal, type Progress, progress } from '../check.js';
import { abortedError, checkCount, TuriError, throwIfAborted } from '../errors.js';
import { type Source, type SourcePage, type SourceProfile, UnavailableAccountError } from '../sources/types.js';
import { type CrawlStore, type OpenCrawlStoreOptions, openCrawlStore } from './store.js';

export interface CrawlOptions {
  /** Where followers and counts come from: `blueskySource()`, `mastodonSource(…)`, `xSource(…)`. */
  source: Source;
  /** Handles (or ids) of the accounts to score. */
  candidates?: readonly string[];
  /** Or: score the accounts this one follows (added to `candidates`). */
  followingOf?: string;
  /**
   * Where pages go as they arrive: an open store, or what {@link openCrawlStore} takes
   * (`{ dataDir: './turi-crawl' }` for PGlite on disk, `{ url: 'postgres://…' }` for a server).
   * Default: a new in-memory PGlite.
   */
  store?: CrawlStore | OpenCrawlStoreOptions;
  /** Try again the accounts recorded as private, missing or suspended. Default `false`. */
  retryUnavailable?: boolean;
  /** Stop paging an account's followers after this many pages (its IF is then a sample). Default: all. */
  maxPagesPerAccount?: number;
  /** Called after each stored page and each finished account. */
  onProgress?: (progress: CrawlProgress) => void;
  /** Stops the crawl between requests (and aborts the one in flight); what is stored stays. */
  signal?: AbortSignal;
  /** The clock for elapsed time and the estimate. Default `Date.now`. */
  now?: () => number;
}

/** `done`, `total` and `fraction` count finished accounts (the shape every @ds package reports). */
export interface CrawlProgress extends Progress {
  /** The account being crawled. */
  account: string;
  /** Accounts finished (done or unavailable), this run and earlier runs. */
  accountsDone: number;
  accountsTotal: number;
  /** Follower pages stored, this run. */
  pages: number;
  /** Follower edges stored, this run. */
  followersStored: number;
  /** Accounts recorded as private, missing or suspended, this run. */
  unavailable: number;
  elapsedMs: number;
  /** Time left, from this run's mean time per finished account; `undefined` before the first. */
  etaMs: number | undefined;
}

export interface CrawlSummary {
  /** Accounts in the store, and how many are finished, by status. */
  accounts: number;
  done: number;
  unavailable: { handle: string; status: 'private' | 'not-found' | 'suspended'; reason: string | undefined }[];
  /** Pages and follower edges stored in this run. */
  pages: number;
  followersStored: number;
  elapsedMs: number;
  /** The store, still open: read it with `readCrawledAccounts`, query it, close it. */
  store: CrawlStore;
}

/**
 * Crawls the followers of each candidate and their follower counts into a store, one transaction
 * a page (the page's followers, their profiles and the account's next cursor), so a crawl killed
 * at any moment resumes where it stopped without refetching a stored page. Accounts the source
 * will not show are recorded with the reason and skipped (`retryUnavailable` tries them again).
 * Rate limits, 429s and 5xx retries are the source's (see its `HttpOptions`).
 *
 * @example
 * import { blueskySource } from '@ds/turi/sources';
 * import { crawl, readCrawledAccounts } from '@ds/turi/crawl';
 * const profile = { did: 'did:plc:a', handle: 'a.bsky.social', followersCount: 1, followsCount: 0, postsCount: 4 };
 * const follower = { did: 'did:plc:b', handle: 'b.bsky.social', followersCount: 80, followsCount: 5, postsCount: 1 };
 * const fetch = async (url) =>
 *   Response.json(url.includes('getFollowers') ? { subject: profile, followers: [follower] } : url.includes('getProfiles') ? { profiles: [follower] } : profile);
 * const summary = await crawl({ source: blueskySource({ fetch }), candidates: ['a.bsky.social'] });
 * summary.followersStored; // => 1
 * (await readCrawledAccounts(summary.store))[0].followerFollowerCounts; // => [80]
 * await summary.store.close();
 */
export async function crawl(options: CrawlOptions): Promise<CrawlSummary> {
  checkOptions<CrawlOptions>('options', options, true);
  const source = checkSource(options.source);
  const signal = optionalSignal('signal', options.signal);
  const onProgress = optionalFunction<(progress: CrawlProgress) => void>('onProgress', options.onProgress);
  const clock = optionalFunction<() => number>('now', options.now) ?? Date.now;
  optionalBoolean('retryUnavailable', options.retryUnavailable, false);
  if (options.followingOf !== undefined && (typeof options.followingOf !== 'string' || options.followingOf === '')) {
    throw new TuriError('invalid-type', 'followingOf', options.followingOf, 'a handle or id');
  }
  const given0 = options.store;
  if (given0 !== undefined && (given0 === null || typeof given0 !== 'object')) {
    throw new TuriError('invalid-type', 'store', given0, 'a crawl store or the options of openCrawlStore');
  }
  const candidates = options.candidates ?? [];
  if (!Array.isArray(candidates)) throw new TuriError('invalid-type', 'candidates', candidates, 'an array of handles');
  candidates.forEach((c, i) => {
    if (typeof c !== 'string' || c === '') throw new TuriError('invalid-type', `candidates[${i}]`, c, 'a handle or id');
  });
  if (options.followingOf === undefined && candidates.length === 0) {
    throw new TuriError('invalid-type', 'candidates', candidates, 'at least one handle (or give followingOf)');
  }
  const maxPages =
    options.maxPagesPerAccount === undefined
      ? Number.POSITIVE_INFINITY
      : checkCount('maxPagesPerAccount', options.maxPagesPerAccount);
  const now = () => {
    const t = clock();
    if (typeof t !== 'number' || !Number.isFinite(t))
      throw new TuriError('invalid-type', 'now', t, 'a clock returning ms since the epoch');
    return t;
  };
  const started = now();
  const given = options.store;
  const store =
    given !== undefined && typeof (given as CrawlStore).query === 'function'
      ? (given as CrawlStore)
      : await openCrawlStore(given as OpenCrawlStoreOptions | undefined);
  const run = { pages: 0, followersStored: 0, unavailable: 0, finished: 0 };

  throwIfAborted(signal, 'the crawl');
  await addCandidates(store, candidates);
  if (options.followingOf !== undefined) {
    const owner = await source.profile(options.followingOf, signal);
    let cursor: string | undefined;
    const seen = new Set<string>();
    do {
      throwIfAborted(signal, 'the crawl');
      const page = checkPage(await source.following(owner.id, cursor, signal), seen);
      await addCandidates(
        store,
        page.accounts.map((a) => a.handle),
      );
      cursor = page.cursor;
    } while (cursor !== undefined);
  }
  if (options.retryUnavailable === true) {
    await store.query(
      `UPDATE turi_accounts SET status = 'pending', reason = NULL WHERE status IN ('private', 'not-found', 'suspended')`,
      [],
    );
  }
  const counts = async () =>
    (
      await store.query<{ total: number; finished: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE status <> 'pending')::int AS finished FROM turi_accounts`,
        [],
      )
    ).rows[0]!;
  const { total } = await counts();
  let { finished } = await counts();
  const pending = (
    await store.query<{ handle: string; id: string | null; cursor: string | null; pages: number }>(
      `SELECT handle, id, cursor, pages FROM turi_accounts WHERE status = 'pending' ORDER BY position`,
      [],
    )
  ).rows;

  const report = (account: string) => {
    const elapsedMs = now() - started;
    onProgress?.({
      ...progress(finished, total),
      account,
      accountsDone: finished,
      accountsTotal: total,
      pages: run.pages,
      followersStored: run.followersStored,
      unavailable: run.unavailable,
      elapsedMs,
      etaMs: run.finished === 0 ? undefined : (elapsedMs / run.finished) * (total - finished),
    });
  };
  const markUnavailable = async (handle: string, error: UnavailableAccountError) => {
    await store.query(`UPDATE turi_accounts SET status = $2, reason = $3, updated_at = now() WHERE handle = $1`, [
      handle,
      error.reason,
      error.detail ?? null,
    ]);
    run.unavailable++;
    run.finished++;
    finished++;
    report(handle);
  };

  for (const account of pending) {
    throwIfAborted(signal, 'the crawl');
    let id = account.id;
    try {
      if (id === null) {
        const profile = await source.profile(account.handle, signal);
        await store.transaction(async (tx) => {
          await upsertProfiles(tx, [profile]);
          await tx.query('UPDATE turi_accounts SET id = $2, updated_at = now() WHERE handle = $1', [account.handle, profile.id]);
        });
        id = profile.id;
      }
      let cursor = account.cursor ?? undefined;
      let pages = account.pages;
      const seen = new Set<string>(cursor === undefined ? [] : [cursor]);
      for (;;) {
        throwIfAborted(signal, 'the crawl');
        const page = checkPage(await source.followers(id, cursor, signal), seen);
        const followers = await withCounts(source, page.accounts, signal);
        const next = pages + 1 >= maxPages ? undefined : page.cursor;
        const followee = id;
        await store.transaction(async (tx) => {
          await upsertProfiles(tx, followers);
          await insertEdges(
            tx,
            followee,
            followers.map((f) => f.id),
          );
          await tx.query(
            `UPDATE turi_accounts SET cursor = $2, pages = pages + 1, status = $3, updated_at = now() WHERE handle = $1`,
            [account.handle, next ?? null, next === undefined ? 'done' : 'pending'],
          );
        });
        pages++;
        run.pages++;
        run.followersStored += followers.length;
        if (next === undefined) break;
        cursor = next;
        report(account.handle);
      }
      run.finished++;
      finished++;
      report(account.handle);
    } catch (error) {
      if (error instanceof UnavailableAccountError) await markUnavailable(account.handle, error);
      else if (signal?.aborted) throw abortedError(signal, 'the crawl');
      else throw error;
    }
  }

  const unavailable = (
    await store.query<{ handle: string; status: 'private' | 'not-found' | 'suspended'; reason: string | null }>(
      `SELECT handle, status, reason FROM turi_accounts WHERE status IN ('private', 'not-found', 'suspended') ORDER BY position`,
      [],
    )
  ).rows.map((r) => ({ handle: r.handle, status: r.status, reason: r.reason ?? undefined }));
  const after = await counts();
  return {
    accounts: after.total,
    done: after.finished - unavailable.length,
    unavailable,
    pages: run.pages,
    followersStored: run.followersStored,
    elapsedMs: now() - started,
    store,
  };
}

/** A source as the crawl uses it: its name, a batch size it can keep, and its four methods. */
function checkSource(value: unknown): Source {
  const expected = 'a source (blueskySource, mastodonSource, xSource, or an object of the Source interface)';
  if (value === null || typeof value !== 'object') throw new TuriError('invalid-type', 'source', value, expected);
  const s = value as Partial<Source>;
  for (const method of ['profile', 'followers', 'following', 'profiles'] as const) {
    if (typeof s[method] !== 'function') throw new TuriError('invalid-type', `source.${method}`, s[method], 'a function');
  }
  // A batch of 0 would never advance; more than 1,000 ids is no API's batch.
  const size = s.profileBatchSize;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 1000) {
    throw new TuriError(
      typeof size === 'number' ? 'out-of-range' : 'invalid-type',
      'source.profileBatchSize',
      size,
      'a whole number in [1, 1000]',
    );
  }
  return value as Source;
}

/**
 * A page as the crawl stores it: accounts with ids, and a cursor never seen before in this
 * listing (a source that repeats its cursor would be paged for ever).
 */
function checkPage(value: unknown, seen: Set<string>): SourcePage {
  if (value === null || typeof value !== 'object' || !Array.isArray((value as SourcePage).accounts)) {
    throw new TuriError('malformed-response', 'page', value, 'a page { accounts, cursor }');
  }
  const page = value as SourcePage;
  page.accounts.forEach((a, i) => {
    if (a === null || typeof a !== 'object' || typeof a.id !== 'string' || typeof a.handle !== 'string') {
      throw new TuriError('malformed-response', `page.accounts[${i}]`, a, 'an account { id, handle, … }');
    }
  });
  const cursor: unknown = page.cursor;
  if (cursor !== undefined) {
    if (typeof cursor !== 'string') throw new TuriError('malformed-response', 'page.cursor', cursor, 'a string or undefined');
    if (seen.has(cursor)) {
      throw new TuriError(
        'malformed-response',
        'page.cursor',
        cursor,
        'a cursor not seen before in this listing (the source repeats itself)',
      );
    }
    seen.add(cursor);
  }
  return page;
}

async function addCandidates(store: CrawlStore, handles: readonly string[]): Promise<void> {
  for (let i = 0; i < handles.length; i += 500) {
    const chunk = handles.slice(i, i + 500);
    await store.query(`INSERT INTO turi_accounts (handle) SELECT unnest($1::text[]) ON CONFLICT (handle) DO NOTHING`, [chunk]);
  }
}

/** Fills in the counts a follower page leaves out (Bluesky's), in the source's batch size. */
async function withCounts(source: Source, accounts: SourceProfile[], signal?: AbortSignal): Promise<SourceProfile[]> {
  const missing = accounts.filter((a) => a.followersCount === undefined).map((a) => a.id);
  if (missing.length === 0) return accounts;
  const found = new Map<string, SourceProfile>();
  for (let i = 0; i < missing.length; i += source.profileBatchSize) {
    for (const p of await source.profiles(missing.slice(i, i + source.profileBatchSize), signal)) found.set(p.id, p);
  }
  return accounts.map((a) => found.get(a.id) ?? a);
}

async function upsertProfiles(tx: Pick<CrawlStore, 'query'>, profiles: SourceProfile[]): Promise<void> {
  if (profiles.length === 0) return;
  const column = <T>(f: (p: SourceProfile) => T) => profiles.map(f);
  await tx.query(
    `INSERT INTO turi_profiles (id, handle, followers_count, following_count, tweet_count, verified, protected)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::boolean[], $7::boolean[])
     ON CONFLICT (id) DO UPDATE SET
       handle = EXCLUDED.handle,
       followers_count = COALESCE(EXCLUDED.followers_count, turi_profiles.followers_count),
       following_count = COALESCE(EXCLUDED.following_count, turi_profiles.following_count),
       tweet_count = COALESCE(EXCLUDED.tweet_count, turi_profiles.tweet_count),
       verified = COALESCE(EXCLUDED.verified, turi_profiles.verified),
       protected = COALESCE(EXCLUDED.protected, turi_profiles.protected)`,
    [
      column((p) => p.id),
      column((p) => p.handle),
      column((p) => p.followersCount ?? null),
      column((p) => p.followingCount ?? null),
      column((p) => p.tweetCount ?? null),
      column((p) => p.verified ?? null),
      column((p) => p.protected ?? null),
    ],
  );
}

async function insertEdges(tx: Pick<CrawlStore, 'query'>, followee: string, followers: string[]): Promise<void> {
  if (followers.length === 0) return;
  await tx.query(
    `INSERT INTO turi_edges (follower_id, followee_id) SELECT unnest($1::text[]), $2 ON CONFLICT (followee_id, follower_id) DO NOTHING`,
    [followers, followee],
  );
}
