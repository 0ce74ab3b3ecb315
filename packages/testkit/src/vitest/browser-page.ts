import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { checkOptions } from '../check.js';
import { type FixtureEntry, setUp } from './fixture.js';

/** Options of `browserPageFixture`. */
export interface BrowserPageOptions {
  /** The Chromium to run. Default `process.env.CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
  executablePath?: string;
  /** Hosts pages may load from (any port). Default `['127.0.0.1', 'localhost']`; `data:` and `about:` always. */
  allowHosts?: readonly string[];
  /** Extra Chromium flags, after the defaults. */
  args?: readonly string[];
}

/** The context `browserPageFixture` adds: a page per test, on a browser per file. */
export interface BrowserPageFixtures {
  browserPage: Page;
  browserContext: BrowserContext;
}

/**
 * The flags `browserPageFixture` starts Chromium with: headless, no sandbox (containers), no GPU,
 * and none of the background traffic (updates, sync, first-run pages) a test must not make.
 *
 * @example
 * import { chromiumFlags } from '@ds/testkit/vitest';
 * chromiumFlags.includes('--disable-background-networking'); // => true
 */
export const chromiumFlags: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Sink {
  blocked: string[];
  errors: string[];
}

const sinks = new WeakMap<BrowserContext, Sink>();

/**
 * Fixtures for `test.extend`: `browserPage`, a fresh page per test in headless Chromium (Debian's,
 * driven by playwright-core; no browser download), and `browserContext`, the browser per file,
 * launched with `chromiumFlags` and a fresh user-data-dir removed after the file. A request to a
 * host other than 127.0.0.1/localhost is blocked and, like an uncaught error in the page, fails
 * the test after it runs, with the URL or the error in the message.
 *
 * @example
 * import { browserPageFixture } from '@ds/testkit/vitest';
 * Object.keys(browserPageFixture()); // => ['browserPage', 'browserContext']
 * // const test = base.extend<BrowserPageFixtures>(browserPageFixture());
 * // test('renders', async ({ browserPage }) => { await browserPage.goto(server.url); });
 */
export function browserPageFixture(options: BrowserPageOptions = {}): {
  browserPage: FixtureEntry<{ browserContext: BrowserContext }, Page, 'test'>;
  browserContext: FixtureEntry<object, BrowserContext, 'file'>;
} {
  checkOptions('options', options);
  const allow = new Set(options.allowHosts ?? ['127.0.0.1', 'localhost']);
  return {
    browserPage: [
      async ({ browserContext }: { browserContext: BrowserContext }, use: (page: Page) => Promise<void>) => {
        const sink = sinks.get(browserContext) as Sink;
        sink.blocked.length = 0;
        sink.errors.length = 0;
        const page = await setUp('browserPage', async () => {
          const p = await browserContext.newPage();
          p.on('pageerror', (e) => sink.errors.push(e.message));
          return p;
        });
        try {
          await use(page);
        } finally {
          await page.close();
        }
        const problems = [
          ...sink.errors.map((e) => `page error: ${e}`),
          ...sink.blocked.map((u) => `request to the network blocked: ${u}`),
        ];
        if (problems.length > 0) throw new Error(`browserPage: ${problems.join('; ')}`);
      },
      { scope: 'test' },
    ],
    browserContext: [
      // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
      async ({}: object, use: (context: BrowserContext) => Promise<void>) => {
        let userDataDir = '';
        const context = await setUp('browserContext', async (undo) => {
          userDataDir = await mkdtemp(join(tmpdir(), 'ds-testkit-chromium-'));
          undo(() => rm(userDataDir, { recursive: true, force: true }));
          const { chromium } = await import('playwright-core');
          const ctx = await chromium.launchPersistentContext(userDataDir, {
            executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
            headless: true,
            args: [...chromiumFlags, ...(options.args ?? [])],
          });
          undo(() => ctx.close());
          const sink: Sink = { blocked: [], errors: [] };
          sinks.set(ctx, sink);
          await ctx.route('**/*', (route) => {
            const url = new URL(route.request().url());
            const local =
              url.protocol === 'data:' || url.protocol === 'about:' || url.protocol === 'blob:' || allow.has(url.hostname);
            if (local) return route.continue();
            sink.blocked.push(url.toString());
            return route.abort('blockedbyclient');
          });
          return ctx;
        });
        try {
          await use(context);
        } finally {
          await context.close();
          await rm(userDataDir, { recursive: true, force: true });
        }
      },
      { scope: 'file' },
    ],
  };
}
