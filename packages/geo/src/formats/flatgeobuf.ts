import * as flatbuffers from 'flatbuffers';
import { Column } from 'flatgeobuf/lib/mjs/flat-geobuf/column.js';
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import { Crs } from 'flatgeobuf/lib/mjs/flat-geobuf/crs.js';
import { Feature as FgbFeature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import { GeometryType } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js';
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js';
import { parseProperties } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { buildGeometry } from 'flatgeobuf/lib/mjs/generic/geometry.js';
import { fromGeometry, parseGC, parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import { fromByteBuffer, type HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { calcTreeSize, generateLevelBounds } from 'flatgeobuf/lib/mjs/packedrtree.js';
import { normaliseCrs } from '../crs.js';
import { GeoError } from '../errors.js';
import type { Feature, GeoCollection, Geometry, Properties } from '../geojson.js';
import { checkOptions, dimensionOf } from '../geometry/wkb.js';
import { hilbertOrder } from './hilbert.js';
import { type Bbox, bboxOfGeometry, checkBbox, checkBytes, checkCollection, checkSignal } from './shared.js';

/**
 * FlatGeobuf (https://flatgeobuf.org, spec v3): a header, an optional packed Hilbert R-tree and
 * size-prefixed FlatBuffers features. Read and written on the `flatgeobuf` package's FlatBuffers
 * tables and geometry codec; the file is checked end to end before a feature is returned, and the
 * R-tree is written here (the package's JavaScript writer writes none).
 */

const MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62];
const NODE_SIZE = 16;
const NODE_BYTES = 40;

export interface ReadFlatGeobufOptions {
  /** `[minX, minY, maxX, maxY]`: only features whose bbox meets it, found through the file's R-tree. */
  bbox?: Bbox;
  /** Stops between features with an `AbortError`. */
  signal?: AbortSignal;
}

/**
 * Reads a FlatGeobuf file into a FeatureCollection (with `crs` `'EPSG:xxxx'` from the header,
 * or its WKT). With `bbox`, the packed R-tree is searched and only the features whose bbox meets
 * it are decoded (the file must have an index; GDAL writes one by default).
 *
 * @throws {GeoError} `invalid-file` for bytes that are not FlatGeobuf, a truncated file (every
 * feature is checked to lie within the bytes before any is decoded), a bbox read of a file with
 * no index; `invalid-type` for bad options
 *
 * @example
 * import { readFlatGeobuf, writeFlatGeobuf } from '@ds/geo';
 * const bytes = await writeFlatGeobuf({ type: 'FeatureCollection', features: [
 *   { type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [1, 2] } },
 *   { type: 'Feature', properties: { name: 'b' }, geometry: { type: 'Point', coordinates: [50, 50] } },
 * ] });
 * (await readFlatGeobuf(bytes, { bbox: [0, 0, 10, 10] })).features.map((f) => f.properties?.name); // => ['a']
 */
export async function readFlatGeobuf(
  bytes: Uint8Array | ArrayBuffer,
  options: ReadFlatGeobufOptions = {},
): Promise<GeoCollection> {
  checkOptions(options, 'options');
  checkBytes(bytes, 'bytes');
  const bbox = options.bbox === undefined ? undefined : checkBbox(options.bbox, 'bbox');
  checkSignal(options.signal);
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const layout = checkLayout(data);
  const header = layout.header;
  const features: Feature[] = [];
  try {
    if (bbox) {
      if (header.indexNodeSize === 0)
        throw new GeoError(
          'invalid-file',
          'bytes',
          'no spatial index',
          'a FlatGeobuf file with a spatial index for a bbox read',
          'this FlatGeobuf file has no spatial index, so it cannot be read by bbox: read it whole and filter, or rewrite it with writeFlatGeobuf or ogr2ogr',
        );
      const bb = new flatbuffers.ByteBuffer(data);
      for (const offset of searchTree(data, layout, bbox)) {
        bb.setPosition(offset);
        features.push(toFeature(FgbFeature.getSizePrefixedRootAsFeature(bb), header));
        if (features.length % 4096 === 0) checkSignal(options.signal);
      }
    } else {
      const bb = new flatbuffers.ByteBuffer(data);
      for (const offset of layout.featureOffsets) {
        bb.setPosition(offset);
        features.push(toFeature(FgbFeature.getSizePrefixedRootAsFeature(bb), header));
        if (features.length % 4096 === 0) checkSignal(options.signal);
      }
    }
  } catch (e) {
    if (e instanceof GeoError || (e as Error).name === 'AbortError') throw e;
    throw new GeoError(
      'invalid-file',
      'bytes',
      `${data.length} bytes`,
      'a FlatGeobuf file',
      `bytes could not be decoded as FlatGeobuf (${(e as Error).message})`,
    );
  }
  const out: GeoCollection = { type: 'FeatureCollection', features };
  const crs = crsOf(header);
  if (crs !== undefined) out.crs = crs;
  return out;
}

interface Layout {
  header: HeaderMeta;
  featureOffsets: number[];
  treeOffset: number;
  featuresOffset: number;
}

/**
 * The features whose bbox meets `bbox`, as absolute byte offsets in file order, found by walking
 * the packed R-tree from the root (written here rather than taken from the package, whose search
 * logs every step to the console).
 */
function searchTree(data: Uint8Array, layout: Layout, bbox: Bbox): number[] {
  const { header, treeOffset, featuresOffset } = layout;
  const n = header.featuresCount;
  if (n === 0) return [];
  const nodeSize = header.indexNodeSize;
  const levels = generateLevelBounds(n, nodeSize);
  const view = new DataView(data.buffer, data.byteOffset + treeOffset, calcTreeSize(n, nodeSize));
  const found: number[] = [];
  const stack: [number, number][] = [[0, levels.length - 1]];
  while (stack.length > 0) {
    const [first, level] = stack.pop() as [number, number];
    const end = Math.min(first + nodeSize, (levels[level] as [number, number])[1]);
    for (let i = first; i < end; i++) {
      const o = i * NODE_BYTES;
      if (
        view.getFloat64(o, true) > bbox[2] ||
        view.getFloat64(o + 8, true) > bbox[3] ||
        view.getFloat64(o + 16, true) < bbox[0] ||
        view.getFloat64(o + 24, true) < bbox[1]
      )
        continue;
      const offset = Number(view.getBigUint64(o + 32, true));
      if (level === 0) found.push(featuresOffset + offset);
      else stack.push([offset, level - 1]);
    }
  }
  for (const at of found)
    if (at + 4 > data.length)
      throw new GeoError(
        'invalid-file',
        'bytes',
        at,
        'index entries that point into the file',
        `the spatial index points at byte ${at}, past the end of the file (${data.length} bytes)`,
      );
  return found.sort((a, b) => a - b);
}

/** Checks magic bytes, header, index and every feature's size prefix against the file's length. */
function checkLayout(data: Uint8Array): Layout {
  const fail = (what: string): never => {
    throw new GeoError(
      'invalid-file',
      'bytes',
      `${data.length} bytes`,
      'a complete FlatGeobuf file',
      `bytes are not a complete FlatGeobuf file: ${what}`,
    );
  };
  if (data.length < 12 || !MAGIC.every((b, i) => data[i] === b)) fail("it does not start with FlatGeobuf's magic bytes (fgb 3)");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > data.length) fail(`the header says ${headerLength} bytes, only ${data.length - 12} follow`);
  let header: HeaderMeta;
  try {
    const bb = new flatbuffers.ByteBuffer(data.subarray(0, 12 + headerLength));
    bb.setPosition(8);
    header = fromByteBuffer(bb);
  } catch (e) {
    return fail(`its header cannot be decoded (${(e as Error).message})`);
  }
  let offset = 12 + headerLength;
  const treeOffset = offset;
  const count = header.featuresCount;
  if (header.indexNodeSize > 0 && count > 0) {
    if (header.indexNodeSize < 2) fail(`its index node size is ${header.indexNodeSize}`);
    offset += calcTreeSize(count, header.indexNodeSize);
    if (offset > data.length) fail(`its spatial index needs ${offset} bytes, the file has ${data.length}`);
  }
  const featuresOffset = offset;
  const featureOffsets: number[] = [];
  while (offset < data.length) {
    if (offset + 4 > data.length) fail(`feature ${featureOffsets.length} is cut off in its size prefix`);
    const size = view.getUint32(offset, true);
    if (offset + 4 + size > data.length)
      fail(`feature ${featureOffsets.length} needs ${size} bytes, only ${data.length - offset - 4} are left`);
    featureOffsets.push(offset);
    offset += 4 + size;
  }
  if (count > 0 && featureOffsets.length !== count)
    fail(`the header counts ${count} features, the file holds ${featureOffsets.length}`);
  return { header, featureOffsets, treeOffset, featuresOffset };
}

function toFeature(feature: FgbFeature, header: HeaderMeta): Feature {
  const g = feature.geometry();
  const geometry = g === null ? null : (fromGeometry(g, header.geometryType) as Geometry);
  const properties = parseProperties(feature, header.columns) as Properties;
  for (const c of header.columns ?? []) if (!(c.name in properties)) properties[c.name] = null;
  return { type: 'Feature', properties, geometry };
}

function crsOf(header: HeaderMeta): string | undefined {
  const crs = header.crs;
  if (!crs) return undefined;
  if (crs.code && (crs.org === null || crs.org.toUpperCase() === 'EPSG')) return `EPSG:${crs.code}`;
  if (crs.org && crs.code) return `${crs.org.toUpperCase()}:${crs.code}`;
  return crs.wkt ? normaliseCrs(crs.wkt) : undefined;
}

export interface WriteFlatGeobufOptions {
  /** Writes the packed Hilbert R-tree (features are then stored in Hilbert order, as GDAL does). Default true. */
  index?: boolean;
  /** The layer name in the header. Default `'layer'`. */
  name?: string;
}

/**
 * Writes a FeatureCollection as FlatGeobuf with a packed Hilbert R-tree (node size 16, features
 * in Hilbert order of their bbox centres, as GDAL writes it), the CRS as its EPSG code (or WKT),
 * and columns typed from the values: whole numbers `Long`, other numbers `Double`, strings
 * `String`, booleans `Bool`, Dates `DateTime`, objects and arrays `Json`. Features with a null
 * geometry are kept; a file holding one is written without an index (the R-tree needs a bbox per
 * feature).
 *
 * @throws {GeoError} `invalid-type` for a property holding two types of value, a non-GeoJSON
 * feature or bad options; `invalid-geometry` for non-finite coordinates
 *
 * @example
 * import { readFlatGeobuf, writeFlatGeobuf } from '@ds/geo';
 * const bytes = await writeFlatGeobuf({ type: 'FeatureCollection', crs: 'EPSG:3857', features: [
 *   { type: 'Feature', properties: { n: 1 }, geometry: { type: 'Point', coordinates: [1000, 2000] } },
 * ] });
 * Array.from(bytes.subarray(0, 3)); // => [102, 103, 98]
 * (await readFlatGeobuf(bytes)).crs; // => 'EPSG:3857'
 */
export async function writeFlatGeobuf(collection: GeoCollection, options: WriteFlatGeobufOptions = {}): Promise<Uint8Array> {
  checkOptions(options, 'options');
  checkCollection(collection, 'collection');
  const name = options.name ?? 'layer';
  if (typeof name !== 'string') throw new GeoError('invalid-type', 'name', name, 'a layer name');
  const wantIndex = options.index ?? true;
  if (typeof wantIndex !== 'boolean') throw new GeoError('invalid-type', 'index', wantIndex, 'true or false');
  const features = collection.features;
  const n = features.length;
  const boxes: (Bbox | null)[] = new Array(n);
  const total: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  let type: string | undefined;
  let mixed = false;
  let hasZ = false;
  for (let i = 0; i < n; i++) {
    const g = features[i]?.geometry ?? null;
    if (g === null) {
      boxes[i] = null;
      continue;
    }
    let dim: number;
    try {
      dim = dimensionOf(g, `collection.features[${i}].geometry`);
    } catch (e) {
      throw e instanceof GeoError
        ? e
        : new GeoError('invalid-geometry', `collection.features[${i}].geometry`, g, 'a GeoJSON geometry');
    }
    if (dim >= 3) hasZ = true;
    if (type === undefined) type = g.type;
    else if (type !== g.type) mixed = true;
    const b = bboxOfGeometry(g);
    boxes[i] = Number.isFinite(b[0]) ? b : null;
    if (boxes[i]) {
      total[0] = Math.min(total[0], b[0]);
      total[1] = Math.min(total[1], b[1]);
      total[2] = Math.max(total[2], b[2]);
      total[3] = Math.max(total[3], b[3]);
    }
  }
  const index = wantIndex && n > 0 && boxes.every((b) => b !== null);
  const order = index ? hilbertOrder(boxes, total) : null;
  const columns = columnsOf(features);

  const encoded: Uint8Array[] = new Array(n);
  let featuresLength = 0;
  for (let k = 0; k < n; k++) {
    const i = order ? (order[k] as number) : k;
    const f = features[i] as Feature;
    encoded[k] = encodeFeature(f, columns);
    featuresLength += (encoded[k] as Uint8Array).length;
  }
  const geometryType = type === undefined || mixed ? GeometryType.Unknown : GeometryType[type as keyof typeof GeometryType];
  const header = encodeHeader({
    name,
    columns,
    count: n,
    geometryType,
    hasZ,
    index,
    envelope: Number.isFinite(total[0]) ? total : null,
    crs: collection.crs,
  });
  const treeSize = index ? calcTreeSize(n, NODE_SIZE) : 0;
  const out = new Uint8Array(8 + header.length + treeSize + featuresLength);
  out.set([...MAGIC, 0x00]);
  out.set(header, 8);
  let offset = 8 + header.length + treeSize;
  const featureOffsets = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    featureOffsets[k] = offset - (8 + header.length + treeSize);
    out.set(encoded[k] as Uint8Array, offset);
    offset += (encoded[k] as Uint8Array).length;
  }
  if (index && order) writeTree(out, 8 + header.length, order, boxes as Bbox[], featureOffsets);
  return out;
}

