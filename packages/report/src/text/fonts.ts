import fontkit from '@pdf-lib/fontkit';
import { ReportError } from '../errors.js';

/** The faces of one font family, as TTF or OTF bytes. Missing styles fall back to `regular`. */
export interface FontFaces {
  regular: Uint8Array;
  bold?: Uint8Array;
  italic?: Uint8Array;
  boldItalic?: Uint8Array;
}

/** Font families by the name CSS `font-family` uses; the first is the default. */
export type FontFamilies = Record<string, FontFaces>;

type FontkitFont = ReturnType<typeof fontkit.create>;

/** One parsed face; glyph lookups and advances are cached across documents. */
export class Face {
  readonly font: FontkitFont;
  readonly name: string;
  readonly unitsPerEm: number;
  /** Ascent and descent in em (descent positive, below the baseline). */
  readonly ascent: number;
  readonly descent: number;
  private readonly glyphs = new Map<number, { id: number; advance: number } | null>();
  private readonly low: ({ id: number; advance: number } | null | undefined)[] = new Array(4096);

  constructor(bytes: Uint8Array, label: string) {
    let font: FontkitFont;
    try {
      font = fontkit.create(unshared(bytes));
      if (!font || typeof (font as { glyphForCodePoint?: unknown }).glyphForCodePoint !== 'function')
        throw new Error('not a single font');
      void font.unitsPerEm;
    } catch (error) {
      throw new ReportError(
        'invalid-font',
        label,
        `${(bytes as Uint8Array)?.length ?? 0} bytes`,
        'TrueType or OpenType font bytes',
        `${label} is not a font that parses (TTF or OTF expected): ${(error as Error).message}`,
      );
    }
    this.font = font;
    this.name = (font.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '');
    this.unitsPerEm = font.unitsPerEm;
    this.ascent = font.ascent / font.unitsPerEm;
    this.descent = Math.abs(font.descent) / font.unitsPerEm;
    // The decoded `name` table (every name record, licence text included: some 110 KB a DejaVu
    // face) is needed only for the PostScript name, read above.
    forgetTable(font, 'name');
  }

  /**
   * `text` shaped by the font's own tables (GSUB substitutions, GPOS positions, through fontkit's
   * shapers: Indic, Universal, Arabic-like joining, Hangul), one entry a glyph in reading order.
   * Each glyph is named by a pseudo-character (see `shapedGlyph`) that `glyph` and the PDF writer
   * understand; `dx`, `dy` (the glyph's offset from the pen) and `advance` are in em. A
   * right-to-left run is positioned as it is drawn, backwards, and returned in reading order.
   */
  shape(text: string, rtl: boolean): { ch: string; advance: number; dx: number; dy: number }[] {
    // fontkit's layout takes (text, features, script, language, direction); its types list two.
    const layout = this.font.layout as unknown as (
      text: string,
      features?: unknown,
      script?: string,
      language?: string,
      direction?: 'ltr' | 'rtl',
    ) => ReturnType<FontkitFont['layout']>;
    const run = withRegenerator(() => layout.call(this.font, text, undefined, undefined, undefined, rtl ? 'rtl' : 'ltr'));
    const u = this.unitsPerEm;
    const out = run.glyphs.map((g, i) => {
      const p = run.positions[i] as { xAdvance: number; xOffset: number; yOffset: number };
      const cp = SHAPED_BASE + g.id;
      if (!this.shapedText.has(cp)) this.shapedText.set(cp, String.fromCodePoint(...(g.codePoints ?? [])));
      return { ch: String.fromCodePoint(cp), advance: p.xAdvance / u, dx: p.xOffset / u, dy: p.yOffset / u };
    });
    return rtl ? out.reverse() : out;
  }

  /** The text a shaped glyph stands for (the first text it was shaped from), for extraction. */
  shapedTextOf(cp: number): string | undefined {
    return this.shapedText.get(cp);
  }

  private readonly shapedText = new Map<number, string>();

