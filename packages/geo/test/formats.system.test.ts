// FlatGeobuf and Shapefile against GDAL (Debian gdal-bin, installed by .ci/run): files written
// here are read by ogrinfo/ogr2ogr with the same features, properties and CRS and no warning, and
// FlatGeobuf written by ogr2ogr from seeded random data reads back equal here.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Feature,
  type GeoCollection,
  type Geometry,
  type Position,
  readFlatGeobuf,
  writeFlatGeobuf,
  writeShapefile,
} from '../src/index.js';
import { cities, countries, nybb } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'geo-gdal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ogr2ogr's GeoJSON of a file (17 decimals and significant digits: the doubles as written), and its stderr. */
function gdalRead(file: string): { collection: GeoCollection; stderr: string } {
  const r = spawnSync(
    'ogr2ogr',
    [
      '-f',
      'GeoJSON',
      '-lco',
      'RFC7946=NO',
      '-lco',
      'COORDINATE_PRECISION=17',
      '-lco',
      'SIGNIFICANT_FIGURES=17',
      '/vsistdout/',
      file,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return { collection: JSON.parse(r.stdout), stderr: r.stderr };
}
function gdalInfo(file: string): { stdout: string; stderr: string } {
  const r = spawnSync('ogrinfo', ['-so', '-al', file], { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr };
}

// Ring orientation and winding differ by format (shapefile shells are clockwise): compare rings
// turned one way.
const ccw = (ring: Position[]) => {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s +=
      (((ring[j] as number[])[0] as number) - ((ring[i] as number[])[0] as number)) *
      (((ring[j] as number[])[1] as number) + ((ring[i] as number[])[1] as number));
  return s > 0 ? ring : [...ring].reverse();
};
// GDAL's text output trims digits that look like rounding noise (1.6832500000000001 → 1.68325)
// whatever precision is asked for: coordinates are compared to 15 significant digits.
const round = (c: unknown): unknown => (Array.isArray(c) ? c.map(round) : typeof c === 'number' ? Number(c.toPrecision(15)) : c);
function normal(g: Geometry | null): Geometry | null {
  if (g?.type === 'Polygon') return { type: 'Polygon', coordinates: round(g.coordinates.map(ccw)) as Position[][] };
  if (g?.type === 'MultiPolygon')
    return { type: 'MultiPolygon', coordinates: round(g.coordinates.map((p) => p.map(ccw))) as Position[][][] };
  return g === null ? null : ({ ...g, coordinates: round((g as { coordinates: unknown }).coordinates) } as Geometry);
}
const key = (f: Feature) => JSON.stringify(f.properties);
const sorted = (fs: Feature[]) =>
  [...fs].sort((a, b) => key(a).localeCompare(key(b))).map((f) => ({ properties: f.properties, geometry: normal(f.geometry) }));

// Each case runs GDAL twice and compares every vertex (the boroughs have 200,000): seconds on
// the shared machine, hence the budget.
const budget = { timeout: 30_000 };
const layers: [string, GeoCollection, string][] = [
  ['countries', countries, 'ID["EPSG",4326]'],
  ['cities', cities, 'ID["EPSG",4326]'],
  ['nybb', nybb, 'ID["EPSG",2263]'],
];

describe('GDAL reads the FlatGeobuf written here', () => {
  for (const [name, collection, crs] of layers) {
    it(`${name}: same features, properties and CRS, no warning`, budget, async () => {
      const file = join(dir, `${name}.fgb`);
      writeFileSync(file, await writeFlatGeobuf(collection));
      const info = gdalInfo(file);
      expect(info.stderr).toBe('');
      expect(info.stdout).toContain(`Feature Count: ${collection.features.length}`);
      expect(info.stdout).toContain(crs);
      const { collection: back, stderr } = gdalRead(file);
      expect(stderr).toBe('');
      expect(sorted(back.features)).toEqual(sorted(collection.features));
    });
  }
});

describe('GDAL reads the shapefiles written here', () => {
  for (const [name, collection, crs] of layers) {
    it(`${name}: same features, properties and CRS, no warning`, budget, async () => {
      const parts = await writeShapefile(collection);
      for (const [ext, bytes] of Object.entries(parts)) writeFileSync(join(dir, `${name}.${ext}`), bytes);
      const file = join(dir, `${name}.shp`);
      const info = gdalInfo(file);
      expect(info.stderr).toBe('');
      expect(info.stdout).toContain(`Feature Count: ${collection.features.length}`);
      expect(info.stdout).toContain(crs);
      const { collection: back, stderr } = gdalRead(file);
      expect(stderr).toBe('');
      expect(sorted(back.features)).toEqual(sorted(collection.features));
    });
  }
});

describe('readFlatGeobuf reads what ogr2ogr writes from seeded random data', () => {
  it('points, lines and polygons with integer, real, text and boolean fields, whole and by bbox', () => {
    const coordinate = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }));
    const feature = fc.record({
      geometry: fc.oneof(
        coordinate.map(([x, y]) => ({ type: 'Point', coordinates: [x, y] })),
        fc.array(coordinate, { minLength: 2, maxLength: 6 }).map((cs) => ({ type: 'LineString', coordinates: cs })),
        coordinate.map(([x, y]) => ({
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + 1, y],
              [x + 1, y + 1],
              [x, y],
            ],
          ],
        })),
      ),
      properties: fc.record({
        n: fc.integer({ min: -1e6, max: 1e6 }),
        x: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        s: fc.string({ maxLength: 12 }),
        b: fc.boolean(),
      }),
    });
    const samples = fc.sample(fc.array(feature, { minLength: 1, maxLength: 200 }), { seed: 17, numRuns: 4 });
    for (const [k, features] of samples.entries()) {
      const input = { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) } as GeoCollection;
      const src = join(dir, `random-${k}.geojson`);
      const out = join(dir, `random-${k}.fgb`);
      writeFileSync(src, JSON.stringify(input));
      execFileSync('ogr2ogr', ['-f', 'FlatGeobuf', '-nlt', 'GEOMETRY', out, src]);
      const bytes = new Uint8Array(readFileSync(out));
      return readFlatGeobuf(bytes).then(async (back) => {
        expect(sorted(back.features)).toEqual(sorted(input.features));
        const box = await readFlatGeobuf(bytes, { bbox: [-20, -20, 40, 40] });
        expect(box.features.length).toBeLessThanOrEqual(back.features.length);
      });
    }
  });
});
