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
  optionalCount,
  text,
  unexpectedStatus,
} from './http.js';
import { type Source, type SourcePage, type SourceProfile, UnavailableAccountError } from './types.js';

export interface BlueskySourceOptions extends HttpOptions {
  /** The AppView. Default the public one, which needs no login: `https://public.api.bsky.app`. */
  baseUrl?: string;
  /** Followers per page, 1 … 100 (the lexicon's maximum). Default 100. */
  pageSize?: number;
}

/**
 * Bluesky through the AppView's XRPC queries, no login needed: `app.bsky.graph.getFollowers` and
 * `getFollows` for pages (cursor-paginated, up to 100), `app.bsky.actor.getProfile` and
 * `getProfiles` (batches of 25) for the counts (`followersCount`, `followsCount`, `postsCount`)
 * and the verified status (`verification.verifiedStatus === 'valid'`). Bluesky has no private
 * accounts; a missing or taken-down actor is reported as unavailable. Rate limits are read from
 * the `ratelimit-remaining` and `ratelimit-reset` headers.
 *
 * @example
 * import { blueskySource } from '@ds/turi/sources';
 * const source = blueskySource({ fetch: async () => Response.json({ did: 'did:plc:a', handle: 'a.bsky.social', followersCount: 3, followsCount: 2, postsCount: 9 }) });
 * source.profileBatchSize; // => 25
 * (await source.profile('a.bsky.social')).tweetCount; // => 9
 */
export function blueskySource(options: BlueskySourceOptions = {}): Source {
  const checked = checkHttpOptions(options);
  const base = checkBaseUrl(options?.baseUrl, 'https://public.api.bsky.app');
  const pageSize = checkPageSize(options?.pageSize, 100);
  const http = createHttpClient(checked, { remaining: 'ratelimit-remaining', reset: 'ratelimit-reset' });

  const get = async (method: string, params: [string, string][], account: string, signal?: AbortSignal) => {
    const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const response = await http.getJson(`${base}/xrpc/${method}?${query}`, { signal });
    if (response.status === 200) return field(response.body, method, response.url);
    throw unavailable(response, account) ?? unexpectedStatus(response);
  };

  const page = async (
    method: string,
    key: string,
    id: string,
    cursor: string | undefined,
    signal?: AbortSignal,
  ): Promise<SourcePage> => {
    const params: [string, string][] = [
      ['actor', id],
      ['limit', String(pageSize)],
    ];
    if (cursor !== undefined) params.push(['cursor', cursor]);
    const body = await get(method, params, id, signal);
    const url = `${base}/xrpc/${method}`;
    const accounts = list(body[key], key, url).map((p, i) => toProfile(p, `${key}[${i}]`, url, false));
    return { accounts, cursor: typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined };
  };

  return {
    name: 'bluesky',
    profileBatchSize: 25,
    async profile(account, signal) {
      const body = await get('app.bsky.actor.getProfile', [['actor', account]], account, signal);
      return toProfile(body, 'profile', `${base}/xrpc/app.bsky.actor.getProfile`, true);
    },
    followers: (id, cursor, signal) => page('app.bsky.graph.getFollowers', 'followers', id, cursor, signal),
    following: (id, cursor, signal) => page('app.bsky.graph.getFollows', 'follows', id, cursor, signal),
    async profiles(ids, signal) {
      if (ids.length === 0) return [];
      const body = await get(
        'app.bsky.actor.getProfiles',
        ids.map((id) => ['actors', id] as [string, string]),
        ids.join(','),
        signal,
      );
      const url = `${base}/xrpc/app.bsky.actor.getProfiles`;
      return list(body.profiles, 'profiles', url).map((p, i) => toProfile(p, `profiles[${i}]`, url, true));
    },
  };
}

function toProfile(value: unknown, path: string, url: string, detailed: boolean): SourceProfile {
  const p = field(value, path, url);
  const verification = p.verification === undefined ? undefined : field(p.verification, `${path}.verification`, url);
  return {
    id: text(p.did, `${path}.did`, url),
    handle: text(p.handle, `${path}.handle`, url),
    followersCount: detailed
      ? count(p.followersCount ?? 0, `${path}.followersCount`, url)
      : optionalCount(p.followersCount, `${path}.followersCount`, url),
    followingCount: detailed
      ? count(p.followsCount ?? 0, `${path}.followsCount`, url)
      : optionalCount(p.followsCount, `${path}.followsCount`, url),
    tweetCount: detailed
      ? count(p.postsCount ?? 0, `${path}.postsCount`, url)
      : optionalCount(p.postsCount, `${path}.postsCount`, url),
    verified: verification === undefined ? false : verification.verifiedStatus === 'valid',
    protected: false,
  };
}

/** XRPC errors come as HTTP 400 with `{ error, message }`. */
function unavailable(response: HttpResponse, account: string): UnavailableAccountError | undefined {
  if (response.status !== 400 && response.status !== 404) return undefined;
  const body = (response.body ?? {}) as { error?: unknown; message?: unknown };
  const error = String(body.error ?? '');
  const message = String(body.message ?? '');
  if (error === 'AccountTakedown' || error === 'AccountDeactivated')
    return new UnavailableAccountError(account, 'suspended', message);
  if (error === 'ActorNotFound' || /not found/i.test(message)) return new UnavailableAccountError(account, 'not-found', message);
  if (error === 'BlockedActor' || error === 'BlockedByActor') return new UnavailableAccountError(account, 'private', message);
  return undefined;
}