interface ColumnSpec {
  name: string;
  type: ColumnType;
}

function columnsOf(features: Feature[]): ColumnSpec[] {
  const kinds = new Map<string, { kind?: string; integer: boolean }>();
  for (let i = 0; i < features.length; i++) {
    const p = features[i]?.properties;
    if (!p) continue;
    for (const [k, v] of Object.entries(p)) {
      let entry = kinds.get(k);
      if (!entry) {
        entry = { integer: true };
        kinds.set(k, entry);
      }
      if (v === null || v === undefined) continue;
      const kind = v instanceof Date ? 'date' : Array.isArray(v) || typeof v === 'object' ? 'json' : typeof v;
      if (kind === 'function' || kind === 'symbol')
        throw new GeoError(
          'invalid-type',
          `properties.${k}`,
          String(v),
          'a value FlatGeobuf can store (number, string, boolean, Date, JSON)',
        );
      if (kind === 'number' && !(Number.isSafeInteger(v) && !Object.is(v, -0))) entry.integer = false;
      if (kind === 'number' && !Number.isFinite(v as number) && !Number.isNaN(v))
        throw new GeoError(
          'invalid-type',
          `properties.${k}`,
          v,
          'finite numbers',
          `property '${k}' of feature ${i} is ${v}: FlatGeobuf readers (GDAL) refuse infinite values`,
        );
      if (entry.kind === undefined) entry.kind = kind;
      else if (entry.kind !== kind)
        throw new GeoError(
          'invalid-type',
          `properties.${k}`,
          v,
          `values of one type (the first was a ${entry.kind})`,
          `property '${k}' holds a ${entry.kind} and, at feature ${i}, a ${kind} (${JSON.stringify(v)}): a FlatGeobuf column has one type; convert them first`,
        );
    }
  }
  return [...kinds].map(([name, { kind, integer }]) => ({
    name,
    type:
      kind === 'number'
        ? integer
          ? ColumnType.Long
          : ColumnType.Double
        : kind === 'bigint'
          ? ColumnType.Long
          : kind === 'boolean'
            ? ColumnType.Bool
            : kind === 'date'
              ? ColumnType.DateTime
              : kind === 'json'
                ? ColumnType.Json
                : ColumnType.String,
  }));
}

