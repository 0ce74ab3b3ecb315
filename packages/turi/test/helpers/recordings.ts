// Turi's recorded API answers (test/fixtures/replay/*.json), served by @ds/testkit's replay server.
// A fixture lists `{ path, status, headers?, body }`: each answers one request for its path (query
// included, as the source sends it); several for one path are served in order, the last one again
// and again. `{{base}}` in a recorded header or body becomes the server's own address (Mastodon's
// Link headers are absolute). A request nothing answers gets testkit's 501.
import { readFileSync } from 'node:fs';
import { type RecordedExchange, type ReplayServer, type ReplayServerOptions, startReplayServer } from '@ds/testkit/vitest';

export type { ReplayServer };

export interface Exchange {
  path: string;
  status: number;
  headers?: Record<string, string>;
  /** JSON, or a string sent as is (to record a malformed answer). */
  body: unknown;
}

export type ReplayResponse = RecordedExchange['response'];

export function readExchanges(name: string): Exchange[] {
  return JSON.parse(readFileSync(new URL(`../fixtures/replay/${name}.json`, import.meta.url), 'utf8')).exchanges;
}

/** The recording as testkit's exchanges, with `{{base}}` filled in. */
export function toRecorded(exchanges: Exchange[], base: string): RecordedExchange[] {
  const fill = (s: string) => s.replaceAll('{{base}}', base);
  return exchanges.map((e, i) => {
    const later = exchanges.slice(i + 1).some((o) => o.path === e.path);
    const headers = Object.fromEntries(Object.entries(e.headers ?? {}).map(([k, v]) => [k.toLowerCase(), fill(v)]));
    return {
      request: { path: e.path },
      response: {
        status: e.status,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: typeof e.body === 'string' ? e.body : fill(JSON.stringify(e.body)),
      },
      ...(later ? { times: 1 } : {}),
    };
  });
}

/** Serves a recording; `respond` answers what it does not hold (testkit's fallback). */
export async function serveRecording(
  exchanges: Exchange[],
  respond?: ReplayServerOptions['respond'],
): Promise<ReplayServer & { close(): Promise<void> }> {
  const server = await startReplayServer(respond ? { respond } : {});
  server.add(...toRecorded(exchanges, server.url));
  return server;
}

/** The path (and query) of every request the server received, in order. */
export function paths(server: ReplayServer): string[] {
  return server.requests.map((r) => r.path);
}
