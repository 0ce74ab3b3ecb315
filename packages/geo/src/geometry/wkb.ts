import { GeoError } from '../errors.js';
import type { Geometry, Position } from '../geojson.js';

/**
 * Well-known binary (OGC Simple Features 1.2.1 §8.2 / ISO 19125-1) and PostGIS' extended WKB
 * (EWKB), the geometry encoding GeoParquet, FlatGeobuf's neighbours, PostGIS and BigQuery exchange.
 *
 * Type codes: ISO adds 1000 for Z, 2000 for M, 3000 for ZM to the base code (1 Point … 7
 * GeometryCollection); EWKB sets the high bits 0x80000000 (Z), 0x40000000 (M) and 0x20000000
 * (an SRID follows the type). Both are read; ISO is written unless an SRID or `flavour: 'ewkb'`
 * asks for EWKB.
 *
 * GeoJSON carries Z as a third ordinate; a fourth is taken as M (XYZM). A geometry with M and no
 * Z (XYM) has no GeoJSON form: reading one drops the M values.
 */

const BASE = [
  '',
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiPolygon',
  'GeometryCollection',
] as const;
const CODE: Record<Geometry['type'], number> = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
};
const EWKB_Z = 0x80000000;
const EWKB_M = 0x40000000;
const EWKB_SRID = 0x20000000;
/** Collections nested deeper than this are refused (a crafted file could otherwise exhaust the stack). */
export const MAX_WKB_DEPTH = 32;

export interface ToWkbOptions {
  /** Byte order. Default `'little'` (NDR), what every producer of GeoParquet writes. */
  byteOrder?: 'little' | 'big';
  /** `'iso'` (default) or `'ewkb'`; an `srid` implies `'ewkb'`. */
  flavour?: 'iso' | 'ewkb';
  /** Spatial reference id written into EWKB (PostGIS), e.g. 4326. */
  srid?: number;
}

/** The parts of a WKB value besides its geometry. */
export interface WkbInfo {
  /** The EWKB SRID, when the value carries one. */
  srid?: number;
  /** Whether the coordinates had Z and M. */
  hasZ: boolean;
  hasM: boolean;
}

/**
 * Encodes a GeoJSON geometry as WKB (ISO by default, EWKB with an SRID). Positions of length 3
 * are written as Z, of length 4 as ZM; every position of a geometry must have the same length.
 * Empty geometries are written as such (`POINT EMPTY` as NaN coordinates, the convention of GEOS,
 * PostGIS and GeoParquet).
 *
 * @throws {GeoError} `invalid-geometry` for an unknown type, a non-finite or missing coordinate,
 * mixed dimensions; `invalid-type` for bad options
 *
 * @example
 * import { toWkb, fromWkb } from '@ds/geo';
 * const wkb = toWkb({ type: 'Point', coordinates: [1, 2] });
 * wkb.length; // => 21
 * Array.from(wkb.subarray(0, 5)); // => [1, 1, 0, 0, 0]
 * fromWkb(wkb); // => { type: 'Point', coordinates: [1, 2] }
 * toWkb({ type: 'Point', coordinates: [1, 2] }, { srid: 4326 }).length; // => 25
 */
export function toWkb(geometry: Geometry, options: ToWkbOptions = {}): Uint8Array {
  checkOptions(options, 'options');
  const little = (options.byteOrder ?? 'little') === 'little';
  if (options.byteOrder !== undefined && options.byteOrder !== 'little' && options.byteOrder !== 'big')
    throw new GeoError('invalid-type', 'byteOrder', options.byteOrder, "'little' or 'big'");
  const flavour = options.flavour ?? 'iso';
  if (flavour !== 'iso' && flavour !== 'ewkb') throw new GeoError('invalid-type', 'flavour', flavour, "'iso' or 'ewkb'");
  const srid = options.srid;
  if (srid !== undefined && !(Number.isInteger(srid) && srid >= 0 && srid <= 0x7fffffff))
    throw new GeoError('invalid-type', 'srid', srid, 'a whole number ≥ 0');
  const ewkb = flavour === 'ewkb' || srid !== undefined;
  const dim = dimensionOf(geometry, 'geometry');
  const size = sizeOf(geometry, dim, 0) + (srid !== undefined ? 4 : 0);
  const out = new Uint8Array(size);
  const w = new Writer(out, little);
  writeGeometry(w, geometry, dim, ewkb, srid, 0);
  return out;
}

