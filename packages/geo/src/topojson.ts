import { intersect } from '@turf/turf';
import { feature as topoFeature } from 'topojson-client';
import { checkOptions, isPlainObject, optionalBoolean } from './check.js';
import { GeoError } from './errors.js';
import type { Feature, GeoCollection, Geometry, Position } from './geojson.js';
import { eachPosition } from './geometry/positions.js';
import { checkGeometryInput } from './input.js';

/** Options of {@link fromTopoJSON}. */
export interface FromTopoJSONOptions {
  /** Split polygons and lines that cross the antimeridian at ±180° (default true). */
  splitAntimeridian?: boolean;
}

/**
 * Converts one object of a TopoJSON topology to a collection (topojson-client's `feature`), then
 * splits every polygon and line that crosses the antimeridian into parts on either side of ±180°
 * (world-atlas stores Fiji and Chukotka as rings that jump from 180° to −180°, which would
 * otherwise wrap around the globe and break areas, joins and maps). A ring around a pole
 * (Antarctica) is closed along the pole before the split. The TopoJSON `id` becomes the feature
 * `id`.
 *
 * @throws {GeoError} for a topology without the named object
 * @deprecated since 0.x: use {@link readTopoJSON}, the same function under the `read*` name every
 *   reader has.
 *
 * @example
 * import { fromTopoJSON, area } from '@ds/geo';
 * const topology = {
 *   type: 'Topology',
 *   objects: { island: { type: 'Polygon', arcs: [[0]], properties: { name: 'Taveuni-like' } } },
 *   arcs: [[[179, -17], [-179, -17], [-179, -16], [179, -16], [179, -17]]],
 * };
 * const island = fromTopoJSON(topology, 'island').features[0];
 * island.geometry.type; // => 'MultiPolygon'
 * Math.round(area(island) / 1e6); // => 23630
 */
export function fromTopoJSON(topology: unknown, objectName: string, options: FromTopoJSONOptions = {}): GeoCollection {
  const o = checkOptions<FromTopoJSONOptions>('options', options);
  const split = optionalBoolean('splitAntimeridian', o.splitAntimeridian, true);
  const t = topology as { type?: unknown; objects?: unknown; arcs?: unknown };
  if (!isPlainObject(t) || t.type !== 'Topology') {
    throw new GeoError('invalid-type', 'topology', topology, "a TopoJSON Topology ({ type: 'Topology', objects, arcs })");
  }
  if (!isPlainObject(t.objects)) throw new GeoError('invalid-type', 'topology.objects', t.objects, 'an object of named objects');
  if (t.arcs !== undefined && !Array.isArray(t.arcs))
    throw new GeoError('invalid-type', 'topology.arcs', t.arcs, 'an array of arcs');
  const objects = t.objects;
  if (typeof objectName !== 'string' || !Object.hasOwn(objects, objectName)) {
    throw new GeoError(
      typeof objectName === 'string' ? 'out-of-range' : 'invalid-type',
      'objectName',
      objectName,
      `one of the topology's objects (${Object.keys(objects).slice(0, 20).join(', ')})`,
    );
  }
  const object = objects[objectName];
  const at = `topology.objects.${objectName}`;
  if (!isPlainObject(object) || typeof object.type !== 'string')
    throw new GeoError('invalid-type', at, object, 'a TopoJSON geometry object');
  let converted: { type: string; features?: Feature[] };
  try {
    // biome-ignore lint/suspicious/noExplicitAny: topojson-client's typings need its own Topology type
    converted = topoFeature(topology as any, object as any) as unknown as { type: string; features?: Feature[] };
  } catch (error) {
    throw new GeoError('invalid-file', at, object, `an object topojson-client can decode (${describeError(error)})`, undefined, {
      cause: error,
    });
  }
  const features: Feature[] =
    converted.type === 'FeatureCollection' ? (converted.features as Feature[]) : [converted as unknown as Feature];
  return {
    type: 'FeatureCollection',
    crs: 'EPSG:4326',
    features: features.map((f, i) => {
      const where = features.length === 1 && converted.type !== 'FeatureCollection' ? at : `${at}.geometries[${i}]`;
      const properties = f.properties ?? {};
      if (!isPlainObject(properties)) throw new GeoError('invalid-type', `${where}.properties`, properties, 'an object or null');
      if (f.geometry !== null) {
        try {
          checkGeometryInput(f.geometry, 'geometry');
          if (split) checkLonLat(f.geometry);
        } catch (error) {
          if (!(error instanceof GeoError)) throw error;
          throw new GeoError(
            error.code,
            where,
            f.geometry,
            `a geometry that decodes to valid GeoJSON (${error.message})`,
            undefined,
            {
              cause: error,
            },
          );
        }
      }
      return {
        type: 'Feature',
        ...(f.id !== undefined ? { id: f.id } : {}),
        properties,
        geometry: f.geometry === null || !split ? f.geometry : split180(f.geometry),
      };
    }),
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'it failed';
}

/** Longitudes and latitudes within [−180, 180] × [−90, 90], as a split at the antimeridian needs. */
/** Longitude and latitude limits, with room for a rounding (Natural Earth has 180.00000000000006). */
const LON_LIMIT = 180 + 1e-9;
const LAT_LIMIT = 90 + 1e-9;

function checkLonLat(geometry: Geometry): void {
  eachPosition(geometry, (p) => {
    const lon = p[0] as number;
    const lat = p[1] as number;
    if (!(lon >= -LON_LIMIT && lon <= LON_LIMIT && lat >= -LAT_LIMIT && lat <= LAT_LIMIT))
      throw new GeoError('out-of-range', 'geometry', p, '[lon, lat] within [−180, 180] × [−90, 90]');
  });
}

/**
 * Reads one object of a TopoJSON topology into a collection, splitting what crosses the
 * antimeridian (see {@link fromTopoJSON}, its former name, kept as a deprecated alias).
 *
 * @example
 * import { readTopoJSON } from '@ds/geo';
 * const topology = { type: 'Topology', objects: { dot: { type: 'Point', coordinates: [2.35, 48.86] } }, arcs: [] };
 * readTopoJSON(topology, 'dot').features[0].geometry; // => { type: 'Point', coordinates: [2.35, 48.86] }
 */
export const readTopoJSON: typeof fromTopoJSON = (topology, objectName, options) => fromTopoJSON(topology, objectName, options);

/**
 * Splits a geometry in longitude/latitude whose rings or lines jump across the antimeridian
 * (consecutive longitudes more than 180° apart) into parts within [−180°, 180°].
 *
 * @example
 * import { splitAntimeridian } from '@ds/geo';
 * splitAntimeridian({ type: 'LineString', coordinates: [[170, 0], [-170, 10]] }).coordinates; // => [[[170, 0], [180, 5]], [[-180, 5], [-170, 10]]]
 */
export function splitAntimeridian(geometry: Geometry): Geometry {
  checkGeometryInput(geometry, 'geometry');
  checkLonLat(geometry);
  return split180(geometry);
}

function split180(geometry: Geometry): Geometry {
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      if (!polys.some((p) => p.some(crosses))) return geometry;
      const out = polys.flatMap(splitPolygon);
      return out.length === 1
        ? { type: 'Polygon', coordinates: out[0] as Position[][] }
        : { type: 'MultiPolygon', coordinates: out };
    }
    case 'LineString':
    case 'MultiLineString': {
      const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
      if (!lines.some(crosses)) return geometry;
      const out = lines.flatMap(splitLine);
      return out.length === 1
        ? { type: 'LineString', coordinates: out[0] as Position[] }
        : { type: 'MultiLineString', coordinates: out };
    }
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map(split180) };
    default:
      return geometry;
  }
}

