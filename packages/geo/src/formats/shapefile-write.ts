import { zipSync } from 'fflate';
import { GeoError } from '../errors.js';
import type { Feature, GeoCollection, Geometry, Position } from '../geojson.js';
import { checkOptions, dimensionOf } from '../geometry/wkb.js';
import { esriWktOf } from './projjson-crs.js';
import { checkCollection } from './shared.js';

/**
 * Shapefile writing: .shp/.shx (ESRI Shapefile Technical Description, 1998), .dbf (dBASE III as
 * shapelib writes it), .prj (ESRI WKT) and .cpg (UTF-8). Field names, types and widths follow
 * GDAL's ESRI Shapefile driver, so `ogrinfo` reads the files without a warning.
 */

/** The files of one shapefile, as bytes (the .prj and .cpg are text encoded as UTF-8). */
export interface ShapefileFiles {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
  prj: Uint8Array;
  cpg: Uint8Array;
}

export interface WriteShapefileOptions {
  /** Returns one zip holding `<name>.shp`, `.shx`, `.dbf`, `.prj`, `.cpg` instead of the parts. */
  zip?: boolean;
  /** The base name of the files inside the zip. Default `'layer'`. */
  name?: string;
  /** The .prj text, for a CRS this package has no ESRI WKT of. */
  prj?: string;
  /** The date in the .dbf header. Default: today (UTC), as GDAL writes it. */
  date?: Date;
}

/** dBASE III allows 255 fields of at most 254 bytes; a .shp and .shx address at most 2 GB. */
const MAX_FIELDS = 255;
const MAX_CHARACTER = 254;
const MAX_SHP_BYTES = 2 ** 31 - 1;

/**
 * Writes a FeatureCollection as a shapefile (.shp, .shx, .dbf, .prj, .cpg), or one zip of them.
 * All geometries must be of one family (points, multipoints, lines, or polygons; Z when any
 * position has one); null geometries are written as null shapes. Rings are turned as the format
 * wants (shells clockwise). Fields are typed and named as GDAL's driver does: names cut to 10
 * characters and made unique (`name_1`…), whole numbers `N(w,0)`, other numbers `N(24,d)`, strings
 * `C(w)` sized to the longest UTF-8 value, booleans `L`, Dates `D` (or ISO text when they have a
 * time), objects as JSON text.
 *
 * @throws {GeoError} `invalid-geometry` for mixed geometry families or GeometryCollections;
 * `invalid-type` for a property of two types, a string over 254 bytes, more than 255 fields, bad
 * options; `unknown-crs` for a CRS with no ESRI WKT here (pass `prj`); `out-of-range` past 2 GB
 *
 * @example
 * import { readShapefile, writeShapefile } from '@ds/geo';
 * const parts = await writeShapefile({ type: 'FeatureCollection', features: [
 *   { type: 'Feature', properties: { population_2020: 120, name: 'a' }, geometry: { type: 'Point', coordinates: [1, 2] } },
 * ] });
 * parts.shp.length; // => 128
 * new TextDecoder().decode(parts.cpg); // => 'UTF-8'
 * const back = await readShapefile(parts);
 * back.features[0].properties; // => { population: 120, name: 'a' }
 */
export async function writeShapefile(
  collection: GeoCollection,
  options?: WriteShapefileOptions & { zip?: false },
): Promise<ShapefileFiles>;
export async function writeShapefile(
  collection: GeoCollection,
  options: WriteShapefileOptions & { zip: true },
): Promise<Uint8Array>;
export async function writeShapefile(
  collection: GeoCollection,
  options: WriteShapefileOptions = {},
): Promise<ShapefileFiles | Uint8Array> {
  checkOptions(options, 'options');
  checkCollection(collection, 'collection');
  const name = options.name ?? 'layer';
  if (typeof name !== 'string' || !/^[^/\\\0]+$/.test(name))
    throw new GeoError('invalid-type', 'name', name, 'a file name without slashes');
  if (options.zip !== undefined && typeof options.zip !== 'boolean')
    throw new GeoError('invalid-type', 'zip', options.zip, 'true or false');
  if (options.prj !== undefined && typeof options.prj !== 'string')
    throw new GeoError('invalid-type', 'prj', options.prj, 'the .prj text (ESRI WKT)');
  const date = options.date ?? new Date();
  if (!(date instanceof Date) || Number.isNaN(date.getTime()))
    throw new GeoError('invalid-type', 'date', options.date, 'a valid Date');
  const prj = options.prj ?? esriWktOf(collection.crs, 'collection.crs');
  const { shp, shx } = writeShp(collection.features);
  const dbf = writeDbf(collection.features, date);
  const encoder = new TextEncoder();
  const files: ShapefileFiles = { shp, shx, dbf, prj: encoder.encode(prj), cpg: encoder.encode('UTF-8') };
  if (!options.zip) return files;
  return zipSync({
    [`${name}.shp`]: files.shp,
    [`${name}.shx`]: files.shx,
    [`${name}.dbf`]: files.dbf,
    [`${name}.prj`]: files.prj,
    [`${name}.cpg`]: files.cpg,
  });
}

