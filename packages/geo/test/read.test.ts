import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  area,
  fromTopoJSON,
  GeoError,
  pointsFromCsv,
  readGeoJSON,
  readShapefile,
  totalBounds,
  validateGeoJSON,
  writeGeoJSON,
} from '../src/index.js';
import { cities, countries, fixtures, nybb, reference, shapefileParts } from './load.js';

const require = (await import('node:module')).createRequire(import.meta.url);

describe('readShapefile', () => {
  const ref = reference.read;

  it('reads the Natural Earth countries as GeoPandas does: rows, columns, values, geometry types, vertices', () => {
    expect(countries.crs).toBe(ref.countries.crs);
    expect(countries.features).toHaveLength(ref.countries.count);
    expect(Object.keys(countries.features[0]?.properties ?? {})).toEqual(ref.countries.columns);
    expect(countries.features[0]?.properties).toEqual(ref.countries.first);
    expect(countries.features.map((f) => f.geometry?.type)).toEqual(ref.countries.geomTypes);
    const vertices = countries.features.map((f) => {
      const g = f.geometry;
      const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
      return polys.reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0);
    });
    expect(vertices).toEqual(ref.countries.vertexCounts);
    totalBounds(countries).forEach((b, i) => {
      expect(b).toBeCloseTo(ref.countries.bounds[i], 9);
    });
  });

  it('reads the NYC boroughs from the zip with the CRS from the .prj (EPSG:2263)', () => {
    expect(nybb.crs).toBe('EPSG:2263');
    expect(nybb.features.map((f) => f.properties)).toEqual(ref.nybb.rows);
    totalBounds(nybb).forEach((b, i) => {
      expect(b).toBeCloseTo(ref.nybb.bounds[i], 6);
    });
  });

  it('reads the cities as points', () => {
    expect(cities.features).toHaveLength(ref.cities.count);
    expect(cities.features.every((f) => f.geometry?.type === 'Point')).toBe(true);
    totalBounds(cities).forEach((b, i) => {
      expect(b).toBeCloseTo(ref.cities.bounds[i], 9);
    });
  });

  it('orients rings as RFC 7946 asks: shells counter-clockwise, holes clockwise', () => {
    const southAfrica = countries.features.find((f) => f.properties?.name === 'South Africa');
    expect(southAfrica?.geometry?.type).toBe('Polygon');
    const rings = southAfrica?.geometry?.type === 'Polygon' ? southAfrica.geometry.coordinates : [];
    expect(rings).toHaveLength(2); // Lesotho is a hole
    const signed = (r: number[][]) =>
      r.reduce(
        (s, p, i) =>
          s +
          ((r[(i + 1) % r.length]?.[0] as number) - (p[0] as number)) *
            ((r[(i + 1) % r.length]?.[1] as number) + (p[1] as number)),
        0,
      );
    expect(signed(rings[0] as number[][])).toBeLessThan(0);
    expect(signed(rings[1] as number[][])).toBeGreaterThan(0);
  });

  it('refuses a zip without the .dbf, naming the missing file', async () => {
    const parts = shapefileParts('naturalearth_cities');
    const zip = zipSync({ 'cities.shp': new Uint8Array(parts.shp), 'cities.prj': new TextEncoder().encode(parts.prj) });
    await expect(readShapefile(zip)).rejects.toThrow(GeoError);
    await expect(readShapefile(zip)).rejects.toThrow(/cities\.dbf/);
  });

  it('refuses bytes that are not a shapefile', async () => {
    await expect(readShapefile({ shp: new Uint8Array(120), dbf: new Uint8Array(40) })).rejects.toMatchObject({
      code: 'invalid-file',
    });
  });

  it('lists records marked deleted in the .dbf instead of dropping them silently', async () => {
    const parts = shapefileParts('naturalearth_cities');
    const dbf = new Uint8Array(parts.dbf);
    const headerLength = dbf[8]! | (dbf[9]! << 8);
    dbf[headerLength] = 0x2a; // first record deleted
    const fc = await readShapefile({ ...parts, dbf });
    expect(fc.features).toHaveLength(242);
    expect(fc.skipped).toEqual([{ index: 0, reason: 'record marked deleted in the .dbf' }]);
  });

  it('keeps the WKT when the .prj names no known CRS', async () => {
    const prj =
      'PROJCS["Custom",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator"],PARAMETER["central_meridian",0.0],UNIT["Meter",1.0]]';
    const fc = await readShapefile({ ...shapefileParts('naturalearth_cities'), prj });
    expect(fc.crs).toBe(prj);
  });

  it('reads a zip given as an ArrayBuffer', async () => {
    const bytes = readFileSync(`${fixtures}nybb_16a.zip`);
    const fc = await readShapefile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(fc.features).toHaveLength(5);
  });
});

