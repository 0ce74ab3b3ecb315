import { checkNumber, checkOptions, optionalFunction } from '../check.js';
import { abortedError, TuriError, throwIfAborted } from '../errors.js';

/** What a source needs to make requests: all injectable, so tests run without a network or a wait. */
export interface HttpOptions {
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Waits `ms` milliseconds (rejecting when `signal` aborts). Default: a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock, in ms since the epoch; reads the reset times of rate limits. Default `Date.now`. */
  now?: () => number;
  /** Uniform in [0, 1), for the backoff jitter. Default `Math.random`. */
  random?: () => number;
  /** Retries of a 429, a 5xx or a network failure before giving up: a whole number in [0, 100]. Default 6. */
  maxRetries?: number;
  /** The first backoff step after a 5xx, in ms; doubles each retry. In [0, 3,600,000]. Default 1000. */
  baseDelayMs?: number;
  /** The longest backoff step, in ms. In [0, 3,600,000]. Default 60,000. */
  maxDelayMs?: number;
  /**
   * The longest single wait a rate limit or a Retry-After may ask for, in ms (a wait for the
   * reset of X's 15-minute window fits the default); a longer one fails with `too-large` instead
   * of sleeping for it. In [0, 86,400,000]. Default 900,000 (15 minutes).
   */
  maxWaitMs?: number;
  /** Called before every wait, with its reason and length (for logs and progress). */
  onWait?: (wait: { reason: 'rate-limit' | 'retry-after' | 'backoff'; ms: number; url: string }) => void;
}

/** A parsed JSON response the source interprets (4xx included; 429 and 5xx are retried first). */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
  url: string;
}

/** Where a network puts its rate-limit state; `reset` is parsed by {@link parseReset}. */
export interface RateLimitHeaders {
  remaining: string;
  reset: string;
}

/** Requests made, retries, and time spent waiting: for progress reports. */
export interface HttpStats {
  requests: number;
  retries: number;
  waitedMs: number;
}

export interface HttpClient {
  getJson(url: string, init: { headers?: Record<string, string>; signal?: AbortSignal }): Promise<HttpResponse>;
  readonly stats: HttpStats;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal, 'the wait'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal ? abortedError(signal, 'the wait') : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Reads a rate-limit reset header: epoch seconds (Bluesky, X), seconds from now (small numbers),
 * or an HTTP or ISO 8601 date (Mastodon). Returns ms since the epoch, or undefined.
 *
 * @example
 * import { parseReset } from '@ds/turi/sources';
 * parseReset('1700000000', 0); // => 1700000000000
 * parseReset('30', 1000); // => 31000
 * parseReset('2023-11-14T22:13:20.000Z', 0); // => 1700000000000
 */
export function parseReset(value: string | null, now: number): number | undefined {
  if (value !== null && typeof value !== 'string')
    throw new TuriError('invalid-type', 'value', value, 'a header value (a string) or null');
  checkNumber('now', now);
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) {
    const at = n > 1e9 ? n * 1000 : now + n * 1000;
    // A reset so far away that it is not a time (1e308 seconds) is no reset the client can wait for.
    return Number.isFinite(at) && Math.abs(at) <= 8.64e15 ? at : undefined;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

/** The checked form of {@link HttpOptions}: what every source's factory reads first. */
export interface CheckedHttp {
  fetch: typeof fetch;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  random: () => number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxWaitMs: number;
  onWait: HttpOptions['onWait'];
}

/**
 * Checks the options every source shares, before any request: callbacks are functions, counts
 * and delays finite and within their caps (so a retry loop always ends), and a URL is http(s).
 */
export function checkHttpOptions(options: HttpOptions): CheckedHttp {
  const o = checkOptions<HttpOptions>('options', options);
  const fetchFn = optionalFunction<typeof fetch>('fetch', o.fetch) ?? globalThis.fetch;
  if (typeof fetchFn !== 'function')
    throw new TuriError('invalid-type', 'fetch', fetchFn, 'a fetch function (this runtime has none)');
  const delay = (name: 'baseDelayMs' | 'maxDelayMs', fallback: number) =>
    o[name] === undefined ? fallback : checkNumber(name, o[name], { min: 0, max: 3_600_000 });
  return {
    fetch: fetchFn,
    sleep: optionalFunction<CheckedHttp['sleep']>('sleep', o.sleep) ?? defaultSleep,
    now: optionalFunction<() => number>('now', o.now) ?? Date.now,
    random: optionalFunction<() => number>('random', o.random) ?? Math.random,
    maxRetries: o.maxRetries === undefined ? 6 : checkNumber('maxRetries', o.maxRetries, { min: 0, max: 100, integer: true }),
    baseDelayMs: delay('baseDelayMs', 1000),
    maxDelayMs: delay('maxDelayMs', 60_000),
    maxWaitMs: o.maxWaitMs === undefined ? 900_000 : checkNumber('maxWaitMs', o.maxWaitMs, { min: 0, max: 86_400_000 }),
    onWait: optionalFunction<NonNullable<HttpOptions['onWait']>>('onWait', o.onWait),
  };
}

/** A base URL option: an http(s) URL, without its trailing slash. */
export function checkBaseUrl(value: unknown, fallback?: string): string {
  const url = value === undefined ? fallback : value;
  if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/.test(url) || url.length > 2048) {
    throw new TuriError('invalid-type', 'baseUrl', value, 'an http(s) URL, e.g. https://mastodon.social');
  }
  return url.replace(/\/$/, '');
}

/** A page size option: a whole number in [1, max]. */
export function checkPageSize(value: unknown, max: number): number {
  return value === undefined ? max : checkNumber('pageSize', value, { min: 1, max, integer: true });
}

/**
 * A polite JSON client: it waits for the reset when the limit headers say no request is left
 * (before a 429 happens), waits Retry-After (seconds or a date) on a 429, and backs off
 * exponentially with full jitter (a uniform wait in [0, min(max, base·2ᵃᵗᵗᵉᵐᵖᵗ)], as in AWS's
 * "Exponential Backoff and Jitter") on a 5xx or a network failure.
 */
export function createHttpClient(options: CheckedHttp, limits: RateLimitHeaders): HttpClient {
  const { fetch: doFetch, sleep, maxRetries, baseDelayMs, maxDelayMs, maxWaitMs } = options;
  // The clock and the jitter are the caller's: an answer that is not a number is refused, not used.
  const now = () => {
    const t = options.now();
    if (typeof t !== 'number' || !Number.isFinite(t))
      throw new TuriError('invalid-type', 'now', t, 'a clock returning ms since the epoch');
    return t;
  };
  const random = () => {
    const r = options.random();
    if (typeof r !== 'number' || !(r >= 0 && r < 1))
      throw new TuriError('invalid-type', 'random', r, 'a function returning a number in [0, 1)');
    return r;
  };
  const stats: HttpStats = { requests: 0, retries: 0, waitedMs: 0 };
  let remaining: number | undefined;
  let resetAt: number | undefined;

  const wait = async (reason: 'rate-limit' | 'retry-after' | 'backoff', ms: number, url: string, signal?: AbortSignal) => {
    const length = Math.max(0, Math.ceil(ms));
    if (!(length <= maxWaitMs)) {
      throw new TuriError(
        'too-large',
        'maxWaitMs',
        length,
        `a wait of at most ${maxWaitMs} ms`,
        `${url} asks for a wait of ${length} ms (${reason}), longer than maxWaitMs (${maxWaitMs} ms)`,
      );
    }
    options.onWait?.({ reason, ms: length, url });
    stats.waitedMs += length;
    try {
      await sleep(length, signal);
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal, 'the wait');
      throw error;
    }
  };

