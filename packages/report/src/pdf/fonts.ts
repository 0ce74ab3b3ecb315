import { PDFArray, type PDFDocument, PDFNumber, type PDFRef, PDFString } from 'pdf-lib';
import { isRightToLeft } from '../text/bidi.js';
import { type Face, SHAPED_BASE } from '../text/fonts.js';
import { deflate } from './deflate.js';

// Bytes a literal string cannot hold as they are: parentheses, backslash, and line ends (a
// reader would normalise CR and CR LF to LF).
const LITERAL_ESCAPES: Record<number, string> = { 10: '\\n', 13: '\\r', 40: '\\(', 41: '\\)', 92: '\\\\' };

interface Embedded {
  face: Face;
  key: string;
  ref: PDFRef;
  subset: ReturnType<Face['font']['createSubset']>;
  ids: Map<number, number>; // font glyph id -> subset glyph id
  hex: Map<string, string>; // char -> 4-digit hex of its subset id
  literal: Map<string, string>; // char -> its two bytes in a literal string, '' if its id is 128 or more
  widths: Map<number, number>; // subset id -> advance in 1/1000 em
  unicode: Map<number, string>; // subset id -> text
}

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
 * Embeds faces as composite (Type0, Identity-H) fonts holding only the glyphs used, with a
 * ToUnicode map so text extracts. One per document; `encode` as pages are written, `finish` before save.
 */
export class PdfFonts {
  private readonly embedded = new Map<Face, Embedded>();

  constructor(private readonly doc: PDFDocument) {}

  /** The resource name (`F1`, …) for a face. */
  key(face: Face): string {
    return this.get(face).key;
  }

  /** The hex string of the subset glyph ids for `text` (one glyph per character, no shaping). */
  encode(face: Face, text: string): string {
    const e = this.get(face);
    let out = '';
    for (const ch of text) {
      let h = e.hex.get(ch);
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
    let out = '(';
    for (const ch of text) {
      let piece = e.literal.get(ch);
      if (piece === undefined) {
        const sid = this.subsetId(e, ch);
        piece = sid < 128 ? `\u0000${LITERAL_ESCAPES[sid] ?? String.fromCharCode(sid)}` : '';
        e.literal.set(ch, piece);
      }
      if (piece === '') return `<${this.encode(face, text)}>`;
      out += piece;
    }
    return `${out})`;
  }

  private subsetId(e: Embedded, ch: string): number {
    const cp = ch.codePointAt(0) as number;
    const g = e.face.glyph(cp) ?? e.face.glyph(0xfffd) ?? { id: 0, advance: 0 };
    let sid = e.ids.get(g.id);
    if (sid === undefined) {
      sid = e.subset.includeGlyph(g.id);
      e.ids.set(g.id, sid);
      // Exact to a millionth of an em: rounded to whole units, a line of 80 glyphs drifts by 0.1 pt
      // from where layout put its end (and justified lines must end at the margin).
      e.widths.set(sid, Math.round(g.advance * 1e6) / 1000);
      e.unicode.set(sid, presentationText(e.face, ch, cp));
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
      const subset = face.font.createSubset();
      e = {
        face,
        key: `F${this.embedded.size + 1}`,
        ref: this.doc.context.nextRef(),
        subset,
        ids: new Map([[0, 0]]),
        hex: new Map(),
        literal: new Map(),
        widths: new Map([[0, 0]]),
        unicode: new Map(),
      };
      this.embedded.set(face, e);
      // Printable ASCII first, in code order: documents of a batch then mostly have the same
      // glyph order, so the encoded subset can be reused (see finish).
      for (let cp = 0x20; cp < 0x7f; cp++) if (face.glyph(cp)) this.encode(face, String.fromCharCode(cp));
    }
    return e;
  }

  /** Writes the font programs and dictionaries. */
  async finish(): Promise<void> {
    const ctx = this.doc.context;
    for (const e of this.embedded.values()) {
      const program = await subsetProgram(e, this.doc);
      const font = e.face.font;
      const scale = 1000 / e.face.unitsPerEm;
      // The subset tag is derived from the glyphs used, so equal input gives equal bytes.
      const name = `${subsetTag([...e.ids.keys()])}+${e.face.name}`;
      const file = ctx.stream(program.deflated, { Filter: 'FlateDecode', Length1: program.rawLength });
      const descriptor = ctx.obj({
        Type: 'FontDescriptor',
        FontName: name,
        Flags: 4 | (font.italicAngle !== 0 ? 64 : 0),
        FontBBox: [font.bbox.minX * scale, font.bbox.minY * scale, font.bbox.maxX * scale, font.bbox.maxY * scale].map(
          Math.round,
        ),
        ItalicAngle: font.italicAngle,
        Ascent: Math.round(font.ascent * scale),
        Descent: Math.round(font.descent * scale),
        CapHeight: Math.round((font.capHeight || font.ascent * 0.7) * scale),
        StemV: 80,
        FontFile2: ctx.register(file),
      });
      const w = PDFArray.withContext(ctx);
      const ids = [...e.widths.keys()].sort((a, b) => a - b);
      for (const id of ids) {
        w.push(PDFNumber.of(id));
        w.push(ctx.obj([e.widths.get(id) as number]));
      }
      const cid = ctx.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: name,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: ctx.register(descriptor),
        W: w,
        CIDToGIDMap: 'Identity',
      });
      const toUnicode = ctx.stream(program.toUnicode, { Filter: 'FlateDecode' });
      const type0 = ctx.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: name,
        Encoding: 'Identity-H',
        DescendantFonts: [ctx.register(cid)],
        ToUnicode: ctx.register(toUnicode),
      });
      ctx.assign(e.ref, type0);
    }
  }
}

// Encoded subsets by face and glyph order: a batch of similar reports encodes each face once.
interface Program {
  rawLength: number;
  deflated: Uint8Array;
  /** The ToUnicode CMap, deflated: the same glyph order maps to the same characters. */
  toUnicode: Uint8Array;
}
const programs = new WeakMap<Face, Map<string, Program>>();

async function subsetProgram(e: Embedded, doc: PDFDocument): Promise<Program> {
  let cache = programs.get(e.face);
  if (!cache) {
    cache = new Map();
    programs.set(e.face, cache);
  }
  const key = `${[...e.ids.keys()].join(',')}|${[...e.unicode.values()].join('')}`;
  let program = cache.get(key);
  if (!program) {
    const raw = await encodeSubset(e.subset);
    // Deflated as the pages are (see deflate.ts): the platform's CompressionStream would bring in
    // Node's fetch and web streams (some 14 MB resident) for a few kilobytes, once per subset.
    program = {
      rawLength: raw.length,
      deflated: deflate(doc.context, raw),
      // The CMap is ASCII.
      toUnicode: deflate(doc.context, new TextEncoder().encode(toUnicodeCmap(e.unicode))),
    };
    if (cache.size >= 16) cache.delete(cache.keys().next().value as string);
    cache.set(key, program);
  }
  return program;
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

function toUnicodeCmap(map: Map<number, string>): string {
  // A glyph that stands for no text (a shaped glyph a font inserts) maps to nothing: left out.
  const entries = [...map.entries()].filter(([, text]) => text !== '').sort((a, b) => a[0] - b[0]);
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
