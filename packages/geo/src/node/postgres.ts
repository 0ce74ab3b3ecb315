import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { normaliseCrs } from '../crs.js';
import { GeoError } from '../errors.js';
import { checkCollection, checkSignal } from '../formats/shared.js';
import type { Feature, GeoCollection, Properties } from '../geojson.js';
import { checkOptions, readWkb, toWkb } from '../geometry/wkb.js';

/**
 * Moving collections in and out of PostgreSQL/PostGIS through a node-postgres client (`pg`'s
 * `Client` or a pool's client, passed in): a table is created and filled with `COPY … FROM
 * STDIN` (geometries as hex EWKB, which PostGIS' geometry input reads with their SRID), and a
 * query's rows come back as features.
 */

/** The part of node-postgres' `Client` used here. */
export interface PgClient {
  // biome-ignore lint/suspicious/noExplicitAny: node-postgres' own signature
  query(text: any, values?: unknown[]): any;
}

export interface ToPostgresOptions {
  /** The table to create and fill (may be `schema.table`). */
  table: string;
  /** The geometry column. Default `'geometry'`. */
  geometryColumn?: string;
  /** `'fail'` (default) when the table exists, `'replace'` to drop it first, `'append'` to add rows. */
  ifExists?: 'fail' | 'replace' | 'append';
  /** Creates a GiST index on the geometry (default true, as GeoPandas' `to_postgis` leaves to you). */
  index?: boolean;
  signal?: AbortSignal;
}

