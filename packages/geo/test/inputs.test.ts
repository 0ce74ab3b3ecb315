// The answers the fuzz tables (test/fuzz.test.ts) led to, one test each, so each stays as it is.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Geometry } from '../src/geojson.js';
import { checkGeometry } from '../src/geometry/check.js';
import {
  area,
  buffer,
  crsDefinition,
  type GeoCollection,
  GeoError,
  length,
  normaliseCrs,
  pointsFromCsv,
  readShapefile,
  startGeometryEngine,
  svgMap,
  totalBounds,
  validateGeoJSON,
  writeShapefile,
} from '../src/index.js';
import { checkGeometryInput, MAX_GEOMETRY_DEPTH } from '../src/input.js';
import { fromPostgres } from '../src/node.js';
import { deepCollection } from './fuzz-inputs.js';

/** What `fn` threw (the test fails when it throws nothing). */
function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

beforeAll(async () => {
  await startGeometryEngine();
}, 60_000);

const fc = (geometry: unknown, properties: Record<string, unknown> = {}, crs?: string) =>
  ({
    type: 'FeatureCollection',
    ...(crs ? { crs } : {}),
    features: [{ type: 'Feature', properties, geometry }],
  }) as GeoCollection;

describe('the input check every collection goes through', () => {
  it('refuses GeometryCollections nested past the cap without overflowing the stack', () => {
    const e = errorOf(() => totalBounds(fc(deepCollection(50_000))));
    expect(e).toBeInstanceOf(GeoError);
    expect((e as GeoError).code).toBe('too-large');
    expect((e as GeoError).message).toContain(`nested at most ${MAX_GEOMETRY_DEPTH} deep`);
    expect(totalBounds(fc(deepCollection(MAX_GEOMETRY_DEPTH)))).toEqual([0, 0, 0, 0]);
  });

  it('names the position that is NaN, and a feature without its type', () => {
    const e = errorOf(() =>
      totalBounds(
        fc({
          type: 'LineString',
          coordinates: [
            [0, 0],
            [Number.NaN, 1],
          ],
        }),
      ),
    ) as GeoError;
    expect([e.code, e.argument]).toEqual(['invalid-geometry', 'collection.features[0].geometry.coordinates[1]']);
    const untyped = { type: 'FeatureCollection', features: [{ properties: {}, geometry: null }] };
    expect((errorOf(() => totalBounds(untyped as never)) as GeoError).argument).toBe('collection.features[0]');
  });

  it('refuses longitudes past ±180 in a geographic collection, with room for a rounding', () => {
    const e = errorOf(() => totalBounds(fc({ type: 'Point', coordinates: [181, 0] }))) as GeoError;
    expect(e.code).toBe('out-of-range');
    expect(totalBounds(fc({ type: 'Point', coordinates: [180.00000000000006, 0] }))).toEqual([
      180.00000000000006, 0, 180.00000000000006, 0,
    ]);
    // A projected collection has no such limit.
    expect(totalBounds(fc({ type: 'Point', coordinates: [970217, 145643] }, {}, 'EPSG:2263'))).toEqual([
      970217, 145643, 970217, 145643,
    ]);
  });

  it('refuses a crs that is not a string or names nothing known, naming it', () => {
    expect((errorOf(() => crsDefinition(5 as never)) as GeoError).code).toBe('invalid-type');
    expect((errorOf(() => normaliseCrs({} as never)) as GeoError).argument).toBe('crs');
    const e = errorOf(() => totalBounds(fc({ type: 'Point', coordinates: [0, 0] }, {}, '+proj=nonsense'))) as GeoError;
    expect([e.code, e.argument]).toEqual(['unknown-crs', 'collection.crs']);
  });

  it('refuses a collection without any geometry in totalBounds instead of giving infinities', () => {
    expect((errorOf(() => totalBounds({ type: 'FeatureCollection', features: [] })) as GeoError).code).toBe('invalid-geometry');
  });
});

