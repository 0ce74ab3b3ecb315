import { readFileSync } from 'node:fs';
import { pdfTextItems } from '@ds/testkit';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { textLines } from '../scripts/text-lines.mjs';
import type { Draw } from '../src/layout/boxes.js';
import { dejaVuFonts } from '../src/node.js';
import { renderLayout } from '../src/render-pdf.js';
import { blocks, modelPages, namedPagesHtml, SIZES } from './named-pages.js';

// Reference: test/reference/chromium-boxes.json, measured in Debian's Chromium by
// scripts/chromium-boxes.mjs (see there). Page sizes and the left edges of lines are compared to
// 0.01 pt. Baselines to 0.5 pt: Chromium rounds a font's ascent and descent to whole pixels before
// placing a line's baseline (DejaVu Sans at 16 px: 14.85 px up, 3.78 down, taken as 15 and 4),
// we do not; everything else about the line box is the same.
interface Line {
  text: string;
  x: number;
  y: number;
}
interface PdfCase {
  name: string;
  kind: 'pdf';
  html: string;
  pages: { size: [number, number]; lines: Line[] }[];
}
const reference = JSON.parse(readFileSync(new URL('./reference/chromium-boxes.json', import.meta.url), 'utf8')) as {
  cases: ({ kind: string; name: string } & Record<string, unknown>)[];
};
const pdfCase = (name: string) => reference.cases.find((c) => c.name === name) as unknown as PdfCase;

const fonts = dejaVuFonts();
const r2 = (v: number) => Math.round(v * 100) / 100;

async function render(html: string) {
  const warnings: string[] = [];
  const rendered = await renderLayout(html, {}, { fonts, deterministic: true, onWarning: (w) => warnings.push(w) });
  const doc = await PDFDocument.load(rendered.bytes);
  const items = await pdfTextItems(rendered.bytes);
  const pages = doc.getPages().map((p, i) => ({
    size: [r2(p.getWidth()), r2(p.getHeight())] as [number, number],
    lines: textLines(items[i] ?? []),
  }));
  return { rendered, pages, warnings };
}

// The margin boxes' lines, told by their text: compared as text (their font size and box widths
// are the user agent's), the body's lines by position.
const MARGIN_BOX = /^(P\d|L\d+ of|right \d|wide left)/;