/**
 * Decodes WKB (ISO, EWKB, either byte order, hex text as PostGIS prints it) into a GeoJSON
 * geometry. The whole input must be one geometry: trailing bytes are an error, as a truncated
 * value is. Use {@link wkbInfo} for the SRID.
 *
 * @throws {GeoError} `invalid-file` for a truncated value, an unknown type code, a count larger
 * than the bytes that follow, trailing bytes or a collection nested deeper than 32
 *
 * @example
 * import { fromWkb } from '@ds/geo';
 * fromWkb('0101000000000000000000F03F0000000000000040'); // => { type: 'Point', coordinates: [1, 2] }
 * fromWkb(new Uint8Array([1, 4, 0, 0, 0, 0, 0, 0, 0])); // => { type: 'MultiPoint', coordinates: [] }
 */
export function fromWkb(wkb: Uint8Array | ArrayBuffer | string): Geometry {
  return readWkb(wkb).geometry;
}

/**
 * The SRID and dimensions of a WKB value, read along with its geometry.
 *
 * @example
 * import { toWkb, wkbInfo } from '@ds/geo';
 * wkbInfo(toWkb({ type: 'Point', coordinates: [1, 2, 3] }, { srid: 4326 })); // => { srid: 4326, hasZ: true, hasM: false }
 */
export function wkbInfo(wkb: Uint8Array | ArrayBuffer | string): WkbInfo {
  const { srid, hasZ, hasM } = readWkb(wkb);
  return srid === undefined ? { hasZ, hasM } : { srid, hasZ, hasM };
}

/**
 * @internal Many geometries as ISO WKB laid out as a Parquet PLAIN BYTE_ARRAY column: each
 * present value a 4-byte little-endian length and its WKB, in the order `order` gives (or as
 * they are), in one buffer; `offsets[i]` is where the i-th row starts (`offsets[n]` the end) and
 * `present[i]` 0 for a null geometry. Errors name `argument(original index)`.
 */
export function toWkbColumn(
  geometries: (Geometry | null)[],
  order: Uint32Array | null,
  argument: (i: number) => string,
): { bytes: Uint8Array; offsets: Float64Array; present: Uint8Array; nulls: number } {
  const n = geometries.length;
  const dims = new Uint8Array(n);
  const sizes = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const g = geometries[i];
    if (g === null || g === undefined) continue;
    let dim: number;
    const c = (g as { coordinates?: unknown }).coordinates as number[];
    if (
      g.type === 'Point' &&
      Array.isArray(c) &&
      c.length === 2 &&
      typeof c[0] === 'number' &&
      typeof c[1] === 'number' &&
      Number.isFinite(c[0]) &&
      Number.isFinite(c[1])
    ) {
      dim = 2;
      sizes[i] = 21;
    } else {
      dim = dimensionOf(g, argument(i));
      sizes[i] = sizeOf(g, dim, 0);
    }
    dims[i] = dim;
    total += (sizes[i] as number) + 4;
  }
  // Written in the collection's order (the objects lie in memory in that order), then permuted.
  const bytes = new Uint8Array(total);
  const w = new Writer(bytes, true);
  const offsets = new Float64Array(n + 1);
  const present = new Uint8Array(n);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = w.at;
    const g = geometries[i];
    if (g === null || g === undefined) {
      nulls++;
      continue;
    }
    present[i] = 1;
    w.u32(sizes[i] as number);
    if (dims[i] === 2 && g.type === 'Point' && g.coordinates.length === 2) {
      bytes[w.at] = 1;
      bytes[w.at + 1] = 1;
      w.at += 5;
      w.f64(g.coordinates[0] as number);
      w.f64(g.coordinates[1] as number);
    } else writeGeometry(w, g, dims[i] as number, false, undefined, 0);
  }
  offsets[n] = w.at;
  if (!order) return { bytes, offsets, present, nulls };
  const sorted = new Uint8Array(total);
  const sortedOffsets = new Float64Array(n + 1);
  const sortedPresent = new Uint8Array(n);
  let at = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    sortedOffsets[k] = at;
    sortedPresent[k] = present[i] as number;
    const from = offsets[i] as number;
    const to = offsets[i + 1] as number;
    if (to - from > 64) sorted.set(bytes.subarray(from, to), at);
    else for (let j = from; j < to; j++) sorted[at + j - from] = bytes[j] as number;
    at += to - from;
  }
  sortedOffsets[n] = at;
  return { bytes: sorted, offsets: sortedOffsets, present: sortedPresent, nulls };
}

