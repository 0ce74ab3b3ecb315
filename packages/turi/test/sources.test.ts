import { afterEach, describe, expect, it } from 'vitest';
import { TuriError } from '../src/index.js';
import { blueskySource, mastodonSource, UnavailableAccountError, xSource } from '../src/sources.js';
import { fakeTime } from './helpers/fake-time.js';
import { paths, type ReplayServer, readExchanges, serveRecording } from './helpers/recordings.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(name: string) {
  server = await serveRecording(readExchanges(name));
  return server;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('blueskySource against recorded AppView responses', () => {
  it('reads a profile with its counts and verified status', async () => {
    const { url } = await serve('bluesky');
    const time = fakeTime();
    const source = blueskySource({ baseUrl: url, ...time });
    expect(await source.profile('alice.test')).toEqual({
      id: 'did:plc:alice',
      handle: 'alice.test',
      followersCount: 3,
      followingCount: 10,
      tweetCount: 40,
      verified: false,
      protected: false,
    });
  });

  it('pages followers by cursor, retrying a 502 with jittered backoff and a 429 after Retry-After', async () => {
    const s = await serve('bluesky');
    const time = fakeTime();
    const source = blueskySource({ baseUrl: s.url, ...time, random: () => 0.5, baseDelayMs: 1000 });
    const first = await source.followers('did:plc:alice');
    expect(first.accounts.map((a) => a.handle)).toEqual(['carol.test', 'dave.test']);
    expect(first.accounts[0]?.followersCount).toBeUndefined();
    expect(first.cursor).toBe('3lbwzk2e2ac2s');
    // Full jitter: a uniform wait in [0, 1000 · 2⁰] ms; random() = 0.5 gives 500.
    expect(time.waits).toEqual([500]);
    const second = await source.followers('did:plc:alice', first.cursor);
    expect(second).toMatchObject({ accounts: [{ id: 'did:plc:erin' }], cursor: undefined });
    expect(time.waits).toEqual([500, 2000]);
    expect(paths(s).filter((p) => p.includes('getFollowers'))).toHaveLength(4);
  });

  it('reads the counts of a batch of profiles, and waits for the reset when no request is left', async () => {
    const { url } = await serve('bluesky');
    const time = fakeTime();
    const source = blueskySource({ baseUrl: url, ...time });
    const [carol, dave] = await source.profiles(['did:plc:carol', 'did:plc:dave']);
    expect(carol).toMatchObject({ followersCount: 120, followingCount: 80, tweetCount: 500, verified: false });
    expect(dave).toMatchObject({ followersCount: 4000, verified: true });
    await source.profiles(['did:plc:erin']); // answers ratelimit-remaining: 0, reset at 1700000060
    expect(time.waits).toEqual([]);
    await source.profile('bob.test');
    expect(time.waits).toEqual([60_000]);
  });

  it('reports missing and suspended actors as unavailable, with the reason', async () => {
    const { url } = await serve('bluesky');
    const source = blueskySource({ baseUrl: url, ...fakeTime() });
    const ghost = await rejection(source.profile('ghost.test'));
    expect(ghost).toBeInstanceOf(UnavailableAccountError);
    expect(ghost).toMatchObject({ account: 'ghost.test', reason: 'not-found', detail: 'Profile not found' });
    expect(await rejection(source.profile('gone.test'))).toMatchObject({ reason: 'suspended' });
  });

  it('refuses a malformed answer with a typed error naming the field', async () => {
    const { url } = await serve('bluesky');
    const source = blueskySource({ baseUrl: url, ...fakeTime() });
    const broken = await rejection(source.profile('broken.test'));
    expect(broken).toBeInstanceOf(TuriError);
    expect(broken).toMatchObject({ code: 'malformed-response', argument: 'profile.followersCount', value: -4 });
    const garbled = await rejection(source.profile('garbled.test'));
    expect(garbled).toMatchObject({ code: 'malformed-response', expected: 'JSON' });
  });

  it('gives up after maxRetries with a typed error', async () => {
    server = await serveRecording([], () => ({ status: 500, body: { error: 'InternalServerError' } }));
    const time = fakeTime();
    const source = blueskySource({ baseUrl: server.url, ...time, maxRetries: 3, random: () => 1 - 2 ** -53 });
    expect(await rejection(source.profile('x.test'))).toMatchObject({ code: 'http-error', value: 500 });
    expect(paths(server)).toHaveLength(4);
    // Exponential: about 1, 2 and 4 seconds at the top of the jitter range.
    expect(time.waits).toEqual([1000, 2000, 4000]);
  });
});