// Shape types (ESRI technical description, table 1).
const NULL_SHAPE = 0;
const FAMILY: Record<string, { type: number; z: number }> = {
  Point: { type: 1, z: 11 },
  MultiPoint: { type: 8, z: 18 },
  LineString: { type: 3, z: 13 },
  MultiLineString: { type: 3, z: 13 },
  Polygon: { type: 5, z: 15 },
  MultiPolygon: { type: 5, z: 15 },
};

interface Parts {
  parts: Position[][];
  points: Position[];
}

function writeShp(features: Feature[]): { shp: Uint8Array; shx: Uint8Array } {
  let family: number | undefined;
  let firstType = '';
  let hasZ = false;
  const geometries: (Geometry | null)[] = features.map((f) => f.geometry ?? null);
  geometries.forEach((g, i) => {
    if (g === null) return;
    const f = FAMILY[g.type];
    if (!f)
      throw new GeoError(
        'invalid-geometry',
        `collection.features[${i}].geometry`,
        g.type,
        'a Point, MultiPoint, (Multi)LineString or (Multi)Polygon: a shapefile holds no GeometryCollection',
      );
    if (family === undefined) {
      family = f.type;
      firstType = g.type;
    } else if (family !== f.type)
      throw new GeoError(
        'invalid-geometry',
        `collection.features[${i}].geometry`,
        g.type,
        `a geometry of the same family as the first (${firstType})`,
        `a shapefile holds one kind of geometry: feature ${i} is a ${g.type}, the first was a ${firstType}; write one file per kind`,
      );
    if (dimensionOf(g, `collection.features[${i}].geometry`) >= 3) hasZ = true;
  });
  const base = family ?? NULL_SHAPE;
  const shapeType = hasZ ? (Object.values(FAMILY).find((f) => f.type === base)?.z ?? base) : base;

  // Record contents first, so the file's size is known.
  const records: Uint8Array[] = geometries.map((g) => (g === null ? nullRecord() : record(g, shapeType, hasZ)));
  const total = 100 + records.reduce((s, r) => s + 8 + r.length, 0);
  if (total > MAX_SHP_BYTES)
    throw new GeoError('out-of-range', 'collection', `${total} bytes`, 'a .shp of at most 2 GB (the format addresses no more)');
  const shp = new Uint8Array(total);
  const shx = new Uint8Array(100 + 8 * records.length);
  const box = [Infinity, Infinity, -Infinity, -Infinity, Infinity, -Infinity];
  for (const g of geometries) {
    if (g === null) continue;
    for (const p of positionsOf(g)) {
      box[0] = Math.min(box[0] as number, p[0] as number);
      box[1] = Math.min(box[1] as number, p[1] as number);
      box[2] = Math.max(box[2] as number, p[0] as number);
      box[3] = Math.max(box[3] as number, p[1] as number);
      if (hasZ) {
        box[4] = Math.min(box[4] as number, p[2] ?? 0);
        box[5] = Math.max(box[5] as number, p[2] ?? 0);
      }
    }
  }
  const bounds = box.map((v) => (Number.isFinite(v) ? v : 0));
  header(shp, total, shapeType, bounds);
  header(shx, shx.length, shapeType, bounds);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  let at = 100;
  records.forEach((r, i) => {
    xv.setInt32(100 + 8 * i, at / 2, false);
    xv.setInt32(104 + 8 * i, r.length / 2, false);
    sv.setInt32(at, i + 1, false);
    sv.setInt32(at + 4, r.length / 2, false);
    shp.set(r, at + 8);
    at += 8 + r.length;
  });
  return { shp, shx };
}

