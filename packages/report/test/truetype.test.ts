// The TrueType subsetter (src/pdf/truetype.ts) read back by fontkit, an independent parser: every
// subset glyph must draw the outline of the font glyph it stands for (composites resolved through
// their renumbered components), with the same advance and bounds. fontTools checks the same
// subsets table by table in truetype.system.test.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTrueType, subsetTrueType } from '../src/pdf/truetype.js';

const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// DejaVu Sans ExtraLight has short (16-bit) loca offsets, the others long ones; Mono has 4 long metrics.
export const FACES = ['DejaVuSans.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSans-ExtraLight.ttf'];
const bytesOf = (file: string) => new Uint8Array(readFileSync(join(dir, file)));

type Font = ReturnType<typeof fontkit.create>;
/** A glyph as fontkit draws it: its path, advance and bounds. */
function drawn(font: Font, gid: number) {
  const g = font.getGlyph(gid);
  const b = g.bbox;
  return { path: g.path.toSVG(), advance: g.advanceWidth, bbox: [b.minX, b.minY, b.maxX, b.maxY] };
}

/** The ids of the composite glyphs of a font (whose components the subset must add). */
function composites(font: Font): number[] {
  const out: number[] = [];
  for (let gid = 0; gid < font.numGlyphs && out.length < 200; gid++) {
    const g = font.getGlyph(gid) as unknown as { _decode(): { numberOfContours: number } | null };
    if ((g._decode()?.numberOfContours ?? 0) < 0) out.push(gid);
  }
  return out;
}

describe('TrueType subsets', () => {
  for (const file of FACES) {
    const bytes = bytesOf(file);
    const original = fontkit.create(bytes as never) as Font;
    const parsed = readTrueType(bytes);
    const composite = composites(original);

    it(`draws every glyph of random subsets of ${file} as the font does (seeded)`, () => {
      expect(parsed).toBeDefined();
      expect(composite.length).toBeGreaterThan(10);
      const gid = fc.oneof(fc.integer({ min: 1, max: original.numGlyphs - 1 }), fc.constantFrom(...composite));
      fc.assert(
        fc.property(fc.uniqueArray(gid, { minLength: 1, maxLength: 40 }), (picked) => {
          const gids = [0, ...picked];
          const subset = fontkit.create(subsetTrueType(parsed as never, gids) as never) as Font;
          // The glyphs asked for come first, in order; components follow.
          expect(subset.numGlyphs).toBeGreaterThanOrEqual(gids.length);
          gids.forEach((g, i) => {
            expect(drawn(subset, i)).toEqual(drawn(original, g));
          });
        }),
        { seed: 12, numRuns: 25 },
      );
    });
  }

  it('adds the components of a composite after the glyphs asked for, each once', () => {
    const bytes = bytesOf('DejaVuSans.ttf');
    const original = fontkit.create(bytes as never) as Font;
    const eAcute = original.glyphForCodePoint(0xe9).id; // é: e and an acute accent
    const e = original.glyphForCodePoint(0x65).id;
    const subset = fontkit.create(subsetTrueType(readTrueType(bytes) as never, [0, eAcute, e, eAcute]) as never) as Font;
    // e is asked for (subset id 2), so the composite refers to it there rather than adding it again.
    const components = (subset.getGlyph(1) as unknown as { _decode(): { components: { glyphID: number }[] } })
      ._decode()
      .components.map((c) => c.glyphID);
    expect(components).toContain(2);
    expect(subset.numGlyphs).toBe(4 + components.filter((c) => c > 3).length);
    expect(drawn(subset, 1)).toEqual(drawn(original, eAcute));
  });

  it('writes a font whose tables sum as the spec says, and leaves the source bytes as they were', () => {
    const bytes = bytesOf('DejaVuSans.ttf');
    const before = bytes.slice();
    const parsed = readTrueType(bytes) as NonNullable<ReturnType<typeof readTrueType>>;
    const out = subsetTrueType(parsed, [0, 36, 37, 38, 0x1234, 99999]);
    expect(Buffer.compare(bytes, before)).toBe(0); // (toEqual on 750 KB compares byte by byte, slowly)
    let sum = 0;
    const v = new DataView(out.buffer);
    for (let i = 0; i < out.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
    // A glyph id beyond the font is an empty glyph, not an error.
    const subset = fontkit.create(out as never) as Font;
    expect(subset.numGlyphs).toBe(6);
    expect(subset.getGlyph(5).path.toSVG()).toBe('');
  });

  it('never throws on a damaged font: bytes overwritten anywhere, the file cut short (seeded)', () => {
    const bytes = bytesOf('DejaVuSansMono.ttf');
    const parsed = readTrueType(bytes) as NonNullable<ReturnType<typeof readTrueType>>;
    // Damage where the subsetter reads: the directory, head/hhea/maxp, loca, hmtx and glyf.
    const spots = [0, ...['head', 'hhea', 'maxp', 'loca', 'hmtx', 'glyf'].map((t) => parsed.tables.get(t)?.offset ?? 0)];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...spots), fc.nat(4000), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.oneof(fc.constant(bytes.length), fc.nat(bytes.length)),
        fc.uniqueArray(fc.nat(70_000), { maxLength: 30 }),
        (damage, cut, gids) => {
          const broken = bytes.slice(0, cut);
          for (const [spot, at, value] of damage) if (spot + at < broken.length) broken[spot + at] = value;
          const font = readTrueType(broken);
          if (font) expect(subsetTrueType(font, [0, ...gids]).length).toBeGreaterThan(12);
        },
      ),
      { seed: 5, numRuns: 60 },
    );
  });

  it('declines what it does not write: CFF outlines, a truncated file, a table out of bounds', () => {
    expect(readTrueType(new Uint8Array(0))).toBeUndefined();
    const cff = new Uint8Array(12);
    new DataView(cff.buffer).setUint32(0, 0x4f54544f); // 'OTTO'
    expect(readTrueType(cff)).toBeUndefined();
    const bytes = bytesOf('DejaVuSans.ttf');
    expect(readTrueType(bytes.subarray(0, 5000))).toBeUndefined();
  });
});