  return {
    stats,
    async getJson(url, init) {
      for (let attempt = 0; ; attempt++) {
        throwIfAborted(init.signal, 'the request');
        if (remaining !== undefined && remaining <= 0 && resetAt !== undefined && resetAt > now()) {
          await wait('rate-limit', resetAt - now(), url, init.signal);
          remaining = undefined;
        }
        stats.requests++;
        let response: Response;
        try {
          response = await doFetch(url, { headers: { accept: 'application/json', ...init.headers }, signal: init.signal });
        } catch (error) {
          if (init.signal?.aborted) throw abortedError(init.signal, 'the request');
          if (attempt >= maxRetries) {
            throw new TuriError(
              'http-error',
              'fetch',
              url,
              `a response within ${maxRetries} retries`,
              `${url} could not be fetched after ${maxRetries} retries: ${error instanceof Error ? error.message : String(error)}`,
              { cause: error },
            );
          }
          stats.retries++;
          await wait('backoff', random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt), url, init.signal);
          continue;
        }
        const r = response.headers.get(limits.remaining);
        if (r !== null && Number.isFinite(Number(r))) {
          remaining = Number(r);
          resetAt = parseReset(response.headers.get(limits.reset), now());
        }
        if (response.status === 429 || response.status >= 500) {
          await response.body?.cancel().catch(() => undefined);
          if (attempt >= maxRetries) {
            throw new TuriError(
              'http-error',
              url,
              response.status,
              `a response within ${maxRetries} retries`,
              `${url} kept failing: HTTP ${response.status} after ${maxRetries} retries`,
            );
          }
          stats.retries++;
          if (response.status === 429) {
            const after =
              parseReset(response.headers.get('retry-after'), now()) ?? parseReset(response.headers.get(limits.reset), now());
            if (after !== undefined) await wait('retry-after', after - now(), url, init.signal);
            else await wait('backoff', random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt), url, init.signal);
            // Retry-After is the server's own word on when to come back: it overrides the limit headers.
            remaining = undefined;
          } else {
            await wait('backoff', random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt), url, init.signal);
          }
          continue;
        }
        const text = await response.text();
        let body: unknown;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          throw new TuriError(
            'malformed-response',
            url,
            text.slice(0, 80),
            'JSON',
            `${url} must answer JSON, got ${JSON.stringify(text.slice(0, 80))} (HTTP ${response.status})`,
          );
        }
        return { status: response.status, headers: response.headers, body, url };
      }
    },
  };
}

/** Reading a response's fields with errors that name the field and the row. */
export function field(body: unknown, path: string, url: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new TuriError(
      'malformed-response',
      path,
      body,
      'an object',
      `${url}: ${path} must be an object, got ${JSON.stringify(body)}`,
    );
  }
  return body as Record<string, unknown>;
}

export function list(value: unknown, path: string, url: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new TuriError(
      'malformed-response',
      path,
      value,
      'an array',
      `${url}: ${path} must be an array, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function text(value: unknown, path: string, url: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new TuriError(
      'malformed-response',
      path,
      value,
      'a string',
      `${url}: ${path} must be a non-empty string, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function count(value: unknown, path: string, url: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TuriError(
      'malformed-response',
      path,
      value,
      'a whole number ≥ 0',
      `${url}: ${path} must be a whole number ≥ 0, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function optionalCount(value: unknown, path: string, url: string): number | undefined {
  return value === undefined || value === null ? undefined : count(value, path, url);
}

export function unexpectedStatus(response: HttpResponse): TuriError {
  return new TuriError(
    'http-error',
    response.url,
    response.status,
    'HTTP 200',
    `${response.url} answered HTTP ${response.status}: ${JSON.stringify(response.body)?.slice(0, 200)}`,
  );
}
