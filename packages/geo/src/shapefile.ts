import { unzipSync } from 'fflate';
import { checkOptions, checkString, isPlainObject } from './check.js';
import { crsDefinition, crsFromPrj, normaliseCrs } from './crs.js';
import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry, Position, Properties, SkippedFeature } from './geojson.js';
import { planarRingArea } from './measure.js';
import { pointInRing } from './predicates.js';

type Bytes = Uint8Array | ArrayBuffer;

/** The files of one shapefile: .shp and .dbf as bytes, .prj and .cpg as bytes or text. */
export interface ShapefileParts {
  shp: Bytes;
  dbf: Bytes;
  prj?: Bytes | string;
  cpg?: Bytes | string;
}

/** Options of {@link readShapefile}. */
export interface ReadShapefileOptions {
  /** In a zip holding several shapefiles, the one to read (file name without extension). */
  layer?: string;
  /** Text encoding of the .dbf when there is no .cpg (default `'utf-8'`). */
  encoding?: string;
}

/**
 * Reads an ESRI shapefile (.shp geometry, .dbf attributes, optional .prj CRS and .cpg encoding),
 * given as its parts or as the bytes of a zip that holds them (GeoPandas' `read_file`). Points,
 * multipoints, polylines and polygons, with Z/M variants (Z kept as a third coordinate, M dropped).
 * Polygon rings are grouped as the format says (clockwise outer rings, counter-clockwise holes,
 * each hole in the outer ring that contains it) and written with RFC 7946 orientation. The CRS is
 * `'EPSG:xxxx'` when the .prj matches a known definition, else the WKT text; without a .prj it is
 * left unset (which means WGS 84). dBASE types: C → string, N/F → number (null when blank),
 * L → boolean, D → `'YYYY-MM-DD'`. Records marked deleted in the .dbf are left out and listed in
 * `skipped`.
 *
 * @throws {GeoError} `missing-file` for a zip without a .shp or .dbf, `invalid-file` for a corrupt
 *   file (naming the record), `invalid-type` for unsupported shape types (MultiPatch)
 *
 * @example
 * import { readShapefile } from '@ds/geo';
 * // A .shp with one point (1.5, 2.5), and a .dbf with one character field NAME.
 * const shp = new Uint8Array(128); const v = new DataView(shp.buffer);
 * v.setInt32(0, 9994); v.setInt32(24, 64); v.setInt32(28, 1000, true); v.setInt32(32, 1, true);
 * v.setInt32(100, 1); v.setInt32(104, 10); v.setInt32(108, 1, true); v.setFloat64(112, 1.5, true); v.setFloat64(120, 2.5, true);
 * const dbf = new Uint8Array(32 + 32 + 1 + 6 + 1); const d = new DataView(dbf.buffer);
 * d.setUint8(0, 3); d.setUint32(4, 1, true); d.setUint16(8, 65, true); d.setUint16(10, 6, true);
 * dbf.set(new TextEncoder().encode('NAME'), 32); dbf[43] = 67; dbf[48] = 5; dbf[64] = 13;
 * dbf.set(new TextEncoder().encode(' Paris'), 65); dbf[71] = 26;
 * const fc = await readShapefile({ shp, dbf, prj: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]' });
 * fc.crs; // => 'EPSG:4326'
 * fc.features[0].geometry.coordinates; // => [1.5, 2.5]
 * fc.features[0].properties.NAME; // => 'Paris'
 */
