/**
 * @internal A minimal Parquet writer for the flat, columnar data GeoParquet needs: top-level
 * optional columns and one optional group of required columns (the bbox covering struct), data
 * pages v1 in PLAIN encoding with RLE definition levels, min/max statistics per row group and per
 * page (column and offset indexes, Parquet format 2.5+), and the Thrift compact footer.
 *
 * Values arrive already laid out as Parquet wants them (PLAIN BYTE_ARRAY as one buffer of
 * length-prefixed values, DOUBLE/INT64 as 8-byte little-endian arrays), so a page is a slice of
 * one buffer: no object per value, as a general writer (hyparquet-writer) needs.
 *
 * Format: https://github.com/apache/parquet-format (parquet.thrift); Thrift compact protocol:
 * https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md
 */

export const TYPE = { BOOLEAN: 0, INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
export const CODEC = { UNCOMPRESSED: 0, SNAPPY: 1, GZIP: 2, ZSTD: 6 } as const;

/** One leaf column's values in row order (already sorted as the file wants them). */
export interface LeafColumn {
  /** Path in the schema: `['id']`, or `['bbox', 'xmin']` for a field of the group. */
  path: string[];
  type: number;
  /**
   * 0 where row i has no value; null when every row has one. The column (or its group) is
   * OPTIONAL, with a maximum definition level of 1.
   */
  present: Uint8Array | null;
  /**
   * DOUBLE: Float64Array (one per row, absent rows ignored); INT64: BigInt64Array; BOOLEAN:
   * Uint8Array of 0/1; BYTE_ARRAY: `{ bytes, offsets }`, the PLAIN layout (4-byte length, then the
   * bytes) of every present row, `offsets[i]` where row i starts (length n + 1).
   */
  values: Float64Array | BigInt64Array | Uint8Array | { int64: Float64Array } | { bytes: Uint8Array; offsets: Float64Array };
  /** Writes min/max statistics (numbers). */
  statistics: boolean;
  /** Writes a column index and offset index (page statistics) for it. */
  pageIndex: boolean;
}

/** A schema element as parquet.thrift has it (the fields used here). */
export interface SchemaNode {
  name: string;
  type?: number;
  repetition?: 0 | 1 | 2;
  children?: number;
  convertedType?: number;
  /** LogicalType union member: [field id, thrift bytes of its struct]. */
  logical?: 'STRING' | 'JSON' | 'TIMESTAMP_MILLIS_UTC';
}

export interface ParquetWriteInput {
  schema: SchemaNode[];
  columns: LeafColumn[];
  rows: number;
  rowGroupSize: number;
  pageSize: number;
  codec: number;
  compress: ((input: Uint8Array) => Uint8Array) | null;
  keyValue: [string, string][];
  createdBy: string;
}

// ---- Thrift compact protocol ------------------------------------------------------------------

const T_TRUE = 1;
const T_FALSE = 2;
const T_I32 = 5;
const T_I64 = 6;
const T_BINARY = 8;
const T_LIST = 9;
const T_STRUCT = 12;

/** A growable byte buffer with the Thrift compact encoders. */
class Out {
  buf = new Uint8Array(256);
  at = 0;
  private last: number[] = [0];
  reset(): void {
    this.at = 0;
    this.last = [0];
  }
  ensure(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.at));
    this.buf = b;
  }
  byte(v: number): void {
    this.ensure(1);
    this.buf[this.at++] = v;
  }
  bytes(v: Uint8Array): void {
    this.ensure(v.length);
    this.buf.set(v, this.at);
    this.at += v.length;
  }
  varint(v: number): void {
    // v ≥ 0, below 2^53
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.at++] = v;
  }
  zigzag(v: number): void {
    this.varint(v >= 0 ? 2 * v : -2 * v - 1);
  }
  field(id: number, type: number): void {
    const last = this.last[this.last.length - 1] as number;
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.last[this.last.length - 1] = id;
  }
  i32(id: number, v: number): void {
    this.field(id, T_I32);
    this.zigzag(v);
  }
  i64(id: number, v: number): void {
    this.field(id, T_I64);
    this.zigzag(v);
  }
  bool(id: number, v: boolean): void {
    this.field(id, v ? T_TRUE : T_FALSE);
  }
  binary(id: number, v: Uint8Array): void {
    this.field(id, T_BINARY);
    this.varint(v.length);
    this.bytes(v);
  }
  string(id: number, v: string): void {
    this.binary(id, utf8.encode(v));
  }
  begin(id: number): void {
    this.field(id, T_STRUCT);
    this.last.push(0);
  }
  end(): void {
    this.byte(0);
    this.last.pop();
  }
  /** A list header; struct elements then use beginElement/end. */
  list(id: number, elementType: number, size: number): void {
    this.field(id, T_LIST);
    if (size < 15) this.byte((size << 4) | elementType);
    else {
      this.byte(0xf0 | elementType);
      this.varint(size);
    }
  }
  beginElement(): void {
    this.last.push(0);
  }
  result(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}
