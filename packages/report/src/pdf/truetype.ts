/**
 * A TrueType subsetter for embedding (PDF 1.7 §9.9: a CIDFontType2's FontFile2 with an Identity
 * CIDToGIDMap needs no cmap): the glyphs asked for, in that order, then the components of
 * composite glyphs as they are met; each glyph's bytes copied as they are, only the component
 * glyph numbers of a composite rewritten to subset numbers. The tables are those a PDF font
 * program needs (OpenType spec, "TrueType outlines"; the set fontkit's subsetter writes too):
 * glyf, loca, head, hhea, hmtx, maxp, and the hinting programs cvt, fpgm and prep unchanged.
 *
 * Synchronous and allocation-light, where fontkit's subset encoder is asynchronous (a timer per
 * subset) and builds an object per glyph and per table field.
 */

/** Where a face's tables are, read once. */
export interface TrueTypeFont {
  /** The font file (a plain Uint8Array: `slice` copies). */
  bytes: Uint8Array;
  view: DataView;
  tables: Map<string, { offset: number; length: number }>;
  numGlyphs: number;
  longLoca: boolean;
  numberOfHMetrics: number;
}

const REQUIRED = ['glyf', 'loca', 'head', 'hhea', 'hmtx', 'maxp'];
/** Copied as they are when the font has them. */
const HINTING = ['cvt ', 'fpgm', 'prep'];

/**
 * The tables of a TrueType font file (glyf outlines) this subsetter reads, or undefined for what it
 * does not write: CFF outlines, a collection, a table missing or out of the file's bounds.
 */
export function readTrueType(given: Uint8Array): TrueTypeFont | undefined {
  // A plain view (fontkit holds a Node Buffer, whose slice() shares memory where this copies).
  const bytes = new Uint8Array(given.buffer, given.byteOffset, given.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) return undefined;
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) return undefined; // 1.0 or 'true'
  const numTables = view.getUint16(4);
  if (12 + numTables * 16 > bytes.length) return undefined;
  const wanted = new Set([...REQUIRED, ...HINTING]);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(
      bytes[record] as number,
      bytes[record + 1] as number,
      bytes[record + 2] as number,
      bytes[record + 3] as number,
    );
    if (!wanted.has(tag)) continue;
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > bytes.length) return undefined;
    tables.set(tag, { offset, length });
  }
  if (!REQUIRED.every((tag) => tables.has(tag))) return undefined;
  const head = tables.get('head') as { offset: number; length: number };
  const maxp = tables.get('maxp') as { offset: number; length: number };
  const hhea = tables.get('hhea') as { offset: number; length: number };
  if (head.length < 54 || maxp.length < 6 || hhea.length < 36) return undefined;
  const numGlyphs = view.getUint16(maxp.offset + 4);
  const numberOfHMetrics = view.getUint16(hhea.offset + 34);
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const loca = tables.get('loca') as { offset: number; length: number };
  const hmtx = tables.get('hmtx') as { offset: number; length: number };
  if (numGlyphs === 0 || numberOfHMetrics === 0 || numberOfHMetrics > numGlyphs) return undefined;
  if (loca.length < (numGlyphs + 1) * (longLoca ? 4 : 2)) return undefined;
  if (hmtx.length < numberOfHMetrics * 4 + (numGlyphs - numberOfHMetrics) * 2) return undefined;
  return { bytes, view, tables, numGlyphs, longLoca, numberOfHMetrics };
}

// Composite glyph flags (OpenType spec, glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * The font program of the glyphs `gids` (font glyph ids; the first should be 0, .notdef): glyph
 * `i` of the subset is `gids[i]`, and the components composites need follow them. A glyph id
 * beyond the font, or a glyph whose data lies outside its table, becomes an empty glyph.
 */