  /** The glyph for a code point, or null if the face has none. */
  glyph(cp: number): { id: number; advance: number } | null {
    // An array for the first 4,096 code points (Latin, Greek, Cyrillic…): the per-character hot path.
    if (cp < 4096) {
      const hit = this.low[cp];
      if (hit !== undefined) return hit;
      const g = this.lookup(cp);
      this.low[cp] = g;
      return g;
    }
    let g = this.glyphs.get(cp);
    if (g === undefined) {
      g = this.lookup(cp);
      this.glyphs.set(cp, g);
    }
    return g;
  }

  /**
   * Whether the face kerns at all: `kern` is then worth calling. Pairs come from the font's `kern`
   * table when it has one (read once; fontkit's layout gives the same values for DejaVu, whose GPOS
   * pair kerning matches it), else from fontkit's layout of each pair, cached.
   */
  get kerning(): boolean {
    if (this.pairs === undefined) this.readPairs();
    return this.pairs !== null;
  }

  /** The kerning between code points `a` and `b` set side by side, in em (negative: closer). */
  kern(a: number, b: number): number {
    if (this.pairs === undefined) this.readPairs();
    const pairs = this.pairs;
    if (pairs === null || pairs === undefined) return 0;
    if (this.left) {
      const ga = this.glyph(a);
      if (ga === null || this.left[ga.id] !== 1) return 0;
      const gb = this.glyph(b);
      return gb === null ? 0 : (pairs.get(ga.id * 65536 + gb.id) ?? 0);
    }
    const key = a * 0x110000 + b;
    let k = pairs.get(key);
    if (k === undefined) {
      k = 0;
      if (this.glyph(a) && this.glyph(b)) {
        const run = this.font.layout(String.fromCodePoint(a, b), { liga: false, clig: false, calt: false } as never);
        const first = run.glyphs[0];
        const pos = run.positions[0];
        if (run.glyphs.length === 2 && first && pos) k = (pos.xAdvance - first.advanceWidth) / this.unitsPerEm;
      }
      pairs.set(key, k);
    }
    return k;
  }

  private pairs: Map<number, number> | null | undefined;
  private left: Uint8Array | undefined;

  private readPairs(): void {
    const font = this.font as unknown as {
      kern?: {
        tables?: {
          format: number;
          coverage?: { horizontal?: boolean; minimum?: boolean; crossStream?: boolean };
          subtable?: { pairs?: { left: number; right: number; value: number }[] };
        }[];
      };
      GPOS?: unknown;
      numGlyphs: number;
    };
    const tables = (font.kern?.tables ?? []).filter(
      (t) =>
        t.format === 0 &&
        t.coverage?.horizontal !== false &&
        !t.coverage?.minimum &&
        !t.coverage?.crossStream &&
        t.subtable?.pairs,
    );
    if (tables.length > 0) {
      const pairs = new Map<number, number>();
      const left = new Uint8Array(font.numGlyphs + 1);
      for (const t of tables) {
        for (const p of t.subtable?.pairs ?? []) {
          if (p.value === 0) continue;
          const key = p.left * 65536 + p.right;
          pairs.set(key, (pairs.get(key) ?? 0) + p.value / this.unitsPerEm);
          left[p.left] = 1;
        }
      }
      if (pairs.size > 0) {
        this.left = left;
        this.pairs = pairs;
        // The pairs are in the map now: the decoded table, an object a pair, can go.
        forgetTable(this.font, 'kern');
        return;
      }
    }
    this.pairs = font.GPOS ? new Map() : null;
  }

  private lookup(cp: number): { id: number; advance: number } | null {
    if (cp >= SHAPED_BASE && cp - SHAPED_BASE < this.font.numGlyphs) {
      const glyph = this.font.getGlyph(cp - SHAPED_BASE);
      return { id: glyph.id, advance: glyph.advanceWidth / this.unitsPerEm };
    }
    if (!this.font.hasGlyphForCodePoint(cp)) return null;
    const glyph = this.font.glyphForCodePoint(cp);
    return { id: glyph.id, advance: glyph.advanceWidth / this.unitsPerEm };
  }
}

