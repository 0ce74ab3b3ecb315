/**
 * `readGeoParquet`: the footer and the `geo` metadata (./metadata.ts), then row group by row group
 * the bbox filter pushdown (./prune.ts: group statistics, page indexes, the covering columns'
 * values), the fast path's columns decoded from their pages (./decode.ts), hyparquet for the rest,
 * and the features built from the rows that meet the bbox.
 */
import { type FileMetaData, parquetMetadata, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors as decompressors } from 'hyparquet-compressors';
import { GeoError } from '../../errors.js';
import type { Feature, GeoCollection, Geometry, Properties } from '../../geojson.js';
import { checkOptions } from '../../geometry/wkb.js';
import { crsFromProjJson } from '../projjson-crs.js';
import { type Bbox, checkBbox, checkBytes, checkSignal, toArrayBuffer } from '../shared.js';
import { decodedMark, decodeGeometry, geometryValues, leavesOf, plain } from './decode.js';
import { geoMetadata, geometryColumnOf } from './metadata.js';
import { type LeafInfo, pageValues, readPages } from './parquet-read.js';
import { doublesOf, groupMayMeet, meets, pagesMayMeet, rowsMeeting } from './prune.js';
import { type Chunk, checkedSource, chunkAt, fetchChunks, isParquetSource, type ParquetSource } from './source.js';

export interface ReadGeoParquetOptions {
  /**
   * `[minX, minY, maxX, maxY]` in the file's CRS: only features whose bounding box meets it are
   * returned, and row groups whose covering-column statistics lie outside it are not decoded.
   */
  bbox?: Bbox;
  /** Property columns to read (the geometry is always read). Default: all. */
  columns?: string[];
  /** The geometry column, when not the file's `primary_column`. */
  geometryColumn?: string;
  /** Stops between row groups with an `AbortError`. */
  signal?: AbortSignal;
}
/** How the rows of a file were chosen, for the caller to check the pruning worked. */
export interface GeoParquetReadInfo {
  rowGroups: number;
  rowGroupsRead: number;
}

/**
 * Reads a GeoParquet file (1.0 or 1.1, WKB encoding, any Parquet codec: snappy, gzip, zstd,
 * brotli, lz4) into a FeatureCollection. The CRS comes from the `geo` metadata: `'EPSG:xxxx'`
 * from the PROJJSON id (OGC:CRS84 and an absent `crs` are `'EPSG:4326'`). INT64 values are numbers
 * when they are safe integers, else bigints; null geometries stay null.
 *
 * The file is the bytes, or a {@link ParquetSource} of byte ranges (a file handle, HTTP range
 * requests): then a bbox read fetches the footer and only the column chunks of the row groups
 * whose statistics meet the box. Within a group it decodes the bbox covering columns first (only
 * the pages their page index leaves in), then the geometry and properties of the rows that meet.
 *
 * @throws {GeoError} `invalid-file` when the bytes are not Parquet (or a source gives back other
 * than the bytes asked for), the file is truncated, the
 * `geo` metadata is missing or lies (an encoding other than WKB, a column that is not there or is
 * not binary, a value that is not WKB); `invalid-type` for bad options. Nothing is returned
 * half-read.
 *
 * @example
 * import { readGeoParquet, writeGeoParquet } from '@ds/geo';
 * const bytes = await writeGeoParquet({ type: 'FeatureCollection', features: [
 *   { type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [1, 2] } },
 *   { type: 'Feature', properties: { name: 'b' }, geometry: { type: 'Point', coordinates: [50, 50] } },
 * ] });
 * const back = await readGeoParquet(bytes, { bbox: [0, 0, 10, 10] });
 * back.features.map((f) => f.properties?.name); // => ['a']
 * back.crs; // => 'EPSG:4326'
 * // a source of byte ranges: the footer, then only what the bbox needs
 * const source = { byteLength: bytes.length, slice: (start: number, end?: number) => bytes.slice(start, end).buffer };
 * (await readGeoParquet(source, { bbox: [40, 40, 60, 60] })).features.length; // => 1
 */
