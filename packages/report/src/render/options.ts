// The options of the PDF renderers (`renderPdf`, `createRenderer`): their types, `PAGE_SIZES`, and
// the checks run on them before any work (`checkPdfOptions`, `withCheckedCallbacks`), so the CSS,
// layout, font and image code can trust what it is given. What the options become once checked
// (fonts parsed, page geometry, header and footer compiled) is in `prepare.ts`.

import { checkArray, checkOptions, checkString, isPlainObject, optionalBoolean, optionalFunction } from '../check.js';
import { describeValue, ReportError } from '../errors.js';
import type { RenderHtmlOptions } from '../render-html.js';
import type { FontFamilies } from '../text/fonts.js';

/**
 * Page sizes by name, in points (1/72 in): ISO 216 A3–A5 (mm × 72 / 25.4) and US Letter and Legal.
 *
 * @example
 * import { PAGE_SIZES } from '@ds/report';
 * PAGE_SIZES.A4; // => [595.28, 841.89]
 */
export const PAGE_SIZES = {
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  Letter: [612, 792],
  Legal: [612, 1008],
} as const;

/** Page size, orientation and margins. */
export interface PageOptions {
  /** A name from `PAGE_SIZES` or `[width, height]` in points. Default `'A4'`. */
  size?: keyof typeof PAGE_SIZES | [number, number];
  /** Default `'portrait'`. */
  orientation?: 'portrait' | 'landscape';
  /** Margins in points, one number for all four. Default 56.7 (2 cm); header and footer sit inside the top and bottom margins. */
  margin?: number | { top?: number; right?: number; bottom?: number; left?: number };
}

/** Document information written into the PDF. */
export interface PdfMetadata {
  /** Default: the HTML `<title>`, if any. */
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Default `'@ds/report'`. */
  creator?: string;
  /** Creation and modification date. Default: now, or 2000-01-01T00:00:00Z in deterministic mode. */
  date?: Date;
}

