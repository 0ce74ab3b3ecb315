import type nunjucks from 'nunjucks';
import { PDFContext, type PDFRef } from 'pdf-lib';
import { checkArray, checkOptions, checkString, isPlainObject, optionalBoolean, optionalFunction } from './check.js';
import { type ComputedStyle, computeStyle, rootStyle, Stylesheet } from './css/computed.js';
import {
  boxesForPage,
  hasMarginBoxes,
  type MarginBox,
  namedPageBox,
  type PageRules,
  pageNumbers,
  pageStyle,
} from './css/page.js';
import { describeValue, ReportError } from './errors.js';
import { type ElementNode, parseHtml } from './html.js';
import { formatCounter, layoutInto } from './layout/block.js';
import {
  type Atom,
  type AtomSink,
  type Draw,
  type LayoutContext,
  type MissingGlyph,
  placeAtoms,
  type ResolvedImage,
} from './layout/boxes.js';
import { numberLists } from './layout/lists.js';
import { type NamedPages, type PageLayout, Paginator } from './layout/paged.js';
import { contentOps } from './pdf/content.js';
import { deflate } from './pdf/deflate.js';
import { PdfFonts } from './pdf/fonts.js';
import { resolveImages, unresolvedImage } from './pdf/images.js';
import { linkAnnotations, writeOutline } from './pdf/outline.js';
import { date, num, RawObject, ref as rawRef, textString } from './pdf/raw.js';
import { PdfWriter } from './pdf/writer.js';
import { compileTemplate, createEnvironment, type RenderHtmlOptions, renderWith, templateName } from './render-html.js';
import type { RowStream } from './stream-rows.js';
import { fontFaceFamilies } from './text/font-face.js';
import { type FontFamilies, FontSet } from './text/fonts.js';

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

interface Prepared {
  fonts: FontSet;
  page: { width: number; height: number; top: number; right: number; bottom: number; left: number };
  header?: (vars: Record<string, unknown>) => string;
  footer?: (vars: Record<string, unknown>) => string;
}

/**
 * Renders a nunjucks template to a PDF: the HTML subset it produces is laid out on pages (Unicode
 * line breaking, tables that size columns from content and repeat header rows, an outline from the
 * headings) and written with the given fonts, subset.
 *
 * @param template - the template source; only trusted templates (templates are code)
 * @param data - the variables; data is escaped, never executed
 * @throws {ReportError} `missing-glyph` listing every character no font has and where;
 *   `template-syntax`, `undefined-variable`, `invalid-font`, `invalid-image`, `out-of-range`
 *
 * @example
 * import { renderPdf } from '@ds/report';
 * import { dejaVuFonts } from '@ds/report/node';
 * const pdf = await renderPdf('<h1>{{ title }}</h1>', { title: 'Rates' }, { fonts: dejaVuFonts(), deterministic: true });
 * new TextDecoder().decode(pdf.subarray(0, 5)); // => '%PDF-'
 */
export async function renderPdf(template: string, data: Record<string, unknown>, given: RenderPdfOptions): Promise<Uint8Array> {
  if (typeof template !== 'string') throw new ReportError('invalid-type', 'template', template, 'a string (a template source)');
  const options = withCheckedCallbacks(given);
  const name = templateName(options.name);
  const env = createEnvironment(options.templates ?? {}, options.strict ?? false, options.locale, options);
  const prepared = prepare(options, env);
  return (await templateToPdf(env, template, data ?? {}, name, prepared, options)).bytes;
}

/** Options of `createRenderer`: `renderPdf`'s, with the templates compiled once. */
export type RendererOptions = Omit<RenderPdfOptions, 'name'> & { templates: Record<string, string> };

/** A renderer for a batch: the same templates and fonts, many reports. */
export interface Renderer {
  /** The HTML of template `name` with `data`. */
  html(name: string, data: Record<string, unknown>): string;
  /** The PDF of template `name` with `data`. */
  pdf(name: string, data: Record<string, unknown>): Promise<Uint8Array>;
  /**
   * The PDF of template `name` with `data`, handed to `write` in pieces (blocks of up to 64 KB,
   * each a copy of its own) as pages are finished, rather than returned whole; resolves to the
   * number of bytes. With a `{% streamrows %}` block fed by a generator, memory then stays flat
   * however long the table. `write` sees every piece of a complete file or, if rendering fails,
   * pieces of an incomplete one: write to a temporary file and rename it at the end (as
   * `writeReports` in `@ds/report/node` does).
   */
  pdfTo(name: string, data: Record<string, unknown>, write: (bytes: Uint8Array) => void): Promise<number>;
}