describe('what the fuzz found', () => {
  it('buffers around Fiji into valid GeoJSON (longitudes past −180° wrapped and split)', () => {
    const zone = buffer(fc({ type: 'Point', coordinates: [179.9, -17.8] }), 50_000);
    expect(() => validateGeoJSON(zone)).not.toThrow();
    expect(zone.features[0]?.geometry?.type).toBe('MultiPolygon');
    // π · 50 km² within 1% (the 32-gon and the split lose a little).
    expect(area(zone.features[0] as never) / (Math.PI * 50_000 ** 2)).toBeCloseTo(1, 1);
    expect((errorOf(() => buffer(fc({ type: 'Point', coordinates: [0, 0] }), 2e7)) as GeoError).code).toBe('out-of-range');
  });

  it('draws a map of a single point (a small box fitted) instead of writing NaN', () => {
    const svg = svgMap({ layers: [{ type: 'circles', name: 'One', data: fc({ type: 'Point', coordinates: [2.35, 48.86] }) }] });
    expect(svg).not.toMatch(/NaN/);
    // In the middle of the 960 × 500 drawing.
    const [, cx, cy] = /<circle cx="([\d.]+)" cy="([\d.]+)"/.exec(svg) ?? [];
    expect(Math.abs(Number(cx) - 480)).toBeLessThan(1);
    expect(Math.abs(Number(cy) - 250)).toBeLessThan(1);
    // Looked at as a PNG when written (a dot in the middle of a white page).
    writeFileSync(join(tmpdir(), 'ds-geo-single-point.svg'), svg);
  });

  it('reads a choropleth property as an own property: constructor is not Object.prototype’s', () => {
    const data = fc({ type: 'Point', coordinates: [0, 0] }, { n: 1 });
    const e = errorOf(() => svgMap({ layers: [{ type: 'choropleth', name: 'x', data, property: 'constructor' }] })) as GeoError;
    expect([e.code, e.argument]).toEqual(['out-of-range', 'layers[0].property']);
  });

  it('keeps a CSV column named __proto__ as data', () => {
    const points = pointsFromCsv('__proto__,lat,lon\nhello,1,2', { lat: 'lat', lon: 'lon' });
    const properties = points.features[0]?.properties as Record<string, unknown>;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toBe('hello');
  });

  it('measures nothing with coordinates out of range: length and area refuse them', () => {
    const far = {
      type: 'LineString' as const,
      coordinates: [
        [0, 0],
        [1e308, 0],
      ],
    };
    expect((errorOf(() => length(far)) as GeoError).code).toBe('out-of-range');
    expect(length(far, { crs: 'EPSG:3857' })).toBe(1e308);
    expect(
      (
        errorOf(() =>
          length(
            {
              type: 'LineString',
              coordinates: [
                [0, 0],
                [1.7e308, 0],
                [-1.7e308, 0],
              ],
            },
            { crs: 'EPSG:3857' },
          ),
        ) as GeoError
      ).code,
    ).toBe('out-of-range');
  });

  it('refuses a .dbf claiming 4,294,967,295 records of 0 bytes at once, and reads a field named __proto__ as data', async () => {
    const parts = await writeShapefile(fc({ type: 'Point', coordinates: [1, 2] }, { n: 1 }));
    const dbf = parts.dbf.slice();
    new DataView(dbf.buffer).setUint32(4, 0xffffffff, true);
    new DataView(dbf.buffer).setUint16(10, 0, true);
    const e = (await readShapefile({ shp: parts.shp, dbf }).catch((x) => x)) as GeoError;
    expect([e.code, e.argument]).toEqual(['invalid-file', 'dbf']);
    const named = parts.dbf.slice();
    named.fill(0, 32, 43);
    named.set(new TextEncoder().encode('__proto__'), 32);
    const back = await readShapefile({ shp: parts.shp, dbf: named });
    const properties = back.features[0]?.properties as Record<string, unknown>;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toBe(1);
  });

  it('refuses a .prj nothing can read instead of carrying it as the CRS', async () => {
    const parts = await writeShapefile(fc({ type: 'Point', coordinates: [1, 2] }, { n: 1 }));
    const e = (await readShapefile({ shp: parts.shp, dbf: parts.dbf, prj: 'PROJCS[' }).catch((x) => x)) as GeoError;
    expect([e.code, e.argument]).toEqual(['unknown-crs', 'prj']);
    expect(e.cause).toBeInstanceOf(GeoError);
  });

  it('reads a query column named __proto__ as data (fromPostgres)', async () => {
    const row = JSON.parse('{"__proto__": "data", "geometry": "0101000020E6100000000000000000F03F0000000000000040"}');
    const client = { query: async () => ({ rows: [row], fields: [{ name: '__proto__' }, { name: 'geometry' }] }) };
    const back = await fromPostgres(client, 'SELECT 1');
    const properties = back.features[0]?.properties as Record<string, unknown>;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toBe('data');
    expect(back.crs).toBe('EPSG:4326');
  });
});

