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

export interface XSourceOptions extends HttpOptions {
  /** The caller's app bearer token (X API v2). */
  bearerToken: string;
  /** Default `https://api.twitter.com`. */
  baseUrl?: string;
  /** Users per page, 1 … 1000 (the API's maximum). Default 1000. */
  pageSize?: number;
}

const USER_FIELDS = 'user.fields=public_metrics,verified,protected';

/**
 * X (Twitter) through API v2 with the caller's bearer token: `GET /2/users/by/username/:username`
 * or `/2/users/:id` for an account, `/2/users/:id/followers` and `/following` paginated by
 * `meta.next_token` (sent back as `pagination_token`), `GET /2/users?ids=…` (batches of 100) for
 * profiles, all with `user.fields=public_metrics,verified,protected`. Counts come from
 * `public_metrics` (`followers_count`, `following_count`, `tweet_count`). A protected or missing
 * user comes back as an `errors` entry (`not-authorized-for-resource`, `resource-not-found`).
 * Rate limits from `x-rate-limit-remaining` and `x-rate-limit-reset` (epoch seconds).
 *
 * @example
 * import { xSource } from '@ds/turi/sources';
 * const user = { id: '12', username: 'a', verified: false, protected: false, public_metrics: { followers_count: 3, following_count: 2, tweet_count: 9 } };
 * const source = xSource({ bearerToken: 'token', fetch: async () => Response.json({ data: user }) });
 * (await source.profile('a')).id; // => '12'
 */
export function xSource(options: XSourceOptions): Source {
  const checked = checkHttpOptions(options);
  if (options === undefined) throw new TuriError('invalid-type', 'options', options, 'an options object with bearerToken');
  if (typeof options.bearerToken !== 'string' || options.bearerToken === '' || /[\r\n]/.test(options.bearerToken)) {
    throw new TuriError('invalid-type', 'bearerToken', options.bearerToken, 'the bearer token of an X API v2 app');
  }
  const base = checkBaseUrl(options.baseUrl, 'https://api.twitter.com');
  const pageSize = checkPageSize(options.pageSize, 1000);
  const headers = { authorization: `Bearer ${options.bearerToken}` };
  const http = createHttpClient(checked, { remaining: 'x-rate-limit-remaining', reset: 'x-rate-limit-reset' });

  const get = async (url: string, account: string, signal?: AbortSignal) => {
    const response = await http.getJson(url, { headers, signal });
    const body = response.status === 200 ? field(response.body, 'response', url) : undefined;
    if (body !== undefined && (body.data !== undefined || body.errors === undefined)) return body;
    throw unavailable(response, account) ?? unexpectedStatus(response);
  };

  const page = async (
    kind: 'followers' | 'following',
    id: string,
    cursor: string | undefined,
    signal?: AbortSignal,
  ): Promise<SourcePage> => {
    const token = cursor === undefined ? '' : `&pagination_token=${encodeURIComponent(cursor)}`;
    const url = `${base}/2/users/${encodeURIComponent(id)}/${kind}?max_results=${pageSize}&${USER_FIELDS}${token}`;
    const body = await get(url, id, signal);
    const accounts = body.data === undefined ? [] : list(body.data, 'data', url).map((u, i) => toProfile(u, `data[${i}]`, url));
    const meta = body.meta === undefined ? {} : field(body.meta, 'meta', url);
    return { accounts, cursor: typeof meta.next_token === 'string' && meta.next_token !== '' ? meta.next_token : undefined };
  };

  return {
    name: 'x',
    profileBatchSize: 100,
    async profile(account, signal) {
      const name = account.replace(/^@/, '');
      const url = /^\d+$/.test(name)
        ? `${base}/2/users/${name}?${USER_FIELDS}`
        : `${base}/2/users/by/username/${encodeURIComponent(name)}?${USER_FIELDS}`;
      return toProfile((await get(url, account, signal)).data, 'data', url);
    },
    followers: (id, cursor, signal) => page('followers', id, cursor, signal),
    following: (id, cursor, signal) => page('following', id, cursor, signal),
    async profiles(ids, signal) {
      if (ids.length === 0) return [];
      const url = `${base}/2/users?ids=${ids.map(encodeURIComponent).join(',')}&${USER_FIELDS}`;
      const response = await http.getJson(url, { headers, signal });
      if (response.status !== 200) throw unexpectedStatus(response);
      const body = field(response.body, 'response', url);
      return body.data === undefined ? [] : list(body.data, 'data', url).map((u, i) => toProfile(u, `data[${i}]`, url));
    },
  };
}

function toProfile(value: unknown, path: string, url: string): SourceProfile {
  const u = field(value, path, url);
  const metrics = field(u.public_metrics, `${path}.public_metrics`, url);
  return {
    id: text(u.id, `${path}.id`, url),
    handle: text(u.username, `${path}.username`, url),
    followersCount: count(metrics.followers_count, `${path}.public_metrics.followers_count`, url),
    followingCount: count(metrics.following_count, `${path}.public_metrics.following_count`, url),
    tweetCount: count(metrics.tweet_count, `${path}.public_metrics.tweet_count`, url),
    verified: u.verified === true,
    protected: u.protected === true,
  };
}

/** X answers a protected or missing user with HTTP 200 (or 4xx) and an `errors` array of problem types. */
function unavailable(response: HttpResponse, account: string): UnavailableAccountError | undefined {
  const errors = (response.body as { errors?: { type?: string; detail?: string; title?: string }[] } | undefined)?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  const type = String(first?.type ?? '');
  const detail = first?.detail ?? first?.title;
  if (type.endsWith('/not-authorized-for-resource')) return new UnavailableAccountError(account, 'private', detail);
  if (type.endsWith('/resource-not-found') || response.status === 404)
    return new UnavailableAccountError(account, 'not-found', detail);
  if (type.endsWith('/resource-unavailable')) return new UnavailableAccountError(account, 'suspended', detail);
  return undefined;
}
