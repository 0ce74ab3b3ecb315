// Timing and memory, for the figures in docs/report.md:
//   npm run bench:measure -w packages/report -- [all | ten | table | memory]
// Prints JSON: the fastest of three warm runs (ms) of each workload on both libraries, in one
// process (`table` adds one run of 100,000 rows, and the same tables with `{% streamrows %}`);
// `memory` renders each table size in a child process of its own and reports that process's peak
// resident memory (the kernel's maxRSS): the table from an array of rows into bytes, from a
// generator (`{% streamrows %}`) into bytes, and from a generator into a file (`pdfTo`).
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRenderer } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import {
  interestData,
  interestTemplate,
  loadPdfmake,
  pdfmakeInterest,
  pdfmakeTable,
  rates,
  streamTableTemplate,
  tableRows,
  tableRowsGenerated,
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

/** One workload in this process, which was started for it: its time and the process's peak RSS. */
async function peakRss(fn: () => Promise<unknown>): Promise<{ ms: number; startMB: number; peakMB: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage().rss;
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  // maxRSS is in kilobytes: the high-water mark the kernel kept, not a sample.
  return {
    ms: Math.round(ms),
    startMB: Math.round(start / 1e6),
    peakMB: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6),
  };
}

type Library = 'report' | 'report-stream' | 'report-file' | 'pdfmake';
/** Runs `memory-one <library> <rows>` in a fresh Node process and returns what it printed. */
function inChild(library: Library, n: number): unknown {
  const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), 'memory-one', library, String(n)], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`memory-one ${library} ${n} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

// Each library is loaded only where it runs, so a memory child holds one of them.
let made: ReturnType<typeof createRenderer> | undefined;
const report = () => {
  made ??= createRenderer({
    templates: { 'interest.html': interestTemplate, 'table.html': tableTemplate, 'stream.html': streamTableTemplate },
    fonts: dejaVuFonts(),
    onWarning: () => {},
  });
  return made;
};
let loaded: ReturnType<typeof loadPdfmake> | undefined;
const peer = () => {
  loaded ??= loadPdfmake();
  return loaded;
};
const which = process.argv[2] ?? 'all';
const out: Record<string, unknown> = {};
if (which === 'all' || which === 'ten') {
  out.tenReports = {
    report: await time(async () => {
      for (const rate of rates) await report().pdf('interest.html', interestData(rate));
    }),
    pdfmake: await time(async () => {
      for (const rate of rates) await peer().createPdf(pdfmakeInterest(rate)).getBuffer();
    }),
  };
}
if (which === 'all' || which === 'table') {
  const rows = { rows: tableRows(10_000) };
  out.table10k = {
    report: await time(() => report().pdf('table.html', rows)),
    pdfmake: await time(() => peer().createPdf(pdfmakeTable(10_000)).getBuffer()),
  };
}
if (which === 'table') {
  const rows = { rows: tableRows(100_000) };
  out.table100k = { report: await time(() => report().pdf('table.html', rows), 1) };
  out.streamed10k = { report: await time(() => report().pdf('stream.html', { rows: tableRowsGenerated(10_000) })) };
  out.streamed100k = { report: await time(() => report().pdf('stream.html', { rows: tableRowsGenerated(100_000) }), 1) };
}
if (which === 'memory') {
  const sizes = [10_000, 100_000, 300_000, 1_000_000];
  for (const n of sizes.slice(0, 3)) out[`report${n}`] = inChild('report', n);
  for (const n of sizes) out[`stream${n}`] = inChild('report-stream', n);
  for (const n of sizes) out[`file${n}`] = inChild('report-file', n);
  out.pdfmake10000 = inChild('pdfmake', 10_000);
}
if (which === 'memory-one') {
  // A child of `memory`: the renderer warmed up on a small table, then one table of n rows.
  const library = process.argv[3];
  const n = Number(process.argv[4]);
  if (library === 'report') {
    await report().pdf('table.html', { rows: tableRows(100) });
    const rows = { rows: tableRows(n) };
    console.log(JSON.stringify(await peakRss(() => report().pdf('table.html', rows))));
  } else if (library === 'report-stream') {
    await report().pdf('stream.html', { rows: tableRowsGenerated(100) });
    console.log(JSON.stringify(await peakRss(() => report().pdf('stream.html', { rows: tableRowsGenerated(n) }))));
  } else if (library === 'report-file') {
    await report().pdf('stream.html', { rows: tableRowsGenerated(100) });
    const file = join(tmpdir(), `ds-report-bench-${process.pid}.pdf`);
    const fd = openSync(file, 'w');
    const result = await peakRss(() =>
      report().pdfTo('stream.html', { rows: tableRowsGenerated(n) }, (bytes) => {
        writeSync(fd, bytes);
      }),
    );
    closeSync(fd);
    rmSync(file);
    console.log(JSON.stringify(result));
  } else {
    await peer().createPdf(pdfmakeTable(100)).getBuffer();
    console.log(JSON.stringify(await peakRss(() => peer().createPdf(pdfmakeTable(n)).getBuffer())));
  }
} else console.log(JSON.stringify(out, null, 1));
