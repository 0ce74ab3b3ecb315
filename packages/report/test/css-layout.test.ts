import { describe, expect, it } from 'vitest';
import type { Draw } from '../src/layout/boxes.js';
import { dejaVuFonts } from '../src/node.js';
import { renderLayout } from '../src/render-pdf.js';
import { renderWithBoxes } from './boxes.js';

const fonts = dejaVuFonts();
const warnings: string[] = [];
const options = {
  fonts,
  deterministic: true,
  onWarning: (w: string) => warnings.push(w),
  page: { size: 'A4' as const, margin: 72 },
};
const LEFT = 72;
const WIDTH = 595.28 - 144;
const r2 = (v: number) => Math.round(v * 100) / 100;

/** Every draw of page `p` in page coordinates (backgrounds first). */
async function draws(template: string, opts: object = {}, p = 0): Promise<Draw[]> {
  const rendered = await renderLayout(template, {}, { ...options, ...opts });
  const page = rendered.pages[p];
  if (!page) return [];
  const out: Draw[] = [...page.under];
  for (const { atom, y } of page.placed) {
    for (const d of atom.under ?? []) out.push(d.op === 'line' ? { ...d, y1: d.y1 + y, y2: d.y2 + y } : { ...d, y: d.y + y });
    for (const d of atom.draws) out.push(d.op === 'line' ? { ...d, y1: d.y1 + y, y2: d.y2 + y } : { ...d, y: d.y + y });
  }
  return out;
}
const rects = (ds: Draw[]) => ds.filter((d): d is Extract<Draw, { op: 'rect' }> => d.op === 'rect');
const texts = (ds: Draw[]) => ds.filter((d): d is Extract<Draw, { op: 'text' }> => d.op === 'text');

describe('flexbox', () => {
  it('shares a row among flex: 1 items, gaps between them, borders stretched to the tallest', async () => {
    const ds = await draws(
      `<style>.row { display: flex; gap: 12pt } .c { flex: 1; background: #eee; padding: 6pt }</style>
       <div class="row"><div class="c">a</div><div class="c">b<br>two lines</div><div class="c">c</div></div>`,
    );
    const bg = rects(ds);
    const w = (WIDTH - 24) / 3;
    expect(bg.map((b) => r2(b.x))).toEqual([LEFT, LEFT + w + 12, LEFT + 2 * (w + 12)].map(r2));
    expect(bg.map((b) => r2(b.w))).toEqual([w, w, w].map(r2));
    // align-items: stretch — every card as tall as the two-line one.
    expect(new Set(bg.map((b) => r2(b.h))).size).toBe(1);
  });

  it('places fixed-width items by justify-content: space-between and centre', async () => {
    const ds = await draws(
      `<style>.row { display: flex; justify-content: space-between } .row.c { justify-content: center } .i { width: 100pt; background: #ddd }</style>
       <div class="row"><div class="i">a</div><div class="i">b</div></div><div class="row c"><div class="i">c</div></div>`,
    );
    const bg = rects(ds);
    expect(bg.map((b) => r2(b.x))).toEqual([LEFT, r2(LEFT + WIDTH - 100), r2(LEFT + (WIDTH - 100) / 2)]);
  });

  it('wraps items to a new line with flex-wrap, row-gap between lines', async () => {
    const ds = await draws(
      `<style>.row { display: flex; flex-wrap: wrap; gap: 10pt 8pt } .i { width: 200pt; height: 20pt; background: #ddd }</style>
       <div class="row"><div class="i"></div><div class="i"></div><div class="i"></div></div>`,
    );
    const bg = rects(ds);
    expect(bg.map((b) => [r2(b.x), r2(b.y - (bg[0]?.y ?? 0))])).toEqual([
      [LEFT, 0],
      [LEFT + 208, 0],
      [LEFT, 30],
    ]);
  });
});

