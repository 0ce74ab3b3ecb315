/**
 * The bbox filter pushdown of the reader, coarse to fine: a row group's statistics (the covering
 * columns' min/max, or Parquet's own GEOMETRY statistics), then the pages of a group (the column
 * and offset indexes of the covering columns), then the rows (the covering columns' values), and
 * last each decoded geometry's own box.
 */
import { type FileMetaData, type RowGroup, readColumnIndex, readOffsetIndex } from 'hyparquet';
import type { Geometry } from '../../geojson.js';
import { type Bbox, bboxOfGeometry, intersects } from '../shared.js';
import type { Covering, Element } from './metadata.js';
import { FormatError, type Page } from './parquet-read.js';
import { chunkAt, type ParquetSource } from './source.js';

/** False when the group's covering statistics prove no row can meet the bbox. */
export function groupMayMeet(group: RowGroup, covering: Covering | undefined, geometryColumn: string, bbox: Bbox): boolean {
  if (!covering) {
    // Parquet's own GEOMETRY statistics (format 2.11), where a writer left them.
    const box = chunkAt(group, geometryColumn)?.meta_data?.geospatial_statistics?.bbox;
    // xmin > xmax wraps the antimeridian: not pruned.
    if (!box || box.xmin > box.xmax) return true;
    return !(box.xmin > bbox[2] || box.xmax < bbox[0] || box.ymin > bbox[3] || box.ymax < bbox[1]);
  }
  const stat = (path: string, which: 'min' | 'max'): number | undefined => {
    const s = chunkAt(group, path)?.meta_data?.statistics;
    const v = which === 'min' ? (s?.min_value ?? s?.min) : (s?.max_value ?? s?.max);
    return typeof v === 'number' ? v : undefined;
  };
  const minOfXmin = stat(covering.paths.xmin, 'min');
  const maxOfXmax = stat(covering.paths.xmax, 'max');
  const minOfYmin = stat(covering.paths.ymin, 'min');
  const maxOfYmax = stat(covering.paths.ymax, 'max');
  if (minOfXmin !== undefined && minOfXmin > bbox[2]) return false;
  if (maxOfXmax !== undefined && maxOfXmax < bbox[0]) return false;
  if (minOfYmin !== undefined && minOfYmin > bbox[3]) return false;
  if (maxOfYmax !== undefined && maxOfYmax < bbox[1]) return false;
  return true;
}
/**
 * Row ranges ([start, end) pairs) of the pages whose covering statistics may meet bbox, from the
 * column and offset indexes of the four covering columns; null when the file has none (or their
 * pages do not line up), an empty array when no page can meet it.
 */