const utf8 = new TextEncoder();

// ---- pages -------------------------------------------------------------------------------------

interface PageOut {
  offset: number;
  compressedSize: number;
  firstRow: number;
  min: number;
  max: number;
  nulls: number;
  values: number;
}
interface ChunkOut {
  column: LeafColumn;
  start: number;
  dataPageOffset: number;
  uncompressed: number;
  compressed: number;
  numValues: number;
  nulls: number;
  min: number;
  max: number;
  pages: PageOut[];
  columnIndexOffset?: number;
  columnIndexLength?: number;
  offsetIndexOffset?: number;
  offsetIndexLength?: number;
}

/** Definition levels (bit width 1) in the RLE/bit-packed hybrid, with their 4-byte length. */
function definitionLevels(present: Uint8Array | null, start: number, end: number, out: Uint8Array, at: number): number {
  const n = end - start;
  let all = true;
  if (present) for (let i = start; i < end && all; i++) if (present[i] === 0) all = false;
  const view = new DataView(out.buffer, out.byteOffset);
  let p = at + 4;
  if (all) {
    // one RLE run of n ones: varint(n << 1), then the value in one byte
    let h = n * 2;
    while (h >= 0x80) {
      out[p++] = (h & 0x7f) | 0x80;
      h >>>= 7;
    }
    out[p++] = h;
    out[p++] = 1;
  } else {
    // one bit-packed run of ceil(n / 8) groups of 8
    const groups = Math.ceil(n / 8);
    let h = groups * 2 + 1;
    while (h >= 0x80) {
      out[p++] = (h & 0x7f) | 0x80;
      h >>>= 7;
    }
    out[p++] = h;
    const pr = present as Uint8Array;
    for (let g = 0; g < groups; g++) {
      let b = 0;
      for (let k = 0; k < 8; k++) {
        const i = start + g * 8 + k;
        if (i < end && pr[i] === 1) b |= 1 << k;
      }
      out[p++] = b;
    }
  }
  view.setUint32(at, p - at - 4, true);
  return p - at;
}

