// From rendered HTML to a PDF (`htmlToPdf`): the HTML parsed, its stylesheet (cached, see
// `stylesheets.ts`) and `@page` rules read, its `@font-face` faces and images loaded, the body laid
// out into the paginator (each full page written at once by a `PageWriter`, see `pages.ts`), then
// each page's header, footer and margin boxes (`margin-boxes.ts`) once the page count is known, and
// the document finished: fonts, links, page tree, outline, catalog and metadata.

import { PDFContext } from 'pdf-lib';
import { computeStyle, Stylesheet } from '../css/computed.js';
import { hasMarginBoxes, pageStyle } from '../css/page.js';
import { ReportError } from '../errors.js';
import { type ElementNode, parseHtml } from '../html.js';
import { layoutInto } from '../layout/block.js';
import type { AtomSink, Draw, LayoutContext, MissingGlyph, ResolvedImage } from '../layout/boxes.js';
import { numberLists } from '../layout/lists.js';
import { type NamedPages, type PageLayout, Paginator } from '../layout/paged.js';
import { resolveImages, unresolvedImage } from '../pdf/images.js';
import type { RowStream } from '../stream-rows.js';
import { fontFaceFamilies } from '../text/font-face.js';
import { FontSet } from '../text/fonts.js';
import { type LayoutHtml, PageMargins } from './margin-boxes.js';
import { writeMetadata } from './metadata.js';
import type { RenderPdfOptions } from './options.js';
import { PageWriter } from './pages.js';
import { geometryByName, type PageGeometry, type Prepared, sameGeometry } from './prepare.js';
import { documentSheet, rootStyleOf } from './stylesheets.js';

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
export interface HtmlToPdfExtras {
  /** Keep every page's layout in the result (golden tests). Default false. */
  keepPages?: boolean;
  /** See `STREAM_TABLES_AFTER`. */
  streamTablesAfter?: number;
  /** The `{% streamrows %}` blocks the template render collected, by index. */
  streams?: RowStream[];
  /** Takes the file in pieces as it is written (the result's `bytes` is then empty). */
  sink?: (bytes: Uint8Array) => void;
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
  const bodySheet = documentSheet(prepared, parsed, importStyles);
  const pageRules = pageStyle(bodySheet.pages, (w) => warnings.add(w));
  // The document's own faces (@font-face), over the families of options.fonts of the same name.
  if (bodySheet.fontFaces.length > 0) {
    const added = await fontFaceFamilies(bodySheet.fontFaces, options, warnings);
    if (added) fonts = new FontSet({ ...options.fonts, ...added }, options.fallbackFonts);
  }
  // The page box of each page name ('' for pages without one): options.page, else the @page rules.
  const geometryOf = geometryByName(prepared.page, options.page !== undefined, pageRules, warnings);
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
  const layoutHtml = documentLayout({
    fonts,
    images,
    missing,
    warnings,
    streams,
    running,
    page,
    namedPages,
    importStyles,
    replacement: options.replacementGlyph,
  });

  // Header, footer or margin boxes: each page then has a second content stream for them.
  const hasBoxes = hasMarginBoxes(pageRules);
  const bands = prepared.header !== undefined || prepared.footer !== undefined || hasBoxes;
  // Each page is written as soon as it is full, its content stream and its dictionary, and its
  // layout let go.
  const out = new PageWriter(context, {
    pagesRootRef,
    page,
    geometryOf,
    fonts,
    warnings,
    compress: options.compress !== false,
    bands,
    keepPages,
    sink,
  });
  const { pageNames, pageStrings } = out;
  const paginator = new Paginator(
    page.top,
    page.height - page.bottom,
    out.writeBody,
    (name) => {
      const g = geometryOf(name);
      return { top: g.top, bottom: g.height - g.bottom };
    },
    (from, to) => {
      if (!sameGeometry(geometryOf(from), geometryOf(to)))
        warnings.add(
          `position: fixed box drawn on pages ${to ? `named "${to}"` : 'without a name'} in the page area of the page it started on${from ? ` (named "${from}")` : ''}, of another size or margins: it may sit off those pages`,
        );
    },
  );
  layoutHtml(parsed.root, bodySheet, 'body', paginator);
  // The tree is laid out: let it go (a long table's tree is large).
  parsed.root.children = [];
  const count = paginator.finish();

