// The template corpus (test/corpus) rendered by @ds/report against Chromium printing it, warm
// process against warm browser, and a 50-page report of flex and grid cards:
//   npm run bench:corpus -w packages/report
// Prints JSON: the fastest of ten runs (BENCH_RUNS), after three warm-up runs, of the whole corpus on
// each, in ms, and their ratio;
// on Linux also the CPU time of those runs (ours: this process; Chromium's: every process under this
// one, which is the browser playwright started and its children, from /proc), a ratio that a busy
// machine bends less than wall time.
// Chromium is Debian's (/usr/bin/chromium), driven by playwright-core (a dev dependency of
// @ds/testkit); each template is set as the page's content and printed with page.pdf(), which
// honours @page as the command line's --print-to-pdf does.
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { createRenderer, renderHtml } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { corpusTemplates } from '../test/corpus/compare.js';

/** Fastest wall time and fastest CPU time (ms) of `runs` warm runs; `cpu` reads the CPU time spent so far. */
async function best(
  fn: () => Promise<unknown>,
  cpu: () => number,
  runs = Number(process.env.BENCH_RUNS ?? 10),
): Promise<{ wall: number; cpu: number }> {
  // Warm: both sides have compiled their code and filled their caches (JIT, fonts, styles).
  for (let i = 0; i < 3; i++) await fn();
  let wall = Number.POSITIVE_INFINITY;
  let used = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = cpu();
    await fn();
    used = Math.min(used, cpu() - c);
    wall = Math.min(wall, performance.now() - t);
  }
  return { wall, cpu: used };
}

const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU time (ms) of the descendants of process `root` (not `root` itself), from /proc (Linux); NaN elsewhere. */
function childrenCpu(root: number): number {
  try {
    const stats = new Map<number, { parent: number; ms: number }>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // The fields after the command name (which may hold spaces) in parentheses; proc(5).
        const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
        // utime and stime are fields 14 and 15 (here 11 and 12), in clock ticks of 10 ms.
        stats.set(Number(entry), { parent: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * 10 });
      } catch {
        // The process ended while we read.
      }
    }
    let total = 0;
    for (const [pid, s] of stats) {
      if (pid === root) continue;
      let p: number | undefined = pid;
      while (p !== undefined && p !== root && p > 1) p = stats.get(p)?.parent;
      if (p === root) total += s.ms;
    }
    return total;
  } catch {
    return Number.NaN;
  }
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
}, ownCpu);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
const htmls = templates.map((t) => renderHtml(t.source, {}));
const theirs = await best(
  async () => {
    for (const html of htmls) {
      await page.setContent(html);
      await page.pdf({ preferCSSPageSize: true, printBackground: true });
    }
  },
  () => childrenCpu(process.pid),
);
await browser.close();
const fifty = createRenderer({
  templates: { cards: cardsReport(50) },
  fonts: dejaVuFonts(),
  deterministic: true,
  onWarning: () => {},
});
const cards = await best(() => fifty.pdf('cards', {}), ownCpu);
console.log(
  JSON.stringify(
    {
      corpus: {
        templates: templates.length,
        report: Math.round(ours.wall),
        chromium: Math.round(theirs.wall),
        ratio: Number((theirs.wall / ours.wall).toFixed(1)),
        cpu: {
          report: Math.round(ours.cpu),
          chromium: Math.round(theirs.cpu),
          ratio: Number((theirs.cpu / ours.cpu).toFixed(1)),
        },
      },
      fiftyPageFlexGrid: Math.round(cards.wall),
    },
    null,
    1,
  ),
);