function header(bytes: Uint8Array, length: number, shapeType: number, bounds: number[]): void {
  const v = new DataView(bytes.buffer, bytes.byteOffset, 100);
  v.setInt32(0, 9994, false);
  v.setInt32(24, length / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, shapeType, true);
  v.setFloat64(36, bounds[0] as number, true);
  v.setFloat64(44, bounds[1] as number, true);
  v.setFloat64(52, bounds[2] as number, true);
  v.setFloat64(60, bounds[3] as number, true);
  v.setFloat64(68, bounds[4] as number, true);
  v.setFloat64(76, bounds[5] as number, true);
}

function nullRecord(): Uint8Array {
  return new Uint8Array(4); // shape type 0, little-endian
}

function positionsOf(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return g.coordinates.length === 0 ? [] : [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    default:
      return [];
  }
}

/** Signed area (shoelace): positive when counter-clockwise. */
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    s += ((a[0] as number) - (b[0] as number)) * ((a[1] as number) + (b[1] as number));
  }
  return s / 2;
}

function turned(ring: Position[], clockwise: boolean): Position[] {
  const ccw = signedArea(ring) > 0;
  return ccw === clockwise ? [...ring].reverse() : ring;
}

function partsOf(g: Geometry): Parts {
  switch (g.type) {
    case 'MultiPoint':
      return { parts: [], points: g.coordinates };
    case 'LineString':
      return { parts: g.coordinates.length ? [g.coordinates] : [], points: g.coordinates };
    case 'MultiLineString': {
      const parts = g.coordinates.filter((l) => l.length > 0);
      return { parts, points: parts.flat() };
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      // Shells clockwise, holes counter-clockwise: the shapefile's rule (GeoJSON's is the reverse).
      const parts = polygons.flatMap((rings) => rings.filter((r) => r.length > 0).map((r, k) => turned(r, k === 0)));
      return { parts, points: parts.flat() };
    }
    default:
      return { parts: [], points: [] };
  }
}

function record(g: Geometry, shapeType: number, hasZ: boolean): Uint8Array {
  if (g.type === 'Point') {
    if (g.coordinates.length === 0) return nullRecord();
    const r = new Uint8Array(hasZ ? 28 : 20);
    const v = new DataView(r.buffer);
    v.setInt32(0, shapeType, true);
    v.setFloat64(4, g.coordinates[0] as number, true);
    v.setFloat64(12, g.coordinates[1] as number, true);
    if (hasZ) v.setFloat64(20, g.coordinates[2] ?? 0, true);
    return r;
  }
  const { parts, points } = partsOf(g);
  if (points.length === 0) return nullRecord();
  const multipoint = g.type === 'MultiPoint';
  const n = points.length;
  const np = multipoint ? 0 : parts.length;
  // type, bbox, [numParts], numPoints, [parts], points, [z range, z]
  const size = 4 + 32 + (multipoint ? 0 : 4) + 4 + 4 * np + 16 * n + (hasZ ? 16 + 8 * n : 0);
  const r = new Uint8Array(size);
  const v = new DataView(r.buffer);
  let at = 0;
  v.setInt32(at, shapeType, true);
  at += 4;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let z0 = Infinity;
  let z1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p[0] as number);
    y0 = Math.min(y0, p[1] as number);
    x1 = Math.max(x1, p[0] as number);
    y1 = Math.max(y1, p[1] as number);
    z0 = Math.min(z0, p[2] ?? 0);
    z1 = Math.max(z1, p[2] ?? 0);
  }
  for (const c of [x0, y0, x1, y1]) {
    v.setFloat64(at, c, true);
    at += 8;
  }
  if (!multipoint) {
    v.setInt32(at, np, true);
    at += 4;
  }
  v.setInt32(at, n, true);
  at += 4;
  let start = 0;
  for (const part of parts) {
    if (multipoint) break;
    v.setInt32(at, start, true);
    at += 4;
    start += part.length;
  }
  for (const p of points) {
    v.setFloat64(at, p[0] as number, true);
    v.setFloat64(at + 8, p[1] as number, true);
    at += 16;
  }
  if (hasZ) {
    v.setFloat64(at, z0, true);
    v.setFloat64(at + 8, z1, true);
    at += 16;
    for (const p of points) {
      v.setFloat64(at, p[2] ?? 0, true);
      at += 8;
    }
  }
  return r;
}