/**
 * Compiles the templates and parses the fonts once, for rendering many reports.
 *
 * @example
 * import { createRenderer } from '@ds/report';
 * import { dejaVuFonts } from '@ds/report/node';
 * const renderer = createRenderer({ templates: { 'rate.html': '<p>{{ rate | percent(1) }}</p>' }, fonts: dejaVuFonts() });
 * renderer.html('rate.html', { rate: 0.05 }); // => '<p>5.0%</p>'
 * (await renderer.pdf('rate.html', { rate: 0.05 })).length > 1000; // => true
 * // The same PDF in pieces, as a file is written, rather than whole:
 * const pieces: Uint8Array[] = [];
 * const size = await renderer.pdfTo('rate.html', { rate: 0.05 }, (bytes) => pieces.push(bytes));
 * size === pieces.reduce((n, bytes) => n + bytes.length, 0); // => true
 */
export function createRenderer(given: RendererOptions): Renderer {
  const options = withCheckedCallbacks(given);
  if (!isPlainObject(options.templates)) {
    throw new ReportError('invalid-type', 'templates', options.templates, 'an object of template sources by name');
  }
  const env = createEnvironment(options.templates, options.strict ?? false, options.locale, options);
  const compiled = new Map<string, nunjucks.Template>();
  for (const [name, source] of Object.entries(options.templates)) compiled.set(name, compileTemplate(env, source, name));
  const prepared = prepare(options, env);
  const get = (name: string) => {
    const t = typeof name === 'string' ? compiled.get(name) : undefined;
    if (!t) {
      const known = [...compiled.keys()];
      const shown = `${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}`;
      if (typeof name !== 'string') throw new ReportError('invalid-type', 'name', name, `the name of a template: ${shown}`);
      throw new ReportError(
        'template-not-found',
        'name',
        name,
        `one of: ${shown}`,
        `template not found: ${describeValue(name)} (the templates are: ${shown})`,
      );
    }
    return t;
  };
  return {
    html: (name, data) => renderWith(env, get(name), data ?? {}, name),
    pdf: async (name, data) => {
      return (await templateToPdf(env, get(name), data ?? {}, name, prepared, options)).bytes;
    },
    pdfTo: async (name, data, write) => {
      if (typeof write !== 'function') throw new ReportError('invalid-type', 'write', typeof write, 'a function taking bytes');
      let n = 0;
      await templateToPdf(env, get(name), data ?? {}, name, prepared, options, {
        sink: (bytes) => {
          n += bytes.length;
          write(bytes);
        },
      });
      return n;
    },
  };
}

function prepare(options: RenderPdfOptions, env: nunjucks.Environment): Prepared {
  checkPdfOptions(options);
  if (options.loadFont !== undefined && typeof options.loadFont !== 'function')
    throw new ReportError('invalid-type', 'loadFont', options.loadFont, 'a function from a url() to TTF or OTF bytes');
  if (options.localFont !== undefined && typeof options.localFont !== 'function')
    throw new ReportError('invalid-type', 'localFont', options.localFont, 'a function from a local() name to TTF or OTF bytes');
  const fonts = new FontSet(options.fonts, options.fallbackFonts);
  const page = pageGeometry(options.page ?? {});
  const out: Prepared = { fonts, page };
  if (options.header !== undefined) {
    const t = compileTemplate(env, options.header, 'header');
    out.header = (vars) => renderWith(env, t, vars, 'header');
  }
  if (options.footer !== undefined) {
    const t = compileTemplate(env, options.footer, 'footer');
    out.footer = (vars) => renderWith(env, t, vars, 'footer');
  }
  if (
    options.replacementGlyph !== undefined &&
    (typeof options.replacementGlyph !== 'string' || [...options.replacementGlyph].length !== 1)
  ) {
    throw new ReportError('invalid-type', 'replacementGlyph', options.replacementGlyph, 'one character');
  }
  return out;
}

/**
 * The options, checked to be an object, with `loadImage` wrapped so that what it returns (or
 * throws) for a `src` becomes a typed error naming it, before the image code sees it.
 */