// The common case, a little-endian 2D point (21 bytes), read without a DataView per value.
const scratch = new Uint8Array(16);
const scratchF64 = new Float64Array(scratch.buffer);
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** @internal One geometry and what came with it. */
export function readWkb(wkb: Uint8Array | ArrayBuffer | string): { geometry: Geometry } & WkbInfo {
  if (
    LITTLE_ENDIAN_HOST &&
    wkb instanceof Uint8Array &&
    wkb.length === 21 &&
    wkb[0] === 1 &&
    wkb[1] === 1 &&
    wkb[2] === 0 &&
    wkb[3] === 0 &&
    wkb[4] === 0
  ) {
    for (let i = 0; i < 16; i++) scratch[i] = wkb[5 + i] as number;
    const x = scratchF64[0] as number;
    const y = scratchF64[1] as number;
    return {
      geometry: { type: 'Point', coordinates: Number.isNaN(x) && Number.isNaN(y) ? [] : [x, y] },
      hasZ: false,
      hasM: false,
    };
  }
  const bytes = asBytes(wkb);
  const r = new Reader(bytes);
  const info: WkbInfo = { hasZ: false, hasM: false };
  const geometry = readGeometry(r, 0, info);
  if (r.at !== bytes.length)
    throw new GeoError(
      'invalid-file',
      'wkb',
      `${bytes.length - r.at} bytes`,
      'one geometry and nothing after it',
      `wkb has ${bytes.length - r.at} bytes after the end of its geometry (at byte ${r.at} of ${bytes.length})`,
    );
  return { geometry, ...info };
}

function asBytes(wkb: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (wkb instanceof Uint8Array) return wkb;
  if (wkb instanceof ArrayBuffer) return new Uint8Array(wkb);
  if (typeof wkb === 'string') {
    const hex = wkb.startsWith('\\x') ? wkb.slice(2) : wkb;
    if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex))
      throw new GeoError('invalid-type', 'wkb', wkb, 'WKB bytes or hexadecimal text (an even number of 0-9, A-F)');
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  throw new GeoError('invalid-type', 'wkb', wkb, 'a Uint8Array, an ArrayBuffer or hexadecimal text');
}

class Reader {
  readonly view: DataView;
  at = 0;
  little = true;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number, what: string): void {
    if (this.at + n > this.bytes.length)
      throw new GeoError(
        'invalid-file',
        'wkb',
        `${this.bytes.length} bytes`,
        'a complete WKB value',
        `wkb is truncated: ${what} needs ${n} bytes at byte ${this.at}, only ${this.bytes.length - this.at} left`,
      );
  }
  u8(): number {
    this.need(1, 'the byte order');
    return this.bytes[this.at++] as number;
  }
  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.at, this.little);
    this.at += 4;
    return v;
  }
  f64(): number {
    const v = this.view.getFloat64(this.at, this.little);
    this.at += 8;
    return v;
  }
}