/**
 * fontkit's Indic and Universal shapers find syllables with a generator compiled by regenerator,
 * which looks up a global `regeneratorRuntime` that @pdf-lib/fontkit does not define (its Indic
 * shaping throws "regeneratorRuntime is not defined": pdf-lib issues #785, #1419). While a run is
 * shaped, and only if none is defined, a minimal runtime stands in: enough for that generator
 * (its states advanced by `next`, ended by `stop`, no try/catch, nothing sent in).
 */
function withRegenerator<T>(shape: () => T): T {
  const g = globalThis as { regeneratorRuntime?: unknown };
  if (g.regeneratorRuntime !== undefined) return shape();
  g.regeneratorRuntime = MINI_REGENERATOR;
  try {
    return shape();
  } finally {
    delete g.regeneratorRuntime;
  }
}

interface GeneratorContext {
  prev: unknown;
  next: unknown;
  done: boolean;
  stop(): undefined;
}

const MINI_REGENERATOR = {
  mark: <F>(fn: F): F => fn,
  wrap(inner: (context: GeneratorContext) => unknown): IterableIterator<unknown> {
    const context: GeneratorContext = {
      prev: 0,
      next: 0,
      done: false,
      stop() {
        this.done = true;
        return undefined;
      },
    };
    const iterator: IterableIterator<unknown> = {
      next() {
        if (context.done) return { value: undefined, done: true };
        const value = inner(context);
        return context.done ? { value: undefined, done: true } : { value, done: false };
      },
      [Symbol.iterator]: () => iterator,
    };
    return iterator;
  },
};

/**
 * Shaped glyphs travel through layout as pseudo-characters: U+F0000 (the start of Supplementary
 * Private Use Area-A) plus the glyph id, meaningful only with the face that shaped them.
 */
export const SHAPED_BASE = 0xf0000;

/**
 * Drops a table fontkit decoded and keeps (it decodes each table on first use and holds it for
 * the font's life). Nothing is lost: a later use decodes it again from the font's bytes.
 */
function forgetTable(font: FontkitFont, tag: string): void {
  const tables = (font as unknown as { _tables?: Record<string, unknown> })._tables;
  if (tables && typeof tables === 'object') delete tables[tag];
}

/**
 * The bytes in the form fontkit reads without copying them. fontkit wraps what it is given in its
 * bundled Buffer, which copies any typed array (Node's Buffer included) but not an ArrayBuffer:
 * an array that spans its whole buffer is passed as that buffer (a face is then held once, not
 * twice); any other is copied into a buffer of its own, as fontkit would.
 */
function unshared(bytes: Uint8Array): Uint8Array {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const whole =
    view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength
      ? view.buffer
      : view.slice().buffer;
  // fontkit's `create` is typed for a Uint8Array; its Buffer.from takes an ArrayBuffer as it is.
  return whole as unknown as Uint8Array;
}

interface Family {
  regular: Face;
  bold: Face;
  italic: Face;
  boldItalic: Face;
}

/** Characters that need no glyph: they are laid out as space or dropped. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/;

/**
 * The fonts of a renderer: families by name, the fallback order tried per glyph, and the lookup
 * from (family list, weight, style, code point) to the face that draws it.
 */
export class FontSet {
  readonly families = new Map<string, Family>();
  readonly defaultFamily: string;
  private readonly fallback: string[];
  private readonly resolved = new Map<string, Map<number, Face | null>>();
  private readonly low = new Map<string, (Face | null | undefined)[]>();

