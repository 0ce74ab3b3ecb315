// The benchmark workloads, shared by report.bench.ts and memory.mjs's TypeScript twin: the ten
// interest-rate reports (four principals, 30 years each) and a 5-column table of n rows, for
// @ds/report and, built the same way, for pdfmake.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const principals = [100, 500, 20_000, 50_000];
export const rates = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export const interestTemplate = `<h1>$1 at {{ rate }}% a year</h1>
{% for t in tables %}<h2>{{ t.principal | currency }}</h2>
<table><thead><tr><th>Year</th><th>Balance</th><th>Interest</th></tr></thead><tbody>
{% for r in t.rows %}<tr><td>{{ r.year }}</td><td>{{ r.balance | currency }}</td><td>{{ r.interest | currency }}</td></tr>{% endfor %}
</tbody></table>{% endfor %}`;

export interface GrowthRow {
  year: number;
  balance: number;
  interest: number;
}

export function interestData(rate: number): { rate: number; tables: { principal: number; rows: GrowthRow[] }[] } {
  return {
    rate,
    tables: principals.map((principal) => ({
      principal,
      rows: Array.from({ length: 30 }, (_, i) => ({
        year: i + 1,
        balance: principal * (1 + rate / 100) ** (i + 1),
        interest: principal * (1 + rate / 100) ** i * (rate / 100),
      })),
    })),
  };
}

export const tableTemplate = `<table><thead><tr><th>id</th><th>name</th><th>amount</th><th>count</th><th>share</th></tr></thead>
<tbody>{% for r in rows %}<tr><td>{{ r.id }}</td><td>{{ r.name }}</td><td>{{ r.amount }}</td><td>{{ r.count }}</td><td>{{ r.share }}</td></tr>{% endfor %}</tbody></table>`;

export interface TableRow {
  id: number;
  name: string;
  amount: string;
  count: number;
  share: string;
}

const tableRow = (i: number): TableRow => ({
  id: i + 1,
  name: `Account ${i + 1} Ωμέγα`,
  amount: (((i * 7919) % 100_000) / 100).toFixed(2),
  count: (i * 37) % 1000,
  share: `${((i % 1000) / 10).toFixed(1)}%`,
});

export function tableRows(n: number): TableRow[] {
  return Array.from({ length: n }, (_, i) => tableRow(i));
}

/** The same table with `{% streamrows %}`: rows pulled from a generator as pages fill. */
export const streamTableTemplate = tableTemplate
  .replace('{% for r in rows %}', '{% streamrows r in rows %}')
  .replace('{% endfor %}', '{% endstreamrows %}');

/** The rows of `tableRows(n)`, made one at a time (as a database cursor hands them over). */
export function* tableRowsGenerated(n: number): Generator<TableRow> {
  for (let i = 0; i < n; i++) yield tableRow(i);
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** pdfmake document definitions for the same workloads, with the same DejaVu Sans font. */
export function pdfmakeInterest(rate: number): object {
  const data = interestData(rate);
  return {
    defaultStyle: { font: 'DejaVu', fontSize: 10 },
    content: [
      { text: `$1 at ${rate}% a year`, fontSize: 20, bold: true },
      ...data.tables.flatMap((t) => [
        { text: usd.format(t.principal), fontSize: 16, bold: true, margin: [0, 12, 0, 6] },
        {
          table: {
            headerRows: 1,
            body: [
              [
                { text: 'Year', bold: true },
                { text: 'Balance', bold: true },
                { text: 'Interest', bold: true },
              ],
              ...t.rows.map((r) => [
                String(r.year),
                { text: usd.format(r.balance), alignment: 'right' },
                { text: usd.format(r.interest), alignment: 'right' },
              ]),
            ],
          },
          layout: 'noBorders',
        },
      ]),
    ],
  };
}

export function pdfmakeTable(n: number): object {
  return {
    defaultStyle: { font: 'DejaVu', fontSize: 10 },
    content: [
      {
        table: {
          headerRows: 1,
          body: [
            ['id', 'name', 'amount', 'count', 'share'].map((text) => ({ text, bold: true })),
            ...tableRows(n).map((r) => [
              String(r.id),
              r.name,
              { text: r.amount, alignment: 'right' },
              { text: String(r.count), alignment: 'right' },
              { text: r.share, alignment: 'right' },
            ]),
          ],
        },
        layout: 'noBorders',
      },
    ],
  };
}

interface PdfMake {
  setFonts(fonts: object): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: object): { getBuffer(): Promise<Uint8Array> };
}

/** pdfmake (0.3) with DejaVu Sans from the dejavu-fonts-ttf package; no URL is fetched. */
export function loadPdfmake(): PdfMake {
  const require = createRequire(import.meta.url);
  const pdfmake = require('pdfmake') as PdfMake;
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  pdfmake.setFonts({
    DejaVu: {
      normal: join(dir, 'DejaVuSans.ttf'),
      bold: join(dir, 'DejaVuSans-Bold.ttf'),
      italics: join(dir, 'DejaVuSans-Oblique.ttf'),
      bolditalics: join(dir, 'DejaVuSans-BoldOblique.ttf'),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(dir));
  return pdfmake;
}