interface Field {
  key: string;
  name: string;
  type: 'C' | 'N' | 'L' | 'D';
  width: number;
  decimals: number;
  format: (v: unknown) => string;
}

const encoder = new TextEncoder();

/**
 * The .dbf field names GDAL's shapefile driver gives to property names: cut to 10 bytes, and on
 * a clash (case-insensitive) the first 8 followed by `_1`…`_9`, then `10`…`99`.
 *
 * @example
 * import { shapefileFieldNames } from '@ds/geo';
 * shapefileFieldNames(['population_2020', 'population_2021', 'name']); // => ['population', 'populati_1', 'name']
 */
export function shapefileFieldNames(keys: string[]): string[] {
  // A .dbf header (its length a 16-bit number) holds at most 2,046 field descriptors.
  if (!Array.isArray(keys)) throw new GeoError('invalid-type', 'keys', keys, 'an array of property names');
  if (keys.length > 2046) throw new GeoError('too-large', 'keys', keys, 'at most 2,046 names (a .dbf holds no more fields)');
  keys.forEach((k, i) => {
    if (typeof k !== 'string') throw new GeoError('invalid-type', `keys[${i}]`, k, 'a property name (a string)');
    if (k === '') throw new GeoError('out-of-range', `keys[${i}]`, k, 'a non-empty property name');
  });
  const taken = new Set<string>();
  return keys.map((key) => {
    let name = cutBytes(key, 10);
    for (let n = 1; taken.has(name.toUpperCase()) && n < 100; n++) {
      name = n < 10 ? `${cutBytes(key, 8)}_${n}` : `${cutBytes(key, 8)}${n}`;
    }
    if (taken.has(name.toUpperCase()))
      throw new GeoError(
        'invalid-type',
        'collection',
        key,
        'field names that stay distinct when cut to 10 characters (fewer than 100 alike)',
      );
    taken.add(name.toUpperCase());
    return name;
  });
}

function cutBytes(text: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const b = encoder.encode(ch).length;
    if (bytes + b > max) break;
    out += ch;
    bytes += b;
  }
  return out;
}