/** The PLAIN values of rows [start, end) (present ones only), and their count and min/max. */
function plainValues(c: LeafColumn, start: number, end: number): { bytes: Uint8Array; count: number; min: number; max: number } {
  const present = c.present;
  let min = Infinity;
  let max = -Infinity;
  const v = c.values;
  if (v instanceof Float64Array || v instanceof BigInt64Array) {
    let count = 0;
    if (present === null) {
      count = end - start;
      if (c.statistics)
        for (let i = start; i < end; i++) {
          const x = Number(v[i]);
          if (x < min) min = x;
          if (x > max) max = x;
        }
      return { bytes: new Uint8Array(v.buffer, v.byteOffset + start * 8, count * 8), count, min, max };
    }
    const out = v instanceof Float64Array ? new Float64Array(end - start) : new BigInt64Array(end - start);
    for (let i = start; i < end; i++)
      if (present[i] === 1) {
        const x = v[i] as number & bigint;
        out[count++] = x;
        if (c.statistics) {
          const d = Number(x);
          if (d < min) min = d;
          if (d > max) max = d;
        }
      }
    return { bytes: new Uint8Array(out.buffer, 0, count * 8), count, min, max };
  }
  if ('int64' in v) {
    // INT64 from safe integers held as numbers: low and high 32 bits, little-endian
    const xs = v.int64;
    const out = new Uint32Array(2 * (end - start));
    let count = 0;
    for (let i = start; i < end; i++) {
      if (present !== null && present[i] === 0) continue;
      const x = xs[i] as number;
      const hi = Math.floor(x / 4294967296);
      out[2 * count] = x - hi * 4294967296;
      out[2 * count + 1] = hi >>> 0;
      count++;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    return { bytes: new Uint8Array(out.buffer, 0, count * 8), count, min, max };
  }
  if (v instanceof Uint8Array) {
    // BOOLEAN: bit-packed, least significant bit first
    const out = new Uint8Array(Math.ceil((end - start) / 8));
    let count = 0;
    for (let i = start; i < end; i++) {
      if (present !== null && present[i] === 0) continue;
      if (v[i]) out[count >> 3] = (out[count >> 3] as number) | (1 << (count & 7));
      count++;
    }
    return { bytes: out.subarray(0, Math.ceil(count / 8)), count, min, max };
  }
  // BYTE_ARRAY: the present rows' length-prefixed values are contiguous already
  const from = v.offsets[start] as number;
  const to = v.offsets[end] as number;
  let count = end - start;
  if (present !== null) for (let i = start; i < end; i++) if (present[i] === 0) count--;
  return { bytes: v.bytes.subarray(from, to), count, min, max };
}

function f64Bytes(x: number): Uint8Array {
  return new Uint8Array(new Float64Array([x]).buffer);
}
function i64Bytes(x: number): Uint8Array {
  return new Uint8Array(new BigInt64Array([BigInt(x)]).buffer);
}
function statBytes(c: LeafColumn, x: number): Uint8Array {
  return c.type === TYPE.DOUBLE ? f64Bytes(x) : i64Bytes(x);
}

/** Writes the file. */
export function writeParquet(input: ParquetWriteInput): Uint8Array {
  const { columns, rows, rowGroupSize, pageSize, compress, codec } = input;
  const parts: Uint8Array[] = [];
  let offset = 0;
  const push = (b: Uint8Array): void => {
    parts.push(b);
    offset += b.length;
  };
  push(utf8.encode('PAR1'));
  const header = new Out();
  const groups: { rows: number; chunks: ChunkOut[]; start: number; bytes: number }[] = [];
  for (let g0 = 0; g0 < rows || (rows === 0 && groups.length === 0); g0 += rowGroupSize) {
    const g1 = Math.min(rows, g0 + rowGroupSize);
    const chunks: ChunkOut[] = [];
    const groupStart = offset;
    let groupBytes = 0;
    for (const c of columns) {
      const chunk: ChunkOut = {
        column: c,
        start: offset,
        dataPageOffset: offset,
        uncompressed: 0,
        compressed: 0,
        numValues: 0,
        nulls: 0,
        min: Infinity,
        max: -Infinity,
        pages: [],
      };
      for (let p0 = g0; p0 < g1 || (p0 === g0 && g1 === g0); p0 += pageSize) {
        const p1 = Math.min(g1, p0 + pageSize);
        const values = plainValues(c, p0, p1);
        // every column here is OPTIONAL (or in an OPTIONAL group): definition levels always
        let body = new Uint8Array(14 + Math.ceil((p1 - p0) / 8) + values.bytes.length);
        let at = definitionLevels(c.present, p0, p1, body, 0);
        body.set(values.bytes, at);
        at += values.bytes.length;
        body = body.subarray(0, at);
        const stored = compress ? compress(body) : body;
        const nulls = p1 - p0 - values.count;
        header.reset();
        header.i32(1, 0); // DATA_PAGE
        header.i32(2, body.length);
        header.i32(3, stored.length);
        header.begin(5);
        header.i32(1, p1 - p0);
        header.i32(2, 0); // PLAIN
        header.i32(3, 3); // RLE
        header.i32(4, 3);
        header.end();
        header.byte(0);
        const h = header.result().slice();
        chunk.pages.push({
          offset,
          compressedSize: h.length + stored.length,
          firstRow: p0 - g0,
          min: values.min,
          max: values.max,
          nulls,
          values: values.count,
        });
        push(h);
        push(stored);
        chunk.uncompressed += h.length + body.length;
        chunk.compressed += h.length + stored.length;
        chunk.numValues += p1 - p0;
        chunk.nulls += nulls;
        if (values.min < chunk.min) chunk.min = values.min;
        if (values.max > chunk.max) chunk.max = values.max;
      }
      groupBytes += chunk.uncompressed;
      chunks.push(chunk);
    }
    groups.push({ rows: g1 - g0, chunks, start: groupStart, bytes: groupBytes });
    if (rows === 0) break;
  }
  // Page indexes: every column index, then every offset index (as parquet-mr lays them out).
  // A page of values that are all NaN has no min/max: such a chunk gets no page index.
  const indexed = (ch: ChunkOut): boolean => ch.column.pageIndex && ch.pages.every((p) => p.values === 0 || p.min <= p.max);
  for (const g of groups)
    for (const ch of g.chunks) {
      if (!indexed(ch)) continue;
      const o = new Out();
      o.list(1, T_TRUE, ch.pages.length);
      for (const p of ch.pages) o.byte(p.values === 0 ? T_TRUE : T_FALSE);
      o.list(2, T_BINARY, ch.pages.length);
      for (const p of ch.pages) {
        const b = p.values === 0 ? new Uint8Array(0) : statBytes(ch.column, p.min);
        o.varint(b.length);
        o.bytes(b);
      }
      o.list(3, T_BINARY, ch.pages.length);
      for (const p of ch.pages) {
        const b = p.values === 0 ? new Uint8Array(0) : statBytes(ch.column, p.max);
        o.varint(b.length);
        o.bytes(b);
      }
      o.i32(4, 0); // UNORDERED
      o.list(5, T_I64, ch.pages.length);
      for (const p of ch.pages) o.zigzag(p.nulls);
      o.byte(0);
      const b = o.result().slice();
      ch.columnIndexOffset = offset;
      ch.columnIndexLength = b.length;
      push(b);
    }
  for (const g of groups)
    for (const ch of g.chunks) {
      if (!indexed(ch)) continue;
      const o = new Out();
      o.list(1, T_STRUCT, ch.pages.length);
      for (const p of ch.pages) {
        o.beginElement();
        o.i64(1, p.offset);
        o.i32(2, p.compressedSize);
        o.i64(3, p.firstRow);
        o.end();
      }
      o.byte(0);
      const b = o.result().slice();
      ch.offsetIndexOffset = offset;
      ch.offsetIndexLength = b.length;
      push(b);
    }

  const f = new Out();
  f.i32(1, 2);
  f.list(2, T_STRUCT, input.schema.length);
  for (const s of input.schema) {
    f.beginElement();
    if (s.type !== undefined) f.i32(1, s.type);
    if (s.repetition !== undefined) f.i32(3, s.repetition);
    f.string(4, s.name);
    if (s.children !== undefined) f.i32(5, s.children);
    if (s.convertedType !== undefined) f.i32(6, s.convertedType);
    if (s.logical) {
      f.begin(10);
      if (s.logical === 'STRING') {
        f.begin(1);
        f.end();
      } else if (s.logical === 'JSON') {
        f.begin(12);
        f.end();
      } else {
        f.begin(8);
        f.bool(1, true);
        f.begin(2);
        f.begin(1);
        f.end();
        f.end();
        f.end();
      }
      f.end();
    }
    f.end();
  }
  f.i64(3, rows);
  f.list(4, T_STRUCT, groups.length);
  groups.forEach((g, ordinal) => {
    f.beginElement();
    f.list(1, T_STRUCT, g.chunks.length);
    for (const ch of g.chunks) {
      const c = ch.column;
      f.beginElement();
      f.i64(2, ch.start);
      f.begin(3);
      f.i32(1, c.type);
      f.list(2, T_I32, 2);
      f.zigzag(0); // PLAIN
      f.zigzag(3); // RLE
      f.list(3, T_BINARY, c.path.length);
      for (const p of c.path) {
        const b = utf8.encode(p);
        f.varint(b.length);
        f.bytes(b);
      }
      f.i32(4, codec);
      f.i64(5, ch.numValues);
      f.i64(6, ch.uncompressed);
      f.i64(7, ch.compressed);
      f.i64(9, ch.dataPageOffset);
      if (c.statistics || ch.nulls > 0) {
        f.begin(12);
        f.i64(3, ch.nulls);
        // min > max: every value was NaN, which statistics leave out
        if (c.statistics && ch.numValues > ch.nulls && ch.min <= ch.max) {
          f.binary(5, statBytes(c, ch.max));
          f.binary(6, statBytes(c, ch.min));
        }
        f.end();
      }
      f.end();
      if (ch.offsetIndexOffset !== undefined) {
        f.i64(4, ch.offsetIndexOffset);
        f.i32(5, ch.offsetIndexLength as number);
        f.i64(6, ch.columnIndexOffset as number);
        f.i32(7, ch.columnIndexLength as number);
      }
      f.end();
    }
    f.i64(2, g.bytes);
    f.i64(3, g.rows);
    f.i64(5, g.start);
    f.i64(
      6,
      g.chunks.reduce((s, ch) => s + ch.compressed, 0),
    );
    f.field(7, 4); // i16
    f.zigzag(ordinal);
    f.end();
  });
  f.list(5, T_STRUCT, input.keyValue.length);
  for (const [k, v] of input.keyValue) {
    f.beginElement();
    f.string(1, k);
    f.string(2, v);
    f.end();
  }
  f.string(6, input.createdBy);
  f.byte(0);
  const footer = f.result();
  const tail = new Uint8Array(8);
  new DataView(tail.buffer).setUint32(0, footer.length, true);
  tail.set(utf8.encode('PAR1'), 4);
  push(footer);
  push(tail);
  const out = new Uint8Array(offset);
  let p = 0;
  for (const b of parts) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}