function crosses(line: Position[]): boolean {
  for (let i = 1; i < line.length; i++) if (Math.abs((line[i]![0] as number) - (line[i - 1]![0] as number)) > 180) return true;
  return false;
}

/** Longitudes made continuous (no jump over 180°) by adding multiples of 360°. */
function unwrap(ring: Position[]): Position[] {
  let offset = 0;
  return ring.map((p, i) => {
    if (i > 0) {
      const d = (p[0] as number) - (ring[i - 1]![0] as number);
      if (d > 180) offset -= 360;
      else if (d < -180) offset += 360;
    }
    return [(p[0] as number) + offset, p[1] as number];
  });
}

function splitPolygon(rings: Position[][]): Position[][][] {
  if (!rings.some(crosses)) return [rings];
  let shell = unwrap(rings[0] as Position[]);
  const first = shell[0] as Position;
  const last = shell[shell.length - 1] as Position;
  const drift = (last[0] as number) - (first[0] as number);
  if (Math.abs(drift) > 180) {
    // The ring goes round a pole: close it along the pole's latitude.
    const pole = shell.reduce((s, p) => s + (p[1] as number), 0) < 0 ? -90 : 90;
    shell = [...shell, [last[0] as number, pole], [first[0] as number, pole], [first[0] as number, first[1] as number]];
  }
  const minLon = Math.min(...shell.map((p) => p[0] as number));
  const holes = rings.slice(1).map((h) => {
    const u = unwrap(h);
    const shift = (u[0]![0] as number) < minLon ? 360 : 0;
    return u.map((p) => [(p[0] as number) + shift, p[1] as number]);
  });
  const polygon = {
    type: 'Feature' as const,
    properties: {},
    geometry: { type: 'Polygon' as const, coordinates: [shell, ...holes] },
  };
  const parts: Position[][][] = [];
  for (const k of [-1, 0, 1]) {
    const west = -180 + 360 * k;
    const east = 180 + 360 * k;
    const box = {
      type: 'Feature' as const,
      properties: {},
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [west, -90],
            [east, -90],
            [east, 90],
            [west, 90],
            [west, -90],
          ],
        ],
      },
    };
    // biome-ignore lint/suspicious/noExplicitAny: Turf's typings want its own GeoJSON types
    const piece = intersect({ type: 'FeatureCollection', features: [polygon, box] } as any);
    if (piece === null) continue;
    const g = piece.geometry as Geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const p of polys) parts.push(p.map((r) => r.map((q) => [(q[0] as number) - 360 * k, q[1] as number])));
  }
  return parts;
}

function splitLine(line: Position[]): Position[][] {
  const out: Position[][] = [];
  let current: Position[] = [line[0] as Position];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as Position;
    const b = line[i] as Position;
    const ax = a[0] as number;
    const bx = b[0] as number;
    if (Math.abs(bx - ax) > 180) {
      const edge = ax > 0 ? 180 : -180;
      const bUnwrapped = bx + (ax > 0 ? 360 : -360);
      const t = (edge - ax) / (bUnwrapped - ax);
      const y = (a[1] as number) + t * ((b[1] as number) - (a[1] as number));
      current.push([edge, y]);
      out.push(current);
      current = [[-edge, y]];
    }
    current.push(b);
  }
  out.push(current);
  return out;
}
