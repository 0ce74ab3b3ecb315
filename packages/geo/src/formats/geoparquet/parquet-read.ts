/**
 * @internal The fast path of the GeoParquet reader: column chunks of flat columns (maximum
 * repetition level 0, definition level ≤ 1) whose data pages are PLAIN (v1 or v2), decoded
 * straight from the page buffer: WKB into coordinates, doubles into numbers, with no value object
 * in between, and pages that hold no wanted row skipped on their header alone. Anything else
 * (dictionary pages, other encodings, nested columns) returns null, and the caller reads that
 * column with hyparquet.
 */

/** What a flat leaf column is, from the schema. */
export interface LeafInfo {
  type: string;
  /** 0: REQUIRED throughout, 1: one OPTIONAL level. */
  maxDefinition: number;
  /** How values become JavaScript: numbers, strings, booleans, or 'bytes' for the geometry. */
  as: 'number' | 'int64' | 'string' | 'boolean' | 'bytes';
}

/** One decoded page: its rows, which have a value, and the PLAIN values. */
export interface Page {
  firstRow: number;
  rows: number;
  /** 1 where the row has a value; null when all do. */
  present: Uint8Array | null;
  data: Uint8Array;
  view: DataView;
}

type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array;

export class FormatError extends Error {}

/** A little Thrift compact reader: a struct as a Map of field id to value. */
class Thrift {
  at: number;
  constructor(
    readonly bytes: Uint8Array,
    at: number,
  ) {
    this.at = at;
  }
  byte(): number {
    if (this.at >= this.bytes.length) throw new FormatError('page header runs past the end of the file');
    return this.bytes[this.at++] as number;
  }
  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
      if (shift > 2 ** 63) throw new FormatError('a varint longer than 64 bits');
    }
  }
  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
  struct(): Map<number, unknown> {
    const out = new Map<number, unknown>();
    let id = 0;
    for (;;) {
      const h = this.byte();
      const type = h & 0x0f;
      if (type === 0) return out;
      const delta = h >> 4;
      id = delta ? id + delta : this.zigzag();
      out.set(id, this.value(type));
    }
  }
  value(type: number): unknown {
    switch (type) {
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return this.byte();
      case 4:
      case 5:
      case 6:
        return this.zigzag();
      case 7:
        this.at += 8;
        return 0;
      case 8: {
        const n = this.varint();
        this.at += n;
        if (this.at > this.bytes.length) throw new FormatError('page header runs past the end of the file');
        return n;
      }
      case 9:
      case 10: {
        const h = this.byte();
        const n = h >> 4 === 15 ? this.varint() : h >> 4;
        const t = h & 0x0f;
        for (let i = 0; i < n; i++) this.value(t === 1 || t === 2 ? 3 : t);
        return n;
      }
      case 12:
        return this.struct();
      default:
        throw new FormatError(`unknown Thrift type ${type} in a page header`);
    }
  }
}

/** Definition levels (bit width 1) of `rows` rows from the RLE/bit-packed hybrid; null when all are 1. */
function levels(bytes: Uint8Array, at: number, end: number, rows: number): Uint8Array | null {
  const out = new Uint8Array(rows);
  let seen = 0;
  let all = true;
  while (seen < rows) {
    if (at >= end) throw new FormatError('definition levels end early');
    let header = 0;
    let shift = 1;
    for (;;) {
      const b = bytes[at++] as number;
      header += (b & 0x7f) * shift;
      if (b < 0x80) break;
      shift *= 128;
      if (at >= end) throw new FormatError('definition levels end early');
    }
    if (header % 2 === 1) {
      const count = Math.floor(header / 2) * 8;
      const n = Math.min(count, rows - seen);
      if (at + Math.ceil(n / 8) > end) throw new FormatError('definition levels end early');
      for (let i = 0; i < n; i++) {
        const v = ((bytes[at + (i >> 3)] as number) >> (i & 7)) & 1;
        out[seen + i] = v;
        if (v === 0) all = false;
      }
      at += count / 8;
      seen += n;
    } else {
      const count = header / 2;
      if (at >= end) throw new FormatError('definition levels end early');
      const v = bytes[at++] as number;
      if (v > 1) throw new FormatError(`a definition level of ${v} in a column whose maximum is 1`);
      const n = Math.min(count, rows - seen);
      if (v === 1) out.fill(1, seen, seen + n);
      else all = false;
      seen += n;
      if (count === 0) throw new FormatError('an empty run of definition levels');
    }
  }
  return all ? null : out;
}

