import { describe, expect, it } from 'vitest';
import type { Draw } from '../src/layout/boxes.js';
import { dejaVuFonts } from '../src/node.js';
import { renderLayout } from '../src/render-pdf.js';

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

/** Every draw of every page in page coordinates, with its page (from 0). */
async function draws(template: string, opts: object = {}): Promise<(Draw & { page: number })[]> {
  const rendered = await renderLayout(template, {}, { ...options, ...opts });
  const out: (Draw & { page: number })[] = [];
  rendered.pages.forEach((page, p) => {
    for (const d of page.under) out.push({ ...d, page: p });
    for (const { atom, y } of page.placed) {
      for (const d of [...(atom.under ?? []), ...atom.draws])
        out.push(d.op === 'line' ? { ...d, y1: d.y1 + y, y2: d.y2 + y, page: p } : { ...d, y: d.y + y, page: p });
    }
  });
  return out;
}
const rects = (ds: Draw[]) => ds.filter((d): d is Extract<Draw, { op: 'rect' }> => d.op === 'rect');
const texts = <T extends Draw>(ds: T[]) => ds.filter((d): d is Extract<T, { op: 'text' }> => d.op === 'text');

describe('floats', () => {
  it('wraps lines beside a left float and returns to the full width below it', async () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const ds = await draws(
      `<style>body { font-size: 10pt; line-height: 15pt } p { margin: 0 }
       .fig { float: left; width: 100pt; height: 60pt; margin: 0 10pt 5pt 0; background: #cde }</style>
       <div class="fig"></div><p>${words}</p>`,
    );
    const box = rects(ds)[0] as Extract<Draw, { op: 'rect' }>;
    expect([r2(box.x), r2(box.y), r2(box.w), r2(box.h)]).toEqual([LEFT, 72, 100, 60]);
    const lines = [...new Map(texts(ds).map((t) => [r2(t.y), t])).values()].sort((a, b) => a.y - b.y);
    // Lines of 15 pt: the five whose box starts above 65 pt (the float's margin box) start at
    // 182 pt, 110 pt in; the rest at the left edge.
    expect(lines.map((t) => r2(t.x))).toEqual(lines.map((_, i) => (i < 5 ? LEFT + 110 : LEFT)));
    for (const t of texts(ds)) expect(t.x + t.width).toBeLessThanOrEqual(LEFT + WIDTH + 0.01);
  });

  it('puts a right float against the right edge and a second left float beside the first', async () => {
    const ds = await draws(
      `<style>.a, .b { float: left; width: 50pt; height: 20pt; background: #111 } .b { background: #222 }
       .r { float: right; width: 80pt; height: 30pt; background: #333 } p { margin: 0 }</style>
       <div class="a"></div><div class="b"></div><div class="r"></div><p>text beside</p>`,
    );
    const [a, b, r] = rects(ds);
    expect([a, b, r].map((x) => r2((x as { x: number }).x))).toEqual([LEFT, LEFT + 50, r2(LEFT + WIDTH - 80)]);
    const t = texts(ds)[0] as Extract<Draw, { op: 'text' }>;
    expect(r2(t.x)).toBe(LEFT + 100);
  });

  it('moves a float that does not fit beside earlier ones below them', async () => {
    const ds = await draws(
      `<style>div { float: left; height: 20pt; background: #444 } .w { width: 300pt } .v { width: 200pt; height: 10pt }</style>
       <div class="w"></div><div class="v"></div><p>x</p>`,
    );
    const [w, v] = rects(ds);
    expect([r2((v as { x: number }).x), r2((v as { y: number }).y)]).toEqual([LEFT, r2((w as { y: number }).y + 20)]);
  });

  it('clears: a block with clear: both starts below the floats, and a clearfix parent holds them', async () => {
    const ds = await draws(
      `<style>.f { float: left; width: 50pt; height: 80pt; background: #555 } p { margin: 0 }
       .cf::after { content: ""; display: table; clear: both } .box { background: #eee; }</style>
       <div class="box cf"><div class="f"></div><p>beside</p></div><p style="clear: both">below</p>`,
    );
    const box = rects(ds).find((r) => r2(r.w) === r2(WIDTH)) as Extract<Draw, { op: 'rect' }>;
    expect(r2(box.h)).toBe(80);
    const below = texts(ds).find((t) => t.text === 'below') as Extract<Draw, { op: 'text' }>;
    expect(below.y).toBeGreaterThan(72 + 80);
    expect(r2(below.x)).toBe(LEFT);
  });

  it('contains floats in a box with overflow: hidden', async () => {
    const ds = await draws(
      `<style>.f { float: right; width: 40pt; height: 50pt; background: #666 } .box { overflow: hidden; background: #eee }</style>
       <div class="box"><div class="f"></div>short</div>`,
    );
    const box = rects(ds).find((r) => r2(r.w) === r2(WIDTH)) as Extract<Draw, { op: 'rect' }>;
    expect(r2(box.h)).toBe(50);
  });

  it('floats an image at the start of a paragraph; wraps text around a pull-quote of its content width', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    const ds = await draws(
      `<style>p { margin: 0; line-height: 14pt; font-size: 10pt } .q { float: right; width: 150pt; margin-left: 12pt; font-size: 14pt; border-top: 2pt solid #333 }</style>
       <p><svg width="60pt" height="40pt" viewBox="0 0 60 40" style="float: left"><rect width="60" height="40" fill="red"/></svg>${words}</p>
       <aside class="q">A quote that runs over a few lines of its own</aside><p>${words}</p>`,
    );
    const svg = ds.find((d) => d.op === 'svg') as Extract<Draw, { op: 'svg' }>;
    expect([r2(svg.x), r2(svg.y), r2(svg.w), r2(svg.h)]).toEqual([LEFT, 72, 60, 40]);
    const first = texts(ds).find((t) => t.text.startsWith('w0')) as Extract<Draw, { op: 'text' }>;
    expect(r2(first.x)).toBe(LEFT + 60);
    const quote = texts(ds).find((t) => t.text.startsWith('A quote')) as Extract<Draw, { op: 'text' }>;
    expect(r2(quote.x)).toBe(r2(LEFT + WIDTH - 150));
    // The second paragraph's lines beside the quote end before it.
    const second = texts(ds).filter((t) => t.size === 10 && Math.abs(t.y - quote.y) < 14);
    expect(second.length).toBeGreaterThan(0);
    for (const t of second) expect(t.x + t.width).toBeLessThanOrEqual(LEFT + WIDTH - 162 + 0.01);
  });

  it('lays a float inside a table cell out in the cell, and says so', async () => {
    warnings.length = 0;
    const ds = await draws(`<table><tr><td><span style="float: right">R</span>cell</td></tr></table>`);
    expect(
      texts(ds)
        .map((t) => t.text)
        .join(' '),
    ).toContain('R');
    expect(warnings.some((w) => w.includes('float: right') && w.includes('table cell'))).toBe(true);
  });
});

