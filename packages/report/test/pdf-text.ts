import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A positioned piece of text, y up from the page's bottom as PDF has it. */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Opens a PDF with pdfjs-dist (Mozilla's PDF reader). */
export async function openPdf(bytes: Uint8Array) {
  return getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

/** Text items of every page, in content order. */
export async function pdfItems(bytes: Uint8Array): Promise<TextItem[][]> {
  const doc = await openPdf(bytes);
  const pages: TextItem[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .filter((it): it is typeof it & { str: string; transform: number[]; width: number; height: number } => 'str' in it)
        .map((it) => ({
          str: it.str,
          x: it.transform[4] as number,
          y: it.transform[5] as number,
          width: it.width,
          height: it.height,
        })),
    );
  }
  await doc.destroy();
  return pages;
}

/** Each page's text in reading order: lines top to bottom, items left to right, joined by spaces. */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const pages = await pdfItems(bytes);
  return pages.map((items) => {
    const sorted = [...items].filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
    const lines: TextItem[][] = [];
    for (const it of sorted) {
      const line = lines[lines.length - 1];
      if (line && Math.abs((line[0] as TextItem).y - it.y) < 2) line.push(it);
      else lines.push([it]);
    }
    // Items closer than a fifth of the font size are one word split at a font change.
    return lines
      .map((l) =>
        l
          .sort((a, b) => a.x - b.x)
          .map((it, k) => {
            const prev = l[k - 1];
            const glued = prev && it.x - (prev.x + prev.width) < 0.2 * Math.max(it.height, 1);
            return (k === 0 || glued ? '' : ' ') + it.str.trim();
          })
          .join(''),
      )
      .join('\n');
  });
}
