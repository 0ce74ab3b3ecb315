import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { bench, describe } from 'vitest';
import { readTrueType, subsetTrueType } from '../src/pdf/truetype.js';

// `npx vitest bench --run --project report packages/report/bench/pdf-output.bench.ts`: the font
// program a document embeds, made by this package's TrueType subsetter and by fontkit's subset
// encoder (which @ds/report used before), for the glyphs of a typical report: printable ASCII and
// twenty letters beyond it (accented Latin, some composites). One run, so vitest prints the ratio.
const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const bytes = new Uint8Array(readFileSync(join(dir, 'DejaVuSans.ttf')));
const font = fontkit.create(bytes as never);
const text =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~éèàçüöäßñøåæœłšžčřęą€';
const gids = [0, ...new Set([...text].map((ch) => font.glyphForCodePoint(ch.codePointAt(0) as number).id))];
const parsed = readTrueType(bytes);
if (!parsed) throw new Error('DejaVu Sans did not parse');

function fontkitSubset(): Promise<number> {
  const subset = font.createSubset();
  for (const gid of gids) subset.includeGlyph(gid);
  return new Promise((resolve) => {
    let n = 0;
    const stream = subset.encodeStream() as unknown as { on(ev: string, cb: (d?: Uint8Array) => void): typeof stream };
    stream.on('data', (d) => {
      n += (d as Uint8Array).length;
    });
    stream.on('end', () => resolve(n));
  });
}

describe(`a DejaVu Sans subset of ${gids.length} glyphs`, () => {
  bench('@ds/report TrueType subsetter', () => {
    subsetTrueType(parsed, gids);
  });
  bench('fontkit createSubset().encodeStream()', async () => {
    await fontkitSubset();
  });
});
