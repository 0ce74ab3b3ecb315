// The PDF writer and the text it composes objects from (src/pdf/writer.ts, src/pdf/raw.ts): PDF
// 1.7's syntax for numbers, names, strings and dates (§7.3, §7.9.4), and a cross-reference table
// whose every entry points at its object, gaps in the numbering included (§7.5.4).
import { pdfText } from '@ds/testkit';
import { PDFContext } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../src/index.js';
import { dejaVuFonts } from '../src/node.js';
import { date, literal, name, num, RawObject, textString } from '../src/pdf/raw.js';
import { PdfWriter } from '../src/pdf/writer.js';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Every in-use xref entry's object number and offset, and whether the object starts there. */
function xrefEntries(pdf: Uint8Array): { number: number; offset: number; ok: boolean }[] {
  const text = latin1(pdf);
  const start = Number(/startxref\n(\d+)\n%%EOF$/.exec(text)?.[1]);
  expect(text.slice(start, start + 5)).toBe('xref\n');
  const out: { number: number; offset: number; ok: boolean }[] = [];
  const lines = text.slice(start + 5, text.indexOf('trailer', start)).split('\n');
  let n = 0;
  let left = 0;
  for (const line of lines) {
    if (line === '') continue;
    if (left === 0) {
      const [first, count] = line.split(' ').map(Number);
      n = first as number;
      left = count as number;
      continue;
    }
    expect(line).toMatch(/^\d{10} \d{5} [nf] $/);
    if (line.endsWith('n ')) {
      const offset = Number(line.slice(0, 10));
      out.push({ number: n, offset, ok: text.startsWith(`${n} 0 obj\n`, offset) });
    }
    n++;
    left--;
  }
  return out;
}

describe('PDF syntax', () => {
  it('writes numbers without exponents, and nothing that is not a number', () => {
    expect([0, 12, -3.5, 611.328, 1e-7, -1e-7, 2.5e-6, 1e21, Number.NaN, Number.POSITIVE_INFINITY].map(num)).toEqual([
      '0',
      '12',
      '-3.5',
      '611.328',
      '0',
      '0',
      '0.0000025',
      '1000000000000000000000',
      '0',
      '0',
    ]);
  });

  it('escapes the delimiters, # and bytes beyond printable ASCII in names', () => {
    expect(name('DejaVuSans-Bold')).toBe('/DejaVuSans-Bold');
    expect(name('A B/(c)#')).toBe('/A#20B#2f#28c#29#23');
    expect(name('Zoë')).toBe('/Zo#c3#ab');
  });

  it('escapes parentheses and backslashes in literal strings, and writes other bytes in octal', () => {
    expect(literal('https://example.org/a(b)\\c')).toBe('(https://example.org/a\\(b\\)\\\\c)');
    expect(literal('é\n')).toBe('(\\303\\251\\012)');
  });

  it('writes text strings as UTF-16BE with a byte order mark, and dates in UTC', () => {
    expect(textString('Aé😀')).toBe('<FEFF004100E9D83DDE00>');
    expect(date(new Date('2026-12-07T09:05:03Z'))).toBe('(D:20261207090503Z)');
  });

  it('writes a raw stream with its length, as pdf-lib would size and copy it', () => {
    const stream = RawObject.stream(new Uint8Array([1, 2, 3]), '/Filter /FlateDecode');
    expect(stream.text).toBe('<</Length 3 /Filter /FlateDecode>>');
    const buffer = new Uint8Array(stream.sizeInBytes());
    expect(stream.copyBytesInto(buffer, 0)).toBe(buffer.length);
    expect(latin1(buffer)).toBe('<</Length 3 /Filter /FlateDecode>>\nstream\n\u0001\u0002\u0003\nendstream');
  });
});

describe('PdfWriter', () => {
  it('points every xref entry at its object, with a subsection after a number never written', () => {
    const context = PDFContext.create();
    const refs = [context.nextRef(), context.nextRef(), context.nextRef(), context.nextRef()];
    context.trailerInfo.Root = refs[0];
    const writer = new PdfWriter(context);
    writer.writeRaw(refs[0] as never, '<</Type /Catalog>>');
    context.assign(refs[3] as never, new RawObject('[1 2 3]'));
    // refs[1] and refs[2] are allocated and never written.
    const pdf = writer.finish();
    const entries = xrefEntries(pdf);
    expect(entries.map((e) => e.number)).toEqual([1, 4]);
    expect(entries.every((e) => e.ok)).toBe(true);
    expect(latin1(pdf)).toMatch(
      /xref\n0 2\n0000000000 65535 f \n\d{10} 00000 n \n4 1\n\d{10} 00000 n \ntrailer\n<<\/Size 5 \/Root 1 0 R>>/,
    );
  });

  it('writes page content as it is with compress: false, the same text as deflated', async () => {
    const template = '<h1>Rates</h1><p>5% a year (compounded), Zoë’s table</p>';
    const options = { fonts: dejaVuFonts(), deterministic: true, footer: 'Page {{ page }}' };
    const plain = await renderPdf(template, {}, { ...options, compress: false });
    const deflated = await renderPdf(template, {}, options);
    expect(xrefEntries(plain).filter((e) => !e.ok)).toEqual([]);
    // The page's content stream: its operators readable in the file, its length exact.
    const m = /<<\/Length (\d+)>>\nstream\n/.exec(latin1(plain)) as RegExpExecArray;
    const content = latin1(plain).slice(m.index + m[0].length, m.index + m[0].length + Number(m[1]) + 10);
    expect(content).toMatch(/^BT\n/);
    expect(content).toMatch(/Tj\nET\nendstream$/);
    expect(plain.length).toBeGreaterThan(deflated.length);
    expect(await pdfText(plain)).toBe(await pdfText(deflated));
  });

  it('writes rendered documents whose every xref entry points at its object', async () => {
    const pdf = await renderPdf(
      '<h1>One</h1><p><a href="#two">to two</a> <a href="https://example.org/(x)">web</a></p><h2 id="two">Two</h2><p>Zoë ✓</p>',
      {},
      { fonts: dejaVuFonts(), deterministic: true, footer: 'Page {{ page }}', metadata: { author: 'Zoë (a)' } },
    );
    const entries = xrefEntries(pdf);
    expect(entries.length).toBeGreaterThan(15);
    expect(entries.filter((e) => !e.ok)).toEqual([]);
    const text = latin1(pdf);
    expect(text).toMatch(/\/Author <FEFF005A006F00EB0020002800610029>/);
    expect(text).toMatch(/\/URI \(https:\/\/example.org\/\\\(x\\\)\)/);
  });
});