  // Header, footer and margin boxes: laid out once the page count is known, as each page's second stream.
  const title = options.metadata?.title ?? parsed.title;
  const margins: Draw[][] = [];
  if (bands) {
    const inMargins = new PageMargins({
      prepared,
      pageRules,
      hasBoxes,
      count,
      pageNames,
      bodySheet,
      documentStyles: parsed.styles,
      running,
      data,
      title,
      layoutHtml,
      warnings,
    });
    for (let i = 0; i < count; i++) {
      const geometry = geometryOf(pageNames[i] ?? '');
      const draws = inMargins.draws(i, pageStrings[i] ?? [], geometry);
      if (keepPages) margins[i] = draws;
      out.writeBand(i, draws, geometry);
    }
  }
  if (missing.length > 0) throw missingGlyphError(missing);
  for (const w of warnings) (options.onWarning ?? defaultWarn)(w);

  await out.finish(catalogRef);
  writeMetadata(context, options, title);
  return {
    bytes: out.writer.finish(),
    pages: out.pages,
    warnings: [...warnings],
    pageSize: [page.width, page.height],
    ...(keepPages ? { margins } : {}),
  };
}

/** What the layouts of one document share. */
interface DocumentLayout {
  fonts: FontSet;
  /** The document's images by `src`, resolved before layout. */
  images: Map<string, ResolvedImage>;
  /** Where the layouts collect the characters no font has, and warnings. */
  missing: MissingGlyph[];
  warnings: Set<string>;
  /** The `{% streamrows %}` blocks of the template render. */
  streams: RowStream[];
  /** Where the body's layout collects running elements (position: running()). */
  running: ElementNode[];
  /** The first page's box: the default layout width and the page height. */
  page: PageGeometry;
  /** The page area of each page name, for the body's layout. */
  namedPages: () => NamedPages;
  /** The text an `@import` names. */
  importStyles: (url: string) => string | undefined;
  /** The options' `replacementGlyph`. */
  replacement: string | undefined;
}

/**
 * The layout function of a document: lays an HTML tree out with its fonts and images into a sink,
 * styled by a stylesheet (or stylesheet texts), `box` wide (default: the first page's content
 * width); into the paginator for the body, into a list of atoms for the margins. The characters
 * no font has are noted with `where` they were met.
 */
function documentLayout(d: DocumentLayout): LayoutHtml {
  const { fonts, images, missing, warnings, page } = d;
  const contentWidth = page.width - page.left - page.right;
  return (
    root: ElementNode,
    styles: string[] | Stylesheet,
    where: string,
    sink: AtomSink,
    box: { x: number; width: number } = { x: page.left, width: contentWidth },
  ) => {
    const before = missing.length;
    numberLists(root);
    const sheet = styles instanceof Stylesheet ? styles : new Stylesheet(styles, [], d.importStyles);
    const ctx: LayoutContext = {
      fonts,
      sheet,
      images: (src) => images.get(src) ?? unresolvedImage(src),
      missing,
      warnings,
      streams: d.streams,
      pageHeight: page.height - page.top - page.bottom,
      pageBox: { x: box.x, width: box.width },
      ...(sink instanceof Paginator ? { pageLayer: sink, running: d.running, pages: d.namedPages() } : {}),
      ...(d.replacement !== undefined ? { replacement: d.replacement } : {}),
    };
    const body = computeStyle({ type: 'element', tag: 'body', attrs: {}, children: [] }, rootStyleOf(fonts.defaultFamily), sheet);
    layoutInto(root, body, box.x, box.width, ctx, sink);
    for (const w of sheet.warnings) warnings.add(w);
    for (const m of missing.slice(before)) m.where = `${where} ${m.where}`;
  };
}

function defaultWarn(message: string): void {
  console.warn(`@ds/report: ${message}`);
}

/** The `missing-glyph` error: every character no font has and where (each once, the first 50 listed). */
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
