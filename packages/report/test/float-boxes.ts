// Where @ds/report puts the floats and lines of a case that fills one page: the same figures as
// reference/float-line-chromium.mjs reads from Chromium, for test/float-line*.test.ts.
import type { Draw } from '../src/layout/boxes.js';
import { dejaVuFonts } from '../src/node.js';
import { renderLayout } from '../src/render-pdf.js';

/** Floats (border boxes, from their background) and lines (top, left edge, first word), in points from the page area's top-left. */
export interface LaidOutBoxes {
  floats: { x: number; y: number; w: number; h: number }[];
  lines: { y: number; x: number; word: string }[];
}

const fonts = dejaVuFonts();
/** The page area's top-left: 72 pt margins on A4. */
export const ORIGIN = 72;
const r4 = (v: number) => Math.round(v * 10000) / 10000;

type Text = Extract<Draw, { op: 'text' }>;
type Rect = Extract<Draw, { op: 'rect' }>;

/**
 * Lays `html` out on A4 with 72 pt margins (it must fit one page) and reads its floats (every
 * rectangle drawn: the cases give only floats a background) and lines, whose boxes are
 * `lineHeight` points tall and hold one font.
 */
export async function floatBoxes(html: string, lineHeight: number): Promise<LaidOutBoxes> {
  const rendered = await renderLayout(html, {}, { fonts, deterministic: true, page: { size: 'A4', margin: ORIGIN } });
  if (rendered.pages.length !== 1) throw new Error(`the case takes ${rendered.pages.length} pages`);
  const page = rendered.pages[0] as (typeof rendered.pages)[number];
  const rects: Rect[] = [];
  const texts: Text[] = [];
  for (const { atom, y } of page.placed)
    for (const d of [...(atom.under ?? []), ...atom.draws]) {
      if (d.op === 'rect') rects.push({ ...d, y: d.y + y });
      if (d.op === 'text') texts.push({ ...d, y: d.y + y });
    }
  const lines = new Map<number, { y: number; x: number; word: string }>();
  for (const t of texts) {
    // The line box's top: the baseline less the half-leading and the ascent.
    const above = (lineHeight - (t.face.ascent + t.face.descent) * t.size) / 2 + t.face.ascent * t.size;
    const top = r4(t.y - above - ORIGIN);
    const line = lines.get(top);
    const x = r4(t.x - ORIGIN);
    if (!line || x < line.x) lines.set(top, { y: top, x, word: t.text.trim().split(/\s+/)[0] as string });
  }
  return {
    floats: rects.map((r) => ({ x: r4(r.x - ORIGIN), y: r4(r.y - ORIGIN), w: r4(r.w), h: r4(r.h) })),
    lines: [...lines.values()].sort((a, b) => a.y - b.y),
  };
}