function readGeometry(r: Reader, depth: number, info: WkbInfo): Geometry {
  if (depth > MAX_WKB_DEPTH) throw new GeoError('invalid-file', 'wkb', depth, `collections nested at most ${MAX_WKB_DEPTH} deep`);
  const order = r.u8();
  if (order !== 0 && order !== 1)
    throw new GeoError(
      'invalid-file',
      'wkb',
      order,
      'a byte order of 0 (big-endian) or 1 (little-endian)',
      `wkb byte order must be 0 or 1, got ${order} at byte ${r.at - 1}`,
    );
  r.little = order === 1;
  const raw = r.u32('the geometry type');
  let code = raw & 0x1fffffff;
  let hasZ = (raw & EWKB_Z) !== 0;
  let hasM = (raw & EWKB_M) !== 0;
  if (raw & EWKB_SRID) {
    const srid = r.u32('the SRID');
    if (depth === 0) info.srid = srid;
  }
  const iso = Math.floor(code / 1000);
  if (code >= 1000 && code < 4000 && !hasZ && !hasM) {
    hasZ = iso === 1 || iso === 3;
    hasM = iso === 2 || iso === 3;
    code %= 1000;
  }
  const type = code >= 1 && code <= 7 ? BASE[code] : undefined;
  if (type === undefined || type === '')
    throw new GeoError(
      'invalid-file',
      'wkb',
      raw,
      'a geometry type code 1–7 (ISO +1000 Z, +2000 M, +3000 ZM, or EWKB flags)',
      `wkb has unknown geometry type code ${raw} at byte ${r.at - 4}: expected 1–7 (Point … GeometryCollection), ISO +1000/2000/3000 or EWKB flags`,
    );
  if (depth === 0) {
    info.hasZ = hasZ;
    info.hasM = hasM;
  }
  const stride = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
  // M is kept only with Z (as a fourth ordinate); XYM loses it, GeoJSON has no place for it.
  const keep = hasZ ? stride : 2;
  const position = (): Position => {
    const p: Position = new Array(keep);
    for (let i = 0; i < keep; i++) p[i] = r.f64();
    for (let i = keep; i < stride; i++) r.f64();
    return p;
  };
  const positions = (what: string): Position[] => {
    const n = r.u32(`the ${what} count`);
    r.need(n * stride * 8, `${n} positions`);
    const out: Position[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = position();
    return out;
  };
  const count = (what: string, minimum: number): number => {
    const n = r.u32(`the ${what} count`);
    // Every member takes at least `minimum` bytes, so a count larger than the rest is a lie.
    r.need(n * minimum, `${n} ${what}s`);
    return n;
  };
  switch (type) {
    case 'Point': {
      r.need(stride * 8, 'a point');
      const p = position();
      return { type, coordinates: p.every(Number.isNaN) ? [] : p };
    }
    case 'LineString':
      return { type, coordinates: positions('point') };
    case 'Polygon': {
      const n = count('ring', 4);
      const rings: Position[][] = new Array(n);
      for (let i = 0; i < n; i++) rings[i] = positions('point');
      return { type, coordinates: rings };
    }
    case 'MultiPoint':
    case 'MultiLineString':
    case 'MultiPolygon': {
      const n = count('part', 5);
      const member = type === 'MultiPoint' ? 'Point' : type === 'MultiLineString' ? 'LineString' : 'Polygon';
      const parts: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const g = readGeometry(r, depth + 1, info);
        if (g.type !== member) throw new GeoError('invalid-file', 'wkb', g.type, `a ${member} inside a ${type}`);
        // An empty point has no place in a GeoJSON MultiPoint; GEOS writes none either.
        if (g.type === 'Point' && g.coordinates.length === 0) continue;
        parts.push(g.coordinates);
      }
      return { type, coordinates: parts } as Geometry;
    }
    default: {
      const n = count('geometry', 5);
      const geometries: Geometry[] = [];
      for (let i = 0; i < n; i++) geometries.push(readGeometry(r, depth + 1, info));
      return { type: 'GeometryCollection', geometries };
    }
  }
}

