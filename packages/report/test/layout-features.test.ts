import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type PdfTextItem, pdfText, pdfTextItems } from '@ds/testkit';
import fontkit from '@pdf-lib/fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { Face } from '../src/text/fonts.js';
import { renderWithBoxes } from './boxes.js';

/** Each page's text in reading order (lines top to bottom, items left to right). */
const pdfPageTexts = async (bytes: Uint8Array) => (await pdfText(bytes, { order: 'reading' })).split('\f');

const fonts = dejaVuFonts();
const quiet = { fonts, onWarning: () => {}, deterministic: true };
const page = { size: 'A4' as const, margin: 72 };

// The first render in a file parses the fonts and loads pdf.js: seconds beside a CPU-heavy job,
// which timed out the first test here. Paid once in this hook, with its own budget.
beforeAll(async () => {
  await pdfTextItems(await renderPdf('<p>warm</p>', {}, { ...quiet, page }));
}, 60_000);
const left = 72;
const right = 595.28 - 72;

/** pdfjs items grouped into lines (top to bottom), each line's items left to right. */
function lines(items: PdfTextItem[]): PdfTextItem[][] {
  const out: PdfTextItem[][] = [];
  for (const it of [...items].filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = out[out.length - 1];
    if (line && Math.abs((line[0] as PdfTextItem).y - it.y) < 2) line.push(it);
    else out.push([it]);
  }
  return out;
}
const start = (l: PdfTextItem[]) => Math.min(...l.map((i) => i.x));
const end = (l: PdfTextItem[]) => Math.max(...l.map((i) => i.x + i.width));

