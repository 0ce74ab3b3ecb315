import { checkOptions } from './check.js';
import { TestkitError } from './errors.js';

/** Options of `pdfText`. */
export interface PdfTextOptions {
  /** 1-based page numbers to read, in the order given. Default: every page. */
  pages?: readonly number[];
  /** Password of an encrypted document. */
  password?: string;
  /**
   * `'content'` (default): items in the order the page draws them. `'reading'`: lines top to
   * bottom (items within 2 pt of a baseline are one line), items left to right joined by a space,
   * or by nothing when closer than a fifth of the font size (one word split at a font change), as
   * a reader sees a table or right-aligned numbers whatever order they were drawn in.
   */
  order?: 'content' | 'reading';
}

/** A positioned piece of a page's text, in PDF points, `y` up from the page's bottom. */
export interface PdfTextItem {
  str: string;
  /** The baseline start: the text matrix's translation. */
  x: number;
  y: number;
  width: number;
  height: number;
}

type PdfDocument = {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }> }>;
  destroy(): Promise<void>;
};

/**
 * The text of a PDF, page by page, as pdf.js extracts it (Mozilla's pdfjs-dist, the legacy build
 * so it runs in Node as in a browser): items in content order, a newline where pdf.js ends a line
 * or the baseline moves, pages separated by a form feed `\f` as poppler's `pdftotext` does.
 * Takes the bytes (no file access, so it runs anywhere). Encrypted files need `password`.
 *
 * @throws {TestkitError} when the bytes are not a PDF or a page number is out of range
 *
 * @example
 * import { pdfText } from '@ds/testkit';
 * const pdf = new TextEncoder().encode(
 *   '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
 *   '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n' +
 *   '4 0 obj\n<< /Length 38 >>\nstream\nBT /F1 12 Tf 20 50 Td (Hello Mark) Tj ET\nendstream\nendobj\n' +
 *   '5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
 * );
 * await pdfText(pdf); // => 'Hello Mark'
 */
export async function pdfText(bytes: Uint8Array | ArrayBuffer, options0: PdfTextOptions = {}): Promise<string> {
  const options = checkOptions<PdfTextOptions>('options', options0);
  const order = options.order ?? 'content';
  if (order !== 'content' && order !== 'reading') {
    throw new TestkitError('out-of-range', 'order', order, "'content' or 'reading'");
  }
  const pages = await pageItems(bytes, options);
  return pages.map((items) => (order === 'reading' ? readingText(items) : pageText(items))).join('\f');
}

/**
 * The positioned text items of a PDF, one array per page (every page, or `pages` in the order
 * given), in content order as pdf.js extracts them: for tests of layout (where a heading sits,
 * whether a column is right-aligned, what lands on which page).
 *
 * @throws {TestkitError} when the bytes are not a PDF or a page number is out of range
 *
 * @example
 * import { pdfTextItems } from '@ds/testkit';
 * const pdf = new TextEncoder().encode(
 *   '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
 *   '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n' +
 *   '4 0 obj\n<< /Length 38 >>\nstream\nBT /F1 12 Tf 20 50 Td (Hello Mark) Tj ET\nendstream\nendobj\n' +
 *   '5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
 * );
 * const [[item]] = await pdfTextItems(pdf);
 * [item.str, item.x, item.y]; // => ['Hello Mark', 20, 50]
 */
export async function pdfTextItems(
  bytes: Uint8Array | ArrayBuffer,
  options0: Omit<PdfTextOptions, 'order'> = {},
): Promise<PdfTextItem[][]> {
  const options = checkOptions<PdfTextOptions>('options', options0);
  const pages = await pageItems(bytes, options);
  return pages.map((items) =>
    (items as { str?: unknown; transform?: number[]; width?: number; height?: number }[])
      .filter((it) => typeof it.str === 'string')
      .map((it) => ({
        str: it.str as string,
        x: it.transform?.[4] ?? 0,
        y: it.transform?.[5] ?? 0,
        width: it.width ?? 0,
        height: it.height ?? 0,
      })),
  );
}