  constructor(fonts: FontFamilies, fallback?: string[]) {
    if (fonts === null || typeof fonts !== 'object' || Object.keys(fonts).length === 0) {
      throw new ReportError(
        'missing-font',
        'fonts',
        fonts,
        'an object of font families, e.g. dejaVuFonts() from @ds/report/node',
        'fonts must name at least one font family; in Node, pass dejaVuFonts() from @ds/report/node',
      );
    }
    for (const [name, faces] of Object.entries(fonts)) {
      if (!faces || !(faces.regular instanceof Uint8Array)) {
        throw new ReportError(
          'invalid-font',
          `fonts.${name}.regular`,
          faces?.regular,
          'the bytes of a TTF or OTF file (Uint8Array)',
        );
      }
      const regular = cachedFace(faces.regular, `fonts.${name}.regular`);
      const bold = faces.bold ? cachedFace(faces.bold, `fonts.${name}.bold`) : regular;
      const italic = faces.italic ? cachedFace(faces.italic, `fonts.${name}.italic`) : regular;
      const boldItalic = faces.boldItalic ? cachedFace(faces.boldItalic, `fonts.${name}.boldItalic`) : faces.bold ? bold : italic;
      this.families.set(name.toLowerCase(), { regular, bold, italic, boldItalic });
    }
    this.defaultFamily = Object.keys(fonts)[0] as string;
    this.fallback = (fallback ?? Object.keys(fonts)).map((f) => f.toLowerCase());
    for (const f of this.fallback) {
      if (!this.families.has(f))
        throw new ReportError(
          'missing-font',
          'fallbackFonts',
          f,
          `one of the families in fonts: ${Object.keys(fonts).join(', ')}`,
        );
    }
  }

  private readonly stacks = new Map<string, string[]>();

  /**
   * A CSS font-family stack resolved to registered families, left to right: a registered name as
   * it is; a generic family (`serif`, `sans-serif`, `monospace`, `system-ui`…) or a common face
   * (Georgia and Times → serif, Arial and Helvetica → sans-serif, Courier → monospace) to the first
   * registered family of that kind. Names that resolve to nothing are left out.
   */
  familyStack(families: string[]): string[] {
    // Styles share their family arrays: by identity first, without building a key.
    const known = this.stackOf.get(families);
    if (known) return known;
    const key = families.join(',');
    let out = this.stacks.get(key);
    if (out) {
      this.stackOf.set(families, out);
      return out;
    }
    out = [];
    for (const f of families) {
      const name = f.toLowerCase();
      if (this.families.has(name)) out.push(name);
      else {
        const kind = GENERIC_OF[name];
        const found = kind ? this.ofKind(kind) : undefined;
        if (found) out.push(found);
      }
    }
    this.stacks.set(key, out);
    this.stackOf.set(families, out);
    return out;
  }
  private readonly stackOf = new WeakMap<string[], string[]>();

  /** Whether anything in a font-family stack is available (else the default family draws it). */
  hasAny(families: string[]): boolean {
    return this.familyStack(families).length > 0;
  }

  private ofKind(kind: 'serif' | 'sans-serif' | 'monospace'): string | undefined {
    const names = [...this.families.keys()];
    if (kind === 'monospace') return names.find((n) => /mono|courier|code|consol/.test(n));
    if (kind === 'serif')
      return names.find((n) => /serif/.test(n) && !/sans/.test(n)) ?? names.find((n) => /times|georgia|garamond|roman/.test(n));
    return names.find((n) => /sans/.test(n) && !/mono/.test(n)) ?? this.defaultFamily.toLowerCase();
  }

  /** The face that draws `cp` in the first family of the list that has it, then the fallbacks. */
  faceFor(families: string[], bold: boolean, italic: boolean, cp: number): Face | null {
    return this.resolver(families, bold, italic)(cp);
  }

  /** `faceFor` with the style fixed, for the per-character loop. */
  resolver(families: string[], bold: boolean, italic: boolean): (cp: number) => Face | null {
    const key = `${families.join(',')}|${bold ? 1 : 0}${italic ? 1 : 0}`;
    const stack = this.familyStack(families);
    let cache = this.resolved.get(key);
    if (!cache) {
      cache = new Map();
      this.resolved.set(key, cache);
    }
    const c = cache;
    let low = this.low.get(key);
    if (!low) {
      low = new Array(4096);
      this.low.set(key, low);
    }
    const l = low;
    return (cp) => {
      if (cp < 4096) {
        const hit = l[cp];
        if (hit !== undefined) return hit;
        const face = this.resolve(stack, bold, italic, cp, c);
        l[cp] = face;
        return face;
      }
      const face = c.get(cp);
      return face !== undefined ? face : this.resolve(stack, bold, italic, cp, c);
    };
  }