/** Options of `renderPdf` (and the defaults of `createRenderer`). */
export interface RenderPdfOptions extends RenderHtmlOptions {
  /**
   * Font families by CSS name; the first is the default. Required: the main entry reads no files,
   * so in Node pass `dejaVuFonts()` from `@ds/report/node` (DejaVu Sans and Serif).
   */
  fonts: FontFamilies;
  /** Families tried, in order, for a character the element's own family lacks. Default: every family in `fonts`. */
  fallbackFonts?: string[];
  /** Draw this character for a character no font has, instead of throwing `missing-glyph`. */
  replacementGlyph?: string;
  page?: PageOptions;
  /** A template for the top margin of every page; sees the data plus `page` and `pages`. */
  header?: string;
  /** A template for the bottom margin: `'Page {{ page }} of {{ pages }}'`. */
  footer?: string;
  metadata?: PdfMetadata;
  /** Same input, same bytes: fixed dates and font subset names. Default `false`. */
  deterministic?: boolean;
  /** Images by the `src` the template uses (PNG, JPEG or SVG bytes). `data:` URIs work without it. */
  images?: Record<string, Uint8Array>;
  /** Called for a `src` in neither `images` nor a data URI; nothing is fetched unless it does. */
  loadImage?: (src: string) => Uint8Array | Promise<Uint8Array>;
  /**
   * Reads the file an `@font-face` `src: url(...)` names (TTF or OTF bytes), e.g. relative to the
   * template folder; `data:` URIs work without it.
   */
  loadFont?: (src: string) => Uint8Array | Promise<Uint8Array>;
  /**
   * Finds the face an `@font-face` `src: local("name")` names when no registered font (`fonts`) has
   * that family, full or PostScript name: bytes, or undefined for the next `src` entry. In Node,
   * `systemFonts()` from `@ds/report/node` looks among the system's fonts.
   */
  localFont?: (name: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>;
  /** Deflate page content (smaller files, slower writes). Default `true`. */
  compress?: boolean;
  /** Called once per unsupported element, property or SVG feature met. Default: `console.warn`. */
  onWarning?: (message: string) => void;
}

/**
 * The options, checked to be an object, with `loadImage` wrapped so that what it returns (or
 * throws) for a `src` becomes a typed error naming it, before the image code sees it.
 */
export function withCheckedCallbacks<O extends RenderPdfOptions>(options: O): O {
  checkOptions('options', options, true);
  // Before the template environment is built: a refused option costs nothing.
  checkPdfOptions(options);
  const load = optionalFunction<(src: string) => unknown>('loadImage', options.loadImage);
  if (load === undefined) return options;
  const loadImage = async (src: string): Promise<Uint8Array> => {
    let bytes: unknown;
    try {
      bytes = await load(src);
    } catch (error) {
      if (error instanceof ReportError) throw error;
      const why = error instanceof Error ? error.message : describeValue(error);
      throw new ReportError(
        'invalid-image',
        'loadImage',
        src,
        'the bytes of the image at each src',
        `loadImage(${describeValue(src)}) failed: ${why}`,
        {
          cause: error,
        },
      );
    }
    if (!(bytes instanceof Uint8Array))
      throw new ReportError(
        'invalid-type',
        'loadImage',
        bytes,
        'a function returning a Uint8Array (or a promise of one) of PNG, JPEG or SVG bytes',
        `loadImage(${describeValue(src)}) must return the image's bytes (a Uint8Array), got ${describeValue(bytes, true)}`,
      );
    return bytes;
  };
  return { ...options, loadImage };
}

/** Checks the options only the PDF renderers take, before any work (the CSS, layout and font code trusts them). */
export function checkPdfOptions(o: RenderPdfOptions): void {
  if (!isPlainObject(o.fonts))
    throw new ReportError(
      'missing-font',
      'fonts',
      o.fonts,
      'an object of font families, e.g. dejaVuFonts() from @ds/report/node',
    );
  if (o.fallbackFonts !== undefined) {
    checkArray('fallbackFonts', o.fallbackFonts, 100).forEach((f, i) => {
      checkString(`fallbackFonts[${i}]`, f, false, 200);
    });
  }
  for (const key of ['header', 'footer'] as const) {
    if (o[key] !== undefined) checkString(key, o[key], true, 100_000);
  }
  if (o.page !== undefined) checkOptions('page', o.page);
  optionalBoolean('deterministic', o.deterministic, false);
  optionalBoolean('compress', o.compress, true);
  optionalFunction('loadImage', o.loadImage);
  if (o.loadFont !== undefined && typeof o.loadFont !== 'function')
    throw new ReportError('invalid-type', 'loadFont', o.loadFont, 'a function from a url() to TTF or OTF bytes');
  if (o.localFont !== undefined && typeof o.localFont !== 'function')
    throw new ReportError('invalid-type', 'localFont', o.localFont, 'a function from a local() name to TTF or OTF bytes');
  if (o.replacementGlyph !== undefined && (typeof o.replacementGlyph !== 'string' || [...o.replacementGlyph].length !== 1)) {
    throw new ReportError('invalid-type', 'replacementGlyph', o.replacementGlyph, 'one character');
  }
  if (o.images !== undefined) {
    const images = checkOptions<Record<string, unknown>>('images', o.images);
    for (const [src, bytes] of Object.entries(images)) {
      if (!(bytes instanceof Uint8Array))
        throw new ReportError('invalid-type', `images.${src}`, bytes, 'the bytes of a PNG, JPEG or SVG (a Uint8Array)');
    }
  }
  if (o.metadata !== undefined) {
    const m = checkOptions<PdfMetadata>('metadata', o.metadata);
    for (const key of ['title', 'author', 'subject', 'creator'] as const) {
      if (m[key] !== undefined) checkString(`metadata.${key}`, m[key], true, 10_000);
    }
    if (m.keywords !== undefined) {
      checkArray('metadata.keywords', m.keywords, 1_000).forEach((k, i) => {
        checkString(`metadata.keywords[${i}]`, k, true, 1_000);
      });
    }
    if (m.date !== undefined && !(m.date instanceof Date && Number.isFinite(m.date.getTime())))
      throw new ReportError(m.date instanceof Date ? 'out-of-range' : 'invalid-type', 'metadata.date', m.date, 'a valid Date');
  }
}
