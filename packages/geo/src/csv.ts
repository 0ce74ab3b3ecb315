import { checkOptions, checkString, optionalBoolean } from './check.js';
import { crsDefinition, isGeographic, normaliseCrs } from './crs.js';
import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Point, Properties, SkippedFeature } from './geojson.js';

/** Options of {@link pointsFromCsv}. */
export interface PointsFromCsvOptions {
  /** Column holding the latitude (or y). */
  lat: string;
  /** Column holding the longitude (or x). */
  lon: string;
  /** Field separator (default `','`). */
  delimiter?: string;
  /** CRS of the coordinates (default `'EPSG:4326'`; give a projected one for x/y columns). */
  crs?: string;
  /** Leave out rows whose coordinates are missing or invalid, listing them in `skipped` (default false). */
  skipInvalid?: boolean;
}

/**
 * Points from CSV text with a header row (GeoPandas' `points_from_xy` after `read_csv`). Fields
 * follow RFC 4180 (quotes, doubled quotes, line breaks in quotes). A column whose every non-empty
 * value is a number becomes numbers; empty fields become null. The coordinate columns stay in
 * the properties. For WGS 84, longitudes must be in [−180, 180] and latitudes in [−90, 90].
 *
 * @throws {GeoError} for a missing column, or a row whose coordinates are missing or out of range
 *   (naming the row, counted from 0 after the header), unless `skipInvalid`
 *
 * @deprecated since 0.x: use {@link readCsvPoints}, the same function under the `read*` name.
 *
 * @example
 * import { pointsFromCsv } from '@ds/geo';
 * const fc = pointsFromCsv('name,lat,lon\n"Paris, FR",48.86,2.35\nOslo,59.91,10.75', { lat: 'lat', lon: 'lon' });
 * fc.features[0].geometry.coordinates; // => [2.35, 48.86]
 * fc.features[0].properties; // => { name: 'Paris, FR', lat: 48.86 }
 */
export function pointsFromCsv(text: string, options: PointsFromCsvOptions): GeoCollection<Point> {
  checkString('text', text, true, MAX_CSV_CHARS);
  const o = checkOptions<PointsFromCsvOptions>('options', options, true);
  checkString('lat', o.lat, false, 1_000);
  checkString('lon', o.lon, false, 1_000);
  const delimiter = o.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')
    throw new GeoError('invalid-type', 'delimiter', delimiter, 'one character other than a quote or a line break');
  if (o.crs !== undefined) {
    checkString('crs', o.crs, false, 100_000);
    crsDefinition(normaliseCrs(o.crs));
  }
  optionalBoolean('skipInvalid', o.skipInvalid, false);
  const rows = parseCsv(text, delimiter);
  const header = rows.shift();
  if (header === undefined) throw new GeoError('invalid-type', 'text', text, 'CSV text with a header row');
  for (const col of [options.lat, options.lon]) {
    if (!header.includes(col))
      throw new GeoError('invalid-type', col === options.lat ? 'lat' : 'lon', col, `a column of the CSV (${header.join(', ')})`);
  }
  const numeric = header.map((_, j) => rows.every((r) => r[j] === undefined || r[j] === '' || isNumber(r[j] as string)));
  const latAt = header.indexOf(options.lat);
  const lonAt = header.indexOf(options.lon);
  const geographic = isGeographic(options.crs);
  const features: Feature<Point>[] = [];
  const skipped: SkippedFeature[] = [];
  rows.forEach((r, i) => {
    if (r.length === 1 && r[0] === '' && i === rows.length - 1) return;
    const lat = Number(r[latAt]);
    const lon = Number(r[lonAt]);
    let problem: GeoError | undefined;
    if (
      r[latAt] === undefined ||
      r[latAt] === '' ||
      r[lonAt] === undefined ||
      r[lonAt] === '' ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lon)
    ) {
      problem = new GeoError('invalid-geometry', `text.rows[${i}]`, [r[lonAt], r[latAt]], 'numeric coordinates');
    } else if (geographic && (lat < -90 || lat > 90 || lon < -180 || lon > 180)) {
      problem = new GeoError('out-of-range', `text.rows[${i}]`, [lon, lat], '[lon, lat] within [−180, 180] × [−90, 90]');
    }
    if (problem !== undefined) {
      if (!options.skipInvalid) throw problem;
      skipped.push({ index: i, reason: problem.message });
      return;
    }
    const properties: Properties = {};
    header.forEach((h, j) => {
      const v = r[j];
      // defineProperty: a column named __proto__ is data, not the object's prototype.
      Object.defineProperty(properties, h, {
        value: v === undefined || v === '' ? null : numeric[j] ? Number(v) : v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } });
  });
  const out: GeoCollection<Point> = { type: 'FeatureCollection', features, crs: options.crs ?? 'EPSG:4326' };
  if (options.skipInvalid) out.skipped = skipped;
  return out;
}

/**
 * Points from CSV text with a header row: the `read*` name of {@link pointsFromCsv} (kept as a
 * deprecated alias), the same function.
 *
 * @example
 * import { readCsvPoints } from '@ds/geo';
 * readCsvPoints('lat,lon\n48.86,2.35', { lat: 'lat', lon: 'lon' }).features[0].geometry.coordinates; // => [2.35, 48.86]
 */
export const readCsvPoints: typeof pointsFromCsv = (text, options) => pointsFromCsv(text, options);

/** Longest CSV text read (about 256 MB; stream larger files and read them in parts). */
const MAX_CSV_CHARS = 2 ** 28;

function isNumber(s: string): boolean {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s);
}

function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
