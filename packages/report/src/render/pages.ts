// Writing the pages of a document (`PageWriter`): each page's content stream and dictionary as soon
// as the layout has filled it (its layout then let go, but for its headings and anchors), the
// second stream of each page where its header, footer and margin boxes go once the page count is
// known, and at the end the objects every page names: the shared resources (fonts, images), the
// link annotations, the page tree, the outline and the catalog.

import type { PDFContext, PDFRef } from 'pdf-lib';
import type { Draw } from '../layout/boxes.js';
import type { PageLayout } from '../layout/paged.js';
import { contentOps } from '../pdf/content.js';
import { deflate } from '../pdf/deflate.js';
import { PdfFonts } from '../pdf/fonts.js';
import { linkAnnotations, writeOutline } from '../pdf/outline.js';
import { num, RawObject, ref as rawRef } from '../pdf/raw.js';
import { PdfWriter } from '../pdf/writer.js';
import type { FontSet } from '../text/fonts.js';
import type { PageGeometry } from './prepare.js';

type LinkDraw = Extract<Draw, { op: 'link' }>;

/** The layout kept of a page once it is written: its headings (outline) and anchors (links). */
const BARE_PAGE: PageLayout = Object.freeze({ under: [], placed: [], headings: [], anchors: [] }) as unknown as PageLayout;

/** The links among layers of draws, each layer moved down by its offset. */
function linksOf(layers: [Draw[], number][]): LinkDraw[] {
  const out: LinkDraw[] = [];
  for (const [draws, dy] of layers) for (const d of draws) if (d.op === 'link') out.push({ ...d, y: d.y + dy });
  return out;
}

/** What a `PageWriter` is told of the document. */
export interface PageWriterOptions {
  /** The page tree's root, written by `finish` (allocated first, with the catalog). */
  pagesRootRef: PDFRef;
  /** The default page box: the size the page tree states, which other pages inherit. */
  page: PageGeometry;
  /** The page box of a page name (named pages). */
  geometryOf: (name: string) => PageGeometry;
  /** The document's fonts, for the text's glyphs. */
  fonts: FontSet;
  warnings: Set<string>;
  /** Deflate the pages' content streams (the options' `compress`, default true). */
  compress: boolean;
  /** Each page has a second content stream, for its header, footer or margin boxes (`writeBand`). */
  bands: boolean;
  /** Keep each page's whole layout (golden tests) rather than its headings and anchors. */
  keepPages: boolean;
  /** Takes the file in pieces as it is written. */
  sink: ((bytes: Uint8Array) => void) | undefined;
}