describe('position', () => {
  it('moves a relative block by top and left without moving what follows', async () => {
    const ds = await draws(
      `<style>p { margin: 0; line-height: 12pt; font-size: 10pt } .r { position: relative; top: 5pt; left: 20pt }</style>
       <p>one</p><p class="r">two</p><p>three</p>`,
    );
    const [one, two, three] = texts(ds);
    expect(r2((two as { x: number }).x)).toBe(LEFT + 20);
    expect(r2((two as { y: number }).y - (one as { y: number }).y)).toBe(17);
    expect(r2((three as { y: number }).y - (one as { y: number }).y)).toBe(24);
  });

  it('places absolute boxes against the padding box of a relative parent, by top/left and bottom/right', async () => {
    const ds = await draws(
      `<style>.card { position: relative; height: 100pt; padding: 10pt; border: 2pt solid #000; margin-top: 30pt }
       .tl { position: absolute; top: 4pt; left: 6pt; width: 30pt; height: 10pt; background: #f00 }
       .br { position: absolute; bottom: 0; right: 0; width: 20pt; height: 8pt; background: #0f0 }</style>
       <p style="margin: 0; height: 20pt"></p><div class="card"><div class="tl"></div><div class="br"></div>content</div><p>after</p>`,
    );
    const [tl, br] = rects(ds).filter((r) => r.w < 40);
    // The card's border box: x 72, y 72 + 20 + 30; its padding box starts 2 pt in.
    expect([r2((tl as { x: number }).x), r2((tl as { y: number }).y)]).toEqual([LEFT + 2 + 6, 72 + 50 + 2 + 4]);
    const padBottom = 72 + 50 + 2 + 120;
    expect([r2((br as { x: number }).x), r2((br as { y: number }).y)]).toEqual([r2(LEFT + WIDTH - 2 - 20), r2(padBottom - 8)]);
    const content = texts(ds).find((t) => t.text === 'content') as Extract<Draw, { op: 'text' }>;
    expect(r2(content.x)).toBe(LEFT + 12);
  });

  it('takes an absolute box out of the flow at its static position when top and bottom are auto', async () => {
    const ds = await draws(
      `<style>p { margin: 0; line-height: 12pt; font-size: 10pt } .a { position: absolute; left: 300pt }</style>
       <p>one</p><p class="a">stamp</p><p>two</p>`,
    );
    const one = texts(ds).find((t) => t.text === 'one') as Extract<Draw, { op: 'text' }>;
    const stamp = texts(ds).find((t) => t.text === 'stamp') as Extract<Draw, { op: 'text' }>;
    const two = texts(ds).find((t) => t.text === 'two') as Extract<Draw, { op: 'text' }>;
    expect(r2(two.y - one.y)).toBe(12);
    expect(r2(stamp.y)).toBe(r2(two.y));
    expect(r2(stamp.x)).toBe(LEFT + 300);
  });

  it('repeats a fixed box on every page against the page area, beneath the flow with a negative z-index', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `<p>line ${i}</p>`).join('');
    const ds = await draws(
      `<style>p { margin: 0 } .wm { position: fixed; top: 300pt; left: 0; right: 0; text-align: center; font-size: 40pt; color: #ddd; z-index: -1 }
       .foot { position: fixed; bottom: 0; right: 0; font-size: 8pt }</style>
       <div class="wm">DRAFT</div><div class="foot">Confidential</div>${rows}`,
    );
    const pages = new Set(ds.map((d) => d.page));
    expect(pages.size).toBeGreaterThan(1);
    const marks = texts(ds).filter((t) => t.text === 'DRAFT');
    expect(marks.map((m) => m.page)).toEqual([...pages].sort());
    for (const m of marks) expect(r2(m.x + m.width / 2)).toBe(r2(LEFT + WIDTH / 2));
    const feet = texts(ds).filter((t) => t.text === 'Confidential');
    expect(feet.length).toBe(pages.size);
    // Shrink-to-fit keeps 0.01 pt of slack against rounding: the text ends within it.
    for (const f of feet) expect(Math.abs(f.x + f.width - (LEFT + WIDTH))).toBeLessThanOrEqual(0.011);
  });
});

