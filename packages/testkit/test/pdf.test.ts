import { pdfPageCount, pdfText, TestkitError } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import { makePdf } from './helpers/pdf.js';

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

describe('pdfPageCount', () => {
  it('counts the pages', async () => {
    expect(await pdfPageCount(makePdf(['a', 'b', 'c']))).toBe(3);
    expect(await pdfPageCount(makePdf(['one']))).toBe(1);
  });
});
