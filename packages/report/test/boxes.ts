// Where each piece of text went: the layout golden files and ink-per-box checks read it.
import type { RenderPdfOptions } from '../src/index.js';
import { renderLayout } from '../src/render-pdf.js';

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
 * files and for checking ink per text box.
 */
export async function renderWithBoxes(
  template: string,
  data: Record<string, unknown>,
  options: RenderPdfOptions,
  streamTablesAfter?: number,
): Promise<{ bytes: Uint8Array; boxes: TextBox[]; pageSize: [number, number] }> {
  const rendered = await renderLayout(template, data, options, streamTablesAfter);
  const r = (v: number) => Math.round(v * 100) / 100;
  const boxes: TextBox[] = [];
  rendered.pages.forEach((p, i) => {
    for (const { atom, y } of p.placed) {
      for (const d of atom.draws) {
        if (d.op === 'text') boxes.push({ page: i + 1, x: r(d.x), y: r(d.y + y), w: r(d.width), size: d.size, text: d.text });
      }
    }
  });
  return { bytes: rendered.bytes, boxes, pageSize: rendered.pageSize };
}
