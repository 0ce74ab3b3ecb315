import type { PDFContext, PDFRef } from 'pdf-lib';
import { isRightToLeft } from '../text/bidi.js';
import { type Face, SHAPED_BASE } from '../text/fonts.js';
import { deflate } from './deflate.js';
import { num, name as pdfName, RawObject, ref } from './raw.js';
import { readTrueType, subsetTrueType, type TrueTypeFont } from './truetype.js';

// Bytes a literal string cannot hold as they are: parentheses, backslash, and line ends (a
// reader would normalise CR and CR LF to LF).
const LITERAL_ESCAPES: Record<number, string> = { 10: '\\n', 13: '\\r', 40: '\\(', 41: '\\)', 92: '\\\\' };

/**
 * The text a glyph extracts as: a presentation form (a shaped Arabic letter, lam-alef) as the
 * letters it shows. A ligature of several letters is mapped in reverse: it is drawn in a
 * right-to-left run, whose glyphs readers (poppler, pdf.js) reverse character by character back
 * into reading order, the ligature's letters with them.
 */
function presentationText(face: Face, ch: string, cp: number): string {
  if (cp >= SHAPED_BASE) {
    // A glyph the font shaped: the letters it was shaped from (reversed when right to left).
    const letters = [...(face.shapedTextOf(cp) ?? '')];
    const rtl = isRightToLeft(letters[0]?.codePointAt(0) ?? 0);
    return (rtl ? letters.reverse() : letters).join('');
  }
  if (!((cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff))) return ch;
  const letters = [...ch.normalize('NFKC')];
  return letters.length > 1 ? letters.reverse().join('') : (letters[0] ?? ch);
}

/**
 * The glyphs every document embedding a face starts with: printable ASCII, in code order. Made
 * once per face and shared: documents of a batch then mostly have the same glyph order, so the
 * font program made for one serves the next (see `subsetProgram`), and a document's own glyphs
 * are only those beyond ASCII.
 */
interface Base {
  /** Font glyph id by subset id (0 is .notdef). */
  gids: number[];
  /** Font glyph id -> subset id. */
  sids: Map<number, number>;
  /** Char -> 4-digit hex of its subset id. */
  hex: Map<string, string>;
  /** Char -> its two bytes in a literal string ('' if its id is 128 or more). */
  literal: Map<string, string>;
  /** The same by character code, below 128. */
  asciiLiteral: (string | undefined)[];
  /** Advance by subset id, in 1/1000 em. */
  widths: number[];
  /** Text by subset id. */
  unicode: string[];
}

/** A face in one document: the shared base and the glyphs this document added after it. */
interface Embedded {
  face: Face;
  key: string;
  ref: PDFRef;
  base: Base;
  /** Font glyph ids added after the base's, in subset order. */
  gids: number[];
  sids: Map<number, number>;
  hex: Map<string, string>;
  literal: Map<string, string>;
  widths: number[];
  unicode: string[];
}

const bases = new WeakMap<Face, Base>();

/**
 * The width of a glyph in 1/1000 em, exact to a millionth of an em: rounded to whole units, a
 * line of 80 glyphs drifts by 0.1 pt from where layout put its end (and justified lines must end
 * at the margin).
 */
const width = (advance: number) => Math.round(advance * 1e6) / 1000;

function baseOf(face: Face): Base {
  let base = bases.get(face);
  if (base) return base;
  base = {
    gids: [0],
    sids: new Map([[0, 0]]),
    hex: new Map(),
    literal: new Map(),
    asciiLiteral: new Array(128).fill(undefined),
    widths: [0],
    unicode: [''],
  };
  for (let cp = 0x20; cp < 0x7f; cp++) {
    const g = face.glyph(cp);
    if (!g) continue;
    const ch = String.fromCharCode(cp);
    let sid = base.sids.get(g.id);
    if (sid === undefined) {
      sid = base.gids.length;
      base.gids.push(g.id);
      base.sids.set(g.id, sid);
      base.widths.push(width(g.advance));
      base.unicode.push(ch);
    }
    base.hex.set(ch, sid.toString(16).padStart(4, '0'));
    const piece = sid < 128 ? `\u0000${LITERAL_ESCAPES[sid] ?? String.fromCharCode(sid)}` : '';
    base.literal.set(ch, piece);
    base.asciiLiteral[cp] = piece;
  }
  bases.set(face, base);
  return base;
}

/**
 * Embeds faces as composite (Type0, Identity-H) fonts holding only the glyphs used, with a
 * ToUnicode map so text extracts. One per document; `encode` as pages are written, `finish` before save.
 */
export class PdfFonts {
  private readonly embedded = new Map<Face, Embedded>();

  constructor(private readonly context: PDFContext) {}

