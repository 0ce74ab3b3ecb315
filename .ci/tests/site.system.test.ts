/// <reference lib="dom" />
// The docs site (`npm run docs`, .ci/docs-site.mjs) built and opened in Debian's Chromium: every
// internal link resolves, no page logs an error or fetches from the network, the search finds an
// export by name, and every API page of a function, class or constant shows its example.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, relative, resolve } from 'node:path';
import { type BrowserPageFixtures, browserPageFixture } from '@ds/testkit/vitest';
import { afterAll, test as base, beforeAll, describe, expect } from 'vitest';
import { root } from '../lib/exec.js';

const test = base.extend<BrowserPageFixtures>(browserPageFixture());
const site = join(root, 'out', 'site');
let cpuSeconds = Number.NaN;
let server: Server;
let origin = '';
const types: Record<string, string> = {
  html: 'text/html',
  js: 'text/javascript',
  css: 'text/css',
  svg: 'image/svg+xml',
  png: 'image/png',
  json: 'application/json',
};
/** The page's address on the local server that serves the site (the browser fixture allows only local hosts). */
const url = (page: string) => `${origin}/${relative(site, page).split('/').map(encodeURIComponent).join('/')}`;

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pages(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

beforeAll(async () => {
  // Built once for the file. The CPU time of the build (user + system, from the shell's `times`)
  // is what is held to the 60 s budget: the wall time on a shared, busy machine says little.
  const out = await new Promise<string>((done, fail) =>
    execFile(
      'bash',
      ['-c', 'node .ci/docs-site.mjs && times'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? fail(new Error(`${error.message}\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`)) : done(stdout),
    ),
  );
  const children = out.trim().split('\n').at(-1) ?? '';
  cpuSeconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + 60 * Number(m[1]) + Number(m[2]), 0);
  console.log(
    out
      .split('\n')
      .filter((l) => l.startsWith('docs site:'))
      .join('\n'),
    `(${cpuSeconds.toFixed(1)} s of CPU)`,
  );
  // A static server, as any web host would serve the folder.
  server = createServer((request, response) => {
    const path = resolve(site, `.${decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)}`);
    if (!path.startsWith(site) || !existsSync(path)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[path.split('.').pop() ?? ''] ?? 'application/octet-stream' });
    response.end(readFileSync(path));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 300_000);

afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

describe('the docs site', () => {
  test('builds in under 60 s of CPU', () => {
    expect(cpuSeconds).toBeLessThan(60);
  });

  test('every internal link and image resolves, anchors included', () => {
    const broken: string[] = [];
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let set = ids.get(file);
      if (set === undefined) {
        set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));
        ids.set(file, set);
      }
      return set;
    };
    const all = pages(site);
    expect(all.length).toBeGreaterThan(100);
    for (const page of all) {
      const html = readFileSync(page, 'utf8');
      for (const m of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        const link = (m[1] as string).replace(/&amp;/g, '&');
        if (/^(?:[a-z]+:|\/\/)/i.test(link)) continue;
        const [path = '', anchor] = link.split('#');
        const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
        if (!existsSync(target)) broken.push(`${relative(site, page)} → ${link}`);
        else if (anchor && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(anchor)))
          broken.push(`${relative(site, page)} → ${link} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('every API page of a function, class or constant shows its example', () => {
    const api = ['functions', 'classes', 'variables'].flatMap((dir) =>
      existsSync(join(site, dir)) ? pages(join(site, dir)) : [],
    );
    expect(api.length).toBeGreaterThan(80);
    const without = api
      .filter((page) => !/\sid="example(?:-\d+)?"/.test(readFileSync(page, 'utf8')))
      .map((page) => relative(site, page));
    expect(without).toEqual([]);
  });

  test('the guides, the story, the notebooks and the API pages open with no console error and no request off the machine', async ({
    browserPage,
  }) => {
    const problems: string[] = [];
    browserPage.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    browserPage.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    browserPage.on('request', (r) => {
      if (!r.url().startsWith(origin) && !/^(data|about|blob):/.test(r.url())) problems.push(`request: ${r.url()}`);
    });
    const opened = [
      join(site, 'index.html'),
      join(site, 'modules.html'),
      ...pages(join(site, 'documents')),
      ...pages(join(site, 'modules')),
      ...pages(join(site, 'functions')).filter((p) => /notebook\./.test(p)),
    ];
    for (const page of opened) {
      const before = problems.length;
      const response = await browserPage.goto(url(page), { waitUntil: 'load', timeout: 90_000 });
      if (response?.status() !== 200) problems.push(`${relative(site, page)}: HTTP ${response?.status()}`);
      for (const p of problems.slice(before)) problems[problems.indexOf(p)] = `${relative(site, page)}: ${p}`;
    }
    expect(opened.length).toBeGreaterThan(25);
    expect(problems).toEqual([]);
    // About 40 pages, some framing a report or a map of a megabyte: seconds each on a busy machine.
  }, 300_000);

  test('the search finds an export by its name', async ({ browserPage }) => {
    await browserPage.goto(url(join(site, 'index.html')), { waitUntil: 'load' });
    await browserPage.click('#tsd-search-trigger');
    await browserPage.fill('#tsd-search-input', 'showBoundaries');
    const first = browserPage.locator('#tsd-search-results li a').first();
    await first.waitFor({ timeout: 30_000 });
    expect(await first.textContent()).toContain('showBoundaries');
    const href = (await first.getAttribute('href')) ?? '';
    expect(existsSync(join(site, href.split('#')[0] ?? ''))).toBe(true);
    // The search index loads with the page: slow on a busy machine.
  }, 90_000);

  test('a rendered notebook shows its outputs: the chart, the table, the page image, the map', () => {
    const story = readFileSync(join(site, 'documents', 'Notebook_The_story.html'), 'utf8');
    if (!story.includes('as executed on')) return; // built without executed notebooks: code only
    expect(story).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(story).toContain('<img alt="output" src="data:image/png;base64,iVBORw0KGgo');
    expect(story).toMatch(/<iframe [^>]*src="\.\.\/notebook-outputs\/story-\d+\.html"/);
  });
});
