/**
 * Decoding a row group's values: the WKB of the geometry column (strictly, a wrong value named by
 * its row; 2D points read straight off the page), the flat leaf columns the fast path reads from
 * their PLAIN pages, and the general path's values made plain (safe INT64 as numbers).
 */
import type { FileMetaData } from 'hyparquet';
import { GeoError } from '../../errors.js';
import type { Geometry } from '../../geojson.js';
import { readWkb } from '../../geometry/wkb.js';
import type { Element } from './metadata.js';
import { FormatError, type LeafInfo, type Page } from './parquet-read.js';

/** A WKB value of the geometry column as a geometry (null stays null); anything else is an invalid file naming the row. */
export function decodeGeometry(value: unknown, column: string, row: number): Geometry | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Uint8Array))
    throw new GeoError(
      'invalid-file',
      'bytes',
      typeof value === 'string' ? value.slice(0, 40) : value,
      'WKB bytes',
      `the geo metadata says '${column}' is WKB, but row ${row} holds ${typeof value === 'string' ? `text ('${value.slice(0, 30)}')` : typeof value}`,
    );
  try {
    return readWkb(value).geometry;
  } catch (e) {
    if (e instanceof GeoError)
      throw new GeoError(
        'invalid-file',
        'bytes',
        e.value,
        'WKB geometries',
        `the geo metadata says '${column}' is WKB, but row ${row} is not: ${e.message}`,
      );
    throw e;
  }
}

/** The value arrays the fast path decoded (geometries decoded, values plain already). */
export const decodedMark = new WeakSet<unknown[]>();

/** The geometries of a group straight from the WKB in its pages (rows of `keep` only). */
export function geometryValues(pages: Page[], rows: number, keep: Uint8Array | null, column: string, start: number): unknown[] {
  const out: unknown[] = new Array(rows).fill(null);
  decodedMark.add(out);
  for (const page of pages) {
    const { present, data, view } = page;
    const n = data.length;
    let p = 0;
    for (let i = 0; i < page.rows; i++) {
      if (present && present[i] === 0) continue;
      if (p + 4 > n) throw new FormatError('a page holds fewer values than its rows');
      const len = view.getUint32(p, true);
      const at = p + 4;
      p = at + len;
      if (p > n) throw new FormatError('a value runs past the end of its page');
      const r = page.firstRow + i;
      if (keep && !keep[r]) continue;
      // the common case, a little-endian 2D point, read off the page
      if (len === 21 && data[at] === 1 && data[at + 1] === 1 && data[at + 2] === 0 && data[at + 3] === 0 && data[at + 4] === 0) {
        const x = view.getFloat64(at + 5, true);
        const y = view.getFloat64(at + 13, true);
        out[r] = { type: 'Point', coordinates: Number.isNaN(x) && Number.isNaN(y) ? [] : [x, y] };
      } else out[r] = decodeGeometry(data.subarray(at, p), column, start + r);
    }
  }
  return out;
}
/** Every flat leaf column the fast path can read, by its dotted path. */
export function leavesOf(metadata: FileMetaData): Map<string, LeafInfo> {
  const out = new Map<string, LeafInfo>();
  const schema = metadata.schema;
  let i = 1;
  const walk = (prefix: string, def: number, rep: number): void => {
    const e = schema[i++] as Element;
    const path = prefix ? `${prefix}.${e.name}` : e.name;
    const d = def + (e.repetition_type === 'OPTIONAL' ? 1 : 0);
    const r = rep + (e.repetition_type === 'REPEATED' ? 1 : 0);
    if (e.num_children) {
      for (let k = 0; k < e.num_children; k++) walk(path, d, r);
      return;
    }
    if (r > 0 || d > 1) return;
    const converted = e.converted_type;
    const logical = (e.logical_type as { type?: string; bitWidth?: number; isSigned?: boolean } | undefined) ?? undefined;
    const plainInteger = (bits: number) =>
      (converted === undefined || converted === `INT_${bits}`) &&
      (logical === undefined || (logical.type === 'INTEGER' && logical.bitWidth === bits && logical.isSigned !== false));
    let as: LeafInfo['as'] | undefined;
    if (e.type === 'DOUBLE' || e.type === 'FLOAT') as = 'number';
    else if (e.type === 'INT32' && plainInteger(32)) as = 'number';
    else if (e.type === 'INT64' && plainInteger(64)) as = 'int64';
    else if (e.type === 'BOOLEAN') as = 'boolean';
    else if (e.type === 'BYTE_ARRAY') as = converted === 'UTF8' || logical?.type === 'STRING' ? 'string' : 'bytes';
    if (as && e.type) out.set(path, { type: e.type, maxDefinition: d, as });
  };
  while (i < schema.length) walk('', 0, 0);
  return out;
}
/** A value of the general path as a property: safe INT64 as numbers, undefined as null. */
export function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) && BigInt(Number(v)) === v ? Number(v) : v;
  return v === undefined ? null : v;
}
