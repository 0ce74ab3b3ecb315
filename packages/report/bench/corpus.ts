// The template corpus (test/corpus) rendered by @ds/report against Chromium printing it, warm
// process against warm browser, and a 50-page report of flex and grid cards:
//   npm run bench:corpus -w packages/report
// Prints JSON: the fastest of five warm runs (BENCH_RUNS) of the whole corpus on each, in ms, and their ratio.
// Chromium is Debian's (/usr/bin/chromium), driven by playwright-core (a dev dependency of
// @ds/testkit); each template is set as the page's content and printed with page.pdf(), which
// honours @page as the command line's --print-to-pdf does.
import { chromium } from 'playwright-core';
import { createRenderer, renderHtml } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { corpusTemplates } from '../test/corpus/compare.js';

async function best(fn: () => Promise<unknown>, runs = Number(process.env.BENCH_RUNS ?? 5)): Promise<number> {
  await fn(); // warm-up
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

/** A report of `pages` pages, each a header band, a grid of six KPI cards and a flex row of notes. */
export function cardsReport(pages: number): string {
  const page = (
    p: number,
  ) => `<section class="pg"><div class="band"><h2>Region ${p + 1}</h2><span class="pill">week 49</span></div>
<div class="grid">${Array.from({ length: 6 }, (_, k) => `<div class="card"><div class="label">Metric ${k + 1}</div><div class="value">${(1000 + p * 37 + k * 101).toLocaleString('en-US')}</div><div class="delta">+${((p + k) % 7) / 2}%</div></div>`).join('')}</div>
<div class="notes">${Array.from({ length: 3 }, (_, k) => `<div class="note"><b>Note ${k + 1}.</b> Demand in region ${p + 1} moved with the promotion calendar; the effect faded within two weeks.</div>`).join('')}</div></section>`;
  return `<style>@page { size: A4; margin: 15mm } body { font-family: Arial, sans-serif; font-size: 9pt }
.pg { break-after: page } .band { display: flex; justify-content: space-between; align-items: center; background: #0b3d91; color: #fff; padding: 8pt 12pt; border-radius: 4pt }
.band h2 { margin: 0; color: #fff } .pill { display: inline-block; background: #fff; color: #0b3d91; padding: 1pt 6pt; border-radius: 8pt }
.grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8pt; margin: 10pt 0 } .card { border: 1px solid #ccd; border-radius: 4pt; padding: 8pt; background: #f7f8fb }
.label { text-transform: uppercase; font-size: 7pt; color: #667 } .value { font-size: 16pt; font-weight: bold } .delta { color: #2f855a }
.notes { display: flex; gap: 8pt } .note { flex: 1; border-top: 2pt solid #0b3d91; padding-top: 4pt }</style>
${Array.from({ length: pages }, (_, p) => page(p)).join('\n')}`;
}

// (Bundled into bench/.corpus.mjs: the corpus is found from there.)
const templates = corpusTemplates(new URL('../test/corpus/', import.meta.url).pathname);
const renderer = createRenderer({
  templates: Object.fromEntries(templates.map((t) => [t.name, t.source])),
  fonts: dejaVuFonts(),
  deterministic: true,
  onWarning: () => {},
});
const ours = await best(async () => {
  for (const t of templates) await renderer.pdf(t.name, {});
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
const htmls = templates.map((t) => renderHtml(t.source, {}));
const theirs = await best(async () => {
  for (const html of htmls) {
    await page.setContent(html);
    await page.pdf({ preferCSSPageSize: true, printBackground: true });
  }
});
await browser.close();
const fifty = createRenderer({
  templates: { cards: cardsReport(50) },
  fonts: dejaVuFonts(),
  deterministic: true,
  onWarning: () => {},
});
const cards = await best(() => fifty.pdf('cards', {}));
console.log(
  JSON.stringify(
    {
      corpus: {
        templates: templates.length,
        report: Math.round(ours),
        chromium: Math.round(theirs),
        ratio: Number((theirs / ours).toFixed(1)),
      },
      fiftyPageFlexGrid: Math.round(cards),
    },
    null,
    1,
  ),
);