export function subsetTrueType(font: TrueTypeFont, gids: readonly number[]): Uint8Array {
  const { bytes, view, numGlyphs } = font;
  const glyf = font.tables.get('glyf') as { offset: number; length: number };
  const locaAt = (font.tables.get('loca') as { offset: number }).offset;
  const hmtxAt = (font.tables.get('hmtx') as { offset: number }).offset;
  const order = [...gids];
  const index = new Map<number, number>();
  order.forEach((gid, i) => {
    if (!index.has(gid)) index.set(gid, i);
  });
  const glyphs: Uint8Array[] = [];
  let glyfLength = 0;
  // The list grows as composites name components; each glyph joins it once, so this ends.
  for (let i = 0; i < order.length; i++) {
    const gid = order[i] as number;
    let data: Uint8Array = new Uint8Array(0);
    if (gid >= 0 && gid < numGlyphs) {
      const start = font.longLoca ? view.getUint32(locaAt + gid * 4) : view.getUint16(locaAt + gid * 2) * 2;
      const end = font.longLoca ? view.getUint32(locaAt + gid * 4 + 4) : view.getUint16(locaAt + gid * 2 + 2) * 2;
      if (end > start && end <= glyf.length) data = bytes.subarray(glyf.offset + start, glyf.offset + end);
      if (data.length >= 10 && view.getInt16(glyf.offset + start) < 0) data = remapComponents(data, order, index);
    }
    glyphs.push(data);
    // Each glyph starts on an even offset, as the short loca format needs (and readers expect).
    glyfLength += data.length + (data.length & 1);
  }
  const n = glyphs.length;
  const glyfTable = new Uint8Array(glyfLength);
  const loca = new Uint8Array((n + 1) * 4);
  const locaView = new DataView(loca.buffer);
  let at = 0;
  glyphs.forEach((g, i) => {
    locaView.setUint32(i * 4, at);
    glyfTable.set(g, at);
    at += g.length + (g.length & 1);
  });
  locaView.setUint32(n * 4, at);
  // Every glyph with its own advance and left side bearing.
  const hmtx = new Uint8Array(n * 4);
  const hmtxView = new DataView(hmtx.buffer);
  const lastAdvance = view.getUint16(hmtxAt + (font.numberOfHMetrics - 1) * 4);
  order.forEach((gid, i) => {
    if (!(gid >= 0 && gid < numGlyphs)) return;
    const long = gid < font.numberOfHMetrics;
    hmtxView.setUint16(i * 4, long ? view.getUint16(hmtxAt + gid * 4) : lastAdvance);
    hmtxView.setInt16(
      i * 4 + 2,
      view.getInt16(long ? hmtxAt + gid * 4 + 2 : hmtxAt + font.numberOfHMetrics * 4 + (gid - font.numberOfHMetrics) * 2),
    );
  });
  const head = copyOf(font, 'head');
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, set below
  headView.setInt16(50, 1); // long loca offsets
  const hhea = copyOf(font, 'hhea');
  new DataView(hhea.buffer).setUint16(34, n);
  const maxp = copyOf(font, 'maxp');
  new DataView(maxp.buffer).setUint16(4, n);
  const tables: [string, Uint8Array][] = [
    ['glyf', glyfTable],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
  ];
  for (const tag of HINTING) if (font.tables.has(tag)) tables.push([tag, copyOf(font, tag)]);
  tables.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out = assemble(tables);
  // The whole font sums to 0xB1B0AFBA (OpenType spec, head table).
  new DataView(out.buffer).setUint32(headOffset(out), (0xb1b0afba - checksum(out, 0, out.length)) >>> 0);
  return out;
}

/** A composite glyph's bytes with each component's glyph id as its subset id (components join the subset). */
function remapComponents(data: Uint8Array, order: number[], index: Map<number, number>): Uint8Array {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  const v = new DataView(copy.buffer);
  let p = 10;
  for (;;) {
    if (p + 4 > copy.length) break;
    const flags = v.getUint16(p);
    const component = v.getUint16(p + 2);
    let sid = index.get(component);
    if (sid === undefined) {
      sid = order.length;
      order.push(component);
      index.set(component, sid);
    }
    v.setUint16(p + 2, sid);
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
    if (!(flags & MORE_COMPONENTS)) break;
  }
  return copy;
}

function copyOf(font: TrueTypeFont, tag: string): Uint8Array {
  const t = font.tables.get(tag) as { offset: number; length: number };
  const out = new Uint8Array(t.length);
  out.set(font.bytes.subarray(t.offset, t.offset + t.length));
  return out;
}

/** The sfnt: offset table, table records (sorted by tag), tables each padded to four bytes. */
function assemble(tables: [string, Uint8Array][]): Uint8Array {
  const n = tables.length;
  let size = 12 + 16 * n;
  for (const [, t] of tables) size += (t.length + 3) & ~3;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(n));
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, power * 16);
  v.setUint16(8, Math.log2(power));
  v.setUint16(10, n * 16 - power * 16);
  let at = 12 + 16 * n;
  tables.forEach(([tag, t], i) => {
    const record = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[record + k] = tag.charCodeAt(k);
    out.set(t, at);
    v.setUint32(record + 4, checksum(out, at, t.length));
    v.setUint32(record + 8, at);
    v.setUint32(record + 12, t.length);
    at += (t.length + 3) & ~3;
  });
  return out;
}

function headOffset(font: Uint8Array): number {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const n = v.getUint16(4);
  for (let i = 0; i < n; i++) {
    const record = 12 + 16 * i;
    if (v.getUint32(record) === 0x68656164) return v.getUint32(record + 8) + 8; // 'head', checkSumAdjustment
  }
  throw new Error('no head table');
}

/** The sum of a table's big-endian 32-bit words, its last word padded with zeros. */
function checksum(bytes: Uint8Array, offset: number, length: number): number {
  let sum = 0;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4)
    sum =
      (sum +
        (((bytes[offset + i] as number) << 24) |
          ((bytes[offset + i + 1] as number) << 16) |
          ((bytes[offset + i + 2] as number) << 8) |
          (bytes[offset + i + 3] as number))) >>>
      0;
  if (whole < length) {
    let last = 0;
    for (let k = 0; k < 4; k++) last = (last << 8) | (whole + k < length ? (bytes[offset + whole + k] as number) : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}
