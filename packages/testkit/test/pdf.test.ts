import { pdfPageCount, pdfText, pdfTextItems, TestkitError } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import { makePdf, makePdfFromStreams } from './helpers/pdf.js';

describe('pdfText', () => {
  const pdf = makePdf(['Names\nMark\nAda', 'Page two']);

  it('extracts the text line by line, pages separated by a form feed', async () => {
    expect(await pdfText(pdf)).toBe('Names\nMark\nAda\fPage two');
  });

  it('reads only the pages asked for, in that order', async () => {
    expect(await pdfText(pdf, { pages: [2, 1] })).toBe('Page two\fNames\nMark\nAda');
  });

  it('accepts an ArrayBuffer and leaves the caller’s bytes intact', async () => {
    const copy = pdf.slice();
    expect(await pdfText(copy.buffer)).toContain('Mark');
    expect(copy.byteLength).toBe(pdf.byteLength);
  });

  it('refuses bytes that are not a PDF and page numbers out of range', async () => {
    await expect(pdfText(new TextEncoder().encode('not a pdf'))).rejects.toThrow(/bytes are not a readable PDF/);
    await expect(pdfText(pdf, { pages: [3] })).rejects.toThrow('pages must be a page number from 1 to 2, got 3');
    await expect(pdfText('x' as never)).rejects.toBeInstanceOf(TestkitError);
  });
});

describe('reading order and positioned items', () => {
  // Drawn out of reading order: the bottom line first, then a right-hand cell before the left one.
  const drawn = makePdfFromStreams([
    'BT /F1 12 Tf 1 0 0 1 72 600 Tm (Total) Tj 1 0 0 1 300 700 Tm (42) Tj 1 0 0 1 72 700 Tm (Count) Tj ' +
      '1 0 0 1 72 650.5 Tm (Mark) Tj ET',
    'BT /F1 12 Tf 1 0 0 1 72 700 Tm (two) Tj ET',
  ]);

  it('orders lines top to bottom and items left to right', async () => {
    expect(await pdfText(drawn, { pages: [1] })).not.toMatch(/^Count 42/);
    expect(await pdfText(drawn, { order: 'reading' })).toBe('Count 42\nMark\nTotal\ftwo');
  });

  it('gives each page its items with their positions', async () => {
    const pages = await pdfTextItems(drawn);
    expect(pages.map((p) => p.map((i) => i.str))).toEqual([['Total', '42', 'Count', 'Mark'], ['two']]);
    expect(pages[0]?.[1]).toMatchObject({ str: '42', x: 300, y: 700, height: 12 });
    expect(pages[0]?.[1]?.width).toBeCloseTo(13.344, 3); // Helvetica digits are 556/1000 em
    expect((await pdfTextItems(drawn, { pages: [2] })).map((p) => p.length)).toEqual([1]);
  });

  it('refuses an unknown order and pages that are not a list', async () => {
    await expect(pdfText(drawn, { order: 'layout' as never })).rejects.toThrow(
      "order must be 'content' or 'reading', got 'layout'",
    );
    await expect(pdfTextItems(drawn, { pages: 1 as never })).rejects.toBeInstanceOf(TestkitError);
    await expect(pdfTextItems(new Uint8Array([1, 2]))).rejects.toThrow(/bytes are not a readable PDF/);
  });
});

describe('pdfPageCount', () => {
  it('counts the pages', async () => {
    expect(await pdfPageCount(makePdf(['a', 'b', 'c']))).toBe(3);
    expect(await pdfPageCount(makePdf(['one']))).toBe(1);
  });
});