describe('grid', () => {
  it('sizes fr and fixed tracks, spans columns and places named areas', async () => {
    const ds = await draws(
      `<style>.g { display: grid; grid-template-columns: 100pt 1fr 2fr; column-gap: 10pt; row-gap: 4pt }
       .g div { background: #eee; height: 20pt } .wide { grid-column: span 2 }</style>
       <div class="g"><div>1</div><div>2</div><div>3</div><div class="wide">4</div><div>5</div></div>`,
    );
    const bg = rects(ds);
    const fr = (WIDTH - 100 - 20) / 3;
    expect(bg.map((b) => r2(b.x))).toEqual([LEFT, LEFT + 110, LEFT + 120 + fr, LEFT, LEFT + 120 + fr].map(r2));
    expect(bg.map((b) => r2(b.w))).toEqual([100, fr, 2 * fr, 110 + fr, 2 * fr].map(r2));
    expect(r2((bg[3]?.y ?? 0) - (bg[0]?.y ?? 0))).toBe(24);
  });

  it('places items in grid-template-areas', async () => {
    const ds = await draws(
      `<style>.g { display: grid; grid-template-columns: 1fr 1fr; grid-template-areas: "head head" "side main" }
       .h { grid-area: head; background: #111 } .s { grid-area: side; background: #222 } .m { grid-area: main; background: #333 }</style>
       <div class="g"><div class="m">main</div><div class="s">side</div><div class="h">head</div></div>`,
    );
    const byColor = Object.fromEntries(rects(ds).map((b) => [Math.round((b.fill?.[0] ?? 0) * 255), [r2(b.x), r2(b.w)]]));
    expect(byColor).toEqual({ 17: [LEFT, r2(WIDTH)], 34: [LEFT, r2(WIDTH / 2)], 51: [r2(LEFT + WIDTH / 2), r2(WIDTH / 2)] });
  });
});

describe('boxes', () => {
  it('adds padding and border to a content-box width, not to a border-box one; centres with margin: auto', async () => {
    const ds = await draws(
      `<div style="width: 100pt; padding: 10pt; border: 2pt solid #000; background: #eee; margin: 0 auto">a</div>
       <div style="width: 100pt; padding: 10pt; box-sizing: border-box; background: #ddd">b</div>`,
    );
    const [a, b] = rects(ds);
    expect(r2(a?.w ?? 0)).toBe(124);
    expect(r2(a?.x ?? 0)).toBe(r2(LEFT + (WIDTH - 124) / 2));
    expect(r2(b?.w ?? 0)).toBe(100);
  });

  it('shrinks a box wider than its container and says so', async () => {
    warnings.length = 0;
    const ds = await draws('<div style="width: 900pt; background: #eee">Certificate of Completion</div>');
    expect(r2(rects(ds)[0]?.w ?? 0)).toBe(r2(WIDTH));
    expect(warnings.some((w) => w.includes('900 pt wide is wider than'))).toBe(true);
  });

  it('gives a block its height and min-height', async () => {
    const ds = await draws(
      '<div style="height: 50pt; background: #eee">a</div><div style="min-height: 30pt; padding: 5pt; background: #ddd">b</div>',
    );
    expect(rects(ds).map((b) => r2(b.h))).toEqual([50, 40]);
  });

  it('draws an outer background beneath the boxes inside it (a progress bar)', async () => {
    const ds = await draws(
      '<div style="height: 8pt; background: #eee"><div style="width: 40%; height: 8pt; background: #333"></div></div>',
    );
    const [track, fill] = rects(ds);
    expect([r2(track?.w ?? 0), r2(fill?.w ?? 0)]).toEqual([r2(WIDTH), r2(WIDTH * 0.4)]);
    expect(fill?.fill).toEqual([0x33 / 255, 0x33 / 255, 0x33 / 255]);
  });

  it('rounds corners and draws dashed borders', async () => {
    const ds = await draws('<div style="border: 1pt dashed #f00; border-radius: 6pt; background: #eee">a</div>');
    const rect = rects(ds)[0];
    expect(rect?.radius).toBe(6);
    expect(rect?.stroke).toEqual({ color: [1, 0, 0], width: 1, style: 'dashed' });
  });
});