const encoder = new TextEncoder();

function encodeFeature(f: Feature, columns: ColumnSpec[]): Uint8Array {
  const builder = new flatbuffers.Builder(256);
  const parts: number[] = [];
  let size = 0;
  const values: Uint8Array[] = [];
  const p = f.properties ?? {};
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i] as ColumnSpec;
    const v = p[c.name];
    if (v === null || v === undefined) continue;
    let bytes: Uint8Array;
    switch (c.type) {
      case ColumnType.Bool:
        bytes = new Uint8Array([v ? 1 : 0]);
        break;
      case ColumnType.Long:
        bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setBigInt64(0, BigInt(v as number), true);
        break;
      case ColumnType.Double:
        bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setFloat64(0, v as number, true);
        break;
      default: {
        const text =
          c.type === ColumnType.Json ? JSON.stringify(v) : c.type === ColumnType.DateTime ? (v as Date).toISOString() : String(v);
        const t = encoder.encode(text);
        bytes = new Uint8Array(4 + t.length);
        new DataView(bytes.buffer).setUint32(0, t.length, true);
        bytes.set(t, 4);
      }
    }
    parts.push(i);
    values.push(bytes);
    size += 2 + bytes.length;
  }
  const props = new Uint8Array(size);
  const view = new DataView(props.buffer);
  let at = 0;
  for (let k = 0; k < parts.length; k++) {
    view.setUint16(at, parts[k] as number, true);
    props.set(values[k] as Uint8Array, at + 2);
    at += 2 + (values[k] as Uint8Array).length;
  }
  const propsOffset = size > 0 ? FgbFeature.createPropertiesVector(builder, props) : 0;
  const g = f.geometry;
  const geometryOffset =
    g === null ? 0 : buildGeometry(builder, g.type === 'GeometryCollection' ? parseGC(g as never) : parseGeometry(g as never));
  FgbFeature.startFeature(builder);
  if (geometryOffset) FgbFeature.addGeometry(builder, geometryOffset);
  if (propsOffset) FgbFeature.addProperties(builder, propsOffset);
  builder.finishSizePrefixed(FgbFeature.endFeature(builder));
  return builder.asUint8Array();
}

