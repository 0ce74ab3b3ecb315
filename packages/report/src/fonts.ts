import fontkit from '@pdf-lib/fontkit';
import { ReportError } from './errors.js';

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
      font = fontkit.create(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
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
  }

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

  private lookup(cp: number): { id: number; advance: number } | null {
    if (!this.font.hasGlyphForCodePoint(cp)) return null;
    const glyph = this.font.glyphForCodePoint(cp);
    return { id: glyph.id, advance: glyph.advanceWidth / this.unitsPerEm };
  }
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

  /** The face that draws `cp` in the first family of the list that has it, then the fallbacks. */
  faceFor(families: string[], bold: boolean, italic: boolean, cp: number): Face | null {
    return this.resolver(families, bold, italic)(cp);
  }

  /** `faceFor` with the style fixed, for the per-character loop. */
  resolver(families: string[], bold: boolean, italic: boolean): (cp: number) => Face | null {
    const key = `${families.join(',')}|${bold ? 1 : 0}${italic ? 1 : 0}`;
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
        const face = this.resolve(families, bold, italic, cp, c);
        l[cp] = face;
        return face;
      }
      const face = c.get(cp);
      return face !== undefined ? face : this.resolve(families, bold, italic, cp, c);
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
      this.families.get((families[0] ?? '').toLowerCase()) ?? (this.families.get(this.defaultFamily.toLowerCase()) as Family);
    return bold ? (italic ? family.boldItalic : family.bold) : italic ? family.italic : family.regular;
  }
}

export { INVISIBLE };

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