  private resolve(families: string[], bold: boolean, italic: boolean, cp: number, cache: Map<number, Face | null>): Face | null {
    let face: Face | null;
    face = null;
    const order = [...families.map((f) => f.toLowerCase()), ...this.fallback, this.defaultFamily.toLowerCase()];
    for (const name of order) {
      const family = this.families.get(name);
      if (!family) continue;
      const f = bold ? (italic ? family.boldItalic : family.bold) : italic ? family.italic : family.regular;
      if (f.glyph(cp)) {
        face = f;
        break;
      }
      if (family.regular.glyph(cp)) {
        face = family.regular;
        break;
      }
    }
    cache.set(cp, face);
    return face;
  }

  /** A face to measure a line's height with when it has no text. */
  primary(families: string[], bold: boolean, italic: boolean): Face {
    const family =
      this.families.get(this.familyStack(families)[0] ?? '') ?? (this.families.get(this.defaultFamily.toLowerCase()) as Family);
    return bold ? (italic ? family.boldItalic : family.bold) : italic ? family.italic : family.regular;
  }
}

export { INVISIBLE };

// What CSS generic family a font name stands for when it is not registered: the generic names
// (CSS Fonts 4 §2.1.1) and the faces templates name most (the core fonts of Windows and macOS).
const GENERIC_OF: Record<string, 'serif' | 'sans-serif' | 'monospace'> = {
  serif: 'serif',
  'ui-serif': 'serif',
  georgia: 'serif',
  times: 'serif',
  'times new roman': 'serif',
  garamond: 'serif',
  cambria: 'serif',
  palatino: 'serif',
  'palatino linotype': 'serif',
  'book antiqua': 'serif',
  baskerville: 'serif',
  'libre baskerville': 'serif',
  merriweather: 'serif',
  'noto serif': 'serif',
  'playfair display': 'serif',
  'sans-serif': 'sans-serif',
  'ui-sans-serif': 'sans-serif',
  'system-ui': 'sans-serif',
  '-apple-system': 'sans-serif',
  blinkmacsystemfont: 'sans-serif',
  'segoe ui': 'sans-serif',
  arial: 'sans-serif',
  helvetica: 'sans-serif',
  'helvetica neue': 'sans-serif',
  verdana: 'sans-serif',
  tahoma: 'sans-serif',
  'trebuchet ms': 'sans-serif',
  calibri: 'sans-serif',
  roboto: 'sans-serif',
  'open sans': 'sans-serif',
  lato: 'sans-serif',
  inter: 'sans-serif',
  'source sans pro': 'sans-serif',
  'noto sans': 'sans-serif',
  'gill sans': 'sans-serif',
  'liberation sans': 'sans-serif',
  cursive: 'serif',
  fantasy: 'sans-serif',
  monospace: 'monospace',
  'ui-monospace': 'monospace',
  courier: 'monospace',
  'courier new': 'monospace',
  consolas: 'monospace',
  menlo: 'monospace',
  monaco: 'monospace',
  'sf mono': 'monospace',
  'lucida console': 'monospace',
  'source code pro': 'monospace',
  'fira code': 'monospace',
  'liberation mono': 'monospace',
  'sfmono-regular': 'monospace',
};

// Parsing a face is cheap, but a batch reuses the same bytes: keep one parse per byte array.
const faceCache = new WeakMap<Uint8Array, Face>();
function cachedFace(bytes: Uint8Array, label: string): Face {
  let face = faceCache.get(bytes);
  if (!face) {
    face = new Face(bytes, label);
    faceCache.set(bytes, face);
  }
  return face;
}
