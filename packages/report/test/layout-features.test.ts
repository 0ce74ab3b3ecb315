import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { renderWithBoxes } from '../src/render-pdf.js';
import { pdfItems, pdfPageTexts, type TextItem } from './pdf-text.js';

const fonts = dejaVuFonts();
const quiet = { fonts, onWarning: () => {}, deterministic: true };
const page = { size: 'A4' as const, margin: 72 };
const left = 72;
const right = 595.28 - 72;

/** pdfjs items grouped into lines (top to bottom), each line's items left to right. */
function lines(items: TextItem[]): TextItem[][] {
  const out: TextItem[][] = [];
  for (const it of [...items].filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = out[out.length - 1];
    if (line && Math.abs((line[0] as TextItem).y - it.y) < 2) line.push(it);
    else out.push([it]);
  }
  return out;
}
const start = (l: TextItem[]) => Math.min(...l.map((i) => i.x));
const end = (l: TextItem[]) => Math.max(...l.map((i) => i.x + i.width));

describe('text-align: justify', () => {
  const words = 'Interest compounds yearly on the balance, so a small rate grows a deposit slowly at first and then faster';
  const template = `<p style="text-align: justify">{{ words }} {{ words }} {{ words }}</p>
<p style="text-align: justify">{{ words }}<br>after a forced break {{ words }}</p>`;

  it('stretches every line but the last and those before a forced break to both edges (pdfjs)', async () => {
    const pdf = await renderPdf(template, { words }, { ...quiet, page });
    const ls = lines((await pdfItems(pdf)).flat());
    const text = (l: TextItem[]) => l.map((i) => i.str).join('');
    // Each paragraph piece ends in "faster": the first paragraph, the line before the <br>, the last.
    const ragged = new Set(ls.flatMap((l, k) => (text(l).endsWith('faster') ? [k] : [])));
    expect([...ragged]).toHaveLength(3);
    expect(ragged.has(ls.length - 1)).toBe(true);
    expect(ls.length).toBeGreaterThan(6);
    ls.forEach((l, k) => {
      expect(start(l)).toBeCloseTo(left, 2);
      if (ragged.has(k)) expect(end(l)).toBeLessThan(right - 5);
      else expect(Math.abs(end(l) - right)).toBeLessThanOrEqual(0.01);
    });
    // The words and their spaces are all still there, in order.
    const [pageText] = await pdfPageTexts(pdf);
    expect(pageText?.split(/\s+/).join(' ')).toBe(
      `${words} ${words} ${words} ${words} after a forced break ${words}`.replace(/\s+/g, ' '),
    );
  });

  it('lays out the same line breaks as left alignment, with the same text boxes widened to the edge', async () => {
    const justified = await renderWithBoxes(template, { words }, { ...quiet, page });
    const ragged = await renderWithBoxes(template.replaceAll('justify', 'left'), { words }, { ...quiet, page });
    expect(justified.boxes.map((b) => [b.y, b.text])).toEqual(ragged.boxes.map((b) => [b.y, b.text]));
    const byLine = (boxes: typeof justified.boxes) => {
      const m = new Map<number, number>();
      for (const b of boxes) m.set(b.y, Math.max(m.get(b.y) ?? 0, b.x + b.w));
      return [...m.values()];
    };
    const j = byLine(justified.boxes);
    const r = byLine(ragged.boxes);
    j.forEach((e, k) => {
      if (Math.abs(e - right) > 0.01) expect(e).toBeCloseTo(r[k] as number, 2);
    });
    expect(j.filter((e) => Math.abs(e - right) <= 0.01).length).toBe(j.length - 3);
  });

  it('keeps a line without spaces left-aligned', async () => {
    const { boxes } = await renderWithBoxes(
      '<p style="text-align: justify; width: 100pt">{{ w }}</p>',
      { w: 'x'.repeat(60) },
      {
        ...quiet,
        page,
      },
    );
    for (const b of boxes) expect(b.x).toBe(left);
  });
});

