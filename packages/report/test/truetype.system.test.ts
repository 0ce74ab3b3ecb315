// TrueType subsets (src/pdf/truetype.ts) of seeded random glyph sets, checked by fontTools
// (Debian's python3-fonttools, which .ci/run installs) in the same run: every table decompiles,
// each glyph's points, flags, instructions, bounds and metrics are the source's, composites name
// the source's components, the hinting tables are unchanged (test/reference/truetype.py).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTrueType, subsetTrueType } from '../src/pdf/truetype.js';

const script = fileURLToPath(new URL('./reference/truetype.py', import.meta.url));
const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

describe('TrueType subsets, against fontTools', () => {
  // One Python process for every case (fontTools takes a few hundred ms to load a DejaVu face).
  it('keeps every glyph of seeded random subsets of five faces as the font has it', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'ds-truetype-'));
    try {
      const cases: { font: string; subset: string; gids: number[] }[] = [];
      // Long and short (ExtraLight) loca offsets, 4 long metrics (Mono), and a Noto face of
      // Debian's fonts-noto-core.
      const fonts = [
        ...['DejaVuSans.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSansMono.ttf', 'DejaVuSans-ExtraLight.ttf'].map((f) => join(dir, f)),
        '/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf',
      ];
      for (const font of fonts) {
        const file = basename(font);
        const parsed = readTrueType(new Uint8Array(readFileSync(font)));
        expect(parsed).toBeDefined();
        const numGlyphs = (parsed as NonNullable<typeof parsed>).numGlyphs;
        const sets = fc.sample(fc.uniqueArray(fc.integer({ min: 1, max: numGlyphs - 1 }), { minLength: 1, maxLength: 60 }), {
          seed: 7,
          numRuns: 4,
        });
        sets.forEach((picked, k) => {
          const gids = [0, ...picked];
          const subset = join(tmp, `${file}.${k}.ttf`);
          writeFileSync(subset, subsetTrueType(parsed as NonNullable<typeof parsed>, gids));
          cases.push({ font, subset, gids });
        });
      }
      const out = JSON.parse(execFileSync('/usr/bin/python3', [script], { input: JSON.stringify(cases), encoding: 'utf8' })) as {
        checked: number;
        problems: string[];
      };
      expect(out.problems).toEqual([]);
      // Every glyph asked for, and the components composites added.
      expect(out.checked).toBeGreaterThanOrEqual(cases.reduce((n, c) => n + c.gids.length, 0));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 20_000); // fontTools loads five faces (some 2 s on a busy machine)
});
