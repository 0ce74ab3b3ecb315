import { checkOptions } from './check.js';
import { TestkitError } from './errors.js';

/** Options of `pdfText`. */
export interface PdfTextOptions {
  /** 1-based page numbers to read, in the order given. Default: every page. */
  pages?: readonly number[];
  /** Password of an encrypted document. */
  password?: string;
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
  const doc = await openPdf(bytes, options.password);
  try {
    const pages = options.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const p of pages) {
      if (!Number.isInteger(p) || p < 1 || p > doc.numPages) {
        throw new TestkitError('out-of-range', 'pages', p, `a page number from 1 to ${doc.numPages}`);
      }
    }
    const texts: string[] = [];
    for (const p of pages) {
      const content = await (await doc.getPage(p)).getTextContent();
      texts.push(pageText(content.items));
    }
    return texts.join('\f');
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
