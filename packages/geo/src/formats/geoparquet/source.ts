/**
 * Where the reader's bytes come from: a buffer in memory, or a {@link ParquetSource} of byte ranges
 * (a file handle, HTTP range requests), its answers checked; and the one byte range holding the
 * column chunks a row group needs.
 */
import type { RowGroup } from 'hyparquet';
import { GeoError } from '../../errors.js';
import { FormatError } from './parquet-read.js';

/**
 * A Parquet file read by byte ranges (hyparquet's AsyncBuffer shape): `byteLength`, and `slice`
 * giving the bytes from `start` to `end` (or a promise of them). A bbox read through a source
 * reads the footer and the column chunks of the row groups it needs, not the whole file.
 */
export interface ParquetSource {
  byteLength: number;
  slice(start: number, end?: number): ArrayBuffer | Promise<ArrayBuffer>;
}

/** Whether `v` has the {@link ParquetSource} shape (and so is not bytes). */
export function isParquetSource(v: unknown): boolean {
  return v !== null && typeof v === 'object' && 'byteLength' in v && typeof (v as { slice?: unknown }).slice === 'function';
}

/** The source, its byte ranges checked: a short or wrong answer is an invalid file, not a half read. */
export function checkedSource(source: ParquetSource): ParquetSource {
  const n = source.byteLength;
  if (!(Number.isSafeInteger(n) && n >= 0))
    throw new GeoError(
      'invalid-type',
      'bytes.byteLength',
      n,
      'a whole number of bytes ≥ 0',
      `bytes.byteLength must be a whole number ≥ 0, got ${typeof n === 'string' ? `'${n}' (a string)` : String(n)}`,
    );
  return {
    byteLength: n,
    slice: async (start, end = n) => {
      const got = await source.slice(start, end);
      if (!(got instanceof ArrayBuffer) || got.byteLength !== end - start)
        throw new FormatError(
          `the source gave ${got instanceof ArrayBuffer ? `${got.byteLength} bytes` : typeof got} for bytes ${start} to ${end}`,
        );
      return got;
    },
  };
}

/** A column chunk's metadata. */
export type Chunk = NonNullable<RowGroup['columns'][number]['meta_data']>;

/** The chunk of `path` (dotted) in a row group. */
export function chunkAt(group: RowGroup, path: string): RowGroup['columns'][number] | undefined {
  return group.columns.find((c) => c.meta_data?.path_in_schema.join('.') === path);
}

/**
 * The bytes of the chunks of some columns of a group, as one range of the file (the whole buffer
 * when the file is in memory): `base` is the file offset of `bytes[0]`.
 */
export async function fetchChunks(
  memory: Uint8Array | null,
  file: ParquetSource,
  chunks: Chunk[],
): Promise<{ bytes: Uint8Array; base: number }> {
  if (memory) return { bytes: memory, base: 0 };
  let lo = Infinity;
  let hi = 0;
  for (const c of chunks) {
    const start = Math.min(Number(c.data_page_offset), Number(c.dictionary_page_offset ?? c.data_page_offset));
    lo = Math.min(lo, start);
    hi = Math.max(hi, start + Number(c.total_compressed_size));
  }
  if (chunks.length === 0) return { bytes: new Uint8Array(0), base: 0 };
  if (!(lo >= 0 && hi <= file.byteLength))
    throw new FormatError(`a column chunk spans bytes ${lo} to ${hi}, outside the file (${file.byteLength} bytes)`);
  return { bytes: new Uint8Array(await file.slice(lo, hi)), base: lo };
}
