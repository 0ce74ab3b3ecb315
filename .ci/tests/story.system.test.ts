/// <reference lib="dom" />
// The story's report (docs/story.md, run by its demo against the built packages): the PDF passes
// qpdf's check and its text (poppler's pdftotext) holds the numbers the story computed; the HTML,
// printed from the same template, works offline in Chromium: the dropdown shows the borough
// chosen, the bars say their values on hover.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserPageFixtures, browserPageFixture } from '@ds/testkit/vitest';
import { afterAll, test as base, beforeAll, describe, expect } from 'vitest';
import { root } from '../lib/exec.js';

const test = base.extend<BrowserPageFixtures>(browserPageFixture());
const outDir = mkdtempSync(join(tmpdir(), 'ds-story-'));

interface Values {
  byBorough: { borough: string; customers: number; withoutCard: number; withCard: number }[];
  partners: { id: number; turi: number }[];
  x1: number;
  x2: number;
  z: number;
}
let values: Values;

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(async () => {
  // The demo runs the whole story: reading the boroughs, a 20,000-node graph, two renders.
  const demo = (await import(pathToFileURL(join(root, 'docs', 'demo', 'story.mjs')).href)) as {
    default: (o: { outDir: string }) => Promise<{ values: Values }>;
  };
  values = (await demo.default({ outDir })).values;
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the story report', () => {
  test('the PDF passes qpdf --check', async () => {
    const r = await run('qpdf', ['--check', join(outDir, 'story.pdf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
  });

  test('its text holds the numbers the story computed', async () => {
    const { stdout: text, code } = await run('pdftotext', ['-layout', join(outDir, 'story.pdf'), '-']);
    expect(code).toBe(0);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(`z = ${Number(values.z.toFixed(2))}`);
    for (const n of [values.x1, values.x2]) expect(flat).toContain(String(n));
    for (const b of values.byBorough) {
      expect(flat).toContain(
        `${b.borough} ${b.customers} ${(100 * b.withoutCard).toFixed(1)}% ${(100 * b.withCard).toFixed(1)}%`,
      );
    }
    for (const p of values.partners) expect(flat).toContain(`@account${p.id}`);
  });

  test('the HTML works offline: the dropdown shows the borough chosen, the bars their values on hover', async ({
    browserPage,
  }) => {
    await browserPage.setContent(readFileSync(join(outDir, 'story.html'), 'utf8'), { waitUntil: 'load' });
    const queens = values.byBorough.find((b) => b.borough === 'Queens');
    await browserPage.selectOption('#borough', 'Queens');
    expect(await browserPage.textContent('#picked')).toBe(
      `${queens?.customers} customers: ${(100 * (queens?.withoutCard ?? 0)).toFixed(1)}% return without the card, ${(100 * (queens?.withCard ?? 0)).toFixed(1)}% with it`,
    );
    const titles = await browserPage.$$eval('#rates rect.bar title', (ts) => ts.map((t) => t.textContent));
    expect(titles).toHaveLength(2 * values.byBorough.length);
    expect(titles).toContain(`Queens, With the card: ${(100 * (queens?.withCard ?? 0)).toFixed(1)}%`);
  });
});
