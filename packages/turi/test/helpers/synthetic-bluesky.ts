// A synthetic Bluesky AppView for crawl tests at a size no recording has: `accounts` candidates,
// each followed by `pages` pages of `perPage` followers (followers shared between candidates),
// answered in the documented XRPC shapes. Deterministic, so a test knows what must be stored.
import type { ReplayResponse } from './recordings.js';

export interface SyntheticOptions {
  accounts: number;
  pages: number;
  perPage: number;
}

const did = (name: string) => `did:plc:${name}`;
const view = (name: string) => ({ did: did(name), handle: `${name}.test`, labels: [], createdAt: '2024-05-01T10:00:00.000Z' });
const detailed = (name: string) => ({
  ...view(name),
  followersCount: followersCountOf(name),
  followsCount: 10,
  postsCount: name.length * 3,
});

export function followersCountOf(name: string): number {
  let h = 7;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 100_003;
  return h;
}

/** The followers of candidate `a` on page `p`: a sliding window over a shared pool. */
export function followersOf(o: SyntheticOptions, a: number, p: number): string[] {
  return Array.from({ length: o.perPage }, (_, k) => `f${(a * 7 + p * o.perPage + k) % (o.accounts * o.perPage * 2)}`);
}

export function candidates(o: SyntheticOptions): string[] {
  return Array.from({ length: o.accounts }, (_, a) => `c${a}.test`);
}

/** A `respond` for testkit's replay server answering every request of the synthetic AppView. */
export function syntheticBluesky(o: SyntheticOptions): (request: { path: string }) => ReplayResponse | undefined {
  return ({ path }): ReplayResponse | undefined => {
    const url = new URL(path, 'http://x');
    const method = url.pathname.replace('/xrpc/', '');
    const headers = { 'ratelimit-limit': '3000', 'ratelimit-remaining': '2000', 'ratelimit-reset': '1700000300' };
    if (method === 'app.bsky.actor.getProfile') {
      const name = url.searchParams.get('actor')!.replace(/\.test$/, '');
      return { status: 200, headers, body: { ...detailed(name), followersCount: o.pages * o.perPage } };
    }
    if (method === 'app.bsky.actor.getProfiles') {
      return {
        status: 200,
        headers,
        body: { profiles: url.searchParams.getAll('actors').map((d) => detailed(d.replace('did:plc:', ''))) },
      };
    }
    if (method === 'app.bsky.graph.getFollowers') {
      const a = Number(url.searchParams.get('actor')!.replace('did:plc:c', ''));
      const p = Number(url.searchParams.get('cursor') ?? '0');
      const body: Record<string, unknown> = { subject: view(`c${a}`), followers: followersOf(o, a, p).map(view) };
      if (p + 1 < o.pages) body.cursor = String(p + 1);
      return { status: 200, headers, body };
    }
    return undefined;
  };
}
