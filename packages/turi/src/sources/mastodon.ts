import { TuriError } from '../errors.js';
import {
  checkBaseUrl,
  checkHttpOptions,
  checkPageSize,
  count,
  createHttpClient,
  field,
  type HttpOptions,
  type HttpResponse,
  list,
  text,
  unexpectedStatus,
} from './http.js';
import { type Source, type SourcePage, type SourceProfile, UnavailableAccountError } from './types.js';

export interface MastodonSourceOptions extends HttpOptions {
  /** The instance, e.g. `https://mastodon.social`. */
  baseUrl: string;
  /** An access token, for instances that require one; public data needs none. */
  accessToken?: string;
  /** Accounts per page, 1 … 80 (the API's maximum). Default 80. */
  pageSize?: number;
}

/**
 * Mastodon (any instance) through its REST API: `GET /api/v1/accounts/lookup` or
 * `/api/v1/accounts/:id` for an account, `/api/v1/accounts/:id/followers` and `/following`
 * paginated by the `Link` header's `rel="next"` URL (which is the cursor), and
 * `GET /api/v1/accounts?id[]=…` (batches of 40) for profiles. Accounts carry their counts
 * (`followers_count`, `following_count`, `statuses_count`) and `locked` (private); Mastodon has
 * no verified flag. Rate limits from `X-RateLimit-Remaining` and `X-RateLimit-Reset` (ISO 8601).
 *
 * @example
 * import { mastodonSource } from '@ds/turi/sources';
 * const source = mastodonSource({ baseUrl: 'https://example.social', fetch: async () => Response.json({ id: '1', acct: 'a', followers_count: 3, following_count: 2, statuses_count: 9, locked: false }) });
 * (await source.profile('a')).followersCount; // => 3
 * (await source.profile('a')).verified; // => undefined
 */
export function mastodonSource(options: MastodonSourceOptions): Source {
  const checked = checkHttpOptions(options);
  if (options === undefined) throw new TuriError('invalid-type', 'options', options, 'an options object with baseUrl');
  const base = checkBaseUrl(options.baseUrl);
  const pageSize = checkPageSize(options.pageSize, 80);
  if (options.accessToken !== undefined && (typeof options.accessToken !== 'string' || /[\r\n]/.test(options.accessToken))) {
    throw new TuriError('invalid-type', 'accessToken', options.accessToken, 'a token (a string on one line) or undefined');
  }
  const headers: Record<string, string> = options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {};
  const http = createHttpClient(checked, { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' });

  const get = async (url: string, account: string, signal?: AbortSignal) => {
    const response = await http.getJson(url, { headers, signal });
    if (response.status === 200) return response;
    throw unavailable(response, account) ?? unexpectedStatus(response);
  };

  const page = async (
    kind: 'followers' | 'following',
    id: string,
    cursor: string | undefined,
    signal?: AbortSignal,
  ): Promise<SourcePage> => {
    const url = cursor ?? `${base}/api/v1/accounts/${encodeURIComponent(id)}/${kind}?limit=${pageSize}`;
    if (!url.startsWith(`${base}/`)) throw new TuriError('invalid-type', 'cursor', cursor, `a URL on ${base}`);
    const response = await get(url, id, signal);
    const accounts = list(response.body, kind, url).map((a, i) => toProfile(a, `${kind}[${i}]`, url));
    return { accounts, cursor: nextLink(response.headers.get('link')) };
  };

  return {
    name: 'mastodon',
    profileBatchSize: 40,
    async profile(account, signal) {
      const url = /^\d+$/.test(account)
        ? `${base}/api/v1/accounts/${account}`
        : `${base}/api/v1/accounts/lookup?acct=${encodeURIComponent(account.replace(/^@/, ''))}`;
      return toProfile((await get(url, account, signal)).body, 'account', url);
    },
    followers: (id, cursor, signal) => page('followers', id, cursor, signal),
    following: (id, cursor, signal) => page('following', id, cursor, signal),
    async profiles(ids, signal) {
      if (ids.length === 0) return [];
      const url = `${base}/api/v1/accounts?${ids.map((id) => `id[]=${encodeURIComponent(id)}`).join('&')}`;
      const response = await get(url, ids.join(','), signal);
      return list(response.body, 'accounts', url).map((a, i) => toProfile(a, `accounts[${i}]`, url));
    },
  };
}

function toProfile(value: unknown, path: string, url: string): SourceProfile {
  const a = field(value, path, url);
  return {
    id: text(a.id, `${path}.id`, url),
    handle: text(a.acct, `${path}.acct`, url),
    followersCount: count(a.followers_count, `${path}.followers_count`, url),
    followingCount: count(a.following_count, `${path}.following_count`, url),
    tweetCount: count(a.statuses_count, `${path}.statuses_count`, url),
    verified: undefined,
    protected: a.locked === true,
  };
}

/** Longest Link header read. */
const MAX_LINK_HEADER = 16_384;

/**
 * The `rel="next"` URL of a Link header (RFC 8288), as Mastodon paginates.
 *
 * @example
 * import { nextLink } from '@ds/turi/sources';
 * nextLink('<https://m.social/api/v1/accounts/1/followers?max_id=7>; rel="next", <https://m.social/api/v1/accounts/1/followers?since_id=9>; rel="prev"'); // => 'https://m.social/api/v1/accounts/1/followers?max_id=7'
 */
export function nextLink(header: string | null): string | undefined {
  if (header !== null && typeof header !== 'string')
    throw new TuriError('invalid-type', 'header', header, 'a Link header (a string) or null');
  if (header === null) return undefined;
  // A Link header is a few hundred bytes; the pattern below backtracks on megabytes of '<'.
  if (header.length > MAX_LINK_HEADER) {
    throw new TuriError('too-large', 'header', header, `a Link header of at most ${MAX_LINK_HEADER} characters`);
  }
  for (const part of header.split(',')) {
    const match = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (match) return match[1];
  }
  return undefined;
}

function unavailable(response: HttpResponse, account: string): UnavailableAccountError | undefined {
  const detail = String((response.body as { error?: unknown } | undefined)?.error ?? '');
  if (response.status === 404) return new UnavailableAccountError(account, 'not-found', detail);
  if (response.status === 410) return new UnavailableAccountError(account, 'suspended', detail);
  if (response.status === 401 || response.status === 403) return new UnavailableAccountError(account, 'private', detail);
  return undefined;
}
