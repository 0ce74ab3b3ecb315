import { readFileSync } from 'node:fs';
import { pdfText, pdfTextItems } from '@ds/testkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { createRenderer, lineChart, ReportError, renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { renderWithBoxes } from './boxes.js';
import { errorOf, rejection } from './errors.js';

/** Each page's text in reading order (lines top to bottom, items left to right). */
const pdfPageTexts = async (bytes: Uint8Array) => (await pdfText(bytes, { order: 'reading' })).split('\f');

/** The document as pdf.js opens it, for outlines, metadata, annotations and operators. */
const openPdf = (bytes: Uint8Array) =>
  getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;

const fonts = dejaVuFonts();
const quiet = { fonts, onWarning: () => {}, deterministic: true };

const growth = `<h1>Growth at {{ rate }}%</h1>
<table><thead><tr><th>Year</th><th>Balance</th></tr></thead>
<tbody>{% for y in years %}<tr><td>{{ y.year }}</td><td>{{ y.balance | currency }}</td></tr>{% endfor %}</tbody></table>`;
const years = (n: number, rate = 5) =>
  Array.from({ length: n }, (_, i) => ({ year: i + 1, balance: 100 * (1 + rate / 100) ** (i + 1) }));

describe('renderPdf', () => {
  it('writes the text the template put in, in reading order (pdfjs)', async () => {
    const pdf = await renderPdf(
      '<h1>{{ title }}</h1><p>First <b>bold</b> then <i>italic</i>.</p><ul><li>one</li><li>two</li></ul>',
      { title: 'Report' },
      quiet,
    );
    const [text] = await pdfPageTexts(pdf);
    expect(text).toBe('Report\nFirst bold then italic.\n• one\n• two');
  });

  it('breaks long paragraphs into lines within the margins', async () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    const pdf = await renderPdf('<p>{{ words }}</p>', { words }, { ...quiet, page: { size: 'A4', margin: 72 } });
    const items = (await pdfTextItems(pdf)).flat();
    expect(items.length).toBeGreaterThan(5);
    for (const it of items) {
      expect(it.x).toBeGreaterThanOrEqual(71.9);
      expect(it.x + it.width).toBeLessThanOrEqual(595.28 - 72 + 0.5);
    }
    const texts = await pdfPageTexts(pdf);
    expect(texts.join('\n').split(/\s+/)).toEqual(words.split(' '));
  });

  it('writes glyph ids whose bytes a PDF string must escape, and many glyphs (hex strings), intact', async () => {
    // Subset ids 10, 13, 40, 41 and 92 are ")", ",", "G", "H" and "{": bytes a literal string
    // escapes (LF, CR, "(", ")", "\\"). Past 127 glyphs a face's strings are written in hex.
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
      .join('')
      .replace(/ +/g, '');
    const greek = Array.from(
      { length: 50 },
      (_, i) => String.fromCharCode(0x3b1 + (i % 25)) + String.fromCharCode(0x410 + i),
    ).join('');
    const pdf = await renderPdf(
      '<p>{{ a }}</p><p>(G,H) {x} \\ end</p><p>{{ g }}</p><p>{{ a }}</p>',
      { a: ascii, g: greek },
      quiet,
    );
    const [text] = await pdfPageTexts(pdf);
    expect(text?.replace(/\s+/g, '')).toBe(`${ascii}(G,H){x}\\end${greek}${ascii}`);
  });

  it('draws Greek, Cyrillic and accented Latin with the default DejaVu fonts', async () => {
    const pdf = await renderPdf('<p>{{ s }}</p>', { s: 'Straße Ελληνικά Русский çà' }, quiet);
    expect((await pdfPageTexts(pdf))[0]).toBe('Straße Ελληνικά Русский çà');
  });

  it('repeats the table header on every page and right-aligns the number column', async () => {
    const pdf = await renderPdf(growth, { rate: 5, years: years(120) }, quiet);
    const pages = await pdfTextItems(pdf);
    expect(pages.length).toBeGreaterThan(2);
    for (const items of pages) {
      const headers = items.filter((i) => i.str === 'Year');
      expect(headers).toHaveLength(1);
    }
    const balances = pages[1]?.filter((i) => i.str.startsWith('$')) ?? [];
    expect(balances.length).toBeGreaterThan(10);
    const rightEdges = balances.map((i) => i.x + i.width);
    for (const r of rightEdges) expect(r).toBeCloseTo(rightEdges[0] as number, 0);
    const lefts = new Set(balances.map((i) => Math.round(i.x)));
    expect(lefts.size).toBeGreaterThan(1);
    const all = (await pdfPageTexts(pdf)).join('\n');
    for (let y = 1; y <= 120; y++) expect(all).toContain(`\n${y} $`);
  });

  it('lays out a long table parsed again row by row exactly as a table kept whole', async () => {
    // Past a few hundred rows a table's rows are not kept: parsed once to size the columns, then
    // again, one at a time, as they are laid out. Here every table streams after 3 rows.
    const template = `<style>.odd { background: #eee }</style><p>before</p>
<table border="1"><caption>Accounts</caption><thead><tr><th>n</th><th>name</th><th>notes</th></tr></thead>
<tfoot><tr><td colspan="2">total</td><td>{{ rows | length }}</td></tr></tfoot>
<tbody>{% for r in rows %}<tr{% if loop.index is odd %} class="odd"{% endif %}><td>{{ r.n }}</td><td><b>{{ r.name }}</b> &amp; co</td>
<td>{% if r.n % 7 == 0 %}<ol start="{{ r.n }}"><li>first<li>second</ol>{% else %}{{ r.note }}{% endif %}</td></tr>
{% endfor %}</tbody></table>
<table><tr><td>bare</td><td>rows</td></tr><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr><tr><td>5</td><td>6</td></tr></table><p>after</p>`;
    const rows = Array.from({ length: 150 }, (_, i) => ({
      n: i + 1,
      name: `Name ${i + 1} Ωμέγα`,
      note: i % 5 === 0 ? 'a longer note that has to wrap inside its cell, twice or more, as the column is narrow' : 'short',
    }));
    const kept = await renderWithBoxes(template, { rows }, quiet, Number.POSITIVE_INFINITY);
    const streamed = await renderWithBoxes(template, { rows }, quiet, 3);
    expect(kept.boxes.length).toBeGreaterThan(600);
    expect(streamed.boxes).toEqual(kept.boxes);
    // The PDFs compared as bytes (toEqual walks a Uint8Array element by element: seconds under load).
    expect(streamed.bytes.length).toBe(kept.bytes.length);
    expect(Buffer.compare(streamed.bytes, kept.bytes)).toBe(0);
    // Two renders of 150 rows with their text boxes: about 1 s quiet, 5 s on a loaded 2-core machine.
  }, 20_000);

  it('splits a row taller than a page between lines, and keeps shorter rows whole', async () => {
    const long = Array.from({ length: 150 }, (_, i) => `line${i}`).join('<br>');
    const html = '<table><tr><td>{{ long | safe }}</td><td>right</td></tr><tr><td>after</td><td>x</td></tr></table>';
    const pdf = await renderPdf(html, { long }, quiet);
    const texts = await pdfPageTexts(pdf);
    expect(texts.length).toBeGreaterThan(1);
    const all = texts.join('\n');
    for (let i = 0; i < 150; i++) expect(all).toContain(`line${i}`);
    const tokens = all.split(/\s+/).filter((t) => t.startsWith('line'));
    expect(tokens).toEqual(Array.from({ length: 150 }, (_, i) => `line${i}`));
  });

  it('aligns cell content vertically and spans columns', async () => {
    const html =
      '<table><tr><td style="vertical-align: middle">mid</td><td>one<br>two<br>three</td><td style="vertical-align: bottom">low</td></tr><tr><td colspan="3">spanning all three columns</td></tr></table>';
    const items = (await pdfTextItems(await renderPdf(html, {}, quiet)))[0] ?? [];
    const y = (s: string) => items.find((i) => i.str === s)?.y as number;
    expect(y('mid')).toBeCloseTo(y('two'), 0);
    expect(y('low')).toBeCloseTo(y('three'), 0);
    const span = items.find((i) => i.str === 'spanning all three columns');
    expect((span?.x as number) + (span?.width as number)).toBeGreaterThan(items.find((i) => i.str === 'low')?.x as number);
  });

  it('keeps a row of several lines together on one page', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ a: `r${i}a`, b: `r${i}b`, c: `r${i}c` }));
    const pdf = await renderPdf(
      '<table>{% for r in rows %}<tr><td>{{ r.a }}<br>{{ r.b }}<br>{{ r.c }}</td></tr>{% endfor %}</table>',
      { rows },
      quiet,
    );
    const pages = await pdfPageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    for (let i = 0; i < 60; i++) {
      const page = pages.findIndex((t) => t.split('\n').includes(`r${i}a`));
      expect(pages[page]?.split('\n')).toContain(`r${i}c`);
    }
  });

  it('moves a block with page-break-inside: avoid to the next page whole', async () => {
    const filler = Array.from({ length: 34 }, (_, i) => `<p>filler ${i}</p>`).join('');
    const pdf = await renderPdf(
      `${filler}<div style="page-break-inside: avoid; background: #eee; padding: 4pt"><p>kept 1</p><p>kept 2</p><p>kept 3</p><p>kept 4</p></div>`,
      {},
      quiet,
    );
    const pages = await pdfPageTexts(pdf);
    const last = pages[pages.length - 1] as string;
    expect(last).toBe('kept 1\nkept 2\nkept 3\nkept 4');
    expect(pages.length).toBe(2);
  });

  it('puts header and footer templates on every page with page and pages', async () => {
    const pdf = await renderPdf(
      growth,
      { rate: 3, years: years(100) },
      { ...quiet, header: '<p>Rates report</p>', footer: '<p>Page {{ page }} of {{ pages }}</p>' },
    );
    const texts = await pdfPageTexts(pdf);
    texts.forEach((t, i) => {
      expect(t.startsWith('Rates report\n')).toBe(true);
      expect(t.endsWith(`Page ${i + 1} of ${texts.length}`)).toBe(true);
    });
  });

  it('writes outline titles in any script, parentheses and all', async () => {
    const pdf = await renderPdf('<h1>Αναφορά (1)</h1><h2>Отчёт) ½</h2><h2 dir="rtl">שלום (עולם)</h2>', {}, quiet);
    const doc = await openPdf(pdf);
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual(['Αναφορά (1)']);
    expect(outline[0]?.items.map((o) => o.title)).toEqual(['Отчёт) ½', 'שלום (עולם)']);
    await doc.destroy();
  });

  it('writes an outline from the headings, metadata and links', async () => {
    const html =
      '<title>Quarterly</title><h1>Intro</h1><p><a href="https://example.com/x">site</a> <a href="#rates">below</a></p><h2 id="rates">Rates</h2><h2>Tables</h2>';
    const pdf = await renderPdf(html, {}, { ...quiet, metadata: { author: 'Analytics' } });
    const doc = await openPdf(pdf);
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual(['Intro']);
    expect(outline[0]?.items.map((o) => o.title)).toEqual(['Rates', 'Tables']);
    const meta = (await doc.getMetadata()).info as Record<string, unknown>;
    expect(meta.Title).toBe('Quarterly');
    expect(meta.Author).toBe('Analytics');
    const annots = await (await doc.getPage(1)).getAnnotations();
    expect(annots.map((a) => a.url ?? (a.dest ? 'internal' : undefined))).toEqual(['https://example.com/x', 'internal']);
    await doc.destroy();
  });

  it('gives the same bytes for the same input in deterministic mode', async () => {
    const a = await renderPdf(growth, { rate: 4, years: years(40) }, quiet);
    const b = await renderPdf(growth, { rate: 4, years: years(40) }, quiet);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = await renderPdf(
      growth,
      { rate: 4, years: years(40) },
      { ...quiet, deterministic: false, metadata: { date: new Date('2031-05-05T00:00:00Z') } },
    );
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('honours explicit page breaks and page sizes', async () => {
    const pdf = await renderPdf(
      '<p>one</p><div style="page-break-before: always"><p>two</p></div><p class="x">three</p>',
      {},
      { ...quiet, page: { size: 'Letter', orientation: 'landscape' } },
    );
    const doc = await openPdf(pdf);
    expect(doc.numPages).toBe(2);
    const view = (await doc.getPage(1)).view;
    expect(view).toEqual([0, 0, 792, 612]);
    await doc.destroy();
    expect(await pdfPageTexts(pdf)).toEqual(['one', 'two\nthree']);
  });

  it('embeds PNG, JPEG and SVG images and draws a chart as vectors', async () => {
    const images = {
      'p.png': new Uint8Array(readFileSync(new URL('fixtures/page.png', import.meta.url))),
      'p.jpg': new Uint8Array(readFileSync(new URL('fixtures/page.jpg', import.meta.url))),
    };
    const chart = lineChart({ x: [1, 2, 3], series: [{ name: 'Balance', values: [1, 4, 9] }], title: 'Squares' });
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="red"/></svg>',
    );
    const pdf = await renderPdf(
      '<p><img src="p.png"> <img src="p.jpg" width="50"> <img src="s.svg"></p>{{ chart | safe }}',
      { chart },
      { ...quiet, images: { ...images, 's.svg': svg } },
    );
    const doc = await openPdf(pdf);
    const ops = await (await doc.getPage(1)).getOperatorList();
    await doc.destroy();
    const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const images2 = ops.fnArray.filter((f) => f === OPS.paintImageXObject);
    expect(images2).toHaveLength(2);
    expect(ops.fnArray.filter((f) => f === OPS.constructPath).length).toBeGreaterThan(10);
    expect((await pdfPageTexts(pdf))[0]).toContain('Squares');
  });

  it('embeds images given as views into a larger buffer (a small file read with readFileSync is one)', async () => {
    const at = (file: string, offset: number) => {
      const bytes = readFileSync(new URL(`fixtures/${file}`, import.meta.url));
      const pool = new Uint8Array(offset + bytes.length + 5);
      pool.set(bytes, offset);
      return pool.subarray(offset, offset + bytes.length);
    };
    const pdf = await renderPdf(
      '<img src="p.jpg" width="50"><img src="p.png" width="50">',
      {},
      {
        ...quiet,
        images: { 'p.jpg': at('page.jpg', 8), 'p.png': at('page.png', 13) },
      },
    );
    const doc = await openPdf(pdf);
    const ops = await (await doc.getPage(1)).getOperatorList();
    await doc.destroy();
    const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    expect(ops.fnArray.filter((f) => f === OPS.paintImageXObject)).toHaveLength(2);
  });

  it('throws typed errors for an image that does not decode or is not given', async () => {
    const bad = await rejection(
      renderPdf('<img src="x.png">', {}, { ...quiet, images: { 'x.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) } }),
    );
    expect(bad).toBeInstanceOf(ReportError);
    expect(bad.code).toBe('invalid-image');
    const remote = await rejection(renderPdf('<img src="https://example.com/a.png">', {}, quiet));
    expect(remote.code).toBe('invalid-image');
    expect(remote.message).toMatch(/never fetched/);
  });
});

describe('fonts', () => {
  it('lists every character no font has, and where, in one error', async () => {
    const e = await rejection(
      renderPdf('<h1>Report 北京</h1><table><tr><td>{{ x }}</td></tr></table>', { x: 'ok 東京 ✓' }, quiet),
    );
    expect(e.code).toBe('missing-glyph');
    expect(e.message).toMatch(/北 \(U\+5317\) in body <h1> "Report 北京"/);
    expect(e.message).toMatch(/東 \(U\+6771\) in body <td> "ok 東京 ✓"/);
    expect((e.value as unknown[]).length).toBe(4);
  });

  it('draws a replacement glyph when asked to', async () => {
    const pdf = await renderPdf('<p>a北b</p>', {}, { ...quiet, replacementGlyph: '?' });
    expect((await pdfPageTexts(pdf))[0]).toBe('a?b');
  });

  it('falls back per glyph to the next family', async () => {
    const serifOnly = {
      Serif: fonts['DejaVu Serif'] as NonNullable<(typeof fonts)['DejaVu Serif']>,
      Sans: fonts['DejaVu Sans'] as NonNullable<(typeof fonts)['DejaVu Sans']>,
    };
    // DejaVu Serif lacks U+203B REFERENCE MARK; DejaVu Sans has it.
    const pdf = await renderPdf('<p>x※y</p>', {}, { ...quiet, fonts: serifOnly });
    expect((await pdfPageTexts(pdf))[0]).toBe('x※y');
    const e = await rejection(renderPdf('<p>x※y</p>', {}, { ...quiet, fonts: serifOnly, fallbackFonts: ['Serif'] }));
    expect(e.code).toBe('missing-glyph');
  });

  it('reads a font from a view into a larger buffer and from a whole buffer alike', async () => {
    const own = fonts['DejaVu Sans']?.regular as Uint8Array;
    // The same bytes at an offset inside a larger buffer, with bytes either side.
    const big = new Uint8Array(own.length + 16);
    big.set(own, 8);
    const view = big.subarray(8, 8 + own.length);
    const whole = own.slice();
    const text = async (bytes: Uint8Array) =>
      (await pdfPageTexts(await renderPdf('<p>Ωμέγα 123</p>', {}, { ...quiet, fonts: { Sans: { regular: bytes } } })))[0];
    expect(await text(view)).toBe('Ωμέγα 123');
    expect(await text(whole)).toBe('Ωμέγα 123');
    // The caller's bytes are read, never changed (compared as bytes: a deep toEqual over 700 KB took
    // seconds on a loaded machine).
    expect(view.length).toBe(own.length);
    expect(view.every((byte, i) => byte === own[i])).toBe(true);
  });

  it('refuses bytes that are not a font, and a missing fonts option', async () => {
    expect(errorOf(() => createRenderer({ templates: {}, fonts: { Bad: { regular: new Uint8Array([1, 2, 3, 4]) } } })).code).toBe(
      'invalid-font',
    );
    const e = await rejection(renderPdf('<p>x</p>', {}, {} as never));
    expect(e.code).toBe('missing-font');
    expect(e.message).toMatch(/dejaVuFonts/);
  });
});

describe('bad input', () => {
  it('names an unknown page size', async () => {
    const e = await rejection(renderPdf('<p>x</p>', {}, { ...quiet, page: { size: 'A7' as never } }));
    expect(e.code).toBe('out-of-range');
    expect(e.argument).toBe('page.size');
  });

  it('names the missing variable in strict mode, with template, line and column', async () => {
    const e = await rejection(
      renderPdf('<p>ok</p>\n<p>{{ rate }} {{ missing.value }}</p>', { rate: 1 }, { ...quiet, strict: true, name: 'rates.html' }),
    );
    expect(e.code).toBe('undefined-variable');
    expect(e.message).toMatch(/^rates\.html:\d+:\d+: undefined variable missing\.value/);
  });

  it('names template, line and column of a syntax error in a batch template', () => {
    const e = errorOf(() => createRenderer({ templates: { 'a.html': '<p>\n\n{% if %}</p>' }, fonts }));
    expect(e.code).toBe('template-syntax');
    expect(e.message).toMatch(/^a\.html:3:\d+: /);
  });

  it('keeps markup and prototype-pollution payloads in data inert', async () => {
    const data = JSON.parse(
      '{"__proto__": {"polluted": "yes"}, "name": "<h1>x</h1><script>alert(1)</script>", "constructor": {"prototype": {"bad": 1}}}',
    );
    const renderer = createRenderer({ templates: { t: '<p>{{ name }}</p><p>{{ polluted }}</p>' }, ...quiet });
    // As in Jinja2, a "__proto__" key is a key like any other: it does not lend its contents to the top level.
    expect(renderer.html('t', data)).toBe('<p>&lt;h1&gt;x&lt;/h1&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p><p></p>');
    const pdf = await renderer.pdf('t', data);
    expect((await pdfPageTexts(pdf))[0]).toBe('<h1>x</h1><script>alert(1)</script>');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).bad).toBeUndefined();
  });
});

describe('createRenderer', () => {
  it('renders many reports from templates compiled once, with includes and filters in a locale', async () => {
    const renderer = createRenderer({
      templates: {
        'base.html': '<h1>{% block title %}{% endblock %}</h1>{% include "row.html" %}',
        'r.html': '{% extends "base.html" %}{% block title %}{{ rate | percent(1) }}{% endblock %}',
        'row.html': '<p>{{ amount | currency("EUR") }}</p>',
      },
      ...quiet,
      locale: 'de-DE',
    });
    // Intl puts a no-break space before % and € in German.
    expect(renderer.html('r.html', { rate: 0.05, amount: 1234.5 })).toBe('<h1>5,0\u00a0%</h1><p>1.234,50\u00a0€</p>');
    const pdf = await renderer.pdf('r.html', { rate: 0.05, amount: 1234.5 });
    expect((await pdfPageTexts(pdf))[0]?.replace(/\u00a0/g, ' ')).toBe('5,0 %\n1.234,50 €');
    expect(errorOf(() => renderer.html('nope.html', {})).code).toBe('template-not-found');
  });
});