/** What was written. */
export interface ToPostgresResult {
  table: string;
  rows: number;
  srid: number;
  columns: { name: string; type: string }[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Loads a collection into a PostGIS table with `COPY` (GeoPandas' `to_postgis`): one column per
 * property (bigint, double precision, text, boolean, timestamptz or jsonb, from the values) and a
 * `geometry(Geometry, srid)` column from the collection's CRS (`EPSG:xxxx`). It runs in one
 * transaction: on an error nothing is left behind.
 *
 * @throws {GeoError} `invalid-type` for a table or property name that is not a plain identifier,
 * a property of two types, a CRS that is not an EPSG code, bad options; the database's error
 * (rolled back) when PostgreSQL refuses
 *
 * @example
 * import { toPostgres } from '@ds/geo/node';
 * typeof toPostgres; // => 'function'
 * // With a node-postgres client connected to a database with PostGIS:
 * //   await toPostgres(client, countries, { table: 'countries', ifExists: 'replace' });
 * //   gives { table: 'countries', rows: 177, srid: 4326, columns: [...] }
 */
export async function toPostgres(
  client: PgClient,
  collection: GeoCollection,
  options: ToPostgresOptions,
): Promise<ToPostgresResult> {
  checkClient(client);
  checkCollection(collection, 'collection');
  checkOptions(options, 'options');
  checkSignal(options.signal);
  const table = tableName(options.table);
  const geometryColumn = options.geometryColumn ?? 'geometry';
  const geom = columnName('geometryColumn', geometryColumn);
  const ifExists = options.ifExists ?? 'fail';
  if (!['fail', 'replace', 'append'].includes(ifExists))
    throw new GeoError('invalid-type', 'ifExists', ifExists, "'fail', 'replace' or 'append'");
  const index = options.index ?? true;
  if (typeof index !== 'boolean') throw new GeoError('invalid-type', 'index', index, 'true or false');
  const code = normaliseCrs(collection.crs);
  const m = /^EPSG:(\d+)$/.exec(code);
  if (!m)
    throw new GeoError(
      'unknown-crs',
      'collection.crs',
      collection.crs,
      "an EPSG code ('EPSG:xxxx'), which becomes the column's SRID",
    );
  const srid = Number(m[1]);
  const columns = columnTypes(collection.features, geometryColumn);
  const lines: string[] = new Array(collection.features.length);
  collection.features.forEach((f, i) => {
    const cells = columns.map((c) => copyCell(f.properties?.[c.name], c.type));
    let g = '\\N';
    if (f.geometry !== null) {
      try {
        g = hex(toWkb(f.geometry, { srid }));
      } catch (e) {
        if (e instanceof GeoError) throw new GeoError(e.code, `collection.features[${i}].geometry`, e.value, e.expected);
        throw e;
      }
    }
    lines[i] = `${[...cells, g].join('\t')}\n`;
  });
  const names = [...columns.map((c) => `"${c.name}"`), geom];
  await client.query('BEGIN');
  try {
    if (ifExists === 'replace') await client.query(`DROP TABLE IF EXISTS ${table}`);
    if (ifExists !== 'append') {
      const defs = [...columns.map((c) => `"${c.name}" ${c.type}`), `${geom} geometry(Geometry, ${srid})`];
      await client.query(`CREATE TABLE ${table} (${defs.join(', ')})`);
    }
    checkSignal(options.signal);
    const stream = client.query(copyFrom(`COPY ${table} (${names.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(batches(lines)), stream);
    if (index && ifExists !== 'append') await client.query(`CREATE INDEX ON ${table} USING GIST (${geom})`);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
  return { table: options.table, rows: collection.features.length, srid, columns: columns.map((c) => ({ ...c })) };
}

function* batches(lines: string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += 1000) yield lines.slice(i, i + 1000).join('');
}

export interface FromPostgresOptions {
  /** The column holding the geometry. Default `'geometry'`. */
  geometryColumn?: string;
  /** At most this many rows (a LIMIT is not added: a larger result is an error). Default 10,000,000. */
  maxRows?: number;
}

/**
 * Runs a query and returns its rows as a FeatureCollection (GeoPandas' `read_postgis`): the
 * geometry column (PostGIS returns hex EWKB) becomes each feature's geometry, the other columns
 * its properties (bigint columns as numbers when they are safe integers), and the SRID of the
 * first geometry the collection's `crs`.
 *
 * @throws {GeoError} `invalid-type` for bad options, `missing-file` when the query has no such
 * geometry column, `invalid-file` for a value that is not EWKB, `out-of-range` past `maxRows`
 *
 * @example
 * import { fromPostgres } from '@ds/geo/node';
 * typeof fromPostgres; // => 'function'
 * // With a node-postgres client connected to a database with PostGIS:
 * //   await fromPostgres(client, 'SELECT name, geometry FROM countries WHERE continent = $1', ['Africa']);
 */
export async function fromPostgres(
  client: PgClient,
  sql: string,
  params: unknown[] = [],
  options: FromPostgresOptions = {},
): Promise<GeoCollection> {
  checkClient(client);
  if (typeof sql !== 'string' || sql.trim() === '') throw new GeoError('invalid-type', 'sql', sql, 'an SQL query');
  if (!Array.isArray(params)) throw new GeoError('invalid-type', 'params', params, 'a list of parameter values');
  checkOptions(options, 'options');
  const geometryColumn = options.geometryColumn ?? 'geometry';
  if (typeof geometryColumn !== 'string') throw new GeoError('invalid-type', 'geometryColumn', geometryColumn, 'a column name');
  const maxRows = options.maxRows ?? 10_000_000;
  if (!(Number.isInteger(maxRows) && maxRows >= 0)) throw new GeoError('invalid-type', 'maxRows', maxRows, 'a whole number ≥ 0');
  const result = await client.query(sql, params);
  const rows = (result?.rows ?? []) as Record<string, unknown>[];
  const fields = (result?.fields ?? []) as { name: string; dataTypeID?: number }[];
  // The client's answer, as node-postgres gives it: rows of objects, fields with names.
  if (!Array.isArray(rows) || !rows.every((r) => r !== null && typeof r === 'object'))
    throw new GeoError('invalid-type', 'client', rows, 'a client whose query resolves to { rows: [objects], fields }');
  if (!Array.isArray(fields) || !fields.every((f) => f !== null && typeof f === 'object' && typeof f.name === 'string'))
    throw new GeoError('invalid-type', 'client', fields, 'a client whose query resolves to { rows, fields: [{ name }] }');
  // node-postgres returns int8 as text (it may not fit a double): numbers when they are safe.
  const int8 = new Set(fields.filter((f) => f.dataTypeID === 20).map((f) => f.name));
  if (fields.length > 0 && !fields.some((f) => f.name === geometryColumn))
    throw new GeoError(
      'missing-file',
      'geometryColumn',
      geometryColumn,
      `a column of the query (${fields.map((f) => f.name).join(', ')})`,
    );
  if (rows.length > maxRows)
    throw new GeoError('out-of-range', 'maxRows', rows.length, `at most ${maxRows} rows (raise maxRows or add a LIMIT)`);
  let srid: number | undefined;
  const features: Feature[] = rows.map((row, i) => {
    const value = row[geometryColumn];
    let geometry = null;
    if (value !== null && value !== undefined) {
      if (typeof value !== 'string' && !(value instanceof Uint8Array))
        throw new GeoError('invalid-file', `rows[${i}].${geometryColumn}`, value, 'a PostGIS geometry (hex EWKB)');
      const read = readWkb(value);
      geometry = read.geometry;
      srid ??= read.srid;
    }
    const properties: Properties = {};
    for (const [k, v] of Object.entries(row)) {
      if (k === geometryColumn) continue;
      // defineProperty: a column named __proto__ is data, not the object's prototype.
      Object.defineProperty(properties, k, {
        value: int8.has(k) && typeof v === 'string' && Number.isSafeInteger(Number(v)) ? Number(v) : v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return { type: 'Feature', properties, geometry };
  });
  const out: GeoCollection = { type: 'FeatureCollection', features };
  if (srid !== undefined && srid !== 0) out.crs = `EPSG:${srid}`;
  return out;
}

function checkClient(client: unknown): void {
  if (client === null || typeof client !== 'object' || typeof (client as PgClient).query !== 'function')
    throw new GeoError('invalid-type', 'client', client, "a node-postgres client (pg's Client, or a client from a Pool)");
}

function tableName(name: unknown): string {
  const parts = typeof name === 'string' ? name.split('.') : [];
  if (parts.length === 0 || parts.length > 2 || !parts.every((p) => NAME.test(p)))
    throw new GeoError('invalid-type', 'table', name, 'a table name of letters, digits and _ (optionally schema.table)');
  return parts.map((p) => `"${p}"`).join('.');
}

function columnName(argument: string, name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name) || name.length > 63)
    throw new GeoError('invalid-type', argument, name, 'a column name of letters, digits and _ (at most 63)');
  return `"${name}"`;
}

function columnTypes(features: Feature[], geometryColumn: string): { name: string; type: string }[] {
  const kinds = new Map<string, { kind?: string; integer: boolean }>();
  features.forEach((f, i) => {
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      let entry = kinds.get(k);
      if (!entry) {
        columnName(`collection.features[${i}].properties`, k);
        if (k === geometryColumn)
          throw new GeoError(
            'invalid-type',
            `properties.${k}`,
            k,
            `a property not named like the geometry column ('${geometryColumn}')`,
          );
        entry = { integer: true };
        kinds.set(k, entry);
      }
      if (v === null || v === undefined) continue;
      const kind = v instanceof Date ? 'date' : typeof v === 'object' ? 'json' : typeof v;
      if (kind === 'number' && !Number.isSafeInteger(v)) entry.integer = false;
      if (kind === 'number' && !Number.isFinite(v as number) && !Number.isNaN(v)) entry.integer = false;
      if (entry.kind === undefined) entry.kind = kind;
      else if (entry.kind !== kind)
        throw new GeoError(
          'invalid-type',
          `properties.${k}`,
          v,
          `values of one type (the first was a ${entry.kind})`,
          `property '${k}' holds a ${entry.kind} and, at feature ${i}, a ${kind} (${JSON.stringify(v)}): a column has one type; convert them first`,
        );
    }
  });
  return [...kinds].map(([name, { kind, integer }]) => ({
    name,
    type:
      kind === 'number'
        ? integer
          ? 'bigint'
          : 'double precision'
        : kind === 'bigint'
          ? 'bigint'
          : kind === 'boolean'
            ? 'boolean'
            : kind === 'date'
              ? 'timestamptz'
              : kind === 'json'
                ? 'jsonb'
                : 'text',
  }));
}

/** One value in COPY's text format: \N for null, backslash escapes for \, tab, newline, return. */
function copyCell(v: unknown, type: string): string {
  if (v === null || v === undefined) return '\\N';
  let text: string;
  if (v instanceof Date) text = v.toISOString();
  else if (type === 'jsonb') text = JSON.stringify(v);
  else if (typeof v === 'number')
    text = Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v);
  else text = String(v);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] as number).toString(16).padStart(2, '0');
  return s;
}