function encodeHeader(h: {
  name: string;
  columns: ColumnSpec[];
  count: number;
  geometryType: GeometryType;
  hasZ: boolean;
  index: boolean;
  envelope: Bbox | null;
  crs: string | undefined;
}): Uint8Array {
  const builder = new flatbuffers.Builder(1024);
  const columnOffsets = h.columns.map((c) => {
    const nameOffset = builder.createString(c.name);
    Column.startColumn(builder);
    Column.addName(builder, nameOffset);
    Column.addType(builder, c.type);
    Column.addNullable(builder, true);
    return Column.endColumn(builder);
  });
  const columnsOffset = columnOffsets.length > 0 ? Header.createColumnsVector(builder, columnOffsets) : 0;
  const nameOffset = builder.createString(h.name);
  const envelopeOffset = h.envelope ? Header.createEnvelopeVector(builder, h.envelope) : 0;
  const code = normaliseCrs(h.crs);
  const epsg = /^EPSG:(\d+)$/.exec(code);
  let crsOffset = 0;
  if (epsg) {
    const org = builder.createString('EPSG');
    Crs.startCrs(builder);
    Crs.addOrg(builder, org);
    Crs.addCode(builder, Number(epsg[1]));
    crsOffset = Crs.endCrs(builder);
  } else {
    const wkt = builder.createString(code);
    Crs.startCrs(builder);
    Crs.addWkt(builder, wkt);
    crsOffset = Crs.endCrs(builder);
  }
  Header.startHeader(builder);
  Header.addName(builder, nameOffset);
  if (envelopeOffset) Header.addEnvelope(builder, envelopeOffset);
  Header.addGeometryType(builder, h.geometryType);
  Header.addHasZ(builder, h.hasZ);
  if (columnsOffset) Header.addColumns(builder, columnsOffset);
  Header.addFeaturesCount(builder, BigInt(h.count));
  Header.addIndexNodeSize(builder, h.index ? NODE_SIZE : 0);
  Header.addCrs(builder, crsOffset);
  builder.finishSizePrefixed(Header.endHeader(builder));
  return builder.asUint8Array();
}