function withCheckedCallbacks<O extends RenderPdfOptions>(options: O): O {
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
function checkPdfOptions(o: RenderPdfOptions): void {
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

function pageGeometry(p: PageOptions): Prepared['page'] {
  const size = p.size ?? 'A4';
  let wh: readonly [number, number];
  if (Array.isArray(size)) {
    if (size.length !== 2 || !size.every((v) => typeof v === 'number' && v >= 72 && v <= 14400)) {
      throw new ReportError('out-of-range', 'page.size', size, '[width, height] in points, each in [72, 14400]');
    }
    wh = size as [number, number];
  } else if (typeof size === 'string' && Object.hasOwn(PAGE_SIZES, size)) wh = PAGE_SIZES[size];
  else
    throw new ReportError('out-of-range', 'page.size', size, `one of ${Object.keys(PAGE_SIZES).join(', ')} or [width, height]`);
  const landscape = p.orientation === 'landscape';
  if (p.orientation !== undefined && p.orientation !== 'portrait' && !landscape)
    throw new ReportError('out-of-range', 'page.orientation', p.orientation, "'portrait' or 'landscape'");
  const [width, height] = landscape ? [wh[1], wh[0]] : [wh[0], wh[1]];
  const m = p.margin ?? 56.7;
  const margin =
    typeof m === 'number' ? { top: m, right: m, bottom: m, left: m } : { top: 56.7, right: 56.7, bottom: 56.7, left: 56.7, ...m };
  for (const [side, v] of Object.entries(margin)) {
    if (typeof v !== 'number' || !(v >= 0))
      throw new ReportError('out-of-range', `page.margin.${side}`, v, 'a number of points ≥ 0');
  }
  if (width - margin.left - margin.right < 72 || height - margin.top - margin.bottom < 72) {
    throw new ReportError(
      'out-of-range',
      'page.margin',
      JSON.stringify(margin),
      'margins that leave at least 72 points (1 in) of content width and height',
    );
  }
  return { width, height, ...margin };
}

/** A rendered document: its bytes and where everything went (for golden tests). */
export interface RenderedPdf {
  bytes: Uint8Array;
  pages: PageLayout[];
  warnings: string[];
  /** Width and height of the pages, points (options.page, else the stylesheet's @page). */
  pageSize: [number, number];
  /** Per page, the draws of its header, footer and margin boxes (kept for tests, `keepPages`). */
  margins?: Draw[][];
}

/**
 * Tables with more body rows than this are not kept whole: their rows are parsed once to size the
 * columns and again, one at a time, to lay them out (see `streamRows`).
 */
const STREAM_TABLES_AFTER = 200;

/** What `htmlToPdf` takes besides the HTML. */
interface HtmlToPdfExtras {
  /** Keep every page's layout in the result (golden tests). Default false. */
  keepPages?: boolean;
  /** See `STREAM_TABLES_AFTER`. */
  streamTablesAfter?: number;
  /** The `{% streamrows %}` blocks the template render collected, by index. */
  streams?: RowStream[];
  /** Takes the file in pieces as it is written (the result's `bytes` is then empty). */
  sink?: (bytes: Uint8Array) => void;
}

/** Renders a template and lays its HTML out as a PDF, its `{% streamrows %}` blocks pulled during layout. */
async function templateToPdf(
  env: nunjucks.Environment,
  template: string | nunjucks.Template,
  data: Record<string, unknown>,
  name: string,
  prepared: Prepared,
  options: RenderPdfOptions,
  extras: Omit<HtmlToPdfExtras, 'streams'> = {},
): Promise<RenderedPdf> {
  const streams: RowStream[] = [];
  const html = renderWith(env, template, data, name, streams);
  try {
    return await htmlToPdf(html, data, prepared, options, { ...extras, streams });
  } catch (error) {
    // The one error no check before layout can rule out: CSS nested thousands deep (`:not(` or
    // `calc(` inside each other) runs the parsers past the stack. HTML nesting is bounded (512).
    if (error instanceof RangeError && !(error instanceof ReportError) && /Maximum call stack/.test(error.message))
      throw new ReportError(
        'too-large',
        'template',
        name,
        'HTML and CSS nested at most a few hundred deep',
        `${name}: the document nests too deeply to lay out (a selector or value with functions inside each other thousands of times)`,
        { cause: error },
      );
    throw error;
  }
}

/** Lays out rendered HTML and writes the PDF, page by page as the layout fills them. */
export async function htmlToPdf(
  html: string,
  data: Record<string, unknown>,
  prepared: Prepared,
  options: RenderPdfOptions,
  { keepPages = false, streamTablesAfter = STREAM_TABLES_AFTER, streams = [], sink }: HtmlToPdfExtras = {},
): Promise<RenderedPdf> {
  let { fonts } = prepared;
  const parsed = parseHtml(html, { streamTablesAfter });
  const warnings = new Set(parsed.warnings);
  const importStyles = (url: string) =>
    options.templates && Object.hasOwn(options.templates, url) ? options.templates[url] : undefined;
  // The document's stylesheet, read once: its @page rules size the pages (unless options.page does).
  // A renderer keeps the sheets of the templates it renders (their computed styles with them), so
  // the second report from a template computes no style again.
  const sheetKey = `${parsed.styleLines.join(',')}\u0000${parsed.styles.join('\u0000')}`;
  const sheets = sheetCache.get(prepared) ?? new Map<string, Stylesheet>();
  sheetCache.set(prepared, sheets);
  let bodySheet = sheets.get(sheetKey);
  if (!bodySheet || bodySheet.computed > MAX_CACHED_STYLES) {
    bodySheet = new Stylesheet(parsed.styles, parsed.styleLines, importStyles);
    sheets.delete(sheetKey);
    if (sheets.size >= MAX_CACHED_SHEETS) sheets.delete(sheets.keys().next().value as string);
    sheets.set(sheetKey, bodySheet);
  }
  const pageRules = pageStyle(bodySheet.pages, (w) => warnings.add(w));
  // The document's own faces (@font-face), over the families of options.fonts of the same name.
  if (bodySheet.fontFaces.length > 0) {
    const added = await fontFaceFamilies(bodySheet.fontFaces, options, warnings);
    if (added) fonts = new FontSet({ ...options.fonts, ...added }, options.fallbackFonts);
  }
  // The page box of each page name ('' for pages without one): options.page, else the @page rules.
  const geometries = new Map<string, Prepared['page']>();
  const geometryOf = (name: string): Prepared['page'] => {
    let g = geometries.get(name);
    if (!g) {
      g = options.page === undefined ? pageFromStyle(prepared.page, namedPageBox(pageRules, name), warnings) : prepared.page;
      geometries.set(name, g);
    }
    return g;
  };
  const page = geometryOf('');
  const namedPages = (): NamedPages => ({
    current: '',
    area: (name) => {
      const g = geometryOf(name);
      return { x: g.left, width: g.width - g.left - g.right, height: g.height - g.top - g.bottom };
    },
  });
  // The document's objects: pdf-lib's context numbers them and holds the few written at the end.
  const context = PDFContext.create();
  const catalogRef = context.nextRef();
  context.trailerInfo.Root = catalogRef;
  const pagesRootRef = context.nextRef();
  const images =
    parsed.images.length > 0 ? await resolveImages(parsed.images, context, options, warnings) : new Map<string, ResolvedImage>();
  const missing: MissingGlyph[] = [];
  // Running elements (position: running()), for element() in the margin boxes.
  const running: ElementNode[] = [];
  const contentWidth = page.width - page.left - page.right;
  const layoutHtml = (
    root: ElementNode,
    styles: string[] | Stylesheet,
    where: string,
    sink: AtomSink,
    box: { x: number; width: number } = { x: page.left, width: contentWidth },
  ) => {
    const before = missing.length;
    numberLists(root);
    const sheet = styles instanceof Stylesheet ? styles : new Stylesheet(styles, [], importStyles);
    const ctx: LayoutContext = {
      fonts,
      sheet,
      images: (src) => images.get(src) ?? unresolvedImage(src),
      missing,
      warnings,
      streams,
      pageHeight: page.height - page.top - page.bottom,
      pageBox: { x: box.x, width: box.width },
      ...(sink instanceof Paginator ? { pageLayer: sink, running } : {}),
      ...(sink instanceof Paginator ? { pages: namedPages() } : {}),
      ...(options.replacementGlyph !== undefined ? { replacement: options.replacementGlyph } : {}),
    };
    let base = rootStyles.get(fonts.defaultFamily);
    if (!base) {
      base = Object.freeze(rootStyle(fonts.defaultFamily)) as ComputedStyle;
      rootStyles.set(fonts.defaultFamily, base);
    }
    const body = computeStyle({ type: 'element', tag: 'body', attrs: {}, children: [] }, base, sheet);
    layoutInto(root, body, box.x, box.width, ctx, sink);
    for (const w of sheet.warnings) warnings.add(w);
    for (const m of missing.slice(before)) m.where = `${where} ${m.where}`;
  };

  const pdfFonts = new PdfFonts(context);
  const writer = new PdfWriter(context, sink);
  const pageRefs: PDFRef[] = [];
  const pages: PageLayout[] = [];
  // Per page, where the header and footer go and where its links go: objects written at the end,
  // named by a page written long before.
  const hasBoxes = hasMarginBoxes(pageRules);
  const bands = prepared.header !== undefined || prepared.footer !== undefined || hasBoxes;
  const bandRefs: PDFRef[] = [];
  const annotRefs: (PDFRef | undefined)[] = [];
  const links: Extract<Draw, { op: 'link' }>[][] = [];
  // One resource dictionary for every page, written at the end: every font, every image by a
  // name of its own in the document.
  const fontsRef = context.nextRef();
  const xobjectsRef = context.nextRef();
  const resourcesRef = context.register(new RawObject(`<</Font ${rawRef(fontsRef)} /XObject ${rawRef(xobjectsRef)}>>`));
  const xobjects = new Map<PDFRef, string>();
  const xobjectName = (ref: PDFRef) => {
    let name = xobjects.get(ref);
    if (name === undefined) {
      name = `Im${xobjects.size + 1}`;
      xobjects.set(ref, name);
    }
    return name;
  };
  // Deflated at once, synchronously (the runtime's zlib where it has one, else pdf-lib's; see
  // deflate.ts): the layout runs without pause, so streams queued for the platform's asynchronous
  // CompressionStream piled up, each holding a zlib state of a few hundred kilobytes, until the
  // whole document was laid out.
  // (The operators are ASCII: TextEncoder gives their bytes faster than pdf-lib's copy of a string.)
  // A page's content stream is written at once, as text (see RawObject), not kept in the document.
  const encoder = new TextEncoder();
  const writeStream = (ops: string): PDFRef => {
    const ref = context.nextRef();
    const bytes = encoder.encode(ops);
    if (options.compress === false) writer.writeRaw(ref, `<</Length ${bytes.length}>>`, bytes);
    else {
      const deflated = deflate(context, bytes);
      writer.writeRaw(ref, `<</Length ${deflated.length} /Filter /FlateDecode>>`, deflated);
    }
    return ref;
  };
  const linksOf = (layers: [Draw[], number][]) => {
    const out: Extract<Draw, { op: 'link' }>[] = [];
    for (const [draws, dy] of layers) for (const d of draws) if (d.op === 'link') out.push({ ...d, y: d.y + dy });
    return out;
  };
  const pagesRootText = rawRef(pagesRootRef);
  const resourcesText = rawRef(resourcesRef);
  // Each page is written as soon as it is full, its content stream and its dictionary, and its
  // layout let go.
  // Running strings (string-set) set on each page, for string() in the margin boxes.
  const pageStrings: ([string, string][] | undefined)[] = [];
  // Each page's name (named pages), and its height for links and the outline.
  const pageNames: string[] = [];
  const heightOf = (i: number) => geometryOf(pageNames[i] ?? '').height;
  const writeBody = (p: PageLayout, i: number) => {
    if (p.strings) pageStrings[i] = p.strings;
    pageNames[i] = p.name ?? '';
    const geometry = geometryOf(pageNames[i]);
    const layers: [Draw[], number][] = [[p.under, 0]];
    for (const { atom, y } of p.placed) if (atom.under) layers.push([atom.under, y]);
    for (const { atom, y } of p.placed) layers.push([atom.draws, y]);
    const body = writeStream(contentOps(layers, geometry.height, pdfFonts, warnings, fonts, xobjectName));
    const found = linksOf(layers);
    if (found.length > 0) links[i] = found;
    let dict = `<</Type /Page /Parent ${pagesRootText} /Resources ${resourcesText}`;
    // A named page of another size says its own (the others inherit the page tree's).
    if (geometry.width !== page.width || geometry.height !== page.height)
      dict += ` /MediaBox [0 0 ${num(geometry.width)} ${num(geometry.height)}]`;
    dict += ' /Contents ';
    if (bands) {
      const band = context.nextRef();
      bandRefs[i] = band;
      dict += `[${rawRef(body)} ${rawRef(band)}]`;
    } else dict += rawRef(body);
    if (bands || found.length > 0) {
      const annots = context.nextRef();
      annotRefs[i] = annots;
      dict += ` /Annots ${rawRef(annots)}`;
    }
    const ref = context.nextRef();
    pageRefs.push(ref);
    writer.writeRaw(ref, `${dict}>>`);
    pages.push(
      keepPages
        ? p
        : p.headings.length === 0 && p.anchors.length === 0
          ? BARE_PAGE
          : { ...BARE_PAGE, headings: p.headings, anchors: p.anchors },
    );
  };
  const paginator = new Paginator(
    page.top,
    page.height - page.bottom,
    writeBody,
    (name) => {
      const g = geometryOf(name);
      return { top: g.top, bottom: g.height - g.bottom };
    },
    (from, to) => {
      const [a, b] = [geometryOf(from), geometryOf(to)];
      if (
        a.width !== b.width ||
        a.height !== b.height ||
        a.top !== b.top ||
        a.left !== b.left ||
        a.right !== b.right ||
        a.bottom !== b.bottom
      )
        warnings.add(
          `position: fixed box drawn on pages ${to ? `named "${to}"` : 'without a name'} in the page area of the page it started on${from ? ` (named "${from}")` : ''}, of another size or margins: it may sit off those pages`,
        );
    },
  );
  layoutHtml(parsed.root, bodySheet, 'body', paginator);
  // The tree is laid out: let it go (a long table's tree is large).
  parsed.root.children = [];
  const count = paginator.finish();

  // Header and footer: laid out once the page count is known, as each page's second stream.
  const title = options.metadata?.title ?? parsed.title;
  // Each string's value where a page starts: the last one set on the pages before it.
  const entry = new Map<string, string>();
  const margins: Draw[][] = [];
  // counter(page) in the margin boxes: the page's number as its @page rules count it.
  const numbers = hasBoxes ? pageNumbers(pageRules, count, pageNames) : [];
  for (let i = 0; i < count && bands; i++) {
    const set = pageStrings[i] ?? [];
    const geometry = geometryOf(pageNames[i] ?? '');
    const strings: RunningString = (name, which) => {
      const here = set.filter(([n]) => n === name);
      const before = entry.get(name) ?? '';
      if (which === 'first-except') return here.length > 0 ? '' : before;
      if (which === 'last') return here.length > 0 ? (here[here.length - 1] as [string, string])[1] : before;
      if (which === 'start') return before !== '' || here.length === 0 ? before : (here[0] as [string, string])[1];
      return here.length > 0 ? (here[0] as [string, string])[1] : before;
    };
    const vars = { ...data, page: i + 1, pages: count, title: title ?? '' };
    const band = (render: ((v: Record<string, unknown>) => string) | undefined, top: boolean): Draw[] => {
      if (!render) return [];
      const p = parseHtml(render(vars));
      for (const w of p.warnings) warnings.add(w);
      const atoms: Atom[] = [];
      layoutHtml(p.root, [...parsed.styles, ...p.styles], top ? 'header' : 'footer', atoms, {
        x: geometry.left,
        width: geometry.width - geometry.left - geometry.right,
      });
      const placed = placeAtoms(atoms);
      const y = top
        ? Math.max(0, (geometry.top - placed.height) / 2)
        : geometry.height - geometry.bottom + Math.max(0, (geometry.bottom - placed.height) / 2);
      return [...placed.under, ...placed.draws].map((d) => shiftDraw(d, y));
    };
    // The options' header and footer win over the stylesheet's margin boxes on their side.
    const boxes = hasBoxes
      ? marginBoxDraws(
          boxesForPage(pageRules, i, pageNames[i]),
          numbers[i] ?? i + 1,
          count,
          geometry,
          prepared,
          layoutHtml,
          warnings,
          strings,
          (name, which) => {
            const index = strings(`element(${name})`, which);
            return index === '' ? undefined : { el: running[Number(index)] as ElementNode, sheet: bodySheet };
          },
        )
      : [];
    for (const [name, value] of set) entry.set(name, value);
    const draws = [...band(prepared.header, true), ...band(prepared.footer, false), ...boxes];
    if (keepPages) margins[i] = draws;
    // A few hundred bytes: not worth a deflate stream each.
    context.assign(
      bandRefs[i] as PDFRef,
      RawObject.stream(encoder.encode(contentOps([[draws, 0]], geometry.height, pdfFonts, warnings, fonts, xobjectName))),
    );
    const found = linksOf([[draws, 0]]);
    if (found.length > 0) links[i] = [...(links[i] ?? []), ...found];
  }
  if (missing.length > 0) throw missingGlyphError(missing);
  for (const w of warnings) (options.onWarning ?? defaultWarn)(w);

  await pdfFonts.finish();
  context.assign(
    fontsRef,
    new RawObject(
      `<<${pdfFonts
        .resources()
        .map(([key, ref]) => `/${key} ${rawRef(ref)}`)
        .join(' ')}>>`,
    ),
  );
  context.assign(xobjectsRef, new RawObject(`<<${[...xobjects].map(([ref, name]) => `/${name} ${rawRef(ref)}`).join(' ')}>>`));
  const anchors = new Map<string, { page: number; y: number }>();
  pages.forEach((p, i) => {
    for (const a of p.anchors) anchors.set(a.id, { page: i, y: a.y });
  });
  annotRefs.forEach((ref, i) => {
    if (ref)
      context.assign(
        ref,
        new RawObject(
          `[${linkAnnotations(context, links[i] ?? [], anchors, pageRefs, heightOf(i), heightOf)
            .map(rawRef)
            .join(' ')}]`,
        ),
      );
  });
  // The page tree: every page a kid of its root, which says the size they all have.
  context.assign(
    pagesRootRef,
    new RawObject(
      `<</Type /Pages /Kids [${pageRefs.map(rawRef).join(' ')}] /Count ${pageRefs.length} /MediaBox [0 0 ${num(page.width)} ${num(page.height)}]>>`,
    ),
  );
  const outlines = writeOutline(context, pages, pageRefs, heightOf);
  context.assign(
    catalogRef,
    new RawObject(
      `<</Type /Catalog /Pages ${rawRef(pagesRootRef)}${outlines ? ` /Outlines ${rawRef(outlines)} /PageMode /UseOutlines` : ''}>>`,
    ),
  );
  writeMetadata(context, options, title);
  return {
    bytes: writer.finish(),
    pages,
    warnings: [...warnings],
    pageSize: [page.width, page.height],
    ...(keepPages ? { margins } : {}),
  };
}

/** The page geometry with what the stylesheet's @page rules set (checked as options.page is). */
function pageFromStyle(
  base: Prepared['page'],
  style: Pick<PageRules, 'size' | 'margin'>,
  warnings: Set<string>,
): Prepared['page'] {
  const [width, height] = style.size ?? [base.width, base.height];
  const m = style.margin;
  // CSS's initial page margins are the user agent's; ours are those of options.page's default.
  const page = {
    width,
    height,
    top: m.top ?? base.top,
    right: m.right ?? base.right,
    bottom: m.bottom ?? base.bottom,
    left: m.left ?? base.left,
  };
  if (width - page.left - page.right < 72 || height - page.top - page.bottom < 72) {
    warnings.add('@page margins leave less than 72 pt (1 in) of content width or height; the default margins are used');
    return { ...base, width, height };
  }
  return page;
}

type LayoutHtml = (
  root: ElementNode,
  styles: string[] | Stylesheet,
  where: string,
  sink: AtomSink,
  box?: { x: number; width: number },
) => void;

const marginSheet = new WeakMap<object, Stylesheet>();
/** Stylesheets by their text, per renderer (at most 32; one that computed 20,000 styles starts afresh). */
const sheetCache = new WeakMap<object, Map<string, Stylesheet>>();
const MAX_CACHED_SHEETS = 32;
const MAX_CACHED_STYLES = 20_000;
/** The root style of each default family: the key computed styles are cached under. */
const rootStyles = new Map<string, ComputedStyle>();

/** A running string's value on a page: `string(name, which)`. */
type RunningString = (name: string, which: 'first' | 'start' | 'last' | 'first-except') => string;

/**
 * The draws of a page's margin boxes (CSS Paged Media 3 §5): top and bottom boxes in the page's
 * margins, left, centre and right thirds of the content width (a box alone on its side takes the
 * whole width), centred vertically in the margin, their text aligned to their side; left and right
 * boxes in the side margins, top, middle and bottom thirds of the content height (one alone takes
 * it all), their text centred; corner boxes in the corners.
 */
function marginBoxDraws(
  boxes: Record<string, MarginBox>,
  page: number,
  pages: number,
  geometry: Prepared['page'],
  prepared: Prepared,
  layoutHtml: LayoutHtml,
  warnings: Set<string>,
  strings: RunningString = () => '',
  elements: (
    name: string,
    which: 'first' | 'start' | 'last' | 'first-except',
  ) => { el: ElementNode; sheet: Stylesheet } | undefined = () => undefined,
): Draw[] {
  const out: Draw[] = [];
  const cw = geometry.width - geometry.left - geometry.right;
  const ch = geometry.height - geometry.top - geometry.bottom;
  let sheet = marginSheet.get(prepared);
  if (!sheet) {
    sheet = new Stylesheet([]);
    marginSheet.set(prepared, sheet);
  }
  const textOf = (box: MarginBox) => {
    let text = '';
    for (const part of box.content ?? []) {
      if (part.kind === 'text') text += part.text;
      else if (part.kind === 'counter' || part.kind === 'counters')
        text +=
          part.name === 'page' ? formatCounter(page, part.style) : part.name === 'pages' ? formatCounter(pages, part.style) : '';
      else if (part.kind === 'string') text += strings(part.name, part.which);
    }
    return text;
  };
  /** Lays a box's content out in a rectangle, aligned `align`, centred vertically. */
  const draw = (
    name: string,
    box: MarginBox,
    text: string,
    rect: { x: number; y: number; w: number; h: number },
    align: string,
  ) => {
    const style = [
      `text-align: ${align}`,
      ...box.declarations.map((d) => `${d.name}: ${d.value}${d.important ? ' !important' : ''}`),
    ].join('; ');
    const root: ElementNode = { type: 'element', tag: '#root', attrs: {}, children: [] };
    const div: ElementNode = { type: 'element', tag: 'div', attrs: { style }, children: [], parent: root };
    root.children.push(div);
    // element(): the running element itself, styled by the document's stylesheet.
    let docSheet: Stylesheet | undefined;
    for (const part of box.content ?? []) {
      if (part.kind !== 'element') continue;
      const found = elements(part.name, part.which);
      if (!found) continue;
      docSheet = found.sheet;
      div.children.push({ ...found.el, parent: div });
    }
    if (text !== '') div.children.unshift({ type: 'text', text });
    if (div.children.length === 0) return;
    const atoms: Atom[] = [];
    layoutHtml(root, docSheet ?? sheet, `@${name}`, atoms, { x: rect.x, width: Math.max(1, rect.w) });
    const placed = placeAtoms(atoms);
    const y = rect.y + Math.max(0, (rect.h - placed.height) / 2);
    out.push(...[...placed.under, ...placed.draws].map((d) => shiftDraw(d, y)));
  };
  for (const side of ['top', 'bottom'] as const) {
    if ((side === 'top' && prepared.header !== undefined) || (side === 'bottom' && prepared.footer !== undefined)) continue;
    const names = ['left', 'center', 'right'].filter((p) => boxes[`${side}-${p}`]?.content);
    for (const pos of names) {
      const box = boxes[`${side}-${pos}`] as MarginBox;
      const text = textOf(box);
      if (text === '' && !box.content?.some((p) => p.kind === 'element')) continue;
      const alone = names.length === 1;
      const x = alone ? geometry.left : geometry.left + (cw / 3) * (pos === 'left' ? 0 : pos === 'center' ? 1 : 2);
      const y = side === 'top' ? 0 : geometry.height - geometry.bottom;
      const h = side === 'top' ? geometry.top : geometry.bottom;
      draw(`${side}-${pos}`, box, text, { x, y, w: alone ? cw : cw / 3, h }, pos);
    }
  }
  for (const side of ['left', 'right'] as const) {
    const names = ['top', 'middle', 'bottom'].filter((p) => boxes[`${side}-${p}`]?.content);
    for (const pos of names) {
      const box = boxes[`${side}-${pos}`] as MarginBox;
      const text = textOf(box);
      if (text === '' && !box.content?.some((p) => p.kind === 'element')) continue;
      const alone = names.length === 1;
      const x = side === 'left' ? 0 : geometry.width - geometry.right;
      const w = side === 'left' ? geometry.left : geometry.right;
      const y = alone ? geometry.top : geometry.top + (ch / 3) * (pos === 'top' ? 0 : pos === 'middle' ? 1 : 2);
      draw(`${side}-${pos}`, box, text, { x, y, w, h: alone ? ch : ch / 3 }, 'center');
    }
  }
  for (const v of ['top', 'bottom'] as const) {
    for (const h of ['left', 'right'] as const) {
      const name = `${v}-${h}-corner`;
      const box = boxes[name];
      if (!box?.content) continue;
      if ((v === 'top' && prepared.header !== undefined) || (v === 'bottom' && prepared.footer !== undefined)) continue;
      const text = textOf(box);
      if (text === '' && !box.content?.some((p) => p.kind === 'element')) continue;
      const rect = {
        x: h === 'left' ? 0 : geometry.width - geometry.right,
        y: v === 'top' ? 0 : geometry.height - geometry.bottom,
        w: h === 'left' ? geometry.left : geometry.right,
        h: v === 'top' ? geometry.top : geometry.bottom,
      };
      draw(name, box, text, rect, h === 'left' ? 'right' : 'left');
    }
  }
  for (const name of Object.keys(boxes)) {
    if (!/^(top|bottom)-(left|center|right)$|^(left|right)-(top|middle|bottom)$|^(top|bottom)-(left|right)-corner$/.test(name))
      warnings.add(`@page margin box @${name} not drawn (no such margin box)`);
  }
  return out;
}

/** The layout kept of a page once it is written: its headings (outline) and anchors (links). */
const BARE_PAGE: PageLayout = Object.freeze({ under: [], placed: [], headings: [], anchors: [] }) as unknown as PageLayout;

function defaultWarn(message: string): void {
  console.warn(`@ds/report: ${message}`);
}

function shiftDraw(d: Draw, dy: number): Draw {
  if (d.op === 'line') return { ...d, y1: d.y1 + dy, y2: d.y2 + dy };
  return { ...d, y: d.y + dy };
}

function missingGlyphError(missing: MissingGlyph[]): ReportError {
  const seen = new Set<string>();
  const list = missing.filter((m) => {
    const k = `${m.codePoint} ${m.where}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const lines = list.slice(0, 50).map((m) => `${m.char} (${m.codePoint}) in ${m.where}`);
  if (list.length > 50) lines.push(`… and ${list.length - 50} more`);
  return new ReportError(
    'missing-glyph',
    'fonts',
    list,
    'a font for every character (add one to fonts, or set replacementGlyph)',
    `no font has ${new Set(list.map((m) => m.codePoint)).size} character(s):\n${lines.join('\n')}`,
  );
}

function writeMetadata(context: PDFContext, options: RenderPdfOptions, title: string | undefined): void {
  const m = options.metadata ?? {};
  const when = date(m.date ?? (options.deterministic ? new Date('2000-01-01T00:00:00Z') : new Date()));
  let info = '<<';
  if (title) info += `/Title ${textString(title)} `;
  if (m.author) info += `/Author ${textString(m.author)} `;
  if (m.subject) info += `/Subject ${textString(m.subject)} `;
  if (m.keywords) info += `/Keywords ${textString(m.keywords.join(' '))} `;
  info += `/Creator ${textString(m.creator ?? '@ds/report')} /Producer ${textString('@ds/report (pdf-lib)')}`;
  context.trailerInfo.Info = context.register(new RawObject(`${info} /CreationDate ${when} /ModDate ${when}>>`));
}

/**
 * Renders like `renderPdf` and keeps every page's layout (boxes and draws), for tests that check
 * where things went (`test/boxes.ts`). Not part of the public entry point.
 */
export async function renderLayout(
  template: string,
  data: Record<string, unknown>,
  options: RenderPdfOptions,
  streamTablesAfter?: number,
): Promise<RenderedPdf> {
  const env = createEnvironment(options.templates ?? {}, options.strict ?? false, options.locale, options);
  const prepared = prepare(options, env);
  const rendered = await templateToPdf(env, template, data, options.name ?? '(template)', prepared, options, {
    keepPages: true,
    ...(streamTablesAfter !== undefined ? { streamTablesAfter } : {}),
  });
  return rendered;
}
