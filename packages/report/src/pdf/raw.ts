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
  // A long text (a W array, a page tree) through the platform's encoder; a short one is quicker by hand.
  if (text.length > 64) return offset + encoder.encodeInto(text, buffer.subarray(offset, offset + text.length)).written;
  for (let i = 0; i < text.length; i++) buffer[offset + i] = text.charCodeAt(i);
  return offset + text.length;
}

const encoder = new TextEncoder();

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

/** A text string (PDF 1.7 §7.9.2.2): UTF-16BE with a byte order mark, in hex, for text in any script. */
export function textString(text: string): string {
  let out = '<FEFF';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `${out}>`;
}

/**
 * A literal string of bytes (a URI, a date): parentheses and backslashes escaped, and every byte
 * outside printable ASCII as an octal escape (text beyond ASCII as its UTF-8 bytes).
 */
export function literal(text: string): string {
  let out = '(';
  for (const byte of new TextEncoder().encode(text)) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

/** A date (PDF 1.7 §7.9.4), in UTC: `(D:YYYYMMDDHHmmSSZ)`. */
export function date(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `(D:${String(d.getUTCFullYear()).padStart(4, '0')}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z)`;
}
