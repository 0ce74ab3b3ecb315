// Named pages against Chromium, live: seeded random documents of paragraphs on named pages (see
// test/named-pages.ts) printed by Debian's Chromium (playwright-core's page.pdf with the CSS page
// size, as --print-to-pdf does) and rendered by @ds/report: the same pages, of the same sizes, the
// same lines on each, starting at the same left edge.
import { pdfTextItems } from '@ds/testkit';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textLines } from '../scripts/text-lines.mjs';
import { renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { blocks, namedPagesHtml } from './named-pages.js';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function pages(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const items = await pdfTextItems(bytes);
  return doc.getPages().map((p, i) => ({
    size: [p.getWidth(), p.getHeight()].map((v) => Math.round(v * 100) / 100),
    lines: textLines(items[i] ?? []).map((l) => [l.text, l.x]),
  }));
}

describe('named pages against Chromium (seeded random documents)', () => {
  it('gives the pages, sizes and lines Chromium prints', async () => {
    const page = await browser.newPage();
    const fonts = dejaVuFonts();
    await fc.assert(
      fc.asyncProperty(blocks, async (list) => {
        const html = namedPagesHtml(list);
        await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
        const theirs = await pages(await page.pdf({ preferCSSPageSize: true }));
        const ours = await pages(await renderPdf(html, {}, { fonts, deterministic: true, onWarning: () => {} }));
        expect(ours).toEqual(theirs);
      }),
      { seed: 7122026, numRuns: 15 },
    );
  }, 120_000); // 15 Chromium prints on a shared machine
});