export async function readGeoParquet(
  bytes: Uint8Array | ArrayBuffer | ParquetSource,
  options: ReadGeoParquetOptions = {},
): Promise<GeoCollection & { info: GeoParquetReadInfo }> {
  checkOptions(options, 'options');
  const isSource = !(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer) && isParquetSource(bytes);
  if (!isSource) checkBytes(bytes, 'bytes');
  const bbox = options.bbox === undefined ? undefined : checkBbox(options.bbox, 'bbox');
  checkSignal(options.signal);
  // In memory: one buffer. A source: its footer, then the byte ranges of the column chunks read.
  const memory = isSource ? null : new Uint8Array(toArrayBuffer(bytes as Uint8Array | ArrayBuffer));
  const file: ParquetSource = memory
    ? { byteLength: memory.byteLength, slice: (start, end) => (memory.buffer as ArrayBuffer).slice(start, end) }
    : checkedSource(bytes as ParquetSource);
  let metadata: FileMetaData;
  try {
    metadata = memory
      ? parquetMetadata(memory.buffer as ArrayBuffer, { geoparquet: false })
      : await parquetMetadataAsync(file, { geoparquet: false, initialFetchSize: 1 << 16 });
  } catch (e) {
    throw new GeoError(
      'invalid-file',
      'bytes',
      `${file.byteLength} bytes`,
      'a Parquet file',
      `bytes are not a readable Parquet file (${(e as Error).message})`,
    );
  }
  const geo = geoMetadata(metadata);
  const { name: geometryColumn, column, top, covering } = geometryColumnOf(metadata, geo, options.geometryColumn);
  const wanted = options.columns;
  if (wanted !== undefined) {
    if (!Array.isArray(wanted) || wanted.some((c) => typeof c !== 'string'))
      throw new GeoError('invalid-type', 'columns', wanted, 'a list of column names');
    for (const c of wanted)
      if (!top.has(c)) throw new GeoError('out-of-range', 'columns', c, `a column of the file (${[...top.keys()].join(', ')})`);
  }
  const geometryColumns = new Set(Object.keys(geo.columns));
  const properties = (wanted ?? [...top.keys()]).filter(
    (c) => c !== geometryColumn && !geometryColumns.has(c) && c !== covering?.column,
  );

  const leaves = leavesOf(metadata);
  const features: Feature[] = [];
  let rowStart = 0;
  let read = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    const start = rowStart;
    rowStart += rows;
    if (bbox && !groupMayMeet(group, covering, geometryColumn, bbox)) continue;
    checkSignal(options.signal);
    read++;
    const chunkOf = (path: string) => chunkAt(group, path)?.meta_data;
    // Columns the fast path decodes straight from their PLAIN pages; the rest go to hyparquet.
    const fast = (
      path: string,
      as?: LeafInfo['as'],
    ): { leaf: LeafInfo; meta: NonNullable<ReturnType<typeof chunkOf>> } | null => {
      const leaf = leaves.get(path);
      const meta = chunkOf(path);
      if (!leaf || !meta) return null;
      return { leaf: as ? { ...leaf, as } : leaf, meta };
    };
    const columnsOfGroup = new Map<string, unknown[]>();
    let keep: Uint8Array | null = null;
    let ranges: Uint32Array | null = null;
    const general: string[] = [];
    try {
      // A bbox read decodes the covering columns first, then only the pages holding rows that meet it.
      if (bbox && covering) {
        const boxes: Float64Array[] = [];
        const parts = (['xmin', 'ymin', 'xmax', 'ymax'] as const).map((k) => fast(covering.paths[k]));
        let candidates: Uint32Array | null = null;
        if (parts.every((f) => f !== null && f.leaf.type === 'DOUBLE')) {
          // Page statistics (column index), where the writer left them: only the pages that may meet.
          candidates = await pagesMayMeet(
            (['xmin', 'ymin', 'xmax', 'ymax'] as const).map((k) => chunkAt(group, covering.paths[k])),
            bbox,
            rows,
            memory,
            file,
            metadata,
          );
          if (candidates !== null && candidates.length === 0) continue;
          const got = await fetchChunks(
            memory,
            file,
            parts.map((f) => (f as { meta: Chunk }).meta),
          );
          for (const f of parts) {
            const { leaf, meta } = f as { leaf: LeafInfo; meta: Chunk };
            const pages = readPages(got.bytes, got.base, meta, leaf, rows, candidates, decompressors);
            if (!pages) break;
            boxes.push(doublesOf(pages, rows));
          }
        }
        if (boxes.length === 4) {
          const meeting = rowsMeeting(boxes as [Float64Array, Float64Array, Float64Array, Float64Array], rows, bbox);
          if (meeting === null) continue;
          keep = meeting.keep;
          ranges = meeting.ranges;
        }
      }
      // (a column of text is the general path's, whose error says so)
      const g = leaves.get(geometryColumn)?.as === 'bytes' ? fast(geometryColumn) : null;
      const props = properties.map((p) => {
        const f = fast(p);
        return f && f.leaf.as !== 'bytes' ? f : null;
      });
      const wantedChunks: Chunk[] = [];
      if (g) wantedChunks.push(g.meta);
      for (const f of props) if (f) wantedChunks.push(f.meta);
      const got = await fetchChunks(memory, file, wantedChunks);
      const geometryPages = g ? readPages(got.bytes, got.base, g.meta, g.leaf, rows, ranges, decompressors) : null;
      if (geometryPages) columnsOfGroup.set(geometryColumn, geometryValues(geometryPages, rows, keep, geometryColumn, start));
      else general.push(geometryColumn);
      properties.forEach((p, j) => {
        const f = props[j];
        const pages = f ? readPages(got.bytes, got.base, f.meta, f.leaf, rows, ranges, decompressors) : null;
        if (pages) {
          const values = pageValues(pages, (f as { leaf: LeafInfo }).leaf, rows, keep);
          decodedMark.add(values);
          columnsOfGroup.set(p, values);
        } else general.push(p);
      });
      if (general.length > 0)
        await parquetRead({
          file,
          metadata,
          columns: general,
          rowStart: start,
          rowEnd: start + rows,
          compressors: decompressors,
          geoparquet: false,
          // Binary columns without a UTF8 annotation (the WKB) stay bytes, and so do columns of
          // Parquet's GEOMETRY/GEOGRAPHY logical type: the WKB is decoded below, strictly.
          utf8: false,
          parsers: { geometryFromBytes: (b: Uint8Array) => b, geographyFromBytes: (b: Uint8Array) => b },
          onChunk: ({ columnName, columnData, rowStart: chunkStart }) => {
            let values = columnsOfGroup.get(columnName);
            if (!values) {
              values = new Array(rows).fill(null);
              columnsOfGroup.set(columnName, values);
            }
            const offset = chunkStart - start;
            for (let i = 0; i < columnData.length; i++) values[offset + i] = columnData[i];
          },
        });
    } catch (e) {
      if (e instanceof GeoError) throw e;
      throw new GeoError(
        'invalid-file',
        'bytes',
        `${file.byteLength} bytes`,
        'a complete Parquet file',
        `bytes could not be read at row group ${read - 1} (${(e as Error).message}): the file is truncated or corrupt`,
      );
    }
    const empty: unknown[] = new Array(rows).fill(null);
    const geometries = columnsOfGroup.get(geometryColumn) ?? empty;
    const geometryDecoded = decodedMark.has(geometries);
    const propertyValues = properties.map((p) => columnsOfGroup.get(p) ?? empty);
    // values of the fast path are plain already; the general path's bigints and undefined are made so
    const plainAlready = propertyValues.map((v) => decodedMark.has(v));
    const np = properties.length;
    for (let i = 0; i < rows; i++) {
      if (keep !== null && keep[i] === 0) continue;
      const geometry = geometryDecoded
        ? (geometries[i] as Geometry | null)
        : decodeGeometry(geometries[i], geometryColumn, start + i);
      if (bbox && (geometry === null || !meets(geometry, bbox))) continue;
      const props: Properties = {};
      for (let j = 0; j < np; j++) {
        const v = (propertyValues[j] as unknown[])[i];
        props[properties[j] as string] = plainAlready[j] ? v : plain(v);
      }
      features.push({ type: 'Feature', properties: props, geometry });
    }
  }
  const crs = crsFromProjJson(column.crs);
  const out: GeoCollection & { info: GeoParquetReadInfo } = {
    type: 'FeatureCollection',
    features,
    info: { rowGroups: metadata.row_groups.length, rowGroupsRead: read },
  };
  if (crs !== undefined) out.crs = crs;
  // info is not part of the GeoJSON: keep it off JSON.stringify.
  Object.defineProperty(out, 'info', { enumerable: false });
  return out;
}
