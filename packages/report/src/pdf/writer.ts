import type { PDFContext, PDFObject, PDFRef } from 'pdf-lib';
import { ascii, RawObject } from './raw.js';

/**
 * Writes a PDF as its objects are finished, rather than holding every object until a final save:
 * a page's content stream and dictionary are written, and let go, as soon as the page is full, so
 * a document of thousands of pages holds little more than its bytes. `finish` writes whatever the
 * document still holds (fonts, page tree, outline, metadata), the cross-reference table and the
 * trailer. The bytes depend only on the objects and the order they are written in.
 *
 * Objects composed as text (`RawObject`, and `writeRaw`) go straight into the output blocks;
 * pdf-lib's objects are sized and copied by pdf-lib.
 */
export class PdfWriter {
  /** Finished blocks, when no `sink` takes them. */
  private readonly chunks: Uint8Array[] = [];
  private block = new Uint8Array(BLOCK);
  private used = 0;
  private size = 0;
  /** [object number, byte offset] of every object written. */
  private readonly offsets: [number, number][] = [];

  /**
   * @param sink - takes the file in pieces (each its own copy) as they are written; without one,
   *   `finish` returns the whole file
   */
  constructor(
    private readonly context: PDFContext,
    private readonly sink?: (bytes: Uint8Array) => void,
  ) {
    // The header, and a comment of bytes above 127 so that tools treat the file as binary.
    this.text('%PDF-1.7\n%\u0081\u0081\u0081\u0081\n\n');
  }

  /** Bytes written so far. */
  get length(): number {
    return this.size;
  }

  /** Writes the object registered as `ref` now, and removes it from the document. */
  write(ref: PDFRef): void {
    const object = this.context.lookup(ref);
    if (object === undefined) throw new Error(`PdfWriter: object ${ref.toString()} is not in the document`);
    this.writeObject(ref, object);
    this.context.delete(ref);
  }

  /**
   * Writes `text` (ASCII: a dictionary, an array) as object `ref` now, or with `data` a stream
   * whose dictionary `text` is (its `/Length` included). `ref` need not be registered.
   */
  writeRaw(ref: PDFRef, text: string, data?: Uint8Array): void {
    this.offsets.push([ref.objectNumber, this.size]);
    this.text(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    this.text(text);
    if (data) {
      this.text('\nstream\n');
      this.bytes(data);
      this.text('\nendstream');
    }
    this.text('\nendobj\n\n');
  }

  /**
   * Writes every object left, the cross-reference table and the trailer; returns the file, or an
   * empty array when a sink took it.
   */
  finish(): Uint8Array {
    for (const [ref, object] of this.context.enumerateIndirectObjects()) this.writeObject(ref, object);
    this.offsets.sort((a, b) => a[0] - b[0]);
    const xrefOffset = this.size;
    this.text(xrefTable(this.offsets));
    const info = this.context.trailerInfo;
    let trailer = `trailer\n<</Size ${this.context.largestObjectNumber + 1}`;
    if (info.Root) trailer += ` /Root ${(info.Root as PDFObject).toString()}`;
    if (info.Info) trailer += ` /Info ${(info.Info as PDFObject).toString()}`;
    if (info.ID) trailer += ` /ID ${(info.ID as PDFObject).toString()}`;
    this.text(`${trailer}>>\n\nstartxref\n${xrefOffset}\n%%EOF`);
    this.flush();
    if (this.sink) return new Uint8Array(0);
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    this.chunks.length = 0;
    return out;
  }

  private writeObject(ref: PDFRef, object: PDFObject): void {
    if (object instanceof RawObject) {
      this.writeRaw(ref, object.text, object.data);
      return;
    }
    const head = `${ref.objectNumber} ${ref.generationNumber} obj\n`;
    const bytes = new Uint8Array(head.length + object.sizeInBytes() + 9);
    const end = ascii(head, bytes, 0);
    ascii('\nendobj\n\n', bytes, end + object.copyBytesInto(bytes, end));
    this.offsets.push([ref.objectNumber, this.size]);
    this.bytes(bytes, true);
  }

  /** ASCII text into the current block. */
  private text(s: string): void {
    if (s.length > BLOCK - this.used) {
      this.flush();
      if (s.length > BLOCK) {
        const bytes = new Uint8Array(s.length);
        ascii(s, bytes, 0);
        this.bytes(bytes, true);
        return;
      }
    }
    ascii(s, this.block, this.used);
    this.used += s.length;
    this.size += s.length;
  }

  /**
   * Small pieces (a page's dictionary, its content stream) are gathered into blocks; a large one
   * goes out on its own, copied unless `own` (made for this write and not kept elsewhere: a
   * font program may be shared by the documents of a batch).
   */
  private bytes(bytes: Uint8Array, own = false): void {
    this.size += bytes.length;
    if (bytes.length > BLOCK - this.used) {
      this.flush();
      if (bytes.length > BLOCK / 2) {
        this.emit(own ? bytes : bytes.slice());
        return;
      }
    }
    this.block.set(bytes, this.used);
    this.used += bytes.length;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.emit(this.block.slice(0, this.used));
    this.used = 0;
  }

  private emit(bytes: Uint8Array): void {
    if (this.sink) this.sink(bytes);
    else this.chunks.push(bytes);
  }
}

/**
 * The cross-reference table (PDF 1.7 §7.5.4) of objects at `offsets` ([number, offset], sorted):
 * the free head entry, then a subsection for each run of consecutive object numbers; entries are
 * 20 bytes each.
 */
function xrefTable(offsets: [number, number][]): string {
  let out = 'xref\n';
  // Object 0, the head of the (empty) free list, starts the first run.
  let start = 0;
  let entries = '0000000000 65535 f \n';
  let count = 1;
  for (const [n, offset] of offsets) {
    if (n !== start + count) {
      out += `${start} ${count}\n${entries}`;
      start = n;
      entries = '';
      count = 0;
    }
    entries += `${String(offset).padStart(10, '0')} 00000 n \n`;
    count++;
  }
  return `${out}${start} ${count}\n${entries}`;
}

/** Bytes gathered before they are handed on. */
const BLOCK = 64 * 1024;