describe('running headers and margin boxes', () => {
  /** The text drawn in each page's margin boxes, by page, with where it went. */
  async function margins(template: string) {
    const rendered = await renderLayout(template, {}, { fonts, deterministic: true, onWarning: (w) => warnings.push(w) });
    return (rendered.margins ?? []).map((ds) => texts(ds));
  }

  it('shows the string-set of the first heading on each page, else the one carried over', async () => {
    const filler = Array.from({ length: 70 }, (_, i) => `<p>paragraph ${i}</p>`).join('');
    const pages = await margins(
      `<style>@page { size: A5; margin: 20mm; @top-center { content: string(chapter) } @bottom-center { content: string(chapter, last) }
              @top-right { content: string(chapter, first-except) } }
       p { margin: 0 } h2 { string-set: chapter counter(ch) ". " content(); counter-increment: ch; font-size: 10pt; margin: 0 }
       h2.upper { text-transform: uppercase }</style>
       <h2>Summary</h2>${filler}<h2 class="upper">Methods</h2><p>m</p><h2>Results</h2>${filler}`,
    );
    expect(pages.length).toBe(4);
    const at = (p: number, x: (t: { x: number }) => boolean) =>
      (pages[p] ?? [])
        .filter((t) => t.y < 60)
        .filter(x)
        .map((t) => t.text)
        .join(' ');
    const top = (p: number) =>
      (pages[p] ?? [])
        .filter((t) => t.y < 60 && t.x < 300)
        .map((t) => t.text)
        .join(' ');
    const bottom = (p: number) =>
      (pages[p] ?? [])
        .filter((t) => t.y > 500)
        .map((t) => t.text)
        .join(' ');
    // Page 2 starts with Summary's paragraphs and sets Methods and Results further down.
    expect([top(0), top(1), top(2), top(3)]).toEqual(['1. Summary', '2. METHODS', '3. Results', '3. Results']);
    expect([bottom(0), bottom(1), bottom(2), bottom(3)]).toEqual(['1. Summary', '3. Results', '3. Results', '3. Results']);
    // first-except: nothing on a page that sets the string, the carried value elsewhere.
    expect(at(3, (t) => t.x > 300)).toBe('3. Results');
    expect(at(0, (t) => t.x > 300)).toBe('');
  });

  it('draws left and right margin boxes in the side margins, centred, and corner boxes in the corners', async () => {
    const [page] = await margins(
      `<style>@page { size: A4; margin: 72pt; @left-middle { content: "L" } @right-top { content: "RT" } @right-bottom { content: "RB" }
       @top-left-corner { content: "C" } }</style><p>x</p>`,
    );
    const byText = new Map((page ?? []).map((t) => [t.text, t]));
    const l = byText.get('L') as { x: number; width: number; y: number };
    expect(r2(l.x + l.width / 2)).toBe(36);
    expect(l.y).toBeGreaterThan(72 + (841.89 - 144) / 3);
    expect(l.y).toBeLessThan(72 + ((841.89 - 144) * 2) / 3);
    const rt = byText.get('RT') as { x: number; width: number; y: number };
    expect(r2(rt.x + rt.width / 2)).toBe(r2(595.28 - 36));
    expect(rt.y).toBeLessThan(72 + (841.89 - 144) / 3);
    expect((byText.get('RB') as { y: number }).y).toBeGreaterThan(72 + ((841.89 - 144) * 2) / 3);
    // The top-left corner's text is aligned right, against the page area's corner.
    const c = byText.get('C') as { x: number; width: number; y: number };
    expect(Math.abs(c.x + c.width - 72)).toBeLessThanOrEqual(0.011);
    expect(c.y).toBeLessThan(72);
  });
});

