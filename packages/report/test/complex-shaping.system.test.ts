// Devanagari and Bengali shaped by Noto Sans (Debian's fonts-noto-core, which .ci/run installs),
// glyph by glyph against HarfBuzz: reordered vowel signs, conjuncts, reph.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Face } from '../src/text/fonts.js';
import { complexFixture, shapedUnits } from './complex-shaping.test.js';

describe('shaping Indic scripts by the font’s tables, against HarfBuzz', () => {
  const faces = new Map<string, Face>();
  const face = (file: string) => {
    let f = faces.get(file);
    if (!f) {
      f = new Face(new Uint8Array(readFileSync(join('/usr/share/fonts/truetype/noto', file))), file);
      faces.set(file, f);
    }
    return f;
  };
  const cases = complexFixture.cases.filter((c) => c.font.startsWith('Noto'));

  it.each(cases.map((c) => [c.text, c] as const))('shapes %s as HarfBuzz does', (_, c) => {
    expect(shapedUnits(face(c.font), c.text, c.rtl)).toEqual(c.glyphs);
  });

  it('leaves no global behind (fontkit’s Indic shaper needs one while it runs)', () => {
    shapedUnits(face('NotoSansDevanagari-Regular.ttf'), 'हिन्दी', false);
    expect('regeneratorRuntime' in globalThis).toBe(false);
  });
});
