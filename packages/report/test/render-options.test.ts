// The PDF renderers' options are all checked before any work (src/render/options.ts): a refused
// option is reported before a template is compiled, a font parsed or a page laid out.
import { describe, expect, it } from 'vitest';
import { createRenderer, renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { errorOf, rejection } from './errors.js';

const fonts = dejaVuFonts();
// A template that does not compile: were it compiled first, its template-syntax error would win.
const broken = { 'a.html': '{% if %}' };

describe('PDF options checked before any work', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['loadFont', { loadFont: 'fonts/' }, "loadFont must be a function from a url() to TTF or OTF bytes, got 'fonts/' (a string)"],
    ['localFont', { localFont: 1 }, 'localFont must be a function from a local() name to TTF or OTF bytes, got 1'],
    ['replacementGlyph', { replacementGlyph: '??' }, "replacementGlyph must be one character, got '??' (a string)"],
    ['replacementGlyph', { replacementGlyph: 63 }, 'replacementGlyph must be one character, got 63'],
  ];
  it.each(cases)('createRenderer refuses %s before compiling the templates', (argument, given, says) => {
    const e = errorOf(() => createRenderer({ templates: broken, fonts, ...given }));
    expect(e).toMatchObject({ code: 'invalid-type', argument });
    expect(e.message).toBe(says);
  });
  it.each(cases)('renderPdf refuses %s before the header is compiled', async (argument, given) => {
    const e = await rejection(renderPdf('<p>x</p>', {}, { fonts, header: '{% if %}', ...given }));
    expect(e).toMatchObject({ code: 'invalid-type', argument });
  });
  it('still takes one character, astral ones too, as replacementGlyph', async () => {
    const pdf = await renderPdf('<p>x</p>', {}, { fonts, replacementGlyph: '𝑥', deterministic: true, onWarning: () => {} });
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
  });
});
