// Rendering the corpus with @ds/report and with Chromium, and comparing what a reader sees: page
// count, the words on the pages (pdftotext, as a multiset), and each page's 50-dpi raster.
// Used by corpus.system.test.ts and by `bench/corpus.ts`; needs Debian's chromium and poppler-utils.

import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';

const run = promisify(execFile);

/** The corpus: report templates as teams write them (plain HTML and CSS that nunjucks passes through). */
export const CORPUS_DIR = new URL('./', import.meta.url).pathname;

export function corpusTemplates(dir = CORPUS_DIR): { name: string; source: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.j2'))
    .sort()
    .map((f) => ({ name: f.slice(0, -3), source: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Prints an HTML file with Chromium as its print preview does (fresh profile, no header or footer
 * lines). Debian's package names the binary `chromium`.
 */
export async function chromiumPdf(htmlFile: string, pdfFile: string, profile: string): Promise<void> {
  rmSync(profile, { recursive: true, force: true });
  await run(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      `--user-data-dir=${profile}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdfFile}`,
      `file://${htmlFile}`,
    ],
    { timeout: 60_000 },
  );
}

export async function pageCount(pdf: string): Promise<number> {
  const { stdout } = await run('qpdf', ['--show-npages', pdf]);
  return Number(stdout.trim());
}

/** The words of a PDF's text layer, as counts (order is not compared: columns change it). */
export async function words(pdf: string): Promise<Map<string, number>> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
  const out = new Map<string, number>();
  for (const w of stdout.normalize('NFC').split(/\s+/)) {
    if (w === '') continue;
    out.set(w, (out.get(w) ?? 0) + 1);
  }
  return out;
}

/** Words of `expected` that `actual` lacks (each counted as often as it is missing). */
export function missingWords(expected: Map<string, number>, actual: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [w, n] of expected) for (let k = actual.get(w) ?? 0; k < n; k++) out.push(w);
  return out;
}

/** A grey-scale page image. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Rasterises every page at `dpi` as 8-bit grey (pdftoppm's binary PGM, parsed here). */
export async function rasterize(pdf: string, dir: string, dpi = 50): Promise<Gray[]> {
  mkdirSync(dir, { recursive: true });
  const prefix = join(dir, 'p');
  await run('pdftoppm', ['-r', String(dpi), '-gray', pdf, prefix]);
  return readdirSync(dir)
    .filter((f) => f.startsWith('p') && f.endsWith('.pgm'))
    .sort()
    .map((f) => parsePgm(readFileSync(join(dir, f))));
}

function parsePgm(bytes: Uint8Array): Gray {
  // "P5\n<w> <h>\n<max>\n" then the samples.
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09) i++;
    let s = '';
    while (i < bytes.length && !(bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09))
      s += String.fromCharCode(bytes[i++] as number);
    fields.push(s);
  }
  i++;
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, data: bytes.subarray(i, i + width * height) };
}

/**
 * Similarity of two page images in [0, 1]: both are averaged over 6×6-pixel cells (a 50-dpi cell
 * is about a line of body text), so the score measures where ink and colour are — the layout —
 * rather than the glyph shapes of two different fonts; 1 − the mean absolute difference of the
 * cells, over the cells either page inks (a blank margin matching a blank margin proves nothing).
 */
export function similarity(a: Gray, b: Gray, cell = 6): number {
  const w = Math.ceil(Math.max(a.width, b.width) / cell);
  const h = Math.ceil(Math.max(a.height, b.height) / cell);
  const avg = (g: Gray) => {
    const sum = new Float64Array(w * h);
    const n = new Float64Array(w * h);
    for (let y = 0; y < g.height; y++)
      for (let x = 0; x < g.width; x++) {
        const k = Math.floor(y / cell) * w + Math.floor(x / cell);
        sum[k] = (sum[k] as number) + (255 - (g.data[y * g.width + x] as number));
        n[k] = (n[k] as number) + 1;
      }
    return sum.map((s, k) => ((n[k] as number) > 0 ? s / (n[k] as number) : 0));
  };
  const x = avg(a);
  const y = avg(b);
  let diff = 0;
  let inked = 0;
  for (let k = 0; k < x.length; k++) {
    const p = x[k] as number;
    const q = y[k] as number;
    if (p < 2 && q < 2) continue;
    inked++;
    diff += Math.abs(p - q) / 255;
  }
  return inked === 0 ? 1 : 1 - diff / inked;
}

/** Writes pages side by side (ours left, Chromium right) as one grey PNG per page pair. */
export function writeSideBySide(file: string, left: Gray | undefined, right: Gray | undefined): void {
  const gap = 8;
  const lw = left?.width ?? right?.width ?? 1;
  const rw = right?.width ?? lw;
  const width = lw + gap + rw;
  const height = Math.max(left?.height ?? 0, right?.height ?? 0, 1);
  const raw = new Uint8Array((width + 1) * height).fill(255);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      let v = x >= lw && x < lw + gap ? 160 : 255;
      if (left && x < lw && y < left.height) v = left.data[y * left.width + x] as number;
      if (right && x >= lw + gap && y < right.height && x - lw - gap < right.width)
        v = right.data[y * right.width + (x - lw - gap)] as number;
      raw[y * (width + 1) + 1 + x] = v;
    }
  }
  writeFileSync(file, png(width, height, raw));
}

// A minimal PNG encoder: 8-bit greyscale, one zlib IDAT (PNG specification, 2nd edition).
const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
function png(width: number, height: number, raw: Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
