// Template-only time (no layout, no PDF) of the benchmark workloads, in one process:
//   npm run bench:templates -w packages/report
// - Jinja2 semantics (the default since issue #11) against nunjucks' own (`syntax: 'nunjucks'`,
//   what every template rendered with before), the same compiled templates and data;
// - Python's Jinja2 (Debian's python3-jinja2) on the same templates and data, timed inside Python
//   (bench/jinja2_bench.py), started from here so that both run on the same machine at once;
// - the PDF targets (ten reports under 150 ms, 10,000 rows under 1 s), with Jinja2 semantics.
// Prints JSON: the fastest of five warm runs (ms) of each, and the ratios.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRenderer } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { interestData, interestTemplate, rates, tableRows, tableTemplate } from './workloads.js';

async function time(fn: () => unknown, runs = 5): Promise<number> {
  await fn(); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const templates = { 'interest.html': interestTemplate, 'table.html': tableTemplate };
const fonts = dejaVuFonts();
const jinja = createRenderer({ templates, fonts, onWarning: () => {} });
const nunjucks = createRenderer({ templates, fonts, onWarning: () => {}, syntax: 'nunjucks' });
const reports = rates.map((rate) => interestData(rate));
const rows = { rows: tableRows(10_000) };

const ten = (r: typeof jinja) => () => {
  for (const data of reports) r.html('interest.html', data);
};
const table = (r: typeof jinja) => () => r.html('table.html', rows);

// The two renderers must agree on these templates, or the timing compares different work.
if (jinja.html('table.html', { rows: tableRows(50) }) !== nunjucks.html('table.html', { rows: tableRows(50) }))
  throw new Error('the table renders differently under the two semantics');

const script = fileURLToPath(new URL('./jinja2_bench.py', import.meta.url));
const python = JSON.parse(
  execFileSync('/usr/bin/python3', [script], {
    input: JSON.stringify({
      templates,
      runs: 5,
      workloads: [
        { name: 'ten', template: 'interest.html', datas: reports },
        { name: 'table', template: 'table.html', datas: [rows] },
      ],
    }),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  }),
) as { ten: number; table: number };

const result = {
  tenReports: { jinja2: await time(ten(jinja)), nunjucks: await time(ten(nunjucks)), python: python.ten },
  table10k: { jinja2: await time(table(jinja)), nunjucks: await time(table(nunjucks)), python: python.table },
  pdf: {
    tenReports: await time(async () => {
      for (const data of reports) await jinja.pdf('interest.html', data);
    }, 3),
    table10k: await time(() => jinja.pdf('table.html', rows), 3),
    // The same with nunjucks' semantics: what the PDF cost before, on this machine, now.
    tenReportsNunjucks: await time(async () => {
      for (const data of reports) await nunjucks.pdf('interest.html', data);
    }, 3),
    table10kNunjucks: await time(() => nunjucks.pdf('table.html', rows), 3),
  },
};
const round = (x: number) => Math.round(x * 100) / 100;
console.log(
  JSON.stringify(
    {
      ...result,
      ratios: {
        tenReports: {
          jinja2OverNunjucks: round(result.tenReports.jinja2 / result.tenReports.nunjucks),
          jinja2OverPython: round(result.tenReports.jinja2 / result.tenReports.python),
        },
        table10k: {
          jinja2OverNunjucks: round(result.table10k.jinja2 / result.table10k.nunjucks),
          jinja2OverPython: round(result.table10k.jinja2 / result.table10k.python),
        },
      },
    },
    (_, v) => (typeof v === 'number' ? round(v) : v),
    1,
  ),
);
