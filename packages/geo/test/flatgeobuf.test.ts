import { readFileSync } from 'node:fs';
import { rejectionOf as rejectionOfClass } from '@ds/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bboxOfGeometry, intersects } from '../src/formats/shared.js';
import { type GeoCollection, GeoError, readFlatGeobuf, writeFlatGeobuf } from '../src/index.js';
import { countries, fixtures, nybb } from './load.js';

const reference = JSON.parse(readFileSync(new URL('./reference/flatgeobuf-read.json', import.meta.url), 'utf8'));
const fgb = (name: string) => new Uint8Array(readFileSync(`${fixtures}flatgeobuf/${name}.fgb`));

const rejection = (p: Promise<unknown>): Promise<GeoError> => rejectionOfClass(p, GeoError);
const byName = (c: GeoCollection) =>
  [...c.features].sort((a, b) => String(a.properties?.name).localeCompare(String(b.properties?.name)));

describe('readFlatGeobuf reads files written by GDAL (ogr2ogr) as GeoPandas reads them', () => {
  for (const name of ['naturalearth_lowres', 'naturalearth_cities']) {
    it(`${name}.fgb: every feature, property and coordinate, in the file's order, and the CRS`, async () => {
      const c = await readFlatGeobuf(fgb(name));
      const ref = reference.files[name];
      expect(c.crs).toBe(ref.crs);
      expect(c.features).toHaveLength(ref.features.length);
      c.features.forEach((f, i) => {
        expect(f.properties).toEqual(ref.features[i].properties);
        expect(f.geometry).toEqual(ref.features[i].geometry);
      });
    });
  }

  it('a bbox read through the R-tree returns the features whose bbox meets it, and only those', async () => {
    const whole = await readFlatGeobuf(fgb('naturalearth_lowres'));
    const boxes = fc.sample(
      fc.tuple(
        fc.double({ min: -180, max: 170, noNaN: true }),
        fc.double({ min: -90, max: 80, noNaN: true }),
        fc.double({ min: 0.1, max: 60, noNaN: true }),
      ),
      { seed: 17, numRuns: 25 },
    );
    for (const [x, y, size] of boxes) {
      const bbox: [number, number, number, number] = [x, y, x + size, y + size / 2];
      const got = await readFlatGeobuf(fgb('naturalearth_lowres'), { bbox });
      const want = whole.features.filter((f) => f.geometry && intersects(bboxOfGeometry(f.geometry), bbox));
      expect(byName(got)).toEqual(byName({ ...whole, features: want }));
    }
  });
});

describe('writeFlatGeobuf → readFlatGeobuf', () => {
  it('gives back the Natural Earth countries (in Hilbert order, as GDAL stores them) with CRS', async () => {
    const back = await readFlatGeobuf(await writeFlatGeobuf(countries));
    expect(back.crs).toBe('EPSG:4326');
    expect(byName(back)).toEqual(byName(countries));
  });

  it('keeps the order without an index, and a projected CRS (NYC boroughs, EPSG:2263)', async () => {
    const back = await readFlatGeobuf(await writeFlatGeobuf(nybb, { index: false }));
    expect(back.crs).toBe('EPSG:2263');
    expect(back.features).toEqual(nybb.features);
  });

  it('its R-tree answers bbox reads exactly (seeded random points and boxes)', async () => {
    const pts = fc.sample(
      fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })),
      { seed: 7, numRuns: 3000 },
    );
    const bytes = await writeFlatGeobuf({
      type: 'FeatureCollection',
      features: pts.map(([x, y], i) => ({
        type: 'Feature',
        properties: { i },
        geometry: { type: 'Point', coordinates: [x, y] },
      })),
    });
    for (const [x, y] of fc.sample(
      fc.tuple(fc.double({ min: -180, max: 150, noNaN: true }), fc.double({ min: -90, max: 60, noNaN: true })),
      { seed: 8, numRuns: 12 },
    )) {
      const bbox: [number, number, number, number] = [x, y, x + 30, y + 30];
      const got = (await readFlatGeobuf(bytes, { bbox })).features.map((f) => f.properties?.i as number).sort((a, b) => a - b);
      const want = pts.flatMap(([px, py], i) => (px >= bbox[0] && px <= bbox[2] && py >= bbox[1] && py <= bbox[3] ? [i] : []));
      expect(got).toEqual(want);
    }
  });

  it('keeps null geometries, mixed types, Z, booleans, JSON and nulls', async () => {
    const c: GeoCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { a: 1, b: true, j: { k: [1] }, s: 'é', x: 0.5 },
          geometry: { type: 'Point', coordinates: [1, 2, 3] },
        },
        { type: 'Feature', properties: { a: null, b: false, j: null, s: null, x: null }, geometry: null },
        {
          type: 'Feature',
          properties: { a: 7 },
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0, 0],
              [1, 1, 1],
            ],
          },
        },
      ],
    };
    const back = await readFlatGeobuf(await writeFlatGeobuf(c));
    expect(back.features[0]).toEqual(c.features[0]);
    expect(back.features[1]?.geometry).toBeNull();
    expect(back.features[2]?.properties).toEqual({ a: 7, b: null, j: null, s: null, x: null });
    expect(back.features[2]?.geometry).toEqual(c.features[2]?.geometry);
  });
});

describe('bad input is a typed GeoError, nothing half-read', () => {
  it('refuses files truncated anywhere, and bytes that are not FlatGeobuf', async () => {
    const bytes = fgb('naturalearth_cities');
    for (const n of [0, 5, 11, 40, 400, bytes.length >> 1, bytes.length - 1]) {
      const e = await rejection(readFlatGeobuf(bytes.subarray(0, n)));
      expect(e.code).toBe('invalid-file');
    }
    expect((await rejection(readFlatGeobuf(new TextEncoder().encode('{"type":"FeatureCollection"}')))).message).toMatch(
      /magic bytes/,
    );
  });

  it('refuses a bbox read of a file without index, and bad options', async () => {
    const bytes = await writeFlatGeobuf(countries, { index: false });
    expect((await rejection(readFlatGeobuf(bytes, { bbox: [0, 0, 1, 1] }))).message).toMatch(/no spatial index/);
    expect((await rejection(readFlatGeobuf(bytes, { bbox: [0, 0, 1] as never }))).argument).toBe('bbox');
    expect((await rejection(readFlatGeobuf(bytes, null as never))).argument).toBe('options');
    expect(
      (
        await rejection(
          writeFlatGeobuf({
            type: 'FeatureCollection',
            features: [
              { type: 'Feature', properties: { v: 1 }, geometry: null },
              { type: 'Feature', properties: { v: 'x' }, geometry: null },
            ],
          }),
        )
      ).message,
    ).toMatch(/property 'v' holds a number/);
    expect(
      (
        await rejection(
          writeFlatGeobuf({
            type: 'FeatureCollection',
            features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [Number.NaN, 0] } }],
          }),
        )
      ).code,
    ).toBe('invalid-geometry');
    expect((await rejection(writeFlatGeobuf([] as never))).argument).toBe('collection');
  });
});
