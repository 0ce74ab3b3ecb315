import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontFamilies } from '../text/fonts.js';

let cached: FontFamilies | undefined;

/**
 * DejaVu Sans, DejaVu Serif and DejaVu Sans Mono (regular, bold, italic, bold-italic) from the
 * `dejavu-fonts-ttf` package: Latin, Greek and Cyrillic, under the Bitstream Vera / Arev licence
 * (free to use, embed and redistribute). Read once per process; DejaVu Sans is the default family.
 *
 * @example
 * import { dejaVuFonts } from '@ds/report/node';
 * Object.keys(dejaVuFonts()); // => ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono']
 */
export function dejaVuFonts(): FontFamilies {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  // A plain Uint8Array over the Buffer's own memory: no second copy of 5 MB of fonts.
  const read = (file: string) => {
    const b = readFileSync(join(dir, file));
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  };
  cached = {
    'DejaVu Sans': {
      regular: read('DejaVuSans.ttf'),
      bold: read('DejaVuSans-Bold.ttf'),
      italic: read('DejaVuSans-Oblique.ttf'),
      boldItalic: read('DejaVuSans-BoldOblique.ttf'),
    },
    'DejaVu Serif': {
      regular: read('DejaVuSerif.ttf'),
      bold: read('DejaVuSerif-Bold.ttf'),
      italic: read('DejaVuSerif-Italic.ttf'),
      boldItalic: read('DejaVuSerif-BoldItalic.ttf'),
    },
    'DejaVu Sans Mono': {
      regular: read('DejaVuSansMono.ttf'),
      bold: read('DejaVuSansMono-Bold.ttf'),
      italic: read('DejaVuSansMono-Oblique.ttf'),
      boldItalic: read('DejaVuSansMono-BoldOblique.ttf'),
    },
  };
  return cached;
}