export async function pagesMayMeet(
  chunks: (RowGroup['columns'][number] | undefined)[],
  bbox: Bbox,
  rows: number,
  memory: Uint8Array | null,
  file: ParquetSource,
  metadata: FileMetaData,
): Promise<Uint32Array | null> {
  const bytesAt = async (offset: bigint | number | undefined, length: number | undefined): Promise<DataView | null> => {
    if (offset === undefined || length === undefined) return null;
    const start = Number(offset);
    if (!(start >= 0 && length > 0 && start + length <= file.byteLength)) return null;
    if (memory) return new DataView(memory.buffer, memory.byteOffset + start, length);
    return new DataView(await file.slice(start, start + length));
  };
  const element = metadata.schema.find((e) => e.type === 'DOUBLE') as Element;
  const mins: number[][] = [];
  const maxs: number[][] = [];
  let firstRows: number[] | undefined;
  for (const c of chunks) {
    if (!c) return null;
    const ci = await bytesAt(c.column_index_offset, c.column_index_length);
    const oi = await bytesAt(c.offset_index_offset, c.offset_index_length);
    if (!ci || !oi) return null;
    let columnIndex: ReturnType<typeof readColumnIndex>;
    let offsetIndex: ReturnType<typeof readOffsetIndex>;
    try {
      columnIndex = readColumnIndex({ view: ci, offset: 0 }, element);
      offsetIndex = readOffsetIndex({ view: oi, offset: 0 });
    } catch {
      return null; // an unreadable index only costs the pruning
    }
    const starts = offsetIndex.page_locations.map((p) => Number(p.first_row_index));
    if (firstRows === undefined) firstRows = starts;
    else if (starts.length !== firstRows.length || starts.some((r, k) => r !== firstRows?.[k])) return null;
    const pages = starts.length;
    if (columnIndex.min_values.length !== pages || columnIndex.max_values.length !== pages) return null;
    mins.push(columnIndex.null_pages.map((isNull, k) => (isNull ? Number.NaN : Number(columnIndex.min_values[k]))));
    maxs.push(columnIndex.null_pages.map((isNull, k) => (isNull ? Number.NaN : Number(columnIndex.max_values[k]))));
  }
  const starts = firstRows as number[];
  const [xmin, ymin] = mins as [number[], number[]];
  const [, , xmax, ymax] = maxs as [number[], number[], number[], number[]];
  const runs: number[] = [];
  for (let k = 0; k < starts.length; k++) {
    // a NaN (null page) never meets
    const meets =
      (xmin[k] as number) <= bbox[2] &&
      (xmax[k] as number) >= bbox[0] &&
      (ymin[k] as number) <= bbox[3] &&
      (ymax[k] as number) >= bbox[1];
    if (!meets) continue;
    const from = starts[k] as number;
    const to = k + 1 < starts.length ? (starts[k + 1] as number) : rows;
    if (runs.length > 0 && runs[runs.length - 1] === from) runs[runs.length - 1] = to;
    else runs.push(from, to);
  }
  return Uint32Array.from(runs);
}
/**
 * The rows whose covering box (four columns, NaN where a row has none) meets bbox: a mark per row
 * and the runs of rows as [start, end) pairs; null when none does.
 */
export function rowsMeeting(
  boxes: [Float64Array, Float64Array, Float64Array, Float64Array],
  rows: number,
  bbox: Bbox,
): { keep: Uint8Array; ranges: Uint32Array } | null {
  const [x0, y0, x1, y1] = boxes;
  const keep = new Uint8Array(rows);
  const runs: number[] = [];
  for (let i = 0; i < rows; i++) {
    // NaN (no box) never meets
    if (
      (x0[i] as number) <= bbox[2] &&
      (x1[i] as number) >= bbox[0] &&
      (y0[i] as number) <= bbox[3] &&
      (y1[i] as number) >= bbox[1]
    ) {
      keep[i] = 1;
      if (runs.length > 0 && runs[runs.length - 1] === i) runs[runs.length - 1] = i + 1;
      else runs.push(i, i + 1);
    }
  }
  return runs.length === 0 ? null : { keep, ranges: Uint32Array.from(runs) };
}

/** A DOUBLE column's values (NaN where absent). */
export function doublesOf(pages: Page[], rows: number): Float64Array {
  const out = new Float64Array(rows).fill(Number.NaN);
  for (const page of pages) {
    const { present, view } = page;
    const n = page.data.length;
    let p = 0;
    for (let i = 0; i < page.rows; i++) {
      if (present && present[i] === 0) continue;
      if (p + 8 > n) throw new FormatError('a page holds fewer values than its rows');
      out[page.firstRow + i] = view.getFloat64(p, true);
      p += 8;
    }
  }
  return out;
}
/** Whether the geometry's bounding box meets bbox; a 2D point without building a box. */
export function meets(g: Geometry, bbox: Bbox): boolean {
  if (g.type === 'Point') {
    const c = g.coordinates;
    if (c.length < 2) return false;
    const x = c[0] as number;
    const y = c[1] as number;
    return x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3];
  }
  return intersects(bboxOfGeometry(g), bbox);
}
