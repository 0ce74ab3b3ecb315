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
