import { bench, describe } from 'vitest';
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

// `npm run bench -w packages/report`: @ds/report against pdfmake on the same workloads, one run,
// so vitest prints the ratio. Warm calls: vitest warms up before it measures.
const renderer = createRenderer({
  templates: { 'interest.html': interestTemplate, 'table.html': tableTemplate, 'stream.html': streamTableTemplate },
  fonts: dejaVuFonts(),
  onWarning: () => {},
});
const pdfmake = loadPdfmake();
const rows10k = { rows: tableRows(10_000) };

describe('the ten interest-rate reports', () => {
  bench(
    '@ds/report',
    async () => {
      for (const rate of rates) await renderer.pdf('interest.html', interestData(rate));
    },
    { iterations: 5, warmupIterations: 1 },
  );
  bench(
    'pdfmake',
    async () => {
      for (const rate of rates) await pdfmake.createPdf(pdfmakeInterest(rate)).getBuffer();
    },
    { iterations: 3, warmupIterations: 1 },
  );
});

describe('one table of 10,000 rows', () => {
  bench(
    '@ds/report',
    async () => {
      await renderer.pdf('table.html', rows10k);
    },
    { iterations: 3, warmupIterations: 1 },
  );
  bench(
    '@ds/report, {% streamrows %} from a generator',
    async () => {
      await renderer.pdf('stream.html', { rows: tableRowsGenerated(10_000) });
    },
    { iterations: 3, warmupIterations: 1 },
  );
  bench(
    'pdfmake',
    async () => {
      await pdfmake.createPdf(pdfmakeTable(10_000)).getBuffer();
    },
    { iterations: 1, warmupIterations: 0 },
  );
});