export async function readShapefile(input: ShapefileParts | Bytes, options: ReadShapefileOptions = {}): Promise<GeoCollection> {
  const o = checkOptions<ReadShapefileOptions>('options', options);
  if (o.layer !== undefined) checkString('layer', o.layer, false, 1_000);
  if (o.encoding !== undefined) checkEncoding('encoding', o.encoding);
  if (!(input instanceof Uint8Array || input instanceof ArrayBuffer || isPlainObject(input)))
    throw new GeoError('invalid-type', 'input', input, 'the bytes of a zip, or { shp, dbf, prj?, cpg? }');
  const parts = input instanceof Uint8Array || input instanceof ArrayBuffer ? fromZip(bytes(input), o.layer) : input;
  if (parts.shp === undefined) throw new GeoError('missing-file', 'shp', undefined, 'the .shp bytes');
  if (parts.dbf === undefined)
    throw new GeoError('missing-file', 'dbf', undefined, 'the .dbf bytes (a shapefile needs its attribute table)');
  for (const part of ['shp', 'dbf'] as const)
    if (!(parts[part] instanceof Uint8Array || parts[part] instanceof ArrayBuffer))
      throw new GeoError('invalid-type', part, parts[part], 'a Uint8Array or ArrayBuffer');
  for (const part of ['prj', 'cpg'] as const) {
    const v = parts[part];
    if (v !== undefined && !(typeof v === 'string' || v instanceof Uint8Array || v instanceof ArrayBuffer))
      throw new GeoError('invalid-type', part, v, 'a string, a Uint8Array or an ArrayBuffer');
  }
  const geometries = guarded('shp', () => readShp(bytes(parts.shp)));
  const encoding = parts.cpg !== undefined ? checkEncoding('cpg', encodingLabel(text(parts.cpg))) : (o.encoding ?? 'utf-8');
  const { rows, deleted } = guarded('dbf', () => readDbf(bytes(parts.dbf), encoding));
  if (rows.length + deleted.length !== geometries.length) {
    throw new GeoError(
      'invalid-file',
      'dbf',
      `${rows.length + deleted.length} records`,
      `as many records as the .shp (${geometries.length})`,
    );
  }
  const features: Feature[] = [];
  const skipped: SkippedFeature[] = [];
  const deletedSet = new Set(deleted);
  let row = 0;
  for (let i = 0; i < geometries.length; i++) {
    if (deletedSet.has(i)) {
      skipped.push({ index: i, reason: 'record marked deleted in the .dbf' });
      continue;
    }
    features.push({ type: 'Feature', properties: rows[row++] as Properties, geometry: geometries[i] as Geometry | null });
  }
  const out: GeoCollection = { type: 'FeatureCollection', features };
  if (parts.prj !== undefined) out.crs = prjCrs(text(parts.prj));
  if (skipped.length > 0) out.skipped = skipped;
  return out;
}

/** A reader's own failure on a malformed file (a DataView read past the end) as the file's error. */
function guarded<T>(part: 'shp' | 'dbf', read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof GeoError) throw error;
    throw new GeoError(
      'invalid-file',
      part,
      undefined,
      `a well-formed .${part} (${(error as Error)?.message ?? 'unreadable'})`,
      undefined,
      {
        cause: error,
      },
    );
  }
}

/** A text encoding TextDecoder knows (the .cpg or the encoding option). */
function checkEncoding(argument: string, label: unknown): string {
  checkString(argument, label, false, 100);
  try {
    new TextDecoder(label as string);
  } catch (error) {
    throw new GeoError('out-of-range', argument, label, "a text encoding label ('utf-8', 'windows-1252', …)", undefined, {
      cause: error,
    });
  }
  return label as string;
}

/** The .prj's CRS, which must be one proj4 can use: a .prj nothing can read is refused, not carried along. */
function prjCrs(wkt: string): string {
  try {
    const crs = crsFromPrj(wkt);
    crsDefinition(normaliseCrs(crs));
    return crs;
  } catch (error) {
    if (!(error instanceof GeoError)) throw error;
    throw new GeoError(
      'unknown-crs',
      'prj',
      wkt,
      'a .prj (ESRI WKT) that names a known CRS (leave prj out and set the collection’s crs yourself)',
      undefined,
      { cause: error },
    );
  }
}

function bytes(b: Bytes): Uint8Array {
  return b instanceof Uint8Array ? b : new Uint8Array(b);
}

function text(b: Bytes | string): string {
  return typeof b === 'string' ? b : new TextDecoder('utf-8').decode(bytes(b));
}

function encodingLabel(cpg: string): string {
  const c = cpg.trim().toLowerCase();
  if (/^\d+$/.test(c)) return c === '65001' ? 'utf-8' : `windows-${c}`;
  return c;
}

