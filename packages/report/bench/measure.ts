// Timing and memory in one process, for the figures in docs/report.md:
//   npm run bench:measure -w packages/report -- [all | ten | table | memory | memory-pdfmake]
// Prints JSON: the fastest of three warm runs (ms) of each workload on both libraries, or the
// peak RSS while rendering tables of growing size (the memory curve).
import { createRenderer } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import {
  interestData,
  interestTemplate,
  loadPdfmake,
  pdfmakeInterest,
  pdfmakeTable,
  rates,
  tableRows,
  tableTemplate,
} from './workloads.js';

// The machine is shared: the fastest of a few warm runs is the least disturbed one.
async function time(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn(); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

async function peakRss(fn: () => Promise<unknown>): Promise<{ ms: number; startMB: number; peakMB: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, startMB: start / 1e6, peakMB: peak / 1e6 };
}

const renderer = createRenderer({
  templates: { 'interest.html': interestTemplate, 'table.html': tableTemplate },
  fonts: dejaVuFonts(),
  onWarning: () => {},
});
const pdfmake = loadPdfmake();
const which = process.argv[2] ?? 'all';
const out: Record<string, unknown> = {};
if (which === 'all' || which === 'ten') {
  out.tenReports = {
    report: await time(async () => {
      for (const rate of rates) await renderer.pdf('interest.html', interestData(rate));
    }),
    pdfmake: await time(async () => {
      for (const rate of rates) await pdfmake.createPdf(pdfmakeInterest(rate)).getBuffer();
    }),
  };
}
if (which === 'all' || which === 'table') {
  const rows = { rows: tableRows(10_000) };
  out.table10k = {
    report: await time(() => renderer.pdf('table.html', rows)),
    pdfmake: await time(() => pdfmake.createPdf(pdfmakeTable(10_000)).getBuffer()),
  };
}
if (which === 'memory') {
  for (const n of [10_000, 25_000, 50_000, 100_000]) {
    const rows = { rows: tableRows(n) };
    out[`report${n}`] = await peakRss(() => renderer.pdf('table.html', rows));
  }
}
if (which === 'memory-pdfmake') out.pdfmake10k = await peakRss(() => pdfmake.createPdf(pdfmakeTable(10_000)).getBuffer());
console.log(JSON.stringify(out, null, 1));
