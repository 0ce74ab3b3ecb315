import { checkNumber, checkOptions, optionalBoolean } from './check.js';
import { isGeographic, normaliseCrs } from './crs.js';
import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry, Position, SkippedFeature } from './geojson.js';
import { GEOMETRY_TYPES, LAT_LIMIT, LON_LIMIT } from './geometry/walk.js';
import { checkCollectionInput, MAX_GEOMETRY_DEPTH } from './input.js';

/** Options of {@link readGeoJSON}. */
export interface ReadGeoJSONOptions {
  /** CRS of the coordinates when the input does not carry one (default `'EPSG:4326'`). */
  crs?: string;
  /** Close rings whose last position differs from the first instead of refusing them (default false). */
  repair?: boolean;
  /** Leave out invalid features and list them in `skipped` instead of throwing (default false). */
  skipInvalid?: boolean;
}

/**
 * Reads GeoJSON (text or a parsed object: a FeatureCollection, a Feature or a bare geometry) into a
 * checked {@link GeoCollection}. Each feature is validated: geometry types and nesting, finite
 * coordinates, rings of four or more positions that close, and, for geographic coordinates,
 * longitudes in [−180, 180] and latitudes in [−90, 90] (swapped lat/lon shows up here).
 *
 * @throws {GeoError} naming the feature index and the problem, e.g.
 *   `features[3].geometry.coordinates[0] must be a closed ring (first position = last)`
 *
 * @example
 * import { readGeoJSON } from '@ds/geo';
 * const fc = readGeoJSON('{"type":"Point","coordinates":[2.35,48.86]}');
 * fc.features.length; // => 1
 * fc.crs; // => 'EPSG:4326'
 * const swapped = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [48.86, 182.35] } };
 * readGeoJSON({ type: 'FeatureCollection', features: [swapped] }, { skipInvalid: true }).skipped; // => [{ index: 0 }]
 */
export function readGeoJSON(input: string | object, options: ReadGeoJSONOptions = {}): GeoCollection {
  const o = checkOptions<ReadGeoJSONOptions>('options', options);
  if (o.crs !== undefined && typeof o.crs !== 'string')
    throw new GeoError('invalid-type', 'crs', o.crs, "a CRS string such as 'EPSG:4326'");
  const repair = optionalBoolean('repair', o.repair, false);
  const skipInvalid = optionalBoolean('skipInvalid', o.skipInvalid, false);
  if (typeof input === 'string' && input.length > MAX_JSON_CHARS)
    throw new GeoError(
      'too-large',
      'input',
      input,
      `GeoJSON text of at most ${MAX_JSON_CHARS} characters (parse larger files yourself and pass the object)`,
    );
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new GeoError('invalid-type', 'input', input, `JSON text (${(error as Error).message})`);
    }
  }
  if (value === null || typeof value !== 'object') throw new GeoError('invalid-type', 'input', value, 'a GeoJSON object');
  const obj = value as Record<string, unknown>;
  const crs = normaliseCrs(typeof obj.crs === 'string' ? obj.crs : (crsMember(obj.crs) ?? o.crs));
  const geographic = isGeographic(crs);
  let raw: unknown[];
  if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features)) throw new GeoError('invalid-type', 'features', obj.features, 'an array of features');
    raw = obj.features;
  } else if (obj.type === 'Feature') {
    raw = [obj];
  } else {
    if (typeof obj.type !== 'string' || !GEOMETRY_TYPES.has(obj.type))
      throw new GeoError(
        'invalid-type',
        'input.type',
        obj.type,
        "'FeatureCollection', 'Feature' or a geometry type ('Point', …)",
      );
    raw = [{ type: 'Feature', properties: {}, geometry: obj }];
  }
  const features: Feature[] = [];
  const skipped: SkippedFeature[] = [];
  raw.forEach((f, i) => {
    try {
      features.push(checkFeature(f, `features[${i}]`, geographic, repair));
    } catch (error) {
      if (skipInvalid && error instanceof GeoError) skipped.push({ index: i, reason: error.message });
      else throw error;
    }
  });
  const out: GeoCollection = { type: 'FeatureCollection', features, crs };
  if (skipInvalid) out.skipped = skipped;
  return out;
}

