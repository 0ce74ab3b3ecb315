import { TuriError } from '../errors.js';

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
  /** Retries of a 429, a 5xx or a network failure before giving up. Default 6. */
  maxRetries?: number;
  /** The first backoff step after a 5xx, in ms; doubles each retry. Default 1000. */
  baseDelayMs?: number;
  /** The longest backoff step, in ms. Default 60,000. */
  maxDelayMs?: number;
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
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
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
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return n > 1e9 ? n * 1000 : now + n * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

/**
 * A polite JSON client: it waits for the reset when the limit headers say no request is left
 * (before a 429 happens), waits Retry-After (seconds or a date) on a 429, and backs off
 * exponentially with full jitter (a uniform wait in [0, min(max, base·2ᵃᵗᵗᵉᵐᵖᵗ)], as in AWS's
 * "Exponential Backoff and Jitter") on a 5xx or a network failure.
 */
export function createHttpClient(options: HttpOptions, limits: RateLimitHeaders): HttpClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxRetries = options.maxRetries ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const stats: HttpStats = { requests: 0, retries: 0, waitedMs: 0 };
  let remaining: number | undefined;
  let resetAt: number | undefined;

  const wait = async (reason: 'rate-limit' | 'retry-after' | 'backoff', ms: number, url: string, signal?: AbortSignal) => {
    const length = Math.max(0, Math.ceil(ms));
    options.onWait?.({ reason, ms: length, url });
    stats.waitedMs += length;
    await sleep(length, signal);
  };

  return {
    stats,
    async getJson(url, init) {
      for (let attempt = 0; ; attempt++) {
        init.signal?.throwIfAborted();
        if (remaining !== undefined && remaining <= 0 && resetAt !== undefined && resetAt > now()) {
          await wait('rate-limit', resetAt - now(), url, init.signal);
          remaining = undefined;
        }
        stats.requests++;
        let response: Response;
        try {
          response = await doFetch(url, { headers: { accept: 'application/json', ...init.headers }, signal: init.signal });
        } catch (error) {
          if (init.signal?.aborted) throw init.signal.reason;
          if (attempt >= maxRetries) throw error;
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
          await response.body?.cancel();
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

export function optionalText(value: unknown, path: string, url: string): string | undefined {
  return value === undefined || value === null ? undefined : text(value, path, url);
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
