import { type PDFContext, PDFCrossRefSection, PDFHeader, type PDFObject, PDFRef, PDFTrailer, PDFTrailerDict } from 'pdf-lib';

/**
 * Writes a PDF as its objects are finished, rather than holding every object until a final save:
 * a page's content stream and dictionary are written, and let go, as soon as the page is full, so
 * a document of thousands of pages holds little more than its bytes. `finish` writes whatever the
 * document still holds (fonts, page tree, outline, metadata), the cross-reference table and the
 * trailer. The bytes depend only on the objects and the order they are written in.
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
    const header = PDFHeader.forVersion(1, 7);
    const bytes = new Uint8Array(header.sizeInBytes() + 2);
    const n = header.copyBytesInto(bytes, 0);
    bytes[n] = 10;
    bytes[n + 1] = 10;
    this.push(bytes);
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
   * Writes every object left, the cross-reference table and the trailer; returns the file, or an
   * empty array when a sink took it.
   */
  finish(): Uint8Array {
    for (const [ref, object] of this.context.enumerateIndirectObjects()) this.writeObject(ref, object);
    this.offsets.sort((a, b) => a[0] - b[0]);
    const xref = PDFCrossRefSection.create();
    for (const [n, offset] of this.offsets) xref.addEntry(PDFRef.of(n), offset);
    const xrefOffset = this.size;
    const info = this.context.trailerInfo;
    const trailerDict = PDFTrailerDict.of(
      this.context.obj({ Size: this.context.largestObjectNumber + 1, Root: info.Root, Info: info.Info, ID: info.ID }),
    );
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    const tail = new Uint8Array(xref.sizeInBytes() + 1 + trailerDict.sizeInBytes() + 2 + trailer.sizeInBytes());
    let o = xref.copyBytesInto(tail, 0);
    tail[o++] = 10;
    o += trailerDict.copyBytesInto(tail, o);
    tail[o++] = 10;
    tail[o++] = 10;
    trailer.copyBytesInto(tail, o);
    this.push(tail);
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
    const head = `${ref.objectNumber} ${ref.generationNumber} obj\n`;
    const bytes = new Uint8Array(head.length + object.sizeInBytes() + 9);
    for (let i = 0; i < head.length; i++) bytes[i] = head.charCodeAt(i);
    const end = head.length + object.copyBytesInto(bytes, head.length);
    const tail = '\nendobj\n\n';
    for (let i = 0; i < tail.length; i++) bytes[end + i] = tail.charCodeAt(i);
    this.offsets.push([ref.objectNumber, this.size]);
    this.push(bytes);
  }

  /** Small pieces (a page's dictionary, its content stream) are gathered into blocks. */
  private push(bytes: Uint8Array): void {
    this.size += bytes.length;
    if (bytes.length > BLOCK - this.used) {
      this.flush();
      if (bytes.length > BLOCK / 2) {
        this.emit(bytes);
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

/** Bytes gathered before they are handed on. */
const BLOCK = 64 * 1024;
