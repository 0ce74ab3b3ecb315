import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { checkOptions } from '../check.js';
import { TestkitError } from '../errors.js';
import { type FixtureEntry, setUp } from './fixture.js';

/** One recorded HTTP exchange: the request to match and the response to replay. */
export interface RecordedExchange {
  request: {
    /** Default `'GET'`. */
    method?: string;
    /** Path and query (`/v1/users?page=2`). Without a query it matches the path whatever the query. */
    path: string;
    /** When given, the request body must equal it (JSON bodies compared as JSON). */
    body?: unknown;
  };
  response: {
    /** Default 200. */
    status?: number;
    headers?: Record<string, string>;
    /** A string is sent as is; anything else as JSON. */
    body?: unknown;
    /** Wait this long before answering, in ms. */
    delayMs?: number;
  };
  /** How many times it may be served. Default: any number. */
  times?: number;
}

/** A request the replay server received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  /** Whether a recorded exchange answered it. */
  matched: boolean;
}

/** Options of `startReplayServer` and `replayServerFixture`. */
export interface ReplayServerOptions {
  /** The recording: exchanges, or a JSON file of them (a path or a `URL`). */
  exchanges?: readonly RecordedExchange[] | string | URL;
  /**
   * Answers what no recorded exchange matches, for an API too large to record (a synthetic
   * service generating its pages): called with the request and the server's `url`, it returns a
   * response (`{ status?, headers?, body?, delayMs? }`), or `undefined` for the usual 501.
   */
  respond?: (request: ReceivedRequest, url: string) => RecordedExchange['response'] | undefined;
}

/** A local HTTP server replaying recorded exchanges on 127.0.0.1. */
export interface ReplayServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly ReceivedRequest[];
  /** Requests no recorded exchange matched (answered 501). */
  readonly unmatched: readonly ReceivedRequest[];
  /** Adds exchanges after the recorded ones. */
  add(...exchanges: RecordedExchange[]): void;
  /**
   * Makes the next `times` (default 1) requests to `path` fail with `status` (default 503), before
   * any recorded exchange: `{ status: 429, retryAfter: 2 }` sends `Retry-After: 2`.
   */
  fail(path: string, options?: { status?: number; retryAfter?: number; times?: number; method?: string }): void;
  /** Throws when some request was not recorded; the fixture calls it after each test. */
  assertAllMatched(): void;
  close(): Promise<void>;
}

/** The context `replayServerFixture` adds. */
export interface ReplayServerFixtures {
  replayServer: ReplayServer;
}

/**
 * Starts a replay server on 127.0.0.1 (a free port): each request is answered by the first
 * recorded exchange that matches its method, path (and body, when recorded) and has uses left;
 * anything else gets a 501 and is listed in `unmatched`. Use it to test HTTP clients against
 * recorded API answers, rate limits (429 with Retry-After) and server errors, offline.
 *
 * @example
 * import { startReplayServer } from '@ds/testkit/vitest';
 * const server = await startReplayServer({ exchanges: [{ request: { path: '/v1/ping' }, response: { body: { ok: true } } }] });
 * server.fail('/v1/ping', { status: 429, retryAfter: 1 });
 * (await fetch(`${server.url}/v1/ping`)).headers.get('retry-after'); // => '1'
 * await (await fetch(`${server.url}/v1/ping`)).json(); // => { ok: true }
 * await server.close();
 *
 * @example
 * import { startReplayServer } from '@ds/testkit/vitest';
 * // A synthetic API: page n of the items answers with a cursor to page n + 1, up to page 3.
 * const api = await startReplayServer({
 *   respond: (request) => {
 *     const page = Number(new URL(request.path, 'http://x').searchParams.get('page') ?? '0');
 *     return page < 3 ? { body: { page, next: page + 1 } } : undefined;
 *   },
 * });
 * await (await fetch(`${api.url}/items?page=2`)).json(); // => { page: 2, next: 3 }
 * (await fetch(`${api.url}/items?page=3`)).status; // => 501
 * await api.close();
 */