describe('readGeoJSON and validateGeoJSON', () => {
  const point = (c: unknown) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } });

  it('names the feature index and the problem', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        point([0, 0]),
        point([0, 0]),
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            ],
          },
        },
      ],
    };
    expect(() => readGeoJSON(fc)).toThrow(
      'features[2].geometry.coordinates[0] must be a closed ring (first position = last); pass repair: true to close it',
    );
    expect(() => readGeoJSON({ type: 'FeatureCollection', features: [point([Number.NaN, 1])] })).toThrow(
      'features[0].geometry.coordinates must be finite numbers',
    );
    expect(() => readGeoJSON({ type: 'FeatureCollection', features: [point([45, 120])] })).toThrow(
      /latitude and longitude swapped/,
    );
    expect(() =>
      readGeoJSON({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'Polygon',
              coordinates: [
                [0, 0],
                [1, 1],
              ],
            },
          },
        ],
      }),
    ).toThrow(/features\[0\]\.geometry\.coordinates\[0\]/);
    expect(() =>
      readGeoJSON({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Circle', coordinates: [0, 0] } }],
      }),
    ).toThrow(/features\[0\]\.geometry\.type/);
    expect(() => readGeoJSON('{"type":')).toThrow(GeoError);
  });

  it('closes rings on request', () => {
    const fc = readGeoJSON(
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
      { repair: true },
    );
    const g = fc.features[0]?.geometry;
    expect(g?.type === 'Polygon' && g.coordinates[0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('counts and reports the features it skips on request', () => {
    const fc = readGeoJSON(
      { type: 'FeatureCollection', features: [point([0, 0]), point([0, 'x']), point([1, 1])] },
      { skipInvalid: true },
    );
    expect(fc.features).toHaveLength(2);
    expect(fc.skipped).toHaveLength(1);
    expect(fc.skipped?.[0]?.index).toBe(1);
  });

  it('does not check degree ranges in a projected CRS', () => {
    expect(
      readGeoJSON({ type: 'FeatureCollection', crs: 'EPSG:2263', features: [point([987654, 201234])] }).features,
    ).toHaveLength(1);
  });

  it('round-trips through writeGeoJSON, keeping a projected CRS', () => {
    const text = writeGeoJSON(nybb);
    const back = readGeoJSON(text);
    expect(back.crs).toBe('EPSG:2263');
    expect(back.features.map((f) => f.properties)).toEqual(nybb.features.map((f) => f.properties));
    expect(validateGeoJSON(back)).toBe(back);
  });
});

describe('fromTopoJSON', () => {
  const world = fromTopoJSON(require('world-atlas/countries-110m.json'), 'countries');
  const byName = (n: string) => world.features.find((f) => f.properties?.name === n);
  const lons = (f: ReturnType<typeof byName>) => {
    const out: number[] = [];
    const g = f?.geometry;
    if (g?.type === 'MultiPolygon') for (const p of g.coordinates) for (const r of p) for (const q of r) out.push(q[0] as number);
    return out;
  };
  // Jumps from 180° to −180° other than along a pole, where Antarctica's ring legitimately runs.
  const jumps = (f: ReturnType<typeof byName>) => {
    let n = 0;
    const g = f?.geometry;
    if (g?.type === 'MultiPolygon')
      for (const p of g.coordinates)
        for (const r of p)
          for (let i = 1; i < r.length; i++)
            if (Math.abs((r[i]?.[0] as number) - (r[i - 1]?.[0] as number)) > 180 && Math.abs(r[i]?.[1] as number) !== 90) n++;
    return n;
  };
  // Natural Earth's shapefile is already split at ±180°; world-atlas (from the same 1:110m
  // source) is not. The geodesic areas of the split shapes match the shapefile's, checked against
  // pyproj (test/reference/geopandas.json), within 1% (the two files differ in simplification).
  const countryArea = (name: string) =>
    reference.measure.countriesGeodesicArea[countries.features.findIndex((f) => f.properties?.name === name)];

  for (const name of ['Fiji', 'Russia', 'Antarctica']) {
    it(`splits ${name} at the antimeridian so its area is right`, () => {
      const f = byName(name);
      expect(jumps(f)).toBe(0);
      expect(Math.max(...lons(f))).toBeLessThanOrEqual(180);
      expect(Math.min(...lons(f))).toBeGreaterThanOrEqual(-180);
      expect(Math.abs(area(f as NonNullable<typeof f>) / countryArea(name) - 1)).toBeLessThan(0.01);
    });
  }

  it('leaves the world-atlas id on the feature', () => {
    expect(byName('Fiji')?.id).toBe('242');
  });

  it('refuses an object the topology does not have', () => {
    expect(() => fromTopoJSON(require('world-atlas/countries-110m.json'), 'states')).toThrow(
      /one of the topology's objects \(countries, land\)/,
    );
  });
});

describe('pointsFromCsv', () => {
  const csv = readFileSync(`${fixtures}airports.csv`, 'utf8');

  it('reads every airport of vega-datasets as a point with typed properties', () => {
    const fc = pointsFromCsv(csv, { lat: 'latitude', lon: 'longitude' });
    expect(fc.features).toHaveLength(3376);
    const jfk = fc.features.find((f) => f.properties?.iata === 'JFK');
    expect(jfk?.properties?.state).toBe('NY');
    expect(jfk?.geometry.coordinates[0]).toBeCloseTo(-73.77892556, 8);
  });

  it('names the row whose coordinates are missing, or skips and reports it', () => {
    const text = 'name,lat,lon\na,1,2\nb,,3\nc,91,0';
    expect(() => pointsFromCsv(text, { lat: 'lat', lon: 'lon' })).toThrow(/rows\[1\]/);
    const fc = pointsFromCsv(text, { lat: 'lat', lon: 'lon', skipInvalid: true });
    expect(fc.features).toHaveLength(1);
    expect(fc.skipped?.map((s) => s.index)).toEqual([1, 2]);
    expect(() => pointsFromCsv(text, { lat: 'latitude', lon: 'lon' })).toThrow(/a column of the CSV \(name, lat, lon\)/);
  });
});
