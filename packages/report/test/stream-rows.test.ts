// {% streamrows %}: table rows pulled from an iterable as the PDF's pages fill, and a renderer
// that hands the file on in pieces (pdfTo).
import { readFileSync } from 'node:fs';
import { pdfText } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import { createRenderer, ReportError, renderHtml, renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { renderWithBoxes } from './boxes.js';
import { errorOf, rejection } from './errors.js';

/** Each page's text in reading order (lines top to bottom, items left to right). */
const pdfPageTexts = async (bytes: Uint8Array) => (await pdfText(bytes, { order: 'reading' })).split('\f');

const fonts = dejaVuFonts();
const quiet = { fonts, onWarning: () => {}, deterministic: true };

interface Account {
  id: number;
  name: string;
  balance: string;
}
const account = (i: number): Account => ({ id: i + 1, name: `Konto ${i % 10} Ωμέγα`, balance: ((i % 10) * 1234.5).toFixed(2) });
const accounts = (n: number) => Array.from({ length: n }, (_, i) => account(i));
function* generate(n: number): Generator<Account> {
  for (let i = 0; i < n; i++) yield account(i);
}

const head = '<table style="width: 100%"><thead><tr><th>#</th><th>Name</th><th>Balance</th></tr></thead><tbody>';
const row = '<tr><td>{{ a.id }}</td><td>{{ a.name }}</td><td>{{ a.balance }}</td></tr>';
const streamed = `<h1>Accounts</h1>${head}{% streamrows a in accounts %}${row}{% endstreamrows %}</tbody><tfoot><tr><td></td><td>Total</td><td>{{ total }}</td></tr></tfoot></table><p>After the table.</p>`;
const looped = streamed
  .replace('{% streamrows a in accounts %}', '{% for a in accounts %}')
  .replace('{% endstreamrows %}', '{% endfor %}');

describe('{% streamrows %} to HTML', () => {
  it('renders as a for loop does, from an array or a generator', () => {
    const data = { accounts: accounts(30), total: 'T' };
    const expected = renderHtml(looped, data);
    expect(renderHtml(streamed, data)).toBe(expected);
    expect(renderHtml(streamed, { ...data, accounts: generate(30) })).toBe(expected);
    expect(expected).toContain('<td>30</td><td>Konto 9 Ωμέγα</td>');
  });

  it('escapes the rows’ data and gives loop.index', () => {
    const html = renderHtml(
      '<table>{% streamrows x in xs %}<tr><td>{{ loop.index }}:{{ x }}</td></tr>{% endstreamrows %}</table>',
      {
        xs: ['<b>', 'a & b'],
      },
    );
    expect(html).toBe('<table><tr><td>1:&lt;b&gt;</td></tr><tr><td>2:a &amp; b</td></tr></table>');
  });

  it('leaves the variables outside the block as they were', () => {
    const html = renderHtml(
      '{{ a }}<table>{% streamrows a in xs %}<tr><td>{{ a }}</td></tr>{% endstreamrows %}</table>{{ a }}{{ loop }}',
      { a: 'outer', xs: [1, 2] },
    );
    expect(html).toBe('outer<table><tr><td>1</td></tr><tr><td>2</td></tr></table>outer');
  });

  it('treats a missing source as no rows, as for does', () => {
    expect(renderHtml('<table>{% streamrows x in nothing %}<tr><td>{{ x }}</td></tr>{% endstreamrows %}</table>')).toBe(
      '<table></table>',
    );
  });

  it('names the block when the source is not a synchronous iterable', () => {
    const asyncRows = (async function* () {
      yield 1;
    })();
    const e = errorOf(() =>
      renderHtml('<table>{% streamrows r in rows %}{{ r }}{% endstreamrows %}</table>', { rows: asyncRows }),
    );
    expect(e).toBeInstanceOf(ReportError);
    expect(e.code).toBe('invalid-type');
    expect(e.message).toMatch(/\{% streamrows r in … %\} needs an array or a synchronous iterable .*got an async iterable/);
    const o = errorOf(() =>
      renderHtml('<table>{% streamrows r in rows %}{{ r }}{% endstreamrows %}</table>', { rows: { a: 1 } }),
    );
    expect(o.message).toMatch(/got object/);
  });

  it('refuses a generator that an earlier render read, rather than rendering no rows', () => {
    const rows = generate(3);
    const template = `${head}{% streamrows a in rows %}${row}{% endstreamrows %}</tbody></table>`;
    renderHtml(template, { rows });
    const e = errorOf(() => renderHtml(template, { rows }));
    expect(e.code).toBe('invalid-type');
    expect(e.message).toMatch(/already read.*\[Symbol\.iterator\]: \(\) => rows\(\)/);
    // An iterable that starts over renders twice.
    const again = { [Symbol.iterator]: () => generate(3) };
    expect(renderHtml(template, { rows: again })).toBe(renderHtml(template, { rows: again }));
  });

  it('reports a malformed tag with the template, line and column', () => {
    const e = errorOf(() => renderHtml('<table>\n{% streamrows a of rows %}{% endstreamrows %}</table>', {}, { name: 't.html' }));
    expect(e.code).toBe('template-syntax');
    expect(e.message).toMatch(/^t\.html:2:\d+: .*expected "in"/);
  });
});

describe('{% streamrows %} to PDF', () => {
  it('lays out the same boxes as a for loop over the same rows', async () => {
    // Rows as wide as the first ones, and a table as wide as the page: the columns come out the
    // same whether all rows or the first 200 size them. 420 rows (10 pages) are past those 200 and
    // end on the same widest row as 700 did, at 60% of the time.
    const a = await renderWithBoxes(looped, { accounts: accounts(420), total: 'T' }, quiet);
    const b = await renderWithBoxes(streamed, { accounts: generate(420), total: 'T' }, quiet);
    expect(b.boxes.length).toBe(a.boxes.length);
    expect(b.boxes).toEqual(a.boxes);
    // The header repeats on every page, the footer row and the paragraph follow the last row.
    const pages = new Set(b.boxes.map((x) => x.page));
    expect(pages.size).toBeGreaterThan(9);
    for (const p of pages) expect(b.boxes.find((x) => x.page === p)?.text).toBe(p === 1 ? 'Accounts' : '#');
    const texts = b.boxes.map((x) => x.text);
    expect(texts.slice(texts.indexOf('420'))).toEqual(['420', 'Konto 9 Ωμέγα', '11110.50', 'Total', 'T', 'After the table.']);
  });

  it('takes rows directly in the table, after rows of the template, and in a table past 200 rows', async () => {
    const bare = `<table style="width: 100%"><tr><td>first</td><td>x</td></tr>{% streamrows a in rows %}<tr><td>{{ a.id }}</td><td>{{ a.name }}</td></tr>{% endstreamrows %}</table>`;
    const { boxes } = await renderWithBoxes(bare, { rows: generate(3) }, quiet);
    expect(boxes.map((b) => b.text)).toEqual(['first', 'x', '1', 'Konto 0 Ωμέγα', '2', 'Konto 1 Ωμέγα', '3', 'Konto 2 Ωμέγα']);
    // 250 template rows make the table stream from its source (see parseHtml); the block's rows follow.
    const many = `<table style="width: 100%"><tbody>{% for i in range(250) %}<tr><td>t{{ i }}</td><td>-</td></tr>{% endfor %}{% streamrows a in rows %}<tr><td>{{ a.id }}</td><td>s</td></tr>{% endstreamrows %}</tbody></table>`;
    const long = await renderWithBoxes(many, { rows: generate(5) }, quiet);
    const texts = long.boxes.map((b) => b.text);
    expect(texts.slice(0, 2)).toEqual(['t0', '-']);
    expect(texts.slice(-4)).toEqual(['4', 's', '5', 's']);
    expect(texts).toHaveLength(2 * 255);
  });

  it('pulls the rows as the pages are written, not before', async () => {
    const renderer = createRenderer({ templates: { 'a.html': streamed }, ...quiet });
    let written = 0;
    const seen: number[] = [];
    function* watched(): Generator<Account> {
      for (let i = 0; i < 20_000; i++) {
        if (i % 5000 === 0) seen.push(written);
        yield account(i);
      }
    }
    const size = await renderer.pdfTo('a.html', { accounts: watched(), total: 'T' }, (bytes) => {
      written += bytes.length;
    });
    expect(size).toBe(written);
    // By row 10,000 pages are written (in 64 KB blocks), more by row 15,000, the rest after.
    expect(seen[0]).toBe(0);
    expect(seen[2]).toBeGreaterThan(0);
    expect(seen[3]).toBeGreaterThan(seen[2] as number);
    expect(seen[3]).toBeLessThan(written);
    // 20,000 rows are needed for several 64 KB blocks to leave before the last row (12,000 are not):
    // about 1 s quiet, 5 s on a loaded 2-core machine.
  }, 20_000);

  it('gives the same bytes whole (pdf) and in pieces (pdfTo)', async () => {
    const renderer = createRenderer({
      templates: { 'a.html': streamed },
      ...quiet,
      footer: '<p>Page {{ page }} of {{ pages }}</p>',
    });
    const whole = await renderer.pdf('a.html', { accounts: generate(400), total: 'T' });
    const pieces: Uint8Array[] = [];
    await renderer.pdfTo('a.html', { accounts: generate(400), total: 'T' }, (bytes) => pieces.push(bytes));
    expect(Buffer.concat(pieces).equals(Buffer.from(whole))).toBe(true);
    const texts = await pdfPageTexts(whole);
    expect(texts.at(-1)).toMatch(/400 Konto 9 Ωμέγα 11110\.50\nTotal T\nAfter the table\.\nPage (\d+) of \1$/);
  });

  it('names a variable a row lacks in strict mode, though the row is rendered during layout', async () => {
    const template = `${head}{% streamrows a in rows %}<tr><td>{{ a.id }}</td><td>{{ a.missing }}</td></tr>{% endstreamrows %}</tbody></table>`;
    const e = await rejection(renderPdf(template, { rows: generate(3) }, { ...quiet, strict: true, name: 'rows.html' }));
    expect(e).toBeInstanceOf(ReportError);
    expect(e.code).toBe('undefined-variable');
    expect(e.message).toMatch(/^rows\.html:\d+:\d+: undefined variable a\.missing/);
  });

  it('passes on an error the generator throws', async () => {
    function* failing() {
      yield account(0);
      throw new Error('cursor closed');
    }
    const e = await rejection(
      renderPdf(`${head}{% streamrows a in rows %}${row}{% endstreamrows %}</tbody></table>`, { rows: failing() }, quiet),
    );
    expect(e.message).toMatch(/cursor closed/);
  });

  it('must stand in a table or its body', async () => {
    const e = await rejection(
      renderPdf('<p>{% streamrows a in rows %}<tr><td>{{ a }}</td></tr>{% endstreamrows %}</p>', { rows: [1] }, quiet),
    );
    expect(e.code).toBe('template-syntax');
    expect(e.message).toMatch(/directly inside a <table> or its <tbody>, found inside <p>/);
    const hand = await rejection(renderPdf('<table><tbody><ds-rows data-stream="0"/></tbody></table>', {}, quiet));
    expect(hand.message).toMatch(/cannot be written by hand/);
  });

  it('draws an image in the rows that the template also shows elsewhere, and names one it does not', async () => {
    const png = new Uint8Array(readFileSync(new URL('fixtures/page.png', import.meta.url)));
    const template = `<table>{% streamrows a in rows %}<tr><td><img src="p.png" width="10"></td><td>{{ a }}</td></tr>{% endstreamrows %}</table>`;
    const e = await rejection(renderPdf(template, { rows: [1, 2] }, { ...quiet, images: { 'p.png': png } }));
    expect(e.code).toBe('invalid-image');
    expect(e.message).toMatch(/p\.png appears only in \{% streamrows %\} rows/);
    const shown = `<img src="p.png" width="10" style="display: none">${template}`;
    const pdf = await renderPdf(shown, { rows: [1, 2] }, { ...quiet, images: { 'p.png': png } });
    expect((await pdfPageTexts(pdf))[0]).toBe('1\n2');
  });
});
