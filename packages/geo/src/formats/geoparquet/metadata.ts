/**
 * The `geo` key-value metadata of GeoParquet 1.1 (https://geoparquet.org/releases/v1.1.0/): read
 * and checked against the file's schema (the geometry column is there, binary and WKB; the bbox
 * covering columns are there), and written (encoding, geometry types, bbox, PROJJSON CRS, covering).
 */
import type { FileMetaData } from 'hyparquet';
import { GeoError } from '../../errors.js';
import type { Geometry } from '../../geojson.js';
import type { Bbox } from '../shared.js';

/** One column of the `geo` metadata, as read (fields unchecked until used). */
export interface GeoColumn {
  encoding: unknown;
  geometry_types?: unknown;
  crs?: unknown;
  bbox?: unknown;
  covering?: { bbox?: Record<'xmin' | 'ymin' | 'xmax' | 'ymax', string[]> };
}
/** The `geo` metadata, as read. */
export interface GeoMetadata {
  version?: string;
  primary_column: string;
  columns: Record<string, GeoColumn>;
}

/** The `geo` key of the footer, parsed, with `primary_column` and `columns`; else an invalid file. */
export function geoMetadata(metadata: FileMetaData): GeoMetadata {
  const text = metadata.key_value_metadata?.find((kv) => kv.key === 'geo')?.value;
  if (text === undefined)
    throw new GeoError('invalid-file', 'bytes', 'no geo metadata', "a GeoParquet file (Parquet with 'geo' key-value metadata)");
  let geo: GeoMetadata;
  try {
    geo = JSON.parse(text);
  } catch {
    throw new GeoError('invalid-file', 'bytes', text, "'geo' metadata that is JSON");
  }
  if (
    geo === null ||
    typeof geo !== 'object' ||
    typeof geo.primary_column !== 'string' ||
    geo.columns === null ||
    typeof geo.columns !== 'object'
  )
    throw new GeoError('invalid-file', 'bytes', text, "'geo' metadata with primary_column and columns");
  return geo;
}

/** One element of the Parquet schema. */
export type Element = FileMetaData['schema'][number];
/** The top-level columns of the schema by name (groups with their descendants skipped). */
export function topLevel(metadata: FileMetaData): Map<string, Element> {
  const out = new Map<string, Element>();
  const schema = metadata.schema;
  for (let i = 1; i < schema.length; ) {
    const e = schema[i] as Element;
    out.set(e.name, e);
    // skip the element's descendants
    let skip = 1;
    let pending = e.num_children ?? 0;
    while (pending > 0) {
      const child = schema[i + skip] as Element;
      pending += (child.num_children ?? 0) - 1;
      skip++;
    }
    i += skip;
  }
  return out;
}

/** The geometry column a read decodes, as the `geo` metadata and the schema describe it. */
export interface GeometryColumn {
  name: string;
  column: GeoColumn;
  /** The file's top-level columns by name. */
  top: Map<string, Element>;
  covering: Covering | undefined;
}

/**
 * The geometry column of the file (`name`, else the metadata's `primary_column`), checked: one of
 * the metadata's columns, WKB, a binary column of the file; with its bbox covering, if any.
 */
export function geometryColumnOf(metadata: FileMetaData, geo: GeoMetadata, name: string | undefined): GeometryColumn {
  const geometryColumn = name ?? geo.primary_column;
  if (typeof geometryColumn !== 'string' || !Object.hasOwn(geo.columns, geometryColumn))
    throw new GeoError(
      'invalid-file',
      'geometryColumn',
      geometryColumn,
      `one of the geo metadata's columns (${Object.keys(geo.columns).join(', ')})`,
    );
  const column = geo.columns[geometryColumn] as GeoColumn;
  if (String(column.encoding).toUpperCase() !== 'WKB')
    throw new GeoError(
      'invalid-file',
      'bytes',
      column.encoding,
      "a geometry column with encoding 'WKB' (GeoArrow encodings are not read here)",
    );
  const top = topLevel(metadata);
  const element = top.get(geometryColumn);
  if (element?.type !== 'BYTE_ARRAY' || element.num_children)
    throw new GeoError(
      'invalid-file',
      'bytes',
      element?.type ?? 'no such column',
      `a binary column '${geometryColumn}' as the geo metadata says`,
      `the geo metadata says '${geometryColumn}' holds WKB, but the file's column is ${element ? (element.type ?? 'a group') : 'missing'}`,
    );
  return { name: geometryColumn, column, top, covering: coveringOf(column, top) };
}

/** The bbox covering column and the dotted paths of its four fields. */
export interface Covering {
  column: string;
  paths: Record<'xmin' | 'ymin' | 'xmax' | 'ymax', string>;
}
/** The covering the metadata declares (GeoParquet 1.1), checked against the file's columns. */
export function coveringOf(column: GeoColumn, top: Map<string, Element>): Covering | undefined {
  const c = column.covering?.bbox;
  if (!c) return undefined;
  const keys = ['xmin', 'ymin', 'xmax', 'ymax'] as const;
  const paths = {} as Covering['paths'];
  for (const k of keys) {
    const p = c[k];
    if (!Array.isArray(p) || p.length !== 2)
      throw new GeoError('invalid-file', 'bytes', c, 'a covering bbox of [column, field] paths (GeoParquet 1.1)');
    paths[k] = p.join('.');
  }
  const name = (c.xmin as string[])[0] as string;
  if (!top.has(name)) throw new GeoError('invalid-file', 'bytes', name, 'the covering bbox column the geo metadata names');
  return { column: name, paths };
}
/** Whether the CRS is GeoParquet's default (OGC:CRS84, EPSG:4326 in GeoJSON's lon/lat order), which the metadata leaves out. */
export function crsCodeIs4326(crs: string): boolean {
  return /^(EPSG:4326|OGC:CRS84)$/i.test(crs.trim());
}

/** The type as `geometry_types` names it (`'Polygon Z'` when the first position has a z). */
export function geometryTypeName(g: Geometry): string {
  const first = firstPosition(g);
  return first && first.length >= 3 ? `${g.type} Z` : g.type;
}
function firstPosition(g: Geometry): number[] | undefined {
  if (g.type === 'GeometryCollection') {
    for (const m of g.geometries) {
      const p = firstPosition(m);
      if (p) return p;
    }
    return undefined;
  }
  let c: unknown = g.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && c.length > 0 ? (c as number[]) : undefined;
}

/** The `geo` metadata the writer puts in the footer, as JSON. */
export function geoMetadataText(
  geometryColumn: string,
  types: Set<string>,
  projjson: Record<string, unknown> | undefined,
  total: Bbox,
  withBbox: boolean,
): string {
  const geoColumn: Record<string, unknown> = {
    encoding: 'WKB',
    geometry_types: [...types].sort(),
  };
  if (projjson !== undefined) geoColumn.crs = projjson;
  if (Number.isFinite(total[0])) geoColumn.bbox = total;
  if (withBbox)
    geoColumn.covering = {
      bbox: { xmin: ['bbox', 'xmin'], ymin: ['bbox', 'ymin'], xmax: ['bbox', 'xmax'], ymax: ['bbox', 'ymax'] },
    };
  const geo = { version: '1.1.0', primary_column: geometryColumn, columns: { [geometryColumn]: geoColumn } };
  return JSON.stringify(geo);
}