describe('custom properties and nested counters', () => {
  it('substitutes var() with inheritance, fallbacks and inside shorthands; warns for an unset one', async () => {
    warnings.length = 0;
    const ds = await draws(
      `<style>:root { --brand: #0b3d91; --pad: 6pt; --gap: 4pt 8pt } .card { --pad: 10pt; padding: var(--pad); border: 2pt solid var(--brand); background: var(--bg, #eeeeee) }
       .t { color: var(--brand); margin: var(--gap) } .x { color: var(--nope) }</style>
       <html><body><div class="card"><p class="t">a</p></div><p class="x">b</p></body></html>`,
    );
    const bg = rects(ds)[0] as Extract<Draw, { op: 'rect' }>;
    expect(bg.fill?.map((c) => Math.round(c * 255))).toEqual([0xee, 0xee, 0xee]);
    const a = texts(ds).find((t) => t.text === 'a') as Extract<Draw, { op: 'text' }>;
    expect(a.color.map((c) => Math.round(c * 255))).toEqual([0x0b, 0x3d, 0x91]);
    // padding 10 pt (the card's own --pad), border 2 pt, margin-left 8 pt from the shorthand.
    expect(r2(a.x)).toBe(LEFT + 2 + 10 + 8);
    const border = ds.find((d) => d.op === 'line') as Extract<Draw, { op: 'line' }>;
    expect(border.color.map((c) => Math.round(c * 255))).toEqual([0x0b, 0x3d, 0x91]);
    expect(warnings.some((w) => w.includes('color: var(--nope)') && w.includes('not set'))).toBe(true);
  });

  it('nests counters: counters() reads every level, counter-reset scopes end with the parent', async () => {
    const ds = await draws(
      `<style>ol { counter-reset: item; list-style: none; margin: 0; padding: 0 } li { counter-increment: item; margin: 0 }
       li::before { content: counters(item, ".") " " } h2 { counter-reset: sub; counter-increment: sec; font-size: 10pt; margin: 0 }
       h3 { counter-increment: sub; font-size: 10pt; margin: 0 } h3::before { content: counter(sec) "." counter(sub, lower-alpha) " " }</style>
       <ol><li>a<ol><li>b</li><li>c<ol><li>d</li></ol></li></ol></li><li>e</li></ol>
       <h2>S</h2><h3>x</h3><h3>y</h3><h2>T</h2><h3>z</h3>`,
    );
    const labels = texts(ds)
      .map((t) => t.text.trim())
      .filter((t) => /\d/.test(t));
    expect(labels).toEqual(['1', '1.1', '1.2', '1.2.1', '2', '1.a', '1.b', '2.a']);
  });
});

