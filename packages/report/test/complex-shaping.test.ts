// Scripts whose letters the font's own tables shape (GSUB, GPOS through fontkit): N'Ko and Lao
// with DejaVu Sans, checked glyph by glyph against HarfBuzz (test/fixtures/complex-shaping.json,
// made by scripts/shaping-reference.py). Devanagari and Bengali need Noto fonts from Debian:
// complex-shaping.system.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dejaVuFonts } from '../src/node.js';
import { Face, SHAPED_BASE } from '../src/text/fonts.js';
import { renderWithBoxes } from './boxes.js';

export interface ComplexCase {
  font: string;
  text: string;
  rtl: boolean;
  glyphs: [number, number, number, number][];
}
export const complexFixture = JSON.parse(readFileSync(new URL('fixtures/complex-shaping.json', import.meta.url), 'utf8')) as {
  source: string;
  cases: ComplexCase[];
};

/** A face's shaping of `text` as [glyph id, advance, x offset, y offset] in font units. */
export function shapedUnits(face: Face, text: string, rtl: boolean): [number, number, number, number][] {
  const u = face.unitsPerEm;
  return face
    .shape(text, rtl)
    .map((g) => [
      (g.ch.codePointAt(0) as number) - SHAPED_BASE,
      Math.round(g.advance * u),
      Math.round(g.dx * u),
      Math.round(g.dy * u),
    ]);
}

describe('shaping by the font’s tables, against HarfBuzz', () => {
  const sans = new Face(dejaVuFonts()['DejaVu Sans']?.regular as Uint8Array, 'DejaVu Sans');
  const cases = complexFixture.cases.filter((c) => c.font === 'DejaVuSans.ttf');

  it.each(cases.map((c) => [c.text, c] as const))(
    `shapes %s with DejaVu Sans as ${complexFixture.source.split(';')[0]} does`,
    (_, c) => {
      expect(shapedUnits(sans, c.text, c.rtl)).toEqual(c.glyphs);
    },
  );

  it('joins N’Ko in a paragraph, drawn right to left, and keeps its letters for extraction', async () => {
    const { boxes } = await renderWithBoxes('<p dir="rtl">ߒߞߏ ߞߊ߲</p>', {}, { fonts: dejaVuFonts(), deterministic: true });
    expect(boxes).toHaveLength(1);
    const drawn = [...(boxes[0]?.text ?? '')].map((c) => (c.codePointAt(0) as number) - SHAPED_BASE);
    // Drawn left to right: the reading order reversed, the space as a plain character.
    const reading = (cases[0] as ComplexCase).glyphs.map((g) => g[0]);
    expect(drawn.filter((g) => g >= 0)).toEqual(reading.filter((g) => g !== 3).reverse());
  });
});