/** Writes the pages of one document into `context` as they are laid out; see the module head. */
export class PageWriter {
  /** The page objects, in order. */
  readonly pageRefs: PDFRef[] = [];
  /** What is kept of each page's layout (see `BARE_PAGE`). */
  readonly pages: PageLayout[] = [];
  /** Running strings (string-set) set on each page, for string() in the margin boxes. */
  readonly pageStrings: ([string, string][] | undefined)[] = [];
  /** Each page's name (named pages). */
  readonly pageNames: string[] = [];
  readonly pdfFonts: PdfFonts;
  readonly writer: PdfWriter;
  // Per page, where the header and footer go and where its links go: objects written at the end,
  // named by a page written long before.
  private readonly bandRefs: PDFRef[] = [];
  private readonly annotRefs: (PDFRef | undefined)[] = [];
  private readonly links: LinkDraw[][] = [];
  // One resource dictionary for every page, written at the end: every font, every image by a
  // name of its own in the document.
  private readonly fontsRef: PDFRef;
  private readonly xobjectsRef: PDFRef;
  private readonly xobjects = new Map<PDFRef, string>();
  private readonly pagesRootText: string;
  private readonly resourcesText: string;
  // (The operators are ASCII: TextEncoder gives their bytes faster than pdf-lib's copy of a string.)
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly context: PDFContext,
    private readonly o: PageWriterOptions,
  ) {
    this.pdfFonts = new PdfFonts(context);
    this.writer = new PdfWriter(context, o.sink);
    this.fontsRef = context.nextRef();
    this.xobjectsRef = context.nextRef();
    const resourcesRef = context.register(
      new RawObject(`<</Font ${rawRef(this.fontsRef)} /XObject ${rawRef(this.xobjectsRef)}>>`),
    );
    this.pagesRootText = rawRef(o.pagesRootRef);
    this.resourcesText = rawRef(resourcesRef);
  }

  /** The resource name of an image XObject (`Im1`, `Im2` … in the order first drawn). */
  private readonly xobjectName = (ref: PDFRef): string => {
    let name = this.xobjects.get(ref);
    if (name === undefined) {
      name = `Im${this.xobjects.size + 1}`;
      this.xobjects.set(ref, name);
    }
    return name;
  };

  /** The height of page `i`, for links and the outline. */
  readonly heightOf = (i: number): number => this.o.geometryOf(this.pageNames[i] ?? '').height;

  // Deflated at once, synchronously (the runtime's zlib where it has one, else pdf-lib's; see
  // deflate.ts): the layout runs without pause, so streams queued for the platform's asynchronous
  // CompressionStream piled up, each holding a zlib state of a few hundred kilobytes, until the
  // whole document was laid out.
  // A page's content stream is written at once, as text (see RawObject), not kept in the document.
  private writeStream(ops: string): PDFRef {
    const ref = this.context.nextRef();
    const bytes = this.encoder.encode(ops);
    if (!this.o.compress) this.writer.writeRaw(ref, `<</Length ${bytes.length}>>`, bytes);
    else {
      const deflated = deflate(this.context, bytes);
      this.writer.writeRaw(ref, `<</Length ${deflated.length} /Filter /FlateDecode>>`, deflated);
    }
    return ref;
  }

  /**
   * Writes page `i` (the paginator's callback, as each page is full): its content stream and its
   * dictionary, and keeps of its layout only what the outline and links need.
   */
  readonly writeBody = (p: PageLayout, i: number): void => {
    const { context, o } = this;
    if (p.strings) this.pageStrings[i] = p.strings;
    this.pageNames[i] = p.name ?? '';
    const geometry = o.geometryOf(this.pageNames[i]);
    const layers: [Draw[], number][] = [[p.under, 0]];
    for (const { atom, y } of p.placed) if (atom.under) layers.push([atom.under, y]);
    for (const { atom, y } of p.placed) layers.push([atom.draws, y]);
    const body = this.writeStream(contentOps(layers, geometry.height, this.pdfFonts, o.warnings, o.fonts, this.xobjectName));
    const found = linksOf(layers);
    if (found.length > 0) this.links[i] = found;
    let dict = `<</Type /Page /Parent ${this.pagesRootText} /Resources ${this.resourcesText}`;
    // A named page of another size says its own (the others inherit the page tree's).
    if (geometry.width !== o.page.width || geometry.height !== o.page.height)
      dict += ` /MediaBox [0 0 ${num(geometry.width)} ${num(geometry.height)}]`;
    dict += ' /Contents ';
    if (o.bands) {
      const band = context.nextRef();
      this.bandRefs[i] = band;
      dict += `[${rawRef(body)} ${rawRef(band)}]`;
    } else dict += rawRef(body);
    if (o.bands || found.length > 0) {
      const annots = context.nextRef();
      this.annotRefs[i] = annots;
      dict += ` /Annots ${rawRef(annots)}`;
    }
    const ref = context.nextRef();
    this.pageRefs.push(ref);
    this.writer.writeRaw(ref, `${dict}>>`);
    this.pages.push(
      o.keepPages
        ? p
        : p.headings.length === 0 && p.anchors.length === 0
          ? BARE_PAGE
          : { ...BARE_PAGE, headings: p.headings, anchors: p.anchors },
    );
  };

  /** Writes page `i`'s second stream (`bands` only): the draws of its header, footer and margin boxes. */
  writeBand(i: number, draws: Draw[], geometry: PageGeometry): void {
    // A few hundred bytes: not worth a deflate stream each.
    this.context.assign(
      this.bandRefs[i] as PDFRef,
      RawObject.stream(
        this.encoder.encode(
          contentOps([[draws, 0]], geometry.height, this.pdfFonts, this.o.warnings, this.o.fonts, this.xobjectName),
        ),
      ),
    );
    const found = linksOf([[draws, 0]]);
    if (found.length > 0) this.links[i] = [...(this.links[i] ?? []), ...found];
  }

  /**
   * Once every page is written: the fonts (subset now), the resource dictionaries, each page's link
   * annotations, the page tree, the outline and the catalog (`catalogRef`).
   */
  async finish(catalogRef: PDFRef): Promise<void> {
    const { context, pageRefs, heightOf } = this;
    await this.pdfFonts.finish();
    context.assign(
      this.fontsRef,
      new RawObject(
        `<<${this.pdfFonts
          .resources()
          .map(([key, ref]) => `/${key} ${rawRef(ref)}`)
          .join(' ')}>>`,
      ),
    );
    context.assign(
      this.xobjectsRef,
      new RawObject(`<<${[...this.xobjects].map(([ref, name]) => `/${name} ${rawRef(ref)}`).join(' ')}>>`),
    );
    const anchors = new Map<string, { page: number; y: number }>();
    this.pages.forEach((p, i) => {
      for (const a of p.anchors) anchors.set(a.id, { page: i, y: a.y });
    });
    this.annotRefs.forEach((ref, i) => {
      if (ref)
        context.assign(
          ref,
          new RawObject(
            `[${linkAnnotations(context, this.links[i] ?? [], anchors, pageRefs, heightOf(i), heightOf)
              .map(rawRef)
              .join(' ')}]`,
          ),
        );
    });
    // The page tree: every page a kid of its root, which says the size they all have.
    const { page } = this.o;
    context.assign(
      this.o.pagesRootRef,
      new RawObject(
        `<</Type /Pages /Kids [${pageRefs.map(rawRef).join(' ')}] /Count ${pageRefs.length} /MediaBox [0 0 ${num(page.width)} ${num(page.height)}]>>`,
      ),
    );
    const outlines = writeOutline(context, this.pages, pageRefs, heightOf);
    context.assign(
      catalogRef,
      new RawObject(
        `<</Type /Catalog /Pages ${rawRef(this.o.pagesRootRef)}${outlines ? ` /Outlines ${rawRef(outlines)} /PageMode /UseOutlines` : ''}>>`,
      ),
    );
  }
}
