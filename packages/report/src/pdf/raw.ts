import { PDFObject, type PDFRef } from 'pdf-lib';

/**
 * An object written as text composed by this package, rather than built from pdf-lib's object
 * model: the hot objects of every document (page dictionaries, content streams, the fonts'
 * dictionaries and width arrays) are a few template strings, where pdf-lib builds an object per
 * name and number and formats each again when it is saved. The text is ASCII (names and strings
 * in it are escaped); a stream carries its data, and its text is the stream's dictionary.
 */
export class RawObject extends PDFObject {
  constructor(
    readonly text: string,
    readonly data?: Uint8Array,
  ) {
    super();
  }

  /** A stream: `entries` (e.g. `/Filter /FlateDecode`) and the `/Length` of `data`. */
  static stream(data: Uint8Array, entries = ''): RawObject {
    return new RawObject(`<</Length ${data.length}${entries === '' ? '' : ` ${entries}`}>>`, data);
  }

  override clone(): RawObject {
    return this;
  }

  override toString(): string {
    if (!this.data) return this.text;
    let body = '';
    for (let i = 0; i < this.data.length; i++) body += String.fromCharCode(this.data[i] as number);
    return `${this.text}\nstream\n${body}\nendstream`;
  }

  override sizeInBytes(): number {
    return this.text.length + (this.data ? this.data.length + STREAM_FRAME : 0);
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    let o = ascii(this.text, buffer, offset);
    if (this.data) {
      o = ascii('\nstream\n', buffer, o);
      buffer.set(this.data, o);
      o = ascii('\nendstream', buffer, o + this.data.length);
    }
    return o - offset;
  }
}

/** The bytes around a stream's data: `\nstream\n` and `\nendstream`. */
const STREAM_FRAME = 18;

/** Writes `text` (ASCII) into `buffer` at `offset`; returns the offset after it. */
export function ascii(text: string, buffer: Uint8Array, offset: number): number {
  for (let i = 0; i < text.length; i++) buffer[offset + i] = text.charCodeAt(i);
  return offset + text.length;
}

/** `n 0 R`. */
export function ref(r: PDFRef): string {
  return `${r.objectNumber} ${r.generationNumber} R`;
}

/**
 * A number as PDF writes it: never in exponent notation (PDF has none), at most 6 decimals,
 * `0` for what is not finite (a width or position from a broken font must not break the file).
 */
export function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const s = String(v);
  if (!s.includes('e')) return s;
  return Math.abs(v) < 1
    ? v
        .toFixed(6)
        .replace(/\.?0+$/, '')
        .replace(/^-0$/, '0')
    : BigInt(Math.round(v)).toString();
}

/** Bytes a name writes as `#xx` (PDF 1.7 §7.3.5): delimiters, `#`, and what is not printable ASCII. */
const NAME_ESCAPED = /[^!-~]|[#%()/<>[\]{}]/;

/** `/name`, its irregular characters (as UTF-8 bytes) escaped. */
export function name(text: string): string {
  if (!NAME_ESCAPED.test(text)) return `/${text}`;
  let out = '/';
  for (const byte of new TextEncoder().encode(text)) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x21 || byte > 0x7e || NAME_ESCAPED.test(ch) ? `#${byte.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}
