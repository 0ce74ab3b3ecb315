import { GeoError } from '../errors.js';
import type { GeoCollection, Geometry, Position } from '../geojson.js';
import { checkCollectionInput } from '../input.js';

/** Refuses anything but a FeatureCollection-like object with a `features` array. */
export function checkCollection(c: unknown, argument: string): asserts c is GeoCollection {
  if (c === null || typeof c !== 'object' || !Array.isArray((c as GeoCollection).features)) {
    throw new GeoError(
      'invalid-type',
      argument,
      c,
      'a FeatureCollection ({ type: "FeatureCollection", features: [...] })',
      `${argument} must be a FeatureCollection ({ type: "FeatureCollection", features: [...] }), got ${describe(c)}`,
    );
  }
  checkCollectionInput(c, argument);
}

/** Refuses an options argument that is not a plain object (undefined is taken as `{}` by defaults). */
export function checkOptions(options: unknown, argument: string): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new GeoError(
      'invalid-type',
      argument,
      options,
      'an options object',
      `${argument} must be an options object, got ${describe(options)}`,
    );
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`;
  return typeof v === 'object' ? `an object without a features array` : `${typeof v} ${String(v)}`;
}

/**
 * Walks every geometry of a collection and refuses what no engine can work on: non-finite
 * coordinates, lines of fewer than 2 positions, rings that are unclosed or shorter than 4
 * positions, empty parts. The error names the feature and the position
 * (`a.features[3].geometry.coordinates[0][5]`).
 */
export function checkGeometries(c: GeoCollection, argument: string): void {
  c.features.forEach((f, i) => {
    if (f.geometry !== null) checkGeometry(f.geometry, `${argument}.features[${i}].geometry`);
  });
}

const EMPTY = 'a non-empty geometry (a feature without a geometry has geometry: null)';

export function checkGeometry(g: Geometry, at: string): void {
  const pos = (p: Position, where: string) => {
    if (!Array.isArray(p) || p.length < 2) throw new GeoError('invalid-geometry', where, p, 'a position [x, y]');
    const x = p[0];
    const y = p[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
      throw new GeoError('invalid-geometry', where, p, 'a position of finite numbers [x, y]');
  };
  const line = (l: Position[], where: string, ring: boolean) => {
    if (!Array.isArray(l) || l.length === 0) throw new GeoError('invalid-geometry', where, l, EMPTY);
    l.forEach((p, k) => {
      pos(p, `${where}[${k}]`);
    });
    if (!ring && l.length < 2)
      throw new GeoError('invalid-geometry', where, `${l.length} position`, 'a line of at least 2 positions');
    if (ring) {
      const a = l[0] as Position;
      const b = l[l.length - 1] as Position;
      if (a[0] !== b[0] || a[1] !== b[1])
        throw new GeoError(
          'invalid-geometry',
          where,
          `${l.length} positions`,
          'a closed ring (first position = last)',
          `${where} must be a closed ring (first position = last); readGeoJSON(…, { repair: true }) closes it`,
        );
      if (l.length < 4) throw new GeoError('invalid-geometry', where, `${l.length} positions`, 'a ring of at least 4 positions');
    }
  };
  const list = <T>(v: T[], where: string): T[] => {
    if (!Array.isArray(v) || v.length === 0) throw new GeoError('invalid-geometry', where, v, EMPTY);
    return v;
  };
  if (g === null || typeof g !== 'object') throw new GeoError('invalid-geometry', at, g, 'a GeoJSON geometry');
  const w = `${at}.coordinates`;
  switch (g.type) {
    case 'Point':
      if (Array.isArray(g.coordinates) && g.coordinates.length === 0) throw new GeoError('invalid-geometry', w, [], EMPTY);
      pos(g.coordinates, w);
      return;
    case 'MultiPoint':
      list(g.coordinates, w).forEach((p, k) => {
        pos(p, `${w}[${k}]`);
      });
      return;
    case 'LineString':
      line(g.coordinates, w, false);
      return;
    case 'MultiLineString':
      list(g.coordinates, w).forEach((l, k) => {
        line(l, `${w}[${k}]`, false);
      });
      return;
    case 'Polygon':
      list(g.coordinates, w).forEach((r, k) => {
        line(r, `${w}[${k}]`, true);
      });
      return;
    case 'MultiPolygon':
      list(g.coordinates, w).forEach((p, m) => {
        list(p, `${w}[${m}]`).forEach((r, k) => {
          line(r, `${w}[${m}][${k}]`, true);
        });
      });
      return;
    case 'GeometryCollection':
      list(g.geometries, `${at}.geometries`).forEach((x, k) => {
        checkGeometry(x, `${at}.geometries[${k}]`);
      });
      return;
    default:
      throw new GeoError('invalid-geometry', `${at}.type`, (g as { type?: unknown }).type, 'a GeoJSON geometry type');
  }
}