describe('kerning', () => {
  // The font's own figures, from fontkit: plain advances, and the pair's kerning from its layout.
  const font = fontkit.create(fonts['DejaVu Sans']?.regular as Uint8Array);
  const upm = font.unitsPerEm;
  const advance = (ch: string) => font.glyphForCodePoint(ch.codePointAt(0) as number).advanceWidth / upm;
  const kernOf = (pair: string) => {
    const run = font.layout(pair);
    return ((run.positions[0]?.xAdvance as number) - (run.glyphs[0]?.advanceWidth as number)) / upm;
  };
  const size = 20;

  it('sets "AV" and "To" closer by the font\'s kerning, in the layout and in the PDF (pdfjs)', async () => {
    expect(kernOf('AV')).toBeLessThan(0);
    expect(kernOf('To')).toBeLessThan(0);
    const template = `<p style="font-size: ${size}pt">AV</p><p style="font-size: ${size}pt">To</p><p style="font-size: ${size}pt">HH</p>`;
    const { boxes } = await renderWithBoxes(template, {}, { ...quiet, page });
    const pdf = await renderPdf(template, {}, { ...quiet, page });
    const items = (await pdfItems(pdf)).flat();
    for (const pair of ['AV', 'To', 'HH']) {
      const unkerned = (advance(pair[0] as string) + advance(pair[1] as string)) * size;
      const expected = unkerned + kernOf(pair) * size;
      const box = boxes.find((b) => b.text === pair);
      const item = items.find((i) => i.str === pair);
      expect(box?.w).toBeCloseTo(expected, 2);
      expect(Math.abs((item?.width as number) - expected)).toBeLessThanOrEqual(0.01);
      if (pair === 'HH') expect(expected).toBe(unkerned);
      else expect(unkerned - expected).toBeCloseTo(-kernOf(pair) * size, 6);
    }
  });

  it('measures table cells (the one-line fast path) with the same kerning as it draws them', async () => {
    const template = `<table style="font-size: ${size}pt"><tr><td>AVATAR</td><td>To</td></tr></table>`;
    const { boxes } = await renderWithBoxes(template, {}, { ...quiet, page });
    const items = (await pdfItems(await renderPdf(template, {}, { ...quiet, page }))).flat();
    const unkerned = [...'AVATAR'].reduce((w, ch) => w + advance(ch), 0) * size;
    const kerning = ['AV', 'VA', 'AT', 'TA', 'AR'].reduce((k, p) => k + kernOf(p), 0) * size;
    expect(kerning).toBeLessThan(0);
    // The second column starts where the first one's kerned content ends, plus the cells' padding (4pt each side).
    const first = boxes.find((b) => b.text === 'AVATAR');
    const second = boxes.find((b) => b.text === 'To');
    expect(first?.w).toBeCloseTo(unkerned + kerning, 2);
    expect((second?.x as number) - ((first?.x as number) + (first?.w as number))).toBeCloseTo(8, 2);
    // pdfjs joins the row into one item: it ends where layout put the end of the kerned "To".
    const item = items.find((i) => i.str.startsWith('AVATAR'));
    expect(item?.x).toBeCloseTo(first?.x as number, 2);
    const toWidth = (advance('T') + advance('o') + kernOf('To')) * size;
    expect(Math.abs((item?.x as number) + (item?.width as number) - ((second?.x as number) + toWidth))).toBeLessThanOrEqual(0.01);
  });

  it('breaks lines where the kerned text fills them, and justifies kerned text to the edge', async () => {
    const words = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 'AVAVAV' : i % 3 === 1 ? 'Tower' : 'WAVE')).join(' ');
    const pdf = await renderPdf(`<p style="text-align: justify; font-size: 12pt">{{ words }}</p>`, { words }, { ...quiet, page });
    const ls = lines((await pdfItems(pdf)).flat());
    expect(ls.length).toBeGreaterThan(3);
    const spaceW = advance(' ') * 12;
    ls.forEach((l, k) => {
      if (k === ls.length - 1) return;
      expect(Math.abs(end(l) - right)).toBeLessThanOrEqual(0.01);
      // Kerned widths as layout saw them: the next line's first word would not have fitted.
      const next = (ls[k + 1]?.map((i) => i.str).join('') ?? '').trim().split(/\s+/)[0] as string;
      const text = l
        .map((i) => i.str)
        .join('')
        .trim();
      const natural = measure(text);
      expect(natural + spaceW + measure(next)).toBeGreaterThan(right - left);
      expect(natural).toBeLessThanOrEqual(right - left);
    });
    function measure(t: string): number {
      let w = 0;
      for (let i = 0; i < t.length; i++) {
        w += advance(t[i] as string) * 12;
        if (i > 0 && t[i] !== ' ' && t[i - 1] !== ' ') w += kernOf(t.slice(i - 1, i + 1)) * 12;
      }
      return w;
    }
  });
});
