import { rejectionOf as rejectionOfClass } from '@ds/testkit';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type GeoCollection, GeoError, readShapefile, shapefileFieldNames, writeShapefile } from '../src/index.js';
import { cities, countries, nybb, shapefileParts } from './load.js';

const rejection = (p: Promise<unknown>): Promise<GeoError> => rejectionOfClass(p, GeoError);
const date = new Date(Date.UTC(2026, 11, 7));

describe('writeShapefile → readShapefile', () => {
  it('gives back the Natural Earth countries: rows, properties, rings and the CRS', async () => {
    const back = await readShapefile(await writeShapefile(countries, { date }));
    expect(back.crs).toBe('EPSG:4326');
    expect(back.features).toEqual(countries.features);
  });

  it('writes the same .shp and .shx bytes as GDAL wrote for the Natural Earth countries and cities', async () => {
    for (const [name, c] of [
      ['naturalearth_lowres', countries],
      ['naturalearth_cities', cities],
    ] as const) {
      const gdal = shapefileParts(name);
      const ours = await writeShapefile(c, { date });
      expect(Buffer.from(ours.shp).equals(Buffer.from(gdal.shp))).toBe(true);
    }
  });

  it('writes a projected CRS as ESRI WKT and one zip when asked (NYC boroughs, EPSG:2263)', async () => {
    // Two of the five boroughs (multipolygons with islands, 20% of the vertices): the whole file
    // took 6 s to write, read and compare on a loaded machine; the countries test above writes a
    // whole file.
    const two = {
      ...nybb,
      features: nybb.features.filter((f) => ['Staten Island', 'Manhattan'].includes(f.properties?.BoroName as string)),
    };
    expect(two.features).toHaveLength(2);
    const zip = await writeShapefile(two, { zip: true, name: 'boroughs' });
    expect(Object.keys(unzipSync(zip)).sort()).toEqual([
      'boroughs.cpg',
      'boroughs.dbf',
      'boroughs.prj',
      'boroughs.shp',
      'boroughs.shx',
    ]);
    const back = await readShapefile(zip);
    expect(back.crs).toBe('EPSG:2263');
    expect(back.features).toEqual(two.features);
  });

  it('keeps Z, nulls, booleans, dates and UTF-8 text; cuts names as GDAL does', async () => {
    const c: GeoCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 'a long name here': 1.25, ok: true, day: new Date(Date.UTC(2020, 1, 3)), s: 'Zürich 東京' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0, 5],
              [1, 1, 6],
            ],
          },
        },
        { type: 'Feature', properties: { 'a long name here': null, ok: null, day: null, s: null }, geometry: null },
      ],
    };
    const back = await readShapefile(await writeShapefile(c));
    expect(back.features[0]?.geometry).toEqual(c.features[0]?.geometry);
    expect(back.features[0]?.properties).toEqual({ 'a long nam': 1.25, ok: true, day: expect.anything(), s: 'Zürich 東京' });
    expect(back.features[1]?.geometry).toBeNull();
    // dBASE has no null for text: blank, read back as ''. Numbers, booleans and dates keep null.
    expect(back.features[1]?.properties).toEqual({ 'a long nam': null, ok: null, day: null, s: '' });
  });

  // The expected names are what ogr2ogr (GDAL 3.6.2) printed for the same properties.
  it('launders field names as GDAL does', () => {
    expect(shapefileFieldNames(['abcdefghijkl', 'abcdefghijxx', 'ABCDEFGHIJ', 'x'])).toEqual([
      'abcdefghij',
      'abcdefgh_1',
      'ABCDEFGH_2',
      'x',
    ]);
    const many = Array.from({ length: 12 }, (_, i) => `same_prefix_${i}`);
    expect(shapefileFieldNames(many).slice(9)).toEqual(['same_pre_9', 'same_pre10', 'same_pre11']);
  });
});

describe('bad input is a typed GeoError', () => {
  const point = (
    properties: Record<string, unknown>,
    geometry: GeoCollection['features'][number]['geometry'] = { type: 'Point', coordinates: [0, 0] },
  ) => ({ type: 'Feature', properties, geometry }) as const;

  it('refuses mixed geometry families, collections, long text, mixed types and unknown CRSs', async () => {
    const mixed = {
      type: 'FeatureCollection',
      features: [
        point({}),
        point(
          {},
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        ),
      ],
    } as GeoCollection;
    expect((await rejection(writeShapefile(mixed))).message).toMatch(/feature 1 is a LineString, the first was a Point/);
    const gc = {
      type: 'FeatureCollection',
      features: [point({}, { type: 'GeometryCollection', geometries: [] })],
    } as GeoCollection;
    expect((await rejection(writeShapefile(gc))).code).toBe('invalid-geometry');
    const long = { type: 'FeatureCollection', features: [point({ s: 'x'.repeat(255) })] } as GeoCollection;
    expect((await rejection(writeShapefile(long))).message).toMatch(/255 bytes of UTF-8/);
    const types = { type: 'FeatureCollection', features: [point({ v: 1 }), point({ v: true })] } as GeoCollection;
    expect((await rejection(writeShapefile(types))).message).toMatch(/property 'v' holds a number and, at feature 1, a boolean/);
    const crs = { type: 'FeatureCollection', crs: 'EPSG:9999', features: [point({})] } as GeoCollection;
    expect((await rejection(writeShapefile(crs))).code).toBe('unknown-crs');
    expect((await rejection(writeShapefile(countries, { date: new Date('nope') }))).argument).toBe('date');
    expect((await rejection(writeShapefile(countries, 'zip' as never))).argument).toBe('options');
  });
});
