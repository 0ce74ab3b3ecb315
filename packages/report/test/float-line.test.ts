import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Draw } from '../src/layout/boxes.js';
import { dejaVuFonts } from '../src/node.js';
import { renderLayout } from '../src/render-pdf.js';
import { floatBoxes, type LaidOutBoxes, ORIGIN } from './float-boxes.js';

// Floats met in the middle of a paragraph (CSS 2.1 §9.5.1), against where Chromium puts them:
// test/reference/float-line.json, measured by test/reference/float-line.mjs (Chromium's DOM rects
// after layout, in points from the top-left of a 300 pt box). Each float's border box and each
// line's top, left edge and first word are checked to 0.01 pt.

interface Vector {
  id: string;
  source: string;
  inputs: { html: string };
  expected: { floats: { x: number; y: number; w: number; h: number }[]; lines: { y: number; x: number; word: string }[] };
}
const vectors: Vector[] = JSON.parse(readFileSync(new URL('./reference/float-line.json', import.meta.url), 'utf8'));

const r2 = (v: number) => Math.round(v * 100) / 100;
const fonts = dejaVuFonts();
type Rect = Extract<Draw, { op: 'rect' }>;

/** Our figures rounded to 0.01 pt, as the test compares them. */
async function layout(html: string): Promise<Vector['expected']> {
  const ours = await floatBoxes(html, 15);
  return {
    floats: ours.floats.map((f) => ({ x: r2(f.x), y: r2(f.y), w: r2(f.w), h: r2(f.h) })),
    lines: ours.lines.map((l) => ({ y: r2(l.y), x: r2(l.x), word: l.word })),
  };
}

describe('a float met mid-paragraph starts at its line, as Chromium places it', () => {
  it('has Chromium reference vectors to check against', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(8);
  });

  for (const v of vectors) {
    it(`${v.id} (${v.source.slice(v.source.indexOf('layout: ') + 8)})`, async () => {
      const ours = await layout(v.inputs.html);
      expect(ours.floats).toEqual(v.expected.floats.map((f) => ({ x: r2(f.x), y: r2(f.y), w: r2(f.w), h: r2(f.h) })));
      expect(ours.lines).toEqual(v.expected.lines.map((l) => ({ y: r2(l.y), x: r2(l.x), word: l.word })));
    });
  }
});

describe('a float met mid-paragraph on a later page', () => {
  it('is drawn on the page of the line it starts at, at that line top, and the lines beside it narrow', async () => {
    // Sixty lines of 15 pt overflow the 697.9 pt A4 page area; the float is met after word 700,
    // past the first page's 46 lines.
    const text = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(' ');
    const html = `<style>body { margin: 0; font-family: 'DejaVu Sans'; font-size: 10pt; line-height: 15pt } p { margin: 0 }
      .f { float: right; width: 120pt; height: 45pt; background: #9ab }</style>
      <p>${text(0, 700)} <span class="f"></span>${text(700, 1000)}</p>`;
    const rendered = await renderLayout(html, {}, { fonts, deterministic: true, page: { size: 'A4', margin: ORIGIN } });
    let float: { page: number; rect: Rect } | undefined;
    // One entry a text draw (a line's text before and after the float are two).
    const lines: { page: number; top: number; x: number; end: number; words: string[] }[] = [];
    rendered.pages.forEach((page, p) => {
      for (const { atom, y } of page.placed)
        for (const d of [...(atom.under ?? []), ...atom.draws]) {
          if (d.op === 'rect') float = { page: p, rect: { ...d, y: d.y + y } };
          if (d.op === 'text') {
            const above = (15 - (d.face.ascent + d.face.descent) * d.size) / 2 + d.face.ascent * d.size;
            lines.push({ page: p, top: r2(d.y + y - above), x: d.x, end: d.x + d.width, words: d.text.trim().split(/\s+/) });
          }
        }
    });
    expect(rendered.pages.length).toBeGreaterThan(1);
    const met = lines.find((l) => l.words.includes('w699')) as (typeof lines)[number];
    expect(met.page).toBeGreaterThan(0);
    const f = float as { page: number; rect: Rect };
    // At the top of the line holding the text before it (it fits beside that line's words), on its page.
    expect(f.page).toBe(met.page);
    expect(r2(f.rect.y)).toBe(met.top);
    expect(r2(f.rect.x + f.rect.w)).toBe(r2(595.28 - ORIGIN));
    // The three lines beside it end before it; the one below is as wide as the page area again.
    const beside = lines.filter((l) => l.page === f.page && l.top >= met.top && l.top < met.top + 45);
    expect(new Set(beside.map((l) => l.top)).size).toBe(3);
    for (const l of beside) expect(l.end).toBeLessThanOrEqual(f.rect.x + 0.01);
    const below = lines.find((l) => l.page === f.page && l.top === r2(met.top + 45)) as (typeof lines)[number];
    expect(below.end).toBeGreaterThan(f.rect.x);
  });
});

describe('a float inside a box measured for its width', () => {
  it('is placed once, inside its inline-block, which is as wide as both and as tall as the float', async () => {
    // Measuring the inline-block's width used to place the float a second time in the paragraph
    // around it (a box drawn at the paragraph's edge, its first line pushed in).
    const ours = await floatBoxes(
      `<style>body { margin: 0; font-size: 10pt; line-height: 15pt } p { margin: 0 } .f { background: #9ab }</style>
       <p>before <span class="f" style="display: inline-block"><span class="f" style="float: left; width: 20pt; height: 30pt"></span><svg width="60pt" height="8pt"></svg></span> after</p>`,
      15,
    );
    expect(ours.floats).toHaveLength(2);
    const [box, float] = ours.floats as [LaidOutBoxes['floats'][number], LaidOutBoxes['floats'][number]];
    expect(r2(box.w)).toBeCloseTo(80, 1);
    expect(box.h).toBeGreaterThanOrEqual(30);
    expect([r2(float.x), r2(float.w), r2(float.h)]).toEqual([r2(box.x), 20, 30]);
    expect((ours.lines[0] as { x: number }).x).toBe(0);
  });

  it('is placed once, inside its flex item, which is as wide as both and as tall as the float', async () => {
    const ours = await floatBoxes(
      `<style>body { margin: 0; font-size: 10pt; line-height: 15pt } p { margin: 0 } .f { background: #9ab }</style>
       <div style="display: flex"><div class="f"><span class="f" style="float: left; width: 20pt; height: 30pt"></span><svg width="60pt" height="8pt"></svg></div></div><p>after</p>`,
      15,
    );
    // (Flex sizing adds 0.01 pt of slack to a content width: widths to 0.1 pt.)
    expect(ours.floats.map((f) => [r2(f.x), r2(f.y), Math.round(f.w * 10) / 10, r2(f.h)])).toEqual([
      [0, 0, 80, 30],
      [0, 0, 20, 30],
    ]);
    expect(ours.lines).toEqual([{ y: 30, x: 0, word: 'after' }]);
  });
});