  /** The resource name (`F1`, …) for a face. */
  key(face: Face): string {
    return this.get(face).key;
  }

  /** The hex string of the subset glyph ids for `text` (one glyph per character, no shaping). */
  encode(face: Face, text: string): string {
    const e = this.get(face);
    let out = '';
    for (const ch of text) {
      let h = e.base.hex.get(ch) ?? e.hex.get(ch);
      if (h === undefined) {
        h = this.subsetId(e, ch).toString(16).padStart(4, '0');
        e.hex.set(ch, h);
      }
      out += h;
    }
    return out;
  }

  /**
   * `text` as a PDF string operand: a literal string of two bytes a glyph (the high byte zero, the
   * low one raw or escaped) when every subset id is below 128, half the size of the hex form and
   * as much less to deflate; else the hex string.
   */
  show(face: Face, text: string): string {
    const e = this.get(face);
    const low = e.base.asciiLiteral;
    let out = '(';
    for (let i = 0; i < text.length; i++) {
      // Printable ASCII by its code, without a string per character.
      const code = text.charCodeAt(i);
      let piece = code < 128 ? low[code] : undefined;
      if (piece === undefined) {
        const cp = text.codePointAt(i) as number;
        if (cp > 0xffff) i++;
        const ch = String.fromCodePoint(cp);
        piece = e.base.literal.get(ch) ?? e.literal.get(ch);
        if (piece === undefined) {
          const sid = this.subsetId(e, ch);
          piece = sid < 128 ? `\u0000${LITERAL_ESCAPES[sid] ?? String.fromCharCode(sid)}` : '';
          e.literal.set(ch, piece);
        }
      }
      if (piece === '') return `<${this.encode(face, text)}>`;
      out += piece;
    }
    return `${out})`;
  }

  private subsetId(e: Embedded, ch: string): number {
    const cp = ch.codePointAt(0) as number;
    const g = e.face.glyph(cp) ?? e.face.glyph(0xfffd) ?? { id: 0, advance: 0 };
    let sid = e.base.sids.get(g.id) ?? e.sids.get(g.id);
    if (sid === undefined) {
      sid = e.base.gids.length + e.gids.length;
      e.gids.push(g.id);
      e.sids.set(g.id, sid);
      e.widths.push(width(g.advance));
      e.unicode.push(presentationText(e.face, ch, cp));
    }
    return sid;
  }

  /** Every embedded face as a resource entry. */
  resources(): [string, PDFRef][] {
    return [...this.embedded.values()].map((e) => [e.key, e.ref]);
  }

  private get(face: Face): Embedded {
    let e = this.embedded.get(face);
    if (!e) {
      e = {
        face,
        key: `F${this.embedded.size + 1}`,
        ref: this.context.nextRef(),
        base: baseOf(face),
        gids: [],
        sids: new Map(),
        hex: new Map(),
        literal: new Map(),
        widths: [],
        unicode: [],
      };
      this.embedded.set(face, e);
    }
    return e;
  }

  /** Writes the font programs and dictionaries (as text: see `RawObject`). */
  async finish(): Promise<void> {
    const ctx = this.context;
    for (const e of this.embedded.values()) {
      const program = await subsetProgram(e, this.context);
      const name = pdfName(`${program.tag}+${e.face.name}`);
      const [file, toUnicode, descriptor, cid] = [ctx.nextRef(), ctx.nextRef(), ctx.nextRef(), ctx.nextRef()];
      ctx.assign(file, RawObject.stream(program.deflated, `/Filter /FlateDecode /Length1 ${program.rawLength}`));
      ctx.assign(toUnicode, RawObject.stream(program.toUnicode, '/Filter /FlateDecode'));
      ctx.assign(
        descriptor,
        new RawObject(`<</Type /FontDescriptor /FontName ${name} ${descriptorOf(e.face)} /FontFile2 ${ref(file)}>>`),
      );
      ctx.assign(
        cid,
        new RawObject(
          `<</Type /Font /Subtype /CIDFontType2 /BaseFont ${name} /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor ${ref(descriptor)} /W ${program.widths} /CIDToGIDMap /Identity>>`,
        ),
      );
      ctx.assign(
        e.ref,
        new RawObject(
          `<</Type /Font /Subtype /Type0 /BaseFont ${name} /Encoding /Identity-H /DescendantFonts [${ref(cid)}] /ToUnicode ${ref(toUnicode)}>>`,
        ),
      );
    }
  }
}

const descriptors = new WeakMap<Face, string>();