/**
 * The packed Hilbert R-tree of FlatGeobuf: nodes of (minX, minY, maxX, maxY, offset) stored root
 * first, leaves last; a leaf's offset is its feature's byte offset in the feature section, an
 * inner node's the index of its first child.
 */
function writeTree(out: Uint8Array, at: number, order: Uint32Array, boxes: Bbox[], featureOffsets: Float64Array): void {
  const n = order.length;
  const levels = generateLevelBounds(n, NODE_SIZE);
  const total = (levels[levels.length - 1] as [number, number])[1] > 0 ? calcTreeSize(n, NODE_SIZE) / NODE_BYTES : 0;
  const minX = new Float64Array(total);
  const minY = new Float64Array(total);
  const maxX = new Float64Array(total);
  const maxY = new Float64Array(total);
  const offsets = new Float64Array(total);
  const [leafStart] = levels[0] as [number, number];
  for (let k = 0; k < n; k++) {
    const b = boxes[order[k] as number] as Bbox;
    const j = leafStart + k;
    minX[j] = b[0];
    minY[j] = b[1];
    maxX[j] = b[2];
    maxY[j] = b[3];
    offsets[j] = featureOffsets[k] as number;
  }
  for (let level = 0; level < levels.length - 1; level++) {
    const [start, end] = levels[level] as [number, number];
    const [parentStart] = levels[level + 1] as [number, number];
    for (let child = start, parent = parentStart; child < end; child += NODE_SIZE, parent++) {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let c = child; c < Math.min(child + NODE_SIZE, end); c++) {
        x0 = Math.min(x0, minX[c] as number);
        y0 = Math.min(y0, minY[c] as number);
        x1 = Math.max(x1, maxX[c] as number);
        y1 = Math.max(y1, maxY[c] as number);
      }
      minX[parent] = x0;
      minY[parent] = y0;
      maxX[parent] = x1;
      maxY[parent] = y1;
      offsets[parent] = child;
    }
  }
  const view = new DataView(out.buffer, out.byteOffset + at, total * NODE_BYTES);
  for (let i = 0; i < total; i++) {
    const o = i * NODE_BYTES;
    view.setFloat64(o, minX[i] as number, true);
    view.setFloat64(o + 8, minY[i] as number, true);
    view.setFloat64(o + 16, maxX[i] as number, true);
    view.setFloat64(o + 24, maxY[i] as number, true);
    view.setBigUint64(o + 32, BigInt(offsets[i] as number), true);
  }
}