class Writer {
  readonly view: DataView;
  at = 0;
  constructor(
    readonly bytes: Uint8Array,
    readonly little: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u32(v: number): void {
    this.view.setUint32(this.at, v, this.little);
    this.at += 4;
  }
  f64(v: number): void {
    this.view.setFloat64(this.at, v, this.little);
    this.at += 8;
  }
}

/** The number of ordinates of every position (2, 3 or 4), checked to be the same throughout. */
export function dimensionOf(geometry: Geometry, argument: string): number {
  let dim = 0;
  const check = (p: unknown): void => {
    if (!Array.isArray(p) || p.length < 2 || p.length > 4)
      throw new GeoError('invalid-geometry', argument, p, 'positions of 2, 3 or 4 numbers');
    for (const c of p)
      if (typeof c !== 'number' || !Number.isFinite(c))
        throw new GeoError(
          'invalid-geometry',
          argument,
          p,
          'positions of finite numbers',
          `${argument} has a position with ${typeof c === 'number' ? c : `a ${typeof c} (${JSON.stringify(c)})`}: every ordinate must be a finite number`,
        );
    if (dim === 0) dim = p.length;
    else if (p.length !== dim)
      throw new GeoError('invalid-geometry', argument, p, `positions of one dimension (${dim} ordinates, as the first)`);
  };
  const walk = (g: Geometry, depth: number): void => {
    if (g === null || typeof g !== 'object') throw new GeoError('invalid-geometry', argument, g, 'a GeoJSON geometry');
    if (depth > MAX_WKB_DEPTH)
      throw new GeoError('invalid-geometry', argument, depth, `collections nested at most ${MAX_WKB_DEPTH} deep`);
    const c = (g as { coordinates?: unknown }).coordinates;
    const list = (v: unknown, levels: number): void => {
      if (!Array.isArray(v)) throw new GeoError('invalid-geometry', argument, v, `the coordinates of a ${g.type}`);
      if (levels === 0) check(v);
      else for (const x of v) list(x, levels - 1);
    };
    switch (g.type) {
      case 'Point':
        if (!(Array.isArray(c) && c.length === 0)) list(c, 0);
        return;
      case 'LineString':
      case 'MultiPoint':
        list(c, 1);
        return;
      case 'Polygon':
      case 'MultiLineString':
        list(c, 2);
        return;
      case 'MultiPolygon':
        list(c, 3);
        return;
      case 'GeometryCollection':
        if (!Array.isArray(g.geometries))
          throw new GeoError('invalid-geometry', argument, g, 'a GeometryCollection with a geometries array');
        for (const m of g.geometries) walk(m, depth + 1);
        return;
      default:
        throw new GeoError(
          'invalid-geometry',
          argument,
          (g as { type?: unknown }).type,
          'a GeoJSON geometry type (Point … GeometryCollection)',
        );
    }
  };
  walk(geometry, 0);
  return dim === 0 ? 2 : dim;
}

function sizeOf(g: Geometry, dim: number, depth: number): number {
  const pos = 8 * dim;
  switch (g.type) {
    case 'Point':
      return 5 + pos;
    case 'LineString':
      return 9 + g.coordinates.length * pos;
    case 'Polygon':
      return 9 + g.coordinates.reduce((s, ring) => s + 4 + ring.length * pos, 0);
    case 'MultiPoint':
      return 9 + g.coordinates.length * (5 + pos);
    case 'MultiLineString':
      return 9 + g.coordinates.reduce((s, line) => s + 9 + line.length * pos, 0);
    case 'MultiPolygon':
      return 9 + g.coordinates.reduce((s, poly) => s + 9 + poly.reduce((t, ring) => t + 4 + ring.length * pos, 0), 0);
    case 'GeometryCollection':
      return 9 + g.geometries.reduce((s, m) => s + sizeOf(m, dim, depth + 1), 0);
  }
}

function writeGeometry(w: Writer, g: Geometry, dim: number, ewkb: boolean, srid: number | undefined, depth: number): void {
  w.bytes[w.at++] = w.little ? 1 : 0;
  const code = CODE[g.type];
  if (ewkb) {
    let t = code;
    if (dim >= 3) t |= EWKB_Z;
    if (dim === 4) t |= EWKB_M;
    if (srid !== undefined && depth === 0) t |= EWKB_SRID;
    w.u32(t >>> 0);
    if (srid !== undefined && depth === 0) w.u32(srid);
  } else {
    w.u32(code + (dim === 3 ? 1000 : dim === 4 ? 3000 : 0));
  }
  const position = (p: Position): void => {
    for (let i = 0; i < dim; i++) w.f64(p[i] as number);
  };
  const line = (ps: Position[]): void => {
    w.u32(ps.length);
    for (const p of ps) position(p);
  };
  switch (g.type) {
    case 'Point':
      if (g.coordinates.length === 0) for (let i = 0; i < dim; i++) w.f64(Number.NaN);
      else position(g.coordinates);
      return;
    case 'LineString':
      line(g.coordinates);
      return;
    case 'Polygon':
      w.u32(g.coordinates.length);
      for (const ring of g.coordinates) line(ring);
      return;
    case 'MultiPoint':
      w.u32(g.coordinates.length);
      for (const p of g.coordinates) writeGeometry(w, { type: 'Point', coordinates: p }, dim, ewkb, srid, depth + 1);
      return;
    case 'MultiLineString':
      w.u32(g.coordinates.length);
      for (const l of g.coordinates) writeGeometry(w, { type: 'LineString', coordinates: l }, dim, ewkb, srid, depth + 1);
      return;
    case 'MultiPolygon':
      w.u32(g.coordinates.length);
      for (const p of g.coordinates) writeGeometry(w, { type: 'Polygon', coordinates: p }, dim, ewkb, srid, depth + 1);
      return;
    case 'GeometryCollection':
      w.u32(g.geometries.length);
      for (const m of g.geometries) writeGeometry(w, m, dim, ewkb, srid, depth + 1);
      return;
  }
}

/** @internal Options objects: absent is fine, anything but a plain object is refused. */
export function checkOptions(options: unknown, argument: string): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new GeoError('invalid-type', argument, options, 'an options object (or nothing)');
}