/**
 * Validates a collection in place of reading it: the same checks as {@link readGeoJSON}, throwing
 * on the first invalid feature. Returns the collection.
 *
 * @example
 * import { validateGeoJSON } from '@ds/geo';
 * const bad = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, NaN] } }] };
 * const message = (() => { try { validateGeoJSON(bad); } catch (e) { return e.message; } })();
 * message; // => 'features[0].geometry.coordinates must be finite numbers, got [0, NaN]'
 */
export function validateGeoJSON<C extends GeoCollection>(collection: C): C {
  checkTop(collection, 'collection');
  const geographic = isGeographic(collection.crs);
  collection.features.forEach((f, i) => {
    checkFeature(f, `features[${i}]`, geographic, false);
  });
  return collection;
}

/**
 * GeoJSON text for a collection. The CRS goes into a `crs` member only when it is not WGS 84
 * (RFC 7946 has none; GDAL and GeoPandas read the 2008 form written here).
 *
 * @example
 * import { writeGeoJSON } from '@ds/geo';
 * writeGeoJSON({ type: 'FeatureCollection', features: [] }); // => '{"type":"FeatureCollection","features":[]}'
 */
export function writeGeoJSON(collection: GeoCollection, options: { space?: number } = {}): string {
  checkCollectionInput(collection, 'collection');
  const o = checkOptions<{ space?: number }>('options', options);
  const space = o.space === undefined ? undefined : checkNumber('space', o.space, { min: 0, max: 10, integer: true });
  const crs = normaliseCrs(collection.crs);
  const out: Record<string, unknown> = { type: 'FeatureCollection', features: collection.features };
  if (crs !== 'EPSG:4326') {
    const m = /^EPSG:(\d+)$/.exec(crs);
    out.crs = { type: 'name', properties: { name: m ? `urn:ogc:def:crs:EPSG::${m[1]}` : crs } };
  }
  try {
    return JSON.stringify(out, null, space);
  } catch (error) {
    // A property JSON cannot hold (a bigint, a cycle).
    throw new GeoError('invalid-type', 'collection', collection, 'properties JSON can hold (no bigints or cycles)', undefined, {
      cause: error,
    });
  }
}

/** Longest GeoJSON text parsed here (V8's longest string is about 2^29 characters anyway). */
const MAX_JSON_CHARS = 2 ** 28;

/** The collection itself (not its features): an object of type FeatureCollection with a features array and a string crs. */
function checkTop(c: unknown, argument: string): void {
  if (c === null || typeof c !== 'object' || Array.isArray(c) || (c as { type?: unknown }).type !== 'FeatureCollection')
    throw new GeoError(
      'invalid-type',
      argument,
      c,
      "a GeoJSON FeatureCollection ({ type: 'FeatureCollection', features: [...] })",
    );
  const { features, crs } = c as { features?: unknown; crs?: unknown };
  if (!Array.isArray(features)) throw new GeoError('invalid-type', 'features', features, 'an array of features');
  if (crs !== undefined && typeof crs !== 'string')
    throw new GeoError('invalid-type', 'crs', crs, "a CRS string such as 'EPSG:4326'");
}

function crsMember(crs: unknown): string | undefined {
  const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return undefined;
  const m = /EPSG::?(\d+)$/i.exec(name);
  if (m) return `EPSG:${m[1]}`;
  if (/CRS84$/i.test(name)) return 'EPSG:4326';
  return name;
}

function checkFeature(f: unknown, at: string, geographic: boolean, repair: boolean): Feature {
  if (f === null || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') {
    throw new GeoError('invalid-type', at, f, 'a Feature');
  }
  const feature = f as Feature;
  const props = feature.properties;
  if (props !== null && props !== undefined && (typeof props !== 'object' || Array.isArray(props))) {
    throw new GeoError('invalid-type', `${at}.properties`, props, 'an object or null');
  }
  const geometry =
    feature.geometry === null || feature.geometry === undefined
      ? null
      : checkGeometry(feature.geometry, `${at}.geometry`, geographic, repair);
  return { ...feature, properties: props ?? null, geometry };
}