/**
 * The pages of a column chunk that hold rows of `wanted` (row indexes within the group, sorted
 * ranges as [start, end) pairs; null: all). Null when the chunk needs the general reader.
 */
export function readPages(
  file: Uint8Array,
  base: number,
  meta: {
    codec: string;
    data_page_offset: bigint | number;
    dictionary_page_offset?: bigint | number;
    total_compressed_size: bigint | number;
    num_values: bigint | number;
  },
  leaf: LeafInfo,
  groupRows: number,
  wanted: Uint32Array | null,
  decompressors: Record<string, Decompress | undefined>,
): Page[] | null {
  if (meta.dictionary_page_offset !== undefined && Number(meta.dictionary_page_offset) > 0) {
    // a dictionary page precedes the data pages: dictionary-encoded, the general reader's job
    if (Number(meta.dictionary_page_offset) < Number(meta.data_page_offset)) return null;
  }
  const decompress = meta.codec === 'UNCOMPRESSED' ? null : decompressors[meta.codec];
  if (meta.codec !== 'UNCOMPRESSED' && !decompress) return null;
  // `file` holds the file's bytes from offset `base` on
  const start = Number(meta.data_page_offset) - base;
  const end = start + Number(meta.total_compressed_size);
  if (start < 0 || end > file.length)
    throw new FormatError(`a column chunk ends at byte ${end + base}, past the end of the file (${file.length + base})`);
  const pages: Page[] = [];
  let at = start;
  let row = 0;
  let w = 0;
  while (row < groupRows) {
    if (at >= end) throw new FormatError(`a column chunk holds ${row} of its ${groupRows} rows`);
    const t = new Thrift(file, at);
    const header = t.struct();
    const type = header.get(1) as number;
    const uncompressedSize = header.get(2) as number;
    const compressedSize = header.get(3) as number;
    const bodyStart = t.at;
    const bodyEnd = bodyStart + compressedSize;
    if (!(compressedSize >= 0 && uncompressedSize >= 0) || bodyEnd > end)
      throw new FormatError('a page runs past the end of its column chunk');
    at = bodyEnd;
    if (type === 2) return null; // dictionary page
    if (type !== 0 && type !== 3) continue; // index pages and the like
    const dataHeader = header.get(type === 0 ? 5 : 8) as Map<number, unknown> | undefined;
    if (!dataHeader) throw new FormatError('a data page without its header');
    const rows = dataHeader.get(type === 0 ? 1 : 3) as number;
    const encoding = dataHeader.get(type === 0 ? 2 : 4) as number;
    if (!(rows > 0) || row + rows > groupRows) throw new FormatError('a data page with more rows than its row group');
    if (encoding !== 0) return null;
    const firstRow = row;
    row += rows;
    if (wanted) {
      while (w < wanted.length && (wanted[w + 1] as number) <= firstRow) w += 2;
      if (w >= wanted.length || (wanted[w] as number) >= firstRow + rows) continue;
    }
    let body: Uint8Array;
    let present: Uint8Array | null = null;
    let data: Uint8Array;
    if (type === 0) {
      body = file.subarray(bodyStart, bodyEnd);
      if (decompress) body = decompress(body, uncompressedSize);
      if (body.length !== uncompressedSize) throw new FormatError('a page decompresses to the wrong size');
      let p = 0;
      if (leaf.maxDefinition === 1) {
        if (body.length < 4) throw new FormatError('a page too short for its definition levels');
        const n = (body[0] as number) | ((body[1] as number) << 8) | ((body[2] as number) << 16) | ((body[3] as number) << 24);
        if (n < 0 || 4 + n > body.length) throw new FormatError('definition levels longer than their page');
        present = levels(body, 4, 4 + n, rows);
        p = 4 + n;
      }
      data = body.subarray(p);
    } else {
      const nulls = dataHeader.get(2) as number;
      const defLength = dataHeader.get(5) as number;
      const repLength = (dataHeader.get(6) as number | undefined) ?? 0;
      const compressed = (dataHeader.get(7) as boolean | undefined) ?? true;
      if (repLength !== 0) return null;
      if (!(defLength >= 0) || bodyStart + defLength > bodyEnd) throw new FormatError('definition levels longer than their page');
      if (leaf.maxDefinition === 1 && defLength > 0) present = levels(file, bodyStart, bodyStart + defLength, rows);
      else if (nulls > 0) throw new FormatError('a page with nulls and no definition levels');
      data = file.subarray(bodyStart + defLength, bodyEnd);
      if (compressed && decompress) data = decompress(data, uncompressedSize - defLength);
    }
    pages.push({ firstRow, rows, present, data, view: new DataView(data.buffer, data.byteOffset, data.byteLength) });
  }
  return pages;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * The values of the rows of `keep` (1: wanted; null: all) of one flat column, one slot per row of
 * the group (absent rows null), from its PLAIN pages.
 */
export function pageValues(pages: Page[], leaf: LeafInfo, groupRows: number, keep: Uint8Array | null): unknown[] {
  const out: unknown[] = new Array(groupRows).fill(null);
  for (const page of pages) {
    const { present, data, view } = page;
    let p = 0;
    const n = data.length;
    if (leaf.as === 'boolean') {
      let k = 0;
      for (let i = 0; i < page.rows; i++) {
        if (present && present[i] === 0) continue;
        if (k >> 3 >= n) throw new FormatError('a page holds fewer values than its rows');
        const v = (((data[k >> 3] as number) >> (k & 7)) & 1) === 1;
        k++;
        const r = page.firstRow + i;
        if (!keep || keep[r]) out[r] = v;
      }
      continue;
    }
    const width = leaf.type === 'DOUBLE' || leaf.type === 'INT64' ? 8 : leaf.type === 'FLOAT' || leaf.type === 'INT32' ? 4 : 0;
    for (let i = 0; i < page.rows; i++) {
      if (present && present[i] === 0) continue;
      const r = page.firstRow + i;
      if (width > 0) {
        if (p + width > n) throw new FormatError('a page holds fewer values than its rows');
        if (!keep || keep[r]) {
          if (leaf.type === 'DOUBLE') out[r] = view.getFloat64(p, true);
          else if (leaf.type === 'INT32') out[r] = view.getInt32(p, true);
          else if (leaf.type === 'FLOAT') out[r] = view.getFloat32(p, true);
          else {
            const lo = view.getUint32(p, true);
            const hi = view.getInt32(p + 4, true);
            // safe integers as numbers, the rest as bigints (as the general path gives them)
            out[r] = hi >= -0x200000 && hi < 0x200000 ? hi * 4294967296 + lo : view.getBigInt64(p, true);
          }
        }
        p += width;
      } else {
        if (p + 4 > n) throw new FormatError('a page holds fewer values than its rows');
        const len = view.getUint32(p, true);
        if (p + 4 + len > n) throw new FormatError('a value runs past the end of its page');
        if (!keep || keep[r])
          out[r] = leaf.as === 'string' ? utf8.decode(data.subarray(p + 4, p + 4 + len)) : data.subarray(p + 4, p + 4 + len);
        p += 4 + len;
      }
    }
  }
  return out;
}
