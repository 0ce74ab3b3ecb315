import { TestkitError } from '@ds/testkit';
import { type ReplayServerFixtures, replayServerFixture, startReplayServer } from '@ds/testkit/vitest';
import { afterEach, test as base, describe, expect, it } from 'vitest';

const recording = new URL('./fixtures/http/users.json', import.meta.url);

describe('startReplayServer', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('replays recorded responses by method, path and body, on 127.0.0.1', async () => {
    const server = await startReplayServer({ exchanges: recording });
    close = server.close;
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const user = await fetch(`${server.url}/v1/users/mark?fields=all`);
    expect(user.status).toBe(200);
    expect(await user.json()).toEqual({ id: 1, name: 'Mark', followers: 120 });
    const search = await fetch(`${server.url}/v1/search?q=mark`);
    expect(search.headers.get('x-source')).toBe('recording');
    expect(await search.text()).toBe('plain text answer');
    const created = await fetch(`${server.url}/v1/names`, { method: 'POST', body: JSON.stringify({ name: 'Ada' }) });
    expect(created.status).toBe(201);
    expect(server.unmatched).toEqual([]);
  });

  it('answers 501 to what was not recorded, lists it, and assertAllMatched names it', async () => {
    const server = await startReplayServer({ exchanges: recording });
    close = server.close;
    expect((await fetch(`${server.url}/v1/users/ada`)).status).toBe(501);
    // The POST may be served once only, and its body must match.
    await fetch(`${server.url}/v1/names`, { method: 'POST', body: JSON.stringify({ name: 'Ada' }) });
    expect((await fetch(`${server.url}/v1/names`, { method: 'POST', body: JSON.stringify({ name: 'Ada' }) })).status).toBe(501);
    expect((await fetch(`${server.url}/v1/names`, { method: 'POST', body: '{"name":"Bob"}' })).status).toBe(501);
    expect(server.unmatched.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/users/ada',
      'POST /v1/names',
      'POST /v1/names',
    ]);
    expect(() => server.assertAllMatched()).toThrow(
      'replayServer got 3 unrecorded requests: GET /v1/users/ada, POST /v1/names, POST /v1/names',
    );
  });

  it('simulates 429 with Retry-After and 5xx before the recorded answer', async () => {
    const server = await startReplayServer({ exchanges: recording });
    close = server.close;
    server.fail('/v1/users/mark', { status: 429, retryAfter: 2 });
    server.fail('/v1/users/mark', { status: 503, times: 2 });
    const statuses: (number | string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${server.url}/v1/users/mark`);
      statuses.push(r.status, r.headers.get('retry-after'));
    }
    expect(statuses).toEqual([503, null, 503, null, 429, '2', 200, null]);
    expect(() => server.fail('/x', { status: 200 })).toThrow(TestkitError);
  });

  it('answers what was not recorded with respond, recordings and fail() first', async () => {
    const seen: string[] = [];
    const server = await startReplayServer({
      exchanges: recording,
      respond: (request, url) => {
        seen.push(request.path);
        if (request.path.startsWith('/gen/'))
          return { status: 202, headers: { link: `<${url}/gen/2>` }, body: { n: request.path.slice(5) } };
        return undefined;
      },
    });
    close = server.close;
    const generated = await fetch(`${server.url}/gen/7`);
    expect(generated.status).toBe(202);
    expect(generated.headers.get('link')).toBe(`<${server.url}/gen/2>`);
    expect(await generated.json()).toEqual({ n: '7' });
    expect((await fetch(`${server.url}/v1/users/mark`)).status).toBe(200);
    server.fail('/gen/8', { status: 500 });
    expect((await fetch(`${server.url}/gen/8`)).status).toBe(500);
    expect((await fetch(`${server.url}/other`)).status).toBe(501);
    // Only what neither the recording nor fail() answered reached respond.
    expect(seen).toEqual(['/gen/7', '/other']);
    expect(server.unmatched.map((r) => r.path)).toEqual(['/other']);
  });

  it('answers 500 naming the fault when respond returns a non-object', async () => {
    const server = await startReplayServer({ respond: () => 42 as never });
    close = server.close;
    const r = await fetch(`${server.url}/x`);
    expect(r.status).toBe(500);
    expect(await r.text()).toMatch(/respond/);
  });

  it('refuses a recording that is not a list of { request, response }', async () => {
    await expect(startReplayServer({ exchanges: [{ response: {} }] as never })).rejects.toThrow(
      'exchanges[0] must be { request: { path, method? }, response: { status?, body? } }',
    );
    await expect(startReplayServer({ exchanges: '/nonexistent.json' })).rejects.toThrow(
      /cannot read recorded exchanges \/nonexistent\.json/,
    );
    await expect(startReplayServer({ respond: 'x' as never })).rejects.toThrow(
      "respond must be a function (request, url) => response | undefined, got the string 'x'",
    );
  });
});

const test = base.extend<ReplayServerFixtures>(replayServerFixture({ exchanges: recording }));

describe('replayServerFixture', () => {
  test('gives each test a server and closes it after', async ({ replayServer }) => {
    expect(await (await fetch(`${replayServer.url}/v1/users/mark`)).json()).toMatchObject({ name: 'Mark' });
  });

  // Expected to fail: the fixture fails a test that made an unrecorded request.
  test.fails('fails the test after an unrecorded request', async ({ replayServer }) => {
    await fetch(`${replayServer.url}/v1/unrecorded`);
  });
});