describe('stopping on an AbortSignal', () => {
  it('stops a backoff wait at once, with the signal’s reason', async () => {
    server = await serveRecording([], () => ({ status: 503, body: { error: 'Service Unavailable' } }));
    // The real timer, a minute of backoff: only the signal can end this quickly.
    const source = blueskySource({ baseUrl: server.url, baseDelayMs: 60_000, random: () => 0.99 });
    const started = Date.now();
    const error = await rejection(source.profile('x.test', AbortSignal.timeout(200)));
    // The one cancellation error of @ds packages: a TuriError with the signal's reason as cause.
    expect(error).toMatchObject({ code: 'aborted', argument: 'signal', cause: { name: 'TimeoutError' } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('mastodonSource against recorded REST responses', () => {
  it('looks an account up and pages its followers by the Link header, retrying a 503', async () => {
    const { url } = await serve('mastodon');
    const time = fakeTime();
    const source = mastodonSource({ baseUrl: url, ...time, random: () => 0 });
    const alice = await source.profile('@alice');
    expect(alice).toMatchObject({
      id: '109302',
      handle: 'alice',
      followersCount: 3,
      followingCount: 12,
      tweetCount: 55,
      verified: undefined,
    });
    const first = await source.followers(alice.id);
    expect(first.accounts.map((a) => [a.handle, a.followersCount])).toEqual([
      ['carol@other.social', 120],
      ['dave', 4000],
    ]);
    expect(first.cursor).toBe(`${url}/api/v1/accounts/109302/followers?limit=80&max_id=7163058`);
    const second = await source.followers(alice.id, first.cursor);
    expect(second).toMatchObject({ accounts: [{ handle: 'erin', tweetCount: 7 }], cursor: undefined });
  });

  it('reads profiles by id in a batch, and the accounts one follows', async () => {
    const { url } = await serve('mastodon');
    const source = mastodonSource({ baseUrl: url, ...fakeTime() });
    expect(source.profileBatchSize).toBe(40);
    expect((await source.profiles(['200', '201'])).map((a) => [a.id, a.followersCount])).toEqual([
      ['200', 120],
      ['201', 4000],
    ]);
    expect((await source.following('109302')).accounts.map((a) => a.handle)).toEqual(['dave']);
  });

  it('maps a locked account’s refused followers to private and a 404 to not-found', async () => {
    const { url } = await serve('mastodon');
    const source = mastodonSource({ baseUrl: url, ...fakeTime() });
    const locked = await source.profile('locked');
    expect(locked.protected).toBe(true);
    expect(await rejection(source.followers(locked.id))).toMatchObject({ reason: 'private' });
    expect(await rejection(source.profile('nobody'))).toMatchObject({ reason: 'not-found', detail: 'Record not found' });
  });

  it('names the field and row of a malformed account', async () => {
    const { url } = await serve('mastodon');
    const source = mastodonSource({ baseUrl: url, ...fakeTime() });
    expect(await rejection(source.profile('broken'))).toMatchObject({
      code: 'malformed-response',
      argument: 'account.statuses_count',
    });
  });

  it('refuses a cursor pointing to another host', async () => {
    const source = mastodonSource({ baseUrl: 'http://127.0.0.1:9', ...fakeTime() });
    expect(await rejection(source.followers('1', 'http://elsewhere.example/api'))).toBeInstanceOf(TuriError);
  });
});

describe('xSource against recorded API v2 responses', () => {
  it('pages followers by next_token with their public metrics, and waits for the reset at 0 remaining', async () => {
    const { url } = await serve('x');
    const time = fakeTime();
    const source = xSource({ baseUrl: url, bearerToken: 'test-token', ...time });
    const alice = await source.profile('alice');
    expect(alice).toMatchObject({ id: '2244994945', followersCount: 3, tweetCount: 40, protected: false });
    const first = await source.followers(alice.id);
    expect(first.accounts.map((a) => [a.id, a.followersCount, a.verified])).toEqual([
      ['1001', 120, false],
      ['1002', 4000, true],
    ]);
    const second = await source.followers(alice.id, first.cursor);
    expect(second.accounts.map((a) => a.handle)).toEqual(['erin']);
    expect(second.cursor).toBeUndefined();
    // The last page said x-rate-limit-remaining: 0 until 1700000900 (epoch seconds).
    await source.profile('prot');
    expect(time.waits).toEqual([900_000]);
  });

  it('reads profiles by id in a batch of up to 100, and the accounts one follows', async () => {
    const { url } = await serve('x');
    const source = xSource({ baseUrl: url, bearerToken: 'test-token', ...fakeTime() });
    expect(source.profileBatchSize).toBe(100);
    expect((await source.profiles(['1001', '1002'])).map((u) => [u.handle, u.tweetCount])).toEqual([
      ['carol', 500],
      ['dave', 90],
    ]);
    expect((await source.following('2244994945')).accounts.map((u) => u.id)).toEqual(['1001']);
  });

  it('maps a protected user to private and an unknown one to not-found', async () => {
    const { url } = await serve('x');
    const source = xSource({ baseUrl: url, bearerToken: 'test-token', ...fakeTime() });
    expect(await rejection(source.followers('555'))).toMatchObject({ reason: 'private' });
    expect(await rejection(source.profile('gone'))).toMatchObject({ reason: 'not-found' });
  });

  it('sends the bearer token and refuses to start without one', async () => {
    let seen: string | null = null;
    const source = xSource({
      bearerToken: 'abc',
      fetch: async (_url, init) => {
        seen = new Headers(init?.headers).get('authorization');
        return Response.json({
          data: { id: '1', username: 'a', public_metrics: { followers_count: 0, following_count: 0, tweet_count: 0 } },
        });
      },
    });
    await source.profile('a');
    expect(seen).toBe('Bearer abc');
    // @ts-expect-error: testing a missing token
    expect(() => xSource({})).toThrow(/bearerToken/);
  });
});
