import { closeSync, type Dirent, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkArray, checkOptions, checkString } from '../check.js';
import { ReportError } from '../errors.js';
import { readFontNames } from '../text/font-names.js';
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

/** Options of `systemFonts`. */
export interface SystemFontsOptions {
  /**
   * Folders searched (with their subfolders) for `.ttf`, `.otf` and `.ttc` files. Default: where
   * fontconfig, macOS and Windows keep fonts — `/usr/share/fonts`, `/usr/local/share/fonts`,
   * `~/.local/share/fonts`, `~/.fonts`, `/Library/Fonts`, `/System/Library/Fonts`,
   * `~/Library/Fonts`, `%WINDIR%\Fonts`; those that do not exist are skipped.
   */
  dirs?: string[];
}

/** At most this many font files are indexed (a typed `too-large` error past it). */
const MAX_SYSTEM_FONT_FILES = 20_000;

interface Indexed {
  byName: Map<string, string>;
  byFamily: Map<string, { style: string; path: string }[]>;
}
const indexes = new Map<string, Indexed>();

/**
 * A lookup of the system's fonts by the names CSS `local()` uses — full name (`"DejaVu Serif Bold"`)
 * or PostScript name (`"DejaVuSerif-Bold"`), else a family's regular face — for the `localFont`
 * option of `renderPdf`, so that `@font-face { src: local("…"), url(…) }` finds an installed font
 * before it downloads one, as a browser does. The folders are read once per process on the first
 * lookup (only each file's name table: 37 ms for the 290 files of a Debian machine with fonts-noto-core), the font read when it is found;
 * a name not found gives `undefined` (the next `src` entry is tried).
 *
 * @throws {ReportError} `invalid-type` for options that are not an object or folders not strings;
 *   `too-large` past 20,000 font files in the folders
 *
 * @example
 * import { systemFonts } from '@ds/report/node';
 * const localFont = systemFonts(); // fonts-noto-core on Debian
 * localFont('NotoSerif-Bold') instanceof Uint8Array; // => true
 * localFont('No Such Font'); // => undefined
 */
export function systemFonts(options?: SystemFontsOptions): (name: string) => Uint8Array | undefined {
  const o = checkOptions<SystemFontsOptions>('options', options);
  const dirs =
    o.dirs === undefined
      ? defaultFontDirs()
      : checkArray('dirs', o.dirs, 100).map((d, i) => checkString(`dirs[${i}]`, d, false, 4096));
  const read = new Map<string, Uint8Array>();
  return (name: string) => {
    checkString('name', name, false, 1000);
    const key = dirs.join('\u0000');
    let index = indexes.get(key);
    if (!index) {
      index = indexFonts(dirs);
      indexes.set(key, index);
    }
    const wanted = name.replace(/\s+/g, ' ').trim().toLowerCase();
    let path = index.byName.get(wanted);
    if (!path) {
      const faces = index.byFamily.get(wanted) ?? [];
      path = (faces.find((f) => /^(regular|book|roman|normal)$/i.test(f.style)) ?? faces[0])?.path;
    }
    if (!path) return undefined;
    let bytes = read.get(path);
    if (!bytes) {
      const b = readFileSync(path);
      bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      read.set(path, bytes);
    }
    return bytes;
  };
}

function defaultFontDirs(): string[] {
  const home = homedir();
  const dirs = [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    join(home, '.local/share/fonts'),
    join(home, '.fonts'),
    '/Library/Fonts',
    '/System/Library/Fonts',
    join(home, 'Library/Fonts'),
  ];
  if (process.env.WINDIR) dirs.push(join(process.env.WINDIR, 'Fonts'));
  return dirs;
}

/** Every font file's names, from its name table alone (a few kilobytes read a file). */
function indexFonts(dirs: string[]): Indexed {
  const out: Indexed = { byName: new Map(), byFamily: new Map() };
  const files: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // missing or unreadable: skipped
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path, depth + 1);
      else if (/\.(ttf|otf|ttc)$/i.test(e.name) && (e.isFile() || e.isSymbolicLink())) {
        files.push(path);
        if (files.length > MAX_SYSTEM_FONT_FILES)
          throw new ReportError(
            'too-large',
            'dirs',
            dirs.join(', '),
            `folders with at most ${MAX_SYSTEM_FONT_FILES} font files`,
            `the font folders hold more than ${MAX_SYSTEM_FONT_FILES} font files; pass the folders to search as options.dirs`,
          );
      }
    }
  };
  for (const d of dirs) walk(d, 0);
  for (const path of files) {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const handle = fd;
      const names = readFontNames((offset, length) => {
        const buf = Buffer.alloc(length);
        const n = readSync(handle, buf, 0, length, offset);
        return new Uint8Array(buf.buffer, buf.byteOffset, n);
      });
      if (!names) continue;
      // The first file of a name wins (folders in the order given, files sorted).
      for (const n of [names.full, names.postscript]) {
        const k = n.toLowerCase();
        if (k !== '' && !out.byName.has(k)) out.byName.set(k, path);
      }
      const family = names.family.toLowerCase();
      if (family !== '') out.byFamily.set(family, [...(out.byFamily.get(family) ?? []), { style: names.style, path }]);
    } catch {
      // A file that cannot be read is not a font we can use.
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return out;
}