describe('the one geometry walker under its two rule sets (src/geometry/walk.ts)', () => {
  const fault = (fn: () => unknown) => {
    const e = errorOf(fn) as GeoError;
    expect(e).toBeInstanceOf(GeoError);
    return [e.argument, e.expected, e.value];
  };
  const ring3 = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
      ],
    ],
  };

  it('walks a 50,000-deep GeometryCollection under the engine rules without overflowing the stack', () => {
    const deep = deepCollection(50_000) as Geometry;
    expect(() => checkGeometry(deep, 'g')).not.toThrow();
    let bad: unknown = { type: 'MultiPoint', coordinates: [] };
    for (let i = 0; i < 50_000; i++) bad = { type: 'GeometryCollection', geometries: [bad] };
    const [argument, expected] = fault(() => checkGeometry(bad as Geometry, 'g'));
    expect(argument).toBe(`g${'.geometries[0]'.repeat(50_000)}.coordinates`);
    expect(expected).toMatch(/^a non-empty geometry/);
  });

  it('keeps each caller’s order and wording where the rule sets differ', () => {
    // A 3-position unclosed ring: user input names the length first, the engine the closure.
    expect(fault(() => checkGeometryInput(ring3, 'g'))).toEqual([
      'g.coordinates[0]',
      'a ring of at least 4 positions',
      '3 positions',
    ]);
    expect(fault(() => checkGeometry(ring3 as Geometry, 'g'))).toEqual([
      'g.coordinates[0]',
      'a closed ring (first position = last)',
      '3 positions',
    ]);
    // An empty MultiPoint is valid input, and nothing the engine can work on.
    const empty = { type: 'MultiPoint', coordinates: [] };
    expect(() => checkGeometryInput(empty, 'g')).not.toThrow();
    expect(fault(() => checkGeometry(empty as Geometry, 'g'))[1]).toMatch(/^a non-empty geometry/);
    // A third number must be finite in input; the engine reads x and y only.
    const z = { type: 'Point', coordinates: [0, 0, Number.NaN] };
    expect(fault(() => checkGeometryInput(z, 'g'))[1]).toBe('a position of finite numbers [x, y]');
    expect(() => checkGeometry(z as Geometry, 'g')).not.toThrow();
    // A type outside the seven, and an empty Point where the caller allows it.
    expect(fault(() => checkGeometryInput({ type: 'Circle' }, 'g'))[1]).toBe(
      'a GeoJSON geometry type (Point, …, GeometryCollection)',
    );
    expect(fault(() => checkGeometry({ type: 'Circle' } as never, 'g'))[1]).toBe('a GeoJSON geometry type');
    expect(() => checkGeometryInput({ type: 'Point', coordinates: [] }, 'g', false, true)).not.toThrow();
    expect(fault(() => checkGeometryInput({ type: 'Point', coordinates: [200, 0] }, 'g', true))[1]).toMatch(/^\[lon, lat\]/);
  });
});