describe('text-align: justify', () => {
  const words = 'Interest compounds yearly on the balance, so a small rate grows a deposit slowly at first and then faster';
  const template = `<p style="text-align: justify">{{ words }} {{ words }} {{ words }}</p>
<p style="text-align: justify">{{ words }}<br>after a forced break {{ words }}</p>`;

  it('stretches every line but the last and those before a forced break to both edges (pdfjs)', async () => {
    const pdf = await renderPdf(template, { words }, { ...quiet, page });
    const ls = lines((await pdfTextItems(pdf)).flat());
    const text = (l: PdfTextItem[]) => l.map((i) => i.str).join('');
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

  it('keeps no decoded name or kern table once read, and decodes them again if fontkit needs them', () => {
    const bytes = new Uint8Array(fonts['DejaVu Sans']?.regular as Uint8Array);
    const face = new Face(bytes, 'test');
    const tables = () => Object.keys((face.font as unknown as { _tables: object })._tables);
    expect(face.name).toBe('DejaVuSans');
    expect(tables()).not.toContain('name');
    expect(face.kerning).toBe(true);
    expect(face.kern(0x41, 0x56)).toBeLessThan(0); // A V
    expect(tables()).not.toContain('kern');
    // fontkit still reads both, from the bytes.
    expect(face.font.postscriptName).toBe('DejaVuSans');
    expect(face.kern(0x41, 0x56)).toBeCloseTo(kernOf('AV'), 6);
  });

  it('sets "AV" and "To" closer by the font\'s kerning, in the layout and in the PDF (pdfjs)', async () => {
    expect(kernOf('AV')).toBeLessThan(0);
    expect(kernOf('To')).toBeLessThan(0);
    const template = `<p style="font-size: ${size}pt">AV</p><p style="font-size: ${size}pt">To</p><p style="font-size: ${size}pt">HH</p>`;
    const { boxes } = await renderWithBoxes(template, {}, { ...quiet, page });
    const pdf = await renderPdf(template, {}, { ...quiet, page });
    const items = (await pdfTextItems(pdf)).flat();
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

  it('kerns across a span that changes only the colour, not across one that changes the face or size', async () => {
    const p = (inner: string) => `<p style="font-size: ${size}pt">${inner}</p>`;
    const template = p('T<span style="color: #c00">o</span>') + p('T<b>o</b>') + p('T<span style="font-size: 10pt">o</span>');
    const { boxes } = await renderWithBoxes(template, {}, { ...quiet, page });
    const [t1, o1, t2, o2, t3, o3] = boxes;
    // "T" then a red "o": the "o" starts where it would in "To".
    expect((o1?.x as number) - (t1?.x as number)).toBeCloseTo((advance('T') + kernOf('To')) * size, 2);
    expect(o1?.text).toBe('o');
    // Bold and a smaller size are other faces or sizes: no pair between them.
    expect((o2?.x as number) - (t2?.x as number)).toBeCloseTo(advance('T') * size, 2);
    expect((o3?.x as number) - (t3?.x as number)).toBeCloseTo(advance('T') * size, 2);
  });

  it('measures table cells (the one-line fast path) with the same kerning as it draws them', async () => {
    const template = `<table style="font-size: ${size}pt"><tr><td>AVATAR</td><td>To</td></tr></table>`;
    const { boxes } = await renderWithBoxes(template, {}, { ...quiet, page });
    const items = (await pdfTextItems(await renderPdf(template, {}, { ...quiet, page }))).flat();
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
    const ls = lines((await pdfTextItems(pdf)).flat());
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

describe('kerning from GPOS only', () => {
  // Roboto (pdfmake's font, a dev dependency here) has no kern table: pairs come from fontkit's layout.
  const bytes = new Uint8Array(
    readFileSync(createRequire(import.meta.url).resolve('pdfmake/build/fonts/Roboto/Roboto-Regular.ttf')),
  );
  const font = fontkit.create(bytes);
  const size = 20;

  it('kerns a font without a kern table by its GPOS pairs, as fontkit lays them out', async () => {
    expect((font as unknown as { kern?: unknown }).kern).toBeUndefined();
    const options = { fonts: { Roboto: { regular: bytes } }, onWarning: () => {}, deterministic: true, page };
    const template = `<p style="font-size: ${size}pt">AV</p><p style="font-size: ${size}pt">xTo</p><table style="font-size: ${size}pt"><tr><td>AVA</td></tr></table>`;
    const { boxes } = await renderWithBoxes(template, {}, options);
    const items = (await pdfTextItems(await renderPdf(template, {}, options))).flat();
    for (const text of ['AV', 'xTo', 'AVA']) {
      const run = font.layout(text);
      const kerned = (run.positions.reduce((w, p) => w + p.xAdvance, 0) / font.unitsPerEm) * size;
      const plain = (run.glyphs.reduce((w, g) => w + g.advanceWidth, 0) / font.unitsPerEm) * size;
      expect(kerned).toBeLessThan(plain);
      expect(boxes.find((b) => b.text === text)?.w).toBeCloseTo(kerned, 2);
      expect(Math.abs((items.find((i) => i.str === text)?.width as number) - kerned)).toBeLessThanOrEqual(0.01);
    }
  });
});

describe('rowspan', () => {
  const bottom = 841.89 - 72;

  it('places a spanning cell across its rows and the cells of later rows in the columns it leaves free', async () => {
    const warnings: string[] = [];
    const template = `<table border="1"><tr><td rowspan="2">span<br>two<br>three<br>four</td><td>a1</td><td>x1</td></tr>
<tr><td>a2</td><td>x2</td></tr><tr><td>b</td><td>c</td><td>d</td></tr></table>`;
    const { boxes } = await renderWithBoxes(template, {}, { ...quiet, page, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    const at = (t: string) => boxes.find((b) => b.text === t) as (typeof boxes)[number];
    // Row 2's cells sit in columns 2 and 3, under row 1's; row 3 starts in column 1 again.
    expect(at('a2').x).toBe(at('a1').x);
    expect(at('x2').x).toBe(at('x1').x);
    expect(at('b').x).toBe(at('span').x);
    expect(at('c').x).toBe(at('a1').x);
    expect(at('a2').y).toBeGreaterThan(at('a1').y);
    // The two rows together are as tall as the spanning cell: row 3 starts below its last line,
    // one line pitch (the same as between its lines) further down.
    const pitch = at('two').y - at('span').y;
    expect(at('four').y - at('span').y).toBeCloseTo(3 * pitch, 2);
    // Cell insets: 2pt padding and the 0.75pt border of border="1", above and below.
    const insets = 2 * (2 + 0.75);
    expect(at('b').y - at('four').y).toBeCloseTo(pitch + insets, 2);
    // Row 1 is as tall as its own cells; the spanning cell's excess goes to the last row it spans.
    expect(at('a2').y - at('a1').y).toBeCloseTo(pitch + insets, 2);
    // …and the PDF draws them there (pdfjs).
    const items = (await pdfTextItems(await renderPdf(template, {}, { ...quiet, page }))).flat();
    for (const t of ['span', 'a2', 'b', 'four']) {
      const item = items.find((i) => i.str === t);
      expect(item?.x).toBeCloseTo(at(t).x, 2);
      expect(841.89 - (item?.y as number)).toBeCloseTo(at(t).y, 2);
    }
  });

  it('moves a rowspan group to the next page whole rather than split it', async () => {
    let movedWhole = 0;
    for (let filler = 30; filler < 48; filler++) {
      const template = `<table>{% for i in range(${filler}) %}<tr><td>f{{ i }}</td><td>filler</td></tr>{% endfor %}
<tr><td rowspan="4">group</td><td>g1</td></tr><tr><td>g2</td></tr><tr><td>g3</td></tr><tr><td>g4</td></tr>
<tr><td>after</td><td>z</td></tr></table>`;
      const { boxes } = await renderWithBoxes(template, {}, { ...quiet, page });
      const pageOf = (t: string) => boxes.find((b) => b.text === t)?.page;
      const groupPage = pageOf('group');
      for (const t of ['g1', 'g2', 'g3', 'g4']) expect(pageOf(t)).toBe(groupPage);
      if (groupPage !== pageOf(`f${filler - 1}`)) movedWhole++;
      for (const b of boxes) expect(b.y).toBeLessThanOrEqual(bottom);
    }
    // Some of those tables had the group start near the bottom of page 1: it moved whole.
    expect(movedWhole).toBeGreaterThan(0);
  });

  it('splits a group taller than a page between its rows, every line once and in order', async () => {
    const lines = Array.from({ length: 90 }, (_, i) => `L${i}`);
    const template = `<table><tr><td rowspan="3">{{ lines | join("<br>") | safe }}</td><td>r1</td></tr>
<tr><td>r2</td></tr><tr><td>r3</td></tr><tr><td>end</td><td>e</td></tr></table>`;
    const { boxes } = await renderWithBoxes(template, { lines }, { ...quiet, page });
    const placed = boxes.filter((b) => /^L\d+$/.test(b.text));
    expect(placed.map((b) => b.text)).toEqual(lines);
    expect(new Set(placed.map((b) => b.page)).size).toBeGreaterThan(1);
    for (const b of boxes) expect(b.y).toBeLessThanOrEqual(bottom);
    for (let i = 1; i < placed.length; i++) {
      const [a, b] = [placed[i - 1], placed[i]] as [(typeof placed)[number], (typeof placed)[number]];
      expect(b.page > a.page || b.y > a.y).toBe(true);
    }
    const end = boxes.find((b) => b.text === 'end') as (typeof boxes)[number];
    const last = placed[placed.length - 1] as (typeof placed)[number];
    expect(end.page > last.page || end.y > last.y).toBe(true);
    const texts = await pdfPageTexts(await renderPdf(template, { lines }, { ...quiet, page }));
    expect(texts.join('\n')).toContain('r3');
  });
});

describe('rowspan in long tables', () => {
  it('lays out a streamed table with rowspans exactly as the table kept whole, header repeated', async () => {
    const template = `<table border="1"><thead><tr><th>group</th><th>n</th><th>value</th></tr></thead><tbody>
{% for r in rows %}<tr>{% if r.n % 4 == 1 %}<td rowspan="4">g{{ r.n }}</td>{% endif %}<td>n{{ r.n }}</td><td>{{ r.n * 3 }}</td></tr>{% endfor %}
</tbody></table>`;
    const rows = Array.from({ length: 160 }, (_, i) => ({ n: i + 1 }));
    const kept = await renderWithBoxes(template, { rows }, { ...quiet, page }, Number.POSITIVE_INFINITY);
    const streamed = await renderWithBoxes(template, { rows }, { ...quiet, page }, 3);
    expect(streamed.boxes).toEqual(kept.boxes);
    const pages = new Set(kept.boxes.map((b) => b.page));
    expect(pages.size).toBeGreaterThan(1);
    for (const p of pages) expect(kept.boxes.find((b) => b.page === p)?.text).toBe('group');
    // Each group of four rows is on one page, its spanning cell in column 1 level with its first row.
    for (let g = 1; g <= 160; g += 4) {
      const label = kept.boxes.find((b) => b.text === `g${g}`) as (typeof kept.boxes)[number];
      const members = [0, 1, 2, 3].map((k) => kept.boxes.find((b) => b.text === `n${g + k}`) as (typeof kept.boxes)[number]);
      for (const m of members) expect(m.page).toBe(label.page);
      expect(label.y).toBe(members[0]?.y);
      expect(label.x).toBe(kept.boxes.find((b) => b.text === 'g1')?.x);
      expect(label.x + label.w).toBeLessThan(members[0]?.x as number);
    }
  });
});