function checkGeometry(g: unknown, at: string, geographic: boolean, repair: boolean, depth = 0): Geometry {
  if (depth > MAX_GEOMETRY_DEPTH)
    throw new GeoError('too-large', at, g, `GeometryCollections nested at most ${MAX_GEOMETRY_DEPTH} deep`);
  if (g === null || typeof g !== 'object') throw new GeoError('invalid-geometry', at, g, 'a GeoJSON geometry');
  const geom = g as Geometry;
  const c = (geom as { coordinates?: unknown }).coordinates;
  const where = `${at}.coordinates`;
  switch (geom.type) {
    case 'Point':
      checkPosition(c, where, geographic);
      return geom;
    case 'MultiPoint':
    case 'LineString':
      list(c, where, 'an array of positions').forEach((p, i) => {
        checkPosition(p, `${where}[${i}]`, geographic);
      });
      if (geom.type === 'LineString' && (c as unknown[]).length < 2)
        throw new GeoError('invalid-geometry', where, c, 'at least 2 positions');
      return geom;
    case 'MultiLineString':
      for (const [i, l] of list(c, where, 'an array of lines').entries()) {
        for (const [j, p] of list(l, `${where}[${i}]`, 'an array of positions').entries())
          checkPosition(p, `${where}[${i}][${j}]`, geographic);
      }
      return geom;
    case 'Polygon':
      return { ...geom, coordinates: checkRings(c, where, geographic, repair) };
    case 'MultiPolygon':
      return {
        ...geom,
        coordinates: list(c, where, 'an array of polygons').map((p, i) => checkRings(p, `${where}[${i}]`, geographic, repair)),
      };
    case 'GeometryCollection':
      return {
        ...geom,
        geometries: list((geom as { geometries?: unknown }).geometries, `${at}.geometries`, 'an array of geometries').map(
          (x, i) => checkGeometry(x, `${at}.geometries[${i}]`, geographic, repair, depth + 1),
        ),
      };
    default:
      throw new GeoError('invalid-geometry', `${at}.type`, (geom as { type?: unknown }).type, 'a GeoJSON geometry type');
  }
}

function list(v: unknown, at: string, expected: string): unknown[] {
  if (!Array.isArray(v)) throw new GeoError('invalid-geometry', at, v, expected);
  return v;
}

function checkRings(v: unknown, at: string, geographic: boolean, repair: boolean): Position[][] {
  return list(v, at, 'an array of linear rings').map((r, i) => {
    const where = `${at}[${i}]`;
    const ring = list(r, where, 'a linear ring (an array of positions)') as Position[];
    ring.forEach((p, j) => {
      checkPosition(p, `${where}[${j}]`, geographic);
    });
    const first = ring[0];
    const last = ring[ring.length - 1];
    let out = ring;
    if (first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) {
      if (!repair)
        throw new GeoError(
          'invalid-geometry',
          where,
          `${ring.length} positions`,
          'a closed ring (first position = last)',
          `${where} must be a closed ring (first position = last); pass repair: true to close it`,
        );
      out = [...ring, [...first]];
    }
    if (out.length < 4)
      throw new GeoError('invalid-geometry', where, `${out.length} positions`, 'a ring of at least 4 positions');
    return out;
  });
}

function checkPosition(p: unknown, at: string, geographic: boolean): void {
  if (!Array.isArray(p) || p.length < 2) throw new GeoError('invalid-geometry', at, p, 'a position [x, y]');
  if (!p.every((x) => typeof x === 'number' && Number.isFinite(x)))
    throw new GeoError('invalid-geometry', at, p, 'finite numbers');
  if (geographic) {
    const [lon, lat] = p as [number, number];
    // 1e-9 of room for a rounding, as every check of the package (Natural Earth has 180.00000000000006).
    if (lon < -LON_LIMIT || lon > LON_LIMIT || lat < -LAT_LIMIT || lat > LAT_LIMIT) {
      throw new GeoError(
        'out-of-range',
        at,
        p,
        '[lon, lat] within [−180, 180] × [−90, 90]',
        `${at} must be [lon, lat] within [−180, 180] × [−90, 90], got [${p.join(', ')}]${Math.abs(lon) <= 90 && Math.abs(lat) <= 180 ? ' (latitude and longitude swapped?)' : ''}`,
      );
    }
  }
}