function fromZip(zip: Uint8Array, layer: string | undefined): ShapefileParts {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    throw new GeoError('invalid-file', 'zip', `${zip.length} bytes`, `a zip archive (${(error as Error).message})`);
  }
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX/'));
  const shps = names.filter((n) => /\.shp$/i.test(n));
  const base = (n: string) => n.replace(/\.[^.]+$/, '');
  let shp = shps[0];
  if (layer !== undefined) shp = shps.find((n) => base(n).split('/').pop() === layer);
  else if (shps.length > 1)
    throw new GeoError(
      'invalid-file',
      'layer',
      undefined,
      `one of ${shps.map((n) => base(n).split('/').pop()).join(', ')} (the zip holds several shapefiles)`,
    );
  if (shp === undefined) throw new GeoError('missing-file', 'shp', layer, 'a .shp in the zip');
  const find = (ext: string) => {
    const n = names.find((x) => base(x).toLowerCase() === base(shp).toLowerCase() && x.toLowerCase().endsWith(ext));
    return n === undefined ? undefined : files[n];
  };
  const dbf = find('.dbf');
  if (dbf === undefined) throw new GeoError('missing-file', 'dbf', `${base(shp)}.dbf`, 'the .dbf beside the .shp in the zip');
  const parts: ShapefileParts = { shp: files[shp] as Uint8Array, dbf };
  const prj = find('.prj');
  const cpg = find('.cpg');
  if (prj !== undefined) parts.prj = prj;
  if (cpg !== undefined) parts.cpg = cpg;
  return parts;
}

function readShp(b: Uint8Array): (Geometry | null)[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 100 || v.getInt32(0) !== 9994)
    throw new GeoError('invalid-file', 'shp', `${b.length} bytes`, 'a .shp file (file code 9994)');
  const end = Math.min(b.length, v.getInt32(24) * 2);
  const out: (Geometry | null)[] = [];
  let at = 100;
  while (at + 8 <= end) {
    const n = out.length;
    const contentLength = v.getInt32(at + 4) * 2;
    const start = at + 8;
    if (start + contentLength > b.length)
      throw new GeoError('invalid-file', `shp record ${n}`, contentLength, 'a record within the file');
    out.push(readShape(v, start, contentLength, n));
    at = start + contentLength;
  }
  return out;
}

function readShape(v: DataView, at: number, len: number, n: number): Geometry | null {
  const type = v.getInt32(at, true);
  const hasZ = type === 11 || type === 13 || type === 15 || type === 18;
  const base = type % 10;
  if (type === 0) return null;
  if (type === 31)
    throw new GeoError('invalid-type', `shp record ${n}`, 'MultiPatch', 'a point, multipoint, polyline or polygon shape');
  if (base === 1) {
    const p = [v.getFloat64(at + 4, true), v.getFloat64(at + 12, true)];
    if (hasZ) p.push(v.getFloat64(at + 20, true));
    return { type: 'Point', coordinates: p };
  }
  if (base === 8) {
    const count = v.getInt32(at + 36, true);
    const pts = readPoints(v, at + 40, count, hasZ, len, at);
    return { type: 'MultiPoint', coordinates: pts };
  }
  if (base === 3 || base === 5) {
    const numParts = v.getInt32(at + 36, true);
    const numPoints = v.getInt32(at + 40, true);
    if (numParts < 0 || numPoints < 0 || 44 + numParts * 4 + numPoints * 16 > len) {
      throw new GeoError(
        'invalid-file',
        `shp record ${n}`,
        `${numParts} parts, ${numPoints} points`,
        'counts that fit the record',
      );
    }
    const partStarts: number[] = [];
    for (let i = 0; i < numParts; i++) partStarts.push(v.getInt32(at + 44 + i * 4, true));
    const pts = readPoints(v, at + 44 + numParts * 4, numPoints, hasZ, len, at);
    const parts = partStarts.map((s, i) => pts.slice(s, i + 1 < numParts ? partStarts[i + 1] : numPoints));
    if (base === 3)
      return parts.length === 1
        ? { type: 'LineString', coordinates: parts[0] as Position[] }
        : { type: 'MultiLineString', coordinates: parts };
    return assemblePolygon(parts);
  }
  throw new GeoError('invalid-type', `shp record ${n}`, type, 'a known shape type (0, 1, 3, 5, 8 and their Z/M forms)');
}

function readPoints(v: DataView, at: number, count: number, hasZ: boolean, len: number, start: number): Position[] {
  const pts: Position[] = new Array(count);
  for (let i = 0; i < count; i++) pts[i] = [v.getFloat64(at + i * 16, true), v.getFloat64(at + i * 16 + 8, true)];
  // Z values follow the points, after a 16-byte Z range.
  const zAt = at + count * 16 + 16;
  if (hasZ && zAt + count * 8 <= start + len)
    for (let i = 0; i < count; i++) (pts[i] as Position).push(v.getFloat64(zAt + i * 8, true));
  return pts;
}