describe('named pages (CSS Paged Media 3 §6) against Chromium', () => {
  for (const name of ['named-landscape', 'named-first-nested']) {
    it(`${name}: the same pages, sizes, lines and left edges as Chromium`, async () => {
      const c = pdfCase(name);
      const { pages, warnings } = await render(c.html);
      expect(warnings).toEqual([]);
      expect(pages.map((p) => p.size)).toEqual(c.pages.map((p) => p.size));
      pages.forEach((p, i) => {
        const want = c.pages[i] as PdfCase['pages'][number];
        const ours = p.lines.filter((l) => !MARGIN_BOX.test(l.text));
        const theirs = want.lines.filter((l) => !MARGIN_BOX.test(l.text));
        expect(ours.map((l) => [l.text, l.x])).toEqual(theirs.map((l) => [l.text, l.x]));
        ours.forEach((l, k) => {
          expect(Math.abs(l.y - (theirs[k] as Line).y)).toBeLessThan(0.5);
        });
        const boxes = (ls: Line[]) => ls.filter((l) => MARGIN_BOX.test(l.text)).map((l) => l.text);
        expect(boxes(p.lines).sort()).toEqual(boxes(want.lines).sort());
      });
    });
  }

  it('lays a named block out in its page area: the background spans the landscape content width', async () => {
    const { rendered } = await render(pdfCase('named-landscape').html);
    const page = rendered.pages[1];
    const rects = (page?.under ?? []).filter((d): d is Extract<Draw, { op: 'rect' }> => d.op === 'rect');
    // Two blocks on the landscape page (48 px = 36 pt margins top and bottom, 64 px = 48 pt sides):
    // the first from the content top, three lines of 15 pt; the second below it, one line.
    expect(rects.map((d) => [r2(d.x), r2(d.y), r2(d.w), r2(d.h)])).toEqual([
      [48, 36, 792 - 96, 45],
      [48, 81, 792 - 96, 15],
    ]);
    expect(rendered.pages.map((p) => p.name)).toEqual([undefined, 'land', undefined]);
  });

  it('takes a forced break where the name changes only once, with break-before: page', async () => {
    const { pages } = await render(
      `<style>@page x { size: 400pt 300pt } .a { break-before: page; page: x } .b { break-after: page; page: x }</style>
       <p>one</p><div class="a">two</div><div class="b">three</div><p>four</p>`,
    );
    expect(pages.map((p) => [p.size, p.lines.map((l) => l.text)])).toEqual([
      [[595.28, 841.89], ['one']],
      [
        [400, 300],
        ['two', 'three'],
      ],
      [[595.28, 841.89], ['four']],
    ]);
  });

  it('lets options.page win over the named page sizes, and still breaks where the name changes', async () => {
    const warnings: string[] = [];
    const rendered = await renderLayout(
      `<style>@page x { size: A5 landscape } .x { page: x }</style><p>one</p><p class="x">two</p>`,
      {},
      { fonts, deterministic: true, page: { size: 'Letter' }, onWarning: (w) => warnings.push(w) },
    );
    const doc = await PDFDocument.load(rendered.bytes);
    expect(doc.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([
      [612, 792],
      [612, 792],
    ]);
  });

  it('keeps a box laid out whole on its page: a name inside break-inside: avoid or position: relative does not break it (documented)', async () => {
    const { pages } = await render(
      `<style>@page x { size: 400pt 300pt } .x { page: x } .keep { break-inside: avoid } .moved { position: relative; left: 5pt }</style>
       <p>one</p><div class="keep"><p class="x">two</p></div><div class="moved"><p class="x">three</p></div><p>four</p><p class="x">five</p>`,
    );
    expect(pages.map((p) => [p.size, p.lines.map((l) => l.text)])).toEqual([
      [
        [595.28, 841.89],
        ['one', 'two', 'three', 'four'],
      ],
      [[400, 300], ['five']],
    ]);
  });

  it('lays the options’ header out on each page in that page’s margins, and points the outline into the landscape page', async () => {
    const rendered = await renderLayout(
      `<style>@page { size: 612pt 792pt; margin: 72pt } @page x { size: 792pt 612pt; margin: 36pt } .x { page: x }</style>
       <h1>Portrait</h1><h1 class="x">Landscape</h1>`,
      {},
      { fonts, deterministic: true, header: '<p style="text-align: right">{{ page }}</p>' },
    );
    const header = (i: number) => (rendered.margins?.[i] ?? []).find((d) => d.op === 'text') as Extract<Draw, { op: 'text' }>;
    // Right-aligned in each page's content width: its right edge at the page's right margin.
    expect(r2(header(0).x + header(0).width)).toBe(612 - 72);
    expect(r2(header(1).x + header(1).width)).toBe(792 - 36);
    expect(header(1).y).toBeLessThan(36);
    // The outline's second entry: the landscape page, its top 612 pt high less the heading's y.
    const doc = await PDFDocument.load(rendered.bytes);
    const { PDFName, PDFDict, PDFArray, PDFNumber } = await import('pdf-lib');
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const last = outlines.lookup(PDFName.of('Last'), PDFDict);
    const dest = last.lookup(PDFName.of('Dest'), PDFArray);
    const y = rendered.pages[1]?.headings[0]?.y as number;
    expect(dest.lookup(3, PDFNumber).asNumber()).toBe(Math.round(612 - y));
    expect(dest.get(0)).toBe(doc.getPages()[1]?.ref);
  });

  it('warns when a fixed box is drawn on a named page of another size, in the area of the page it started on', async () => {
    const { pages, warnings } = await render(
      `<style>@page x { size: A4 landscape } .x { page: x } .foot { position: fixed; bottom: 0 }</style>
       <div class="foot">Confidential</div><p>one</p><p class="x">two</p><p class="x">three</p>`,
    );
    expect(pages.length).toBe(2);
    expect(warnings).toEqual([
      'position: fixed box drawn on pages named "x" in the page area of the page it started on, of another size or margins: it may sit off those pages',
    ]);
  });

  it('warns about a page value that is not a name, and a bad @page selector, and ignores them', async () => {
    const { pages, warnings } = await render(
      `<style>.a { page: "quoted" } .b { page: 12 } @page a b { size: A5 }</style><p>one</p><p class="a">two</p><p class="b">three</p>`,
    );
    expect(pages.length).toBe(1);
    expect(warnings).toEqual([
      '@page selector "a b" ignored (line 1)',
      'unsupported value ""quoted"" for page ignored (line 1)',
      'unsupported value "12" for page ignored (line 1)',
    ]);
  });
});

describe('counter-set (CSS Lists 3 §4.3) against Chromium', () => {
  it('sets after reset and increment, the innermost counter only, makes one where none is, and leaves the page counter alone', async () => {
    const c = pdfCase('counter-set');
    const { pages, warnings } = await render(c.html);
    // (The margin box's text by its text alone: its font is the user agent's, Chromium's a serif.)
    const shown = (ls: Line[]) => ls.map((l) => (/^page \d/.test(l.text) ? [l.text] : [l.text, l.x]));
    expect(pages.map((p) => shown(p.lines))).toEqual(c.pages.map((p) => shown(p.lines)));
    // As Chromium, `counter-set: page 10` on an element does not renumber the pages.
    expect(warnings).toEqual(['unsupported value "sec 1.5" for counter-set ignored (line 7)']);
  });

  it('warns about values that are not a name and an integer, and keeps the counter', async () => {
    const { pages, warnings } = await render(
      `<style>p { counter-increment: n } p::before { content: counter(n) " " }
       .a { counter-set: 3 } .b { counter-set: n "x" } .c { counter-set: n 2 4 } .d { counter-set: none }</style>
       <p class="a">a</p><p class="b">b</p><p class="c">c</p><p class="d">d</p>`,
    );
    expect(pages[0]?.lines.map((l) => l.text)).toEqual(['1 a', '2 b', '3 c', '4 d']);
    expect(warnings).toEqual([
      'unsupported value "3" for counter-set ignored (line 2)',
      'unsupported value "n "x"" for counter-set ignored (line 2)',
      'unsupported value "n 2 4" for counter-set ignored (line 2)',
    ]);
  });
});

describe('percentage top and bottom of position: relative (CSS 2.1 §9.4.3) against Chromium', () => {
  const c = reference.cases.find((x) => x.name === 'relative-percent') as unknown as {
    html: string;
    boxes: Record<string, { box: [number, number, number, number] }>;
  };
  // A Letter page with 1 in margins: a content area 468 pt (624 px) wide, as the viewport Chromium
  // laid the case out in; boxes from the content area's top-left corner.
  const options = { page: { size: 'Letter' as const, margin: 72 } };

  it('moves by a percentage of a definite containing block height, and treats one of an auto height as auto', async () => {
    const warnings: string[] = [];
    const rendered = await renderLayout(
      c.html,
      {},
      { fonts, deterministic: true, onWarning: (w) => warnings.push(w), ...options },
    );
    const draws: Draw[] = [];
    for (const p of rendered.pages) {
      draws.push(...p.under);
      for (const { atom, y } of p.placed)
        for (const d of [...(atom.under ?? []), ...atom.draws]) if (d.op !== 'line') draws.push({ ...d, y: d.y + y });
    }
    // The boxes by their background colour (rgb(200, 0, n) for #…n), in points from the content area.
    const colours: Record<string, number> = { a1: 1, a2: 2, a3: 3, a4: 4, b1: 5, b2: 6, c1: 7, f1: 8 };
    for (const [id, n] of Object.entries(colours)) {
      const rect = draws.find(
        (d): d is Extract<Draw, { op: 'rect' }> =>
          d.op === 'rect' && d.fill !== undefined && Math.round(d.fill[0] * 255) === 200 && Math.round(d.fill[2] * 255) === n,
      );
      const want = (c.boxes[id] as { box: number[] }).box;
      const got = [rect?.x ?? Number.NaN, rect?.y ?? Number.NaN, rect?.w ?? Number.NaN, rect?.h ?? Number.NaN].map(
        (v, i) => v - (i < 2 ? 72 : 0),
      );
      // To 0.01 pt: Chromium keeps lengths in 1/64 px (10% of 624 px is 62.390625 px there).
      got.forEach((v, i) => {
        expect(Math.abs(v - (want[i] as number)), `${id} [${i}]: ${v} vs ${want[i]}`).toBeLessThanOrEqual(0.01);
      });
    }
    // Inline boxes: moved by the difference between the span's top and its line's in Chromium.
    const text = (t: string, from = 0) =>
      draws.filter((d): d is Extract<Draw, { op: 'text' }> => d.op === 'text' && d.text.trim() === t)[from] as Extract<
        Draw,
        { op: 'text' }
      >;
    const shift = (span: string, line: string) => r2((c.boxes[span]?.box[1] as number) - (c.boxes[line]?.box[1] as number));
    expect(r2(text('inline', 0).y - text('text', 0).y)).toBe(shift('d1', 'd'));
    expect(r2(text('inline', 1).y - text('text', 1).y)).toBe(shift('e1', 'e'));
    expect(warnings).toEqual([]);
  });
});

describe('the page counter of @page rules against Chromium', () => {
  for (const name of ['page-counter', 'page-counter-cover']) {
    it(`${name}: the same pages and page numbers as Chromium prints`, async () => {
      const c = pdfCase(name);
      const { pages, warnings } = await render(c.html);
      expect(warnings).toEqual([]);
      expect(pages.map((p) => [p.size, p.lines.map((l) => l.text)])).toEqual(
        c.pages.map((p) => [p.size, p.lines.map((l) => l.text)]),
      );
    });
  }

  it('warns about counters other than page in @page rules, and values that are not integers', async () => {
    const { warnings } = await render(
      `<style>@page { counter-reset: chapter 2; counter-set: page 1.5; counter-increment: page two; @bottom-center { content: counter(page) } }</style><p>x</p>`,
    );
    expect(warnings).toEqual([
      '@page counter-reset "chapter 2" ignored (only the page counter is kept by page rules) (line 1)',
      '@page counter-set "page 1.5" ignored (the page counter and an integer) (line 1)',
      '@page counter-increment "page two" ignored (the page counter and an integer) (line 1)',
    ]);
  });
});

describe('named pages, a property (CSS Paged Media 3 §6)', () => {
  it('starts a page where the name changes or a break is forced, each of its name’s size, holding its blocks', async () => {
    await fc.assert(
      fc.asyncProperty(blocks, async (list) => {
        const { pages } = await render(namedPagesHtml(list));
        const model = modelPages(list);
        expect(pages.map((p) => p.size)).toEqual(model.map((m) => SIZES[m.name]));
        // Each page's blocks, by the number their first line starts with.
        expect(pages.map((p) => p.lines.flatMap((l) => /^Block (\d+):/.exec(l.text)?.[1] ?? []).map(Number))).toEqual(
          model.map((m) => m.blocks),
        );
      }),
      { seed: 20261207, numRuns: 25 },
    );
  }, 10_000); // 25 documents of up to 8 pages; about 1 s on the loaded 2-core machine
});