/** The font descriptor's entries besides its name and file: the same for every subset of a face. */
function descriptorOf(face: Face): string {
  let text = descriptors.get(face);
  if (text !== undefined) return text;
  const font = face.font;
  const scale = 1000 / face.unitsPerEm;
  const bbox = [font.bbox.minX, font.bbox.minY, font.bbox.maxX, font.bbox.maxY].map((v) => num(Math.round(v * scale)));
  text = [
    `/Flags ${4 | (font.italicAngle !== 0 ? 64 : 0)}`,
    `/FontBBox [${bbox.join(' ')}]`,
    `/ItalicAngle ${num(font.italicAngle)}`,
    `/Ascent ${num(Math.round(font.ascent * scale))}`,
    `/Descent ${num(Math.round(font.descent * scale))}`,
    `/CapHeight ${num(Math.round((font.capHeight || font.ascent * 0.7) * scale))}`,
    '/StemV 80',
  ].join(' ');
  descriptors.set(face, text);
  return text;
}

// Encoded subsets by face and glyph order: a batch of similar reports encodes each face once.
interface Program {
  rawLength: number;
  deflated: Uint8Array;
  /** The ToUnicode CMap, deflated: the same glyph order maps to the same characters. */
  toUnicode: Uint8Array;
  /** The `W` array: every subset id's width, from 0 on. */
  widths: string;
  /** The subset tag, derived from the glyphs used, so equal input gives equal bytes. */
  tag: string;
}
const programs = new WeakMap<Face, Map<string, Program>>();

async function subsetProgram(e: Embedded, context: PDFContext): Promise<Program> {
  let cache = programs.get(e.face);
  if (!cache) {
    cache = new Map();
    programs.set(e.face, cache);
  }
  // The base is the same for every document of the face: what follows it tells subsets apart.
  const key = `${e.gids.join(',')}|${e.unicode.join('\u0000')}`;
  let program = cache.get(key);
  if (!program) {
    const gids = [...e.base.gids, ...e.gids];
    const trueType = trueTypeOf(e.face);
    let raw: Uint8Array;
    if (trueType) raw = subsetTrueType(trueType, gids);
    else {
      // Outlines this package's subsetter does not write (CFF): fontkit's encoder.
      const subset = e.face.font.createSubset();
      for (const gid of gids) subset.includeGlyph(gid);
      raw = await encodeSubset(subset);
    }
    const unicode = [...e.base.unicode, ...e.unicode];
    // Deflated as the pages are (see deflate.ts): the platform's CompressionStream would bring in
    // Node's fetch and web streams (some 14 MB resident) for a few kilobytes, once per subset.
    program = {
      rawLength: raw.length,
      deflated: deflate(context, raw),
      // The CMap is ASCII.
      toUnicode: deflate(context, new TextEncoder().encode(toUnicodeCmap(unicode))),
      widths: `[0 [${[...e.base.widths, ...e.widths].map(num).join(' ')}]]`,
      tag: subsetTag(gids),
    };
    if (cache.size >= 16) cache.delete(cache.keys().next().value as string);
    cache.set(key, program);
  }
  return program;
}

const trueTypes = new WeakMap<Face, TrueTypeFont | null>();

/** The face's TrueType tables (from the bytes and table directory fontkit read), or null. */
function trueTypeOf(face: Face): TrueTypeFont | null {
  let found = trueTypes.get(face);
  if (found !== undefined) return found;
  // The bytes fontkit parsed the face from (it keeps them as its stream's buffer).
  const bytes = (face.font as unknown as { stream?: { buffer?: unknown } }).stream?.buffer;
  found = bytes instanceof Uint8Array ? (readTrueType(bytes) ?? null) : null;
  trueTypes.set(face, found);
  return found;
}

function encodeSubset(subset: { encodeStream(): { on(ev: string, cb: (d: Uint8Array) => void): unknown } }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const stream = subset.encodeStream() as { on(ev: string, cb: (d?: unknown) => void): typeof stream };
    stream
      .on('data', (d) => parts.push(d as Uint8Array))
      .on('end', () => {
        const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let o = 0;
        for (const p of parts) {
          out.set(p, o);
          o += p.length;
        }
        resolve(out);
      })
      .on('error', (err) => reject(err));
  });
}

function subsetTag(ids: number[]): string {
  let h = 2166136261;
  for (const id of ids) {
    h ^= id;
    h = Math.imul(h, 16777619) >>> 0;
  }
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) + i * 7;
  }
  return tag;
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

function toUnicodeCmap(texts: string[]): string {
  // A glyph that stands for no text (.notdef, a shaped glyph a font inserts) maps to nothing: left out.
  const entries = [...texts.entries()].filter(([, text]) => text !== '');
  const lines: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    lines.push(`${chunk.length} beginbfchar`);
    for (const [id, text] of chunk) lines.push(`<${id.toString(16).padStart(4, '0')}> <${utf16Hex(text)}>`);
    lines.push('endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...lines,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