function fieldsOf(features: Feature[]): Field[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    for (const k of Object.keys(f.properties ?? {})) {
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  }
  if (keys.length > MAX_FIELDS)
    throw new GeoError(
      'invalid-type',
      'collection',
      `${keys.length} properties`,
      `at most ${MAX_FIELDS} properties (dBASE's limit)`,
    );
  const names = shapefileFieldNames(keys);
  return keys.map((key, i) => {
    const name = names[i] as string;
    let kind: string | undefined;
    let integer = true;
    let dateOnly = true;
    let longest = 1;
    let intDigits = 1;
    features.forEach((f, row) => {
      const v = f.properties?.[key];
      if (v === null || v === undefined) return;
      const k = v instanceof Date ? 'date' : Array.isArray(v) || typeof v === 'object' ? 'json' : typeof v;
      if (kind === undefined) kind = k;
      else if (kind !== k)
        throw new GeoError(
          'invalid-type',
          `properties.${key}`,
          v,
          `values of one type (the first was a ${kind})`,
          `property '${key}' holds a ${kind} and, at feature ${row}, a ${k} (${JSON.stringify(v)}): a .dbf field has one type; convert them first`,
        );
      if (k === 'number') {
        const x = v as number;
        if (!Number.isFinite(x))
          throw new GeoError(
            'invalid-type',
            `properties.${key}`,
            x,
            'finite numbers',
            `property '${key}' of feature ${row} is ${x}: a .dbf number must be finite`,
          );
        if (!Number.isInteger(x)) integer = false;
        intDigits = Math.max(intDigits, Math.trunc(Math.abs(x)).toFixed(0).length + (x < 0 ? 1 : 0));
      }
      if (k === 'date') {
        const d = v as Date;
        if (d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds() || d.getUTCMilliseconds()) dateOnly = false;
      }
      const text = k === 'json' ? JSON.stringify(v) : k === 'string' ? (v as string) : '';
      longest = Math.max(longest, encoder.encode(text).length);
      if (k === 'string' || k === 'json')
        if (encoder.encode(text).length > MAX_CHARACTER)
          throw new GeoError(
            'invalid-type',
            `properties.${key}`,
            text,
            `text of at most ${MAX_CHARACTER} bytes`,
            `property '${key}' of feature ${row} is ${encoder.encode(text).length} bytes of UTF-8; a .dbf field holds at most ${MAX_CHARACTER} (shorten it, or write GeoParquet or FlatGeobuf)`,
          );
    });
    const blank = (width: number) => ' '.repeat(width);
    switch (kind) {
      case 'number': {
        if (integer) {
          const width = Math.max(intDigits, 1);
          if (width > 20) throw new GeoError('invalid-type', `properties.${key}`, width, 'whole numbers of at most 20 digits');
          return {
            key,
            name,
            type: 'N',
            width,
            decimals: 0,
            format: (v) => (v === null || v === undefined ? '*'.repeat(width) : (v as number).toFixed(0).padStart(width)),
          };
        }
        // GDAL's OFTReal default is N(24,15); fewer decimals where the integer part needs the room.
        const width = 24;
        const decimals = Math.max(0, Math.min(15, width - 2 - intDigits));
        if (intDigits > width - 2)
          throw new GeoError('invalid-type', `properties.${key}`, intDigits, `numbers of at most ${width - 2} integer digits`);
        return {
          key,
          name,
          type: 'N',
          width,
          decimals,
          format: (v) => (v === null || v === undefined ? '*'.repeat(width) : (v as number).toFixed(decimals).padStart(width)),
        };
      }
      case 'boolean':
        return {
          key,
          name,
          type: 'L',
          width: 1,
          decimals: 0,
          format: (v) => (v === null || v === undefined ? '?' : v ? 'T' : 'F'),
        };
      case 'date':
        // A null date is blank (shapelib reads blanks and 00000000 alike as null)
        if (dateOnly)
          return {
            key,
            name,
            type: 'D',
            width: 8,
            decimals: 0,
            format: (v) =>
              v === null || v === undefined ? blank(8) : (v as Date).toISOString().slice(0, 10).replaceAll('-', ''),
          };
        return {
          key,
          name,
          type: 'C',
          width: 24,
          decimals: 0,
          format: (v) => (v === null || v === undefined ? blank(24) : (v as Date).toISOString()),
        };
      case 'json':
        return {
          key,
          name,
          type: 'C',
          width: longest,
          decimals: 0,
          format: (v) => (v === null || v === undefined ? '' : JSON.stringify(v)),
        };
      default:
        return {
          key,
          name,
          type: 'C',
          width: longest,
          decimals: 0,
          format: (v) => (v === null || v === undefined ? '' : String(v)),
        };
    }
  });
}

function writeDbf(features: Feature[], date: Date): Uint8Array {
  const fields = fieldsOf(features);
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.width, 0);
  const out = new Uint8Array(headerLength + recordLength * features.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = date.getUTCFullYear() - 1900;
  out[2] = date.getUTCMonth() + 1;
  out[3] = date.getUTCDate();
  v.setUint32(4, features.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  // byte 29, the language driver: 0, the encoding is named by the .cpg (as GDAL writes UTF-8 files)
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(encoder.encode(f.name), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.width;
    out[at + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  let at = headerLength;
  for (const feature of features) {
    out[at] = 0x20; // not deleted
    let col = at + 1;
    for (const f of fields) {
      const bytes = encoder.encode(f.format(feature.properties?.[f.key]));
      out.fill(0x20, col, col + f.width);
      out.set(bytes.subarray(0, f.width), col);
      col += f.width;
    }
    at += recordLength;
  }
  out[at] = 0x1a;
  return out;
}