describe('opacity', () => {
  it('composites the colours of an element and its descendants over white by their opacity', async () => {
    const ds = await draws(
      `<div style="opacity: 0.5; color: #000; background: #0000ff">a<span style="color: #ff0000">b</span><div style="opacity: 50%">c</div></div>`,
    );
    const colour = (t: string) => (texts(ds).find((d) => d.text === t) as Extract<Draw, { op: 'text' }>).color.map(r2);
    expect(colour('a')).toEqual([0.5, 0.5, 0.5]);
    expect(colour('b')).toEqual([1, 0.5, 0.5]);
    expect(colour('c')).toEqual([0.75, 0.75, 0.75]);
    expect((rects(ds)[0] as { fill: number[] }).fill.map(r2)).toEqual([0.5, 0.5, 1]);
  });
});

describe('<colgroup> and <col>', () => {
  it('sizes columns by <col> widths (CSS, the width attribute, a percentage, span, a group width)', async () => {
    warnings.length = 0;
    const ds = await draws(
      `<style>td { padding: 0 } table { border-collapse: collapse }</style>
       <table><colgroup><col style="width: 100pt"><col width="50%"></colgroup><col span="2" style="width: 30pt">
       <tr><td>a</td><td>b</td><td>c</td><td>d</td><td>e</td></tr></table>`,
    );
    const x = (t: string) => r2((texts(ds).find((d) => d.text === t) as { x: number }).x);
    expect([x('a'), x('b'), x('c'), x('d')]).toEqual([LEFT, LEFT + 100, r2(LEFT + 100 + WIDTH / 2), r2(LEFT + 130 + WIDTH / 2)]);
    expect(x('e')).toBe(r2(LEFT + 160 + WIDTH / 2));
    expect(warnings.filter((w) => w.includes('col'))).toEqual([]);
  });
});