/** Shapefile rings → GeoJSON: clockwise rings are shells, the others holes of the shell holding them. */
function assemblePolygon(rings: Position[][]): Geometry {
  const shells: Position[][][] = [];
  const holes: Position[][] = [];
  for (const r of rings) {
    // Shapefile shells are clockwise, i.e. negative signed (counter-clockwise positive) area.
    if (planarRingArea(r) > 0) holes.push(r);
    else shells.push([r.slice().reverse()]);
  }
  for (const h of holes) {
    const ccwHole = h.slice().reverse();
    const owner = shells.length === 1 ? shells[0] : shells.find((s) => pointInRing(h[0] as Position, s[0] as Position[]) > 0);
    // A hole outside every shell is read as a shell, as GDAL does.
    if (owner === undefined) shells.push([h]);
    else owner.push(ccwHole);
  }
  return shells.length === 1
    ? { type: 'Polygon', coordinates: shells[0] as Position[][] }
    : { type: 'MultiPolygon', coordinates: shells };
}

/** Sets a property, a field named __proto__ included (as data, not the row's prototype). */
function put(row: Properties, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(row, name, { value, enumerable: true, writable: true, configurable: true });
  else row[name] = value as Properties[string];
}

function readDbf(b: Uint8Array, encoding: string): { rows: Properties[]; deleted: number[] } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 32) throw new GeoError('invalid-file', 'dbf', `${b.length} bytes`, 'a dBASE file');
  const count = v.getUint32(4, true);
  const headerLength = v.getUint16(8, true);
  const recordLength = v.getUint16(10, true);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    throw new GeoError('invalid-type', 'encoding', encoding, 'an encoding TextDecoder knows');
  }
  const ascii = new TextDecoder('latin1');
  const fields: { name: string; type: string; offset: number; length: number; decimals: number }[] = [];
  let offset = 1;
  for (let at = 32; at + 32 <= headerLength && b[at] !== 0x0d; at += 32) {
    let nameEnd = at;
    while (nameEnd < at + 11 && b[nameEnd] !== 0) nameEnd++;
    const field = {
      name: decoder.decode(b.subarray(at, nameEnd)),
      type: String.fromCharCode(b[at + 11] as number),
      offset,
      length: b[at + 16] as number,
      decimals: b[at + 17] as number,
    };
    fields.push(field);
    offset += field.length;
  }
  // A header that holds its own descriptors, records that hold their fields, and no more records
  // than the bytes hold: checked before the loop, so a .dbf claiming 4,294,967,295 records of
  // 0 bytes is refused at once instead of looping.
  if (headerLength < 33 || headerLength > b.length)
    throw new GeoError('invalid-file', 'dbf', headerLength, `a header length in [33, ${b.length}] (the file's size)`);
  if (recordLength < offset)
    throw new GeoError('invalid-file', 'dbf', recordLength, `a record length of at least ${offset} (1 + the fields' lengths)`);
  if (count > Math.floor((b.length - headerLength) / recordLength))
    throw new GeoError(
      'invalid-file',
      'dbf',
      count,
      `at most ${Math.floor((b.length - headerLength) / recordLength)} records (what ${b.length} bytes hold)`,
    );
  const rows: Properties[] = [];
  const deleted: number[] = [];
  for (let r = 0; r < count; r++) {
    const at = headerLength + r * recordLength;
    if (at + recordLength > b.length) throw new GeoError('invalid-file', `dbf record ${r}`, at, 'a record within the file');
    if (b[at] === 0x2a) {
      deleted.push(r);
      continue;
    }
    const row: Properties = {};
    for (const f of fields) {
      const raw = b.subarray(at + f.offset, at + f.offset + f.length);
      switch (f.type) {
        case 'N':
        case 'F': {
          const s = ascii.decode(raw).trim();
          const x = s === '' || /^\*+$/.test(s) ? null : Number(s);
          put(row, f.name, x === null || Number.isNaN(x) ? null : x);
          break;
        }
        case 'L': {
          const c = ascii.decode(raw).trim().toUpperCase();
          put(row, f.name, 'TY'.includes(c) && c !== '' ? true : 'FN'.includes(c) && c !== '' ? false : null);
          break;
        }
        case 'D': {
          const s = ascii.decode(raw).trim();
          put(row, f.name, /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : null);
          break;
        }
        default:
          put(row, f.name, decoder.decode(raw).replace(/[\s\0]+$/, ''));
      }
    }
    rows.push(row);
  }
  return { rows, deleted };
}