describe('border-radius as a percentage', () => {
  it('rounds a badge into a pill or circle (radius clamped to half the shorter side when drawn)', async () => {
    const ds = await draws(
      '<p><span style="display: inline-block; border: 2pt solid red; border-radius: 50%; padding: 10pt">X</span></p>',
    );
    expect(rects(ds)[0]?.radius).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('inline formatting', () => {
  it('draws the background of an inline element behind its text and padding', async () => {
    const ds = await draws('<p>Status: <span style="background: #2f855a; color: #fff; padding: 1pt 4pt">OK</span></p>');
    const ok = texts(ds).find((t) => t.text.includes('OK'));
    const bg = rects(ds)[0];
    expect(bg?.fill).toEqual([0x2f / 255, 0x85 / 255, 0x5a / 255]);
    expect(r2(bg?.x ?? 0)).toBe(r2((ok?.x ?? 0) - 4));
    expect(r2(bg?.w ?? 0)).toBe(r2((ok?.width ?? 0) + 8));
  });

  it('transforms case, spaces letters and raises sup', async () => {
    const { boxes } = await renderWithBoxes(
      '<p><span style="text-transform: uppercase">net revenue</span> <span style="letter-spacing: 2pt">ab</span> x<sup>2</sup></p>',
      {},
      options,
    );
    expect(boxes.map((b) => b.text)).toContain('NET REVENUE');
    const plain = await renderWithBoxes('<p>ab</p>', {}, options);
    const spaced = boxes.find((b) => b.text === 'ab');
    expect(r2((spaced?.w ?? 0) - (plain.boxes[0]?.w ?? 0))).toBe(4);
    const x = boxes.find((b) => b.text.trim() === 'x');
    const sup = boxes.find((b) => b.text === '2');
    expect(r2((x?.y ?? 0) - (sup?.y ?? 0))).toBe(r2(10 / 3));
    expect(sup?.size).toBeCloseTo(10 / 1.2, 10);
  });

  it('indents the first line of a block by text-indent', async () => {
    const { boxes } = await renderWithBoxes('<p style="text-indent: 20pt">First line</p>', {}, options);
    expect(r2(boxes[0]?.x ?? 0)).toBe(LEFT + 20);
  });

  it('keeps the lines and spaces of white-space: pre', async () => {
    const { boxes } = await renderWithBoxes('<pre>a  b\nc\n  d</pre>', {}, options);
    expect(boxes.map((b) => b.text.replace(/\u00a0/g, ' '))).toEqual(['a  b', 'c', '  d']);
  });

  it('sizes <svg width="100%"> to the line and an svg with only a viewBox by it', async () => {
    const ds = await draws(
      '<svg width="100%" viewBox="0 0 200 50"><rect width="200" height="50"/></svg><svg viewBox="0 0 400 100"></svg>',
    );
    const svgs = ds.filter((d): d is Extract<Draw, { op: 'svg' }> => d.op === 'svg');
    expect(svgs.map((s) => [r2(s.w), r2(s.h)])).toEqual([
      [r2(WIDTH), r2(WIDTH / 4)],
      [r2(WIDTH), r2(WIDTH / 4)],
    ]);
  });
});

describe('generated content and lists', () => {
  it('numbers headings with counters in ::before', async () => {
    const { boxes } = await renderWithBoxes(
      `<style>body { counter-reset: s } h2 { counter-increment: s } h2::before { content: "A." counter(s) " " }</style><h2>One</h2><h2>Two</h2>`,
      {},
      options,
    );
    expect(boxes.map((b) => b.text).join('|')).toBe('A.1 |One|A.2 |Two');
  });

  it('draws list markers in their list-style-type', async () => {
    const { boxes } = await renderWithBoxes(
      '<ol style="list-style-type: upper-roman"><li>a</li><li>b</li></ol><ol type="a" start="3"><li>c</li></ol>',
      {},
      options,
    );
    expect(boxes.map((b) => b.text)).toEqual(['a', 'I.', 'b', 'II.', 'c', 'c.']);
  });

  it('quotes <q> with curly quotation marks', async () => {
    const { boxes } = await renderWithBoxes('<p>He said <q>yes</q>.</p>', {}, options);
    expect(boxes.map((b) => b.text).join('')).toBe('He said \u201cyes\u201d.');
  });
});

describe('@page', () => {
  it('sizes the page and its margins when options.page is not given', async () => {
    const { pageSize, boxes } = await renderWithBoxes(
      '<style>@page { size: A5 landscape; margin: 10mm 20mm }</style><p>x</p>',
      {},
      { fonts, deterministic: true, onWarning: () => {} },
    );
    expect(pageSize).toEqual([595.28, 419.53]);
    expect(r2(boxes[0]?.x ?? 0)).toBe(r2((20 * 72) / 25.4));
  });

  it('lets options.page win over the stylesheet', async () => {
    const { pageSize } = await renderWithBoxes('<style>@page { size: A5 }</style><p>x</p>', {}, options);
    expect(pageSize).toEqual([595.28, 841.89]);
  });

  it('fills margin boxes with counter(page) and counter(pages), :first overriding', async () => {
    const rendered = await renderLayout(
      `<style>@page { margin: 20mm; @bottom-center { content: "Page " counter(page) " of " counter(pages) } @top-left { content: "Report" } }
       @page :first { @top-left { content: none } }</style><p>one</p><p style="break-before: page">two</p>`,
      {},
      { fonts, deterministic: true, onWarning: () => {} },
    );
    expect(rendered.pages.length).toBe(2);
    const pdf = new TextDecoder('latin1').decode(rendered.bytes);
    expect(pdf).toContain('/Count 2');
  });
});