describe('orphans and widows', () => {
  const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
  // A page area 697.89 pt tall; lines of 20 pt; a 5-line paragraph 100pt wide.
  const page = (room: number, css = '') =>
    draws(
      `<style>p { margin: 0; width: 100pt; font-size: 8pt; line-height: 20pt; ${css} }</style>
       <div style="height: ${697.89 - room}pt"></div><p>${words.split(' ').slice(0, 14).join(' ')}</p>`,
    );
  const perPage = (ds: (Draw & { page: number })[]) => {
    const lines = new Map<string, number>();
    for (const t of texts(ds)) lines.set(`${t.page}:${r2(t.y)}`, t.page);
    return [0, 1].map((p) => [...lines.values()].filter((x) => x === p).length);
  };

  it('keeps two lines at the bottom of a page (orphans), or moves the paragraph', async () => {
    const five = perPage(await page(200));
    expect((five[0] ?? 0) + (five[1] ?? 0)).toBe(5);
    expect(perPage(await page(30))).toEqual([0, 5]);
    expect(perPage(await page(30, 'orphans: 1'))).toEqual([1, 4]);
    expect(perPage(await page(50))).toEqual([2, 3]);
    expect(perPage(await page(50, 'orphans: 3'))).toEqual([0, 5]);
  });

  it('carries at least two lines to the next page (widows)', async () => {
    expect(perPage(await page(90))).toEqual([3, 2]);
    expect(perPage(await page(90, 'widows: 1'))).toEqual([4, 1]);
    expect(perPage(await page(90, 'widows: 4; orphans: 1'))).toEqual([1, 4]);
  });
});

describe('@font-face', () => {
  const all = dejaVuFonts();
  const sansOnly = { 'DejaVu Sans': all['DejaVu Sans'] as (typeof all)[string] };
  const serif = all['DejaVu Serif'] as (typeof all)[string];
  const dataUri = (b: Uint8Array) => `data:font/ttf;base64,${Buffer.from(b).toString('base64')}`;

  it('registers faces from data: URIs and from files options.loadFont reads, by weight; skips WOFF with a warning', async () => {
    warnings.length = 0;
    const asked: string[] = [];
    const ds = await draws(
      `<style>
       @font-face { font-family: "Brand Serif"; src: url("${dataUri(serif.regular)}") format("truetype"); }
       @font-face { font-family: "Brand Serif"; font-weight: 700; src: url(fonts/brand-bold.woff2) format("woff2"), url('fonts/brand-bold.ttf'); }
       p { font-family: "Brand Serif", sans-serif }</style><p>plain <b>bold</b></p>`,
      {
        fonts: sansOnly,
        loadFont: (src: string) => {
          asked.push(src);
          return serif.bold as Uint8Array;
        },
      },
    );
    const face = (t: string) => (texts(ds).find((d) => d.text.trim() === t) as Extract<Draw, { op: 'text' }>).face.name;
    expect(face('plain')).toMatch(/DejaVuSerif$/);
    expect(face('bold')).toMatch(/DejaVuSerif-Bold$/);
    expect(asked).toEqual(['fonts/brand-bold.ttf']);
    expect(warnings.filter((w) => w.includes('@font-face'))).toEqual([]);
  });

  it('warns, naming the family, when no source can be read, and falls back down the stack', async () => {
    warnings.length = 0;
    const ds = await draws(
      `<style>@font-face { font-family: Brand; src: url(brand.woff2) format("woff2"), url(brand.ttf) }
       @font-face { font-family: Junk; src: url("data:font/ttf;base64,AAAA") }
       p { font-family: Brand, Junk, sans-serif }</style><p>x</p>`,
      { fonts: sansOnly },
    );
    expect((texts(ds)[0] as Extract<Draw, { op: 'text' }>).face.name).toMatch(/DejaVuSans$/);
    expect(warnings.filter((w) => w.includes('@font-face')).sort()).toEqual([
      '@font-face "Brand" not loaded: brand.woff2 (WOFF is not read: give a .ttf or .otf); brand.ttf (no options.loadFont to read it); the family falls back (line 1)',
      expect.stringMatching(/^@font-face "Junk": its file is not a TrueType or OpenType font/),
    ]);
  });
});