async function pageItems(bytes: Uint8Array | ArrayBuffer, options: PdfTextOptions): Promise<unknown[][]> {
  if (options.pages !== undefined && !Array.isArray(options.pages)) {
    throw new TestkitError('invalid-type', 'pages', options.pages, 'an array of 1-based page numbers');
  }
  const doc = await openPdf(bytes, options.password);
  try {
    const pages = options.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const p of pages) {
      if (!Number.isInteger(p) || p < 1 || p > doc.numPages) {
        throw new TestkitError('out-of-range', 'pages', p, `a page number from 1 to ${doc.numPages}`);
      }
    }
    const out: unknown[][] = [];
    for (const p of pages) out.push((await (await doc.getPage(p)).getTextContent()).items);
    return out;
  } finally {
    await doc.destroy();
  }
}

/**
 * The number of pages of a PDF.
 *
 * @throws {TestkitError} when the bytes are not a PDF
 *
 * @example
 * import { pdfPageCount } from '@ds/testkit';
 * const pdf = new TextEncoder().encode(
 *   '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>\nendobj\n' +
 *   '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
 * );
 * await pdfPageCount(pdf); // => 2
 */
export async function pdfPageCount(bytes: Uint8Array | ArrayBuffer, options0: { password?: string } = {}): Promise<number> {
  const options = checkOptions<{ password?: string }>('options', options0);
  const doc = await openPdf(bytes, options.password);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

async function openPdf(bytes: Uint8Array | ArrayBuffer, password: string | undefined): Promise<PdfDocument> {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) {
    throw new TestkitError('invalid-type', 'bytes', bytes, 'the PDF as a Uint8Array or an ArrayBuffer');
  }
  // pdf.js refuses Node's Buffer and may detach what it is given: hand it a private copy.
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes);
  // Loaded on first use: the main entry stays light and free of I/O.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  try {
    const task = pdfjs.getDocument({
      data,
      password,
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
    });
    return (await task.promise) as unknown as PdfDocument;
  } catch (e) {
    const why = (e as Error).message;
    throw new TestkitError(
      'invalid-type',
      'bytes',
      `${data.byteLength} bytes`,
      'a PDF document',
      `bytes are not a readable PDF: ${why}`,
    );
  }
}

function pageText(items: unknown[]): string {
  let out = '';
  let lastY: number | undefined;
  for (const item of items as { str?: string; hasEOL?: boolean; transform?: number[] }[]) {
    if (typeof item.str !== 'string') continue;
    const y = item.transform?.[5];
    if (lastY !== undefined && y !== undefined && Math.abs(y - lastY) > 0.5 && out !== '' && !out.endsWith('\n')) out += '\n';
    out += item.str;
    if (item.hasEOL) out += '\n';
    if (y !== undefined) lastY = y;
  }
  return out.replace(/\n+$/, '');
}

function readingText(raw: unknown[]): string {
  const items = (raw as { str?: unknown; transform?: number[]; width?: number; height?: number }[])
    .filter((it): it is { str: string; transform?: number[]; width?: number; height?: number } => typeof it.str === 'string')
    .map((it) => ({
      str: it.str,
      x: it.transform?.[4] ?? 0,
      y: it.transform?.[5] ?? 0,
      width: it.width ?? 0,
      height: it.height ?? 0,
    }))
    .filter((it) => it.str.trim() !== '')
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PdfTextItem[][] = [];
  for (const it of items) {
    const line = lines[lines.length - 1];
    if (line && Math.abs((line[0] as PdfTextItem).y - it.y) < 2) line.push(it);
    else lines.push([it]);
  }
  return lines
    .map((line) =>
      line
        .sort((a, b) => a.x - b.x)
        .map((it, k) => {
          const prev = line[k - 1];
          const glued = prev !== undefined && it.x - (prev.x + prev.width) < 0.2 * Math.max(it.height, 1);
          return (k === 0 || glued ? '' : ' ') + it.str.trim();
        })
        .join(''),
    )
    .join('\n');
}
