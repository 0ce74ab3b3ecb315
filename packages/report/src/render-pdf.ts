import type nunjucks from 'nunjucks';
import {
  type PDFContext,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  type PDFPageTree,
  type PDFRef,
  PDFString,
} from 'pdf-lib';
import { type ComputedStyle, computeStyle, type Rgb, rootStyle, Stylesheet } from './css.js';
import { flateStream } from './deflate.js';
import { ReportError } from './errors.js';
import { type Face, type FontFamilies, FontSet, SHAPED_BASE } from './fonts.js';
import { type ElementNode, parseHtml } from './html.js';
import {
  type Atom,
  type AtomSink,
  type Draw,
  type LayoutContext,
  layoutInto,
  type MissingGlyph,
  numberLists,
  placeAtoms,
  type ResolvedImage,
} from './layout.js';
import { type PageLayout, Paginator } from './paginate.js';
import { PdfFonts } from './pdf-fonts.js';
import { PdfWriter } from './pdf-writer.js';
import { compileTemplate, createEnvironment, type RenderHtmlOptions, renderWith } from './render-html.js';
import type { RowStream } from './stream-rows.js';
import { svgToPdf } from './svg.js';

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
export async function renderPdf(template: string, data: Record<string, unknown>, options: RenderPdfOptions): Promise<Uint8Array> {
  if (typeof template !== 'string') throw new ReportError('invalid-type', 'template', typeof template, 'a string');
  if (options === null || typeof options !== 'object')
    throw new ReportError('missing-font', 'options.fonts', undefined, 'font families, e.g. dejaVuFonts() from @ds/report/node');
  const env = createEnvironment(options.templates ?? {}, options.strict ?? false, options.locale, options);
  const prepared = prepare(options, env);
  return (await templateToPdf(env, template, data ?? {}, options.name ?? '(template)', prepared, options)).bytes;
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
export function createRenderer(options: RendererOptions): Renderer {
  if (options === null || typeof options !== 'object' || options.templates === null || typeof options.templates !== 'object') {
    throw new ReportError('invalid-type', 'templates', options?.templates, 'an object of template sources by name');
  }
  const env = createEnvironment(options.templates, options.strict ?? false, options.locale, options);
  const compiled = new Map<string, nunjucks.Template>();
  for (const [name, source] of Object.entries(options.templates)) compiled.set(name, compileTemplate(env, source, name));
  const prepared = prepare(options, env);
  const get = (name: string) => {
    const t = compiled.get(name);
    if (!t)
      throw new ReportError(
        'template-not-found',
        'name',
        name,
        `one of: ${[...compiled.keys()].join(', ')}`,
        `template not found: ${name}`,
      );
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

function pageGeometry(p: PageOptions): Prepared['page'] {
  const size = p.size ?? 'A4';
  let wh: readonly [number, number];
  if (Array.isArray(size)) {
    if (size.length !== 2 || !size.every((v) => typeof v === 'number' && v >= 72 && v <= 14400)) {
      throw new ReportError('out-of-range', 'page.size', JSON.stringify(size), '[width, height] in points, each in [72, 14400]');
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
  return htmlToPdf(html, data, prepared, options, { ...extras, streams });
}

/** Lays out rendered HTML and writes the PDF, page by page as the layout fills them. */
export async function htmlToPdf(
  html: string,
  data: Record<string, unknown>,
  prepared: Prepared,
  options: RenderPdfOptions,
  { keepPages = false, streamTablesAfter = STREAM_TABLES_AFTER, streams = [], sink }: HtmlToPdfExtras = {},
): Promise<RenderedPdf> {
  const { fonts, page } = prepared;
  const parsed = parseHtml(html, { streamTablesAfter });
  const warnings = new Set(parsed.warnings);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const images =
    parsed.images.length > 0 ? await resolveImages(parsed.images, doc, options, warnings) : new Map<string, ResolvedImage>();
  const missing: MissingGlyph[] = [];
  const contentWidth = page.width - page.left - page.right;
  const layoutHtml = (root: ElementNode, styles: string[], where: string, sink: AtomSink) => {
    const before = missing.length;
    numberLists(root);
    const sheet = new Stylesheet(styles);
    const ctx: LayoutContext = {
      fonts,
      sheet,
      images: (src) => images.get(src) ?? unresolvedImage(src),
      missing,
      warnings,
      streams,
      pageHeight: page.height - page.top - page.bottom,
      ...(options.replacementGlyph !== undefined ? { replacement: options.replacementGlyph } : {}),
    };
    const base: ComputedStyle = rootStyle(fonts.defaultFamily);
    const body = computeStyle({ type: 'element', tag: 'body', attrs: {}, children: [] }, base, sheet);
    layoutInto(root, body, page.left, contentWidth, ctx, sink);
    for (const w of sheet.warnings) warnings.add(w);
    for (const m of missing.slice(before)) m.where = `${where} ${m.where}`;
  };

  const pdfFonts = new PdfFonts(doc);
  const context = doc.context;
  const writer = new PdfWriter(context, sink);
  const pageRefs: PDFRef[] = [];
  const pages: PageLayout[] = [];
  // Per page, where the header and footer go and where its links go: objects written at the end,
  // named by a page written long before.
  const bands = prepared.header !== undefined || prepared.footer !== undefined;
  const bandRefs: PDFRef[] = [];
  const annotRefs: (PDFRef | undefined)[] = [];
  const links: Extract<Draw, { op: 'link' }>[][] = [];
  // One resource dictionary for every page, written at the end: every font, every image by a
  // name of its own in the document.
  const fontsRef = context.nextRef();
  const xobjectsRef = context.nextRef();
  const resourcesRef = context.register(context.obj({ Font: fontsRef, XObject: xobjectsRef }));
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
  const encoder = new TextEncoder();
  const writeStream = (ops: string): PDFRef =>
    context.register(options.compress === false ? context.stream(ops) : flateStream(context, encoder.encode(ops)));
  const linksOf = (layers: [Draw[], number][]) => {
    const out: Extract<Draw, { op: 'link' }>[] = [];
    for (const [draws, dy] of layers) for (const d of draws) if (d.op === 'link') out.push({ ...d, y: d.y + dy });
    return out;
  };
  const pagesRootRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  const pagesRoot = doc.catalog.Pages() as unknown as PDFPageTree;
  // Every page has the same size: the page tree says it once (pages inherit it).
  pagesRoot.set(PDFName.of('MediaBox'), context.obj([0, 0, page.width, page.height]));
  // Each page is written as soon as it is full, its content stream and its dictionary, and its
  // layout let go.
  const writeBody = (p: PageLayout, i: number) => {
    const layers: [Draw[], number][] = [[p.under, 0]];
    for (const { atom, y } of p.placed) if (atom.under) layers.push([atom.under, y]);
    for (const { atom, y } of p.placed) layers.push([atom.draws, y]);
    const body = writeStream(contentOps(layers, page.height, pdfFonts, warnings, fonts, xobjectName));
    const found = linksOf(layers);
    if (found.length > 0) links[i] = found;
    const dict: Record<string, PDFObject> = { Type: PDFName.of('Page'), Parent: pagesRootRef, Resources: resourcesRef };
    if (bands) {
      const band = context.nextRef();
      bandRefs[i] = band;
      dict.Contents = context.obj([body, band]);
    } else dict.Contents = body;
    if (bands || found.length > 0) {
      const annots = context.nextRef();
      annotRefs[i] = annots;
      dict.Annots = annots;
    }
    const ref = context.register(context.obj(dict));
    pagesRoot.pushLeafNode(ref);
    pageRefs.push(ref);
    writer.write(body);
    writer.write(ref);
    pages.push(
      keepPages
        ? p
        : p.headings.length === 0 && p.anchors.length === 0
          ? BARE_PAGE
          : { ...BARE_PAGE, headings: p.headings, anchors: p.anchors },
    );
  };
  const paginator = new Paginator(page.top, page.height - page.bottom, writeBody);
  layoutHtml(parsed.root, parsed.styles, 'body', paginator);
  // The tree is laid out: let it go (a long table's tree is large).
  parsed.root.children = [];
  const count = paginator.finish();

  // Header and footer: laid out once the page count is known, as each page's second stream.
  const title = options.metadata?.title ?? parsed.title;
  for (let i = 0; i < count && bands; i++) {
    const vars = { ...data, page: i + 1, pages: count, title: title ?? '' };
    const band = (render: ((v: Record<string, unknown>) => string) | undefined, top: boolean): Draw[] => {
      if (!render) return [];
      const p = parseHtml(render(vars));
      for (const w of p.warnings) warnings.add(w);
      const atoms: Atom[] = [];
      layoutHtml(p.root, [...parsed.styles, ...p.styles], top ? 'header' : 'footer', atoms);
      const placed = placeAtoms(atoms);
      const y = top
        ? Math.max(0, (page.top - placed.height) / 2)
        : page.height - page.bottom + Math.max(0, (page.bottom - placed.height) / 2);
      return [...placed.under, ...placed.draws].map((d) => shiftDraw(d, y));
    };
    const draws = [...band(prepared.header, true), ...band(prepared.footer, false)];
    // A few hundred bytes: not worth a deflate stream each.
    context.assign(
      bandRefs[i] as PDFRef,
      context.stream(contentOps([[draws, 0]], page.height, pdfFonts, warnings, fonts, xobjectName)),
    );
    const found = linksOf([[draws, 0]]);
    if (found.length > 0) links[i] = [...(links[i] ?? []), ...found];
  }
  if (missing.length > 0) throw missingGlyphError(missing);
  for (const w of warnings) (options.onWarning ?? defaultWarn)(w);

  await pdfFonts.finish();
  context.assign(fontsRef, context.obj(Object.fromEntries(pdfFonts.resources())));
  context.assign(xobjectsRef, context.obj(Object.fromEntries([...xobjects].map(([ref, name]) => [name, ref]))));
  const anchors = new Map<string, { page: number; y: number }>();
  pages.forEach((p, i) => {
    for (const a of p.anchors) anchors.set(a.id, { page: i, y: a.y });
  });
  annotRefs.forEach((ref, i) => {
    if (ref) context.assign(ref, context.obj(linkAnnotations(context, links[i] ?? [], anchors, pageRefs, page.height)));
  });
  writeOutline(doc, pages, pageRefs, page.height);
  writeMetadata(doc, options, title);
  await doc.flush(); // images
  return { bytes: writer.finish(), pages, warnings: [...warnings] };
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

const f = (v: number) => (Math.round(v * 100) / 100).toString();
const color = (c: Rgb) => c.map((v) => f(v)).join(' ');

function contentOps(
  layers: [Draw[], number][],
  pageHeight: number,
  fonts: PdfFonts,
  warnings: Set<string>,
  fontSet: FontSet,
  /** The resource name of an image XObject. */
  xobjectName: (ref: PDFRef) => string,
): string {
  const out: string[] = [];
  const svgText =
    (face: (bold: boolean, text: string) => Face | null) =>
    (x: number, y: number, text: string, size: number, bold: boolean, fill: Rgb, anchor: 'start' | 'middle' | 'end') => {
      const parts: string[] = [];
      let width = 0;
      const runs: { face: Face; text: string }[] = [];
      for (const ch of text) {
        const fc = face(bold, ch);
        if (!fc) continue;
        width += (fc.glyph(ch.codePointAt(0) as number)?.advance ?? 0) * size;
        const last = runs[runs.length - 1];
        if (last && last.face === fc) last.text += ch;
        else runs.push({ face: fc, text: ch });
      }
      let cx = x - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
      parts.push('BT', `${color(fill)} rg`);
      for (const r of runs) {
        parts.push(`/${fonts.key(r.face)} ${f(size)} Tf 1 0 0 -1 ${f(cx)} ${f(y)} Tm <${fonts.encode(r.face, r.text)}> Tj`);
        for (const ch of r.text) cx += (r.face.glyph(ch.codePointAt(0) as number)?.advance ?? 0) * size;
      }
      parts.push('ET');
      return parts.join('\n');
    };
  let inText = false;
  let font = '';
  let fill = '';
  let lastFace: Face | undefined;
  let lastSize = 0;
  let lastColor: Rgb | undefined;
  let lineX = 0;
  let lineY = 0;
  const endText = () => {
    if (inText) out.push('ET');
    inText = false;
  };
  for (const [draws, dy] of layers) {
    // Draws are relative to their atom's top, dy down from the page's top edge.
    const H = pageHeight - dy;
    for (const d of draws) {
      switch (d.op) {
        case 'text': {
          if (!inText) {
            out.push('BT');
            inText = true;
            font = '';
            fill = '';
            lastFace = undefined;
            lastColor = undefined;
            lineX = 0;
            lineY = 0;
          }
          // Faces, sizes and colours are shared objects: most draws repeat the previous ones.
          if (d.face !== lastFace || d.size !== lastSize) {
            const key = `/${fonts.key(d.face)} ${f(d.size)} Tf`;
            if (key !== font) out.push(key);
            font = key;
            lastFace = d.face;
            lastSize = d.size;
          }
          if (d.color !== lastColor) {
            const c = `${color(d.color)} rg`;
            if (c !== fill) out.push(c);
            fill = c;
            lastColor = d.color;
          }
          // Td moves from the previous line's start: short numbers, in hundredths of a point as
          // the positions are rounded, so nothing accumulates.
          const x = Math.round(d.x * 100);
          const y = Math.round((H - d.y) * 100);
          // Shaped text (reordered, ligated glyphs) carries the letters it shows as ActualText,
          // which text extraction reads instead of the glyphs.
          const shown = showText(fonts, d);
          const marked =
            d.actualText === undefined ? shown : `/Span <</ActualText <FEFF${utf16be(d.actualText)}>>> BDC ${shown} EMC`;
          out.push(`${(x - lineX) / 100} ${(y - lineY) / 100} Td ${marked}`);
          lineX = x;
          lineY = y;
          break;
        }
        case 'rect':
          endText();
          if (d.fill) out.push(`q ${color(d.fill)} rg ${f(d.x)} ${f(H - d.y - d.h)} ${f(d.w)} ${f(d.h)} re f Q`);
          break;
        case 'line':
          endText();
          out.push(`q ${color(d.color)} RG ${f(d.width)} w ${f(d.x1)} ${f(H - d.y1)} m ${f(d.x2)} ${f(H - d.y2)} l S Q`);
          break;
        case 'image': {
          endText();
          const img = d.image as { ref: PDFRef };
          const key = xobjectName(img.ref);
          out.push(`q ${f(d.w)} 0 0 ${f(d.h)} ${f(d.x)} ${f(H - d.y - d.h)} cm /${key} Do Q`);
          break;
        }
        case 'svg': {
          endText();
          const svgFace = (bold: boolean, ch: string) =>
            fontSet.faceFor([fontSet.defaultFamily], bold, false, ch.codePointAt(0) as number);
          out.push(svgToPdf(d.node, d.x, H - d.y - d.h, d.w, d.h, svgText(svgFace), warnings));
          break;
        }
        case 'link':
          break;
      }
    }
  }
  endText();
  return out.join('\n');
}

/**
 * The operator that shows a text draw: `Tj`, or for a kerned or justified run a `TJ` array that
 * moves glyphs by the face's kerning (as layout measured it: between neighbours, not across a
 * space) and each space on by the draw's word spacing (`Tw` does not apply to two-byte codes).
 */
function showText(fonts: PdfFonts, d: Extract<Draw, { op: 'text' }>): string {
  if (d.placed) return showPlaced(fonts, d, d.placed);
  if (!d.wordSpacing && !d.kerned) return `${fonts.show(d.face, d.text)} Tj`;
  // TJ numbers are thousandths of the font size, subtracted from the advance.
  const number = (points: number) => `${-Math.round((points * 1000 * 1000) / d.size) / 1000}`;
  const gap = d.wordSpacing ? number(d.wordSpacing) : '';
  const parts: string[] = [];
  let piece = '';
  let prev = 32;
  for (const ch of d.text) {
    const code = ch.codePointAt(0) as number;
    if (d.kerned && prev !== 32 && code !== 32) {
      const k = d.face.kern(prev, code);
      if (k !== 0) {
        parts.push(fonts.show(d.face, piece), number(k * d.size));
        piece = '';
      }
    }
    piece += ch;
    if (code === 32 && gap !== '') {
      parts.push(fonts.show(d.face, piece), gap);
      piece = '';
    }
    prev = code;
  }
  if (piece !== '') parts.push(fonts.show(d.face, piece));
  return `[${parts.join(' ')}] TJ`;
}

/** UTF-16BE hex of a string, for a PDF text string. */
function utf16be(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return out;
}

/**
 * A run with glyphs the font shaped and positioned (`placed`): each such glyph moved by its
 * offset (TJ numbers across, text rise up and down) and followed by the advance the font's
 * positioning added, so the run ends where layout measured. Kerning as `showText` draws it.
 */
function showPlaced(
  fonts: PdfFonts,
  d: Extract<Draw, { op: 'text' }>,
  placed: { dx: number; dy: number; extra: number }[],
): string {
  const number = (em: number) => `${-Math.round(em * 1000 * 1000) / 1000}`;
  const gap = d.wordSpacing ? d.wordSpacing / d.size : 0;
  const ops: string[] = [];
  let parts: string[] = [];
  let piece = '';
  let rise = 0;
  const flush = () => {
    if (piece !== '') parts.push(fonts.show(d.face, piece));
    piece = '';
  };
  const close = () => {
    flush();
    if (parts.length > 0) ops.push(`[${parts.join(' ')}] TJ`);
    parts = [];
  };
  let prev = 32;
  let k = 0;
  for (const ch of d.text) {
    const code = ch.codePointAt(0) as number;
    const pl = placed[k++] as { dx: number; dy: number; extra: number };
    if (d.kerned && prev !== 32 && code !== 32 && prev < SHAPED_BASE && code < SHAPED_BASE) {
      const kern = d.face.kern(prev, code);
      if (kern !== 0) {
        flush();
        parts.push(number(kern));
      }
    }
    if (pl.dy !== rise) {
      close();
      rise = pl.dy;
      ops.push(`${Math.round(rise * d.size * 1000) / 1000} Ts`);
    }
    if (pl.dx !== 0) {
      flush();
      parts.push(number(pl.dx));
    }
    piece += ch;
    const after = pl.extra - pl.dx + (code === 32 ? gap : 0);
    if (after !== 0) {
      flush();
      parts.push(number(after));
    }
    prev = code;
  }
  close();
  if (rise !== 0) ops.push('0 Ts');
  return ops.join(' ');
}

/** The link annotations of a page: internal links to their anchor, web and mail links as URI actions. */
function linkAnnotations(
  ctx: PDFContext,
  links: Extract<Draw, { op: 'link' }>[],
  anchors: Map<string, { page: number; y: number }>,
  pages: PDFRef[],
  pageHeight: number,
): PDFRef[] {
  return links.flatMap((l) => {
    const rect = [l.x, pageHeight - l.y - l.h, l.x + l.w, pageHeight - l.y].map((v) => Math.round(v * 100) / 100);
    const base = { Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0] };
    if (l.href.startsWith('#')) {
      const target = anchors.get(l.href.slice(1));
      if (!target) return [];
      const dest = ctx.obj([pages[target.page] as PDFRef, PDFName.of('XYZ'), null, Math.round(pageHeight - target.y), null]);
      return [ctx.register(ctx.obj({ ...base, Dest: dest }))];
    }
    if (!/^(https?:|mailto:)/i.test(l.href)) return [];
    return [ctx.register(ctx.obj({ ...base, A: { Type: 'Action', S: 'URI', URI: PDFString.of(l.href) } }))];
  });
}

interface OutlineNode {
  title: string;
  level: number;
  page: number;
  y: number;
  children: OutlineNode[];
}

function writeOutline(doc: PDFDocument, pages: PageLayout[], pageRefs: PDFRef[], pageHeight: number): void {
  const root: OutlineNode = { title: '', level: 0, page: 0, y: 0, children: [] };
  const stack: OutlineNode[] = [root];
  pages.forEach((p, i) => {
    for (const h of p.headings) {
      if (!h.title) continue;
      const node: OutlineNode = { title: h.title, level: h.level, page: i, y: h.y, children: [] };
      while ((stack[stack.length - 1] as OutlineNode).level >= h.level) stack.pop();
      (stack[stack.length - 1] as OutlineNode).children.push(node);
      stack.push(node);
    }
  });
  if (root.children.length === 0) return;
  const ctx = doc.context;
  const outlinesRef = ctx.nextRef();
  const count = (n: OutlineNode): number => n.children.reduce((s, c) => s + 1 + count(c), 0);
  const write = (nodes: OutlineNode[], parent: PDFRef): { first: PDFRef; last: PDFRef } => {
    const refs = nodes.map(() => ctx.nextRef());
    nodes.forEach((n, i) => {
      const dict: Record<string, unknown> = {
        // A text string: UTF-16 with a byte order mark, for headings in any script.
        Title: PDFHexString.fromText(n.title),
        Parent: parent,
        Dest: [pageRefs[n.page] as PDFRef, PDFName.of('XYZ'), null, Math.round(pageHeight - n.y), null],
      };
      if (i > 0) dict.Prev = refs[i - 1];
      if (i < nodes.length - 1) dict.Next = refs[i + 1];
      if (n.children.length > 0) {
        const kids = write(n.children, refs[i] as PDFRef);
        dict.First = kids.first;
        dict.Last = kids.last;
        dict.Count = count(n);
      }
      ctx.assign(refs[i] as PDFRef, ctx.obj(dict as never));
    });
    return { first: refs[0] as PDFRef, last: refs[refs.length - 1] as PDFRef };
  };
  const top = write(root.children, outlinesRef);
  ctx.assign(outlinesRef, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: count(root) }));
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

function writeMetadata(doc: PDFDocument, options: RenderPdfOptions, title: string | undefined): void {
  const m = options.metadata ?? {};
  const date = m.date ?? (options.deterministic ? new Date('2000-01-01T00:00:00Z') : new Date());
  if (title) doc.setTitle(title);
  if (m.author) doc.setAuthor(m.author);
  if (m.subject) doc.setSubject(m.subject);
  if (m.keywords) doc.setKeywords(m.keywords);
  doc.setCreator(m.creator ?? '@ds/report');
  doc.setProducer('@ds/report (pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
}

/** Decodes, embeds and sizes every image the document uses, before layout. */
async function resolveImages(
  srcs: string[],
  doc: PDFDocument,
  options: RenderPdfOptions,
  warnings: Set<string>,
): Promise<Map<string, ResolvedImage>> {
  const out = new Map<string, ResolvedImage>();
  for (const src of srcs) {
    let bytes: Uint8Array | undefined;
    if (options.images && Object.hasOwn(options.images, src)) bytes = options.images[src];
    else if (src.startsWith('data:')) bytes = decodeDataUri(src);
    else if (options.loadImage) bytes = await options.loadImage(src);
    if (!(bytes instanceof Uint8Array)) {
      throw new ReportError(
        'invalid-image',
        'images',
        src,
        'the src of an image in options.images, a data: URI, or one options.loadImage returns',
        `image not found: ${src} (images are never fetched; pass its bytes in options.images)`,
      );
    }
    out.set(src, await embedImage(bytes, src, doc, warnings));
  }
  return out;
}

/** An image the layout meets that was not resolved before it: only rows of `{% streamrows %}` hold one. */
function unresolvedImage(src: string): never {
  throw new ReportError(
    'invalid-image',
    'images',
    src,
    'an image that also appears outside {% streamrows %} rows',
    `image ${src.length > 60 ? `${src.slice(0, 60)}…` : src} appears only in {% streamrows %} rows, which are rendered during layout: images are resolved before it, so use the image outside the block too (a hidden <img> will do)`,
  );
}

function decodeDataUri(src: string): Uint8Array | undefined {
  const m = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(src);
  if (!m) return undefined;
  if (m[2]) {
    const bin = atob((m[3] as string).replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return new TextEncoder().encode(decodeURIComponent(m[3] as string));
}

async function embedImage(bytes: Uint8Array, src: string, doc: PDFDocument, warnings: Set<string>): Promise<ResolvedImage> {
  const label = src.length > 60 ? `${src.slice(0, 60)}…` : src;
  const fail = (why: string) =>
    new ReportError(
      'invalid-image',
      'images',
      label,
      'PNG, JPEG or SVG bytes that decode',
      `image ${label} does not decode: ${why}`,
    );
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
      const img = await doc.embedPng(bytes);
      return { kind: 'raster', width: img.width, height: img.height, image: img };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const img = await doc.embedJpg(bytes);
      return { kind: 'raster', width: img.width, height: img.height, image: img };
    }
  } catch (error) {
    throw fail((error as Error).message);
  }
  const text = new TextDecoder().decode(bytes.subarray(0, 1 << 22));
  if (/<svg[\s>]/i.test(text)) {
    const parsed = parseHtml(text);
    const svg = findSvg(parsed.root);
    if (!svg) throw fail('no <svg> element');
    for (const w of parsed.warnings) warnings.add(w);
    const vb = (svg.attrs.viewbox ?? '').split(/[\s,]+/).map(Number);
    const width = Number.parseFloat(svg.attrs.width ?? '') || vb[2] || 300;
    const height = Number.parseFloat(svg.attrs.height ?? '') || vb[3] || 150;
    return { kind: 'svg', width, height, svg };
  }
  throw fail('not PNG, JPEG or SVG');
}

function findSvg(el: ElementNode): ElementNode | undefined {
  if (el.tag === 'svg') return el;
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    const s = findSvg(c);
    if (s) return s;
  }
  return undefined;
}

/** A laid-out piece of text: page (from 1), left, baseline (points down from the page top), width, size. */
export interface TextBox {
  page: number;
  x: number;
  y: number;
  w: number;
  size: number;
  text: string;
}

/**
 * Renders like `renderPdf` and also returns where each piece of text went, for layout golden
 * files and for checking ink per text box. Not part of the public entry point.
 */
export async function renderWithBoxes(
  template: string,
  data: Record<string, unknown>,
  options: RenderPdfOptions,
  streamTablesAfter?: number,
): Promise<{ bytes: Uint8Array; boxes: TextBox[]; pageSize: [number, number] }> {
  const env = createEnvironment(options.templates ?? {}, options.strict ?? false, options.locale, options);
  const prepared = prepare(options, env);
  const rendered = await templateToPdf(env, template, data, options.name ?? '(template)', prepared, options, {
    keepPages: true,
    ...(streamTablesAfter !== undefined ? { streamTablesAfter } : {}),
  });
  const r = (v: number) => Math.round(v * 100) / 100;
  const boxes: TextBox[] = [];
  rendered.pages.forEach((p, i) => {
    for (const { atom, y } of p.placed) {
      for (const d of atom.draws) {
        if (d.op === 'text') boxes.push({ page: i + 1, x: r(d.x), y: r(d.y + y), w: r(d.width), size: d.size, text: d.text });
      }
    }
  });
  return { bytes: rendered.bytes, boxes, pageSize: [prepared.page.width, prepared.page.height] };
}
