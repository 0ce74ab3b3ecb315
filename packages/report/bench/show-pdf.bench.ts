// showPdf (pdf.js on @napi-rs/canvas, in process) against poppler's pdftoppm (the tool the
// report notebook used before, a process per page), rasterising page 1 of a two-page report at
// 90 dpi. `npm run bench -w packages/report` (poppler-utils installed for the peer).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { lineChart, renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { showPdf } from '../src/notebook.js';

const years = Array.from({ length: 31 }, (_, i) => i);
const pdf = await renderPdf(
  `<h1>$100 at 5% a year</h1>{{ chart | safe }}<table>{% for r in rows %}<tr><td>{{ r.year }}</td><td>{{ r.balance | round(2) }}</td></tr>{% endfor %}</table>`,
  {
    chart: lineChart({ x: years, series: [{ name: '$100', values: years.map((y) => 100 * 1.05 ** y) }] }),
    rows: years.map((year) => ({ year, balance: 100 * 1.05 ** year })),
  },
  { fonts: dejaVuFonts(), deterministic: true },
);
const dir = mkdtempSync(join(tmpdir(), 'show-pdf-bench-'));
const file = join(dir, 'report.pdf');
writeFileSync(file, pdf);
const poppler = spawnSync('pdftoppm', ['-v']).status === 0;
await showPdf(pdf); // warm-up: pdf.js and the canvas load once

describe('page 1 of a report as PNG at 90 dpi', () => {
  bench('showPdf (pdf.js + @napi-rs/canvas)', async () => {
    await showPdf(pdf, { scale: 1.25 });
  });
  bench.skipIf(!poppler)('pdftoppm (poppler, a process)', () => {
    execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
  });
});