export async function startReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer & { close(): Promise<void> }> {
  checkOptions('options', options);
  const { respond } = options;
  if (respond !== undefined && typeof respond !== 'function') {
    throw new TestkitError(
      'invalid-type',
      'respond',
      respond,
      'a function (request, url) => response | undefined',
      `respond must be a function (request, url) => response | undefined, got ${typeof respond === 'string' ? `the string '${respond}'` : typeof respond}`,
    );
  }
  const recorded = await loadExchanges(options.exchanges);
  const queue: { exchange: RecordedExchange; left: number }[] = recorded.map((exchange) => ({
    exchange,
    left: exchange.times ?? Number.POSITIVE_INFINITY,
  }));
  const requests: ReceivedRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const received: ReceivedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      body,
      headers: req.headers,
      matched: false,
    };
    requests.push(received);
    const entry = queue.find((q) => q.left > 0 && matches(q.exchange.request, received));
    if (entry) entry.left--;
    const response = entry ? entry.exchange.response : respond?.(received, url);
    if (response === undefined) {
      res.writeHead(501, { 'content-type': 'text/plain' });
      res.end(`replayServer: no recorded exchange for ${received.method} ${received.path}`);
      return;
    }
    if (typeof response !== 'object' || response === null) {
      throw new TestkitError('invalid-type', 'respond', response, 'a response object { status?, headers?, body? } or undefined');
    }
    received.matched = true;
    const { status = 200, headers = {}, body: out, delayMs } = response;
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const isText = typeof out === 'string';
    const payload = out === undefined ? '' : isText ? out : JSON.stringify(out);
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    if (out !== undefined && !('content-type' in lower))
      lower['content-type'] = isText ? 'text/plain; charset=utf-8' : 'application/json';
    res.writeHead(status, lower);
    res.end(payload);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    requests,
    get unmatched() {
      return requests.filter((r) => !r.matched);
    },
    add(...exchanges) {
      for (const exchange of exchanges) queue.push({ exchange, left: exchange.times ?? Number.POSITIVE_INFINITY });
    },
    fail(path, { status = 503, retryAfter, times = 1, method } = {}) {
      if (!Number.isInteger(status) || status < 400 || status > 599)
        throw new TestkitError('out-of-range', 'status', status, 'an HTTP error status (400–599)');
      const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
      queue.unshift({
        exchange: {
          request: { path, ...(method ? { method } : {}) },
          response: { status, headers, body: `simulated ${status}` },
        },
        left: times,
      });
    },
    assertAllMatched() {
      const missed = requests.filter((r) => !r.matched);
      if (missed.length > 0) {
        throw new Error(
          `replayServer got ${missed.length} unrecorded request${missed.length > 1 ? 's' : ''}: ${missed.map((r) => `${r.method} ${r.path}`).join(', ')}`,
        );
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/**
 * A fixture for `test.extend`: `replayServer`, a replay server per test (see
 * `startReplayServer`), closed after it. A request it has no recording for fails the test.
 *
 * @example
 * import { replayServerFixture } from '@ds/testkit/vitest';
 * Object.keys(replayServerFixture({ exchanges: [] })); // => ['replayServer']
 */
export function replayServerFixture(options: ReplayServerOptions = {}): {
  replayServer: FixtureEntry<object, ReplayServer, 'test'>;
} {
  return {
    replayServer: [
      // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
      async ({}: object, use: (server: ReplayServer) => Promise<void>) => {
        const server = await setUp('replayServer', () => startReplayServer(options));
        try {
          await use(server);
        } finally {
          await server.close();
        }
        server.assertAllMatched();
      },
      { scope: 'test' },
    ],
  };
}

async function loadExchanges(source: ReplayServerOptions['exchanges']): Promise<RecordedExchange[]> {
  if (source === undefined) return [];
  let list: unknown = source;
  if (typeof source === 'string' || source instanceof URL) {
    const path = source instanceof URL ? fileURLToPath(source) : source;
    try {
      list = JSON.parse(await readFile(path, 'utf8'));
    } catch (e) {
      throw new TestkitError(
        'invalid-file',
        'exchanges',
        path,
        'a JSON file of recorded exchanges',
        `cannot read recorded exchanges ${path}: ${(e as Error).message}`,
      );
    }
  }
  if (!Array.isArray(list)) throw new TestkitError('invalid-type', 'exchanges', list, 'an array of { request, response }');
  list.forEach((x: unknown, i: number) => {
    const e = x as RecordedExchange;
    if (
      typeof e !== 'object' ||
      e === null ||
      typeof e.request?.path !== 'string' ||
      typeof e.response !== 'object' ||
      e.response === null
    ) {
      throw new TestkitError(
        'missing-field',
        `exchanges[${i}]`,
        x,
        '{ request: { path }, response }',
        `exchanges[${i}] must be { request: { path, method? }, response: { status?, body? } }`,
      );
    }
  });
  return list as RecordedExchange[];
}

function matches(request: RecordedExchange['request'], received: ReceivedRequest): boolean {
  if ((request.method ?? 'GET').toUpperCase() !== received.method.toUpperCase()) return false;
  const path = request.path.includes('?') ? received.path : received.path.split('?')[0];
  if (path !== request.path) return false;
  if (request.body === undefined) return true;
  if (typeof request.body === 'string') return received.body === request.body;
  try {
    return isDeepStrictEqual(JSON.parse(received.body), request.body);
  } catch {
    return false;
  }
}
