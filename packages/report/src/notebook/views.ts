// Reports in Jupyter: a PDF page as a PNG, and the HTML in an iframe.
//
// Rasterising: pdf.js (Mozilla's pdfjs-dist, which @ds/testkit reads PDFs with) draws the page on
// @napi-rs/canvas, pdf.js' own canvas for Node. Both come from npm alone: @napi-rs/canvas ships
// its Skia binary in per-platform packages (no install script, no system library, no compiler),
// and runs on Node and on Deno. Both load on the first call, so the main entry stays pure.

import { ReportError } from '../errors.js';
import { type Display, display, iframe } from './display.js';

/** Options of {@link showPdf}. */
export interface ShowPdfOptions {
  /** The page to show, from 1. Default 1. */
  page?: number;
  /** Pixels per PDF point (1 = 72 dpi). Default 1.25 (90 dpi); in (0, 4]. */
  scale?: number;
}

// A page larger than this many pixels is refused rather than filling the notebook (an A0 poster at
// scale 4 would be 160 million pixels).
const MAX_PIXELS = 40_000_000;

function checkOptions(options: unknown): Record<string, unknown> {
  if (
    options === null ||
    typeof options !== 'object' ||
    Array.isArray(options) ||
    Object.getPrototypeOf(options) !== Object.prototype
  ) {
    throw new ReportError('invalid-type', 'options', options, 'a plain object');
  }
  return options as Record<string, unknown>;
}

function base64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i] as number, bytes[i + 1] ?? 0, bytes[i + 2] ?? 0];
    const n = (a << 16) | (b << 8) | c;
    out += alphabet[(n >> 18) & 63] + (alphabet[(n >> 12) & 63] as string);
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63] : '=';
  }
  return out;
}

interface PdfPage {
  getViewport(o: { scale: number }): { width: number; height: number };
  render(o: Record<string, unknown>): { promise: Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}

/**
 * Shows a page of a PDF (the bytes `renderPdf` or a renderer's `pdf` return) as a PNG image,
 * drawn by pdf.js on @napi-rs/canvas (from npm, no system library). A warm A4 page at the
 * default scale takes about 0.2 s (`bench/show-pdf.bench.ts`). In Jupyter (Deno's kernel or tslab) the call shows it; it returns the `Display`, whose `bundle` holds what was sent.
 *
 * @throws {ReportError} `invalid-type` for bytes that are not a PDF or options that are not a plain object; `out-of-range` for a page the PDF does not have, a scale outside (0, 4] or a page over 40 million pixels
 *
 * @example
 * import { renderPdf } from '@ds/report';
 * import { dejaVuFonts } from '@ds/report/node';
 * import { showPdf } from '@ds/report/notebook';
 * const pdf = await renderPdf('<h1>Hello</h1>', {}, { fonts: dejaVuFonts() });
 * const shown = await showPdf(pdf, { scale: 0.5 });
 * Object.keys(shown.bundle); // => ['image/png', 'text/plain']
 * shown.bundle['text/plain']; // => 'PDF page 1 of 1 (298 × 421 px)'
 */
export async function showPdf(pdf: Uint8Array, options: ShowPdfOptions = {}): Promise<Display> {
  if (!(pdf instanceof Uint8Array)) throw new ReportError('invalid-type', 'pdf', pdf, 'the bytes of a PDF (a Uint8Array)');
  const { page = 1, scale = 1.25 } = checkOptions(options);
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) {
    throw new ReportError('out-of-range', 'page', page, 'a page number ≥ 1');
  }
  if (typeof scale !== 'number' || !(scale > 0 && scale <= 4)) {
    throw new ReportError('out-of-range', 'scale', scale, 'a number in (0, 4]');
  }
  const [pdfjs, { createCanvas }] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('@napi-rs/canvas')]);
  let doc: PdfDocument;
  try {
    // pdf.js may detach the buffer it is given: hand it a copy.
    const task = pdfjs.getDocument({
      data: pdf.slice(),
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
    });
    doc = (await task.promise) as unknown as PdfDocument;
  } catch (e) {
    throw new ReportError(
      'invalid-type',
      'pdf',
      `${pdf.byteLength} bytes`,
      'a PDF',
      `pdf is not a readable PDF: ${(e as Error).message}`,
    );
  }
  try {
    if (page > doc.numPages) throw new ReportError('out-of-range', 'page', page, `a page of the PDF, 1 to ${doc.numPages}`);
    const p = await doc.getPage(page);
    const viewport = p.getViewport({ scale });
    const [width, height] = [Math.ceil(viewport.width), Math.ceil(viewport.height)];
    if (width * height > MAX_PIXELS) {
      throw new ReportError(
        'out-of-range',
        'scale',
        scale,
        `a scale that keeps the page under ${MAX_PIXELS / 1e6} million pixels (it would be ${width} × ${height})`,
      );
    }
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = 'white';
    context.fillRect(0, 0, width, height);
    await p.render({ canvas, canvasContext: context, viewport }).promise;
    const png = new Uint8Array(canvas.toBuffer('image/png'));
    const text = `PDF page ${page} of ${doc.numPages} (${width} × ${height} px)`;
    return display({ 'image/png': base64(png), 'text/plain': text }, text);
  } catch (e) {
    // pdf.js' own errors on a broken page (a page tree that refers to itself, a bad content stream).
    if (e instanceof ReportError) throw e;
    throw new ReportError(
      'invalid-type',
      'pdf',
      `${pdf.byteLength} bytes`,
      'a PDF whose page can be drawn',
      `page ${page} of the PDF cannot be drawn: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  } finally {
    await doc.destroy();
  }
}

/**
 * Shows a report's HTML (what `renderHtml` or a renderer's `html` return) in a sandboxed iframe's
 * `srcdoc`, so its styles do not leak into the notebook. Scripts inside it run (a report's
 * dropdowns and hover values); nothing is fetched that the page does not name.
 *
 * @throws {ReportError} `invalid-type` when `html` is not a string; `out-of-range` for a height outside [50, 10000] px
 *
 * @example
 * import { showHtml } from '@ds/report/notebook';
 * const shown = showHtml('<h1>Q3</h1>', { height: 200 });
 * shown.bundle['text/html'].startsWith('<iframe style="width: 100%; height: 200px'); // => true
 * shown.bundle['text/plain']; // => 'HTML report, 11 characters'
 */
export function showHtml(html: string, options: { height?: number } = {}): Display {
  if (typeof html !== 'string') throw new ReportError('invalid-type', 'html', html, 'a string of HTML');
  const { height = 600 } = checkOptions(options);
  if (typeof height !== 'number' || !(height >= 50 && height <= 10_000)) {
    throw new ReportError('out-of-range', 'height', height, 'a number of pixels in [50, 10000]');
  }
  const text = `HTML report, ${html.length.toLocaleString('en-US')} characters`;
  return display({ 'text/html': iframe(html, height), 'text/plain': text }, text);
}
