// A local HTTP server on 127.0.0.1 that replays recorded exchanges (test/fixtures/replay/*.json).
// Each exchange answers one request for its path (query included, as the source sends it); several
// exchanges for one path are served in order, the last one again and again. `{{base}}` in a
// recorded header or body becomes the server's own address (Mastodon's Link headers are absolute).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  path: string;
  status: number;
  headers?: Record<string, string>;
  /** JSON, or a string sent as is (to record a malformed answer). */
  body: unknown;
}

export interface ReplayServer {
  url: string;
  /** Every request path received, in order. */
  log: string[];
  close(): Promise<void>;
}

export function readExchanges(name: string): Exchange[] {
  return JSON.parse(readFileSync(new URL(`../fixtures/replay/${name}.json`, import.meta.url), 'utf8')).exchanges;
}

export type Handler = (path: string, base: string) => Exchange | undefined;

export function replayHandler(exchanges: Exchange[]): Handler {
  const served = new Map<string, number>();
  return (path) => {
    const matching = exchanges.filter((e) => e.path === path);
    if (matching.length === 0) return undefined;
    const n = served.get(path) ?? 0;
    served.set(path, n + 1);
    return matching[Math.min(n, matching.length - 1)];
  };
}

export async function startReplayServer(handler: Handler): Promise<ReplayServer> {
  const log: string[] = [];
  let base = '';
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    log.push(path);
    const exchange = handler(path, base);
    if (exchange === undefined) {
      response.writeHead(599, { 'content-type': 'text/plain' });
      response.end(`no recorded exchange for ${path}`);
      return;
    }
    const fill = (s: string) => s.replaceAll('{{base}}', base);
    const headers = Object.fromEntries(Object.entries(exchange.headers ?? {}).map(([k, v]) => [k, fill(v)]));
    const body = typeof exchange.body === 'string' ? exchange.body : fill(JSON.stringify(exchange.body));
    response.writeHead(exchange.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A fake clock and sleep: waits are recorded and advance the clock instantly. */
export function fakeTime(start = 1_700_000_000_000) {
  let t = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      waits.push(ms);
      t += ms;
    },
  };
}