describe('absolute children of flex and grid containers', () => {
  it('takes them out of the items and places them against the container', async () => {
    const ds = await draws(
      `<style>.row { display: flex; gap: 10pt; position: relative; padding: 5pt } .row > div { flex: 1; background: #ddd }
       .tag { position: absolute; top: 0; right: 0; background: #f00; width: 20pt; height: 8pt }
       .grid { display: grid; grid-template-columns: 1fr 1fr; position: relative; margin-top: 20pt }
       .corner { position: absolute; bottom: 0; left: 0; width: 10pt; height: 10pt; background: #0f0 }</style>
       <div class="row"><div>a</div><span class="tag"></span><div>b</div></div>
       <div class="grid"><div>c</div><div class="corner"></div><div>d</div></div>`,
    );
    const items = rects(ds).filter((r) => r.fill?.[0] === r.fill?.[1] && r.fill?.[0] !== 1);
    // Two items sharing the row: the badge is not a third.
    expect(items.map((r) => r2(r.w))).toEqual([r2((WIDTH - 10 - 10) / 2), r2((WIDTH - 10 - 10) / 2)]);
    const tag = rects(ds).find((r) => r.fill?.join() === '1,0,0') as Extract<Draw, { op: 'rect' }>;
    expect([r2(tag.x), r2(tag.y)]).toEqual([r2(LEFT + WIDTH - 20), 72]);
    const d = texts(ds).find((t) => t.text === 'd') as Extract<Draw, { op: 'text' }>;
    expect(r2(d.x)).toBe(r2(LEFT + WIDTH / 2));
    const corner = rects(ds).find((r) => r.fill?.join() === '0,1,0') as Extract<Draw, { op: 'rect' }>;
    expect(r2(corner.x)).toBe(LEFT);
    expect(corner.y + corner.h).toBeGreaterThan(d.y);
  });
});

describe('running elements', () => {
  it('moves a position: running() element to the margin box that shows element(), page by page', async () => {
    const rendered = await renderLayout(
      `<style>@page { size: A5; margin: 20mm; @top-center { content: element(head) } }
       .head { position: running(head); color: #c00; font-weight: bold } p { margin: 0; line-height: 20pt }</style>
       <div class="head">First part</div><p>one</p><p style="break-before: page">two</p>
       <div class="head">Second part</div><p>three</p>`,
      {},
      { fonts, deterministic: true, onWarning: (w) => warnings.push(w) },
    );
    const body = rendered.pages.map((p) =>
      p.placed.flatMap(({ atom }) => atom.draws.filter((d) => d.op === 'text').map((d) => (d as { text: string }).text)),
    );
    expect(body).toEqual([['one'], ['two', 'three']]);
    const heads = (rendered.margins ?? []).map((ds) => texts(ds).map((t) => t.text));
    expect(heads).toEqual([['First part'], ['Second part']]);
    const head = texts(rendered.margins?.[0] ?? [])[0] as Extract<Draw, { op: 'text' }>;
    expect(head.color).toEqual([0.8, 0, 0]);
    expect(head.face.name).toMatch(/Bold/);
  });
});

describe('loadFont', () => {
  it('is a function, or a typed error saying what it got', async () => {
    const { renderPdf } = await import('../src/index.js');
    await expect(renderPdf('<p>x</p>', {}, { fonts, loadFont: 'fonts/' as never })).rejects.toMatchObject({
      code: 'invalid-type',
      argument: 'loadFont',
      message: expect.stringContaining("got 'fonts/' (a string)"),
    });
  });
});
